import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  openPostgres,
  openSqlite,
  type DatabaseHandle,
  migrateToLatest,
  rebuildReportAggregates,
  scratchPostgresDatabase,
} from '../../packages/server/src/testing.js';
import { generate, type Generated, type Scale } from './generate.js';
import { PostgresSink, SqliteSink, type BulkSink } from './sink.js';

export type Engine = 'sqlite' | 'postgres';
export const DEFAULT_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

export type BenchDatabase = {
  engine: Engine;
  /** The SQLite file, or the PostgreSQL URL of the fresh database. */
  location: string;
  /** Opens the database the way the app does (openSqlite / openPostgres). */
  open: () => DatabaseHandle;
  generated: Generated;
  destroy: () => Promise<void>;
};

/** A fresh database (a new SQLite file under the temp directory, or a new PostgreSQL database), migrated and filled. */
export async function buildDatabase(engine: Engine, scale: Scale, log: (line: string) => void): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-bench-'));
    const file = path.join(dir, `bench-${scale.name}.sqlite`);
    const migrating = openSqlite(file);
    await migrateToLatest(migrating.db);
    await migrating.close();
    const generated = await fill(new SqliteSink(file), scale, log);
    await afterBulkLoad(openSqlite(file), log);
    return { engine, location: file, open: () => openSqlite(file), generated, destroy: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;
  const scratch = await scratchPostgresDatabase(serverUrl, `hifazat_bench_${scale.name}_${process.pid}_${Date.now().toString(36)}`);
  const location = scratch.url;
  const migrating = openPostgres(location, 1);
  await migrateToLatest(migrating.db);
  await migrating.close();
  const generated = await fill(new PostgresSink(location), scale, log);
  await afterBulkLoad(openPostgres(location, 1), log);
  return { engine, location, open: () => openPostgres(location), generated, destroy: scratch.drop };
}

async function fill(sink: BulkSink, scale: Scale, log: (line: string) => void): Promise<Generated> {
  try {
    const generated = await generate(sink, scale);
    log(
      `generated ${Object.entries(generated.counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} in ${generated.seconds.toFixed(1)} s`,
    );
    return generated;
  } finally {
    await sink.close();
  }
}

/** The report aggregates the triggers keep, built once for the loaded rows (the load ran with the triggers off). */
async function afterBulkLoad(handle: DatabaseHandle, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  try {
    await rebuildReportAggregates(handle.db);
  } finally {
    await handle.close();
  }
  log(`built the report aggregates in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
