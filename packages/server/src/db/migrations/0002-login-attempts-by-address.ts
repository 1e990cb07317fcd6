import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/** Failed sign-ins are also counted per network address, to stop one address trying many accounts. */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema.alterTable('login_attempts').addColumn('client_address', t.text).execute();
  await db.schema.createIndex('login_attempts_address_at_idx').on('login_attempts').columns(['client_address', 'at']).execute();
  await db.schema.createIndex('login_attempts_at_idx').on('login_attempts').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('login_attempts_at_idx').execute();
  await db.schema.dropIndex('login_attempts_address_at_idx').execute();
  await db.schema.alterTable('login_attempts').dropColumn('client_address').execute();
}
