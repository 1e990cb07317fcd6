import { CompiledQuery, type Insertable } from 'kysely';
import type { Db } from './database.js';
import { engineOf } from './dialect.js';
import type { Database } from './schema.js';

/** Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_VALUES_PER_STATEMENT = 30_000;
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * Statement texts by engine, table, columns, shared columns and number of rows. Batches shorter than
 * a statement are split into powers of two (a 300-row tail: 256, 32, 8 and 4 rows), so each table
 * has a dozen lengths; which columns a batch shares depends on the data, so the map is bounded too:
 * each text is also a statement prepared for the process (database.ts), and a server runs for months.
 */
const statementTexts = new Map<string, string>();
const MAX_STATEMENT_TEXTS = 128;

function rememberedText(key: string, make: () => string): string {
  let text = statementTexts.get(key);
  if (text !== undefined) {
    // Most recently used last: the oldest is the one dropped.
    statementTexts.delete(key);
  } else {
    text = make();
    if (statementTexts.size >= MAX_STATEMENT_TEXTS) statementTexts.delete(statementTexts.keys().next().value as string);
  }
  statementTexts.set(key, text);
  return text;
}

/** How many statement texts are held now: for tests of the bound. */
export const statementTextsHeld = (): number => statementTexts.size;

/** Rows in the statement starting here: a whole statement's worth, or the largest power of two left. */
function batchLength(left: number, perStatement: number): number {
  return left >= perStatement ? perStatement : 2 ** Math.floor(Math.log2(left));
}

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
  for (let start = 0, count = 0; start < rows.length; start += count) {
    count = batchLength(rows.length - start, perStatement);
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
    const shared = sqlite ? sharedColumns(values, columns.length, count) : null;
    if (shared) {
      await db.executeQuery(CompiledQuery.raw(sqliteTextSharing(table, columns, shared, count), valuesSharing(values, columns.length, count, shared)));
      continue;
    }
    const text = rememberedText(`${engine}|${table}|${columns.join(',')}|${count}`, () => {
      // Compiled from the first row's columns repeated: the text is the same whatever the values.
      const shape = Object.fromEntries(columns.map((column) => [column, null])) as Insertable<Database[T]>;
      return db
        .insertInto(table)
        .values(Array.from({ length: count }, () => shape))
        .compile().sql;
    });
    await db.executeQuery(CompiledQuery.raw(text, values));
  }
}

/**
 * Which columns hold one value in every row of a batch (`values`: `count` rows of `width` values),
 * or null if none do, or all do, or the batch is one row. An import's places share the event's id,
 * date, province, type, status, country and programme, and its times: SQLite then takes each such
 * value once per statement instead of once a row (binding a value cost about 0.2 µs, a fifth of an
 * import's write; docs/benchmarks.md, import_rows_per_s).
 */
function sharedColumns(values: readonly unknown[], width: number, count: number): boolean[] | null {
  if (count < 2) return null;
  const shared: boolean[] = new Array(width);
  let sharing = 0;
  for (let j = 0; j < width; j += 1) {
    const first = values[j];
    let same = true;
    for (let at = width + j; at < values.length; at += width) {
      if (values[at] !== first) {
        same = false;
        break;
      }
    }
    shared[j] = same;
    if (same) sharing += 1;
  }
  return sharing === 0 || sharing === width ? null : shared;
}

/** The shared columns' values once (in column order), then each row's other values. */
function valuesSharing(values: readonly unknown[], width: number, count: number, shared: readonly boolean[]): unknown[] {
  const out: unknown[] = [];
  for (let j = 0; j < width; j += 1) if (shared[j]) out.push(values[j]);
  for (let at = 0; at < count * width; at += width) for (let j = 0; j < width; j += 1) if (!shared[j]) out.push(values[at + j]);
  return out;
}

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `INSERT INTO t (a, b, c) SELECT column1, ?, column2 FROM (VALUES (?, ?), …)`: the shared column
 * (b) bound once, the others row by row. SQLite names a VALUES list's columns column1, column2, ….
 * SQLite only: PostgreSQL would take the list's values as text and refuse them for typed columns.
 */
function sqliteTextSharing(table: string, columns: readonly string[], shared: readonly boolean[], count: number): string {
  return rememberedText(`sqlite-sharing|${table}|${columns.join(',')}|${shared.map((s) => (s ? 1 : 0)).join('')}|${count}`, () => {
    let varying = 0;
    const selected = columns.map((_, j) => (shared[j] ? '?' : `column${(varying += 1)}`));
    const row = `(${Array.from({ length: varying }, () => '?').join(', ')})`;
    return `insert into ${quoted(table)} (${columns.map(quoted).join(', ')}) select ${selected.join(', ')} from (values ${Array.from({ length: count }, () => row).join(', ')})`;
  });
}
