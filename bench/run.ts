/**
 * Hifazat benchmarks: `npm run bench [-- --scale small|full|x10] [--json] [--engine postgres] [--keep]`.
 * `--only certificates_per_s` (or `assessment_analysis`) runs one of the cases that need no database,
 * without building one; `--only cascade_reach` (or `donor_report`, `audit_verify`, `case_search`, `referral_dashboard`, `htcds_export`)
 * builds the register and runs that case alone; so does each programme report figure
 * (`--only programme_report_all`, `programme_report_province_year`, `programme_report_topic_country`, or all
 * three, with the whole-period report after a write, with `--only programme_reports`; that one alone: `--only programme_report_after_write`).
 * `--keep` keeps the database, and (SQLite) a copy of it as it was before the import benchmark wrote to it.
 * Builds a seeded synthetic register into a fresh database, measures the app against baselines
 * measured in the same run, prints a table (or, with --json, one JSON array and nothing else on stdout).
 * Progress goes to stderr. See docs/benchmarks.md.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { analyseAssessment, createUser, type Actor } from '../packages/server/src/testing.js';
import { benchApi } from './cases/api.js';
import { benchAssessmentAnalysis } from './cases/assessments.js';
import { benchAuditVerify } from './cases/audit.js';
import { benchCascade } from './cases/cascade.js';
import fs from 'node:fs';
import { benchCaseSearch, loadCaseFiles, type LoadedCases } from './cases/case-search.js';
import { benchCertificates } from './cases/certificates.js';
import { benchDonorReport } from './cases/donor-report.js';
import { benchHtcdsExport } from './cases/htcds.js';
import { benchImport } from './cases/imports.js';
import { benchPeopleSearch } from './cases/people.js';
import { benchReferralDashboard } from './cases/referrals.js';
import { AFTER_WRITE, benchReports, REPORT_CASES } from './cases/reports.js';
import { benchWrites } from './cases/writes.js';
import { benchSummary } from './cases/summary.js';
import { buildDatabase, type Engine } from './lib/database.js';
import { SCALES } from './lib/generate.js';
import type { Result } from './lib/measure.js';
import { openRawPostgres, openRawSqlite } from './lib/raw.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    engine: { type: 'string', default: 'sqlite' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const scale = SCALES[values.scale as keyof typeof SCALES];
if (!scale) throw new Error(`--scale is ${Object.keys(SCALES).join(', ')}, not ${values.scale}`);
if (values.engine !== 'sqlite' && values.engine !== 'postgres') throw new Error(`--engine is sqlite or postgres, not ${values.engine}`);
const engine: Engine = values.engine;

const t0 = performance.now();
const log = (line: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);

/** What each figure should reach (at full scale on SQLite, for the report times). */
function target(r: Result): string {
  switch (r.name) {
    // Issue 14's targets, at full scale on SQLite.
    case 'programme_report_all':
      if (scale.name !== 'full' || engine !== 'sqlite') return '';
      return `<300 ms and ≤0.15× naive: ${r.value < 300 && (r.naiveRatio ?? Infinity) <= 0.15 ? 'met' : 'MISSED'}`;
    case 'programme_report_province_year':
      if (scale.name !== 'full' || engine !== 'sqlite') return '';
      return `<30 ms: ${r.value < 30 ? 'met' : 'MISSED'}`;
    case 'write_participant_ms':
    case 'write_attendance_ms':
      return `<1 ms CPU: ${r.value < 1 ? 'met' : 'MISSED'}`;
    case 'import_rows_per_s':
      return `≥10,000 rows/s: ${r.value >= 10_000 ? 'met' : 'MISSED'}`;
    case 'api_events_list_rps':
      return `≥0.5× bare: ${r.ratio >= 0.5 ? 'met' : 'MISSED'}`;
    case 'assessment_analysis':
      return `<50 ms: ${r.value < 50 ? 'met' : 'MISSED'}`;
    case 'certificates_per_s':
      return `≥20/s: ${r.value >= 20 ? 'met' : 'MISSED'}`;
    case 'donor_report':
      return `<2 s: ${r.value < 2000 ? 'met' : 'MISSED'}`;
    case 'cascade_reach':
      return `<200 ms: ${r.value < 200 ? 'met' : 'MISSED'}`;
    case 'audit_verify':
      return `<10 s: ${r.value < 10_000 ? 'met' : 'MISSED'}`;
    case 'case_search':
    case 'referral_dashboard':
      return `<100 ms: ${r.value < 100 ? 'met' : 'MISSED'}`;
    case 'htcds_export':
      return `≥2,000 cases/s: ${r.value >= 2000 ? 'met' : 'MISSED'}`;
    default:
      return '';
  }
}

function table(results: Result[]): string {
  const withNaive = results.some((r) => r.naive !== undefined);
  const withCpu = results.some((r) => r.cpuMs !== undefined);
  const rows = [
    [
      'benchmark',
      'value',
      'baseline',
      'ratio',
      ...(withNaive ? ['naive', 'app ÷ naive'] : []),
      ...(withCpu ? ['CPU ms: app / baseline / naive'] : []),
      'target',
    ],
    ...results.map((r) => [
      r.name,
      `${r.value} ${r.unit}`,
      `${r.baseline} ${r.unit}`,
      `${r.ratio}×`,
      ...(withNaive ? [r.naive === undefined ? '' : `${r.naive} ${r.unit}`, r.naiveRatio === undefined ? '' : `${r.naiveRatio}×`] : []),
      ...(withCpu ? [r.cpuMs === undefined ? '' : `${r.cpuMs} / ${r.baselineCpuMs ?? ''} / ${r.naiveCpuMs ?? ''}`] : []),
      target(r),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

/** The cases that need no database, by the name of their figure. */
const standalone: Record<string, () => Promise<Result[]>> = {
  assessment_analysis: () => benchAssessmentAnalysis(analyseAssessment, scale.runs, log),
  certificates_per_s: () => benchCertificates(log),
};
/** The cases `--only` can run alone on a built register. */
/** Each report figure alone, or `programme_reports`: all four. */
const reportCases = [...REPORT_CASES.map(([name]) => name), AFTER_WRITE, 'programme_reports'];
const withDatabase = [
  'cascade_reach',
  'write_participant_ms',
  'donor_report',
  'audit_verify',
  'case_search',
  'referral_dashboard',
  'htcds_export',
  'api_events_list_rps',
  'import_rows_per_s',
  ...reportCases,
];
if (values.only !== undefined && !withDatabase.includes(values.only)) {
  const run = standalone[values.only];
  if (!run) throw new Error(`--only takes ${[...Object.keys(standalone), ...withDatabase].join(', ')}, not ${values.only}`);
  log(`${values.only} alone, ${os.cpus().length} cores, Node ${process.version}`);
  const results = await run();
  process.stdout.write(values.json ? `${JSON.stringify(results)}\n` : `\n${table(results)}\n`);
  process.exit(0);
}

log(`scale ${scale.name}, engine ${engine}, ${os.cpus().length} cores, Node ${process.version}`);
const database = await buildDatabase(engine, scale, log);
const handle = database.open();
const raw = engine === 'sqlite' ? openRawSqlite(database.location) : openRawPostgres(database.location);
const results: Result[] = [];
let keptBeforeImport: string | null = null;
try {
  const password = 'bench password 2025';
  const admin = await createUser(handle.db, null, { email: 'bench-admin@bench.example', name: 'Bench admin', role: 'admin', password, countries: null });
  const actor: Actor = { id: admin.id, name: admin.name, email: admin.email, role: 'admin', countries: null };

  if (engine === 'sqlite') {
    const version = (await raw.all('SELECT sqlite_version()'))[0]?.[0];
    log(`SQLite ${String(version)}, file ${database.location}`);
  } else {
    log(`PostgreSQL ${String((await raw.all('SHOW server_version'))[0]?.[0])}`);
  }
  const all = values.only === undefined;
  if (all || reportCases.includes(values.only ?? '')) {
    results.push(
      ...(await benchReports(handle.db, raw, actor, scale.runs, log, {
        only: values.only === 'programme_reports' ? undefined : values.only,
        warmup: scale.warmup,
      })),
    );
  }
  if (all) {
    results.push(...(await benchSummary(handle.db, raw, actor, database.generated.largestEventId, scale.runs, log)));
    results.push(...(await benchPeopleSearch(handle.db, raw, actor, scale.runs, log)));
  }
  if (all || values.only === 'write_participant_ms') results.push(...(await benchWrites(handle.db, raw, actor, database.generated.largestEventId, log)));
  if (all || values.only === 'donor_report') results.push(...(await benchDonorReport(handle.db, raw, actor, scale.runs, log)));
  if (all) {
    results.push(...(await standalone.assessment_analysis!()));
    results.push(...(await standalone.certificates_per_s!()));
  }
  if (all || values.only === 'api_events_list_rps') results.push(...(await benchApi(handle, (signIn) => signIn(admin.email, password), scale.apiSeconds, log)));
  // After the others: the cascade's events and participations join the register (50,000 people reached; 5,000 at small scale).
  if (all || values.only === 'cascade_reach') {
    results.push(...(await benchCascade(handle.db, raw, actor, scale.name === 'small' ? 5_000 : 50_000, scale.runs, log)));
  }
  // 100,000 victims' case files (10,000 at small scale), sealed and indexed as the app does: searched by a
  // data officer (case_search), then referred about three times each (referral_dashboard).
  const caseBenches = ['case_search', 'referral_dashboard'];
  let caseFiles: LoadedCases | null = null;
  if (all || caseBenches.includes(values.only ?? '')) {
    caseFiles = await loadCaseFiles(handle.db, raw, database.generated.organizations, scale.name === 'small' ? 10_000 : 100_000, log);
  }
  try {
    if (caseFiles && (all || values.only === 'case_search')) results.push(...(await benchCaseSearch(handle.db, raw, caseFiles, scale.runs, log)));
    if (caseFiles && (all || values.only === 'referral_dashboard')) results.push(...(await benchReferralDashboard(handle.db, raw, caseFiles, scale.runs, log)));
  } finally {
    if (caseFiles) fs.rmSync(caseFiles.keyDir, { recursive: true, force: true });
  }
  // 10,000 case files of one agency (2,000 at small scale) exported as the HTCDS case sheet.
  if (all || values.only === 'htcds_export') {
    results.push(
      ...(await benchHtcdsExport(handle.db, raw, database.generated.organizations, scale.name === 'small' ? 2_000 : 10_000, Math.min(scale.runs, 3), log)),
    );
  }
  // A million chained audit entries (50,000 at small scale), appended after the register's own.
  if (all || values.only === 'audit_verify') {
    results.push(...(await benchAuditVerify(handle.db, raw, scale.name === 'small' ? 50_000 : 1_000_000, Math.min(scale.runs, 3), log)));
  }
  // Last: the import adds people and participations that the other figures must not see.
  if (all || values.only === 'import_rows_per_s') {
    if (values.keep) keptBeforeImport = await database.copyAside('before-import');
    // Three rounds (their medians); one on PostgreSQL, whose baseline (a round trip a row) takes about a minute.
    const rounds = engine === 'sqlite' ? Math.min(scale.runs, 3) : 1;
    results.push(...(await benchImport(handle.db, raw, actor, database.generated, scale.importRows, rounds, log)));
  }
} finally {
  await raw.close();
  await handle.close();
  if (!values.keep) await database.destroy();
  else {
    log(`kept ${database.location}${engine === 'sqlite' ? ' (as the benchmarks left it)' : ''}`);
    if (keptBeforeImport) log(`kept ${keptBeforeImport} (before the import benchmark)`);
  }
}

log(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
else
  process.stdout.write(
    `\nHifazat benchmarks, scale ${scale.name} (${Object.entries(database.generated.counts)
      .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
      .join(', ')}), ${engine}\n\n${table(results)}\n`,
  );
