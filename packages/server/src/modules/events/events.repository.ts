import type { EventListQuery, EventSelection, OrganizationRef } from '@hifazat/contract';
import { sql } from 'kysely';
import { everyColumn, preparedStatement, runPrepared, type Db } from '../../db/database.js';
import { fromJson } from '../../db/dialect.js';
import type { AttendanceTable, EventsTable, OrganizationsTable, ParticipationsTable, PeopleTable } from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';
import { organizationRef } from '../people/index.js';

export type EventRow = EventsTable;
export type EventRowWithProgramme = EventRow & { programme_name: string };

/** An organisation linked to an event, with its country (to decide who may see its name). */
export type LinkedOrganization = OrganizationRef & { countryCode: string | null };
/** A trainer of an event, with the countries they work in (null: every country). */
export type LinkedTrainer = { id: string; name: string; countries: string[] | null };

export type EventLinks = {
  topics: string[];
  organizers: LinkedOrganization[];
  partners: LinkedOrganization[];
  trainers: LinkedTrainer[];
  participantCount: number;
};

export const noLinks = (): EventLinks => ({ topics: [], organizers: [], partners: [], trainers: [], participantCount: 0 });

function selectEvents(db: Db) {
  return db
    .selectFrom('events')
    .innerJoin('programmes', 'programmes.id', 'events.programme_id')
    .selectAll('events')
    .select('programmes.name as programme_name');
}

const EVENT_COLUMNS = everyColumn<EventsTable>()([
  'id',
  'programme_id',
  'title',
  'title_normalized',
  'type',
  'series',
  'start_date',
  'end_date',
  'city',
  'province',
  'country_code',
  'venue',
  'status',
  'learning_objectives',
  'created_by',
  'created_at',
  'updated_at',
]);

/**
 * One event by id, read first by every change to an event, its list or its register: prepared once
 * (db/database.ts, runPrepared) rather than built by the query builder each time.
 */
const EVENT_BY_ID = preparedStatement(
  'hifazat_event_by_id',
  `select ${EVENT_COLUMNS.map((c) => `e.${c}`).join(', ')}, p.name as programme_name
   from events e join programmes p on p.id = e.programme_id where e.id = ?`,
);

export async function findEvent(db: Db, id: string): Promise<EventRowWithProgramme | undefined> {
  const [row] = await runPrepared<EventRowWithProgramme>(db, EVENT_BY_ID, [id]);
  return row;
}

export async function listEvents(
  db: Db,
  query: Omit<EventListQuery, 'cursor'> & { qNormalized?: string; topicNormalized?: string; countries: string[] | null; after?: Cursor },
): Promise<EventRowWithProgramme[]> {
  let q = selectEvents(db);
  if (query.qNormalized) {
    const like = `%${query.qNormalized}%`;
    // lower() on both engines: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
    q = q.where((eb) => eb.or([eb('events.title_normalized', 'like', like), eb(sql<string>`lower(${sql.ref('events.city')})`, 'like', like)]));
  }
  if (query.programmeId) q = q.where('events.programme_id', '=', query.programmeId);
  if (query.type) q = q.where('events.type', '=', query.type);
  if (query.status) q = q.where('events.status', '=', query.status);
  if (query.province) q = q.where('events.province', '=', query.province);
  if (query.countryCode) q = q.where('events.country_code', '=', query.countryCode);
  if (query.series) q = q.where('events.series', '=', query.series);
  if (query.from) q = q.where('events.start_date', '>=', query.from);
  if (query.to) q = q.where('events.start_date', '<=', query.to);
  if (query.countries) q = q.where('events.country_code', 'in', query.countries);
  if (query.topicNormalized) {
    const topic = query.topicNormalized;
    q = q.where((eb) =>
      eb.exists(eb.selectFrom('event_topics').select('event_id').whereRef('event_topics.event_id', '=', 'events.id').where('topic_normalized', '=', topic)),
    );
  }
  if (query.after) {
    // Newest first: the next page holds events that start earlier, or on the same day with a smaller id.
    const { sort, id } = query.after;
    q = q.where((eb) => eb.or([eb('events.start_date', '<', sort), eb.and([eb('events.start_date', '=', sort), eb('events.id', '<', id)])]));
  }
  return q
    .orderBy('events.start_date', 'desc')
    .orderBy('events.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

/** The events of a selection within the countries given (null: every country), oldest first: for figures across events. */
export async function selectedEvents(
  db: Db,
  query: EventSelection & { countries: string[] | null },
): Promise<Array<{ id: string; title: string; start_date: string }>> {
  let q = db.selectFrom('events').select(['id', 'title', 'start_date']);
  if (query.programmeId) q = q.where('programme_id', '=', query.programmeId);
  if (query.series) q = q.where('series', '=', query.series);
  if (query.from) q = q.where('start_date', '>=', query.from);
  if (query.to) q = q.where('start_date', '<=', query.to);
  if (query.countries) q = q.where('country_code', 'in', query.countries.length > 0 ? query.countries : ['']);
  return q.orderBy('start_date').orderBy('id').execute();
}

/** Topics, organisations, trainers and head counts of several events in four queries, not four per event. */
export async function loadEventLinks(db: Db, eventIds: string[]): Promise<Map<string, EventLinks>> {
  const links = new Map<string, EventLinks>(eventIds.map((id) => [id, noLinks()]));
  if (eventIds.length === 0) return links;
  const [topics, organizations, trainers, counts] = await Promise.all([
    db.selectFrom('event_topics').select(['event_id', 'topic']).where('event_id', 'in', eventIds).orderBy('topic').execute(),
    db
      .selectFrom('event_organizations')
      .innerJoin('organizations', 'organizations.id', 'event_organizations.organization_id')
      .select([
        'event_organizations.event_id',
        'event_organizations.relation',
        'organizations.id',
        'organizations.name',
        'organizations.acronym',
        'organizations.type',
        'organizations.country_code',
      ])
      .where('event_organizations.event_id', 'in', eventIds)
      .orderBy('organizations.name')
      .execute(),
    db
      .selectFrom('event_trainers')
      .innerJoin('users', 'users.id', 'event_trainers.user_id')
      .select(['event_trainers.event_id', 'users.id', 'users.name', 'users.countries'])
      .where('event_trainers.event_id', 'in', eventIds)
      .orderBy('users.name')
      .execute(),
    db
      .selectFrom('participations')
      .select(['event_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', 'in', eventIds)
      .where('role', '=', 'participant')
      .where('attended', '=', true)
      .groupBy('event_id')
      .execute(),
  ]);
  for (const t of topics) links.get(t.event_id)?.topics.push(t.topic);
  for (const o of organizations) {
    const ref = organizationRef(o.id, o.name, o.acronym, o.type);
    const entry = links.get(o.event_id);
    if (ref && entry) (o.relation === 'organizer' ? entry.organizers : entry.partners).push({ ...ref, countryCode: o.country_code });
  }
  for (const t of trainers) links.get(t.event_id)?.trainers.push({ id: t.id, name: t.name, countries: fromJson<string[] | null>(t.countries, null) });
  for (const c of counts) {
    const entry = links.get(c.event_id);
    if (entry) entry.participantCount = Number(c.n);
  }
  return links;
}

export async function insertEvent(db: Db, row: EventRow): Promise<void> {
  await db.insertInto('events').values(row).execute();
}

export async function updateEventRow(db: Db, id: string, changes: Partial<Omit<EventRow, 'id'>>): Promise<void> {
  await db.updateTable('events').set(changes).where('id', '=', id).execute();
}

export async function deleteEventRow(db: Db, id: string): Promise<void> {
  // Attendance and participations go with the event (ON DELETE CASCADE), listed here for clarity and for engines without it.
  await db.deleteFrom('attendance').where('event_id', '=', id).execute();
  await db.deleteFrom('participations').where('event_id', '=', id).execute();
  await db.deleteFrom('events').where('id', '=', id).execute();
}

export async function replaceTopics(db: Db, eventId: string, topics: Array<{ topic: string; normalized: string }>): Promise<void> {
  await db.deleteFrom('event_topics').where('event_id', '=', eventId).execute();
  const unique = [...new Map(topics.map((t) => [t.normalized, t])).values()];
  if (unique.length > 0) {
    await db
      .insertInto('event_topics')
      .values(unique.map((t) => ({ event_id: eventId, topic: t.topic, topic_normalized: t.normalized })))
      .execute();
  }
}

export async function replaceOrganizations(db: Db, eventId: string, relation: 'organizer' | 'partner', organizationIds: string[]): Promise<void> {
  await db.deleteFrom('event_organizations').where('event_id', '=', eventId).where('relation', '=', relation).execute();
  const unique = [...new Set(organizationIds)];
  if (unique.length > 0) {
    await db
      .insertInto('event_organizations')
      .values(unique.map((id) => ({ event_id: eventId, organization_id: id, relation })))
      .execute();
  }
}

export async function replaceTrainers(db: Db, eventId: string, userIds: string[]): Promise<void> {
  await db.deleteFrom('event_trainers').where('event_id', '=', eventId).execute();
  const unique = [...new Set(userIds)];
  if (unique.length > 0)
    await db
      .insertInto('event_trainers')
      .values(unique.map((id) => ({ event_id: eventId, user_id: id })))
      .execute();
}

export async function isTrainerOf(db: Db, eventId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('event_trainers').select('user_id').where('event_id', '=', eventId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function eventFacets(db: Db, countries: string[] | null) {
  let topicsQ = db.selectFrom('event_topics').innerJoin('events', 'events.id', 'event_topics.event_id').select('event_topics.topic').distinct();
  let seriesQ = db.selectFrom('events').select('series').distinct().where('series', 'is not', null);
  let provincesQ = db.selectFrom('events').select('province').distinct().where('province', 'is not', null);
  let citiesQ = db.selectFrom('events').select('city').distinct();
  if (countries) {
    topicsQ = topicsQ.where('events.country_code', 'in', countries);
    seriesQ = seriesQ.where('country_code', 'in', countries);
    provincesQ = provincesQ.where('country_code', 'in', countries);
    citiesQ = citiesQ.where('country_code', 'in', countries);
  }
  const [topics, series, provinces, cities] = await Promise.all([
    topicsQ.orderBy('event_topics.topic').limit(500).execute(),
    seriesQ.orderBy('series').limit(500).execute(),
    provincesQ.orderBy('province').limit(500).execute(),
    citiesQ.orderBy('city').limit(1000).execute(),
  ]);
  const strings = (values: Array<string | null>) => values.filter((v): v is string => v !== null);
  return {
    topics: [...new Set(topics.map((t) => t.topic))],
    series: strings(series.map((s) => s.series)),
    provinces: strings(provinces.map((p) => p.province)),
    cities: cities.map((c) => c.city),
  };
}

/** Participants of one event (or one of them) with their person and organisation, for lists and summaries. */
export async function listEventParticipants(db: Db, eventId: string): Promise<EventParticipantRow[]> {
  return db
    .selectFrom('participations')
    .innerJoin('people', 'people.id', 'participations.person_id')
    .leftJoin('organizations', 'organizations.id', 'people.organization_id')
    .select([
      'participations.id',
      'participations.person_id',
      'participations.role',
      'participations.attended_direct',
      'participations.attended',
      'people.full_name',
      'people.name_normalized',
      'people.sex',
      'people.designation',
      'people.province',
      'people.organization_id',
      'people.country_code',
      'organizations.name as org_name',
      'organizations.acronym as org_acronym',
      'organizations.type as org_type',
      'organizations.country_code as org_country_code',
    ])
    .where('participations.event_id', '=', eventId)
    .orderBy('people.name_normalized')
    .orderBy('people.id')
    .execute();
}

/** A participant as the list shows them: their place on the event's list, the person and their organisation. */
export type EventParticipantRow = Pick<ParticipationsTable, 'id' | 'person_id' | 'role' | 'attended_direct' | 'attended'> &
  Pick<PeopleTable, 'full_name' | 'name_normalized' | 'sex' | 'designation' | 'province' | 'organization_id' | 'country_code'> & {
    org_name: string | null;
    org_acronym: string | null;
    org_type: OrganizationsTable['type'] | null;
    org_country_code: string | null;
  };

/** One participant of an event, as listEventParticipants gives them: read by every attendance mark (prepared). */
const EVENT_PARTICIPANT = preparedStatement(
  'hifazat_event_participant',
  `select pa.id, pa.person_id, pa.role, pa.attended_direct, pa.attended,
     pe.full_name, pe.name_normalized, pe.sex, pe.designation, pe.province, pe.organization_id, pe.country_code,
     o.name as org_name, o.acronym as org_acronym, o.type as org_type, o.country_code as org_country_code
   from participations pa join people pe on pe.id = pa.person_id left join organizations o on o.id = pe.organization_id
   where pa.event_id = ? and pa.person_id = ?`,
);

export async function findEventParticipant(db: Db, eventId: string, personId: string): Promise<EventParticipantRow | undefined> {
  const [row] = await runPrepared<EventParticipantRow>(db, EVENT_PARTICIPANT, [eventId, personId]);
  return row;
}

export type AttendanceMarkRow = Pick<AttendanceTable, 'person_id' | 'date' | 'present'>;

export async function listEventAttendance(db: Db, eventId: string): Promise<AttendanceMarkRow[]> {
  return db.selectFrom('attendance').select(['person_id', 'date', 'present']).where('event_id', '=', eventId).orderBy('date').execute();
}

/** One participant's days at an event, oldest first: read back by every mark and every participant added (prepared). */
const PARTICIPANT_ATTENDANCE = preparedStatement(
  'hifazat_participant_attendance',
  'select person_id, date, present from attendance where event_id = ? and person_id = ? order by date',
);

export async function listParticipantAttendance(db: Db, eventId: string, personId: string): Promise<AttendanceMarkRow[]> {
  return runPrepared<AttendanceMarkRow>(db, PARTICIPANT_ATTENDANCE, [eventId, personId]);
}

/** A change sent with the client's own id (`clientId`), as recorded when it was applied. */
export type ClientOperation = { client_id: string; user_id: string; route: string; event_id: string; person_id: string | null };

export async function findClientOperation(db: Db, clientId: string): Promise<ClientOperation | undefined> {
  return db
    .selectFrom('client_operations')
    .select(['client_id', 'user_id', 'route', 'event_id', 'person_id'])
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/**
 * Written before the change itself, in its transaction: on PostgreSQL a second request with the same
 * id waits on the key until the first commits, then fails on it (23505 → 409), never applying twice.
 */
export async function insertClientOperation(db: Db, row: ClientOperation & { created_at: string }): Promise<void> {
  await db.insertInto('client_operations').values(row).execute();
}

/** Forgets the client ids recorded before `before` (an ISO time); returns how many were forgotten. */
export async function deleteClientOperationsBefore(db: Db, before: string): Promise<number> {
  const result = await db.deleteFrom('client_operations').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
