/**
 * HTCDS v2.0 exchange (issue 13): export of one case or of the list's cases (JSON or the Excel case
 * sheet), and import of the sheet with a dry run. Who: a data officer or supervisor, for the cases of
 * their own agency and area only (never through break-glass); every export is audited with the case
 * ids. Pseudonymised unless `identity=include` (docs/cases.md, "HTCDS exchange").
 */
import { zCareFileBody, zCreateCaseBody, type HtcdsCase, type HtcdsImportReport, type HtcdsListExportQuery } from '@hifazat/contract';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import type { DataKeyring } from '../../shared/data-key.js';
import { nowIso } from '../../shared/ids.js';
import { recordAccess, recordAudit } from '../audit/index.js';
import { putCareFile } from './case-work.care.js';
import { scopeOf } from './cases.access.js';
import { fromHtcdsRow, toHtcds, type ImportProblem, type ImportedRow } from './cases.htcds.js';
import * as htcdsRepo from './cases.htcds.repository.js';
import { readCaseSheet, writeCaseSheet } from './cases.htcds-xlsx.js';
import * as repo from './cases.repository.js';
import { auditedChanges, caseToWorkOn, createCase, listFiltersOf, openIdentity } from './cases.service.js';
import { lookupTable } from '../../shared/lookup-table.js';

/** The most cases one export holds: past it the reader narrows the filters. */
export const MAX_HTCDS_EXPORT = 20_000;

type Identity = 'include' | 'withhold';

/** The reader's own scope, without their break-glass grants (an export is never made through the glass). */
async function exportScope(db: Db, actor: Actor): Promise<repo.CaseScope> {
  return { ...(await scopeOf(db, actor)), grantsOf: null };
}

async function present(db: Db, keys: DataKeyring, rows: repo.CaseListRow[], identity: Identity): Promise<HtcdsCase[]> {
  const ids = rows.map((r) => r.id);
  const [care, owners, referrals] = await Promise.all([
    htcdsRepo.careContexts(db, ids),
    htcdsRepo.ownerNames(
      db,
      rows.flatMap((r) => (r.opened_by ? [r.opened_by] : [])),
    ),
    htcdsRepo.latestReferrals(db, ids),
  ]);
  return rows.map((row) =>
    toHtcds({
      row,
      identity: identity === 'include' ? openIdentity(keys, row) : null,
      care: care.get(row.id) ?? null,
      owner: row.opened_by ? (owners.get(row.opened_by) ?? null) : null,
      referral: referrals.get(row.id) ?? null,
    }),
  );
}

const exportNote = (identity: Identity, ids: string[]) => `htcds${identity === 'include' ? ', with identity' : ', pseudonymised'}: ${ids.join(' ')}`;

/** One case in HTCDS JSON (404 outside the reader's own scope, break-glass or not). */
export async function exportCaseHtcds(db: Db, keys: DataKeyring, actor: Actor, id: string, identity: Identity): Promise<HtcdsCase> {
  return db.transaction().execute(async (trx) => {
    const row = await repo.findCaseInScope(trx, await exportScope(trx, actor), id);
    if (!row || !toBoolean(row.in_agency_scope)) throw notFound('Case');
    await recordAccess(trx, { entityType: 'case', entityId: id, action: 'export', userId: actor.id, note: exportNote(identity, [id]) });
    const [one] = await present(trx, keys, [row], identity);
    if (!one) throw notFound('Case');
    return one;
  });
}

export type HtcdsFile = { fileName: string; contentType: string; body: Buffer | string };

/** The cases of the list (its filters, the reader's own scope), as HTCDS JSON or the Excel case sheet. */
export async function exportCasesHtcds(db: Db, keys: DataKeyring, actor: Actor, query: HtcdsListExportQuery & { identity: Identity }): Promise<HtcdsFile> {
  const found = listFiltersOf(keys, query);
  const cases = await db.transaction().execute(async (trx) => {
    if (!found) return [];
    const rows = await repo.listCases(trx, await exportScope(trx, actor), { ...found.filters, limit: MAX_HTCDS_EXPORT + 1 });
    if (rows.length > MAX_HTCDS_EXPORT) {
      throw new AppError('rule_violation', `At most ${MAX_HTCDS_EXPORT} cases are exported at once: narrow the filters`, [
        { path: 'query', message: 'Too many cases' },
      ]);
    }
    // Who exported which cases (ids only, never the search words nor a value).
    if (rows.length > 0) {
      await recordAccess(trx, {
        entityType: 'case',
        entityId: null,
        action: 'export',
        userId: actor.id,
        note: exportNote(
          query.identity,
          rows.map((r) => r.id),
        ),
      });
    }
    return present(trx, keys, rows, query.identity);
  });
  const day = nowIso().slice(0, 10);
  if (query.format === 'htcds-xlsx') {
    return {
      fileName: `hifazat-cases-htcds-${day}.xlsx`,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: await writeCaseSheet(cases),
    };
  }
  return {
    fileName: `hifazat-cases-htcds-${day}.json`,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ standard: 'HTCDS', version: '2.0', identity: query.identity === 'include' ? 'included' : 'withheld', cases }),
  };
}

class RollBack extends Error {}

/** The decision the sheet records, as a screening's decision would set it (audited: named, never valued). */
async function recordDecision(trx: Db, actor: Actor, caseId: string, decision: NonNullable<ImportedRow['decision']>): Promise<void> {
  const row = await caseToWorkOn(trx, actor, caseId);
  const now = nowIso();
  await repo.updateCase(trx, caseId, {
    trafficking_status: decision.traffickingStatus,
    decision_making_org: decision.decisionMakingOrg,
    decided_by: actor.id,
    decided_at: now,
    updated_at: now,
  });
  await recordAudit(trx, {
    entityType: 'case',
    entityId: caseId,
    action: 'update',
    userId: actor.id,
    changes: auditedChanges({
      traffickingStatus: { from: row.trafficking_status, to: decision.traffickingStatus },
      decisionMakingOrg: { from: row.decision_making_org, to: decision.decisionMakingOrg },
    }),
    note: 'htcds import',
  });
}

/** Where a refusal of createCase or putCareFile points, in the sheet. */
const COLUMN_OF_PATH = lookupTable<string>({
  countryCode: 'hfz_CountryCode',
  province: 'hfz_Province',
  identifiedOn: 'hfz_IdentifiedOn',
  'victim.birthDate': 'prs_Birthdate',
  organizationId: 'hfz_CountryCode',
  exploitationEndedOn: 'hte_ExploitationEndDate',
  exploitationStartedOn: 'hte_ExploitationStartDate',
  'victim.fullName': 'prs_FirstName',
  'victim.phone': 'prs_MobilePhone',
  'victim.address': 'prs_MailingStreet',
  'victim.estimatedAge': 'vic_AgeWhenTrafficked',
  places: 'vic_LocationOfRecruitment',
  recruitedOn: 'hte_RecruitmentDate',
});

/**
 * Checks the sheet and opens its cases in the importing data officer's agency, one transaction for
 * all: createCase seals the identity and audits each case, putCareFile the care file. A dry run, or
 * any problem, rolls everything back; a problem answers 422 naming the row and the column.
 */
export async function importCasesHtcds(db: Db, keys: DataKeyring, actor: Actor, buffer: Buffer, dryRun: boolean): Promise<HtcdsImportReport> {
  const sheet = await readCaseSheet(buffer);
  const problems: ImportProblem[] = [];
  const defaultCountry = actor.countries?.length === 1 ? (actor.countries[0] ?? null) : null;
  const planned: Array<Omit<ImportedRow, 'body' | 'care'> & { body: z.output<typeof zCreateCaseBody>; care: z.output<typeof zCareFileBody> | null }> = [];
  for (const { line, cells } of sheet.rows) {
    const checked = fromHtcdsRow(line, cells, sheet.where, defaultCountry);
    problems.push(...checked.problems);
    if (!checked.row) continue;
    // The contract's own checks (lengths, codes), each pointed at its column.
    const body = zCreateCaseBody.safeParse(checked.row.body);
    const care = checked.row.care ? zCareFileBody.safeParse(checked.row.care) : null;
    for (const issue of [...(body.error?.issues ?? []), ...(care?.error?.issues ?? [])]) {
      const key = COLUMN_OF_PATH[issue.path.join('.')] ?? COLUMN_OF_PATH[String(issue.path[0] ?? '')];
      problems.push({ line, column: key ? sheet.where(key) : '', message: `${issue.path.join('.')}: ${issue.message}` });
    }
    if (body.success && (!care || care.success)) planned.push({ ...checked.row, body: body.data, care: care?.data ?? null });
  }
  if (sheet.rows.length === 0) problems.push({ line: 3, column: '', message: 'No case in the sheet: cases start on row 3' });
  const report: HtcdsImportReport = { dryRun, rows: sheet.rows.length, created: 0, cases: [], notKept: [] };
  const notKept = new Map<string, number[]>();
  if (problems.length === 0) {
    try {
      await db.transaction().execute(async (trx) => {
        for (const row of planned) {
          try {
            const created = await createCase(trx, keys, actor, row.body);
            if (row.decision) await recordDecision(trx, actor, created.id, row.decision);
            if (row.care) await putCareFile(trx, keys, actor, created.id, row.care);
            report.cases.push({ line: row.line, id: created.id, reference: created.reference });
            for (const column of row.notKept) notKept.set(column, [...(notKept.get(column) ?? []), row.line]);
          } catch (error) {
            if (!(error instanceof AppError) || error.status >= 500 || error.status === 404) throw error;
            const details = error.details.length > 0 ? error.details : [{ path: '', message: error.message }];
            for (const d of details) {
              const key = COLUMN_OF_PATH[d.path ?? ''];
              problems.push({ line: row.line, column: key ? sheet.where(key) : '', message: `${error.message}${d.message ? ` (${d.message})` : ''}` });
            }
          }
        }
        if (dryRun || problems.length > 0) throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'import_invalid',
      `${new Set(problems.map((p) => p.line)).size} rows have problems; nothing was imported`,
      problems.slice(0, 200).map((p) => ({ line: p.line, column: p.column, message: p.message })),
    );
  }
  report.created = report.cases.length;
  // A dry run's cases were rolled back: their ids and references never existed.
  if (dryRun) report.cases = [];
  report.notKept = [...notKept].map(([column, lines]) => ({ column: sheet.where(column), lines }));
  return report;
}
