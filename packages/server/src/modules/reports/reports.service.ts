import {
  ageBands,
  countedStatuses,
  emptySexCounts,
  type Dashboard,
  type EventType,
  type OrganizationType,
  type ProgrammeReport,
  type ProgrammeReportQuery,
  type AgeBand,
  type Sex,
  type SexCounts,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { seesCountry, seesOrganizationCountry, type Actor } from '../../http/permissions.js';
import { normalizeText } from '../../shared/normalize.js';
import { currentReportColumns, peopleFigures, reachOfEvents, type PeopleFigures, type ReachRow } from './report-columns.js';
import * as repo from './reports.repository.js';
import type { OrganizationFacts } from './reports.repository.js';

function add(counts: SexCounts, sex: string, n: number) {
  counts.total += n;
  const key: Sex = sex === 'female' || sex === 'male' || sex === 'other' ? sex : 'unknown';
  counts[key] += n;
}

function grouped<K>(map: Map<K, SexCounts>, key: K, sex: string, n: number) {
  const counts = map.get(key) ?? emptySexCounts();
  add(counts, sex, n);
  map.set(key, counts);
}

/** As String.prototype.localeCompare with the default locale, without building a collator per call (thousands of rows). */
const compareText = new Intl.Collator().compare;

/** By name, the unnamed (null) last: localeCompare sorts a '~' stand-in before letters, so nulls are placed explicitly. */
const byName =
  <T>(key: (item: T) => string | null) =>
  (a: T, b: T) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return compareText(x, y);
  };

/**
 * Events, participations and unique people in a period, each by sex, with the breakdowns donors ask
 * for. A person at three events is three participations and one person.
 */
export async function programmeReport(db: Db, actor: Actor, query: ProgrammeReportQuery): Promise<ProgrammeReport> {
  const { status, ...filters } = query;
  const statuses = countedStatuses(status);
  const scope: repo.ReportScope = { ...filters, statuses, countries: actor.countries, topicNormalized: query.topic ? normalizeText(query.topic) : undefined };
  // Every figure from one copy: one state of the database, and no query but the counter's.
  const columns = await currentReportColumns(db);
  const figures = peopleFigures(columns, scope);
  const { eventCells: events, participationCells: cells, total: people, byOrganizationType: peopleByType, byProvince: peopleByProvince } = figures;
  const byPerson = personBreakdowns(actor, figures, columns.organizations);
  const participations = emptySexCounts();
  const partsByType = new Map<string | null, SexCounts>();
  const partsByProvince = new Map<string | null, SexCounts>();
  const partsByEventType = new Map<string, SexCounts>();
  const partsByQuarter = new Map<string, SexCounts>();
  for (const c of cells) {
    add(participations, c.sex, c.n);
    grouped(partsByType, c.organizationType, c.sex, c.n);
    grouped(partsByProvince, c.province, c.sex, c.n);
    grouped(partsByEventType, c.type, c.sex, c.n);
    grouped(partsByQuarter, c.quarter, c.sex, c.n);
  }
  const peopleTotal = emptySexCounts();
  for (const c of people) add(peopleTotal, c.sex, c.n);
  const peopleType = new Map<string | null, SexCounts>();
  for (const c of peopleByType) grouped(peopleType, c.key, c.sex, c.n);
  const peopleProvince = new Map<string | null, SexCounts>();
  for (const c of peopleByProvince) grouped(peopleProvince, c.key, c.sex, c.n);
  const eventsByProvince = new Map<string | null, number>();
  const eventsByType = new Map<string, number>();
  const eventsByQuarter = new Map<string, number>();
  let eventTotal = 0;
  for (const e of events) {
    eventTotal += e.n;
    eventsByProvince.set(e.province, (eventsByProvince.get(e.province) ?? 0) + e.n);
    eventsByType.set(e.type, (eventsByType.get(e.type) ?? 0) + e.n);
    eventsByQuarter.set(e.quarter, (eventsByQuarter.get(e.quarter) ?? 0) + e.n);
  }
  const types = new Set([...partsByType.keys(), ...peopleType.keys()]);
  const provinces = new Set([...partsByProvince.keys(), ...peopleProvince.keys(), ...eventsByProvince.keys()]);
  const quarters = new Set([...partsByQuarter.keys(), ...eventsByQuarter.keys()]);
  const eventTypes = new Set([...partsByEventType.keys(), ...eventsByType.keys()]);
  return {
    from: query.from,
    to: query.to,
    statuses,
    events: eventTotal,
    participations,
    people: peopleTotal,
    byOrganizationType: [...types]
      .map((type) => ({
        type: type as OrganizationType | null,
        participations: partsByType.get(type) ?? emptySexCounts(),
        people: peopleType.get(type) ?? emptySexCounts(),
      }))
      .sort((a, b) => b.participations.total - a.participations.total),
    byProvince: [...provinces]
      .map((province) => ({
        province,
        events: eventsByProvince.get(province) ?? 0,
        participations: partsByProvince.get(province) ?? emptySexCounts(),
        people: peopleProvince.get(province) ?? emptySexCounts(),
      }))
      .sort(byName((r) => r.province)),
    byEventType: [...eventTypes]
      .map((type) => ({ type: type as EventType, events: eventsByType.get(type) ?? 0, participations: partsByEventType.get(type) ?? emptySexCounts() }))
      .sort((a, b) => b.events - a.events),
    byQuarter: [...quarters]
      .sort()
      .map((quarter) => ({ quarter, events: eventsByQuarter.get(quarter) ?? 0, participations: partsByQuarter.get(quarter) ?? emptySexCounts() })),
    ...byPerson,
  };
}

type Pair = { participations: SexCounts; people: SexCounts };
const emptyPair = (): Pair => ({ participations: emptySexCounts(), people: emptySexCounts() });
function addPair<K>(map: Map<K, Pair>, key: K, sex: string, participations: number, people: number) {
  const pair = map.get(key) ?? emptyPair();
  add(pair.participations, sex, participations);
  add(pair.people, sex, people);
  map.set(key, pair);
}

/**
 * By organisation, district and age band. Participants of countries the user does not work in are
 * counted in one "from another country" row of the organisation and district breakdowns (as on an
 * event's summary); so are organisations of other countries.
 */
function personBreakdowns(
  actor: Actor,
  figures: PeopleFigures,
  orgs: ReadonlyMap<string, OrganizationFacts>,
): Pick<ProgrammeReport, 'byOrganization' | 'byDistrict' | 'byAgeBand'> {
  const HIDDEN = '\u0000hidden';
  const byOrg = new Map<string | null, Pair>();
  const byDistrict = new Map<string | null, Pair>();
  for (const c of figures.byOrganization) {
    const org = c.organizationId ? orgs.get(c.organizationId) : undefined;
    const orgKey = !seesCountry(actor, c.personCountry) || (org && !seesOrganizationCountry(actor, org.countryCode)) ? HIDDEN : (org?.id ?? null);
    addPair(byOrg, orgKey, c.sex, c.participations, c.people);
  }
  for (const c of figures.byDistrict) addPair(byDistrict, seesCountry(actor, c.personCountry) ? c.district : HIDDEN, c.sex, c.participations, c.people);
  const byBand = new Map<string | null, Pair>();
  for (const c of figures.byAge) addPair(byBand, c.band, c.sex, c.participations, c.people);
  // Named rows first, the unrecorded and the other countries' last.
  const rank = (key: string | null) => (key === HIDDEN ? 2 : key === null ? 1 : 0);
  const nameOf = (key: string | null) => (key ? (orgs.get(key)?.name ?? '') : '');
  return {
    byOrganization: [...byOrg.entries()]
      .sort(([a, x], [b, y]) => rank(a) - rank(b) || y.participations.total - x.participations.total || compareText(nameOf(a), nameOf(b)))
      .map(([key, pair]) => {
        const org = key && key !== HIDDEN ? orgs.get(key) : undefined;
        return {
          organizationId: org?.id ?? null,
          name: org?.name ?? null,
          acronym: org?.acronym ?? null,
          type: (org?.type ?? null) as OrganizationType | null,
          hidden: key === HIDDEN,
          ...pair,
        };
      }),
    byDistrict: [...byDistrict.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || compareText(a ?? '', b ?? ''))
      .map(([key, pair]) => ({ district: key === HIDDEN ? null : key, hidden: key === HIDDEN, ...pair })),
    byAgeBand: [...ageBands, null].filter((band) => byBand.has(band)).map((band) => ({ band: band as AgeBand | null, ...(byBand.get(band) ?? emptyPair()) })),
  };
}

export type EventTypePlaces = { type: EventType; events: number; places: string[]; participations: SexCounts };

/**
 * The report's events by type, each with the cities they were held in (in the order of their first
 * event there) and the attended participations by sex: "Three workshops in Islamabad, Lahore and
 * Peshawar were attended by 60 participants (9 female, 51 male)". The same events and participations
 * as `programmeReport` with the same query.
 */
export async function eventsByTypeAndPlace(db: Db, actor: Actor, query: ProgrammeReportQuery): Promise<EventTypePlaces[]> {
  const { status, ...filters } = query;
  const scope: repo.ReportScope = {
    ...filters,
    statuses: countedStatuses(status),
    countries: actor.countries,
    topicNormalized: query.topic ? normalizeText(query.topic) : undefined,
  };
  const { events, cells } = await repo.eventPlaces(db, scope);
  const typeOf = new Map(events.map((e) => [e.id, e.type]));
  const byType = new Map<string, EventTypePlaces>();
  for (const e of events) {
    const entry = byType.get(e.type) ?? { type: e.type as EventType, events: 0, places: [], participations: emptySexCounts() };
    entry.events += 1;
    const city = e.city?.trim();
    if (city && !entry.places.includes(city)) entry.places.push(city);
    byType.set(e.type, entry);
  }
  for (const c of cells) {
    const entry = byType.get(typeOf.get(c.eventId) ?? '');
    if (entry) add(entry.participations, c.sex, c.n);
  }
  return [...byType.values()].sort((a, b) => b.events - a.events || a.type.localeCompare(b.type));
}

export async function dashboard(db: Db, actor: Actor, today = new Date().toISOString().slice(0, 10)): Promise<Dashboard> {
  const counts = await repo.dashboardCounts(db, actor.countries, today);
  const year = today.slice(0, 4);
  const quarterNames = Array.from({ length: repo.DASHBOARD_QUARTERS }, (_, i) => {
    const start = repo.quarterStart(today, repo.DASHBOARD_QUARTERS - 1 - i);
    return `${start.slice(0, 4)}-Q${(Number(start.slice(5, 7)) + 2) / 3}`;
  });
  const quarters = new Map(quarterNames.map((quarter) => [quarter, { quarter, events: 0, participations: emptySexCounts() }]));
  const participationsThisYear = emptySexCounts();
  const byProvince = new Map<string | null, SexCounts>();
  for (const c of counts.cells) {
    const quarter = quarters.get(c.quarter);
    if (quarter) add(quarter.participations, c.sex, c.n);
    if (c.quarter.startsWith(year)) {
      add(participationsThisYear, c.sex, c.n);
      grouped(byProvince, c.province, c.sex, c.n);
    }
  }
  // Quarters after this one (later this year) count in the year's figures, not in the trend.
  for (const e of counts.eventsByCell) {
    const quarter = quarters.get(e.quarter);
    if (quarter) quarter.events += e.n;
  }
  return {
    events: counts.events,
    upcomingEvents: counts.upcomingEvents,
    people: counts.people,
    organizations: counts.organizations,
    participationsThisYear,
    quarters: [...quarters.values()],
    byProvince: [...byProvince.entries()]
      .sort(([a, x], [b, y]) => y.total - x.total || byName<string | null>((key) => key)(a, b))
      .map(([province, participations]) => ({ province, participations })),
  };
}

/**
 * For the cascades: unique people over the given events, each at a level (its generation), and per
 * group of events (a master trainer's deliveries), from the report columns; rows as reachOfEvents.
 */
export async function countReach(db: Db, levels: ReadonlyMap<string, number>, groups: ReadonlyArray<readonly [string, string]>): Promise<ReachRow[]> {
  if (levels.size === 0) return [];
  return reachOfEvents(await currentReportColumns(db), levels, groups);
}
