import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * Adds one to the bucket's count in the window and answers the new count. One statement (an upsert),
 * so that requests at the same moment, in this process or another, each see their own number.
 */
export async function addToCount(db: Db, bucket: string, windowStart: string): Promise<number> {
  const row = await db
    .insertInto('request_counts')
    .values({ bucket, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet((eb) => ({ count: eb(eb.ref('request_counts.count'), '+', 1) })))
    .returning('count')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The bucket's count in the window (0 when nothing was counted). */
export async function readCount(db: Db, bucket: string, windowStart: string): Promise<number> {
  const row = await db.selectFrom('request_counts').select('count').where('bucket', '=', bucket).where('window_start', '=', windowStart).executeTakeFirst();
  return row ? Number(row.count) : 0;
}

/** Counts of windows that ended long ago say nothing any more. */
export async function deleteCountsBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('request_counts').where('window_start', '<', before).execute();
}

// Leaky buckets of failures (failure_allowances): `empty_at` is when the bucket will have drained.

/** The bucket's level as of `now`, in the SQL both engines run: its drain moment, or `now` when it has drained. */
const drainedFrom = (now: number) =>
  sql<number>`(case when ${sql.ref('failure_allowances.empty_at')} > ${now} then ${sql.ref('failure_allowances.empty_at')} else ${now} end)`;

/**
 * Adds `stepMs` to the bucket unless its drain moment would then lie more than `capMs` after `now`,
 * in one statement (an upsert whose update is conditional), so that requests at the same moment, in
 * this process or another, each see the bucket as the one before left it. Answers the new drain
 * moment, or undefined when the bucket is full (nothing changed).
 */
export async function addFailure(db: Db, bucket: string, now: number, stepMs: number, capMs: number): Promise<number | undefined> {
  const row = await db
    .insertInto('failure_allowances')
    .values({ bucket, empty_at: now + stepMs })
    .onConflict((oc) =>
      oc
        .column('bucket')
        .doUpdateSet({ empty_at: sql<number>`${drainedFrom(now)} + ${stepMs}` })
        .where(sql<boolean>`${drainedFrom(now)} + ${stepMs} <= ${now + capMs}`),
    )
    .returning('empty_at')
    .executeTakeFirst();
  return row ? Number(row.empty_at) : undefined;
}

/** Takes one step back out of the bucket (a reserved failure that turned out not to be one). */
export async function removeFailure(db: Db, bucket: string, stepMs: number): Promise<void> {
  await db
    .updateTable('failure_allowances')
    .set({ empty_at: sql<number>`${sql.ref('empty_at')} - ${stepMs}` })
    .where('bucket', '=', bucket)
    .execute();
}

/** When the bucket will have drained (undefined: no bucket). */
export async function failuresEmptyAt(db: Db, bucket: string): Promise<number | undefined> {
  const row = await db.selectFrom('failure_allowances').select('empty_at').where('bucket', '=', bucket).executeTakeFirst();
  return row ? Number(row.empty_at) : undefined;
}

/** Buckets that have drained say nothing any more. */
export async function deleteDrainedBefore(db: Db, before: number): Promise<void> {
  await db.deleteFrom('failure_allowances').where('empty_at', '<', before).execute();
}
