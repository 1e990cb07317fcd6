import type { Programme, ProgrammeListQuery } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { ProgrammesTable } from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';

export type ProgrammeRow = ProgrammesTable;

export function presentProgramme(row: ProgrammeRow, countries: string[]): Programme {
  return {
    id: row.id,
    name: row.name,
    donor: row.donor,
    startDate: row.start_date,
    endDate: row.end_date,
    countries,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findProgramme(db: Db, id: string): Promise<ProgrammeRow | undefined> {
  return db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countriesOf(db: Db, programmeIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(programmeIds.map((id) => [id, []]));
  if (programmeIds.length === 0) return result;
  const rows = await db.selectFrom('programme_countries').selectAll().where('programme_id', 'in', programmeIds).orderBy('country_code').execute();
  for (const r of rows) result.get(r.programme_id)?.push(r.country_code);
  return result;
}

export async function listProgrammes(
  db: Db,
  query: Omit<ProgrammeListQuery, 'cursor'> & { qNormalized?: string; countries: string[] | null; after?: Cursor },
): Promise<ProgrammeRow[]> {
  let q = db.selectFrom('programmes').selectAll();
  if (query.qNormalized) q = q.where('name_normalized', 'like', `%${query.qNormalized}%`);
  if (query.countries) {
    const countries = query.countries;
    // Visible: programmes in one of the user's countries, or not tied to any country.
    q = q.where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('programme_countries')
            .select('programme_id')
            .whereRef('programme_countries.programme_id', '=', 'programmes.id')
            .where('country_code', 'in', countries),
        ),
        eb.not(eb.exists(eb.selectFrom('programme_countries').select('programme_id').whereRef('programme_countries.programme_id', '=', 'programmes.id'))),
      ]),
    );
  }
  if (query.after) {
    const { sort, id } = query.after;
    q = q.where((eb) => eb.or([eb('name_normalized', '>', sort), eb.and([eb('name_normalized', '=', sort), eb('id', '>', id)])]));
  }
  return q
    .orderBy('name_normalized')
    .orderBy('id')
    .limit(query.limit + 1)
    .execute();
}

export async function insertProgramme(db: Db, row: ProgrammeRow, countries: string[]): Promise<void> {
  await db.insertInto('programmes').values(row).execute();
  await replaceCountries(db, row.id, countries);
}

export async function replaceCountries(db: Db, programmeId: string, countries: string[]): Promise<void> {
  await db.deleteFrom('programme_countries').where('programme_id', '=', programmeId).execute();
  const unique = [...new Set(countries)];
  if (unique.length > 0)
    await db
      .insertInto('programme_countries')
      .values(unique.map((c) => ({ programme_id: programmeId, country_code: c })))
      .execute();
}

export async function updateProgrammeRow(db: Db, id: string, changes: Partial<Omit<ProgrammeRow, 'id'>>): Promise<void> {
  await db.updateTable('programmes').set(changes).where('id', '=', id).execute();
}

export async function deleteProgrammeRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('programmes').where('id', '=', id).execute();
}

/** A programme's events in `countries` (null: every country) and elsewhere. */
export async function countEventsOf(db: Db, programmeId: string, countries: string[] | null): Promise<{ visible: number; elsewhere: number }> {
  const rows = await db
    .selectFrom('events')
    .select(['country_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('programme_id', '=', programmeId)
    .groupBy('country_code')
    .execute();
  const counts = { visible: 0, elsewhere: 0 };
  for (const r of rows) {
    if (countries === null || countries.includes(r.country_code)) counts.visible += Number(r.n);
    else counts.elsewhere += Number(r.n);
  }
  return counts;
}
