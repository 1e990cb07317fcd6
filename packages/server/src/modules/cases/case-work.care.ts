import type { CareFile, JusticeTrack, zCareFileBody, zJusticeBody } from '@hifazat/contract';
import type { z } from 'zod';
import { inTransaction, type Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { forbidden, invalid } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { openText, sealText, type DataKeyring } from '../../shared/data-key.js';
import { nowIso } from '../../shared/ids.js';
import { rowPurpose } from '../../shared/sealed-columns.js';
import { recordAccess, recordAudit, type Changes } from '../audit/index.js';
import { caseInScope, caseToWorkOn, userRefs } from './cases.service.js';
import { CARE_FILE_PURPOSE, JUSTICE_PURPOSE } from './case-work.service.js';
import * as repo from './case-work.repository.js';

type CareBody = z.output<typeof zCareFileBody>;
type JusticeBody = z.output<typeof zJusticeBody>;

/** What the care file keeps plain: pick-lists, places and dates (HTCDS export and statistics read them), and the perpetrators' roles. */
type CareContext = Omit<CareBody, 'perpetrators' | 'supportPlan'> & { perpetratorRoles: string[] };
/** What it seals: the perpetrators (names with roles) and the support plan. */
type CareSealed = { perpetrators: CareBody['perpetrators']; supportPlan: string | null };

const WITHHELD = '‹withheld›';

const EMPTY_CARE: CareBody = {
  exploitationTypes: [],
  forcedLabourIndustries: [],
  methodsOfControl: [],
  recruitmentMethods: [],
  places: [],
  recruitedOn: null,
  exploitationStartedOn: null,
  exploitationEndedOn: null,
  perpetrators: [],
  supportPlan: null,
  servicesReceived: [],
};

const EMPTY_JUSTICE: JusticeBody = {
  firNumber: null,
  firDate: null,
  policeStation: null,
  investigationStatus: null,
  charges: [],
  prosecutionStatus: null,
  hearings: [],
  verdict: null,
  verdictOn: null,
  compensationAmount: null,
  assetsSeized: null,
  witnessProtectionNeeds: [],
  notes: null,
};

/** The names of the fields that differ (the audit names them, never their values). */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, prefix: string): Changes {
  const changes: Changes = {};
  for (const field of Object.keys(after)) {
    if (JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null)) changes[`${prefix}.${field}`] = { from: WITHHELD, to: WITHHELD };
  }
  return changes;
}

export function openCare(keys: DataKeyring, row: repo.CareFileRow | undefined): CareBody {
  if (!row) return EMPTY_CARE;
  // The roles are kept plain for the HTCDS export; the sealed list holds them with the names.
  const stored = fromJson<Partial<CareContext>>(row.context, {});
  const context: Partial<CareBody> = { ...stored };
  delete (context as Partial<CareContext>).perpetratorRoles;
  const sealed: CareSealed = row.sealed
    ? (JSON.parse(openText(keys, row.sealed, rowPurpose(CARE_FILE_PURPOSE, row.case_id))) as CareSealed)
    : { perpetrators: [], supportPlan: null };
  return { ...EMPTY_CARE, ...context, ...sealed };
}

async function presentCare(db: Db, keys: DataKeyring, row: repo.CareFileRow | undefined): Promise<CareFile> {
  const users = await userRefs(db, [row?.updated_by ?? null]);
  const care = openCare(keys, row);
  return {
    ...care,
    places: care.places.map((p) => ({ kind: p.kind, countryCode: p.countryCode, province: p.province ?? null })),
    supportPlan: care.supportPlan ?? null,
    updatedBy: row?.updated_by ? (users.get(row.updated_by) ?? null) : null,
    updatedAt: row?.updated_at ?? null,
  };
}

function checkCareDates(body: CareBody): void {
  const { recruitedOn, exploitationStartedOn, exploitationEndedOn } = body;
  if (exploitationStartedOn && exploitationEndedOn && exploitationEndedOn < exploitationStartedOn) {
    throw invalid('The exploitation ended before it started', [{ path: 'exploitationEndedOn', message: 'Before the start' }]);
  }
  if (recruitedOn && exploitationStartedOn && exploitationStartedOn < recruitedOn) {
    throw invalid('The exploitation started before the recruitment', [{ path: 'exploitationStartedOn', message: 'Before the recruitment' }]);
  }
}

/** The care file, in the same scope as the case (a break-glass grant reads it). */
export async function getCareFile(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<CareFile> {
  return inTransaction(db, async (trx) => {
    const row = await caseInScope(trx, actor, caseId);
    await recordAccess(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'view',
      userId: actor.id,
      note: toBoolean(row.in_agency_scope) ? 'care file' : 'care file, break-glass',
    });
    return presentCare(trx, keys, await repo.findCareFile(trx, caseId));
  });
}

export async function putCareFile(db: Db, keys: DataKeyring, actor: Actor, caseId: string, body: CareBody): Promise<CareFile> {
  checkCareDates(body);
  return inTransaction(db, async (trx) => {
    await caseToWorkOn(trx, actor, caseId);
    const before = openCare(keys, await repo.findCareFile(trx, caseId));
    const { perpetrators, supportPlan, ...context } = body;
    const changes = changedFields(before, body, 'careFile');
    if (Object.keys(changes).length > 0) {
      const sealed: CareSealed = { perpetrators, supportPlan: supportPlan ?? null };
      await repo.saveCareFile(trx, {
        case_id: caseId,
        context: { ...context, perpetratorRoles: [...new Set(perpetrators.map((p) => p.role))] },
        sealed: sealText(keys, JSON.stringify(sealed), rowPurpose(CARE_FILE_PURPOSE, caseId)),
        updated_by: actor.id,
        updated_at: nowIso(),
      });
      await recordAudit(trx, { entityType: 'case', entityId: caseId, action: 'care_file', userId: actor.id, changes });
    }
    return presentCare(trx, keys, await repo.findCareFile(trx, caseId));
  });
}

/**
 * The criminal-justice track: a data officer or supervisor of the case's agency (never through
 * break-glass) whose account holds the justice grant. The case's scope is checked first, so that a
 * reader outside it learns nothing more than from the case itself (404 or break_glass_required).
 */
async function justiceCase(trx: Db, actor: Actor, caseId: string, write: boolean) {
  const row = write ? await caseToWorkOn(trx, actor, caseId) : await caseInScope(trx, actor, caseId);
  if (!toBoolean(row.in_agency_scope)) {
    throw forbidden('The justice track is not opened through break-glass', [{ path: 'id', message: 'Break-glass access' }]);
  }
  if (!(await repo.hasJusticeAccess(trx, actor.id))) {
    throw forbidden('Reading the justice track needs the justice grant on your account: ask an administrator', [
      { path: 'justiceAccess', message: 'Not granted' },
    ]);
  }
  return row;
}

function openJustice(keys: DataKeyring, row: repo.JusticeRow | undefined): JusticeBody {
  if (!row?.sealed) return EMPTY_JUSTICE;
  return { ...EMPTY_JUSTICE, ...(JSON.parse(openText(keys, row.sealed, rowPurpose(JUSTICE_PURPOSE, row.case_id))) as JusticeBody) };
}

async function presentJustice(db: Db, keys: DataKeyring, row: repo.JusticeRow | undefined): Promise<JusticeTrack> {
  const users = await userRefs(db, [row?.updated_by ?? null]);
  const track = openJustice(keys, row);
  return {
    ...track,
    firNumber: track.firNumber ?? null,
    policeStation: track.policeStation ?? null,
    assetsSeized: track.assetsSeized ?? null,
    notes: track.notes ?? null,
    hearings: track.hearings.map((h) => ({ on: h.on, court: h.court ?? null, outcome: h.outcome ?? null })),
    updatedBy: row?.updated_by ? (users.get(row.updated_by) ?? null) : null,
    updatedAt: row?.updated_at ?? null,
  };
}

export async function getJusticeTrack(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<JusticeTrack> {
  return inTransaction(db, async (trx) => {
    await justiceCase(trx, actor, caseId, false);
    await recordAccess(trx, { entityType: 'case', entityId: caseId, action: 'view', userId: actor.id, note: 'justice track' });
    return presentJustice(trx, keys, await repo.findJustice(trx, caseId));
  });
}

export async function putJusticeTrack(db: Db, keys: DataKeyring, actor: Actor, caseId: string, body: JusticeBody): Promise<JusticeTrack> {
  if (body.verdictOn && body.firDate && body.verdictOn < body.firDate) {
    throw invalid('The verdict is dated before the FIR', [{ path: 'verdictOn', message: 'Before the FIR date' }]);
  }
  return inTransaction(db, async (trx) => {
    await justiceCase(trx, actor, caseId, true);
    const before = openJustice(keys, await repo.findJustice(trx, caseId));
    const changes = changedFields(before, body, 'justice');
    if (Object.keys(changes).length > 0) {
      await repo.saveJustice(trx, {
        case_id: caseId,
        sealed: sealText(keys, JSON.stringify(body), rowPurpose(JUSTICE_PURPOSE, caseId)),
        updated_by: actor.id,
        updated_at: nowIso(),
      });
      await recordAudit(trx, { entityType: 'case', entityId: caseId, action: 'justice', userId: actor.id, changes });
    }
    return presentJustice(trx, keys, await repo.findJustice(trx, caseId));
  });
}
