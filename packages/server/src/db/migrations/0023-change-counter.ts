import { sql, type Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

/**
 * The change counter (issue 14): one number that moves, in the same transaction, whenever a row
 * changes in a table that the events list, the programme report and the dashboard read. Their
 * answers are cached by the server (shared/live-cache.ts) and served again only while the counter
 * is unchanged: the database moves it itself (triggers), so no code path, other server process or
 * `npx hifazat` import can forget to, and every process on one PostgreSQL sees the same number.
 *
 * - SQLite: a row trigger per table and kind of write. SQLite has one writer at a time, so the
 *   counter's row is no new point of contention.
 * - PostgreSQL: a statement trigger per table (so that a COPY or a bulk INSERT costs one call, not
 *   one per row) notes the transaction by inserting a row keyed by the negated transaction id (ON
 *   CONFLICT DO NOTHING: once per transaction); a deferred constraint trigger on that row moves the
 *   counter and removes the note at commit. The counter's row lock is thus taken last, while the
 *   transaction commits: two writers never deadlock over it (taken at the first write, it would be
 *   held while the transaction waits for other locks, in any order).
 *
 * The counter's row is id 1; only PostgreSQL ever holds (uncommitted) notes, with negative ids.
 * A later migration that rebuilds one of these tables on SQLite (create, copy, drop, rename) drops
 * its triggers with it and must create them again: migrations.test.ts checks that they exist.
 */
export const COUNTED_TABLES = [
  'users',
  'organizations',
  'people',
  'programmes',
  'programme_countries',
  'events',
  'event_topics',
  'event_organizations',
  'event_trainers',
  'participations',
  'attendance',
] as const;

const KINDS = ['insert', 'update', 'delete'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`create table change_counter (id bigint primary key, value bigint not null)`.execute(db);
    await sql`insert into change_counter (id, value) values (1, 0)`.execute(db);
    await sql`
      create function hifazat_note_change() returns trigger language plpgsql as $$
      begin
        insert into change_counter (id, value) values (-txid_current(), 0) on conflict (id) do nothing;
        return null;
      end $$`.execute(db);
    await sql`
      create function hifazat_count_change() returns trigger language plpgsql as $$
      begin
        update change_counter set value = value + 1 where id = 1;
        delete from change_counter where id = new.id;
        return null;
      end $$`.execute(db);
    await sql`
      create constraint trigger change_counter_at_commit after insert on change_counter
      deferrable initially deferred for each row when (new.id < 0) execute function hifazat_count_change()`.execute(db);
    for (const table of COUNTED_TABLES) {
      await sql`create trigger ${sql.id(`${table}_change`)} after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function hifazat_note_change()`.execute(db);
    }
    return;
  }
  await sql`create table change_counter (id integer primary key, value integer not null)`.execute(db);
  await sql`insert into change_counter (id, value) values (1, 0)`.execute(db);
  for (const table of COUNTED_TABLES) {
    for (const kind of KINDS) {
      await sql`create trigger ${sql.id(`${table}_change_${kind}`)} after ${sql.raw(kind)} on ${sql.table(table)}
        begin update change_counter set value = value + 1 where id = 1; end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    for (const table of COUNTED_TABLES) await sql`drop trigger ${sql.id(`${table}_change`)} on ${sql.table(table)}`.execute(db);
    await sql`drop table change_counter`.execute(db);
    await sql`drop function hifazat_count_change()`.execute(db);
    await sql`drop function hifazat_note_change()`.execute(db);
    return;
  }
  for (const table of COUNTED_TABLES) {
    for (const kind of KINDS) await sql`drop trigger ${sql.id(`${table}_change_${kind}`)}`.execute(db);
  }
  await sql`drop table change_counter`.execute(db);
}
