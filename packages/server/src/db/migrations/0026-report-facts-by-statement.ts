import { sql, type Kysely } from 'kysely';
import { engineOf } from '../dialect.js';

/**
 * PostgreSQL: the report aggregates follow inserted and deleted participations once per statement
 * (transition tables) instead of once per row. Row by row, a 50,000-row import into one event
 * updated the same handful of `report_event_counts` rows (one per sex and organisation type) 50,000
 * times in one transaction; each update leaves a row version that the next one's index lookup
 * still has to step over until the transaction ends, so the cost grew with the square of the rows:
 * the participations of that import took 13.6 s, most of a 2,231 rows/s import (docs/benchmarks.md,
 * import_rows_per_s). Per statement, the rows are counted by group and added once.
 *
 * Updates stay row by row (0022's `report_participation_update`): PostgreSQL allows no transition
 * tables on a trigger with a column list, and without the list every attendance mark would run a
 * statement over its old and new rows. SQLite has no statement triggers; its row triggers (0022)
 * stay, and cost little there (no row versions).
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`
    create function report_participations_inserted() returns trigger language plpgsql as $$
    begin
      insert into report_event_counts (event_id, person_sex, organization_type, n)
        select event_id, person_sex, coalesce(organization_type, ''), count(*) from inserted_rows
         where role = 'participant' and attended
         group by event_id, person_sex, coalesce(organization_type, '')
        on conflict (event_id, person_sex, organization_type) do update set n = report_event_counts.n + excluded.n;
      insert into report_facts (person_n, event_n, person_sex, organization_type)
        select pe.report_n, e.report_n, r.person_sex, coalesce(r.organization_type, '')
          from inserted_rows r join people pe on pe.id = r.person_id join events e on e.id = r.event_id
         where r.role = 'participant' and r.attended;
      return null;
    end $$`.execute(db);
  // A deleted event's participations go by cascade after the event row is gone: its counts and facts
  // went with it (0022's report_owner_delete), and the joins below find nothing more of it.
  await sql`
    create function report_participations_deleted() returns trigger language plpgsql as $$
    begin
      update report_event_counts c set n = c.n - gone.n
        from (select event_id, person_sex, coalesce(organization_type, '') as organization_type, count(*) as n
                from deleted_rows where role = 'participant' and attended
               group by event_id, person_sex, coalesce(organization_type, '')) gone
       where c.event_id = gone.event_id and c.person_sex = gone.person_sex and c.organization_type = gone.organization_type;
      delete from report_event_counts c
       using (select distinct event_id, person_sex, coalesce(organization_type, '') as organization_type
                from deleted_rows where role = 'participant' and attended) gone
       where c.event_id = gone.event_id and c.person_sex = gone.person_sex and c.organization_type = gone.organization_type and c.n <= 0;
      delete from report_facts f
       using deleted_rows r, people pe, events e
       where r.role = 'participant' and r.attended and pe.id = r.person_id and e.id = r.event_id
         and f.person_n = pe.report_n and f.event_n = e.report_n;
      return null;
    end $$`.execute(db);
  await sql`drop trigger report_participation_write on participations`.execute(db);
  await sql`create trigger report_participation_insert after insert on participations
    referencing new table as inserted_rows for each statement execute function report_participations_inserted()`.execute(db);
  await sql`create trigger report_participation_delete after delete on participations
    referencing old table as deleted_rows for each statement execute function report_participations_deleted()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (engineOf(db) !== 'postgres') return;
  await sql`drop trigger report_participation_insert on participations`.execute(db);
  await sql`drop trigger report_participation_delete on participations`.execute(db);
  await sql`drop function report_participations_inserted()`.execute(db);
  await sql`drop function report_participations_deleted()`.execute(db);
  await sql`create trigger report_participation_write after insert or delete on participations
    for each row execute function report_participation_change()`.execute(db);
}
