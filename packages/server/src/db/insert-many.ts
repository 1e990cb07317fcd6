import { CompiledQuery, type Insertable } from 'kysely';
import type { Db } from './database.js';
import { engineOf } from './dialect.js';
import type { Database } from './schema.js';

/** Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_VALUES_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 500;

/** Statement texts by engine, table, columns and number of rows: a handful per process. */
const statementTexts = new Map<string, string>();

/**
 * Inserts many rows into one table: the bulk writes of an import. Kysely writes the statement's
 * text once per batch size; every batch after that is only its values, bound to that text (and, on
 * SQLite, to the prepared statement the cache in database.ts keeps for it). Building and compiling
 * a 500-row insert through Kysely's builder for each batch cost about 0.5 s of a 50,000-row import
 * (docs/benchmarks.md, import_rows_per_s).
 *
 * Every row must have the same columns in the same order, as rows made by one function do, and hold
 * plain values (no SQL expressions): the text is compiled from the first row's shape.
 */
export async function insertMany<T extends keyof Database & string>(db: Db, table: T, rows: ReadonlyArray<Insertable<Database[T]>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_VALUES_PER_STATEMENT / columns.length)));
  // Every row checked before the first statement runs: a row of the wrong shape writes nothing. (A
  // statement the database refuses part-way leaves earlier batches: callers insert in a transaction.)
  // Keys walked with for…in and compared in order: rows of one shape share V8's cached key list, and
  // an Object.keys array per row (150,000 in an import) cost four times as much.
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    let j = 0;
    for (const key in record) {
      if (key !== columns[j]) throw new Error(`insertMany(${table}): rows have different columns`);
      if (record[key] === undefined) throw new Error(`insertMany(${table}): a row has no value for ${key}`);
      j += 1;
    }
    if (j !== columns.length) throw new Error(`insertMany(${table}): rows have different columns`);
  }
  const engine = engineOf(db);
  const sqlite = engine === 'sqlite';
  for (let start = 0; start < rows.length; start += perStatement) {
    const count = Math.min(perStatement, rows.length - start);
    const textKey = `${engine}|${table}|${columns.join(',')}|${count}`;
    let text = statementTexts.get(textKey);
    if (text === undefined) {
      // Compiled from the first row's columns repeated: the text is the same whatever the values.
      const shape = Object.fromEntries(columns.map((column) => [column, null])) as Insertable<Database[T]>;
      text = db
        .insertInto(table)
        .values(Array.from({ length: count }, () => shape))
        .compile().sql;
      statementTexts.set(textKey, text);
    }
    // One batch's values at a time, in a plain loop: one array of every row's values (850,000 for
    // an import) lived long enough to be old while filled with new values, and each collection of
    // the young generation then had to scan all of it.
    const values: unknown[] = new Array(count * columns.length);
    let at = 0;
    for (let i = start; i < start + count; i += 1) {
      const record = rows[i] as Record<string, unknown>;
      // In the columns' order, as checked above, and checked again: a row changed since (across an
      // await) must not shift its values into other columns.
      let j = 0;
      for (const key in record) {
        if (key !== columns[j]) throw new Error(`insertMany(${table}): a row changed its columns while being written`);
        j += 1;
        const value = record[key];
        // Booleans as SQLite stores them, here where the values are copied anyway (see bindable in database.ts).
        values[at++] = sqlite && typeof value === 'boolean' ? (value ? 1 : 0) : value;
      }
    }
    await db.executeQuery(CompiledQuery.raw(text, values));
  }
}
