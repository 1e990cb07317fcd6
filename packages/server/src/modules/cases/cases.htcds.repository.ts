import type { Db } from '../../db/database.js';

/** HTCDS exchange: SQL only here. Nothing here opens a sealed value. */

/** Bound parameters per query, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 900;

/** Reads rows for many ids, CHUNK ids a query. */
async function inChunks<T>(ids: string[], read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) rows.push(...(await read(ids.slice(i, i + CHUNK))));
  return rows;
}

/** The care files' plain context (pick-lists, places, dates, perpetrators' roles) of these cases, by case id. */
export async function careContexts(db: Db, caseIds: string[]): Promise<Map<string, unknown>> {
  const rows = await inChunks(caseIds, (part) => db.selectFrom('case_care_files').select(['case_id', 'context']).where('case_id', 'in', part).execute());
  return new Map(rows.map((row) => [row.case_id, row.context]));
}

/** Names of the accounts that opened these cases (HTCDS cas_CaseOwner). */
export async function ownerNames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const rows = await inChunks([...new Set(userIds)], (part) => db.selectFrom('users').select(['id', 'name']).where('id', 'in', part).execute());
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The latest referral of each case that was not withdrawn (HTCDS cas_ Outgoing Referral fields), by case id. */
export async function latestReferrals(
  db: Db,
  caseIds: string[],
): Promise<Map<string, { referredAt: string; serviceName: string; serviceType: string; organizationName: string | null; status: string }>> {
  const rows = await inChunks(caseIds, (part) =>
    db
      .selectFrom('case_referrals')
      .innerJoin('services', 'services.id', 'case_referrals.service_id')
      .leftJoin('organizations', 'organizations.id', 'services.organization_id')
      .select([
        'case_referrals.case_id',
        'case_referrals.referred_at',
        'case_referrals.status',
        'services.name',
        'services.type',
        'organizations.name as organization_name',
      ])
      .where('case_referrals.case_id', 'in', part)
      .where('case_referrals.status', '!=', 'withdrawn')
      .orderBy('case_referrals.referred_at')
      .execute(),
  );
  // In order of sending within each chunk (a case's referrals are all in its chunk): the last written is its latest.
  const found = new Map<string, { referredAt: string; serviceName: string; serviceType: string; organizationName: string | null; status: string }>();
  for (const r of rows) {
    found.set(r.case_id, { referredAt: r.referred_at, serviceName: r.name, serviceType: r.type, organizationName: r.organization_name, status: r.status });
  }
  return found;
}
