import type { SelectQueryBuilder } from 'kysely';
import type { Db } from '../../db/database.js';
import { toJson } from '../../db/dialect.js';
import type { CaseConsentsTable, CaseReferralsTable, Database } from '../../db/schema.js';
import type { WorkScope } from './case-work.repository.js';

/** Consent and referral: SQL only here. Nothing here opens a sealed value. */
export type ConsentRow = CaseConsentsTable;
export type ReferralRow = CaseReferralsTable;
/** A referral with what every reader's view needs from its case and service. */
export type ReferralListRow = ReferralRow & {
  reference: string;
  case_organization_id: string | null;
  service_name: string;
  service_type: string;
};

export async function insertConsent(db: Db, row: ConsentRow): Promise<void> {
  await db.insertInto('case_consents').values(row).execute();
}

export function consentsOfCase(db: Db, caseId: string): Promise<ConsentRow[]> {
  return db.selectFrom('case_consents').selectAll().where('case_id', '=', caseId).orderBy('given_at', 'desc').orderBy('id').execute();
}

export function findConsent(db: Db, caseId: string, id: string): Promise<ConsentRow | undefined> {
  return db.selectFrom('case_consents').selectAll().where('case_id', '=', caseId).where('id', '=', id).executeTakeFirst();
}

export function consentsByIds(db: Db, ids: string[]): Promise<ConsentRow[]> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return Promise.resolve([]);
  return db.selectFrom('case_consents').selectAll().where('id', 'in', wanted).execute();
}

/** The newest standing consent of the case for this service (a consent for any service is named explicitly). */
export function standingConsentFor(db: Db, caseId: string, serviceId: string): Promise<ConsentRow | undefined> {
  return db
    .selectFrom('case_consents')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('service_id', '=', serviceId)
    .where('withdrawn_at', 'is', null)
    .orderBy('given_at', 'desc')
    .executeTakeFirst();
}

export async function hasStandingConsentOrReferral(db: Db, caseId: string): Promise<boolean> {
  const consent = await db.selectFrom('case_consents').select('id').where('case_id', '=', caseId).where('withdrawn_at', 'is', null).executeTakeFirst();
  if (consent) return true;
  const referral = await db.selectFrom('case_referrals').select('id').where('case_id', '=', caseId).where('status', '!=', 'withdrawn').executeTakeFirst();
  return referral !== undefined;
}

export async function withdrawConsent(db: Db, id: string, userId: string, at: string): Promise<void> {
  await db.updateTable('case_consents').set({ withdrawn_at: at, withdrawn_by: userId }).where('id', '=', id).where('withdrawn_at', 'is', null).execute();
}

export async function insertReferral(db: Db, row: ReferralRow): Promise<void> {
  await db
    .insertInto('case_referrals')
    .values({ ...row, shares: toJson(row.shares) })
    .execute();
}

export async function updateReferral(db: Db, id: string, changes: Partial<Omit<ReferralRow, 'id' | 'shares'>>): Promise<void> {
  await db.updateTable('case_referrals').set(changes).where('id', '=', id).execute();
}

function joined(db: Db) {
  return db
    .selectFrom('case_referrals')
    .innerJoin('cases', 'cases.id', 'case_referrals.case_id')
    .innerJoin('services', 'services.id', 'case_referrals.service_id');
}

function withCaseAndService(db: Db) {
  return joined(db)
    .selectAll('case_referrals')
    .select(['cases.reference', 'cases.organization_id as case_organization_id', 'services.name as service_name', 'services.type as service_type']);
}

export function findReferral(db: Db, id: string): Promise<ReferralListRow | undefined> {
  return withCaseAndService(db).where('case_referrals.id', '=', id).executeTakeFirst();
}

/** Takes the referral's row lock (PostgreSQL) before a change of state; SQLite's writer lock covers it. */
export async function lockReferral(db: Db, id: string): Promise<void> {
  await db
    .updateTable('case_referrals')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .execute();
}

export function referralsOfCase(db: Db, caseId: string): Promise<ReferralListRow[]> {
  return withCaseAndService(db)
    .where('case_referrals.case_id', '=', caseId)
    .orderBy('case_referrals.referred_at', 'desc')
    .orderBy('case_referrals.id')
    .execute();
}

export function liveReferralsUnderConsent(db: Db, consentId: string): Promise<ReferralRow[]> {
  return db.selectFrom('case_referrals').selectAll().where('consent_id', '=', consentId).where('status', 'in', ['sent', 'accepted']).execute();
}

/** Whether the provider account answers for a service this case has a referral to, in one of `statuses`. */
export async function caseReferredToProvider(db: Db, caseId: string, providerId: string, statuses: readonly string[]): Promise<ReferralRow | undefined> {
  return db
    .selectFrom('case_referrals')
    .innerJoin('service_providers', 'service_providers.service_id', 'case_referrals.service_id')
    .selectAll('case_referrals')
    .where('case_referrals.case_id', '=', caseId)
    .where('service_providers.user_id', '=', providerId)
    .where('case_referrals.status', 'in', [...statuses])
    .orderBy('case_referrals.referred_at', 'desc')
    .executeTakeFirst();
}

export type ReferralFilters = { status?: string; dueBefore?: string; limit: number };

/** Whose referrals: a provider account's (to the services it answers for) or a work scope's (of the cases it works on). */
export type ReferralReach = { providerId: string } | { scope: WorkScope };

type Joined<O> = SelectQueryBuilder<Database, 'case_referrals' | 'cases' | 'services', O>;

function reached<O>(query: Joined<O>, reach: ReferralReach): Joined<O> {
  if ('providerId' in reach) {
    return query.where('case_referrals.service_id', 'in', (eb) =>
      eb.selectFrom('service_providers').select('service_providers.service_id').where('service_providers.user_id', '=', reach.providerId),
    );
  }
  const scope = reach.scope;
  let scoped = query.where('case_referrals.organization_id', '=', scope.organizationId);
  if (scope.countries !== null) scoped = scoped.where('cases.country_code', 'in', scope.countries.length > 0 ? scope.countries : ['']);
  if (scope.provinces !== null) scoped = scoped.where('cases.province', 'in', scope.provinces.length > 0 ? scope.provinces : ['']);
  return scoped;
}

/**
 * The referrals the reader handles: newest first; with a status, by due time (case_referrals_agency_idx
 * in its order: oldest due first for an overdue list, `dueBefore` with 'sent'; latest first otherwise).
 */
export function referralsOf(db: Db, reach: ReferralReach, filters: ReferralFilters): Promise<ReferralListRow[]> {
  let query = reached(withCaseAndService(db), reach);
  if (filters.status) query = query.where('case_referrals.status', '=', filters.status);
  if (filters.dueBefore) query = query.where('case_referrals.respond_by', '<', filters.dueBefore);
  const ordered = filters.dueBefore
    ? query.orderBy('case_referrals.respond_by')
    : filters.status
      ? query.orderBy('case_referrals.respond_by', 'desc')
      : query.orderBy('case_referrals.referred_at', 'desc');
  return ordered
    .orderBy('case_referrals.id', filters.status && !filters.dueBefore ? 'desc' : 'asc')
    .limit(filters.limit)
    .execute();
}

/** Counts by status of the referrals the reader handles. */
export function countByStatus(db: Db, reach: ReferralReach): Promise<Array<{ status: string; n: number | string | bigint }>> {
  return reached(joined(db), reach)
    .select(['case_referrals.status', (eb) => eb.fn.countAll().as('n')])
    .groupBy('case_referrals.status')
    .execute();
}
