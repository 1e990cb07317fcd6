import type { CheckResult, ReliabilitySuite } from './lib/check.js';
import { fuzzEngine } from './fuzz/engine.js';

/** Requests per route: 2 to 3 minutes for both engines in full on two cores (4 at most), 30 seconds quick. */
const RUNS = { full: { sqlite: 200, postgres: 120 }, quick: { sqlite: 30, postgres: 20 } };

/**
 * Hostile input: every API route fuzzed with random and malicious bodies, query strings, headers
 * and uploads (fast-check, seeded: FUZZ_SEED replays a run), on SQLite and, when a server is given,
 * PostgreSQL. No 5xx, no stack trace, the API's error shape, no change from a refused request, a
 * zip bomb refused cheaply, and exported spreadsheets that do not run formulas.
 */
export const fuzzSuite: ReliabilitySuite = async (context) => {
  const given = Number.parseInt(process.env.FUZZ_SEED ?? '', 10);
  const seed = Number.isSafeInteger(given) ? given : Date.now() % 2 ** 31;
  context.log(`fuzz: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  const runs = context.quick ? RUNS.quick : RUNS.full;
  const results: CheckResult[] = [await fuzzEngine({ engine: 'sqlite', seed, runsPerRoute: runs.sqlite, log: context.log })];
  if (context.postgresUrl) {
    // createTestDatabase makes its scratch databases on the server TEST_DATABASE_URL names.
    process.env.TEST_DATABASE_URL ??= context.postgresUrl;
    results.push(await fuzzEngine({ engine: 'postgres', seed, runsPerRoute: runs.postgres, log: context.log }));
  }
  return results;
};
