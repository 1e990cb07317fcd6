import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type DatabaseHandle } from './database.js';
import type { Engine } from './dialect.js';
import { migrateToLatest } from './migrator.js';

/** Engines the repository and migration tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testEngines(): Engine[] {
  return process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
}

let counter = 0;

export type TestDatabase = DatabaseHandle & {
  /** The SQLite file, or the PostgreSQL URL of the scratch database (unmasked, unlike `location`). */
  address: string;
  destroy: () => Promise<void>;
};

/**
 * A fresh, empty database for one test file: a new SQLite file in the temp directory (or at
 * `sqliteFile`, which must not exist yet), or a new PostgreSQL database on the TEST_DATABASE_URL
 * server. `destroy` removes it.
 */
export async function createTestDatabase(engine: Engine, options: { migrate?: boolean; sqliteFile?: string } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  counter += 1;
  const name = `hifazat_test_${process.pid}_${Date.now().toString(36)}_${counter}`;
  if (engine === 'sqlite') {
    const given = options.sqliteFile;
    const dir = given ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-test-'));
    const file = given ?? path.join(dir ?? '', `${name}.sqlite`);
    if (given && fs.existsSync(given)) throw new Error(`createTestDatabase: ${given} exists already`);
    const handle = openSqlite(file);
    if (migrate) await migrateToLatest(handle.db);
    return {
      ...handle,
      address: file,
      destroy: async () => {
        await handle.close();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
        else for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await scratchPostgresDatabase(serverUrl, name);
  const handle = openPostgres(scratch.url, 5);
  if (migrate) await migrateToLatest(handle.db);
  return {
    ...handle,
    address: scratch.url,
    destroy: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

/**
 * A new, empty database named `name` on the PostgreSQL server of `serverUrl` (tests, benchmarks and
 * the reliability suites each make their own); `drop` removes it.
 */
export async function scratchPostgresDatabase(serverUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      try {
        // pool.end() resolves before its connections have closed; dropping WITH (FORCE) at once would
        // kill a closing connection and its FATAL message would surface as an unhandled error.
        for (let i = 0; i < 100; i += 1) {
          const open = await cleanup.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if ((open.rows[0]?.n ?? 0) === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
