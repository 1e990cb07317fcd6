import type { ColumnDataType, Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * After the red team's review of the public links (docs/public-links.md):
 * - `tests.identify_by`: how people name themselves on a test's link, 'list' (a name from the list,
 *   or a personal code) or 'code' (the personal code only). Post-tests, whose scores decide training
 *   certificates, take codes only; pre-tests keep the list.
 * - `failure_allowances`: wrong names and codes on a public link, per network address and link, as
 *   a leaky bucket: `empty_at` is the moment (milliseconds since 1970) the bucket will have drained,
 *   each failure adding a fixed step. One row per bucket, changed by one statement at a time, so that
 *   parallel requests each see their own level (docs/public-links.md, "Wrong names and codes").
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);
  await db.schema
    .alterTable('tests')
    .addColumn('identify_by', t.text, (c) => c.notNull().defaultTo('list'))
    .execute();
  await db.updateTable('tests').set({ identify_by: 'code' }).where('kind', '=', 'post').execute();

  // Milliseconds since 1970 do not fit PostgreSQL's 32-bit integer.
  const bigint = (engine === 'postgres' ? 'bigint' : 'integer') as ColumnDataType;
  await db.schema
    .createTable('failure_allowances')
    .addColumn('bucket', t.text, (c) => c.primaryKey())
    .addColumn('empty_at', bigint, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('failure_allowances_empty_idx').on('failure_allowances').column('empty_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('failure_allowances').execute();
  await db.schema.alterTable('tests').dropColumn('identify_by').execute();
}
