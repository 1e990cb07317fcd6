import type { EventStatus, ProgrammeReportQuery } from '@hifazat/contract';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { quarterOf, toCount } from '../../db/dialect.js';

/** `statuses`: the event statuses counted (the query's `status` resolved). */
export type ReportScope = Omit<ProgrammeReportQuery, 'status'> & { statuses: EventStatus[]; countries: string[] | null; topicNormalized?: string };

function countedEvents(db: Db, scope: ReportScope) {
  let q = db.selectFrom('events').where('start_date', '>=', scope.from).where('start_date', '<=', scope.to).where('status', 'in', scope.statuses);
  if (scope.programmeId) q = q.where('programme_id', '=', scope.programmeId);
  if (scope.province) q = q.where('province', '=', scope.province);
  if (scope.type) q = q.where('type', '=', scope.type);
  if (scope.countryCode) q = q.where('country_code', '=', scope.countryCode);
  if (scope.countries) q = q.where('country_code', 'in', scope.countries);
  if (scope.topicNormalized) {
    const topic = scope.topicNormalized;
    q = q.where('id', 'in', (eb) => eb.selectFrom('event_topics').select('event_id').where('topic_normalized', '=', topic));
  }
  return q;
}

export type ParticipationCell = { province: string | null; type: string; quarter: string; organizationType: string | null; sex: string; n: number };
export type EventCell = { province: string | null; type: string; quarter: string; n: number };

/** The aggregates store "no organisation type" as '' (a key column cannot hold null everywhere). */
const typeOrNull = (value: string | null) => (value ? value : null);

/**
 * The counted participations of the counted events, by place, type, quarter, organisation type and
 * sex: from the per-event counts the triggers keep (report_event_counts), one row per event and group
 * instead of one per participation.
 */
export async function participationCells(db: Db, scope: ReportScope): Promise<ParticipationCell[]> {
  const rows = await countedEvents(db, scope)
    .innerJoin('report_event_counts as c', 'c.event_id', 'events.id')
    .select([
      'events.province',
      'events.type',
      quarterOf('events.start_date').as('quarter'),
      'c.organization_type',
      'c.person_sex',
      (eb) => eb.fn.sum<number>('c.n').as('n'),
    ])
    .groupBy(['events.province', 'events.type', sql`3`, 'c.organization_type', 'c.person_sex'])
    .execute();
  return rows.map((r) => ({
    province: r.province,
    type: r.type,
    quarter: r.quarter,
    organizationType: typeOrNull(r.organization_type),
    sex: r.person_sex,
    n: toCount(r.n),
  }));
}

export type OrganizationFacts = { id: string; name: string; acronym: string | null; type: string; countryCode: string | null };

export async function eventCells(db: Db, scope: ReportScope): Promise<EventCell[]> {
  const rows = await countedEvents(db, scope)
    .select(['province', 'type', quarterOf('start_date').as('quarter'), (eb) => eb.fn.countAll().as('n')])
    .groupBy(['province', 'type', sql`3`])
    .execute();
  return rows.map((r) => ({ province: r.province, type: r.type, quarter: r.quarter, n: toCount(r.n) }));
}

/** The first day of the quarter `back` quarters before the one `today` is in. */
export function quarterStart(today: string, back: number): string {
  const index = Number(today.slice(0, 4)) * 4 + Math.floor((Number(today.slice(5, 7)) - 1) / 3) - back;
  return `${Math.floor(index / 4)}-${String((index % 4) * 3 + 1).padStart(2, '0')}-01`;
}

/** How many quarters the dashboard's trend shows. */
export const DASHBOARD_QUARTERS = 8;

export async function dashboardCounts(db: Db, countries: string[] | null, today: string) {
  const year = today.slice(0, 4);
  let events = db.selectFrom('events').select((eb) => eb.fn.countAll().as('n'));
  let upcoming = db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('start_date', '>=', today)
    .where('status', '=', 'planned');
  let peopleQ = db.selectFrom('people').select((eb) => eb.fn.countAll().as('n'));
  let orgs = db.selectFrom('organizations').select((eb) => eb.fn.countAll().as('n'));
  if (countries) {
    events = events.where('country_code', 'in', countries);
    upcoming = upcoming.where('country_code', 'in', countries);
    peopleQ = peopleQ.where('country_code', 'in', countries);
    orgs = orgs.where((eb) => eb.or([eb('country_code', 'is', null), eb('country_code', 'in', countries)]));
  }
  const [e, u, p, o] = await Promise.all([
    events.executeTakeFirstOrThrow(),
    upcoming.executeTakeFirstOrThrow(),
    peopleQ.executeTakeFirstOrThrow(),
    orgs.executeTakeFirstOrThrow(),
  ]);
  // The programme report's default (events held) over the trend's quarters, which always hold this
  // year: one grouped scan of the participations for the year's figures and the trend together.
  const scope: ReportScope = { from: quarterStart(today, DASHBOARD_QUARTERS - 1), to: `${year}-12-31`, statuses: ['held'], countries };
  const [cells, eventsByCell] = await Promise.all([participationCells(db, scope), eventCells(db, scope)]);
  return { events: toCount(e.n), upcomingEvents: toCount(u.n), people: toCount(p.n), organizations: toCount(o.n), cells, eventsByCell };
}

export type EventPlaceRow = { id: string; type: string; city: string | null; startDate: string };
export type EventSexCell = { eventId: string; sex: string; n: number };

/** The counted events one by one (type, city, first day), and their attended participations by sex: what a narrative says. */
export async function eventPlaces(db: Db, scope: ReportScope): Promise<{ events: EventPlaceRow[]; cells: EventSexCell[] }> {
  const [events, cells] = await Promise.all([
    countedEvents(db, scope).select(['id', 'type', 'city', 'start_date']).orderBy('start_date').orderBy('id').execute(),
    countedEvents(db, scope)
      .innerJoin('report_event_counts as c', 'c.event_id', 'events.id')
      .select(['c.event_id', 'c.person_sex', (eb) => eb.fn.sum<number>('c.n').as('n')])
      .groupBy(['c.event_id', 'c.person_sex'])
      .execute(),
  ]);
  return {
    events: events.map((e) => ({ id: e.id, type: e.type, city: e.city, startDate: e.start_date })),
    cells: cells.map((c) => ({ eventId: c.event_id, sex: c.person_sex, n: toCount(c.n) })),
  };
}
