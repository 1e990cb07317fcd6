import { sql, type Kysely } from 'kysely';
import { engineOf } from '../dialect.js';
import { createSqliteTriggers, SQLITE_FACT_TRIGGERS } from './0022-report-aggregates.js';

/**
 * The report copy's own counter (issue 14). The in-memory report columns (modules/reports/
 * report-columns.ts) were read again after every write to any table migration 0023 counts: an
 * attendance mark that changed nobody's attendance, a title, a trainer, even the `updated_at` a
 * mark touches. Reading them again costs seconds at national scale, so during a training every
 * report paid it. This counter moves only when something the copy holds changes:
 *
 * - a counted fact (report_facts: a participation's role, attendance, sex or organisation type,
 *   its person or event, or the person or event deleted);
 * - the events' key, id, date, status, province, type, country and programme; their topics;
 * - the organisations' name, acronym, type and country;
 * - the people's key, organisation, country, district and year of birth;
 * - a row of those tables added or deleted.
 *
 * The columns named here are the ones report-columns.repository.ts reads: a column added to its
 * reads must be added here (report-columns.test.ts changes each of them from another connection).
 *
 * SQLite: row triggers, with WHEN clauses comparing old and new values (SQLite fires an `update of`
 * trigger whenever the column is set, even to its value). The fact triggers of 0022 are created
 * again with such a clause too: a recount that leaves `attended` as it was no longer removes and
 * adds its fact. PostgreSQL: as 0023 does, triggers note the transaction and a deferred trigger
 * moves the counter at commit: statement triggers for rows added and deleted (a bulk insert notes
 * once) and for report_facts, row triggers with the same WHEN comparison for updates. At commit it
 * locks the change counter's row before its own, so that every transaction takes the two in the
 * same order whichever it noted first (two writers would otherwise deadlock).
 */
const COUNTER = 'report_copy_counter';

/** The columns of each table the copy reads (besides rows added and deleted). */
const READ_COLUMNS = {
  events: ['report_n', 'id', 'start_date', 'status', 'province', 'type', 'country_code', 'programme_id'],
  organizations: ['id', 'name', 'acronym', 'type', 'country_code'],
  people: ['report_n', 'id', 'organization_id', 'country_code', 'district', 'birth_year'],
  event_topics: ['event_id', 'topic_normalized'],
} as const;

const BUMP = `update ${COUNTER} set value = value + 1 where id = 1;`;

export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await createPostgres(db);
    return;
  }
  await sql.raw(`create table ${COUNTER} (id integer primary key, value integer not null)`).execute(db);
  await sql.raw(`insert into ${COUNTER} (id, value) values (1, 0)`).execute(db);
  await createSqliteFactTriggers(db, true);
  for (const [table, columns] of Object.entries(READ_COLUMNS)) {
    const changed = columns.map((c) => `old.${c} is not new.${c}`).join(' or ');
    await sql.raw(`create trigger ${table}_report_copy_insert after insert on ${table} begin ${BUMP} end`).execute(db);
    await sql.raw(`create trigger ${table}_report_copy_delete after delete on ${table} begin ${BUMP} end`).execute(db);
    await sql.raw(`create trigger ${table}_report_copy_update after update of ${columns.join(', ')} on ${table} when ${changed} begin ${BUMP} end`).execute(db);
  }
}

/** 0022's fact triggers on SQLite; with `counting`, as this migration makes them (see above). */
async function createSqliteFactTriggers(db: Kysely<any>, counting: boolean) {
  for (const name of SQLITE_FACT_TRIGGERS) await sql.raw(`drop trigger if exists ${name}`).execute(db);
  await createSqliteTriggers(db, counting ? { then: BUMP, onlyWhenValuesChange: true } : undefined);
}

async function createPostgres(db: Kysely<any>) {
  await sql.raw(`create table ${COUNTER} (id bigint primary key, value bigint not null)`).execute(db);
  await sql.raw(`insert into ${COUNTER} (id, value) values (1, 0)`).execute(db);
  await sql`
    create function hifazat_note_report_change() returns trigger language plpgsql as $$
    begin
      insert into report_copy_counter (id, value) values (-txid_current(), 0) on conflict (id) do nothing;
      return null;
    end $$`.execute(db);
  await sql`
    create function hifazat_count_report_change() returns trigger language plpgsql as $$
    begin
      -- The change counter's row first, as every transaction that moves it takes it: two writers
      -- committing together then lock the two counters in one order, and never deadlock.
      perform 1 from change_counter where id = 1 for update;
      update report_copy_counter set value = value + 1 where id = 1;
      delete from report_copy_counter where id = new.id;
      return null;
    end $$`.execute(db);
  await sql`
    create constraint trigger report_copy_counter_at_commit after insert on report_copy_counter
    deferrable initially deferred for each row when (new.id < 0) execute function hifazat_count_report_change()`.execute(db);
  await sql`create trigger report_facts_report_copy after insert or update or delete or truncate on report_facts
    for each statement execute function hifazat_note_report_change()`.execute(db);
  for (const [table, columns] of Object.entries(READ_COLUMNS)) {
    await sql
      .raw(
        `create trigger ${table}_report_copy after insert or delete or truncate on ${table}
        for each statement execute function hifazat_note_report_change()`,
      )
      .execute(db);
    // Row by row for updates, so that a column set to the value it holds (a whole record saved) is no change.
    await sql
      .raw(
        `create trigger ${table}_report_copy_update after update of ${columns.join(', ')} on ${table}
        for each row when (${columns.map((c) => `old.${c} is distinct from new.${c}`).join(' or ')})
        execute function hifazat_note_report_change()`,
      )
      .execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) === 'postgres') {
    await sql`drop trigger report_facts_report_copy on report_facts`.execute(db);
    for (const table of Object.keys(READ_COLUMNS)) {
      await sql.raw(`drop trigger ${table}_report_copy on ${table}`).execute(db);
      await sql.raw(`drop trigger ${table}_report_copy_update on ${table}`).execute(db);
    }
    await sql.raw(`drop table ${COUNTER}`).execute(db);
    await sql`drop function hifazat_count_report_change()`.execute(db);
    await sql`drop function hifazat_note_report_change()`.execute(db);
    return;
  }
  for (const table of Object.keys(READ_COLUMNS)) {
    for (const kind of ['insert', 'delete', 'update']) await sql.raw(`drop trigger ${table}_report_copy_${kind}`).execute(db);
  }
  await createSqliteFactTriggers(db, false);
  await sql.raw(`drop table ${COUNTER}`).execute(db);
}
