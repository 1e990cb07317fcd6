import type { CaseDetail } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import type { DataKeyring } from '../../shared/data-key.js';
import { nowIso } from '../../shared/ids.js';
import { recordAudit } from '../audit/index.js';
import { scopeOf } from './cases.access.js';
import * as repo from './cases.repository.js';
import { getCase } from './cases.service.js';

/** Closed cases keep what identifies the person this long, then are anonymised (CASE_RETENTION_YEARS). */
export const DEFAULT_RETENTION_YEARS = 5;

/**
 * Removes what identifies the person (the sealed identity and narrative, the name index, the district
 * and languages) and keeps what the statistics count (sex, age at identification, citizenship,
 * province, status, screenings' answers and suggestions, which name nobody). Break-glass reasons go
 * too: they may name the person.
 */
async function removeIdentity(db: Db, caseId: string, at: string): Promise<void> {
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
    await removeIdentity(trx, id, at);
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

/**
 * Anonymises the closed cases whose retention period has passed (closed before now − years), in
 * batches, each case in its own transaction with its audit entry. Returns how many were anonymised.
 */
export async function anonymiseExpiredCases(db: Db, options: { years: number; now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - options.years);
  let done = 0;
  for (;;) {
    const batch = await repo.casesToAnonymise(db, cutoff.toISOString(), 200);
    if (batch.length === 0) return done;
    for (const { id } of batch) {
      await db.transaction().execute(async (trx) => {
        await repo.lockCase(trx, id);
        await removeIdentity(trx, id, nowIso());
        await recordAudit(trx, {
          entityType: 'case',
          entityId: id,
          action: 'anonymise',
          userId: null,
          changes: { identity: { from: '‹sealed›', to: null } },
          note: `retention: closed more than ${options.years} years ago`,
        });
      });
      done += 1;
    }
  }
}
