import {
  CHILD_AGE_LIMIT,
  type BreakGlassEntry,
  type CaseDetail,
  type CaseListItem,
  type CaseScreening,
  type IdentityDocument,
  type Page,
  type ScreeningEvaluation,
  type Sex,
  type TraffickingDecision,
  type zCaseListQuery,
  type zCreateCaseBody,
  type zCreateCaseScreeningBody,
  type zUpdateCaseBody,
  type zVictimInput,
} from '@hifazat/contract';
import type { z } from 'zod';
import { inTransaction, type Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { AppError, conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { nameIndexTokens, queryIndexTokens } from '../../shared/blind-index.js';
import { openText, sealText, type DataKeyring } from '../../shared/data-key.js';
import { newId, nowIso } from '../../shared/ids.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { rowPurpose, type SealedColumn } from '../../shared/sealed-columns.js';
import { recordAccess, recordAudit, type Changes } from '../audit/index.js';
import { evaluate, rulesFor } from '../screening/index.js';
import { historyWithMerged, indexCaseForDuplicates } from './case-duplicates.service.js';
import { agencyOf, hasSecondFactor, mayBreakGlass, scopeOf } from './cases.access.js';
import * as repo from './cases.repository.js';

export const IDENTITY_PURPOSE = 'cases.identity';
export const NARRATIVE_PURPOSE = 'cases.narrative';
export const BREAK_GLASS_REASON_PURPOSE = 'cases.break_glass_reason';

/** The module's sealed columns, for `npx hifazat keys rotate` (registered in index.ts). */
export const CASE_SEALED_COLUMNS: SealedColumn[] = [
  { table: 'cases', idColumn: 'id', column: 'identity_sealed', purpose: IDENTITY_PURPOSE },
  { table: 'cases', idColumn: 'id', column: 'narrative_sealed', purpose: NARRATIVE_PURPOSE },
  { table: 'case_break_glass', idColumn: 'id', column: 'reason_sealed', purpose: BREAK_GLASS_REASON_PURPOSE },
];

/** How long a break-glass grant lasts. */
export const BREAK_GLASS_HOURS = 4;

/** What identifies the person: one sealed JSON value per case. */
export type SealedIdentity = {
  fullName: string;
  otherScriptName: string | null;
  aliases: string[];
  birthDate: string | null;
  phone: string | null;
  identityNumbers: IdentityDocument[];
  address: string | null;
  identificationPlace: string | null;
};

/** Fields whose values never go into the audit log (only that they changed). */
const SEALED = '‹sealed›';
const CNIC = /^\d{5}-?\d{7}-?\d$/;
const REFERENCE = /^[A-Za-z]{2}-\d{4}-\d{1,9}$/;

const today = () => nowIso().slice(0, 10);

type VictimInput = z.output<typeof zVictimInput>;

function identityNumbersOf(victim: Partial<VictimInput>, fallback: IdentityDocument[]): IdentityDocument[] {
  if (victim.identityNumbers === undefined && victim.identityNumber === undefined) return fallback;
  const single = victim.identityNumber
    ? [{ kind: CNIC.test(victim.identityNumber) ? ('cnic' as const) : ('other' as const), number: victim.identityNumber }]
    : [];
  return [...(victim.identityNumbers ?? []), ...single];
}

/** Whole years from `from` to `to` (ISO dates). */
export function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

/** Age today: from the date of birth, or the age at identification carried forward. */
export function ageToday(row: repo.CaseRow, identity: SealedIdentity | null, day = today()): number | null {
  if (identity?.birthDate) return yearsBetween(identity.birthDate, day);
  if (row.victim_age_at_identification === null) return null;
  return row.victim_age_at_identification + Math.max(0, yearsBetween(row.identified_on, day));
}

export function openIdentity(keys: DataKeyring, row: repo.CaseRow): SealedIdentity | null {
  if (row.identity_sealed === null) return null;
  return JSON.parse(openText(keys, row.identity_sealed, rowPurpose(IDENTITY_PURPOSE, row.id))) as SealedIdentity;
}

function openNarrative(keys: DataKeyring, row: repo.CaseRow): string | null {
  return row.narrative_sealed === null ? null : openText(keys, row.narrative_sealed, rowPurpose(NARRATIVE_PURPOSE, row.id));
}

const sealIdentity = (keys: DataKeyring, caseId: string, identity: SealedIdentity) =>
  sealText(keys, JSON.stringify(identity), rowPurpose(IDENTITY_PURPOSE, caseId));
const sealNarrative = (keys: DataKeyring, caseId: string, text: string | null | undefined) =>
  text ? sealText(keys, text, rowPurpose(NARRATIVE_PURPOSE, caseId)) : null;

/** Every spelling a case is found under: its name, the name in the other script, its aliases. */
function tokensOf(keys: DataKeyring, identity: SealedIdentity): string[] {
  const names = [identity.fullName, identity.otherScriptName, ...identity.aliases].filter((n): n is string => !!n);
  return [...new Set(names.flatMap((name) => nameIndexTokens(keys, name)))].sort();
}

function checkDates(identifiedOn: string, birthDate: string | null | undefined): void {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  if (identifiedOn > tomorrow) throw invalid('The day of identification is in the future', [{ path: 'identifiedOn', message: 'In the future' }]);
  if (birthDate && birthDate > identifiedOn)
    throw invalid('Born after being identified', [{ path: 'victim.birthDate', message: 'After the day of identification' }]);
  if (birthDate && yearsBetween(birthDate, identifiedOn) > 120)
    throw invalid('Date of birth too far back', [{ path: 'victim.birthDate', message: 'More than 120 years ago' }]);
}

/** A data officer's area: the province must be one of theirs. */
function checkArea(actor: Actor, provinces: string[] | null, province: string | null | undefined): void {
  if (actor.role !== 'data_officer' || provinces === null) return;
  if (!province || !provinces.includes(province)) {
    throw ruleViolation('You open and keep cases only in your provinces', [{ path: 'province', message: `One of: ${provinces.join(', ')}` }]);
  }
}

export async function userRefs(db: Db, ids: Array<string | null>): Promise<Map<string, { id: string; name: string }>> {
  const rows = await repo.userNames(
    db,
    ids.filter((id): id is string => id !== null),
  );
  return new Map(rows.map((r) => [r.id, r]));
}

function presentScreening(row: repo.CaseScreeningRow, users: Map<string, { id: string; name: string }>): CaseScreening {
  return {
    id: row.id,
    caseId: row.case_id,
    version: Number(row.version),
    correctsId: row.corrects_id,
    rulesVersion: row.rules_version,
    input: fromJson<Record<string, unknown>>(row.input, {}),
    result: fromJson<ScreeningEvaluation>(row.result, {} as ScreeningEvaluation),
    decision:
      row.trafficking_status && row.decision_making_org
        ? ({ traffickingStatus: row.trafficking_status, decisionMakingOrg: row.decision_making_org } as TraffickingDecision)
        : null,
    createdBy: row.created_by ? (users.get(row.created_by) ?? null) : null,
    createdAt: row.created_at,
  };
}

function presentBreakGlass(keys: DataKeyring, row: repo.BreakGlassRow, reference: string, users: Map<string, { id: string; name: string }>): BreakGlassEntry {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: reference,
    user: row.user_id ? (users.get(row.user_id) ?? null) : null,
    // Empty once the case's personal data was erased or anonymised (a reason may name the person).
    reason: row.reason_sealed === '' ? '' : openText(keys, row.reason_sealed, rowPurpose(BREAK_GLASS_REASON_PURPOSE, row.id)),
    at: row.at,
    expiresAt: row.expires_at,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by ? (users.get(row.reviewed_by) ?? null) : null,
  };
}

function presentListItem(keys: DataKeyring, row: repo.CaseListRow): CaseListItem {
  const identity = openIdentity(keys, row);
  const age = ageToday(row, identity);
  return {
    id: row.id,
    reference: row.reference,
    countryCode: row.country_code,
    province: row.province,
    district: row.district,
    status: row.status as CaseListItem['status'],
    agency: row.agency_name ? { id: row.organization_id, name: row.agency_name } : null,
    fullName: identity?.fullName ?? null,
    sex: row.victim_sex as Sex,
    age,
    child: age !== null && age < CHILD_AGE_LIMIT,
    identifiedOn: row.identified_on,
    traffickingStatus: row.trafficking_status as CaseListItem['traffickingStatus'],
    access: toBoolean(row.in_agency_scope) ? 'scope' : 'break_glass',
    createdAt: row.created_at,
  };
}

async function presentDetail(db: Db, keys: DataKeyring, row: repo.CaseListRow): Promise<CaseDetail> {
  const identity = openIdentity(keys, row);
  const [screenings, grants] = await Promise.all([repo.listScreenings(db, row.id), repo.breakGlassOfCase(db, row.id)]);
  const users = await userRefs(db, [
    row.opened_by,
    row.decided_by,
    ...screenings.map((s) => s.created_by),
    ...grants.flatMap((g) => [g.user_id, g.reviewed_by]),
  ]);
  return {
    ...presentListItem(keys, row),
    identificationPlace: identity?.identificationPlace ?? null,
    identifiedByAgencyType: row.identified_by_agency_type as CaseDetail['identifiedByAgencyType'],
    narrative: openNarrative(keys, row),
    victim: identity
      ? {
          fullName: identity.fullName,
          otherScriptName: identity.otherScriptName,
          aliases: identity.aliases,
          sex: row.victim_sex as Sex,
          birthDate: identity.birthDate,
          estimatedAge: toBoolean(row.victim_age_estimated) ? row.victim_age_at_identification : null,
          citizenship: row.victim_citizenship,
          phone: identity.phone,
          identityNumbers: identity.identityNumbers,
          languages: fromJson<string[]>(row.victim_languages, []),
          address: identity.address,
        }
      : null,
    openedBy: row.opened_by ? (users.get(row.opened_by) ?? null) : null,
    traffickingDecision:
      row.trafficking_status && row.decision_making_org && row.decided_at
        ? {
            traffickingStatus: row.trafficking_status as TraffickingDecision['traffickingStatus'],
            decisionMakingOrg: row.decision_making_org as TraffickingDecision['decisionMakingOrg'],
            decidedBy: row.decided_by ? (users.get(row.decided_by) ?? null) : null,
            decidedAt: row.decided_at,
          }
        : null,
    screenings: screenings.map((s) => presentScreening(s, users)),
    breakGlass: grants.map((g) => presentBreakGlass(keys, g, row.reference, users)),
    closedAt: row.closed_at,
    anonymisedAt: row.anonymised_at,
    mergedIntoId: row.merged_into_id ?? null,
    updatedAt: row.updated_at,
  };
}

/**
 * The case as the reader may see it, or the refusal: a supervisor or administrator who works in the
 * case's country is told to break the glass; anyone else hears only that there is no such case.
 */
export async function caseInScope(db: Db, actor: Actor, id: string): Promise<repo.CaseListRow> {
  const row = await repo.findCaseInScope(db, await scopeOf(db, actor), id);
  if (row) return row;
  if (mayBreakGlass(actor)) {
    const any = await repo.findCase(db, id);
    if (any && seesCountry(actor, any.country_code)) {
      throw new AppError('break_glass_required', 'This case is outside your scope: to open it, break the glass and say why (it is flagged for review)');
    }
  }
  throw notFound('Case');
}

/**
 * The case a change is made to, read under its row lock (so that a change never works from a copy read
 * before an erasure or another change committed) and only in the agency scope: a break-glass grant
 * opens a case for reading, never for changing it.
 */
export async function caseToWorkOn(trx: Db, actor: Actor, id: string): Promise<repo.CaseListRow> {
  await repo.lockCase(trx, id);
  const row = await caseInScope(trx, actor, id);
  if (!toBoolean(row.in_agency_scope)) {
    throw forbidden('A case opened through break-glass can be read, not changed: its own agency changes it', [{ path: 'id', message: 'Break-glass access' }]);
  }
  if (row.anonymised_at) throw conflict('This case was anonymised: what identified the person is gone and nothing more can be added');
  // Merged into another case (a duplicate, issue 13): it is kept for its history; the work goes on in the kept case.
  if (row.merged_into_id) throw conflict('This case was merged into another case: work on that one', [{ path: 'id', message: 'Merged' }]);
  return row;
}

/**
 * The values a case's audit entry may hold: the case's own codes and ids, which decide who sees it and
 * where it stands. What describes the person (sex, age, citizenship, languages, district, dates, the
 * suggestion and decision about them) is named, never valued: the audit log is append-only and outlives
 * an erasure, so it must hold nothing the erasure would have to remove.
 */
const AUDIT_VALUE_FIELDS = new Set([
  'reference',
  'countryCode',
  'province',
  'agency',
  'status',
  'identifiedByAgencyType',
  'screening',
  'grant',
  'breakGlassReviewed',
]);
const WITHHELD = '‹withheld›';

export function auditedChanges(changes: Changes): Changes {
  const mark = (value: unknown) => (value === null || value === undefined || value === SEALED ? value : WITHHELD);
  const out: Changes = {};
  for (const [field, change] of Object.entries(changes)) {
    out[field] = AUDIT_VALUE_FIELDS.has(field) ? change : { from: mark(change.from), to: mark(change.to) };
  }
  return out;
}

function auditValues(values: Record<string, unknown>, sealedFields: string[]): Changes {
  const changes: Changes = {};
  for (const [field, value] of Object.entries(values)) changes[field] = { from: null, to: sealedFields.includes(field) ? SEALED : value };
  return auditedChanges(changes);
}

export async function createCase(db: Db, keys: DataKeyring, actor: Actor, body: z.output<typeof zCreateCaseBody>): Promise<CaseDetail> {
  const agency = await agencyOf(db, actor);
  if (!agency.organizationId) {
    throw ruleViolation('Your account has no agency: ask an administrator to set it before you open cases', [{ path: 'organizationId', message: 'Not set' }]);
  }
  if (!seesCountry(actor, body.countryCode))
    throw ruleViolation('You do not work in this country', [{ path: 'countryCode', message: 'Not one of your countries' }]);
  checkArea(actor, agency.provinces, body.province);
  const identifiedOn = body.identifiedOn ?? today();
  const victim = body.victim;
  checkDates(identifiedOn, victim.birthDate);
  const id = newId();
  const now = nowIso();
  const identity: SealedIdentity = {
    fullName: victim.fullName,
    otherScriptName: victim.otherScriptName ?? null,
    aliases: victim.aliases ?? [],
    birthDate: victim.birthDate ?? null,
    phone: victim.phone ?? null,
    identityNumbers: identityNumbersOf(victim, []),
    address: victim.address ?? null,
    identificationPlace: body.identificationPlace ?? null,
  };
  const ageAtIdentification = victim.birthDate ? yearsBetween(victim.birthDate, identifiedOn) : (victim.estimatedAge ?? null);
  const organizationId = agency.organizationId;
  // In the caller's transaction when there is one (an HTCDS import opens many cases in one, all or nothing).
  await inTransaction(db, async (trx) => {
    const year = Number(now.slice(0, 4));
    const number = await repo.nextReferenceNumber(trx, body.countryCode, year);
    const row: repo.CaseRow = {
      id,
      reference: `${body.countryCode}-${year}-${String(number).padStart(6, '0')}`,
      country_code: body.countryCode,
      province: body.province ?? null,
      district: body.district ?? null,
      organization_id: organizationId,
      opened_by: actor.id,
      identified_on: identifiedOn,
      identified_by_agency_type: body.identifiedByAgencyType ?? null,
      status: 'identification',
      victim_sex: victim.sex,
      victim_age_at_identification: ageAtIdentification,
      victim_age_estimated: !victim.birthDate && victim.estimatedAge != null,
      victim_citizenship: victim.citizenship ?? null,
      victim_languages: victim.languages ?? [],
      identity_sealed: sealIdentity(keys, id, identity),
      narrative_sealed: sealNarrative(keys, id, body.narrative),
      trafficking_status: null,
      decision_making_org: null,
      decided_by: null,
      decided_at: null,
      last_suggestion: null,
      closed_at: null,
      anonymised_at: null,
      created_at: now,
      updated_at: now,
    };
    await repo.insertCase(trx, row);
    await repo.replaceNameTokens(trx, id, tokensOf(keys, identity));
    // Possible duplicates (issue 13): the blind indexes of date of birth, phone and numbers, and the pairs they make.
    await indexCaseForDuplicates(trx, keys, id, identity);
    await recordAudit(trx, {
      entityType: 'case',
      entityId: id,
      action: 'create',
      userId: actor.id,
      changes: auditValues(
        {
          reference: row.reference,
          countryCode: row.country_code,
          province: row.province,
          district: row.district,
          agency: organizationId,
          identifiedOn,
          identifiedByAgencyType: row.identified_by_agency_type,
          sex: victim.sex,
          ageAtIdentification,
          citizenship: row.victim_citizenship,
          identity: true,
          ...(body.narrative ? { narrative: true } : {}),
        },
        ['identity', 'narrative'],
      ),
    });
  });
  return inTransaction(db, async (trx) => presentDetail(trx, keys, await caseInScope(trx, actor, id)));
}

/**
 * The list's filters as the repository takes them (the HTCDS export filters the same way), or null
 * when the search can find nothing: a name with no consonant gives no token.
 */
export function listFiltersOf(
  keys: DataKeyring,
  query: Pick<z.output<typeof zCaseListQuery>, 'query' | 'status' | 'countryCode' | 'childrenOnly'>,
): { filters: Omit<repo.CaseListFilters, 'limit' | 'after'>; search: '' | ' by reference' | ' by name' } | null {
  const text = query.query?.trim() ?? '';
  const byReference = REFERENCE.test(text);
  const tokens = text && !byReference ? queryIndexTokens(keys, text) : [];
  if (text && !byReference && tokens.length === 0) return null;
  return {
    filters: {
      tokens,
      ...(byReference ? { reference: text.toUpperCase() } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.countryCode ? { countryCode: query.countryCode } : {}),
      childrenOnly: query.childrenOnly === 'true',
    },
    search: text ? (byReference ? ' by reference' : ' by name') : '',
  };
}

export async function listCases(db: Db, keys: DataKeyring, actor: Actor, query: z.output<typeof zCaseListQuery>): Promise<Page<CaseListItem>> {
  const found = listFiltersOf(keys, query);
  if (!found) return { items: [], nextCursor: null };
  const cursor = decodeCursor(query.cursor);
  const scope = await scopeOf(db, actor);
  return db.transaction().execute(async (trx) => {
    const rows = await repo.listCases(trx, scope, {
      ...found.filters,
      ...(cursor ? { after: { createdAt: cursor.sort, id: cursor.id } } : {}),
      limit: query.limit + 1,
    });
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    const last = page[page.length - 1];
    // A list shows names: who saw which cases is recorded (ids only; the search words are never kept).
    if (page.length > 0) {
      await recordAccess(trx, {
        entityType: 'case',
        entityId: null,
        action: 'view',
        userId: actor.id,
        note: `list${found.search}: ${page.map((r) => r.id).join(' ')}`,
      });
    }
    return { items: page.map((row) => presentListItem(keys, row)), nextCursor: more && last ? encodeCursor({ sort: last.created_at, id: last.id }) : null };
  });
}

export async function getCase(db: Db, keys: DataKeyring, actor: Actor, id: string): Promise<CaseDetail> {
  return inTransaction(db, async (trx) => {
    const row = await caseInScope(trx, actor, id);
    const viaGrant = !toBoolean(row.in_agency_scope);
    await recordAccess(trx, { entityType: 'case', entityId: id, action: 'view', userId: actor.id, note: viaGrant ? 'break-glass' : null });
    return presentDetail(trx, keys, row);
  });
}

export async function updateCase(db: Db, keys: DataKeyring, actor: Actor, id: string, body: z.output<typeof zUpdateCaseBody>): Promise<CaseDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await caseToWorkOn(trx, actor, id);
    const before = openIdentity(keys, row);
    if (!before) throw conflict('This case holds no personal data any more');
    const agency = await agencyOf(trx, actor);
    if (body.province !== undefined) checkArea(actor, agency.provinces, body.province);
    const victim = body.victim ?? {};
    const identifiedOn = body.identifiedOn ?? row.identified_on;
    const birthDate = victim.birthDate !== undefined ? victim.birthDate : before.birthDate;
    checkDates(identifiedOn, birthDate);
    const after: SealedIdentity = {
      fullName: victim.fullName ?? before.fullName,
      otherScriptName: victim.otherScriptName !== undefined ? victim.otherScriptName : before.otherScriptName,
      aliases: victim.aliases ?? before.aliases,
      birthDate: birthDate ?? null,
      phone: victim.phone !== undefined ? victim.phone : before.phone,
      identityNumbers: identityNumbersOf(victim, before.identityNumbers),
      address: victim.address !== undefined ? victim.address : before.address,
      identificationPlace: body.identificationPlace !== undefined ? body.identificationPlace : before.identificationPlace,
    };
    const changes: Changes = {};
    const changes_: Partial<repo.CaseRow> = {};
    const plain = (field: string, column: keyof repo.CaseRow, from: unknown, to: unknown) => {
      if (to === undefined || to === from) return;
      changes[field] = { from, to };
      (changes_ as Record<string, unknown>)[column] = to;
    };
    plain('province', 'province', row.province, body.province);
    plain('district', 'district', row.district, body.district);
    plain('identifiedOn', 'identified_on', row.identified_on, body.identifiedOn);
    plain('identifiedByAgencyType', 'identified_by_agency_type', row.identified_by_agency_type, body.identifiedByAgencyType);
    plain('sex', 'victim_sex', row.victim_sex, victim.sex);
    plain('citizenship', 'victim_citizenship', row.victim_citizenship, victim.citizenship);
    if (victim.languages !== undefined) {
      changes.languages = { from: fromJson<string[]>(row.victim_languages, []), to: victim.languages };
      changes_.victim_languages = victim.languages;
    }
    const ageAtIdentification = after.birthDate
      ? yearsBetween(after.birthDate, identifiedOn)
      : victim.estimatedAge !== undefined
        ? victim.estimatedAge
        : toBoolean(row.victim_age_estimated)
          ? row.victim_age_at_identification
          : null;
    plain('ageAtIdentification', 'victim_age_at_identification', row.victim_age_at_identification, ageAtIdentification);
    changes_.victim_age_estimated = !after.birthDate && ageAtIdentification !== null;
    for (const field of Object.keys(after) as Array<keyof SealedIdentity>) {
      if (JSON.stringify(after[field]) !== JSON.stringify(before[field])) changes[field] = { from: SEALED, to: SEALED };
    }
    if (Object.keys(changes).some((f) => f in after)) {
      changes_.identity_sealed = sealIdentity(keys, id, after);
      await repo.replaceNameTokens(trx, id, tokensOf(keys, after));
      // Possible duplicates (issue 13): the indexes follow the correction; the pairs are compared again.
      await indexCaseForDuplicates(trx, keys, id, after);
    }
    if (body.narrative !== undefined && body.narrative !== openNarrative(keys, row)) {
      changes.narrative = { from: SEALED, to: SEALED };
      changes_.narrative_sealed = sealNarrative(keys, id, body.narrative);
    }
    if (Object.keys(changes).length === 0) return;
    await repo.updateCase(trx, id, { ...changes_, updated_at: nowIso() });
    await recordAudit(trx, { entityType: 'case', entityId: id, action: 'update', userId: actor.id, changes: auditedChanges(changes) });
  });
  return getCase(db, keys, actor, id);
}

export async function caseHistory(db: Db, actor: Actor, id: string) {
  await caseInScope(db, actor, id);
  // With the entries of the cases merged into this one, each marked with its reference (issue 13).
  return { items: await historyWithMerged(db, id) };
}

export async function createScreening(
  db: Db,
  keys: DataKeyring,
  actor: Actor,
  caseId: string,
  body: z.output<typeof zCreateCaseScreeningBody>,
): Promise<CaseScreening> {
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    if (body.countryCode !== row.country_code) {
      throw ruleViolation("A stored screening runs under the case's country", [{ path: 'countryCode', message: `Must be ${row.country_code}` }]);
    }
    if (body.corrects) {
      const earlier = await repo.findScreening(trx, body.corrects);
      if (!earlier || earlier.case_id !== caseId) throw invalid('Not a screening of this case', [{ path: 'corrects', message: 'Unknown screening' }]);
    }
    const { decision, corrects, ...input } = body;
    const age = input.age !== undefined ? input.age : ageToday(row, openIdentity(keys, row));
    const rules = await rulesFor(trx, row.country_code, input.asOf ?? today());
    const result = evaluate({ ...input, age }, rules);
    const version = (await repo.lastScreeningVersion(trx, caseId)) + 1;
    const now = nowIso();
    await repo.insertScreening(trx, {
      id,
      case_id: caseId,
      version,
      corrects_id: corrects ?? null,
      rules_version: result.rulesVersion,
      input: { ...input, age },
      result,
      suggestion: result.suggestion,
      trafficking_status: decision?.traffickingStatus ?? null,
      decision_making_org: decision?.decisionMakingOrg ?? null,
      created_by: actor.id,
      created_at: now,
    });
    const caseChanges: Partial<repo.CaseRow> = { last_suggestion: result.suggestion, updated_at: now };
    if (row.status === 'identification') caseChanges.status = 'screening';
    if (decision) {
      caseChanges.trafficking_status = decision.traffickingStatus;
      caseChanges.decision_making_org = decision.decisionMakingOrg;
      caseChanges.decided_by = actor.id;
      caseChanges.decided_at = now;
    }
    await repo.updateCase(trx, caseId, caseChanges);
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'screening',
      userId: actor.id,
      changes: auditedChanges({
        screening: { from: corrects ?? null, to: id },
        suggestion: { from: row.last_suggestion, to: result.suggestion },
        ...(caseChanges.status ? { status: { from: row.status, to: caseChanges.status } } : {}),
        ...(decision ? { traffickingStatus: { from: row.trafficking_status, to: decision.traffickingStatus } } : {}),
      }),
      note: `version ${version}, rules ${result.rulesVersion}`,
    });
  });
  const stored = await repo.findScreening(db, id);
  if (!stored) throw notFound('Screening');
  return presentScreening(stored, await userRefs(db, [stored.created_by]));
}

/**
 * An administrator reads a victim's file, or a break-glass reason (which may name the person), only
 * with a second factor on their account: a password alone opens neither.
 */
async function requireSecondFactor(db: Db, actor: Actor, what: string): Promise<void> {
  if (actor.role === 'admin' && !(await hasSecondFactor(db, actor))) {
    throw forbidden(`Enrol a second factor on your account page before ${what}`, [{ path: 'secondFactor', message: 'Not enrolled' }]);
  }
}

export async function breakGlass(db: Db, keys: DataKeyring, actor: Actor, caseId: string, reason: string): Promise<BreakGlassEntry> {
  const grantId = newId();
  await requireSecondFactor(db, actor, 'opening a case outside your scope');
  const reference = await db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, caseId);
    if (!row || !seesCountry(actor, row.country_code)) throw notFound('Case');
    const inScope = await repo.findCaseInScope(trx, { ...(await scopeOf(trx, actor)), grantsOf: null }, caseId);
    if (inScope) throw conflict('This case is in your scope already: open it as usual');
    const at = nowIso();
    await repo.insertBreakGlass(trx, {
      id: grantId,
      case_id: caseId,
      user_id: actor.id,
      reason_sealed: sealText(keys, reason, rowPurpose(BREAK_GLASS_REASON_PURPOSE, grantId)),
      at,
      expires_at: new Date(Date.parse(at) + BREAK_GLASS_HOURS * 3_600_000).toISOString(),
      reviewed_at: null,
      reviewed_by: null,
    });
    // The reason may name the person: the audit keeps the grant's id, the reason stays sealed in its row.
    await recordAudit(trx, { entityType: 'case', entityId: caseId, action: 'break_glass', userId: actor.id, changes: { grant: { from: null, to: grantId } } });
    return row.reference;
  });
  const grant = await repo.findBreakGlass(db, grantId);
  if (!grant) throw notFound('Break-glass entry');
  return presentBreakGlass(keys, grant, reference, await userRefs(db, [grant.user_id]));
}

export async function listBreakGlass(db: Db, keys: DataKeyring, actor: Actor, reviewed: 'true' | 'false' | undefined): Promise<{ items: BreakGlassEntry[] }> {
  await requireSecondFactor(db, actor, 'reading the reasons given for break-glass openings');
  const rows = await repo.listBreakGlass(db, actor.countries, reviewed === undefined ? undefined : reviewed === 'true');
  const users = await userRefs(
    db,
    rows.flatMap((r) => [r.user_id, r.reviewed_by]),
  );
  return { items: rows.map((r) => presentBreakGlass(keys, r, r.reference, users)) };
}

export async function reviewBreakGlass(db: Db, keys: DataKeyring, actor: Actor, id: string): Promise<BreakGlassEntry> {
  await requireSecondFactor(db, actor, 'reviewing break-glass openings');
  const reference = await db.transaction().execute(async (trx) => {
    const grant = await repo.findBreakGlass(trx, id);
    const row = grant ? await repo.findCase(trx, grant.case_id) : undefined;
    if (!grant || !row || !seesCountry(actor, row.country_code)) throw notFound('Break-glass entry');
    if (grant.user_id === actor.id) throw ruleViolation('Another administrator reviews your own break-glass openings');
    if (grant.reviewed_at) throw conflict('Reviewed already');
    await repo.markBreakGlassReviewed(trx, id, actor.id, nowIso());
    await recordAudit(trx, {
      entityType: 'case',
      entityId: row.id,
      action: 'update',
      userId: actor.id,
      changes: { breakGlassReviewed: { from: null, to: id } },
    });
    return row.reference;
  });
  const grant = await repo.findBreakGlass(db, id);
  if (!grant) throw notFound('Break-glass entry');
  return presentBreakGlass(keys, grant, reference, await userRefs(db, [grant.user_id, grant.reviewed_by]));
}
