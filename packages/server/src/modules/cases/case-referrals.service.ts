import {
  answerHours,
  CHILD_AGE_LIMIT,
  defaultReferralShares,
  liveReferralStatuses,
  referralStatuses,
  type CaseDetail,
  type CaseStatus,
  type Consent,
  type Referral,
  type ReferralDashboard,
  type ReferralShare,
  type ReferralStatus,
  type Sex,
  type zCreateConsentBody,
  type zCreateReferralBody,
  type zReferralListQuery,
  type zReferralOutcomeBody,
  type zRespondReferralBody,
} from '@hifazat/contract';
import type { z } from 'zod';
import { inTransaction, type Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { AppError, conflict, notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { openText, sealText, type DataKeyring } from '../../shared/data-key.js';
import { newId, nowIso } from '../../shared/ids.js';
import { rowPurpose, type SealedColumn } from '../../shared/sealed-columns.js';
import { recordAccess, recordAudit } from '../audit/index.js';
import { addressForAcceptedReferral, getService, isProviderOf } from '../services/index.js';
import { openCare } from './case-work.care.js';
import * as workRepo from './case-work.repository.js';
import { workScopeOf } from './case-work.service.js';
import * as casesRepo from './cases.repository.js';
import { ageToday, caseInScope, caseToWorkOn, openIdentity, userRefs } from './cases.service.js';
import * as repo from './case-referrals.repository.js';

export const CONSENT_PURPOSE_PURPOSE = 'cases.consent_purpose';
export const CONSENT_GIVER_PURPOSE = 'cases.consent_given_by';
export const REFERRAL_REASON_PURPOSE = 'cases.referral_reason';
export const REFERRAL_OVERRIDE_PURPOSE = 'cases.referral_override';
export const REFERRAL_ANSWER_PURPOSE = 'cases.referral_answer';
export const REFERRAL_OUTCOME_PURPOSE = 'cases.referral_outcome';

/** The sealed columns of consent and referral, for `npx hifazat keys rotate` (registered in index.ts). */
export const REFERRAL_SEALED_COLUMNS: SealedColumn[] = [
  { table: 'case_consents', idColumn: 'id', column: 'purpose_sealed', purpose: CONSENT_PURPOSE_PURPOSE },
  { table: 'case_consents', idColumn: 'id', column: 'given_by_sealed', purpose: CONSENT_GIVER_PURPOSE },
  { table: 'case_referrals', idColumn: 'id', column: 'reason_sealed', purpose: REFERRAL_REASON_PURPOSE },
  { table: 'case_referrals', idColumn: 'id', column: 'override_reason_sealed', purpose: REFERRAL_OVERRIDE_PURPOSE },
  { table: 'case_referrals', idColumn: 'id', column: 'answer_sealed', purpose: REFERRAL_ANSWER_PURPOSE },
  { table: 'case_referrals', idColumn: 'id', column: 'outcome_sealed', purpose: REFERRAL_OUTCOME_PURPOSE },
];

const SEALED = '‹sealed›';
const LIST_LIMIT = 200;
/** Each of the dashboard's lists shows the first 50 (oldest due first); the counts say how many there are. */
const DASHBOARD_LIMIT = 50;
type Users = Map<string, { id: string; name: string }>;

const seal = (keys: DataKeyring, text: string | null | undefined, purpose: string, id: string) => (text ? sealText(keys, text, rowPurpose(purpose, id)) : null);
const open = (keys: DataKeyring, sealed: string | null, purpose: string, id: string) => (sealed ? openText(keys, sealed, rowPurpose(purpose, id)) : null);

// ---- Consent ----

function presentConsent(keys: DataKeyring, row: repo.ConsentRow, users: Users, services: Map<string, string>): Consent {
  return {
    id: row.id,
    caseId: row.case_id,
    purpose: open(keys, row.purpose_sealed, CONSENT_PURPOSE_PURPOSE, row.id),
    service: row.service_id ? { id: row.service_id, name: services.get(row.service_id) ?? '' } : null,
    givenBy: open(keys, row.given_by_sealed, CONSENT_GIVER_PURPOSE, row.id),
    explainedInLanguage: row.explained_in_language,
    explainedBy: row.explained_by ? (users.get(row.explained_by) ?? null) : null,
    givenAt: row.given_at,
    withdrawnAt: row.withdrawn_at,
    withdrawnBy: row.withdrawn_by ? (users.get(row.withdrawn_by) ?? null) : null,
  };
}

async function presentConsents(db: Db, keys: DataKeyring, actor: Actor, rows: repo.ConsentRow[]): Promise<Consent[]> {
  const users = await userRefs(
    db,
    rows.flatMap((r) => [r.explained_by, r.withdrawn_by]),
  );
  const services = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.service_id).filter((s): s is string => s !== null))) {
    const service = await getService(db, keys, actor, id).catch(() => null);
    services.set(id, service?.name ?? '');
  }
  return rows.map((r) => presentConsent(keys, r, users, services));
}

/** A service the reader may refer to (their countries, active), or 422 naming the field. */
async function serviceToReferTo(db: Db, keys: DataKeyring, actor: Actor, serviceId: string, countryCode: string) {
  const service = await getService(db, keys, actor, serviceId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found')
      throw ruleViolation('No such service in the directory', [{ path: 'serviceId', message: 'Unknown service' }]);
    throw error;
  });
  if (service.countryCode !== countryCode)
    throw ruleViolation("The service is not in the case's country", [{ path: 'serviceId', message: `Not in ${countryCode}` }]);
  if (service.status !== 'active') throw ruleViolation('The service is not taking referrals', [{ path: 'serviceId', message: 'Inactive' }]);
  return service;
}

export async function createConsent(db: Db, keys: DataKeyring, actor: Actor, caseId: string, body: z.output<typeof zCreateConsentBody>): Promise<Consent> {
  const id = newId();
  await inTransaction(db, async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    if (body.serviceId) await serviceToReferTo(trx, keys, actor, body.serviceId, row.country_code);
    await repo.insertConsent(trx, {
      id,
      case_id: caseId,
      service_id: body.serviceId ?? null,
      purpose_sealed: seal(keys, body.purpose, CONSENT_PURPOSE_PURPOSE, id),
      given_by_sealed: seal(keys, body.givenBy, CONSENT_GIVER_PURPOSE, id),
      explained_in_language: body.explainedInLanguage,
      explained_by: actor.id,
      given_at: nowIso(),
      withdrawn_at: null,
      withdrawn_by: null,
    });
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'consent',
      userId: actor.id,
      changes: {
        consent: { from: null, to: id },
        service: { from: null, to: body.serviceId ?? null },
        purpose: { from: null, to: SEALED },
        givenBy: { from: null, to: SEALED },
      },
      note: 'consent recorded',
    });
  });
  const stored = (await repo.consentsOfCase(db, caseId)).find((c) => c.id === id);
  if (!stored) throw notFound('Consent');
  return (await presentConsents(db, keys, actor, [stored]))[0] as Consent;
}

export async function listConsents(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<{ items: Consent[] }> {
  return inTransaction(db, async (trx) => {
    await caseInScope(trx, actor, caseId);
    const rows = await repo.consentsOfCase(trx, caseId);
    if (rows.length > 0) await recordAccess(trx, { entityType: 'case', entityId: caseId, action: 'view', userId: actor.id, note: 'consents' });
    return { items: await presentConsents(trx, keys, actor, rows) };
  });
}

/** The person withdraws a consent: the referrals sent under it and not yet delivered are withdrawn with it. */
export async function withdrawConsent(db: Db, keys: DataKeyring, actor: Actor, caseId: string, consentId: string): Promise<Consent> {
  await inTransaction(db, async (trx) => {
    await caseToWorkOn(trx, actor, caseId);
    const consent = await repo.findConsent(trx, caseId, consentId);
    if (!consent) throw notFound('Consent');
    if (consent.withdrawn_at) throw conflict('This consent was withdrawn already');
    const at = nowIso();
    await repo.withdrawConsent(trx, consentId, actor.id, at);
    const referrals = await repo.liveReferralsUnderConsent(trx, consentId);
    for (const referral of referrals) {
      await repo.updateReferral(trx, referral.id, {
        status: 'withdrawn',
        answer_sealed: seal(keys, 'Consent withdrawn', REFERRAL_ANSWER_PURPOSE, referral.id),
        closed_by: actor.id,
        closed_at: at,
        updated_at: at,
      });
    }
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'consent',
      userId: actor.id,
      changes: { consent: { from: consentId, to: consentId }, withdrawn: { from: false, to: true } },
      note: ['consent withdrawn', ...referrals.map((r) => `referral ${r.id} withdrawn`)].join('; '),
    });
  });
  const stored = await repo.findConsent(db, caseId, consentId);
  if (!stored) throw notFound('Consent');
  return (await presentConsents(db, keys, actor, [stored]))[0] as Consent;
}

// ---- Presenting a referral ----

type Reader = 'agency' | 'provider';

/** Everything the referrals shown need from their cases, agencies, consents and people: one query each. */
async function presentReferrals(db: Db, keys: DataKeyring, reader: Reader, rows: repo.ReferralListRow[], now = nowIso()): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const [users, cases, consents] = await Promise.all([
    userRefs(
      db,
      rows.flatMap((r) => [r.referred_by, r.responded_by]),
    ),
    casesRepo.findCases(
      db,
      rows.map((r) => r.case_id),
    ),
    repo.consentsByIds(
      db,
      rows.flatMap((r) => (r.consent_id ? [r.consent_id] : [])),
    ),
  ]);
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const agencies = new Map(
    (
      await casesRepo.organizationNames(
        db,
        cases.flatMap((c) => (c.organization_id ? [c.organization_id] : [])),
      )
    ).map((o) => [o.id, o.name]),
  );
  const context: Context = { users, agencies, consents: new Map(consents.map((c) => [c.id, c])), now };
  const out: Referral[] = [];
  for (const row of rows) {
    const theCase = caseById.get(row.case_id);
    if (theCase) out.push(await presentReferral(db, keys, reader, row, theCase, context));
  }
  return out;
}

type Context = { users: Users; agencies: Map<string, string>; consents: Map<string, repo.ConsentRow>; now: string };

async function presentReferral(
  db: Db,
  keys: DataKeyring,
  reader: Reader,
  row: repo.ReferralListRow,
  theCase: casesRepo.CaseRow,
  { users, agencies, consents, now }: Context,
): Promise<Referral> {
  const status = row.status as ReferralStatus;
  const shares = fromJson<ReferralShare[]>(row.shares, []);
  const identity = openIdentity(keys, theCase);
  const age = ageToday(theCase, identity);
  const accepted = status === 'accepted' || status === 'delivered';
  const live = liveReferralStatuses.includes(status);
  // The agency that referred sees all it knows; the provider the parts shared, name and phone once it has accepted.
  const shows = (part: ReferralShare, needsAcceptance: boolean) => reader === 'agency' || (shares.includes(part) && live && (accepted || !needsAcceptance));
  const supportPlan =
    shows('support_plan', true) && reader === 'provider' ? (openCare(keys, await workRepo.findCareFile(db, theCase.id)).supportPlan ?? null) : null;
  const mine = reader === 'provider';
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    service: { id: row.service_id, name: row.service_name, type: row.service_type as Referral['service']['type'] },
    referringAgency: theCase.organization_id ? { id: theCase.organization_id, name: agencies.get(theCase.organization_id) ?? '' } : null,
    reason: open(keys, row.reason_sealed, REFERRAL_REASON_PURPOSE, row.id),
    urgency: row.urgency as Referral['urgency'],
    shares,
    status,
    answer: open(keys, row.answer_sealed, REFERRAL_ANSWER_PURPOSE, row.id),
    consent: consentRef(row.consent_id ? consents.get(row.consent_id) : undefined),
    // Sent without consent: the referring agency reads why; the provider sees that there was an override.
    override:
      row.consent_id === null ? { reason: reader === 'agency' ? open(keys, row.override_reason_sealed, REFERRAL_OVERRIDE_PURPOSE, row.id) : null } : null,
    person: {
      sex: theCase.victim_sex as Sex,
      age,
      child: age !== null && age < CHILD_AGE_LIMIT,
      fullName: shows('name', true) ? (identity?.fullName ?? null) : null,
      otherScriptName: shows('name', true) ? (identity?.otherScriptName ?? null) : null,
      phone: shows('phone', true) ? (identity?.phone ?? null) : null,
      languages: shows('languages', false) ? fromJson<string[]>(theCase.victim_languages, []) : null,
      supportPlan,
    },
    referredBy: row.referred_by ? (users.get(row.referred_by) ?? null) : null,
    referredAt: row.referred_at,
    respondBy: row.respond_by,
    overdue: status === 'sent' && row.respond_by < now,
    respondedBy: row.responded_by ? (users.get(row.responded_by) ?? null) : null,
    respondedAt: row.responded_at,
    delivered: row.delivered === null ? null : toBoolean(row.delivered),
    outcomeNote: open(keys, row.outcome_sealed, REFERRAL_OUTCOME_PURPOSE, row.id),
    outcomeAt: row.outcome_at,
    closedAt: row.closed_at,
    serviceAddress: reader === 'agency' && accepted ? addressOf(await addressForAcceptedReferral(db, keys, row.service_id)) : null,
    may: {
      respond: mine && status === 'sent',
      outcome: mine && status === 'accepted',
      close: !mine && (status === 'delivered' || status === 'declined'),
      withdraw: !mine && (status === 'sent' || status === 'accepted'),
    },
  };
}

const addressOf = (a: { address1: string; city?: string | null; postalCode?: string | null } | null) =>
  a ? { address1: a.address1, city: a.city ?? null, postalCode: a.postalCode ?? null } : null;

function consentRef(consent: repo.ConsentRow | undefined) {
  return consent ? { id: consent.id, givenAt: consent.given_at, explainedInLanguage: consent.explained_in_language } : null;
}

// ---- Sending ----

const addHours = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

/**
 * Sends a referral: consent first. It goes under the consent named, or the case's standing consent for
 * this service; without one, only an urgent referral or a child's may go on an override with its
 * reason (422 otherwise). A case at immediate assistance moves to the referral step.
 */
export async function createReferral(db: Db, keys: DataKeyring, actor: Actor, caseId: string, body: z.output<typeof zCreateReferralBody>): Promise<Referral> {
  const id = newId();
  await inTransaction(db, async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    if (row.status === 'closed') throw conflict('The case is closed: reopen it before referring the person');
    await serviceToReferTo(trx, keys, actor, body.serviceId, row.country_code);
    let consentId: string | null = null;
    if (body.consentId) {
      const consent = await repo.findConsent(trx, caseId, body.consentId);
      if (!consent) throw ruleViolation('No such consent on this case', [{ path: 'consentId', message: 'Unknown consent' }]);
      if (consent.withdrawn_at) throw ruleViolation('The person withdrew this consent', [{ path: 'consentId', message: 'Withdrawn' }]);
      if (consent.service_id && consent.service_id !== body.serviceId) {
        throw ruleViolation('This consent is for another service', [{ path: 'consentId', message: 'Another service' }]);
      }
      consentId = consent.id;
    } else {
      consentId = (await repo.standingConsentFor(trx, caseId, body.serviceId))?.id ?? null;
    }
    if (!consentId && !body.override) {
      throw ruleViolation("Record the person's informed consent to this referral first (or, for an urgent referral or a child, an override with its reason)", [
        { path: 'consentId', message: 'No consent for this service' },
      ]);
    }
    if (!consentId && body.override) {
      const age = ageToday(row, openIdentity(keys, row));
      const child = age !== null && age < CHILD_AGE_LIMIT;
      if (body.urgency !== 'urgent' && !child) {
        throw ruleViolation('An override is for an urgent referral or a child only: record the consent', [
          { path: 'override', message: 'Not urgent, not a child' },
        ]);
      }
    }
    const at = nowIso();
    const shares = [...new Set(body.shares ?? defaultReferralShares)];
    await repo.insertReferral(trx, {
      id,
      case_id: caseId,
      organization_id: row.organization_id,
      service_id: body.serviceId,
      reason_sealed: seal(keys, body.reason, REFERRAL_REASON_PURPOSE, id),
      urgency: body.urgency,
      shares,
      consent_id: consentId,
      override_reason_sealed: consentId ? null : seal(keys, body.override?.reason, REFERRAL_OVERRIDE_PURPOSE, id),
      status: 'sent',
      answer_sealed: null,
      delivered: null,
      outcome_sealed: null,
      referred_by: actor.id,
      referred_at: at,
      respond_by: addHours(at, answerHours[body.urgency]),
      responded_by: null,
      responded_at: null,
      outcome_by: null,
      outcome_at: null,
      closed_by: null,
      closed_at: null,
      updated_at: at,
    });
    const moves = row.status === 'assistance';
    if (moves) await moveCase(trx, caseId, 'assistance', 'referral', actor.id, at);
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'referral',
      userId: actor.id,
      changes: {
        referral: { from: null, to: id },
        service: { from: null, to: body.serviceId },
        consent: { from: null, to: consentId },
        reason: { from: null, to: SEALED },
        ...(consentId ? {} : { override: { from: null, to: SEALED } }),
        ...(moves ? { status: { from: 'assistance', to: 'referral' } } : {}),
      },
      note: `referral sent (${body.urgency}${consentId ? '' : ', on override'})`,
    });
  });
  return referralFor(db, keys, actor, 'agency', id);
}

/** The SOP step a referral makes: recorded as a transition like any other move. */
async function moveCase(trx: Db, caseId: string, from: CaseStatus, to: CaseStatus, userId: string, at: string): Promise<void> {
  await workRepo.insertTransition(trx, { id: newId(), case_id: caseId, from_status: from, to_status: to, user_id: userId, note_sealed: null, at });
  await casesRepo.updateCase(trx, caseId, { status: to, updated_at: at });
}

async function referralFor(db: Db, keys: DataKeyring, actor: Actor, reader: Reader, id: string): Promise<Referral> {
  const row = await repo.findReferral(db, id);
  if (!row) throw notFound('Referral');
  return (await presentReferrals(db, keys, reader, [row]))[0] as Referral;
}

// ---- Reading ----

export async function listCaseReferrals(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<{ items: Referral[] }> {
  return inTransaction(db, async (trx) => {
    await caseInScope(trx, actor, caseId);
    const rows = await repo.referralsOfCase(trx, caseId);
    if (rows.length > 0) await recordAccess(trx, { entityType: 'case', entityId: caseId, action: 'view', userId: actor.id, note: 'referrals' });
    return { items: await presentReferrals(trx, keys, 'agency', rows) };
  });
}

/**
 * The referral and how the reader stands to it: a provider of its service, or a worker on its case
 * (their agency's scope; a break-glass grant reads). Anyone else hears there is no such referral.
 */
async function referralInReach(db: Db, actor: Actor, id: string): Promise<{ row: repo.ReferralListRow; reader: Reader }> {
  const row = await repo.findReferral(db, id);
  if (!row) throw notFound('Referral');
  if (actor.role === 'service_provider') {
    if (await isProviderOf(db, row.service_id, actor.id)) return { row, reader: 'provider' };
    throw notFound('Referral');
  }
  await caseInScope(db, actor, row.case_id).catch(() => {
    throw notFound('Referral');
  });
  return { row, reader: 'agency' };
}

export async function getReferral(db: Db, keys: DataKeyring, actor: Actor, id: string): Promise<Referral> {
  return inTransaction(db, async (trx) => {
    const { row, reader } = await referralInReach(trx, actor, id);
    await recordAccess(trx, { entityType: 'case', entityId: row.case_id, action: 'view', userId: actor.id, note: `referral ${id}` });
    return (await presentReferrals(trx, keys, reader, [row]))[0] as Referral;
  });
}

async function referralsOfReader(db: Db, actor: Actor, filters: repo.ReferralFilters): Promise<{ rows: repo.ReferralListRow[]; reader: Reader }> {
  if (actor.role === 'service_provider') return { rows: await repo.referralsOf(db, { providerId: actor.id }, filters), reader: 'provider' };
  const scope = await workScopeOf(db, actor);
  return { rows: scope ? await repo.referralsOf(db, { scope }, filters) : [], reader: 'agency' };
}

async function auditList(db: Db, actor: Actor, what: string, rows: repo.ReferralListRow[]): Promise<void> {
  if (rows.length === 0) return;
  await recordAccess(db, {
    entityType: 'case',
    entityId: null,
    action: 'view',
    userId: actor.id,
    note: `${what}: ${[...new Set(rows.map((r) => r.case_id))].join(' ')}`,
  });
}

export async function listReferrals(db: Db, keys: DataKeyring, actor: Actor, query: z.output<typeof zReferralListQuery>): Promise<{ items: Referral[] }> {
  return inTransaction(db, async (trx) => {
    const overdue = query.overdue === 'true';
    const { rows, reader } = await referralsOfReader(trx, actor, {
      ...(overdue ? { status: 'sent', dueBefore: nowIso() } : query.status ? { status: query.status } : {}),
      limit: LIST_LIMIT,
    });
    await auditList(trx, actor, 'referrals', rows);
    return { items: await presentReferrals(trx, keys, reader, rows) };
  });
}

/**
 * The dashboard: overdue answers (urgent after 24 hours, others after 5 days), the referring agency's
 * follow-ups (declined: refer elsewhere; delivered: confirm and close), a provider's referrals waiting
 * for its answer, and counts by status.
 */
export async function referralDashboard(db: Db, keys: DataKeyring, actor: Actor): Promise<ReferralDashboard> {
  return inTransaction(db, async (trx) => {
    const now = nowIso();
    const overdue = await referralsOfReader(trx, actor, { status: 'sent', dueBefore: now, limit: DASHBOARD_LIMIT });
    const provider = actor.role === 'service_provider';
    const awaiting = provider ? (await referralsOfReader(trx, actor, { status: 'sent', limit: DASHBOARD_LIMIT })).rows : [];
    const followUps = provider
      ? []
      : [
          ...(await referralsOfReader(trx, actor, { status: 'declined', limit: DASHBOARD_LIMIT })).rows,
          ...(await referralsOfReader(trx, actor, { status: 'delivered', limit: DASHBOARD_LIMIT })).rows,
        ];
    let counts: Array<{ status: string; n: number | string | bigint }> = [];
    if (provider) counts = await repo.countByStatus(trx, { providerId: actor.id });
    else {
      const scope = await workScopeOf(trx, actor);
      if (scope) counts = await repo.countByStatus(trx, { scope });
    }
    await auditList(trx, actor, 'referral dashboard', [...overdue.rows, ...awaiting, ...followUps]);
    const reader = overdue.reader;
    return {
      overdue: await presentReferrals(trx, keys, reader, overdue.rows, now),
      followUps: await presentReferrals(trx, keys, reader, followUps, now),
      awaitingAnswer: await presentReferrals(trx, keys, reader, awaiting, now),
      counts: Object.fromEntries(referralStatuses.map((s) => [s, Number(counts.find((c) => c.status === s)?.n ?? 0)])) as ReferralDashboard['counts'],
    };
  });
}

// ---- The closed loop ----

async function changeState(
  db: Db,
  keys: DataKeyring,
  actor: Actor,
  id: string,
  expect: { reader: Reader; from: ReferralStatus[]; what: string },
  change: (row: repo.ReferralListRow, at: string) => Partial<repo.ReferralRow>,
): Promise<Referral> {
  const reader = await inTransaction(db, async (trx) => {
    await repo.lockReferral(trx, id);
    const { row, reader } = await referralInReach(trx, actor, id);
    if (reader !== expect.reader) {
      throw expect.reader === 'provider'
        ? new AppError('forbidden', "Only the service's own accounts answer a referral and record its outcome")
        : new AppError('forbidden', 'Only the referring agency closes or withdraws a referral');
    }
    // The agency changes only cases it works on (a break-glass grant reads).
    if (reader === 'agency') await caseToWorkOn(trx, actor, row.case_id);
    if (!expect.from.includes(row.status as ReferralStatus)) {
      throw conflict(`A referral is ${expect.what} when it is ${expect.from.join(' or ')}; this one is ${row.status}`, [
        { path: 'status', message: row.status },
      ]);
    }
    const at = nowIso();
    const changes = change(row, at);
    await repo.updateReferral(trx, id, { ...changes, updated_at: at });
    await recordAudit(trx, {
      entityType: 'case',
      entityId: row.case_id,
      action: 'referral',
      userId: actor.id,
      changes: { referral: { from: id, to: id }, referralStatus: { from: row.status, to: changes.status ?? row.status } },
      note: `referral ${expect.what}`,
    });
    return reader;
  });
  return referralFor(db, keys, actor, reader, id);
}

export async function respondReferral(db: Db, keys: DataKeyring, actor: Actor, id: string, body: z.output<typeof zRespondReferralBody>): Promise<Referral> {
  return changeState(db, keys, actor, id, { reader: 'provider', from: ['sent'], what: body.decision }, (_row, at) => ({
    status: body.decision,
    answer_sealed: seal(keys, body.reason, REFERRAL_ANSWER_PURPOSE, id),
    responded_by: actor.id,
    responded_at: at,
  }));
}

/** Delivered moves it to 'delivered' (the agency confirms and closes); not delivered closes it with the note. */
export async function referralOutcome(db: Db, keys: DataKeyring, actor: Actor, id: string, body: z.output<typeof zReferralOutcomeBody>): Promise<Referral> {
  if (!body.delivered && !body.note) throw ruleViolation('Say why the service was not delivered', [{ path: 'note', message: 'Required when not delivered' }]);
  return changeState(db, keys, actor, id, { reader: 'provider', from: ['accepted'], what: 'given its outcome' }, (_row, at) => ({
    status: body.delivered ? 'delivered' : 'closed',
    delivered: body.delivered,
    outcome_sealed: seal(keys, body.note, REFERRAL_OUTCOME_PURPOSE, id),
    outcome_by: actor.id,
    outcome_at: at,
    ...(body.delivered ? {} : { closed_by: actor.id, closed_at: at }),
  }));
}

export async function closeReferral(db: Db, keys: DataKeyring, actor: Actor, id: string, note: string | null | undefined): Promise<Referral> {
  return changeState(db, keys, actor, id, { reader: 'agency', from: ['delivered', 'declined'], what: 'closed' }, (row, at) => ({
    status: 'closed',
    closed_by: actor.id,
    closed_at: at,
    // The agency's closing note joins the provider's outcome note, if any.
    ...(note
      ? {
          outcome_sealed: seal(
            keys,
            [open(keys, row.outcome_sealed, REFERRAL_OUTCOME_PURPOSE, id), note].filter(Boolean).join('\n'),
            REFERRAL_OUTCOME_PURPOSE,
            id,
          ),
        }
      : {}),
  }));
}

export async function withdrawReferral(db: Db, keys: DataKeyring, actor: Actor, id: string, reason: string): Promise<Referral> {
  return changeState(db, keys, actor, id, { reader: 'agency', from: ['sent', 'accepted'], what: 'withdrawn' }, (_row, at) => ({
    status: 'withdrawn',
    answer_sealed: seal(keys, reason, REFERRAL_ANSWER_PURPOSE, id),
    closed_by: actor.id,
    closed_at: at,
  }));
}

// ---- The provider's view of a referred case ----

/**
 * GET /api/cases/{id} to a service provider: the case of a live referral to one of its services, in the
 * reduced form the referral shares (name once accepted; no narrative, screenings, decision or history).
 * Any other case answers 404, as if it did not exist.
 */
export async function referredCase(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<CaseDetail> {
  return inTransaction(db, async (trx) => {
    const referral = await repo.caseReferredToProvider(trx, caseId, actor.id, liveReferralStatuses);
    const theCase = referral ? await casesRepo.findCase(trx, caseId) : undefined;
    if (!referral || !theCase || theCase.anonymised_at) throw notFound('Case');
    const row = await repo.findReferral(trx, referral.id);
    if (!row) throw notFound('Case');
    const [view] = await presentReferrals(trx, keys, 'provider', [row]);
    if (!view) throw notFound('Case');
    await recordAccess(trx, { entityType: 'case', entityId: caseId, action: 'view', userId: actor.id, note: `referred case, referral ${referral.id}` });
    const person = view.person;
    return {
      id: theCase.id,
      reference: theCase.reference,
      countryCode: theCase.country_code,
      province: theCase.province,
      district: null,
      status: theCase.status as CaseStatus,
      agency: view.referringAgency,
      fullName: person.fullName,
      sex: person.sex as Sex,
      age: person.age,
      child: person.child,
      identifiedOn: theCase.identified_on,
      traffickingStatus: null,
      access: 'referral',
      createdAt: theCase.created_at,
      identificationPlace: null,
      identifiedByAgencyType: null,
      narrative: null,
      victim: person.fullName
        ? {
            fullName: person.fullName,
            otherScriptName: person.otherScriptName,
            aliases: [],
            sex: person.sex as Sex,
            birthDate: null,
            estimatedAge: person.age,
            citizenship: null,
            phone: person.phone,
            identityNumbers: [],
            languages: person.languages ?? [],
            address: null,
          }
        : null,
      openedBy: null,
      traffickingDecision: null,
      screenings: [],
      breakGlass: [],
      closedAt: null,
      anonymisedAt: null,
      updatedAt: theCase.updated_at,
    };
  });
}
