import type { Db } from '../../db/database.js';
import { toJson } from '../../db/dialect.js';
import type { CaseDuplicatesTable, CaseMatchKeysTable } from '../../db/schema.js';

/** Possible duplicates across agencies: SQL only here. Nothing here opens a sealed value. */
export type MatchKeyRow = CaseMatchKeysTable;
export type DuplicateRow = CaseDuplicatesTable;

/** Replaces the case's match keys; each carries the case's agency and country (the match runs within a country). */
export async function replaceMatchKeys(db: Db, caseId: string, keys: Array<Pick<MatchKeyRow, 'kind' | 'token'>>): Promise<void> {
  await db.deleteFrom('case_match_keys').where('case_id', '=', caseId).execute();
  if (keys.length === 0) return;
  const owner = await db.selectFrom('cases').select(['organization_id', 'country_code']).where('id', '=', caseId).executeTakeFirst();
  if (!owner) throw new Error('replaceMatchKeys: the case is written first');
  await db
    .insertInto('case_match_keys')
    .values(keys.map((k) => ({ ...k, case_id: caseId, organization_id: owner.organization_id, country_code: owner.country_code })))
    .execute();
}

export function matchKeysOf(db: Db, caseId: string): Promise<Array<Pick<MatchKeyRow, 'kind' | 'token'>>> {
  return db.selectFrom('case_match_keys').select(['kind', 'token']).where('case_id', '=', caseId).execute();
}

/** Other cases of the country holding one of these tokens, with the kind that matched (at most `limit` rows). */
export function casesSharingKeys(db: Db, caseId: string, countryCode: string, tokens: string[], limit: number) {
  if (tokens.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('case_match_keys')
    .select(['case_id', 'kind', 'token'])
    .where('country_code', '=', countryCode)
    .where('token', 'in', tokens)
    .where('case_id', '!=', caseId)
    .limit(limit)
    .execute();
}

export function nameTokensOf(db: Db, caseIds: string[]): Promise<Array<{ case_id: string; token: string }>> {
  if (caseIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('case_name_tokens').select(['case_id', 'token']).where('case_id', 'in', caseIds).execute();
}

export function findDuplicate(db: Db, id: string): Promise<DuplicateRow | undefined> {
  return db.selectFrom('case_duplicates').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPair(db: Db, caseA: string, caseB: string): Promise<DuplicateRow | undefined> {
  return db.selectFrom('case_duplicates').selectAll().where('case_a_id', '=', caseA).where('case_b_id', '=', caseB).executeTakeFirst();
}

/** The pairs a case is in. */
export function duplicatesOfCase(db: Db, caseId: string): Promise<DuplicateRow[]> {
  return db
    .selectFrom('case_duplicates')
    .selectAll()
    .where((eb) => eb.or([eb('case_a_id', '=', caseId), eb('case_b_id', '=', caseId)]))
    .execute();
}

export async function insertDuplicate(db: Db, row: DuplicateRow): Promise<void> {
  await db
    .insertInto('case_duplicates')
    .values({ ...row, signals: toJson(row.signals) })
    .execute();
}

export async function updateDuplicate(db: Db, id: string, changes: Partial<DuplicateRow>): Promise<void> {
  const values = 'signals' in changes ? { ...changes, signals: toJson(changes.signals) } : changes;
  await db.updateTable('case_duplicates').set(values).where('id', '=', id).execute();
}

export async function deleteDuplicates(db: Db, ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('case_duplicates').where('id', 'in', ids).execute();
}

/** Erasure and anonymisation: the case's match keys and every pair it is in but a merge (ids only, the merge's record). */
export async function forgetDuplicateIndex(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom('case_match_keys').where('case_id', '=', caseId).execute();
  await db
    .deleteFrom('case_duplicates')
    .where((eb) => eb.or([eb('case_a_id', '=', caseId), eb('case_b_id', '=', caseId)]))
    .where('status', '!=', 'merged')
    .execute();
}

export type DuplicateListRow = DuplicateRow;

/** The open pairs (open or merge requested) with a case of this agency, in these countries, strongest first. */
export function openDuplicatesOfAgency(db: Db, organizationId: string, countries: string[] | null, limit: number): Promise<DuplicateRow[]> {
  let query = db
    .selectFrom('case_duplicates')
    .selectAll('case_duplicates')
    .where('case_duplicates.status', 'in', ['open', 'merge_requested'])
    .where((eb) =>
      eb.or([
        eb('case_duplicates.case_a_id', 'in', eb.selectFrom('cases').select('cases.id').where('cases.organization_id', '=', organizationId)),
        eb('case_duplicates.case_b_id', 'in', eb.selectFrom('cases').select('cases.id').where('cases.organization_id', '=', organizationId)),
      ]),
    );
  if (countries !== null) query = query.where('case_duplicates.country_code', 'in', countries.length > 0 ? countries : ['']);
  return query.orderBy('case_duplicates.score', 'desc').orderBy('case_duplicates.detected_at', 'desc').limit(limit).execute();
}

/** What a pair shows of its cases (the sealed identity only for the caller to open when the case is theirs). */
export function casesForPairs(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cases')
    .leftJoin('organizations', 'organizations.id', 'cases.organization_id')
    .select([
      'cases.id',
      'cases.reference',
      'cases.organization_id',
      'organizations.name as agency_name',
      'cases.province',
      'cases.status',
      'cases.identified_on',
      'cases.identity_sealed',
      'cases.merged_into_id',
      'cases.anonymised_at',
    ])
    .where('cases.id', 'in', ids)
    .execute();
}

/** Marks `caseId` merged into `keepId`; cases merged into it before follow it (no chains). */
export async function markMerged(db: Db, caseId: string, keepId: string, at: string): Promise<void> {
  await db.updateTable('cases').set({ merged_into_id: keepId, merged_at: at, updated_at: at }).where('id', '=', caseId).execute();
  await db.updateTable('cases').set({ merged_into_id: keepId }).where('merged_into_id', '=', caseId).execute();
  await db.deleteFrom('case_match_keys').where('case_id', '=', caseId).execute();
}

/** The cases merged into this one, with their references. */
export function casesMergedInto(db: Db, caseId: string): Promise<Array<{ id: string; reference: string }>> {
  return db.selectFrom('cases').select(['id', 'reference']).where('merged_into_id', '=', caseId).execute();
}

/** The audit trails of several cases (a case and those merged into it), oldest first. */
export function auditEntriesOfCases(db: Db, caseIds: string[]) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.changes',
      'audit_log.note',
      'audit_log.user_id',
      'audit_log.entity_id',
      'users.name as user_name',
    ])
    .where('audit_log.entity_type', '=', 'case')
    .where('audit_log.entity_id', 'in', caseIds)
    .orderBy('audit_log.seq', 'asc')
    .limit(4000)
    .execute();
}

/** Every case that still identifies its person and is not merged (for `cases reindex`), a batch after `afterId`. */
export function casesToIndex(db: Db, afterId: string, limit: number) {
  return db
    .selectFrom('cases')
    .select(['id'])
    .where('identity_sealed', 'is not', null)
    .where('merged_into_id', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}
