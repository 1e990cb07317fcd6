import type { Db } from '../../db/database.js';

/** HTCDS exchange: SQL only here. Nothing here opens a sealed value. */

/** Bound parameters per query, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 900;

/** The care files' plain context (pick-lists, places, dates, perpetrators' roles) of these cases, by case id. */
export async function careContexts(db: Db, caseIds: string[]): Promise<Map<string, unknown>> {
  const found = new Map<string, unknown>();
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('case_care_files')
      .select(['case_id', 'context'])
      .where('case_id', 'in', caseIds.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.set(row.case_id, row.context);
  }
  return found;
}

/** Names of the accounts that opened these cases (HTCDS cas_CaseOwner). */
export async function ownerNames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(userIds)];
  const found = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', wanted.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.set(row.id, row.name);
  }
  return found;
}

/** The latest referral of each case that was not withdrawn (HTCDS cas_ Outgoing Referral fields), by case id. */
export async function latestReferrals(
  db: Db,
  caseIds: string[],
): Promise<Map<string, { referredAt: string; serviceName: string; serviceType: string; organizationName: string | null; status: string }>> {
  const found = new Map<string, { referredAt: string; serviceName: string; serviceType: string; organizationName: string | null; status: string }>();
  for (let i = 0; i < caseIds.length; i += CHUNK) {
    const rows = await db
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
      .where('case_referrals.case_id', 'in', caseIds.slice(i, i + CHUNK))
      .where('case_referrals.status', '!=', 'withdrawn')
      .orderBy('case_referrals.referred_at')
      .execute();
    // In order of sending: the last one written for a case is its latest.
    for (const r of rows) {
      found.set(r.case_id, { referredAt: r.referred_at, serviceName: r.name, serviceType: r.type, organizationName: r.organization_name, status: r.status });
    }
  }
  return found;
}
