import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * One row per change a client sent with its own id (`clientId`: an attendance mark or participant
 * edit queued on a device while offline). It is written in the change's own transaction, so a
 * resend of the same change finds it and is answered without changing anything again. Only ids are
 * kept, never the answer: a resend is answered with the record as it is now.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema
    .createTable('client_operations')
    .addColumn('client_id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('route', t.text, (c) => c.notNull())
    .addColumn('event_id', t.id, (c) => c.notNull())
    .addColumn('person_id', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('client_operations').execute();
}
