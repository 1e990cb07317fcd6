import type { EventType } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { MasterTrainersTable } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';

/** Bound values per statement stay far under both engines' limits. */
const CHUNK = 500;
const chunks = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

/** The roles that make a person one of an event's trainers. */
export const TRAINER_ROLES = ['trainer', 'facilitator'] as const;

export type MasterTrainerRow = MasterTrainersTable;

export async function insertMasterTrainer(db: Db, row: MasterTrainerRow): Promise<void> {
  await db.insertInto('master_trainers').values(row).execute();
}

export async function findMasterTrainerOfPlace(db: Db, participationId: string): Promise<MasterTrainerRow | undefined> {
  return db.selectFrom('master_trainers').selectAll().where('participation_id', '=', participationId).executeTakeFirst();
}

export async function updateMasterTrainer(db: Db, id: string, changes: Partial<Pick<MasterTrainerRow, 'certified_on' | 'specialisms' | 'updated_at'>>) {
  await db.updateTable('master_trainers').set(changes).where('id', '=', id).execute();
}

export async function deleteMasterTrainer(db: Db, id: string): Promise<void> {
  await db.deleteFrom('master_trainers').where('id', '=', id).execute();
}

/** Graduations from these ToTs, with the person (name, country, organisation) and the ToT's title. */
export async function graduatesOfEvents(db: Db, totIds: readonly string[], personId?: string) {
  const rows = [];
  for (const part of chunks([...new Set(totIds)])) {
    let q = db
      .selectFrom('master_trainers')
      .innerJoin('participations', 'participations.id', 'master_trainers.participation_id')
      .innerJoin('events', 'events.id', 'participations.event_id')
      .innerJoin('people', 'people.id', 'participations.person_id')
      .leftJoin('organizations', 'organizations.id', 'people.organization_id')
      .select([
        'master_trainers.id',
        'master_trainers.participation_id',
        'master_trainers.certified_on',
        'master_trainers.specialisms',
        'master_trainers.created_at',
        'master_trainers.updated_at',
        'participations.event_id',
        'participations.person_id',
        'events.title as event_title',
        'events.programme_id',
        'people.full_name',
        'people.sex',
        'people.country_code',
        'people.organization_id',
        'organizations.name as org_name',
        'organizations.acronym as org_acronym',
        'organizations.type as org_type',
        'organizations.country_code as org_country_code',
      ])
      .where('participations.event_id', 'in', part);
    if (personId !== undefined) q = q.where('participations.person_id', '=', personId);
    rows.push(...(await q.orderBy('people.name_normalized').orderBy('master_trainers.id').execute()));
  }
  return rows;
}
export type GraduateRow = Awaited<ReturnType<typeof graduatesOfEvents>>[number];

/**
 * One step down the cascade: the held events, other than the ToT, starting on or after the day the
 * ToT ended, that a graduate of one of `totIds` trained (list role trainer or facilitator). One row
 * per (event, trainer), with one of the trainer's ToTs; one statement per 500 ToTs.
 */
export async function eventsTrainedByGraduates(db: Db, totIds: readonly string[]) {
  const rows: Array<{ event_id: string; tot_id: string; trainer_id: string; event_type: EventType; event_country: string }> = [];
  for (const part of chunks([...new Set(totIds)])) {
    rows.push(
      ...(await db
        .selectFrom('master_trainers')
        .innerJoin('participations as g', 'g.id', 'master_trainers.participation_id')
        .innerJoin('events as tot', 'tot.id', 'g.event_id')
        .innerJoin('participations as t', 't.person_id', 'g.person_id')
        .select(['t.event_id', 't.person_id as trainer_id', 't.event_type', 't.event_country'])
        // One row per (event, trainer) however many of these ToTs the trainer graduated from: a
        // person graduated from many ToTs who trained many events must not multiply the rows.
        .select((eb) => eb.fn.min<string>('g.event_id').as('tot_id'))
        .where('g.event_id', 'in', part)
        .where('t.role', 'in', TRAINER_ROLES)
        .where('t.event_status', '=', 'held')
        .whereRef('t.event_start_date', '>=', 'tot.end_date')
        .whereRef('t.event_id', '<>', 'g.event_id')
        .groupBy(['t.event_id', 't.person_id', 't.event_type', 't.event_country'])
        .execute()),
    );
  }
  return rows;
}

/** The facts of the cascade's events the tree shows. */
export async function eventFacts(db: Db, ids: readonly string[]) {
  const rows = [];
  for (const part of chunks([...new Set(ids)])) {
    rows.push(
      ...(await db
        .selectFrom('events')
        .select(['id', 'title', 'type', 'start_date', 'city', 'province', 'country_code', 'programme_id'])
        .where('id', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** A ToT's candidates: its participants in the role participant, attended or not. */
export async function candidatesOf(db: Db, eventId: string) {
  return db
    .selectFrom('participations')
    .select(['person_id', 'person_sex', 'organization_type'])
    .where('event_id', '=', eventId)
    .where('role', '=', 'participant')
    .execute();
}

/**
 * The pool a ToT's candidates came from: people who attended, as participants, held events of the
 * programme that started before `before` (the ToT excluded), of the user's countries; one row per person.
 */
export async function poolOf(db: Db, scope: { programmeId: string; before: string; eventId: string; countries: string[] | null }) {
  let q = db
    .selectFrom('participations')
    .where('programme_id', '=', scope.programmeId)
    .where('event_start_date', '<', scope.before)
    .where('event_id', '<>', scope.eventId)
    .where('role', '=', 'participant')
    .where('attended', '=', true)
    .where('event_status', '=', 'held');
  if (scope.countries) q = q.where('event_country', 'in', scope.countries);
  const [people, events] = await Promise.all([
    q.select(['person_id', 'person_sex', 'organization_type']).groupBy(['person_id', 'person_sex', 'organization_type']).execute(),
    q.select((eb) => eb.fn.count<number>('event_id').distinct().as('n')).executeTakeFirst(),
  ]);
  return { people, events: toCount(events?.n) };
}

/** ToTs (of a programme, of the user's countries) that have at least one graduate. */
export async function totsWithGraduates(db: Db, scope: { programmeId?: string; countries: string[] | null }) {
  let q = db
    .selectFrom('events')
    .innerJoin('programmes', 'programmes.id', 'events.programme_id')
    .select(['events.id', 'events.title', 'events.programme_id', 'programmes.name as programme_name', 'events.start_date'])
    .where('events.type', '=', 'training_of_trainers')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('master_trainers')
          .innerJoin('participations', 'participations.id', 'master_trainers.participation_id')
          .select('master_trainers.id')
          .whereRef('participations.event_id', '=', 'events.id'),
      ),
    );
  if (scope.programmeId) q = q.where('events.programme_id', '=', scope.programmeId);
  if (scope.countries) q = q.where('events.country_code', 'in', scope.countries);
  return q.orderBy('events.start_date', 'desc').orderBy('events.id').execute();
}

/** Master trainers of a programme's ToTs certified within a period, one row per graduation, with the person's sex. */
export async function certifiedIn(db: Db, scope: { programmeId: string; from: string; to: string; countries: string[] | null }) {
  let q = db
    .selectFrom('master_trainers')
    .innerJoin('participations', 'participations.id', 'master_trainers.participation_id')
    .select(['participations.person_id', 'participations.person_sex'])
    .where('participations.programme_id', '=', scope.programmeId)
    .where('master_trainers.certified_on', '>=', scope.from)
    .where('master_trainers.certified_on', '<=', scope.to);
  if (scope.countries) q = q.where('participations.event_country', 'in', scope.countries);
  return q.execute();
}

/** A merge joins two places at one ToT: the duplicate's graduation moves to the place kept, unless that place graduated too. */
export async function moveGraduation(db: Db, fromParticipationId: string, toParticipationId: string): Promise<void> {
  const kept = await db.selectFrom('master_trainers').select('id').where('participation_id', '=', toParticipationId).executeTakeFirst();
  if (kept) return;
  await db.updateTable('master_trainers').set({ participation_id: toParticipationId }).where('participation_id', '=', fromParticipationId).execute();
}
