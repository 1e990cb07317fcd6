import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * Possible duplicates across agencies, and merging (issue 13).
 *
 * - case_match_keys: blind indexes (HMAC under the blind-index key, never a plain value) of a case's
 *   date of birth, phone (last 10 digits) and identity numbers, with the case's agency and country.
 *   They cannot be built here: the key is never in the database. `npx hifazat cases reindex` builds them
 *   for the cases opened before this migration (docs/cases.md, "Possible duplicates").
 * - case_duplicates: a pair of cases (case_a_id < case_b_id) that may be the same person, the signals
 *   that matched, its score and what a supervisor decided (open, merge requested, dismissed, merged).
 *   `fingerprint` is a hash of the matched index tokens: a dismissal stands until the match changes.
 * - cases.merged_into_id / merged_at: a merged case stays (its history with it), marked merged.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema.alterTable('cases').addColumn('merged_into_id', t.id).execute();
  await db.schema.alterTable('cases').addColumn('merged_at', t.timestamp).execute();

  await db.schema
    .createTable('case_match_keys')
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('token', t.text, (c) => c.notNull())
    .addColumn('organization_id', t.id)
    .addColumn('country_code', t.text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_match_keys_token_idx').on('case_match_keys').columns(['country_code', 'token', 'case_id']).execute();
  await db.schema.createIndex('case_match_keys_case_idx').on('case_match_keys').columns(['case_id']).execute();

  await db.schema
    .createTable('case_duplicates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_a_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('case_b_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('country_code', t.text, (c) => c.notNull())
    .addColumn('signals', t.json, (c) => c.notNull())
    .addColumn('score', t.integer, (c) => c.notNull())
    .addColumn('fingerprint', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('keep_case_id', t.id)
    .addColumn('requested_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_organization_id', t.id)
    .addColumn('requested_at', t.timestamp)
    .addColumn('decided_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.timestamp)
    .addColumn('detected_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_duplicates_pair_uq').on('case_duplicates').columns(['case_a_id', 'case_b_id']).unique().execute();
  await db.schema.createIndex('case_duplicates_b_idx').on('case_duplicates').columns(['case_b_id']).execute();
  await db.schema.createIndex('case_duplicates_status_idx').on('case_duplicates').columns(['status', 'detected_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_duplicates').execute();
  await db.schema.dropTable('case_match_keys').execute();
  await db.schema.alterTable('cases').dropColumn('merged_at').execute();
  await db.schema.alterTable('cases').dropColumn('merged_into_id').execute();
}
