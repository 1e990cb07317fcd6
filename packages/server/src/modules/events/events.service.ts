import {
  emptySexCounts,
  MAX_EVENT_DAYS,
  participantSummaryText,
  type AddParticipantBody,
  type AttendanceBody,
  type DayAttendanceBody,
  type CreateEventBody,
  type Event,
  type EventFilters,
  type EventListQuery,
  type EventSelection,
  type EventSummary,
  type HistoryEntry,
  type OrganizationRef,
  type OrganizationType,
  type Page,
  type Participant,
  type ParticipantList,
  type ParticipantRole,
  type Sex,
  type SexCounts,
  type UpdateEventBody,
  type UpdateParticipantBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { conflict, editConflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { managesAllEvents, seesCountry, seesOrganizationCountry, seesUserCountries, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { changedColumns } from '../../shared/changes.js';
import { decodeCursor, toPage, type Cursor } from '../../shared/pagination.js';
import { diff, listHistory, presentHistory, recordAudit } from '../audit/index.js';
import { findOrganizations } from '../organizations/index.js';
import { getVisiblePerson, visiblePersonIds } from '../people/index.js';
import { organizationRef } from '../people/index.js';
import { getVisibleProgramme } from '../programmes/index.js';
import { existingUserIds } from '../users/index.js';
import * as repo from './events.repository.js';
import * as participations from '../participations/index.js';

const organizationOnly = ({ id, name, acronym, type }: repo.LinkedOrganization): OrganizationRef => ({ id, name, acronym, type });

/**
 * The event as `viewer` may see it: organisers, partners and trainers of countries the viewer does
 * not work in are counted, not named. `null`: the whole record (for the history, which is masked
 * when it is read, so that a user of every country reads what really changed).
 */
export function presentEvent(row: repo.EventRowWithProgramme, links: repo.EventLinks, viewer: Actor | null): Event {
  const organizers = viewer ? links.organizers.filter((o) => seesOrganizationCountry(viewer, o.countryCode)) : links.organizers;
  const partners = viewer ? links.partners.filter((o) => seesOrganizationCountry(viewer, o.countryCode)) : links.partners;
  const trainers = viewer ? links.trainers.filter((t) => seesUserCountries(viewer, t.countries)) : links.trainers;
  return {
    id: row.id,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    title: row.title,
    type: row.type,
    series: row.series,
    startDate: row.start_date,
    endDate: row.end_date,
    city: row.city,
    province: row.province,
    countryCode: row.country_code,
    venue: row.venue,
    status: row.status,
    topics: links.topics,
    learningObjectives: row.learning_objectives,
    organizers: organizers.map(organizationOnly),
    partners: partners.map(organizationOnly),
    trainerUserIds: trainers.map((t) => t.id),
    trainers: trainers.map((t) => ({ id: t.id, name: t.name })),
    hiddenOrganizers: links.organizers.length - organizers.length,
    hiddenPartners: links.partners.length - partners.length,
    hiddenTrainers: links.trainers.length - trainers.length,
    participantCount: links.participantCount,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Every date from start to end inclusive, as 'YYYY-MM-DD'. */
export function eventDays(startDate: string, endDate: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${startDate}T00:00:00Z`); t <= Date.parse(`${endDate}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export async function getVisibleEventRow(db: Db, actor: Actor, id: string): Promise<repo.EventRowWithProgramme> {
  const row = await repo.findEvent(db, id);
  if (!row || !seesCountry(actor, row.country_code)) throw notFound('Event');
  return row;
}

export async function getEvent(db: Db, actor: Actor, id: string): Promise<Event> {
  const row = await getVisibleEventRow(db, actor, id);
  const links = await repo.loadEventLinks(db, [id]);
  return presentEvent(row, links.get(id) ?? repo.noLinks(), actor);
}

/** The whole event, nothing masked, with its links: for the history and for keeping hidden links. */
async function loadWholeEvent(db: Db, actor: Actor, id: string): Promise<{ event: Event; links: repo.EventLinks }> {
  const row = await getVisibleEventRow(db, actor, id);
  const links = (await repo.loadEventLinks(db, [id])).get(id) ?? repo.noLinks();
  return { event: presentEvent(row, links, null), links };
}

/** The event, if the actor may change it: managers always, trainers only as a trainer of the event. */
export async function getEditableEventRow(db: Db, actor: Actor, id: string): Promise<repo.EventRowWithProgramme> {
  const row = await getVisibleEventRow(db, actor, id);
  if (!managesAllEvents(actor) && !(await repo.isTrainerOf(db, id, actor.id))) {
    throw forbidden('Only the trainers of this event and programme managers may change it');
  }
  return row;
}

export async function listEvents(db: Db, actor: Actor, query: EventListQuery): Promise<Page<Event>> {
  const rows = await repo.listEvents(db, {
    ...query,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    topicNormalized: query.topic ? normalizeText(query.topic) : undefined,
    countries: actor.countries,
    after: decodeCursor(query.cursor),
  });
  const page = rows.slice(0, query.limit);
  const links = await repo.loadEventLinks(
    db,
    page.map((r) => r.id),
  );
  return toPage(
    rows,
    query.limit,
    (r) => ({ sort: r.start_date, id: r.id }),
    (r) => presentEvent(r, links.get(r.id) ?? repo.noLinks(), actor),
  );
}

/**
 * The organisations and trainers named exist and the actor may see them: a user limited to some
 * countries must not link an agency or a trainer of another country by id, and so learn its name
 * from the event. Links the event has already (set by someone who sees more) may stay.
 */
async function assertLinksExist(
  db: Db,
  actor: Actor,
  body: { organizerIds?: string[]; partnerIds?: string[]; trainerUserIds?: string[] },
  current: Pick<repo.EventLinks, 'organizers' | 'partners' | 'trainers'> = { organizers: [], partners: [], trainers: [] },
) {
  const linkedOrgs = new Set([...current.organizers, ...current.partners].map((o) => o.id));
  const orgIds = [...new Set([...(body.organizerIds ?? []), ...(body.partnerIds ?? [])])];
  const found = new Set(
    (await findOrganizations(db, orgIds)).filter((o) => o.country_code === null || seesCountry(actor, o.country_code) || linkedOrgs.has(o.id)).map((o) => o.id),
  );
  const missingOrg = orgIds.find((id) => !found.has(id));
  if (missingOrg)
    throw invalid('Unknown organisation', [
      { path: body.organizerIds?.includes(missingOrg) ? 'organizerIds' : 'partnerIds', message: `No organisation ${missingOrg}` },
    ]);
  const linkedTrainers = new Set(current.trainers.map((t) => t.id));
  const trainerIds = (body.trainerUserIds ?? []).filter((id) => !linkedTrainers.has(id));
  const users = await existingUserIds(db, trainerIds, actor.countries);
  const missingUser = trainerIds.find((id) => !users.has(id));
  if (missingUser) throw invalid('Unknown user', [{ path: 'trainerUserIds', message: `No user ${missingUser}` }]);
}

const topicRows = (topics: string[]) => topics.map((topic) => ({ topic, normalized: normalizeText(topic) })).filter((t) => t.normalized !== '');

export async function createEvent(db: Db, actor: Actor, body: CreateEventBody): Promise<Event> {
  if (!seesCountry(actor, body.countryCode)) throw forbidden('You may not add events in this country');
  return db.transaction().execute(async (trx) => {
    await getVisibleProgramme(trx, actor, body.programmeId).catch(() => {
      throw invalid('Unknown programme', [{ path: 'programmeId', message: 'No such programme' }]);
    });
    // A trainer who creates an event is one of its trainers, or could not edit it afterwards.
    const trainerUserIds = [...new Set([...(body.trainerUserIds ?? []), ...(actor.role === 'trainer' ? [actor.id] : [])])];
    await assertLinksExist(trx, actor, { ...body, trainerUserIds });
    const now = nowIso();
    const id = newId();
    await repo.insertEvent(trx, {
      id,
      programme_id: body.programmeId,
      title: body.title,
      title_normalized: normalizeText(body.title),
      type: body.type,
      series: body.series ?? null,
      start_date: body.startDate,
      end_date: body.endDate,
      city: body.city,
      province: body.province ?? null,
      country_code: body.countryCode,
      venue: body.venue ?? null,
      status: body.status ?? (body.endDate < now.slice(0, 10) ? 'held' : 'planned'),
      learning_objectives: body.learningObjectives ?? null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceTopics(trx, id, topicRows(body.topics ?? []));
    await repo.replaceOrganizations(trx, id, 'organizer', body.organizerIds ?? []);
    await repo.replaceOrganizations(trx, id, 'partner', body.partnerIds ?? []);
    await repo.replaceTrainers(trx, id, trainerUserIds);
    const { event: created } = await loadWholeEvent(trx, actor, id);
    await recordAudit(trx, { entityType: 'event', entityId: id, action: 'create', userId: actor.id, changes: diff(null, created, eventAuditIgnored) });
    return getEvent(trx, actor, id);
  });
}

export async function updateEvent(db: Db, actor: Actor, id: string, body: UpdateEventBody): Promise<Event> {
  return db.transaction().execute(async (trx) => {
    const row = await getEditableEventRow(trx, actor, id);
    const { event: before, links: current } = await loadWholeEvent(trx, actor, id);
    if (body.countryCode && !seesCountry(actor, body.countryCode)) throw forbidden('You may not move events to this country');
    if (body.programmeId && body.programmeId !== row.programme_id) {
      await getVisibleProgramme(trx, actor, body.programmeId).catch(() => {
        throw invalid('Unknown programme', [{ path: 'programmeId', message: 'No such programme' }]);
      });
    }
    if (body.trainerUserIds && !managesAllEvents(actor) && !body.trainerUserIds.includes(actor.id)) {
      throw ruleViolation('A trainer cannot remove themselves from an event; ask a programme manager');
    }
    await assertLinksExist(trx, actor, body, current);
    const startDate = body.startDate ?? row.start_date;
    const endDate = body.endDate ?? row.end_date;
    if (endDate < startDate) throw invalid('The end date is before the start date', [{ path: 'endDate', message: 'Before the start date' }]);
    // The body's own check sees both dates only when both are sent; one date moved alone is checked here.
    if ((Date.parse(endDate) - Date.parse(startDate)) / 86_400_000 + 1 > MAX_EVENT_DAYS) {
      throw invalid(`An event lasts at most ${MAX_EVENT_DAYS} days`, [
        { path: body.endDate ? 'endDate' : 'startDate', message: `An event lasts at most ${MAX_EVENT_DAYS} days` },
      ]);
    }
    const pick = <K extends keyof UpdateEventBody>(key: K, current: UpdateEventBody[K]) => (body[key] !== undefined ? body[key] : current);
    const title = body.title ?? row.title;
    const next: Partial<repo.EventRow> = {
      programme_id: body.programmeId ?? row.programme_id,
      title,
      title_normalized: normalizeText(title),
      type: body.type ?? row.type,
      series: pick('series', row.series) ?? null,
      start_date: startDate,
      end_date: endDate,
      city: body.city ?? row.city,
      province: pick('province', row.province) ?? null,
      country_code: body.countryCode ?? row.country_code,
      venue: pick('venue', row.venue) ?? null,
      status: body.status ?? row.status,
      learning_objectives: pick('learningObjectives', row.learning_objectives) ?? null,
      updated_at: nowIso(),
    };
    await repo.updateEventRow(trx, id, changedColumns(row, next, ['updated_at']));
    if (body.topics) await repo.replaceTopics(trx, id, topicRows(body.topics));
    // Links the actor cannot see (another country's agency or trainer) are not in their lists, so
    // the lists they send leave them as they are.
    const hiddenOrgs = (list: repo.LinkedOrganization[]) => list.filter((o) => !seesOrganizationCountry(actor, o.countryCode)).map((o) => o.id);
    if (body.organizerIds) await repo.replaceOrganizations(trx, id, 'organizer', [...body.organizerIds, ...hiddenOrgs(current.organizers)]);
    if (body.partnerIds) await repo.replaceOrganizations(trx, id, 'partner', [...body.partnerIds, ...hiddenOrgs(current.partners)]);
    if (body.trainerUserIds) {
      const hiddenTrainers = current.trainers.filter((t) => !seesUserCountries(actor, t.countries)).map((t) => t.id);
      await repo.replaceTrainers(trx, id, [...body.trainerUserIds, ...hiddenTrainers]);
    }
    if (startDate !== row.start_date || endDate !== row.end_date) {
      for (const personId of await participations.deleteAttendanceOutside(trx, id, startDate, endDate)) {
        await participations.recountAttendance(trx, id, personId);
      }
    }
    await participations.refreshParticipationFacts(trx, { eventId: id });
    const { event: after } = await loadWholeEvent(trx, actor, id);
    await recordAudit(trx, {
      entityType: 'event',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(before, after, [...eventAuditIgnored, 'programmeName']),
    });
    return getEvent(trx, actor, id);
  });
}

/** Fields of an event that its history leaves out (they change by themselves, or say nothing new). */
const eventAuditIgnored = ['createdAt', 'updatedAt', 'participantCount', 'hiddenOrganizers', 'hiddenPartners', 'hiddenTrainers'];

/**
 * Another module's part in deleting an event, for what the database does not remove by itself (files
 * in the data folder): called in the deleting transaction before the event's rows go, it reads what
 * it needs and gives back what to do once the deletion is committed (never, when it is rolled back).
 * Given by app.ts, so that this module depends on none of them.
 */
export type EventDeletionStep = (trx: Db, eventId: string) => Promise<() => void>;

export async function deleteEvent(db: Db, actor: Actor, id: string, steps: readonly EventDeletionStep[] = []): Promise<void> {
  const afterCommit = await db.transaction().execute(async (trx) => {
    // Programme managers only (the route's permission): a trainer changes the events they train but deletes none.
    if (!managesAllEvents(actor)) throw forbidden('Only programme managers may delete events');
    await getEditableEventRow(trx, actor, id);
    const { event: before } = await loadWholeEvent(trx, actor, id);
    const after: Array<() => void> = [];
    for (const step of steps) after.push(await step(trx, id));
    await repo.deleteEventRow(trx, id);
    await recordAudit(trx, {
      entityType: 'event',
      entityId: id,
      action: 'delete',
      userId: actor.id,
      changes: diff(before, null, ['createdAt', 'updatedAt', 'hiddenOrganizers', 'hiddenPartners', 'hiddenTrainers']),
    });
    return after;
  });
  for (const done of afterCommit) done();
}

/** Whether the viewer may see this participant (the person's own country decides, as on /api/people/{id}). */
const seesParticipant = (viewer: Actor, row: Pick<repo.EventParticipantRow, 'country_code'>) => seesCountry(viewer, row.country_code);
/** The participant's organisation, unless it (or the participant) is of a country the viewer does not work in. */
const seesParticipantOrganization = (viewer: Actor, row: Pick<repo.EventParticipantRow, 'country_code' | 'org_country_code'>) =>
  seesParticipant(viewer, row) && seesOrganizationCountry(viewer, row.org_country_code);

function presentParticipant(row: repo.EventParticipantRow, days: Array<{ date: string; present: unknown }>, viewer: Actor): Participant {
  const hidden = !seesParticipant(viewer, row);
  return {
    personId: hidden ? null : row.person_id,
    fullName: hidden ? null : row.full_name,
    hidden,
    sex: row.sex,
    designation: hidden ? null : row.designation,
    province: hidden ? null : row.province,
    organization: seesParticipantOrganization(viewer, row) ? organizationRef(row.organization_id, row.org_name, row.org_acronym, row.org_type) : null,
    role: row.role,
    attendedDirect: toBoolean(row.attended_direct),
    presentDates: days.filter((d) => toBoolean(d.present)).map((d) => d.date),
    absentDates: days.filter((d) => !toBoolean(d.present)).map((d) => d.date),
    attended: toBoolean(row.attended),
  };
}

export async function listParticipants(db: Db, actor: Actor, eventId: string): Promise<ParticipantList> {
  const event = await getVisibleEventRow(db, actor, eventId);
  const [rows, attendance] = await Promise.all([repo.listEventParticipants(db, eventId), repo.listEventAttendance(db, eventId)]);
  const byPerson = new Map<string, Array<{ date: string; present: unknown }>>();
  for (const a of attendance) {
    const list = byPerson.get(a.person_id) ?? [];
    list.push(a);
    byPerson.set(a.person_id, list);
  }
  // Participants from other countries come last, so that their place in the list says nothing of their names.
  const ordered = [...rows.filter((r) => seesParticipant(actor, r)), ...rows.filter((r) => !seesParticipant(actor, r))];
  return { items: ordered.map((r) => presentParticipant(r, byPerson.get(r.person_id) ?? [], actor)), days: eventDays(event.start_date, event.end_date) };
}

/** One participant the actor may see; another country's participant answers 404, like /api/people/{id}. */
async function getParticipant(db: Db, actor: Actor, eventId: string, personId: string): Promise<Participant> {
  const row = await repo.findEventParticipant(db, eventId, personId);
  if (!row || !seesParticipant(actor, row)) throw notFound('Participant');
  return presentParticipant(row, await repo.listParticipantAttendance(db, eventId, personId), actor);
}

/** A new participation row with the facts copied from the person and the event. */
export function participationRow(
  event: repo.EventRow,
  person: { id: string; sex: Sex; organizationType: OrganizationType | null },
  role: ParticipantRole,
  attendedDirect: boolean,
  now: string,
): participations.ParticipationRow {
  return {
    id: newId(),
    event_id: event.id,
    person_id: person.id,
    role,
    attended_direct: attendedDirect,
    days_present: 0,
    attended: attendedDirect,
    person_sex: person.sex,
    organization_type: person.organizationType,
    event_start_date: event.start_date,
    event_province: event.province,
    event_type: event.type,
    event_status: event.status,
    event_country: event.country_code,
    programme_id: event.programme_id,
    created_at: now,
    updated_at: now,
  };
}

/**
 * How long a change's client id is remembered. A device resends a change only while it waits for the
 * server's answer: minutes after a lost answer, or when it comes back from a field trip without a
 * network (days, a few weeks at most). 30 days is longer than any of those, and the table does not
 * grow for ever. A change resent later still than that is not lost either: it is applied like a new
 * one, which sets the same value again (nothing changes), or is refused as changed meanwhile when
 * someone else changed that value since (its base no longer matches), or, for an addition, answers
 * that the person is on the list already (the device takes that as saved). README: "Changes made offline".
 */
export const CLIENT_OPERATION_RETENTION_DAYS = 30;
// Forgetting runs at most this often per database, after a change sent with a client id.
const CLIENT_OPERATION_PRUNE_EVERY_MS = 3_600_000;
const nextPruneAt = new WeakMap<Db, number>();

/** Forgets the client ids older than the retention period; returns how many. */
export async function pruneClientOperations(db: Db, now: Date = new Date()): Promise<number> {
  return repo.deleteClientOperationsBefore(db, new Date(now.getTime() - CLIENT_OPERATION_RETENTION_DAYS * 86_400_000).toISOString());
}

/**
 * The housekeeping of `client_operations`, done where it grows: when a change with a client id
 * comes in, at most once an hour per database, in a statement of its own before the change's
 * transaction (so that it never holds up or fails with the change itself).
 */
async function pruneClientOperationsIfDue(db: Db, clientId: string | undefined): Promise<void> {
  const now = Date.now();
  if (!clientId || now < (nextPruneAt.get(db) ?? 0)) return;
  nextPruneAt.set(db, now + CLIENT_OPERATION_PRUNE_EVERY_MS);
  await pruneClientOperations(db, new Date(now));
}

/** The routes whose changes a client may send with its own id (queued offline, sent again after a lost answer). */
type ClientOperationRoute = 'addParticipant' | 'updateParticipant' | 'setAttendance' | 'setDayAttendance';

/**
 * A change sent with a client id: 'replay' when that very change was applied before (answer with the
 * records as they are now and change nothing, audit nothing), 'new' once it is recorded, in the
 * change's own transaction (so a change that fails leaves no record and may be sent again).
 */
async function claimClientOperation(
  trx: Db,
  actor: Actor,
  clientId: string | undefined,
  route: ClientOperationRoute,
  eventId: string,
  personId: string | null,
): Promise<'new' | 'replay'> {
  if (!clientId) return 'new';
  const found = await repo.findClientOperation(trx, clientId);
  if (!found) {
    await repo.insertClientOperation(trx, { client_id: clientId, user_id: actor.id, route, event_id: eventId, person_id: personId, created_at: nowIso() });
    return 'new';
  }
  if (found.user_id === actor.id && found.route === route && found.event_id === eventId && found.person_id === personId) return 'replay';
  throw conflict('This change id was already used for another change', [{ path: 'clientId', message: 'Already used' }]);
}

/** A participant's mark of one day: true present, false absent, null not marked. */
const markOf = (p: Pick<Participant, 'presentDates' | 'absentDates'>, date: string): boolean | null =>
  p.presentDates.includes(date) ? true : p.absentDates.includes(date) ? false : null;

/** Someone else changed it meanwhile: the value now is neither the one the change was based on nor the one it sets. */
const changedMeanwhile = <T>(now: T, base: T | undefined, next: T) => base !== undefined && now !== base && now !== next;

export async function addParticipant(db: Db, actor: Actor, eventId: string, body: AddParticipantBody): Promise<Participant> {
  await pruneClientOperationsIfDue(db, body.clientId);
  return db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    if ((await claimClientOperation(trx, actor, body.clientId, 'addParticipant', eventId, body.personId)) === 'replay') {
      return getParticipant(trx, actor, eventId, body.personId);
    }
    const person = await getVisiblePerson(trx, actor, body.personId).catch(() => {
      throw invalid('Unknown person', [{ path: 'personId', message: 'No such person' }]);
    });
    if (await participations.findParticipation(trx, eventId, body.personId)) throw conflict(`${person.full_name} is already on this event's list`);
    const added = participationRow(event, { id: person.id, sex: person.sex, organizationType: person.org_type }, body.role, body.attended ?? false, nowIso());
    await participations.insertParticipations(trx, [added]);
    await recordAudit(trx, {
      entityType: 'event',
      entityId: eventId,
      action: 'participants',
      userId: actor.id,
      changes: { [`participant:${person.id}`]: { from: null, to: { name: person.full_name, role: body.role } } },
    });
    // The answer from the rows just read and written (reading them back cost a fifth of the write);
    // days already in the register for this person and event, if any, as getParticipant shows them.
    const listed: repo.EventParticipantRow = {
      id: added.id,
      person_id: person.id,
      role: added.role,
      attended_direct: added.attended_direct,
      attended: added.attended,
      full_name: person.full_name,
      name_normalized: person.name_normalized,
      sex: person.sex,
      designation: person.designation,
      province: person.province,
      organization_id: person.organization_id,
      country_code: person.country_code,
      org_name: person.org_name,
      org_acronym: person.org_acronym,
      org_type: person.org_type,
      org_country_code: person.org_country_code,
    };
    return presentParticipant(listed, await repo.listParticipantAttendance(trx, eventId, person.id), actor);
  });
}

export async function updateParticipant(db: Db, actor: Actor, eventId: string, personId: string, body: UpdateParticipantBody): Promise<Participant> {
  await pruneClientOperationsIfDue(db, body.clientId);
  return db.transaction().execute(async (trx) => {
    await getEditableEventRow(trx, actor, eventId);
    if ((await claimClientOperation(trx, actor, body.clientId, 'updateParticipant', eventId, personId)) === 'replay') {
      return getParticipant(trx, actor, eventId, personId);
    }
    await getParticipant(trx, actor, eventId, personId);
    // The row lock first (PostgreSQL), so that the values compared with the change's base stay as read.
    await participations.touchParticipation(trx, eventId, personId, nowIso());
    const place = await participations.findParticipation(trx, eventId, personId);
    if (!place) throw notFound('Participant');
    const conflicts = [
      ...(body.role !== undefined && changedMeanwhile(place.role, body.base?.role, body.role) ? ['role'] : []),
      ...(body.attended !== undefined && changedMeanwhile(toBoolean(place.attended_direct), body.base?.attended, body.attended) ? ['attended'] : []),
    ];
    if (conflicts.length > 0) {
      throw editConflict(
        'Someone else changed this participant meanwhile',
        { participants: [await getParticipant(trx, actor, eventId, personId)] },
        conflicts.map((path) => ({ path, message: 'Changed by someone else' })),
      );
    }
    const attendedDirect = body.attended ?? toBoolean(place.attended_direct);
    await participations.updateParticipation(trx, place.id, {
      role: body.role ?? place.role,
      attended_direct: attendedDirect,
      updated_at: nowIso(),
    });
    await participations.recountAttendance(trx, eventId, personId);
    await recordAudit(trx, {
      entityType: 'event',
      entityId: eventId,
      action: 'participants',
      userId: actor.id,
      changes: {
        [`participant:${personId}`]: {
          from: { role: place.role, attended: toBoolean(place.attended_direct) },
          to: { role: body.role ?? place.role, attended: attendedDirect },
        },
      },
    });
    return getParticipant(trx, actor, eventId, personId);
  });
}

export async function removeParticipant(db: Db, actor: Actor, eventId: string, personId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await getEditableEventRow(trx, actor, eventId);
    // The row lock first (PostgreSQL): a mark being saved for this person commits before the days
    // are deleted (its day goes with them), or comes after and finds nobody on the list. Deleting the
    // days first left the mark's day behind, with no participation.
    if (!(await participations.touchParticipation(trx, eventId, personId, nowIso()))) throw notFound('Participant');
    await getParticipant(trx, actor, eventId, personId);
    const place = await participations.findParticipation(trx, eventId, personId);
    if (!place) throw notFound('Participant');
    await participations.deleteParticipation(trx, eventId, personId);
    await recordAudit(trx, {
      entityType: 'event',
      entityId: eventId,
      action: 'participants',
      userId: actor.id,
      changes: { [`participant:${personId}`]: { from: { role: place.role }, to: null } },
    });
  });
}

export async function setAttendance(db: Db, actor: Actor, eventId: string, body: AttendanceBody): Promise<Participant> {
  await pruneClientOperationsIfDue(db, body.clientId);
  return db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    if ((await claimClientOperation(trx, actor, body.clientId, 'setAttendance', eventId, body.personId)) === 'replay') {
      return getParticipant(trx, actor, eventId, body.personId);
    }
    if (body.date < event.start_date || body.date > event.end_date) {
      throw ruleViolation(`The event runs from ${event.start_date} to ${event.end_date}`, [{ path: 'date', message: 'Outside the event dates' }]);
    }
    // Touching the participation first takes its row lock: marks for one person are then counted one
    // after the other, each seeing the days the other saved (PostgreSQL runs transactions side by side),
    // and the row read next stays as read. Another country's participant: the touch is rolled back.
    if (!(await participations.touchParticipation(trx, eventId, body.personId, nowIso()))) {
      throw ruleViolation('This person is not on the event list; add them first', [{ path: 'personId', message: 'Not a participant' }]);
    }
    const listed = await repo.findEventParticipant(trx, eventId, body.personId);
    if (!listed || !seesParticipant(actor, listed)) throw notFound('Participant');
    if (body.basePresent !== undefined) {
      const now = await getParticipant(trx, actor, eventId, body.personId);
      if (changedMeanwhile(markOf(now, body.date), body.basePresent, body.present)) {
        throw editConflict('Someone else changed this mark meanwhile', { participants: [now] }, [{ path: 'present', message: 'Changed by someone else' }]);
      }
    }
    await participations.setAttendance(trx, { eventId, personId: body.personId, date: body.date, present: body.present });
    const recounted = await participations.recountAttendance(trx, eventId, body.personId);
    // The row read above is the participant still (its lock is held), but for what the recount set.
    if (!recounted) throw notFound('Participant');
    return presentParticipant({ ...listed, attended: recounted.attended }, await repo.listParticipantAttendance(trx, eventId, body.personId), actor);
  });
}

/**
 * One day of the register for the whole list at once ("all present today"): every participant the
 * user may see, in one transaction, each counted again as a single mark would be. Another country's
 * masked participants are left as they are (the user cannot mark them one by one either).
 */
export async function setDayAttendance(db: Db, actor: Actor, eventId: string, body: DayAttendanceBody): Promise<ParticipantList> {
  await pruneClientOperationsIfDue(db, body.clientId);
  await db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    if (body.date < event.start_date || body.date > event.end_date) {
      throw ruleViolation(`The event runs from ${event.start_date} to ${event.end_date}`, [{ path: 'date', message: 'Outside the event dates' }]);
    }
    if ((await claimClientOperation(trx, actor, body.clientId, 'setDayAttendance', eventId, null)) === 'replay') return;
    const now = nowIso();
    const visible = (await repo.listEventParticipants(trx, eventId)).filter((listed) => seesParticipant(actor, listed));
    for (const listed of visible) await participations.touchParticipation(trx, eventId, listed.person_id, now);
    if (body.base) {
      // Participants added since the change was made have no base: they are simply marked.
      const base = new Map(body.base.map((b) => [b.personId, b.present]));
      const current = (await listParticipants(trx, actor, eventId)).items;
      const changed = current.filter(
        (p) => p.personId !== null && base.has(p.personId) && changedMeanwhile(markOf(p, body.date), base.get(p.personId), body.present),
      );
      if (changed.length > 0) {
        throw editConflict('Someone else changed marks of this day meanwhile', { participants: changed }, [
          { path: 'base', message: 'Changed by someone else' },
        ]);
      }
    }
    for (const listed of visible) {
      await participations.setAttendance(trx, { eventId, personId: listed.person_id, date: body.date, present: body.present });
      await participations.recountAttendance(trx, eventId, listed.person_id);
    }
  });
  return listParticipants(db, actor, eventId);
}

function addTo(counts: SexCounts, sex: string) {
  counts.total += 1;
  const key = (['female', 'male', 'other'].includes(sex) ? sex : 'unknown') as Sex;
  counts[key] += 1;
}

export async function eventSummary(db: Db, actor: Actor, eventId: string): Promise<EventSummary> {
  await getVisibleEventRow(db, actor, eventId);
  const rows = (await repo.listEventParticipants(db, eventId)).filter((r) => toBoolean(r.attended));
  const participants = emptySexCounts();
  const staff = emptySexCounts();
  const byType = new Map<string | null, SexCounts>();
  // Keyed 'org:<id>', 'none' (no organisation recorded) or 'hidden' (another country's: counted, not named).
  const byOrg = new Map<string, EventSummary['byOrganization'][number]>();
  for (const r of rows) {
    if (r.role !== 'participant') {
      addTo(staff, r.sex);
      continue;
    }
    addTo(participants, r.sex);
    const typeCounts = byType.get(r.org_type) ?? emptySexCounts();
    addTo(typeCounts, r.sex);
    byType.set(r.org_type, typeCounts);
    // A participant from another country is counted with the hidden ones even without an organisation.
    const hidden = !seesParticipant(actor, r) || (r.organization_id !== null && !seesParticipantOrganization(actor, r));
    const key = hidden ? 'hidden' : r.organization_id ? `org:${r.organization_id}` : 'none';
    const orgCounts =
      byOrg.get(key) ??
      (hidden || !r.organization_id
        ? { organizationId: null, name: null, acronym: null, hidden, ...emptySexCounts() }
        : { organizationId: r.organization_id, name: r.org_name, acronym: r.org_acronym, hidden: false, ...emptySexCounts() });
    addTo(orgCounts, r.sex);
    byOrg.set(key, orgCounts);
  }
  const byTotal = <T extends { total: number }>(a: T, b: T) => b.total - a.total;
  return {
    participants,
    byOrganizationType: [...byType.entries()]
      .map(([type, counts]) => ({ type: type as EventSummary['byOrganizationType'][number]['type'], ...counts }))
      .sort(byTotal),
    byOrganization: [...byOrg.values()].sort(byTotal),
    staff,
    text: { en: participantSummaryText(participants, 'en'), ur: participantSummaryText(participants, 'ur') },
  };
}

export async function facets(db: Db, actor: Actor) {
  return repo.eventFacets(db, actor.countries);
}

type Visible = { people: Set<string>; organizations: Set<string>; users: Set<string> };
const idOf = (value: unknown): string | null =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string' ? value.id : null;
const arrayOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * One history entry as `actor` may read it: participants, organisations and trainers of countries
 * they do not work in become `{ hidden: true }` (a participant keeps their role), and a hidden
 * participant's key `participant:<id>` becomes `participant:hidden-<n>`, so that no name or id shows.
 */
function maskHistoryEntry(entry: HistoryEntry, visible: Visible): HistoryEntry {
  const changes: HistoryEntry['changes'] = {};
  let hiddenParticipants = 0;
  const maskRefs = (value: unknown, seen: Set<string>) => (Array.isArray(value) ? value.map((v) => (seen.has(idOf(v) ?? '') ? v : { hidden: true })) : value);
  for (const [key, change] of Object.entries(entry.changes)) {
    if (key.startsWith('participant:') && !visible.people.has(key.slice('participant:'.length))) {
      hiddenParticipants += 1;
      const mask = (value: unknown) => {
        if (typeof value !== 'object' || value === null) return value;
        const rest = Object.fromEntries(Object.entries(value).filter(([field]) => field !== 'name'));
        return { hidden: true, ...rest };
      };
      changes[`participant:hidden-${hiddenParticipants}`] = { from: mask(change.from), to: mask(change.to) };
    } else if (key === 'organizers' || key === 'partners') {
      changes[key] = { from: maskRefs(change.from, visible.organizations), to: maskRefs(change.to, visible.organizations) };
    } else if (key === 'trainers') {
      changes[key] = { from: maskRefs(change.from, visible.users), to: maskRefs(change.to, visible.users) };
    } else if (key === 'trainerUserIds') {
      const only = (value: unknown) => (Array.isArray(value) ? value.filter((id) => typeof id === 'string' && visible.users.has(id)) : value);
      changes[key] = { from: only(change.from), to: only(change.to) };
    } else {
      changes[key] = change;
    }
  }
  return { ...entry, changes };
}

/** The event's history, with other countries' participants, organisations and trainers masked. */
export async function eventHistory(db: Db, actor: Actor, id: string): Promise<HistoryEntry[]> {
  await getVisibleEventRow(db, actor, id);
  const items = await listHistory(db, 'event', id);
  if (actor.countries === null) return presentHistory(db, actor, items);
  const personIds = new Set<string>();
  const organizationIds = new Set<string>();
  const userIds = new Set<string>();
  for (const entry of items) {
    for (const [key, change] of Object.entries(entry.changes)) {
      if (key.startsWith('participant:')) personIds.add(key.slice('participant:'.length));
      const values = [...arrayOf(change.from), ...arrayOf(change.to)];
      if (key === 'organizers' || key === 'partners') values.map(idOf).forEach((v) => v && organizationIds.add(v));
      if (key === 'trainers') values.map(idOf).forEach((v) => v && userIds.add(v));
      if (key === 'trainerUserIds') values.forEach((v) => typeof v === 'string' && userIds.add(v));
    }
  }
  const organizations = await findOrganizations(db, [...organizationIds]);
  const users = await existingUserIds(db, [...userIds], actor.countries);
  const visible: Visible = {
    people: await visiblePersonIds(db, actor, [...personIds]),
    organizations: new Set(organizations.filter((o) => seesOrganizationCountry(actor, o.country_code)).map((o) => o.id)),
    users,
  };
  return presentHistory(
    db,
    actor,
    items.map((entry) => maskHistoryEntry(entry, visible)),
  );
}

/**
 * The events of a selection (programme, series, period of the start date) that the actor sees, by the
 * same country rule as the event list and the reports, oldest first: what figures across events count.
 */
export async function eventsInSelection(db: Db, actor: Actor, selection: EventSelection): Promise<Array<{ id: string; title: string; startDate: string }>> {
  const rows = await repo.selectedEvents(db, { ...selection, countries: actor.countries });
  return rows.map((r) => ({ id: r.id, title: r.title, startDate: r.start_date }));
}

/** Events per statement when an export walks the whole list. */
const EXPORT_PAGE = 500;

/**
 * Every event the list shows for these filters (no paging), as the list presents them: the same
 * country limits, organisers and trainers of other countries counted, not named.
 */
export async function allEvents(db: Db, actor: Actor, filters: EventFilters): Promise<Event[]> {
  const events: Event[] = [];
  let after: Cursor | undefined;
  for (;;) {
    const rows = await repo.listEvents(db, {
      ...filters,
      limit: EXPORT_PAGE,
      qNormalized: filters.q ? normalizeText(filters.q) : undefined,
      topicNormalized: filters.topic ? normalizeText(filters.topic) : undefined,
      countries: actor.countries,
      after,
    });
    const page = rows.slice(0, EXPORT_PAGE);
    const links = await repo.loadEventLinks(
      db,
      page.map((r) => r.id),
    );
    for (const r of page) events.push(presentEvent(r, links.get(r.id) ?? repo.noLinks(), actor));
    const last = page.at(-1);
    if (rows.length <= EXPORT_PAGE || !last) return events;
    after = { sort: last.start_date, id: last.id };
  }
}

/** An event's participant list as the participants tab shows it, with the event it belongs to. */
export async function participantsForExport(db: Db, actor: Actor, eventId: string): Promise<{ event: Event; list: ParticipantList }> {
  const list = await listParticipants(db, actor, eventId);
  return { event: await getEvent(db, actor, eventId), list };
}
