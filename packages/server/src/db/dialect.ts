import type { ColumnDataType, CreateTableBuilder, Kysely } from 'kysely';
import { sql } from 'kysely';

/**
 * The one place that knows SQLite and PostgreSQL differ. Migrations and repositories ask here
 * instead of branching on the engine themselves.
 */
export type Engine = 'sqlite' | 'postgres';

// Kysely keeps the adapter on the executor; the class name tells the two engines apart.
export function engineOf<T>(db: Kysely<T>): Engine {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** Column types for each kind of value, per engine. Values: ids and dates are text in both. */
export function columnTypes(engine: Engine) {
  const pg = engine === 'postgres';
  return {
    id: 'text' as ColumnDataType,
    text: 'text' as ColumnDataType,
    /** Calendar date, stored as 'YYYY-MM-DD' text in both engines so that it compares and groups the same. */
    date: 'text' as ColumnDataType,
    /** UTC instant as an ISO 8601 string ('2026-01-02T03:04:05.678Z'): sorts as text in both engines. */
    timestamp: 'text' as ColumnDataType,
    boolean: (pg ? 'boolean' : 'integer') as ColumnDataType,
    integer: 'integer' as ColumnDataType,
    /** A number with a fraction (an indicator's value): 8-byte floating point in both. */
    real: (pg ? 'double precision' : 'real') as ColumnDataType,
    json: (pg ? 'jsonb' : 'text') as ColumnDataType,
  };
}

export function withTimestamps<T extends string, C extends string>(
  table: CreateTableBuilder<T, C>,
  engine: Engine,
): CreateTableBuilder<T, C | 'created_at' | 'updated_at'> {
  const t = columnTypes(engine);
  return table.addColumn('created_at', t.timestamp, (c) => c.notNull()).addColumn('updated_at', t.timestamp, (c) => c.notNull());
}

/** SQLite returns 0/1 for booleans, PostgreSQL true/false: repositories read them through this. */
export function toBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 't';
}

/** Counts come back as numbers from SQLite and as strings (bigint) from PostgreSQL. */
export function toCount(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return Number.parseInt(value, 10);
  return 0;
}

/** JSON columns: text in SQLite, jsonb in PostgreSQL (which pg already parses). */
export function fromJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Year-quarter of a 'YYYY-MM-DD' text column, the same in both engines ('2024-Q3'). */
export function quarterOf(column: string) {
  return sql<string>`substr(${sql.ref(column)}, 1, 4) || '-Q' || cast((cast(substr(${sql.ref(column)}, 6, 2) as integer) + 2) / 3 as text)`;
}
