import type { Db } from '../../db/database.js';
import { toJson } from '../../db/dialect.js';
import type { CertificateSettingsTable, CertificatesTable } from '../../db/schema.js';

export type CertificateRow = CertificatesTable;
export type SettingsRow = CertificateSettingsTable;

const CHUNK = 500;
const chunks = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

// Settings

export async function findSettings(db: Db, eventId: string): Promise<SettingsRow | undefined> {
  return db.selectFrom('certificate_settings').selectAll().where('event_id', '=', eventId).executeTakeFirst();
}

export async function saveSettings(db: Db, row: Omit<SettingsRow, 'logos'> & { logos: unknown }): Promise<void> {
  const values = { ...row, logos: toJson(row.logos) };
  await db
    .insertInto('certificate_settings')
    .values(values)
    .onConflict((oc) =>
      oc.column('event_id').doUpdateSet({
        training: values.training,
        participation: values.participation,
        printing: values.printing,
        programme_name: values.programme_name,
        logos: values.logos,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

/** Deletes the event's settings (the event is being deleted), giving back what they were: its logos' files are to go too. */
export async function deleteSettings(db: Db, eventId: string): Promise<SettingsRow | undefined> {
  return db.deleteFrom('certificate_settings').where('event_id', '=', eventId).returningAll().executeTakeFirst();
}

// The facts the rules read

/** Everyone on the event's list (any role), with their name and country and their attendance. */
export async function peopleOnEvent(db: Db, eventId: string) {
  return db
    .selectFrom('participations')
    .innerJoin('people', 'people.id', 'participations.person_id')
    .select([
      'participations.id as participation_id',
      'participations.person_id',
      'participations.role',
      'participations.attended',
      'participations.days_present',
      'people.full_name',
      'people.country_code',
    ])
    .where('participations.event_id', '=', eventId)
    .orderBy('people.name_normalized')
    .orderBy('participations.id')
    .execute();
}
export type PersonOnEvent = Awaited<ReturnType<typeof peopleOnEvent>>[number];

/** The people of the event who have any day in the day register. */
export async function peopleWithDayRegister(db: Db, eventId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('attendance').select('person_id').distinct().where('event_id', '=', eventId).execute();
  return new Set(rows.map((r) => r.person_id));
}

// Certificates

/** A certificate with the names of who issued and revoked it, and its holder's person id (through the participation). */
function selectCertificates(db: Db) {
  return db
    .selectFrom('certificates')
    .leftJoin('participations', 'participations.id', 'certificates.participation_id')
    .leftJoin('users as issuer', 'issuer.id', 'certificates.issued_by')
    .leftJoin('users as revoker', 'revoker.id', 'certificates.revoked_by')
    .selectAll('certificates')
    .select(['participations.person_id', 'issuer.name as issued_by_name', 'revoker.name as revoked_by_name']);
}
export type CertificateWithNames = CertificateRow & { person_id: string | null; issued_by_name: string | null; revoked_by_name: string | null };

export async function findCertificate(db: Db, number: string): Promise<CertificateWithNames | undefined> {
  return selectCertificates(db).where('certificates.number', '=', number).executeTakeFirst();
}

export async function certificatesOfEvent(db: Db, eventId: string): Promise<CertificateWithNames[]> {
  return selectCertificates(db).where('certificates.event_id', '=', eventId).orderBy('certificates.number').execute();
}

/** The valid (not revoked) certificates of these participations. */
export async function validCertificatesOf(db: Db, participationIds: readonly string[]): Promise<CertificateRow[]> {
  const rows: CertificateRow[] = [];
  for (const part of chunks(participationIds)) {
    rows.push(...(await db.selectFrom('certificates').selectAll().where('participation_id', 'in', part).where('revoked_at', 'is', null).execute()));
  }
  return rows;
}

/** Which of these numbers are taken already. */
export async function takenNumbers(db: Db, numbers: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  for (const part of chunks(numbers)) {
    for (const row of await db.selectFrom('certificates').select('number').where('number', 'in', part).execute()) taken.add(row.number);
  }
  return taken;
}

export async function insertCertificates(db: Db, rows: readonly CertificateRow[]): Promise<void> {
  // 20 values a row: 500 rows a statement stay well under SQLite's limit on bound values (32,766).
  for (const part of chunks(rows)) await db.insertInto('certificates').values(part).execute();
}

/** Revokes it unless it is revoked already; true when this call revoked it. */
export async function revokeCertificate(db: Db, id: string, revocation: { revoked_at: string; revoked_by: string; revoked_reason: string }): Promise<boolean> {
  const result = await db.updateTable('certificates').set(revocation).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * A merge joins two places at one event: the duplicate's certificates move to the place kept, except
 * a valid one of a kind the kept place already holds a valid one of (it stays verifiable, unlinked).
 */
export async function moveCertificatesOfPlace(db: Db, fromParticipationId: string, toParticipationId: string): Promise<void> {
  const keptKinds = (
    await db.selectFrom('certificates').select('kind').where('participation_id', '=', toParticipationId).where('revoked_at', 'is', null).execute()
  ).map((r) => r.kind);
  await db
    .updateTable('certificates')
    .set({ participation_id: toParticipationId })
    .where('participation_id', '=', fromParticipationId)
    .where((eb) => (keptKinds.length > 0 ? eb.or([eb('revoked_at', 'is not', null), eb('kind', 'not in', keptKinds)]) : eb.val(true)))
    .execute();
}
