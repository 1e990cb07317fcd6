import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import type { SealedColumn } from '../../shared/sealed-columns.js';

// The table and column names come from registerSealedColumn, which accepts plain SQL names only.
const table = (c: SealedColumn) => sql.table(c.table);
const ref = (name: string) => sql.ref(name);

/** How many values of the column each key id seals, and how many sealed values there are in all. */
export async function countSealedByKey(db: Db, column: SealedColumn, keyIds: readonly string[]): Promise<{ total: number; byKey: Record<string, number> }> {
  const total = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${table(column)} WHERE ${ref(column.column)} LIKE 'hz1.%'`.execute(db);
  const byKey: Record<string, number> = {};
  for (const id of keyIds) {
    const found = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${table(column)} WHERE ${ref(column.column)} LIKE ${`hz1.${id}.%`}`.execute(db);
    byKey[id] = Number(found.rows[0]?.n ?? 0);
  }
  return { total: Number(total.rows[0]?.n ?? 0), byKey };
}

/** The next batch of values not sealed with `currentId`, after the id `after` (ids in order). */
export async function sealedNotWith(
  db: Db,
  column: SealedColumn,
  currentId: string,
  after: string | null,
  limit: number,
): Promise<Array<{ id: string; value: string }>> {
  const id = ref(column.idColumn);
  const value = ref(column.column);
  const afterClause = after === null ? sql`` : sql`AND ${id} > ${after}`;
  const result = await sql<{ id: unknown; value: string }>`
    SELECT ${id} AS id, ${value} AS value FROM ${table(column)}
    WHERE ${value} LIKE 'hz1.%' AND ${value} NOT LIKE ${`hz1.${currentId}.%`} ${afterClause}
    ORDER BY ${id} LIMIT ${limit}`.execute(db);
  return result.rows.map((row) => ({ id: String(row.id), value: row.value }));
}

/** Replaces one sealed value, only if it is still the one read (a change made meanwhile wins). */
export async function replaceSealedValue(db: Db, column: SealedColumn, id: string, before: string, after: string): Promise<boolean> {
  const result =
    await sql`UPDATE ${table(column)} SET ${ref(column.column)} = ${after} WHERE ${ref(column.idColumn)} = ${id} AND ${ref(column.column)} = ${before}`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0n) === 1;
}
