import type { Db } from '../../db/database.js';

/** Everybody's match keys and what a candidate shows, read once per import instead of a query per row. */
export async function listRegisterPeople(db: Db) {
  return db
    .selectFrom('people')
    .select(['id', 'full_name', 'name_key', 'organization_id', 'designation', 'sex', 'phone', 'email', 'phone_normalized', 'email_normalized', 'country_code'])
    .execute();
}

/** Events each person attended (by the stored rule, see participations.recountAttendance). */
export async function attendedEventCounts(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('participations')
    .select((eb) => ['person_id', eb.fn.countAll<number | string>().as('n')])
    .where('attended', '=', true)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}

/** Which of these people still exist, with their names: a plan made from a snapshot is checked again before it is written. */
export async function existingPersonIds(db: Db, ids: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('people')
      .select(['id', 'full_name'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.id, r.full_name);
  }
  return found;
}
