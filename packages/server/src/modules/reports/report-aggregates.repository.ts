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
  await db.transaction().execute((trx) => buildReportAggregates(trx));
  await sql`analyze`.execute(db);
}

export type AggregateDrift = {
  /** (event, sex, organisation type) counts that differ from the raw rows, either way. */
  eventCounts: number;
  /** Counted participations with no compact row, and compact rows with no counted participation. */
  factsMissing: number;
  factsExtra: number;
};

const countedParticipationCounts = sql`
  select event_id, person_sex, coalesce(organization_type, '') as organization_type, count(*) as n
    from participations where role = 'participant' and attended
   group by event_id, person_sex, coalesce(organization_type, '')`;
const countedParticipationFacts = sql`
  select pe.report_n as person_n, e.report_n as event_n, p.person_sex, coalesce(p.organization_type, '') as organization_type
    from participations p join people pe on pe.id = p.person_id join events e on e.id = p.event_id
   where p.role = 'participant' and p.attended`;
const storedCounts = sql`select event_id, person_sex, organization_type, n from report_event_counts`;
const storedFacts = sql`select person_n, event_n, person_sex, organization_type from report_facts`;

async function rowsIn(db: Db, a: RawBuilder<unknown>, b: RawBuilder<unknown>): Promise<number> {
  const found = await sql<{ n: unknown }>`select count(*) as n from (${a} except ${b}) as difference`.execute(db);
  return toCount(found.rows[0]?.n);
}

/** How far the aggregates are from the raw rows: all zero when the triggers kept them. */
export async function reportAggregateDrift(db: Db): Promise<AggregateDrift> {
  const [missingCounts, extraCounts, factsMissing, factsExtra] = await Promise.all([
    rowsIn(db, countedParticipationCounts, storedCounts),
    rowsIn(db, storedCounts, countedParticipationCounts),
    rowsIn(db, countedParticipationFacts, storedFacts),
    rowsIn(db, storedFacts, countedParticipationFacts),
  ]);
  return { eventCounts: missingCounts + extraCounts, factsMissing, factsExtra };
}
