import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * One row per account and per network address that has tried to sign in. A sign-in attempt updates
 * its two rows first, which on PostgreSQL holds their row locks until the attempt is reserved: so
 * parallel attempts at one account or from one address are counted one after another, never all
 * against the same stale count. (SQLite runs one transaction at a time anyway.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema
    .createTable('login_guards')
    .addColumn('key', t.text, (c) => c.primaryKey())
    .addColumn('touched_at', t.timestamp, (c) => c.notNull())
    .execute();
  // An account's attempts from one address (the per-pair allowance and the addresses known to it).
  await db.schema.createIndex('login_attempts_email_address_at_idx').on('login_attempts').columns(['email_normalized', 'client_address', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('login_attempts_email_address_at_idx').execute();
  await db.schema.dropTable('login_guards').execute();
}
