/**
 * htcds_export (issue 13): a data officer exports their agency's 10,000 case files (2,000 at small
 * scale) as the HTCDS v2.0 Excel case sheet with the person's identity (`GET /api/cases/export?
 * format=htcds-xlsx&identity=include`), through the app's service: the scope, the query, opening each
 * sealed identity, the mapping to HTCDS fields, the audit entry naming every case, and the sheet with
 * its drop-down lists. Target: at least 2,000 cases per second.
 *
 * Baseline, in the same run: the irreducible part of the same work — the same rows by one
 * hand-written SQL statement on the plain columns (no scope lookup, no decryption, no audit) written as
 * the same number of cells with exceljs (no mapping, no drop-down lists). Both files hold one row a case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import {
  createUser,
  exportCasesHtcds,
  IDENTITY_PURPOSE,
  loadDataKeys,
  rowPurpose,
  sealText,
  type Actor,
  type Db,
  type SealedIdentity,
} from '../../packages/server/src/testing.js';
import { CASE_CITIES, CASE_FEMALE_FIRST, CASE_LAST, CASE_MALE_FIRST } from '../lib/case-names.js';
import { compareMs, throughputResult, type Result } from '../lib/measure.js';
import { IdMaker, Rng } from '../lib/prng.js';
import type { RawDb } from '../lib/raw.js';

const CASE_COLUMNS = [
  'id',
  'reference',
  'country_code',
  'province',
  'organization_id',
  'opened_by',
  'identified_on',
  'status',
  'victim_sex',
  'victim_age_at_identification',
  'victim_age_estimated',
  'victim_citizenship',
  'victim_languages',
  'identity_sealed',
  'trafficking_status',
  'decision_making_org',
  'created_at',
  'updated_at',
] as const;
const STATUSES = ['identification', 'screening', 'assistance', 'referral', 'case_plan', 'follow_up', 'closed'] as const;
const EXPLOITATION = ['ForcedLabour', 'SexualExploitation', 'ChildLabour', 'ForcedMarriage', 'ForcedBegging'] as const;
const CONTROL = ['DebtBondage', 'WithholdsDocuments', 'PhysicalThreats', 'FalsePromises', 'RestrictsMovement'] as const;
const ROLES = ['RecruiterOrIntermediary', 'Transporter', 'Exploiter', 'Smuggler'] as const;

async function insertRows(run: (text: string, params: unknown[]) => Promise<void>, table: string, columns: readonly string[], rows: unknown[][]) {
  const per = Math.floor(3000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await run(`INSERT INTO ${table} (${columns.join(',')}) VALUES ${part.map(() => `(${columns.map(() => '?').join(',')})`).join(',')}`, part.flat());
  }
}

/** The agency's cases, sealed as the app seals them; seven in ten with a care file, half with a decision. */
async function loadCases(db: Db, raw: RawDb, agencyId: string, count: number, keys: ReturnType<typeof loadDataKeys>, log: (line: string) => void) {
  const user = await createUser(db, null, {
    email: 'bench-htcds-officer@bench.example',
    name: 'Bench HTCDS officer',
    role: 'data_officer',
    password: 'bench password 2025',
    countries: ['PK'],
    organizationId: agencyId,
  });
  const officer: Actor = { id: user.id, name: user.name, email: user.email, role: 'data_officer', countries: ['PK'] };
  const rng = new Rng(1313);
  const ids = new IdMaker(rng, Date.UTC(2022, 0, 1));
  const cases: unknown[][] = [];
  const care: unknown[][] = [];
  const began = performance.now();
  for (let i = 0; i < count; i += 1) {
    const id = ids.next();
    const created = new Date(Date.UTC(2022, 0, 1) + i * 3_600_000).toISOString();
    const female = rng.chance(0.6);
    const city = rng.pick(CASE_CITIES);
    const identity: SealedIdentity = {
      fullName: `${rng.pick(female ? CASE_FEMALE_FIRST : CASE_MALE_FIRST)[0]} ${rng.pick(CASE_LAST)[0]}`,
      otherScriptName: null,
      aliases: [],
      birthDate: rng.chance(0.3) ? `19${rng.int(70, 99)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}` : null,
      phone: rng.chance(0.6) ? `03${rng.int(0, 4)}${rng.int(0, 9)}-${rng.int(1_000_000, 9_999_999)}` : null,
      identityNumbers: [],
      address: rng.chance(0.5) ? `House ${rng.int(1, 400)}, ${city[0]}` : null,
      identificationPlace: null,
    };
    const decided = rng.chance(0.5);
    cases.push([
      id,
      `PK-2099-${String(i + 1).padStart(6, '0')}`,
      'PK',
      'Punjab',
      agencyId,
      officer.id,
      created.slice(0, 10),
      rng.pick(STATUSES),
      female ? 'female' : 'male',
      rng.int(9, 45),
      identity.birthDate === null,
      'PK',
      '["ur"]',
      sealText(keys, JSON.stringify(identity), rowPurpose(IDENTITY_PURPOSE, id)),
      decided ? 'ActualVictimOfTrafficking' : null,
      decided ? 'Police' : null,
      created,
      created,
    ]);
    if (rng.chance(0.7)) {
      const context = {
        exploitationTypes: [rng.pick(EXPLOITATION)],
        forcedLabourIndustries: rng.chance(0.5) ? ['C_Manufacturing'] : [],
        methodsOfControl: [rng.pick(CONTROL), rng.pick(CONTROL)].filter((v, k, a) => a.indexOf(v) === k),
        recruitmentMethods: ['ThroughFamilyOrFamilyEvents'],
        places: [
          { kind: 'Recruitment', countryCode: 'PK', province: 'Punjab' },
          { kind: 'Exploitation', countryCode: rng.chance(0.3) ? 'AE' : 'PK', province: null },
        ],
        recruitedOn: '2021-03-04',
        exploitationStartedOn: '2021-04-01',
        exploitationEndedOn: null,
        perpetratorRoles: [rng.pick(ROLES)],
      };
      care.push([id, JSON.stringify(context), null, officer.id, created]);
    }
  }
  await raw.transaction(async (run) => {
    await insertRows(run, 'cases', CASE_COLUMNS, cases);
    await insertRows(run, 'case_care_files', ['case_id', 'context', 'sealed', 'updated_by', 'updated_at'], care);
  });
  log(`htcds_export: ${count} cases (${care.length} care files) sealed and written in ${((performance.now() - began) / 1000).toFixed(1)} s`);
  return officer;
}

/** The baseline: the same rows by one statement on the plain columns, written as the same cells. */
async function plainSheet(raw: RawDb, agencyId: string, columns: number): Promise<Buffer> {
  const rows = await raw.all(
    `SELECT c.reference, c.status, c.victim_sex, c.victim_citizenship, c.trafficking_status, c.decision_making_org, c.province, c.identified_on,
            c.victim_age_at_identification, f.context
       FROM cases c LEFT JOIN case_care_files f ON f.case_id = c.id
      WHERE c.organization_id = ? ORDER BY c.created_at DESC, c.id DESC`,
    [agencyId],
  );
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Case Sheet');
  const pad = Array.from({ length: Math.max(0, columns - rows[0]!.length) }, () => null);
  sheet.addRows(rows.map((r) => [...r.slice(0, -1), typeof r.at(-1) === 'string' ? (r.at(-1) as string).slice(0, 60) : null, ...pad]));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function benchHtcdsExport(
  db: Db,
  raw: RawDb,
  organizations: Array<{ id: string }>,
  count: number,
  runs: number,
  log: (line: string) => void,
): Promise<Result[]> {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-bench-htcds-keys-'));
  try {
    const keys = loadDataKeys({ dataDir: keyDir });
    // An agency no other benchmark opens cases for (case_search uses the first 40).
    const agencyId = organizations.at(-1)?.id;
    if (!agencyId) throw new Error('htcds_export: no organisation');
    const officer = await loadCases(db, raw, agencyId, count, keys, log);
    const exportSheet = () => exportCasesHtcds(db, keys, officer, { format: 'htcds-xlsx', identity: 'include' });
    const file = await exportSheet();
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(file.body as unknown as ArrayBuffer);
    const rowsOut = (check.getWorksheet('Case Sheet')?.rowCount ?? 0) - 2;
    if (rowsOut !== count) throw new Error(`htcds_export: ${rowsOut} cases in the sheet, not ${count}`);
    const columns = check.getWorksheet('Case Sheet')?.getRow(1).cellCount ?? 0;
    const baseline = await plainSheet(raw, agencyId, columns);
    log(
      `htcds_export: the sheet holds ${rowsOut} cases × ${columns} columns (${(file.body.length / 1e6).toFixed(1)} MB; baseline ${(baseline.length / 1e6).toFixed(1)} MB)`,
    );
    const json = await compareMs(
      () => exportCasesHtcds(db, keys, officer, { format: 'htcds-json', identity: 'include' }),
      async () => JSON.stringify(await raw.all('SELECT * FROM cases WHERE organization_id = ?', [agencyId])),
      runs,
      1,
    );
    log(
      `htcds_export (JSON, not a figure): app ${json.app.toFixed(0)} ms (${Math.round(count / (json.app / 1000))} cases/s), plain rows as JSON ${json.baseline.toFixed(0)} ms`,
    );
    const t = await compareMs(exportSheet, () => plainSheet(raw, agencyId, columns), runs, 1);
    log(`htcds_export: app ${t.app.toFixed(0)} ms, plain cells ${t.baseline.toFixed(0)} ms for ${count} cases`);
    return [throughputResult('htcds_export', count / (t.app / 1000), count / (t.baseline / 1000), 'cases/s')];
  } finally {
    fs.rmSync(keyDir, { recursive: true, force: true });
  }
}
