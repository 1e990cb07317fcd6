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
