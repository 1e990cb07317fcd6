import crypto from 'node:crypto';
import {
  caseDuplicateSignals,
  duplicateSignalPoints,
  MIN_DUPLICATE_SCORE,
  STRONG_DUPLICATE_SCORE,
  type CaseDuplicate,
  type CaseDuplicateSide,
  type CaseDuplicateSignal,
  type CaseStatus,
  type IdentityDocument,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import { conflict, forbidden, notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { matchIndexToken, type MatchKind } from '../../shared/blind-index.js';
import { openText, type DataKeyring } from '../../shared/data-key.js';
import { newId, nowIso } from '../../shared/ids.js';
import { rowPurpose } from '../../shared/sealed-columns.js';
import { recordAccess, recordAudit } from '../audit/index.js';
import { agencyOf } from './cases.access.js';
import * as repo from './case-duplicates.repository.js';
import * as cases from './cases.repository.js';
// A cycle (cases.service writes the indexes through this module): read at call time only, never at load.
import { IDENTITY_PURPOSE } from './cases.service.js';

/**
 * Possible duplicates across agencies (issue 13): the same person opened twice, by one agency or two.
 *
 * Each case keeps blind indexes (HMAC under the blind-index key) of its date of birth, phone and identity
 * numbers beside its name tokens; a case written is compared, inside its transaction, with the other cases
 * of its country sharing one of those keys (a name alone never makes a pair: common names are shared by
 * thousands). The pair's signals explain its score. Supervisors see the pairs with a case of their agency;
 * nothing is ever merged without them, and across agencies without both.
 *
 * Never in the answer: another agency's case's name, date of birth, phone or numbers (the indexes are
 * compared here, in the server; what matched is named, never its value).
 */

/** The identity fields the match keys come from (SealedIdentity's, without importing the service). */
export type MatchableIdentity = { birthDate: string | null; phone: string | null; identityNumbers: IdentityDocument[] };

/** Another case sharing a key with a common date of birth can be one of many: compare at most this many rows. */
const MAX_KEY_ROWS = 2000;
/**
 * A key shared by more cases than this tells nobody apart (a shelter's phone typed for every resident,
 * 1 January for everyone whose birthday is not known): it makes no pair, like a stop word. Without it such
 * a key would open a pair for every two of its cases (n² pairs).
 */
export const MAX_CASES_PER_KEY = 25;
const LIST_LIMIT = 200;

function matchKeysOf(keys: DataKeyring, identity: MatchableIdentity): Array<{ kind: MatchKind; token: string }> {
  const out = new Map<string, MatchKind>();
  const add = (kind: MatchKind, value: string | null | undefined) => {
    const token = value ? matchIndexToken(keys, kind, value) : null;
    if (token) out.set(token, kind);
  };
  add('birth_date', identity.birthDate);
  add('phone', identity.phone);
  for (const document of identity.identityNumbers) add('identity_number', document.number);
  return [...out].map(([token, kind]) => ({ kind, token })).sort((a, b) => a.token.localeCompare(b.token));
}

/** The names match when at least half the smaller set of name tokens is shared (one word of two, two of three…). */
function namesMatch(own: Set<string>, other: Set<string>): string[] {
  const shared = [...own].filter((t) => other.has(t));
  const smaller = Math.min(own.size, other.size);
  return smaller > 0 && shared.length * 2 >= smaller ? shared : [];
}

const fingerprintOf = (tokens: string[]) =>
  crypto
    .createHash('sha256')
    .update([...tokens].sort().join(' '))
    .digest('hex')
    .slice(0, 32);

const scoreOf = (signals: CaseDuplicateSignal[]) => signals.reduce((sum, s) => sum + duplicateSignalPoints[s], 0);

/**
 * Writes the case's match keys and compares it with the other cases of its country: new pairs are opened,
 * pairs whose match changed are updated (a pending merge request falls: what it was based on changed), a
 * dismissed pair opens again only when what matched changed, a pair that no longer matches goes. Called in
 * the transaction that writes the case (create, correction, `cases reindex`).
 */
export async function indexCaseForDuplicates(trx: Db, keys: DataKeyring, caseId: string, identity: MatchableIdentity): Promise<void> {
  const own = matchKeysOf(keys, identity);
  await repo.replaceMatchKeys(trx, caseId, own);
  await refreshPairs(trx, caseId);
}

async function refreshPairs(trx: Db, caseId: string, cascade = true): Promise<void> {
  const row = await cases.findCase(trx, caseId);
  if (!row) return;
  const own = await repo.matchKeysOf(trx, caseId);
  const shared = await repo.casesSharingKeys(
    trx,
    caseId,
    row.country_code,
    own.map((k) => k.token),
    MAX_KEY_ROWS,
  );
  const sharers = new Map<string, number>();
  for (const s of shared) sharers.set(s.token, (sharers.get(s.token) ?? 0) + 1);
  // This case made a key common: the pairs its other holders made with it while it was rare fall (once, here).
  if (cascade) {
    const crossed = new Set([...sharers].filter(([, n]) => n === MAX_CASES_PER_KEY + 1).map(([token]) => token));
    const holders = new Set(shared.filter((s) => crossed.has(s.token)).map((s) => s.case_id));
    for (const holder of holders) await refreshPairs(trx, holder, false);
  }
  const byCase = new Map<string, { kinds: Set<MatchKind>; tokens: string[] }>();
  for (const s of shared) {
    if ((sharers.get(s.token) ?? 0) > MAX_CASES_PER_KEY) continue;
    const entry = byCase.get(s.case_id) ?? { kinds: new Set<MatchKind>(), tokens: [] };
    entry.kinds.add(s.kind);
    entry.tokens.push(s.token);
    byCase.set(s.case_id, entry);
  }
  const names = await repo.nameTokensOf(trx, [caseId, ...byCase.keys()]);
  const nameSets = new Map<string, Set<string>>();
  for (const n of names) nameSets.set(n.case_id, (nameSets.get(n.case_id) ?? new Set()).add(n.token));
  const ownNames = nameSets.get(caseId) ?? new Set<string>();

  const matches = new Map<string, PairMatch>();
  for (const [other, entry] of byCase) {
    const sharedNames = namesMatch(ownNames, nameSets.get(other) ?? new Set());
    const found = new Set<CaseDuplicateSignal>(entry.kinds);
    if (sharedNames.length > 0) found.add('name');
    const signals = caseDuplicateSignals.filter((s) => found.has(s));
    const score = scoreOf(signals);
    if (score < MIN_DUPLICATE_SCORE) continue;
    matches.set(other, { signals, score, fingerprint: fingerprintOf([...entry.tokens, ...sharedNames]) });
  }

  const now = nowIso();
  const existing = await repo.duplicatesOfCase(trx, caseId);
  const gone: string[] = [];
  for (const pair of existing) {
    const other = pair.case_a_id === caseId ? pair.case_b_id : pair.case_a_id;
    const match = matches.get(other);
    matches.delete(other);
    if (pair.status === 'merged') continue;
    if (!match) {
      // No longer alike: an open pair goes; a dismissal is kept (it holds ids and a hash only).
      if (pair.status !== 'dismissed') gone.push(pair.id);
      continue;
    }
    if (match.fingerprint === pair.fingerprint) continue;
    await repo.updateDuplicate(trx, pair.id, openPair(match, now));
  }
  await repo.deleteDuplicates(trx, gone);
  for (const [other, match] of matches) {
    const [a, b] = caseId < other ? [caseId, other] : [other, caseId];
    await repo.insertDuplicate(trx, {
      id: newId(),
      case_a_id: a,
      case_b_id: b,
      country_code: row.country_code,
      ...openPair(match, now),
    });
  }
}

type PairMatch = { signals: CaseDuplicateSignal[]; score: number; fingerprint: string };

/** A pair as it stands when found (again): open, with what matched, no request or decision. */
function openPair(match: PairMatch, now: string) {
  return {
    signals: match.signals,
    score: match.score,
    fingerprint: match.fingerprint,
    status: 'open',
    keep_case_id: null,
    requested_by: null,
    requested_organization_id: null,
    requested_at: null,
    decided_by: null,
    decided_at: null,
    detected_at: now,
  } satisfies Partial<repo.DuplicateRow>;
}

/** The supervisor's agency: a supervisor without one has no pair to see. */
async function supervisorAgency(db: Db, actor: Actor): Promise<string> {
  if (actor.role !== 'supervisor') throw forbidden();
  const { organizationId } = await agencyOf(db, actor);
  if (!organizationId) throw ruleViolation('Your account has no agency: ask an administrator to set it', [{ path: 'organizationId', message: 'Not set' }]);
  return organizationId;
}

type PairCase = Awaited<ReturnType<typeof repo.casesForPairs>>[number];

function side(keys: DataKeyring, row: PairCase, agencyId: string): CaseDuplicateSide {
  const ownAgency = row.organization_id === agencyId;
  // Another agency's case: its reference, agency, province and status only (least privilege).
  const identity =
    ownAgency && row.identity_sealed ? (JSON.parse(openText(keys, row.identity_sealed, rowPurpose(IDENTITY_PURPOSE, row.id))) as { fullName: string }) : null;
  return {
    id: row.id,
    reference: row.reference,
    agency: row.agency_name ? { id: row.organization_id, name: row.agency_name } : null,
    province: row.province,
    status: row.status as CaseStatus,
    ownAgency,
    fullName: identity?.fullName ?? null,
    identifiedOn: ownAgency ? row.identified_on : null,
  };
}

async function present(db: Db, keys: DataKeyring, pairs: repo.DuplicateRow[], agencyId: string): Promise<CaseDuplicate[]> {
  const rows = await repo.casesForPairs(
    db,
    pairs.flatMap((p) => [p.case_a_id, p.case_b_id]),
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orgIds = [...new Set(pairs.map((p) => p.requested_organization_id).filter((id): id is string => id !== null))];
  const orgNames = new Map<string, string>();
  for (const id of orgIds) {
    const org = await cases.organizationName(db, id);
    if (org) orgNames.set(id, org.name);
  }
  return pairs.flatMap((pair) => {
    const a = byId.get(pair.case_a_id);
    const b = byId.get(pair.case_b_id);
    if (!a || !b) return [];
    const sides = [side(keys, a, agencyId), side(keys, b, agencyId)].sort((x, y) => Number(y.ownAgency) - Number(x.ownAgency)) as [
      CaseDuplicateSide,
      CaseDuplicateSide,
    ];
    const requestedOrg = pair.requested_organization_id;
    return [
      {
        id: pair.id,
        countryCode: pair.country_code,
        signals: fromJson<CaseDuplicateSignal[]>(pair.signals, []),
        score: Number(pair.score),
        level: Number(pair.score) >= STRONG_DUPLICATE_SCORE ? ('strong' as const) : ('medium' as const),
        status: pair.status,
        cases: sides,
        mergeRequest:
          pair.status === 'merge_requested' && pair.keep_case_id && requestedOrg && pair.requested_at
            ? {
                keepCaseId: pair.keep_case_id,
                agency: orgNames.has(requestedOrg) ? { id: requestedOrg, name: orgNames.get(requestedOrg) ?? '' } : null,
                byOwnAgency: requestedOrg === agencyId,
                at: pair.requested_at,
              }
            : null,
        keptCaseId: pair.status === 'merged' ? pair.keep_case_id : null,
        detectedAt: pair.detected_at,
        decidedAt: pair.decided_at,
      },
    ];
  });
}

/** GET /api/case-duplicates: the open pairs with a case of the supervisor's agency. Audited: the pairs and the other agencies' cases shown. */
export async function listDuplicates(db: Db, keys: DataKeyring, actor: Actor): Promise<{ items: CaseDuplicate[] }> {
  return db.transaction().execute(async (trx) => {
    const agencyId = await supervisorAgency(trx, actor);
    const pairs = await repo.openDuplicatesOfAgency(trx, agencyId, actor.countries, LIST_LIMIT);
    const items = await present(trx, keys, pairs, agencyId);
    if (items.length > 0) {
      await recordAccess(trx, {
        entityType: 'case',
        entityId: null,
        action: 'view',
        userId: actor.id,
        note: `possible duplicates: ${items.map((i) => i.id).join(' ')}`,
      });
      // The other agency sees, in its case's history, that this supervisor was shown the case as a possible duplicate.
      for (const item of items) {
        for (const c of item.cases) {
          if (!c.ownAgency)
            await recordAccess(trx, { entityType: 'case', entityId: c.id, action: 'view', userId: actor.id, note: `possible duplicate ${item.id}` });
        }
      }
    }
    return { items };
  });
}

/** The pair, if it has a case of the supervisor's agency (else 404: nobody learns of pairs that are not theirs). */
async function pairOfAgency(trx: Db, actor: Actor, id: string) {
  const agencyId = await supervisorAgency(trx, actor);
  const pair = await repo.findDuplicate(trx, id);
  if (!pair || (actor.countries !== null && !actor.countries.includes(pair.country_code))) throw notFound('Possible duplicate');
  // Locked in id order (two supervisors confirming at once wait for each other).
  for (const caseId of [pair.case_a_id, pair.case_b_id].sort()) await cases.lockCase(trx, caseId);
  const [a, b] = await Promise.all([cases.findCase(trx, pair.case_a_id), cases.findCase(trx, pair.case_b_id)]);
  if (!a || !b || (a.organization_id !== agencyId && b.organization_id !== agencyId)) throw notFound('Possible duplicate');
  // Read again under the locks: a decision committed meanwhile is seen.
  const current = (await repo.findDuplicate(trx, id)) ?? pair;
  return { agencyId, pair: current, a, b };
}

async function auditBoth(
  trx: Db,
  actor: Actor,
  caseIds: string[],
  action: 'merge' | 'duplicate',
  changes: (caseId: string) => Record<string, { from: unknown; to: unknown }>,
  note: string,
) {
  for (const caseId of caseIds) await recordAudit(trx, { entityType: 'case', entityId: caseId, action, userId: actor.id, changes: changes(caseId), note });
}

async function answer(db: Db, keys: DataKeyring, id: string, agencyId: string): Promise<CaseDuplicate> {
  const pair = await repo.findDuplicate(db, id);
  const [item] = pair ? await present(db, keys, [pair], agencyId) : [];
  if (!item) throw notFound('Possible duplicate');
  return item;
}

/**
 * POST /api/case-duplicates/{id}/merge { keep }. Two cases of the supervisor's agency merge at once. Cases of
 * two agencies need a supervisor of each: the first asks (merge_requested, to keep which case), a supervisor
 * of the other agency confirms with the same `keep`. The other case is marked merged into the kept one: it
 * stays, with its transitions, screenings, tasks and audit trail, shown in the kept case's history; lists
 * and statistics leave it out.
 */
export async function mergeDuplicate(db: Db, keys: DataKeyring, actor: Actor, id: string, keep: string): Promise<CaseDuplicate> {
  const agencyId = await db.transaction().execute(async (trx) => {
    const { agencyId, pair, a, b } = await pairOfAgency(trx, actor, id);
    if (pair.status === 'dismissed' || pair.status === 'merged') throw conflict(`This pair was ${pair.status} already`);
    if (keep !== a.id && keep !== b.id) throw ruleViolation('Keep one of the two cases', [{ path: 'keep', message: 'Not a case of this pair' }]);
    if (a.anonymised_at || b.anonymised_at) throw conflict('A case of this pair holds no personal data any more');
    if (a.merged_into_id || b.merged_into_id) throw conflict('A case of this pair was merged already');
    const kept = keep === a.id ? a : b;
    const merged = keep === a.id ? b : a;
    const bothOwn = a.organization_id === agencyId && b.organization_id === agencyId;
    if (!bothOwn) {
      if (pair.status === 'open') {
        const at = nowIso();
        await repo.updateDuplicate(trx, id, {
          status: 'merge_requested',
          keep_case_id: keep,
          requested_by: actor.id,
          requested_organization_id: agencyId,
          requested_at: at,
        });
        await auditBoth(
          trx,
          actor,
          [a.id, b.id],
          'duplicate',
          () => ({ duplicate: { from: 'open', to: 'merge_requested' }, keep: { from: null, to: keep } }),
          `pair ${id}`,
        );
        return agencyId;
      }
      if (pair.requested_organization_id === agencyId) throw conflict('Your agency asked for this merge: a supervisor of the other agency confirms it');
      if (pair.keep_case_id !== keep) {
        throw conflict('The other agency asked to keep the other case: confirm that one, or dismiss the pair', [
          { path: 'keep', message: `They keep ${pair.keep_case_id ?? ''}` },
        ]);
      }
    }
    const at = nowIso();
    await repo.markMerged(trx, merged.id, kept.id, at);
    await repo.updateDuplicate(trx, id, { status: 'merged', keep_case_id: kept.id, decided_by: actor.id, decided_at: at });
    // The merged case's other pairs fall (it is no longer a case of its own); the kept case's stay.
    await repo.deleteDuplicates(
      trx,
      (await repo.duplicatesOfCase(trx, merged.id)).filter((p) => p.id !== id && p.status !== 'merged').map((p) => p.id),
    );
    await recordAudit(trx, {
      entityType: 'case',
      entityId: merged.id,
      action: 'merge',
      userId: actor.id,
      changes: { mergedInto: { from: null, to: kept.id } },
      note: `into ${kept.reference}`,
    });
    await recordAudit(trx, {
      entityType: 'case',
      entityId: kept.id,
      action: 'merge',
      userId: actor.id,
      changes: { merged: { from: null, to: merged.id } },
      note: `from ${merged.reference}`,
    });
    return agencyId;
  });
  return answer(db, keys, id, agencyId);
}

/** POST /api/case-duplicates/{id}/dismiss: not the same person. The pair stays dismissed until what matched changes. */
export async function dismissDuplicate(db: Db, keys: DataKeyring, actor: Actor, id: string): Promise<CaseDuplicate> {
  const agencyId = await db.transaction().execute(async (trx) => {
    const { agencyId, pair, a, b } = await pairOfAgency(trx, actor, id);
    if (pair.status === 'dismissed' || pair.status === 'merged') throw conflict(`This pair was ${pair.status} already`);
    await repo.updateDuplicate(trx, id, {
      status: 'dismissed',
      keep_case_id: null,
      requested_by: null,
      requested_organization_id: null,
      requested_at: null,
      decided_by: actor.id,
      decided_at: nowIso(),
    });
    await auditBoth(trx, actor, [a.id, b.id], 'duplicate', () => ({ duplicate: { from: pair.status, to: 'dismissed' } }), `pair ${id}`);
    return agencyId;
  });
  return answer(db, keys, id, agencyId);
}

/**
 * A case's history with the entries of the cases merged into it, each marked with its reference
 * ("from PK-2026-000012"). The caller has checked that the reader sees the case.
 */
export async function historyWithMerged(db: Db, caseId: string) {
  const merged = await repo.casesMergedInto(db, caseId);
  const references = new Map(merged.map((m) => [m.id, m.reference]));
  const rows = await repo.auditEntriesOfCases(db, [caseId, ...merged.map((m) => m.id)]);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    user: r.user_id && r.user_name ? { id: r.user_id, name: r.user_name } : null,
    fields: Object.keys(fromJson<Record<string, unknown>>(r.changes, {})),
    note: r.note,
    fromReference: r.entity_id && r.entity_id !== caseId ? (references.get(r.entity_id) ?? null) : null,
  }));
}

/**
 * `npx hifazat cases reindex`: builds the match keys (and the pairs) of every case that still identifies its
 * person, for cases opened before migration 0021 (a migration cannot: the key is never in the database).
 * Each case in its own transaction; returns how many were indexed. Prints and logs nothing of a case.
 */
export async function reindexCases(db: Db, keys: DataKeyring, options: { stopRequested?: () => boolean } = {}): Promise<number> {
  let after = '';
  let done = 0;
  for (;;) {
    const batch = await repo.casesToIndex(db, after, 200);
    if (batch.length === 0) return done;
    for (const { id } of batch) {
      if (options.stopRequested?.()) return done;
      after = id;
      await db.transaction().execute(async (trx) => {
        await cases.lockCase(trx, id);
        const row = await cases.findCase(trx, id);
        if (!row?.identity_sealed || row.merged_into_id) return;
        const identity = JSON.parse(openText(keys, row.identity_sealed, rowPurpose(IDENTITY_PURPOSE, id))) as MatchableIdentity;
        await indexCaseForDuplicates(trx, keys, id, identity);
      });
      done += 1;
    }
  }
}
