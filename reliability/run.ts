// `npm run test:reliability [-- --quick] [--only crash,backup,…]`: runs the reliability suites, prints
// their figures, writes them to test-results/reliability.json and closes with "N passed, N failed".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { CheckResult, ReliabilitySuite } from './lib/check.js';
import { REPO } from './lib/server.js';

type SuiteEntry = { name: string; load: () => Promise<ReliabilitySuite> };

const SUITES: SuiteEntry[] = [
  { name: 'crash', load: async () => (await import('./crash.js')).crashSuite },
  { name: 'backup', load: async () => (await import('./backup-load.js')).backupUnderLoadSuite },
  { name: 'shutdown', load: async () => (await import('./shutdown.js')).shutdownSuite },
  { name: 'security', load: async () => (await import('./security.js')).securitySuite },
  { name: 'fuzz', load: async () => (await import('./fuzz.js')).fuzzSuite },
  { name: 'load', load: async () => (await import('./load.js')).loadSuite },
  { name: 'import', load: async () => (await import('./import-load.js')).importLoadSuite },
];

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL server to use: TEST_DATABASE_URL, else the local default when it answers. */
async function findPostgres(): Promise<string | undefined> {
  const url = process.env.TEST_DATABASE_URL || DEFAULT_POSTGRES;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !SUITES.some((s) => s.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown suite(s) ${unknown.join(', ')}; known: ${SUITES.map((s) => s.name).join(', ')}`);
  const postgresUrl = await findPostgres();
  const log = (line: string) => console.log(line);
  log(
    `Reliability run on ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${values.quick ? 'quick' : 'full'}; PostgreSQL: ${postgresUrl ? 'yes' : 'not reachable, its parts are skipped'}`,
  );
  const results: CheckResult[] = [];
  for (const suite of SUITES.filter((s) => !only || only.includes(s.name))) {
    log(`\n== ${suite.name}`);
    const started = performance.now();
    try {
      const run = await suite.load();
      const found = await run({ log, postgresUrl, quick: values.quick });
      results.push(...found);
      for (const result of found) {
        log(`${result.passed ? 'PASS' : 'FAIL'}  ${result.name}`);
        for (const [key, value] of Object.entries(result.figures)) log(`        ${key}: ${value}`);
        if (result.detail) log(`        ${result.passed ? 'note' : 'why'}: ${result.detail}`);
      }
    } catch (error) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.push({ name: suite.name, passed: false, figures: {}, detail: reason });
      log(`FAIL  ${suite.name}: ${reason}`);
    }
    log(`   (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  const out = path.join(REPO, 'test-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'reliability.json'), `${JSON.stringify({ at: new Date().toISOString(), quick: values.quick, results }, null, 2)}\n`);
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  console.log(`\nreliability: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && results.length > 0 ? 0 : 1;
}

await main();
