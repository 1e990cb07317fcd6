import { migrations as knownMigrations } from '../../db/migrator.js';
import type { AppDeps } from '../../http/types.js';
import type { Readiness } from '@hifazat/contract';
import { databaseResponds, recordedMigrations } from './operations.repository.js';

/** Whether the server can serve: the database answers, its schema is current, and it is not shutting down. */
export async function readiness({ db, engine, lifecycle }: AppDeps): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'ok', migrations: 'unknown', shuttingDown: lifecycle?.shuttingDown ?? false };
  try {
    await databaseResponds(db);
    const recorded = new Set(await recordedMigrations(db));
    checks.migrations = Object.keys(knownMigrations).every((name) => recorded.has(name)) ? 'current' : 'pending';
  } catch {
    checks.database = 'unavailable';
  }
  const ready = checks.database === 'ok' && checks.migrations === 'current' && !checks.shuttingDown;
  return { status: ready ? 'ready' : 'not_ready', up: true, ready, database: engine, checks };
}
