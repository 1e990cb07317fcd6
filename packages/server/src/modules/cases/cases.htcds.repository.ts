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
