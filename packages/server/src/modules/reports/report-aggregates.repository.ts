import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { toCount } from '../../db/dialect.js';
import { buildReportAggregates } from '../../db/migrations/0022-report-aggregates.js';

/**
 * The report aggregates (migration 0022) are kept by triggers; these are the two things done to them
 * by hand: rebuilding them from the raw rows (after a bulk load with the triggers off, or to repair
 * them), and checking that they agree with the raw rows (doctor).
 */

/** Empty and refill both aggregates from `participations`, in one transaction, then refresh statistics. */
export async function rebuildReportAggregates(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // The copies on the participations first (kept by app code, refreshParticipationFacts, not by
    // triggers): a write straight to people or organizations leaves them behind, and the aggregates
    // are built from them.
    await sql`update participations set person_sex = ${personSex}, organization_type = ${organizationType} where ${copiesStale}`.execute(trx);
    await buildReportAggregates(trx);
    // Writes to the aggregates alone move neither counter on SQLite (0023 counts the raw tables, 0024
    // the facts through the participations' triggers): moved here, so the report columns held in
    // memory (report-columns.ts) and the cached answers are made again.
    await sql`update change_counter set value = value + 1 where id = 1`.execute(trx);
    await sql`update report_copy_counter set value = value + 1 where id = 1`.execute(trx);
  });
  await sql`analyze`.execute(db);
}

export type AggregateDrift = {
  /** (event, sex, organisation type) counts that differ from the raw rows, either way. */
  eventCounts: number;
  /** Counted participations with no compact row, and compact rows with no counted participation. */
  factsMissing: number;
  factsExtra: number;
  /**
   * Participations whose copies of the person's sex or organisation type differ from the person's
   * (the aggregates follow the copies, so they would agree with each other and both be wrong).
   */
  staleCopies: number;
};

const countedParticipationCounts = sql`
  select event_id, person_sex, coalesce(organization_type, '') as organization_type, count(*) as n
    from participations where role = 'participant' and attended
   group by event_id, person_sex, coalesce(organization_type, '')`;
const countedParticipationFacts = sql`
  select pe.report_n as person_n, e.report_n as event_n, p.person_sex, coalesce(p.organization_type, '') as organization_type
    from participations p join people pe on pe.id = p.person_id join events e on e.id = p.event_id
   where p.role = 'participant' and p.attended`;
// The person's sex and organisation type as participations copy them (participations.repository.ts).
const personSex = sql`(select pe.sex from people pe where pe.id = participations.person_id)`;
const organizationType = sql`(select o.type from people pe join organizations o on o.id = pe.organization_id where pe.id = participations.person_id)`;
const copiesStale = sql`(person_sex <> ${personSex} or coalesce(organization_type, '') <> coalesce(${organizationType}, ''))`;
const storedCounts = sql`select event_id, person_sex, organization_type, n from report_event_counts`;
const storedFacts = sql`select person_n, event_n, person_sex, organization_type from report_facts`;

async function rowsIn(db: Db, a: RawBuilder<unknown>, b: RawBuilder<unknown>): Promise<number> {
  const found = await sql<{ n: unknown }>`select count(*) as n from (${a} except ${b}) as difference`.execute(db);
  return toCount(found.rows[0]?.n);
}

/** How far the aggregates are from the raw rows: all zero when the triggers kept them. */
export async function reportAggregateDrift(db: Db): Promise<AggregateDrift> {
  const [missingCounts, extraCounts, factsMissing, factsExtra, stale] = await Promise.all([
    rowsIn(db, countedParticipationCounts, storedCounts),
    rowsIn(db, storedCounts, countedParticipationCounts),
    rowsIn(db, countedParticipationFacts, storedFacts),
    rowsIn(db, storedFacts, countedParticipationFacts),
    sql<{ n: unknown }>`select count(*) as n from participations where ${copiesStale}`.execute(db),
  ]);
  return { eventCounts: missingCounts + extraCounts, factsMissing, factsExtra, staleCopies: toCount(stale.rows[0]?.n) };
}
