import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  openPostgres,
  openSqlite,
  type DatabaseHandle,
  migrateToLatest,
  rebuildReportAggregates,
  scratchPostgresDatabase,
} from '../../packages/server/src/testing.js';
import { generate, type Generated, type Scale } from './generate.js';
import { POSTGRES_POOL_SIZE } from './raw.js';
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
  /**
   * A copy of the database as it is now, beside it, named with `label`: its path (SQLite), or null
   * where no copy is made (PostgreSQL: a template copy needs every connection closed).
   */
  copyAside: (label: string) => Promise<string | null>;
  destroy: () => Promise<void>;
};

/** A fresh database (a new SQLite file under the temp directory, or a new PostgreSQL database), migrated and filled. */
export async function buildDatabase(engine: Engine, scale: Scale, log: (line: string) => void): Promise<BenchDatabase> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-bench-'));
    const file = path.join(dir, `bench-${scale.name}.sqlite`);
    // As the server opens it (main.ts): checkpoints in a thread of their own.
    const open = () => openSqlite(file, { checkpointInBackground: true });
    const migrating = open();
    await migrateToLatest(migrating.db);
    await beforeBulkLoad(migrating);
    await migrating.close();
    const generated = await fill(new SqliteSink(file), scale, log);
    await afterLoad(open, log);
    const copyAside = async (label: string) => {
      // Everything in the write-ahead log goes into the file first; nothing writes meanwhile.
      const checkpoint = new SqliteDatabase(file);
      checkpoint.pragma('wal_checkpoint(TRUNCATE)');
      checkpoint.close();
      const copy = path.join(dir, `bench-${scale.name}-${label}.sqlite`);
      fs.copyFileSync(file, copy);
      return copy;
    };
    return { engine, location: file, open, generated, copyAside, destroy: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const serverUrl = process.env.DATABASE_URL || DEFAULT_POSTGRES_URL;
  const scratch = await scratchPostgresDatabase(serverUrl, `hifazat_bench_${scale.name}_${process.pid}_${Date.now().toString(36)}`);
  const location = scratch.url;
  // The app's pool, of the size the raw baseline connection uses too.
  const open = () => openPostgres(location, POSTGRES_POOL_SIZE);
  const migrating = openPostgres(location, 1);
  await migrateToLatest(migrating.db);
  await beforeBulkLoad(migrating);
  await migrating.close();
  const generated = await fill(new PostgresSink(location), scale, log);
  await afterLoad(open, log);
  return { engine, location, open, generated, copyAside: async () => null, destroy: scratch.drop };
}

// ---------------------------------------------------------------------------------------------
// Bulk load hooks: the one place for what the loader must do around its straight-to-table inserts.
// The sinks insert rows directly (no repository code runs), with the secondary indexes dropped and
// rebuilt (bench/lib/sink.ts). Anything the app keeps in step with its tables by triggers or by
// the repositories (derived tables, integer keys) must be switched off in `beforeBulkLoad` and
// rebuilt in `afterBulkLoad`, on the app's own handle.
// ---------------------------------------------------------------------------------------------

/** Runs once on the migrated, empty database before the rows are inserted. Nothing to switch off yet. */
export async function beforeBulkLoad(handle: DatabaseHandle): Promise<void> {
  void handle;
}

/**
 * Runs once after every row is inserted and the indexes are rebuilt (the sinks loaded with the
 * tables' triggers off): the report aggregates (migration 0022) built from the loaded rows, then
 * ANALYZE on both engines, as the migration does when it builds them on existing data.
 */
export async function afterBulkLoad(handle: DatabaseHandle): Promise<void> {
  await rebuildReportAggregates(handle.db);
}

async function afterLoad(open: () => DatabaseHandle, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const handle = open();
  try {
    await afterBulkLoad(handle);
  } finally {
    await handle.close();
  }
  log(`after the bulk load: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function fill(sink: BulkSink, scale: Scale, log: (line: string) => void): Promise<Generated> {
  try {
    const generated = await generate(sink, scale, undefined, log);
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
