import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_CACHE_KIB } from '../../packages/server/src/testing.js';

/**
 * A plain connection for the hand-written baselines: no query builder, prepared statements, rows
 * as arrays. Opened with the same settings as the app's connection.
 */
export interface RawDb {
  readonly engine: 'sqlite' | 'postgres';
  /** `?` placeholders in both engines. */
  all(text: string, params?: unknown[]): Promise<unknown[][]>;
  /** Runs `fn` in one transaction; `run` inside executes a prepared write. */
  transaction(fn: (run: (text: string, params: unknown[]) => Promise<void>) => Promise<void>): Promise<void>;
  /** One statement that returns no rows (DDL, a bulk INSERT … SELECT, a pragma), unprepared and unbound. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

export function openRawSqlite(file: string): RawDb {
  const db = new SqliteDatabase(file);
  // The settings of openSqlite (packages/server/src/db/database.ts).
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  // Like the server's connection, whose checkpoints a thread does: the app handle's checkpointer
  // (opened before this connection, closed after it) copies this connection's commits too.
  db.pragma('wal_autocheckpoint = 0');
  const statements = new Map<string, SqliteDatabase.Statement>();
  const prepared = (text: string) => {
    let s = statements.get(text);
    if (!s) {
      s = db.prepare(text);
      statements.set(text, s);
    }
    return s;
  };
  const bind = (params: unknown[]) => params.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  return {
    engine: 'sqlite',
    all: async (text, params = []) =>
      prepared(text)
        .raw(true)
        .all(...bind(params)) as unknown[][],
    transaction: async (fn) => {
      db.exec('BEGIN');
      try {
        await fn(async (text, params) => {
          prepared(text).run(...bind(params));
        });
        db.exec('COMMIT');
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
    exec: async (text) => {
      db.exec(text);
    },
    close: async () => {
      db.close();
    },
  };
}

const dollarPlaceholders = (text: string) => {
  let n = 0;
  return text.replace(/\?/g, () => `$${(n += 1)}`);
};

/**
 * On PostgreSQL the app's handle (openPostgres) is a pg.Pool of 10 connections through which Kysely
 * sends every statement unnamed (parsed and planned for its parameters on each execution) and runs a
 * service's independent statements at once. This connection is the same: a pool of the same size
 * (POSTGRES_POOL_SIZE), unnamed statements, the same type parsers (set globally by the app's
 * database module); a baseline that runs statements together does so with Promise.all, as the app.
 */
export const POSTGRES_POOL_SIZE = 10;

export function openRawPostgres(url: string): RawDb {
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE });
  const query = (client: pg.Pool | pg.PoolClient, text: string, params: unknown[]) =>
    client.query({ text: dollarPlaceholders(text), values: params, rowMode: 'array' });
  return {
    engine: 'postgres',
    all: async (text, params = []) => (await query(pool, text, params)).rows as unknown[][],
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await fn(async (text, params) => {
          await query(client, text, params);
        });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (text) => {
      await pool.query(text);
    },
    close: () => pool.end(),
  };
}
