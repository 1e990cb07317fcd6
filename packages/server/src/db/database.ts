import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase as SqliteDatabaseLike } from 'kysely';
import pg from 'pg';
import { engineOf, type Engine } from './dialect.js';
import type { Database } from './schema.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

export type Db = Kysely<Database>;
export type DatabaseHandle = { db: Db; engine: Engine; close: () => Promise<void>; location: string };

// PostgreSQL counts (bigint) and numerics arrive as strings by default; we want numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));

/**
 * SQLite cannot bind booleans: they go as 1/0 (the values the engine itself stores for true and
 * false). A copy is made only from the first boolean on: a bulk insert binds 8,500 values at once.
 */
function bindable(parameters: ReadonlyArray<unknown>): ReadonlyArray<unknown> {
  for (let i = 0; i < parameters.length; i += 1) {
    if (typeof parameters[i] !== 'boolean') continue;
    const bound = parameters.slice();
    for (let j = i; j < bound.length; j += 1) if (typeof bound[j] === 'boolean') bound[j] = bound[j] ? 1 : 0;
    return bound;
  }
  return parameters;
}

type KyselySqliteStatement = ReturnType<SqliteDatabaseLike['prepare']>;

/** A better-sqlite3 statement as Kysely's driver calls it, with booleans bound as 1/0. */
function bindingBooleans(statement: SqliteDatabase.Statement): KyselySqliteStatement {
  return {
    reader: statement.reader,
    all: (parameters) => statement.all(bindable(parameters)),
    run: (parameters) => statement.run(bindable(parameters)),
    iterate: (parameters) => statement.iterate(bindable(parameters)),
  };
}

/**
 * better-sqlite3 statements prepared once per distinct SQL text and reused: Kysely's driver asks for
 * a new one on every query, and preparing is a tenth of a small query's cost. Kysely runs one query
 * at a time per connection and never streams here, so a statement is never in use twice at once.
 * Booleans are turned into 1/0 here, at binding, rather than by a Kysely plugin: a plugin copies
 * every query's whole tree before it is compiled, which cost a tenth of a small write's CPU.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, afterCommit: () => void, capacity = 1000): SqliteDatabaseLike {
  const cache = new Map<string, KyselySqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      const cached = cache.get(text);
      if (cached) return cached;
      const prepared = bindingBooleans(sqlite.prepare(text));
      // Kysely ends a transaction with a plain COMMIT: the moment the checkpointer may copy what it asked for.
      const statement: KyselySqliteStatement = /^\s*commit\s*$/i.test(text)
        ? {
            ...prepared,
            run: (parameters) => {
              const result = prepared.run(parameters);
              afterCommit();
              return result;
            },
          }
        : prepared;
      // Queries with IN lists vary in text; drop the oldest when the cache is full.
      if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * A statement run on (nearly) every request, its text fixed: the session lookup, the change counter.
 * Written with `?` placeholders; PostgreSQL gets `$1, $2, …`. Repositories declare them (SQL stays
 * there) and run them with `runPrepared`. List columns by name, never `*`: a prepared statement on
 * PostgreSQL fails ("cached plan must not change result type") once a column is added to its table.
 */
export type PreparedStatement = { readonly name: string; readonly sqlite: string; readonly postgres: string };

/**
 * Every column of a table, by name, for a prepared statement's select list (never `*`): a column
 * added to the table and missing from the list fails the type check where the list is made.
 */
export function everyColumn<Table>() {
  return <const Listed extends ReadonlyArray<keyof Table>>(
    columns: Listed & ([Exclude<keyof Table, Listed[number]>] extends [never] ? unknown : never),
  ): Listed => columns;
}

export function preparedStatement(name: string, text: string): PreparedStatement {
  let n = 0;
  return { name, sqlite: text, postgres: text.replace(/\?/g, () => `$${(n += 1)}`) };
}

/** The drivers under the Kysely instances openSqlite and openPostgres made, for `runPrepared`. */
type Direct = { engine: 'sqlite'; sqlite: SqliteDatabase.Database; statements: Map<string, SqliteDatabase.Statement> } | { engine: 'postgres'; pool: pg.Pool };
const directAccess = new WeakMap<Db, Direct>();

/**
 * Runs a prepared statement and gives its rows (none for a write without RETURNING), without
 * Kysely's query building:
 * - SQLite: the better-sqlite3 statement prepared once, run at once. Not while a transaction is
 *   open on the connection (another request's, between two of its awaits): the read would see
 *   that transaction's uncommitted rows; it then waits its turn through Kysely like any query.
 * - PostgreSQL: a named statement (pg's `{ name, text, values }`), parsed and planned once per
 *   connection of the pool. Kysely has no way to name a statement; this goes to the same pool.
 * A transaction (or a Kysely instance derived from the handle's) runs it through Kysely.
 */
export async function runPrepared<R>(db: Db, statement: PreparedStatement, values: readonly unknown[]): Promise<R[]> {
  const direct = directAccess.get(db);
  if (direct?.engine === 'sqlite' && !direct.sqlite.inTransaction) {
    let prepared = direct.statements.get(statement.name);
    if (!prepared) {
      prepared = direct.sqlite.prepare(statement.sqlite);
      direct.statements.set(statement.name, prepared);
    }
    if (!prepared.reader) {
      prepared.run(bindable(values));
      return [];
    }
    return prepared.all(bindable(values)) as R[];
  }
  if (direct?.engine === 'postgres') return (await direct.pool.query({ name: statement.name, text: statement.postgres, values: [...values] })).rows as R[];
  const text = engineOf(db) === 'postgres' ? statement.postgres : statement.sqlite;
  return (await db.executeQuery<R>(CompiledQuery.raw(text, [...values]))).rows;
}

/** The SQLite page cache of a connection, in KiB (bench/lib/raw.ts gives its connection the same). */
export const SQLITE_CACHE_KIB = 65_536;

export type SqliteOptions = {
  /**
   * Checkpoint the write-ahead log in a thread of its own (wal-checkpointer.ts) rather than inside
   * commits on the event loop: for the server, whose requests wait for that loop.
   */
  checkpointInBackground?: boolean;
  /** Told if that thread ends by itself (the connection then checkpoints for itself): for the server's log. */
  onCheckpointerEnd?: (reason: string) => void;
  /** Its rounds and bound, for tests (wal-checkpointer.ts has the defaults). */
  checkpointerTuning?: { everyMs?: number; restartAtFrames?: number };
};

export function openSqlite(file: string, options: SqliteOptions = {}): DatabaseHandle {
  const isNew = file !== ':memory:' && !fs.existsSync(file);
  // Personal data: the folder and the file are for the account that runs Hifazat only.
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new SqliteDatabase(file);
  if (isNew) fs.chmodSync(file, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL: a commit survives a power cut, not only a crash of the process (field offices lose power).
  sqlite.pragma('synchronous = FULL');
  // Statement journals (and temporary sorts) in memory. Every statement that fires triggers inside a
  // transaction keeps one, to undo that statement alone; in a temporary file (better-sqlite3's
  // default) it cost 35–70 µs a row: an import of 50,000 participations took 5.2 s instead of 1.2 s
  // (docs/benchmarks.md, import_rows_per_s). Sorts too large for memory are not made here: the
  // reports count in JavaScript, and lists are read in pages.
  sqlite.pragma('temp_store = MEMORY');
  // A 64 MiB page cache instead of SQLite's 2 MB. The people table's eight indexes are written in
  // random order by an import; with 2 MB most of those pages were read back from the OS and spilled
  // to the WAL mid-transaction (50,000 people: 2.1 s, 1.2–1.5 s with 64 MiB; docs/benchmarks.md,
  // import_rows_per_s). It is a ceiling, filled only as pages are read.
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const checkpointer =
    options.checkpointInBackground && file !== ':memory:'
      ? startWalCheckpointer(file, sqlite, { ...options.checkpointerTuning, onEnd: options.onCheckpointerEnd })
      : null;
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite, () => checkpointer?.afterCommit()) }) });
  directAccess.set(db, { engine: 'sqlite', sqlite, statements: new Map() });
  const close = async () => {
    // The thread's connection closes first: the server's, closing last, checkpoints and removes the log.
    await checkpointer?.stop();
    await db.destroy();
  };
  return { db, engine: 'sqlite', location: file, close };
}

export function openPostgres(url: string, poolSize = 10): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  directAccess.set(db, { engine: 'postgres', pool });
  return { db, engine: 'postgres', location: url.replace(/\/\/[^@]*@/, '//***@'), close: () => db.destroy() };
}

/** DATABASE_URL picks PostgreSQL; otherwise the SQLite file under the data directory. */
export function openDatabase(options: { databaseUrl?: string; dataDir: string }, sqliteOptions: SqliteOptions = {}): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openSqlite(path.join(options.dataDir, 'hifazat.sqlite'), sqliteOptions);
}

/** Runs `work` in the caller's transaction when there is one, else in a new one (Kysely does not nest them). */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Reads for `readConsistently`, of statements without bound values: `each` calls `onRow` with each
 * row as an array of its column values; `column` gives the values of a one-column result in one
 * array (much cheaper per row: a large read packs what it needs into one number per row).
 */
export type RowReader = {
  /** False inside a caller's transaction: then each statement may see another state (READ COMMITTED). */
  snapshot: boolean;
  each: (text: string, onRow: (row: unknown[]) => void) => Promise<void>;
  column: (text: string) => Promise<unknown[]>;
};

/** Rows fetched per round trip by a PostgreSQL cursor: bounded memory however large the table. */
const CURSOR_BATCH = 20_000;

/**
 * Runs several reads that must see one state of the database (a bulk load into memory, e.g. the
 * report columns): a read transaction on the root connection (SQLite, which holds it alone while the
 * reads run, so no other request's statements interleave), or a REPEATABLE READ READ ONLY
 * transaction on one pooled connection with a cursor per read (PostgreSQL). Rows come as arrays,
 * not objects, and are never all held at once. Inside a transaction, `db`'s own reads are used.
 */
export async function readConsistently<T>(db: Db, work: (each: RowReader) => Promise<T>): Promise<T> {
  const direct = directAccess.get(db);
  if (direct?.engine === 'sqlite') {
    const sqlite = direct.sqlite;
    // Kysely's connection: waits for any transaction another request has open on it.
    return db.connection().execute(async () => {
      sqlite.exec('begin');
      try {
        return await work({
          snapshot: true,
          each: async (text, onRow) => {
            for (const row of sqlite.prepare(text).raw(true).iterate()) onRow(row as unknown[]);
          },
          column: async (text) => sqlite.prepare(text).pluck(true).all(),
        });
      } finally {
        sqlite.exec('commit');
      }
    });
  }
  if (direct?.engine === 'postgres') {
    const client = await direct.pool.connect();
    try {
      await client.query('begin isolation level repeatable read read only');
      let cursors = 0;
      const each = async (text: string, onRow: (row: unknown[]) => void) => {
        const cursor = `hifazat_read_${(cursors += 1)}`;
        await client.query(`declare ${cursor} no scroll cursor for ${text}`);
        for (;;) {
          const batch = await client.query<unknown[]>({ text: `fetch ${CURSOR_BATCH} from ${cursor}`, rowMode: 'array' });
          for (const row of batch.rows) onRow(row);
          if (batch.rows.length < CURSOR_BATCH) break;
        }
        await client.query(`close ${cursor}`);
      };
      const column = async (text: string) => {
        const values: unknown[] = [];
        await each(text, (row) => values.push(row[0]));
        return values;
      };
      const result = await work({ snapshot: true, each, column });
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const rowsOf = async (text: string) => (await db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(text, []))).rows.map((row) => Object.values(row));
  return work({
    snapshot: false,
    each: async (text, onRow) => {
      for (const row of await rowsOf(text)) onRow(row);
    },
    column: async (text) => (await rowsOf(text)).map((row) => row[0]),
  });
}
