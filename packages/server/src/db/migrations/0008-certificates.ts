import { sql, type Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * Learning evidence, certificates: each certificate issued, and each event's certificate settings.
 *
 * A certificate keeps what it certifies as it was signed (the holder's name as printed, the event's
 * title and dates, the exact QR text), so that it verifies the same after the event is renamed or
 * deleted, or the person taken off the list: those references become null, the certificate stays.
 * Logos and the signing key are files in the data folder, not rows (modules/certificates).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await db.schema
    .createTable('certificates')
    .addColumn('id', t.id, (c) => c.primaryKey())
    // HZ-2026-XXXX-XXXX: printed on the certificate, typed into the verify page.
    .addColumn('number', t.text, (c) => c.notNull().unique())
    .addColumn('event_id', t.id, (c) => c.references('events.id').onDelete('set null'))
    .addColumn('participation_id', t.id, (c) => c.references('participations.id').onDelete('set null'))
    // The event's country when issued: who may read it, also after the event is gone.
    .addColumn('country_code', t.text, (c) => c.notNull())
    // The holder's country (null: none), so that users of other countries see neither name nor number.
    .addColumn('holder_country_code', t.text)
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('holder_name', t.text, (c) => c.notNull())
    .addColumn('event_title', t.text, (c) => c.notNull())
    .addColumn('start_date', t.date, (c) => c.notNull())
    .addColumn('end_date', t.date, (c) => c.notNull())
    .addColumn('issued_on', t.date, (c) => c.notNull())
    // The issuing programme's name as printed.
    .addColumn('programme_name', t.text, (c) => c.notNull())
    // en, ur or both: the event's printing when it was issued.
    .addColumn('printing', t.text, (c) => c.notNull())
    .addColumn('issued_at', t.timestamp, (c) => c.notNull())
    .addColumn('issued_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('key_id', t.text, (c) => c.notNull())
    .addColumn('qr_text', t.text, (c) => c.notNull())
    .addColumn('revoked_at', t.timestamp)
    .addColumn('revoked_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revoked_reason', t.text)
    .execute();
  await db.schema.createIndex('certificates_event_idx').on('certificates').columns(['event_id', 'number']).execute();
  // One valid certificate of each kind per person and event: a second issue finds the first, and two
  // issues at the same moment cannot both insert (the loser reads the winner's). Revoked ones step aside.
  await db.schema
    .createIndex('certificates_valid_uq')
    .on('certificates')
    .columns(['participation_id', 'kind'])
    .unique()
    .where(sql.ref('revoked_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('certificate_settings')
    .addColumn('event_id', t.id, (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('training', t.boolean, (c) => c.notNull())
    .addColumn('participation', t.boolean, (c) => c.notNull())
    .addColumn('printing', t.text, (c) => c.notNull())
    .addColumn('programme_name', t.text)
    // [{ id, contentType, bytes }] in the order printed; the files are DATA_DIR/certificate-logos/<id>.
    .addColumn('logos', t.json, (c) => c.notNull())
    .addColumn('updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('certificate_settings').execute();
  await db.schema.dropTable('certificates').execute();
}
