import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { CaseBreakGlassTable, CaseScreeningsTable, CasesTable } from '../../db/schema.js';
import { toJson } from '../../db/dialect.js';

/** Victims' case files: SQL only here. Nothing here opens a sealed value. */
export type CaseRow = CasesTable;
export type CaseScreeningRow = CaseScreeningsTable;
export type BreakGlassRow = CaseBreakGlassTable;

/**
 * Which cases a reader sees. `agency`: the cases their agency opened (in `provinces` when set), in
 * their countries; `grantsOf`: the cases they hold a live break-glass grant for. Either may be absent.
 */
export type CaseScope = {
  countries: string[] | null;
  agency: { organizationId: string; provinces: string[] | null } | null;
  grantsOf: { userId: string; now: string } | null;
};

export type CaseListFilters = {
  /** Every one of these blind-index tokens (a name search). */
  tokens?: string[];
  reference?: string;
  status?: string;
  countryCode?: string;
  /** Identified at an age under 18 (or born after this date, when known: checked by the service). */
  childrenOnly?: boolean;
  after?: { createdAt: string; id: string };
  limit: number;
};

export type CaseListRow = CaseRow & { agency_name: string | null; in_agency_scope: number | boolean };

/** The next reference number of a country's year, taken inside the caller's transaction. */
export async function nextReferenceNumber(db: Db, countryCode: string, year: number): Promise<number> {
  const bumped = await db
    .updateTable('case_reference_counters')
    .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
    .where('country_code', '=', countryCode)
    .where('year', '=', year)
    .returning('last_number')
    .executeTakeFirst();
  if (bumped) return Number(bumped.last_number);
  await db.insertInto('case_reference_counters').values({ country_code: countryCode, year, last_number: 1 }).execute();
  return 1;
}

export async function insertCase(db: Db, row: CaseRow): Promise<void> {
  await db
    .insertInto('cases')
    .values({ ...row, victim_languages: toJson(row.victim_languages) })
    .execute();
}

export async function updateCase(db: Db, id: string, changes: Partial<CaseRow>): Promise<void> {
  const values = 'victim_languages' in changes ? { ...changes, victim_languages: toJson(changes.victim_languages) } : changes;
  await db.updateTable('cases').set(values).where('id', '=', id).execute();
  // The name tokens and referrals carry the case's agency (0017, 0020): a case handed to another agency takes them along.
  if (changes.organization_id !== undefined) {
    await db.updateTable('case_name_tokens').set({ organization_id: changes.organization_id }).where('case_id', '=', id).execute();
    await db.updateTable('case_referrals').set({ organization_id: changes.organization_id }).where('case_id', '=', id).execute();
  }
}

/** Replaces the case's blind-index tokens; each carries the case's agency, which listCases searches by. */
export async function replaceNameTokens(db: Db, caseId: string, tokens: string[]): Promise<void> {
  await db.deleteFrom('case_name_tokens').where('case_id', '=', caseId).execute();
  if (tokens.length === 0) return;
  const owner = await db.selectFrom('cases').select('organization_id').where('id', '=', caseId).executeTakeFirst();
  if (!owner) throw new Error('replaceNameTokens: the case is written first');
  await db
    .insertInto('case_name_tokens')
    .values(tokens.map((token) => ({ token, case_id: caseId, organization_id: owner.organization_id })))
    .execute();
}

/** Several cases at once (a list that shows them: referrals), in no particular order. */
export function findCases(db: Db, ids: string[]): Promise<CaseRow[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.selectFrom('cases').selectAll().where('id', 'in', wanted).execute();
}

export function organizationNames(db: Db, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').select(['id', 'name']).where('id', 'in', wanted).execute();
}

export function findCase(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Takes the case's row lock (PostgreSQL; SQLite writes one at a time): a screening's version number and an erasure never race. */
export async function lockCase(db: Db, id: string): Promise<void> {
  await db
    .updateTable('cases')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .execute();
}

function scoped(db: Db, scope: CaseScope) {
  let query = db.selectFrom('cases').leftJoin('organizations', 'organizations.id', 'cases.organization_id');
  if (scope.countries !== null) query = query.where('cases.country_code', 'in', scope.countries.length > 0 ? scope.countries : ['']);
  const agency = scope.agency;
  const grants = scope.grantsOf;
  return query.where((eb) => {
    const ors = [];
    if (agency) {
      const own = eb('cases.organization_id', '=', agency.organizationId);
      ors.push(agency.provinces === null ? own : eb.and([own, eb('cases.province', 'in', agency.provinces.length > 0 ? agency.provinces : [''])]));
    }
    if (grants) {
      ors.push(
        eb(
          'cases.id',
          'in',
          eb
            .selectFrom('case_break_glass')
            .select('case_break_glass.case_id')
            .where('case_break_glass.user_id', '=', grants.userId)
            .where('case_break_glass.expires_at', '>', grants.now),
        ),
      );
    }
    return ors.length > 0 ? eb.or(ors) : eb.val(false);
  });
}

/** Whether the row is in the reader's agency scope (1) rather than seen through a grant (0). */
function agencyScopeFlag(scope: CaseScope) {
  const agency = scope.agency;
  if (!agency) return sql<number>`0`;
  if (agency.provinces === null) return sql<number>`case when cases.organization_id = ${agency.organizationId} then 1 else 0 end`;
  return sql<number>`case when cases.organization_id = ${agency.organizationId} and cases.province in (${sql.join(agency.provinces.length > 0 ? agency.provinces : [''])}) then 1 else 0 end`;
}

/**
 * The cases holding `token` that the scope can reach: the token's entries of the reader's agency
 * (index case_name_tokens_agency_idx), and those of the cases they hold a live grant for. Without
 * the agency, a common name's token is a tenth of all the cases in the country (see migration 0017).
 */
function casesWithToken(db: Db, scope: CaseScope, token: string) {
  const agency = scope.agency;
  const grants = scope.grantsOf;
  const ofAgency = agency
    ? db
        .selectFrom('case_name_tokens')
        .select('case_name_tokens.case_id')
        .where('case_name_tokens.token', '=', token)
        .where('case_name_tokens.organization_id', '=', agency.organizationId)
    : null;
  const granted = grants
    ? db
        .selectFrom('case_name_tokens')
        .innerJoin('case_break_glass', 'case_break_glass.case_id', 'case_name_tokens.case_id')
        .select('case_name_tokens.case_id')
        .where('case_name_tokens.token', '=', token)
        .where('case_break_glass.user_id', '=', grants.userId)
        .where('case_break_glass.expires_at', '>', grants.now)
    : null;
  if (ofAgency && granted) return ofAgency.unionAll(granted);
  // A scope with neither reaches no case (scoped() says so); the plain lookup keeps the query valid.
  return ofAgency ?? granted ?? db.selectFrom('case_name_tokens').select('case_name_tokens.case_id').where('case_name_tokens.token', '=', token);
}

/** A page of the cases in scope, newest first; a name search intersects the blind-index tokens. */
export async function listCases(db: Db, scope: CaseScope, filters: CaseListFilters): Promise<CaseListRow[]> {
  let query = scoped(db, scope)
    .selectAll('cases')
    .select(['organizations.name as agency_name', agencyScopeFlag(scope).as('in_agency_scope')]);
  // A case merged into another (a duplicate, issue 13) is read through the kept one, never listed.
  query = query.where('cases.merged_into_id', 'is', null);
  for (const token of filters.tokens ?? []) query = query.where('cases.id', 'in', casesWithToken(db, scope, token));
  if (filters.reference) query = query.where('cases.reference', '=', filters.reference);
  if (filters.status) query = query.where('cases.status', '=', filters.status);
  if (filters.countryCode) query = query.where('cases.country_code', '=', filters.countryCode);
  if (filters.childrenOnly) query = query.where('cases.victim_age_at_identification', '<', 18);
  const after = filters.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('cases.created_at', '<', after.createdAt), eb.and([eb('cases.created_at', '=', after.createdAt), eb('cases.id', '<', after.id)])]),
    );
  }
  return (await query.orderBy('cases.created_at', 'desc').orderBy('cases.id', 'desc').limit(filters.limit).execute()) as CaseListRow[];
}

/** The case if the scope reaches it, with how (agency scope or a grant). */
export async function findCaseInScope(db: Db, scope: CaseScope, id: string): Promise<CaseListRow | undefined> {
  return (await scoped(db, scope)
    .selectAll('cases')
    .select(['organizations.name as agency_name', agencyScopeFlag(scope).as('in_agency_scope')])
    .where('cases.id', '=', id)
    .executeTakeFirst()) as CaseListRow | undefined;
}

export function organizationName(db: Db, id: string): Promise<{ name: string } | undefined> {
  return db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst();
}

export function userNames(db: Db, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
}

/** The account's agency and area (the Actor carries only its countries). */
export function scopeOfUser(
  db: Db,
  userId: string,
): Promise<{ organization_id: string | null; provinces: unknown; mfa_confirmed_at: string | null } | undefined> {
  return db.selectFrom('users').select(['organization_id', 'provinces', 'mfa_confirmed_at']).where('id', '=', userId).executeTakeFirst();
}

export function listScreenings(db: Db, caseId: string): Promise<CaseScreeningRow[]> {
  return db.selectFrom('case_screenings').selectAll().where('case_id', '=', caseId).orderBy('version', 'desc').execute();
}

export async function lastScreeningVersion(db: Db, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_screenings')
    .select((eb) => eb.fn.max('version').as('version'))
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export function findScreening(db: Db, id: string): Promise<CaseScreeningRow | undefined> {
  return db.selectFrom('case_screenings').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertScreening(db: Db, row: CaseScreeningRow): Promise<void> {
  await db
    .insertInto('case_screenings')
    .values({ ...row, input: toJson(row.input), result: toJson(row.result) })
    .execute();
}

export async function insertBreakGlass(db: Db, row: BreakGlassRow): Promise<void> {
  await db.insertInto('case_break_glass').values(row).execute();
}

export function breakGlassOfCase(db: Db, caseId: string): Promise<BreakGlassRow[]> {
  return db.selectFrom('case_break_glass').selectAll().where('case_id', '=', caseId).orderBy('at', 'desc').execute();
}

/** Erasure and retention: a reason typed at break-glass may name the person; an empty sealed text is kept in its place. */
export async function forgetBreakGlassReasons(db: Db, caseId: string): Promise<void> {
  await db.updateTable('case_break_glass').set({ reason_sealed: '' }).where('case_id', '=', caseId).execute();
}

/**
 * What the SOP work (issue 13) wrote about the person goes with an erasure or anonymisation: transition
 * notes, task titles, the care file's sealed part (perpetrators, support plan), the justice track, and consents' and referrals' sealed texts.
 */
export async function forgetCaseWork(db: Db, caseId: string): Promise<void> {
  await db.updateTable('case_transitions').set({ note_sealed: null }).where('case_id', '=', caseId).execute();
  await db.updateTable('case_tasks').set({ title_sealed: '' }).where('case_id', '=', caseId).execute();
  await db.updateTable('case_care_files').set({ sealed: null }).where('case_id', '=', caseId).execute();
  await db.updateTable('case_justice').set({ sealed: null }).where('case_id', '=', caseId).execute();
  // Consent and referral: what the person agreed to and who gave it, and every reason, answer and outcome note.
  await db.updateTable('case_consents').set({ purpose_sealed: null, given_by_sealed: null }).where('case_id', '=', caseId).execute();
  await db
    .updateTable('case_referrals')
    .set({ reason_sealed: null, override_reason_sealed: null, answer_sealed: null, outcome_sealed: null, closing_note_sealed: null })
    .where('case_id', '=', caseId)
    .execute();
  // Nothing is left to refer: live referrals are withdrawn (the provider stops seeing the person), consents end.
  const at = new Date().toISOString();
  await db
    .updateTable('case_referrals')
    .set({ status: 'withdrawn', closed_at: at, updated_at: at })
    .where('case_id', '=', caseId)
    .where('status', 'in', ['sent', 'accepted'])
    .execute();
  await db.updateTable('case_consents').set({ withdrawn_at: at }).where('case_id', '=', caseId).where('withdrawn_at', 'is', null).execute();
}

export function findBreakGlass(db: Db, id: string): Promise<BreakGlassRow | undefined> {
  return db.selectFrom('case_break_glass').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Break-glass openings of cases of these countries (null: all), oldest unreviewed first. */
export function listBreakGlass(db: Db, countries: string[] | null, reviewed: boolean | undefined): Promise<Array<BreakGlassRow & { reference: string }>> {
  let query = db
    .selectFrom('case_break_glass')
    .innerJoin('cases', 'cases.id', 'case_break_glass.case_id')
    .selectAll('case_break_glass')
    .select('cases.reference');
  if (countries !== null) query = query.where('cases.country_code', 'in', countries.length > 0 ? countries : ['']);
  if (reviewed === true) query = query.where('case_break_glass.reviewed_at', 'is not', null);
  if (reviewed === false) query = query.where('case_break_glass.reviewed_at', 'is', null);
  return query.orderBy('case_break_glass.at', 'desc').limit(500).execute();
}

export async function markBreakGlassReviewed(db: Db, id: string, userId: string, at: string): Promise<void> {
  await db.updateTable('case_break_glass').set({ reviewed_at: at, reviewed_by: userId }).where('id', '=', id).execute();
}

/** A case's audit trail, oldest first (entries hold ids and field names, never names of people). */
export function caseAuditEntries(db: Db, caseId: string) {
  return db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.changes', 'audit_log.note', 'audit_log.user_id', 'users.name as user_name'])
    .where('audit_log.entity_type', '=', 'case')
    .where('audit_log.entity_id', '=', caseId)
    .orderBy('audit_log.seq', 'asc')
    .limit(2000)
    .execute();
}

export type StatisticsRow = {
  victim_sex: string;
  victim_age_at_identification: number | null;
  status: string;
  province: string | null;
  victim_citizenship: string | null;
  trafficking_status: string | null;
  last_suggestion: string | null;
  n: number | string;
};

/** Counts of cases grouped by the fields statistics publish (never a sealed column, never an id). */
export function statisticsRows(db: Db, countries: string[] | null, filters: { countryCode?: string; year?: number }): Promise<StatisticsRow[]> {
  // 0: a child at identification, 18: an adult, null: age not known.
  const ageGroup = sql<number | null>`case when victim_age_at_identification is null then null when victim_age_at_identification < 18 then 0 else 18 end`;
  let query = db
    .selectFrom('cases')
    .select([
      'victim_sex',
      ageGroup.as('victim_age_at_identification'),
      'status',
      'province',
      'victim_citizenship',
      'trafficking_status',
      'last_suggestion',
      (eb) => eb.fn.countAll<number>().as('n'),
    ]);
  // A merged case is the kept case's person: counted once (issue 13).
  query = query.where('merged_into_id', 'is', null);
  if (countries !== null) query = query.where('country_code', 'in', countries.length > 0 ? countries : ['']);
  if (filters.countryCode) query = query.where('country_code', '=', filters.countryCode);
  if (filters.year) query = query.where('identified_on', '>=', `${filters.year}-01-01`).where('identified_on', '<=', `${filters.year}-12-31`);
  return query.groupBy(['victim_sex', ageGroup, 'status', 'province', 'victim_citizenship', 'trafficking_status', 'last_suggestion']).execute() as Promise<
    StatisticsRow[]
  >;
}

function expiredCases(db: Db, closedBefore: string) {
  return db.selectFrom('cases').where('status', '=', 'closed').where('anonymised_at', 'is', null).where('closed_at', '<', closedBefore);
}

/** Closed cases, not yet anonymised, closed before `closedBefore`. */
export function casesToAnonymise(db: Db, closedBefore: string, limit: number): Promise<Array<{ id: string }>> {
  return expiredCases(db, closedBefore).select('id').limit(limit).execute();
}

/** How many cases casesToAnonymise would hand out in all (`cases anonymise --dry-run`). */
export async function countCasesToAnonymise(db: Db, closedBefore: string): Promise<number> {
  const row = await expiredCases(db, closedBefore)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Sets a case closed at `closedAt`. Stands in for the closure transition of the case workflow (issue
 * 13), which does not exist yet: the retention tests close cases with it, years in the past.
 */
export async function setCaseClosed(db: Db, id: string, closedAt: string): Promise<void> {
  await db.updateTable('cases').set({ status: 'closed', closed_at: closedAt }).where('id', '=', id).execute();
}
