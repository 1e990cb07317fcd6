import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * The second factor of the case roles (issue 12): a TOTP secret per account, sealed with the data key
 * (`hz1.…`, purpose 'users.mfa_secret'; never plain in the database), the time it was confirmed (null:
 * enrolment begun, not finished), and the last time step a code was accepted for (a code is refused a
 * second time); recovery codes, hashed like passwords, each used once; and the state of a session that
 * has passed the password but not yet the second factor (null: a full session).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema.alterTable('users').addColumn('mfa_secret', t.text).execute();
  await db.schema.alterTable('users').addColumn('mfa_confirmed_at', t.timestamp).execute();
  await db.schema.alterTable('users').addColumn('mfa_last_step', t.integer).execute();
  // 'required' | 'setup_required' while the second factor is awaited.
  await db.schema.alterTable('sessions').addColumn('second_factor', t.text).execute();
  await db.schema
    .createTable('mfa_recovery_codes')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', t.text, (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('used_at', t.timestamp)
    .execute();
  await db.schema.createIndex('mfa_recovery_codes_user_idx').on('mfa_recovery_codes').column('user_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mfa_recovery_codes').execute();
  await db.schema.alterTable('sessions').dropColumn('second_factor').execute();
  await db.schema.alterTable('users').dropColumn('mfa_last_step').execute();
  await db.schema.alterTable('users').dropColumn('mfa_confirmed_at').execute();
  await db.schema.alterTable('users').dropColumn('mfa_secret').execute();
}
