import type { OrganizationRef, OrganizationType, Person, PersonListQuery } from '@hifazat/contract';
import { everyColumn, preparedStatement, runPrepared, type Db } from '../../db/database.js';
import { engineOf, toBoolean } from '../../db/dialect.js';
import { insertMany } from '../../db/insert-many.js';
import type { PeopleTable } from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';

export type PersonRow = PeopleTable;
export type PersonWithOrganization = PersonRow & {
  org_name: string | null;
  org_acronym: string | null;
  org_type: OrganizationType | null;
  /** The organisation's country: whether a viewer may see whom the person works for. */
  org_country_code: string | null;
};

export function organizationRef(id: string | null, name: string | null, acronym: string | null, type: string | null): OrganizationRef | null {
  return id && name && type ? { id, name, acronym, type: type as OrganizationType } : null;
}

export function presentPerson(row: PersonWithOrganization): Person {
  return {
    id: row.id,
    fullName: row.full_name,
    sex: row.sex,
    birthYear: row.birth_year,
    organization: organizationRef(row.organization_id, row.org_name, row.org_acronym, row.org_type),
    designation: row.designation,
    province: row.province,
    district: row.district,
    phone: row.phone,
    email: row.email,
    countryCode: row.country_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectPeople(db: Db) {
  return db
    .selectFrom('people')
    .leftJoin('organizations', 'organizations.id', 'people.organization_id')
    .selectAll('people')
    .select([
      'organizations.name as org_name',
      'organizations.acronym as org_acronym',
      'organizations.type as org_type',
      'organizations.country_code as org_country_code',
    ]);
}

const PERSON_COLUMNS = everyColumn<PeopleTable>()([
  'id',
  'full_name',
  'name_normalized',
  'name_key',
  'sex',
  'birth_year',
  'organization_id',
  'designation',
  'province',
  'district',
  'phone',
  'phone_normalized',
  'email',
  'email_normalized',
  'country_code',
  'created_at',
  'updated_at',
  'report_n',
]);

/** One person with their organisation, as selectPeople gives them: read by every participant added (prepared). */
const PERSON_BY_ID = preparedStatement(
  'hifazat_person_by_id',
  `select ${PERSON_COLUMNS.map((c) => `p.${c}`).join(', ')},
     o.name as org_name, o.acronym as org_acronym, o.type as org_type, o.country_code as org_country_code
   from people p left join organizations o on o.id = p.organization_id where p.id = ?`,
);

export async function findPerson(db: Db, id: string): Promise<PersonWithOrganization | undefined> {
  const [row] = await runPrepared<PersonWithOrganization>(db, PERSON_BY_ID, [id]);
  return row;
}

export async function findPeople(db: Db, ids: string[]): Promise<PersonWithOrganization[]> {
  if (ids.length === 0) return [];
  return selectPeople(db).where('people.id', 'in', ids).execute();
}

export async function listPeople(
  db: Db,
  query: Omit<PersonListQuery, 'cursor'> & { qNormalized?: string; qEmail?: string | null; qPhone?: string | null; countries: string[] | null; after?: Cursor },
): Promise<PersonWithOrganization[]> {
  let q = selectPeople(db);
  if (query.qNormalized) {
    // Prefix of the name or of any later word: "ali" finds "Ali Khan" and "Muhammad Ali".
    const prefix = query.qNormalized;
    // The search text as an email and as a phone number, normalised the way those columns are.
    const email = query.qEmail ?? prefix;
    const phone = query.qPhone ?? (prefix.replace(/\D/g, '') || '-');
    q = q.where((eb) =>
      eb.or([
        eb('people.name_normalized', 'like', `${prefix}%`),
        eb('people.name_normalized', 'like', `% ${prefix}%`),
        eb('people.email_normalized', '=', email),
        eb('people.phone_normalized', '=', phone),
      ]),
    );
  }
  if (query.organizationId) q = q.where('people.organization_id', '=', query.organizationId);
  if (query.sex) q = q.where('people.sex', '=', query.sex);
  if (query.province) q = q.where('people.province', '=', query.province);
  if (query.countries) q = q.where('people.country_code', 'in', query.countries);
  if (query.after) {
    const { sort, id } = query.after;
    q = q.where((eb) => eb.or([eb('people.name_normalized', '>', sort), eb.and([eb('people.name_normalized', '=', sort), eb('people.id', '>', id)])]));
  }
  return q
    .orderBy('people.name_normalized')
    .orderBy('people.id')
    .limit(query.limit + 1)
    .execute();
}

/** People who match on any of the keys; the service decides how strong each match is. */
export async function findPeopleMatching(
  db: Db,
  keys: { nameKey?: string | null; phone?: string | null; email?: string | null },
  limit = 20,
): Promise<PersonWithOrganization[]> {
  const { nameKey, phone, email } = keys;
  if (!nameKey && !phone && !email) return [];
  return selectPeople(db)
    .where((eb) => {
      const ors = [];
      if (nameKey) ors.push(eb('people.name_key', '=', nameKey));
      if (phone) ors.push(eb('people.phone_normalized', '=', phone));
      if (email) ors.push(eb('people.email_normalized', '=', email));
      return eb.or(ors);
    })
    .limit(limit)
    .execute();
}

/** Match keys of everybody, for checking a whole import file at once instead of a query per row. */
export async function listPersonMatchKeys(
  db: Db,
): Promise<Array<Pick<PersonRow, 'id' | 'full_name' | 'name_key' | 'organization_id' | 'phone_normalized' | 'email_normalized' | 'country_code'>>> {
  return db.selectFrom('people').select(['id', 'full_name', 'name_key', 'organization_id', 'phone_normalized', 'email_normalized', 'country_code']).execute();
}

export async function insertPerson(db: Db, row: PersonRow): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

/**
 * Many new people at once (an import), in the order given (the import gives them in name order:
 * imports.service.ts inWriteOrder). On SQLite they are numbered for the report columns here, after
 * the highest number in use: left to the people_report_n trigger, each row was inserted and then
 * updated again, which fired the counters' update triggers too (0.5 s of a 50,000-row import).
 * SQLite runs one write transaction at a time, and the unique index on report_n refuses a clash.
 * PostgreSQL's identity numbers them itself. The rows given are numbered (report_n set) in place.
 */
export async function insertPeople(db: Db, rows: PersonRow[]): Promise<void> {
  if (rows.length === 0) return;
  if (engineOf(db) === 'postgres') return insertMany(db, 'people', rows);
  const highest = await db
    .selectFrom('people')
    .select((eb) => eb.fn.max('report_n').as('n'))
    .executeTakeFirst();
  // Numbered in place: a copy of each row ({ ...row, report_n }) cost more than numbering them.
  let last = Number(highest?.n ?? 0);
  for (const row of rows) {
    last += 1;
    row.report_n = last;
  }
  await insertMany(db, 'people', rows);
}

export async function updatePersonRow(db: Db, id: string, changes: Partial<Omit<PersonRow, 'id'>>): Promise<void> {
  await db.updateTable('people').set(changes).where('id', '=', id).execute();
}

export async function deletePersonRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('people').where('id', '=', id).execute();
}

/** A person's participations at events in `countries` (null: every country) and elsewhere. */
export async function countParticipationsOf(db: Db, personId: string, countries: string[] | null): Promise<{ visible: number; elsewhere: number }> {
  const rows = await db
    .selectFrom('participations')
    .select(['event_country', (eb) => eb.fn.countAll<number>().as('n')])
    .where('person_id', '=', personId)
    .groupBy('event_country')
    .execute();
  let visible = 0;
  let elsewhere = 0;
  for (const r of rows) {
    if (countries === null || countries.includes(r.event_country)) visible += Number(r.n);
    else elsewhere += Number(r.n);
  }
  return { visible, elsewhere };
}

/** How many events the person takes part in, and how many of those this user is a trainer of. */
export async function countParticipationsTrainedBy(db: Db, personId: string, userId: string): Promise<{ total: number; trained: number }> {
  const rows = await db
    .selectFrom('participations')
    .leftJoin('event_trainers', (join) => join.onRef('event_trainers.event_id', '=', 'participations.event_id').on('event_trainers.user_id', '=', userId))
    .select(['participations.event_id', 'event_trainers.user_id'])
    .where('participations.person_id', '=', personId)
    .execute();
  return { total: rows.length, trained: rows.filter((r) => r.user_id !== null).length };
}

/** The person's events in `countries` (null: all), each with whether `userId` is one of its trainers. */
export async function listParticipationsOf(db: Db, personId: string, countries: string[] | null, userId: string) {
  let q = db
    .selectFrom('participations')
    .innerJoin('events', 'events.id', 'participations.event_id')
    .leftJoin('event_trainers', (join) => join.onRef('event_trainers.event_id', '=', 'participations.event_id').on('event_trainers.user_id', '=', userId))
    .select([
      'events.id as eventId',
      'events.title',
      'events.type',
      'events.start_date',
      'events.end_date',
      'events.city',
      'participations.role',
      'participations.attended',
      'event_trainers.user_id as trainer_id',
    ])
    .where('participations.person_id', '=', personId);
  if (countries) q = q.where('events.country_code', 'in', countries);
  const rows = await q.orderBy('events.start_date', 'desc').limit(1000).execute();
  return rows.map((r) => ({
    eventId: r.eventId,
    title: r.title,
    type: r.type,
    startDate: r.start_date,
    endDate: r.end_date,
    city: r.city,
    role: r.role,
    attended: toBoolean(r.attended),
    youTrain: r.trainer_id !== null,
  }));
}
