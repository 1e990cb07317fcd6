import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../../db/database.js';
import type { Database } from '../../db/schema.js';

/** The tables whose rows a person entered; a database with none of them is "empty" for a restore. */
export const CONTENT_TABLES = [
  'users',
  'organizations',
  'people',
  'programmes',
  'events',
  'participations',
  'attendance',
  'audit_log',
] as const satisfies readonly (keyof Database)[];

type Queryable = Kysely<Database> | Transaction<Database>;

/** Row counts of the content tables; a table that does not exist yet counts 0. */
export async function countContentRows(db: Queryable): Promise<Record<string, number>> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const counts: Record<string, number> = {};
  for (const table of CONTENT_TABLES) {
    if (!existing.has(table)) {
      counts[table] = 0;
      continue;
    }
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Names of the migrations recorded in the database (including ones this version does not know). */
export async function recordedMigrations(db: Queryable): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const result = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return result.rows.map((r) => r.name);
}

export async function deleteAllSessions(db: Db): Promise<void> {
  await db.deleteFrom('sessions').execute();
}

/**
 * The counters of a database about to be replaced (migrations 0023: the change counter, 0024: the
 * report copy's); null for one it has none of (yet).
 */
export type Counters = { change: number | null; reportCopy: number | null };

export async function readCountersIfAny(db: Queryable): Promise<Counters> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const read = async (table: 'change_counter' | 'report_copy_counter') => {
    if (!existing.has(table)) return null;
    const row = await db.selectFrom(table).select('value').where('id', '=', 1).executeTakeFirst();
    return row ? Number(row.value) : null;
  };
  return { change: await read('change_counter'), reportCopy: await read('report_copy_counter') };
}

/**
 * How far past `seen` a restore moves each counter: `seen` is read before the backup is unpacked,
 * and a server left running goes on writing to the database being replaced meanwhile (each write
 * moves a counter by one); it would take more writes than this during one restore to reach a value
 * after it that a server keeps. Counters are 64-bit; JavaScript reads them exactly up to 2^53.
 */
export const RESTORE_COUNTER_MARGIN = 1_000_000_000;

/**
 * Moves each counter past what it was before a restore (`seen`) and past its own restored value. A
 * backup holds the counters of its day, lower than the ones the running servers and the browsers'
 * tags have seen; without this, the next writes after a restore would bring a counter back to values
 * that already name other answers (live-cache.ts) or another copy of the report columns
 * (report-columns.ts), and a server not stopped for the restore (or a browser's tag from before, on
 * a server of the same start) would serve them again.
 */
export async function moveCountersPast(db: Queryable, seen: Counters): Promise<void> {
  for (const [table, before] of [
    ['change_counter', seen.change],
    ['report_copy_counter', seen.reportCopy],
  ] as const) {
    const past = before ?? 0;
    await db
      .updateTable(table)
      .set({ value: sql<number>`(case when value > ${past} then value else ${past} end) + ${RESTORE_COUNTER_MARGIN}` })
      .where('id', '=', 1)
      .execute();
  }
}

export async function databaseResponds(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/** SQLite: a consistent, compacted copy of the live database in one read transaction (writers go on meanwhile). */
export async function sqliteVacuumInto(db: Db, file: string): Promise<void> {
  await sql`vacuum into ${file}`.execute(db);
}

/**
 * SQLite: the problems `PRAGMA integrity_check` finds (empty when the file is sound) and
 * foreign-key violations. A file too damaged to check at all is one problem, not an exception.
 */
export async function sqliteIntegrity(db: Db): Promise<{ problems: string[]; foreignKeyViolations: number }> {
  try {
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
    const problems = integrity.rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
    const foreignKeys = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
    return { problems, foreignKeyViolations: foreignKeys.rows.length };
  } catch (error) {
    return { problems: [error instanceof Error ? error.message : 'the file cannot be read'], foreignKeyViolations: 0 };
  }
}

/**
 * SQLite: copies every page of `sourceFile` into the database at `targetFile` with SQLite's backup
 * API, which writes the target in one locked step, so a reader never sees half of it.
 */
export async function sqliteCopyInto(sourceFile: string, targetFile: string): Promise<void> {
  const source = new SqliteDatabase(sourceFile, { readonly: true, fileMustExist: true });
  try {
    // Return a large step: all pages at once, so the copy never restarts half-way.
    await source.backup(targetFile, { progress: () => 1_000_000 });
  } finally {
    source.close();
  }
}

/** SQLite: whether a file starts with SQLite's header (a decrypted backup payload, before opening it). */
export function sqliteFileLooksLikeDatabase(file: string): boolean {
  const head = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  return head.toString('latin1') === 'SQLite format 3\u0000';
}

/** PostgreSQL: runs `work` inside a repeatable-read transaction whose snapshot other sessions (pg_dump) can share. */
export async function withExportedSnapshot<T>(db: Db, work: (snapshot: string, trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const result = await sql<{ snapshot: string }>`select pg_export_snapshot() as snapshot`.execute(trx);
      const snapshot = result.rows[0]?.snapshot;
      if (!snapshot) throw new Error('PostgreSQL did not export a snapshot');
      return work(snapshot, trx);
    });
}

export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
