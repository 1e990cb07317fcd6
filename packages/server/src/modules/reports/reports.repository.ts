import { ageBandOf, type EventStatus, type ProgrammeReportQuery } from '@hifazat/contract';
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
export type PeopleCell = { key: string | null; sex: string; n: number };
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

export type PeopleBreakdown = { total: PeopleCell[]; byOrganizationType: PeopleCell[]; byProvince: PeopleCell[] };

export type PersonCell = {
  organizationId: string | null;
  /** The person's own country: whether a country-limited user may name their organisation and district. */
  personCountry: string | null;
  district: string | null;
  sex: string;
  participations: number;
  people: number;
};
export type AgeCell = { band: string | null; sex: string; participations: number; people: number };
export type PeopleFigures = PeopleBreakdown & { byPerson: PersonCell[]; byAge: AgeCell[] };

/** What the people figures group on among the counted events: their places and years, and how many events there are. */
async function countedEventShape(db: Db, scope: ReportScope) {
  const rows = await countedEvents(db, scope)
    .select(['province', sql<string>`substr(start_date, 1, 4)`.as('year'), (eb) => eb.fn.countAll().as('n')])
    .groupBy(['province', sql`2`])
    .execute();
  const provinces = [...new Set(rows.flatMap((r) => (r.province === null ? [] : [r.province])))].sort();
  const years = [...new Set(rows.map((r) => Number(r.year)))].sort((x, y) => x - y);
  return { provinces, years, events: rows.reduce((sum, r) => sum + toCount(r.n), 0) };
}

/** Above this share of all events, the people figures read the compact rows in person order (no sort); below it, event by event. */
const PERSON_ORDER_SHARE = 0.2;

/**
 * Every unique-people figure of the report in one statement over the compact participation rows
 * (report_facts): unique people by sex, by organisation type and by province; participations and
 * people by the person's organisation, country and district; and by age band.
 *
 * The rows are reduced to one per person first, reading them in the person order they are stored in
 * (GROUP BY person_n needs no sort): the person's sex and organisation type, their participations, a
 * 0/1 per province they were counted in and a count per year. Each figure is then a sum over those
 * ~one row per person, never a distinct count over the participations. A person has one sex and
 * organisation type (copied onto their participations); their age band depends on the event's year,
 * so the per-person rows are grouped by year of birth and the set of years, and the bands are worked
 * out from those few groups (`ageCells`).
 */
export async function peopleFigures(db: Db, scope: ReportScope): Promise<PeopleFigures> {
  const shape = await countedEventShape(db, scope);
  const empty: PeopleFigures = { total: [], byOrganizationType: [], byProvince: [], byPerson: [], byAge: [] };
  if (shape.events === 0) return empty;
  const { provinces, years } = shape;
  const firstYear = years[0] ?? 0;
  const provinceIndex = sql.join([...provinces.map((province, i) => sql`when ${province} then ${sql.lit(i)}`)], sql` `);
  const events = countedEvents(db, scope).select([
    sql<number>`events.report_n`.as('event_n'),
    (provinces.length > 0 ? sql<number>`case province ${provinceIndex} else ${sql.lit(provinces.length)} end` : sql<number>`0`).as('pidx'),
    sql<number>`cast(substr(start_date, 1, 4) as integer) - ${sql.lit(firstYear)}`.as('yidx'),
  ]);
  const placeColumns = [...provinces, null].map((_, i) => sql`max(case when ev.pidx = ${sql.lit(i)} then 1 else 0 end) as ${sql.ref(`p${i}`)}`);
  const yearColumns = years.map((year) => sql`sum(case when ev.yidx = ${sql.lit(year - firstYear)} then 1 else 0 end) as ${sql.ref(`y${year - firstYear}`)}`);
  const totalEvents = await db
    .selectFrom('events')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  // The whole period or most of it: every compact row is read, in person order. A narrow filter:
  // its events first, then their rows by the event index, and a sort of the few found.
  const personOrder = shape.events >= PERSON_ORDER_SHARE * toCount(totalEvents.n);
  const from = personOrder ? sql`report_facts f cross join ev` : sql`ev cross join report_facts f`;
  const placeSums = [...provinces, null].map((_, i) => sql`sum(${sql.ref(`p${i}`)}) as ${sql.ref(`p${i}`)}`);
  const yearSums = years.map((year) => sql`sum(${sql.ref(`y${year - firstYear}`)})`);
  const nulls = (n: number) => Array.from({ length: n }, () => sql`null`);
  const yearNulls = years.map((year) => sql`null as ${sql.ref(`y${year - firstYear}`)}`);
  const yearsPresent =
    years.length > 0
      ? sql.join(
          years.map((year, i) => sql`(case when ${sql.ref(`y${year - firstYear}`)} > 0 then ${sql.lit(2 ** i)} else 0 end)`),
          sql` + `,
        )
      : sql`0`;
  const rows = await sql<Record<string, unknown>>`
    with ev as materialized ${events},
    pp as materialized (
      select f.person_n, max(f.person_sex) as sex, max(f.organization_type) as org, count(*) as total,
             ${sql.join([...placeColumns, ...yearColumns])}
        from ${from}
       where ev.event_n = f.event_n
       group by f.person_n
    )
    select 0 as kind, sex, org, null as organization_id, null as country_code, null as district, null as birth_year, null as years_present,
           count(*) as people, sum(total) as total, ${sql.join([...placeSums, ...yearNulls])}
      from pp group by sex, org
    union all
    select 1, pp.sex, null, people.organization_id, people.country_code, people.district, people.birth_year, ${yearsPresent},
           count(*), sum(pp.total), ${sql.join([...nulls(provinces.length + 1), ...yearSums])}
      from pp cross join people -- in SQLite, CROSS JOIN keeps this order: pp outside, people_report_idx probed in key order
     where people.report_n = pp.person_n
     group by pp.sex, people.organization_id, people.country_code, people.district, people.birth_year, 8`.execute(db);

  const figures = empty;
  const bump = (cells: PeopleCell[], index: Map<string, PeopleCell>, key: string | null, sex: string, n: number) => {
    const id = `${key ?? '\u0000'}\u0001${sex}`;
    const cell = index.get(id);
    if (cell) cell.n += n;
    else {
      const made = { key, sex, n };
      index.set(id, made);
      cells.push(made);
    }
  };
  const totalIndex = new Map<string, PeopleCell>();
  const provinceIndexByKey = new Map<string, PeopleCell>();
  const byPersonIndex = new Map<string, PersonCell>();
  const ageRows: AgeRow[] = [];
  // Places come back as columns p0…pN (N: no province), years as y0…yM (years after the first).
  for (const r of rows.rows) {
    const sex = String(r.sex);
    const people = toCount(r.people);
    if (toCount(r.kind) === 0) {
      bump(figures.total, totalIndex, null, sex, people);
      figures.byOrganizationType.push({ key: typeOrNull(r.org as string | null), sex, n: people });
      [...provinces, null].forEach((province, i) => {
        const n = toCount(r[`p${i}`]);
        if (n > 0) bump(figures.byProvince, provinceIndexByKey, province, sex, n);
      });
      continue;
    }
    const organizationId = (r.organization_id as string | null) ?? null;
    const personCountry = (r.country_code as string | null) ?? null;
    const district = (r.district as string | null) ?? null;
    const id = JSON.stringify([organizationId, personCountry, district, sex]);
    const cell = byPersonIndex.get(id) ?? { organizationId, personCountry, district, sex, participations: 0, people: 0 };
    cell.participations += toCount(r.total);
    cell.people += people;
    byPersonIndex.set(id, cell);
    ageRows.push({
      sex,
      birthYear: r.birth_year === null || r.birth_year === undefined ? null : toCount(r.birth_year),
      people,
      byYear: years.map((year) => [year, toCount(r[`y${year - firstYear}`])] as const),
    });
  }
  figures.byPerson = [...byPersonIndex.values()];
  figures.byAge = ageCells(ageRows);
  return figures;
}

type AgeRow = { sex: string; birthYear: number | null; people: number; byYear: ReadonlyArray<readonly [number, number]> };

/**
 * Participations and unique people by age band and sex, from groups of people who share a sex, a year
 * of birth and the years they took part in: a person is counted once in each band they were in at an
 * event (age = the event's year minus the year of birth), however many years fall in that band.
 */
function ageCells(rows: AgeRow[]): AgeCell[] {
  const cells = new Map<string, AgeCell>();
  for (const row of rows) {
    const bands = new Map<string | null, number>();
    for (const [year, n] of row.byYear) {
      if (n === 0) continue;
      const band = row.birthYear === null ? null : ageBandOf(year - row.birthYear);
      bands.set(band, (bands.get(band) ?? 0) + n);
    }
    for (const [band, participations] of bands) {
      const key = `${band ?? ''}\u0001${row.sex}`;
      const cell = cells.get(key) ?? { band, sex: row.sex, participations: 0, people: 0 };
      cell.participations += participations;
      cell.people += row.people;
      cells.set(key, cell);
    }
  }
  return [...cells.values()];
}

export type OrganizationFacts = { id: string; name: string; acronym: string | null; type: string; countryCode: string | null };

/** Names, types and countries of the organisations a breakdown names. */
export async function organizationFacts(db: Db, ids: string[]): Promise<OrganizationFacts[]> {
  if (ids.length === 0) return [];
  const found: OrganizationFacts[] = [];
  // In slices: SQLite limits the values bound to one statement.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('organizations')
      .select(['id', 'name', 'acronym', 'type', 'country_code'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) found.push({ id: r.id, name: r.name, acronym: r.acronym, type: r.type, countryCode: r.country_code });
  }
  return found;
}

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
