import type { CaseDetail } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import type { DataKeyring } from '../../shared/data-key.js';
import { nowIso } from '../../shared/ids.js';
import { recordAudit } from '../audit/index.js';
import { scopeOf } from './cases.access.js';
import { casesMergedInto, forgetDuplicateIndex } from './case-duplicates.repository.js';
import * as repo from './cases.repository.js';
import { getCase } from './cases.service.js';

/**
 * Removes what identifies the person (the sealed identity and narrative, the name index, the district
 * and languages) and keeps what the statistics count (sex, age at identification, citizenship,
 * province, status, screenings' answers and suggestions, which name nobody). Break-glass reasons go
 * too: they may name the person, and so do the SOP work's notes, task titles, care file and justice track.
 */
async function removeIdentity(db: Db, caseId: string, at: string, action: 'erase' | 'anonymise', actorId: string | null): Promise<void> {
  // The district and the languages go too: no statistic counts them, and with the rest they narrow a person down.
  await repo.updateCase(db, caseId, {
    identity_sealed: null,
    narrative_sealed: null,
    district: null,
    victim_languages: [],
    anonymised_at: at,
    updated_at: at,
  });
  await repo.replaceNameTokens(db, caseId, []);
  await repo.forgetBreakGlassReasons(db, caseId);
  await repo.forgetCaseWork(db, caseId);
  // Possible duplicates (issue 13): the match keys and the pairs go; the cases merged into this one are the
  // same person, and lose what identifies them with it (each audited).
  await forgetDuplicateIndex(db, caseId);
  for (const merged of await casesMergedInto(db, caseId)) {
    const row = await repo.findCase(db, merged.id);
    if (!row || row.anonymised_at) continue;
    await removeIdentity(db, merged.id, at, action, actorId);
    await recordAudit(db, {
      entityType: 'case',
      entityId: merged.id,
      action,
      userId: actorId,
      changes: { identity: { from: '‹sealed›', to: null } },
      note: 'with the case it was merged into',
    });
  }
}

/** Erasure on the person's request, by a supervisor of the case's agency; the erasure is audited. */
export async function eraseCase(db: Db, keys: DataKeyring, actor: Actor, id: string, confirmReference: string): Promise<CaseDetail> {
  await db.transaction().execute(async (trx) => {
    // Locked before it is read: a change committed meanwhile is seen, and two erasures do not both pass.
    await repo.lockCase(trx, id);
    const row = await repo.findCaseInScope(trx, { ...(await scopeOf(trx, actor)), grantsOf: null }, id);
    if (!row || !toBoolean(row.in_agency_scope)) throw notFound('Case');
    if (confirmReference.trim().toUpperCase() !== row.reference) {
      throw ruleViolation('Type the case reference to confirm the erasure', [{ path: 'confirmReference', message: `Type ${row.reference}` }]);
    }
    if (row.anonymised_at) throw ruleViolation('This case holds no personal data any more');
    const at = nowIso();
    await removeIdentity(trx, id, at, 'erase', actor.id);
    await recordAudit(trx, {
      entityType: 'case',
      entityId: id,
      action: 'erase',
      userId: actor.id,
      changes: { identity: { from: '‹sealed›', to: null }, narrative: { from: '‹sealed›', to: null } },
      note: "on the person's request",
    });
  });
  return getCase(db, keys, actor, id);
}

/** The instant before which a case must have been closed to be anonymised `years` after `now`. */
export function retentionCutoff(years: number, now: Date): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

export type AnonymiseOptions = {
  /** CASE_RETENTION_YEARS. */
  years: number;
  now?: Date;
  /** Count only: nothing changes. */
  dryRun?: boolean;
  /** Asked between cases: true stops the run (the server is shutting down). */
  stopRequested?: () => boolean;
};

/**
 * Anonymises the closed cases whose retention period has passed (closed before now − years), in
 * batches, each case in its own transaction with its audit entry. Returns how many were anonymised
 * (with `dryRun`, how many would be). The case is read again under its row lock, so that two runs at
 * once (two server processes) anonymise and audit it once.
 */
export async function anonymiseExpiredCases(db: Db, options: AnonymiseOptions): Promise<number> {
  const cutoff = retentionCutoff(options.years, options.now ?? new Date()).toISOString();
  if (options.dryRun) return repo.countCasesToAnonymise(db, cutoff);
  let done = 0;
  for (;;) {
    const batch = await repo.casesToAnonymise(db, cutoff, 200);
    if (batch.length === 0) return done;
    for (const { id } of batch) {
      if (options.stopRequested?.()) return done;
      const anonymised = await db.transaction().execute(async (trx) => {
        await repo.lockCase(trx, id);
        const row = await repo.findCase(trx, id);
        if (!row || row.anonymised_at !== null || row.status !== 'closed' || row.closed_at === null || row.closed_at >= cutoff) return false;
        await removeIdentity(trx, id, nowIso(), 'anonymise', null);
        await recordAudit(trx, {
          entityType: 'case',
          entityId: id,
          action: 'anonymise',
          userId: null,
          changes: { identity: { from: '‹sealed›', to: null } },
          note: `retention: closed more than ${options.years} years ago`,
        });
        return true;
      });
      if (anonymised) done += 1;
    }
  }
}
