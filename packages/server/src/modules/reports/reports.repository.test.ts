import {
  countedStatuses,
  emptySexCounts,
  eventTypes,
  organizationTypes,
  type EventStatus,
  type EventType,
  type OrganizationType,
  type ProgrammeReport,
  type ProgrammeReportQuery,
  type Sex,
  type SexCounts,
} from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import type { Actor } from '../../http/permissions.js';
import { normalizeText } from '../../shared/normalize.js';
import { insertEvent, replaceTopics, updateEventRow } from '../events/events.repository.js';
import { eventDays, participationRow } from '../events/events.service.js';
import * as participations from '../participations/participations.repository.js';
import { insertOrganization, updateOrganizationRow } from '../organizations/organizations.repository.js';
import { insertPeople, updatePersonRow } from '../people/people.repository.js';
import { personRowFrom } from '../people/people.service.js';
import * as repo from './reports.repository.js';
import { currentReportColumns, peopleFigures } from './report-columns.js';
import { dashboard, programmeReport } from './reports.service.js';
import { seededRandom } from '../../shared/random.js';

// ---------------------------------------------------------------------------------------------
// A seeded data set, generated once and written to each engine. The expected numbers are worked
// out below from these plain objects, never from the database.

const generator = seededRandom;

type GenOrganization = { id: string; name: string; type: OrganizationType; country: string };
type GenPerson = { id: string; fullName: string; sex: Sex; organizationId: string | null; country: string };
type GenEvent = {
  id: string;
  programmeId: string;
  title: string;
  start: string;
  end: string;
  province: string | null;
  type: EventType;
  status: EventStatus;
  country: string;
  topics: string[];
};
type GenPlace = { eventId: string; personId: string; role: 'participant' | 'trainer' | 'observer'; direct: boolean; days: Record<string, boolean> };
type Model = { programmes: string[]; organizations: GenOrganization[]; people: GenPerson[]; events: GenEvent[]; places: GenPlace[] };

const NOW = '2025-01-02T03:04:05.000Z';
const PROVINCES = ['Punjab', 'Sindh', 'Khyber Pakhtunkhwa', 'Balochistan', null] as const;
const TOPICS = ['Victim identification', 'Smuggling of migrants', 'Referral mechanisms', 'Financial investigation'];

/** Ids in the uuid shape but made from the seed, so that both engines see identical rows. */
const seededId = (kind: number, n: number) => `0190${kind.toString(16).padStart(4, '0')}-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

function generate(seed: number): Model {
  const g = generator(seed);
  const programmes = [1, 2, 3].map((n) => seededId(1, n));
  const organizations: GenOrganization[] = Array.from({ length: 14 }, (_, i) => ({
    id: seededId(2, i),
    name: `Organisation ${i}`,
    type: g.pick(organizationTypes),
    country: g.weighted([
      ['PK', 3],
      ['AF', 1],
    ]),
  }));
  const people: GenPerson[] = Array.from({ length: 300 }, (_, i) => ({
    id: seededId(3, i),
    fullName: `Person ${i}`,
    sex: g.weighted<Sex>([
      ['female', 40],
      ['male', 50],
      ['other', 3],
      ['unknown', 7],
    ]),
    organizationId: g.next() < 0.2 ? null : g.pick(organizations).id,
    country: 'PK',
  }));
  const events: GenEvent[] = Array.from({ length: 40 }, (_, i) => {
    // 2023-07-01 … 2025-06-30, so that periods cut through years and quarters.
    const startMs = Date.UTC(2023, 6, 1) + g.int(0, 730) * 86_400_000;
    const start = new Date(startMs).toISOString().slice(0, 10);
    const end = new Date(startMs + g.int(0, 3) * 86_400_000).toISOString().slice(0, 10);
    const topics = [...new Set(Array.from({ length: g.int(0, 2) }, () => g.pick(TOPICS)))];
    return {
      id: seededId(4, i),
      programmeId: g.pick(programmes),
      title: `Event ${i}`,
      start,
      end,
      province: g.pick(PROVINCES),
      type: g.pick(eventTypes),
      status: g.weighted([
        ['held', 6],
        ['planned', 2],
        ['cancelled', 1],
      ]),
      country: g.weighted([
        ['PK', 7],
        ['AF', 3],
      ]),
      topics,
    };
  });
  const places: GenPlace[] = [];
  for (const event of events) {
    const chosen = new Set<number>();
    const size = g.int(15, 30);
    while (chosen.size < size) chosen.add(g.int(0, people.length - 1));
    for (const index of chosen) {
      const days: Record<string, boolean> = {};
      for (const day of eventDays(event.start, event.end)) if (g.next() < 0.6) days[day] = g.next() < 0.65;
      places.push({
        eventId: event.id,
        personId: (people[index] as GenPerson).id,
        role: g.weighted([
          ['participant', 17],
          ['trainer', 2],
          ['observer', 1],
        ]),
        direct: g.next() < 0.25,
        days,
      });
    }
  }
  return { programmes, organizations, people, events, places };
}

/** Later edits to people, organisations and events, applied to the model and to the database alike. */
function edits(seed: number, model: Model) {
  const g = generator(seed);
  return {
    sexes: Array.from({ length: 25 }, () => ({ personId: g.pick(model.people).id, sex: g.pick<Sex>(['female', 'male', 'other', 'unknown']) })),
    moves: Array.from({ length: 15 }, () => ({ personId: g.pick(model.people).id, organizationId: g.next() < 0.2 ? null : g.pick(model.organizations).id })),
    types: Array.from({ length: 3 }, () => ({ organizationId: g.pick(model.organizations).id, type: g.pick(organizationTypes) })),
    eventChanges: Array.from({ length: 6 }, () => ({
      eventId: g.pick(model.events).id,
      status: g.pick<EventStatus>(['held', 'planned', 'cancelled']),
      province: g.pick(PROVINCES),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// The report worked out in plain JavaScript.

type Canonical = {
  events: number;
  participations: SexCounts;
  people: SexCounts;
  byOrganizationType: Record<string, { participations: SexCounts; people: SexCounts }>;
  byProvince: Record<string, { events: number; participations: SexCounts; people: SexCounts }>;
  byEventType: Record<string, { events: number; participations: SexCounts }>;
  byQuarter: Array<{ quarter: string; events: number; participations: SexCounts }>;
};

const NONE = '(none)';
const empty = (): SexCounts => ({ total: 0, female: 0, male: 0, other: 0, unknown: 0 });
const quarterOfDate = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

function expectedReport(model: Model, query: ProgrammeReportQuery, countries: string[] | null): Canonical {
  const events = new Map(model.events.map((e) => [e.id, e]));
  const people = new Map(model.people.map((p) => [p.id, p]));
  const orgType = new Map(model.organizations.map((o) => [o.id, o.type]));
  const topic = query.topic ? normalizeText(query.topic) : null;
  const eventCounts = (e: GenEvent) =>
    e.start >= query.from &&
    e.start <= query.to &&
    (countedStatuses(query.status) as string[]).includes(e.status) &&
    (!query.programmeId || e.programmeId === query.programmeId) &&
    (!query.province || e.province === query.province) &&
    (!query.type || e.type === query.type) &&
    (!query.countryCode || e.country === query.countryCode) &&
    (!countries || countries.includes(e.country)) &&
    (!topic || e.topics.some((t) => normalizeText(t) === topic));

  const result: Canonical = { events: 0, participations: empty(), people: empty(), byOrganizationType: {}, byProvince: {}, byEventType: {}, byQuarter: [] };
  const quarters = new Map<string, { quarter: string; events: number; participations: SexCounts }>();
  const add = (counts: SexCounts, sex: Sex) => {
    counts.total += 1;
    counts[sex] += 1;
  };
  const province = (key: string) => (result.byProvince[key] ??= { events: 0, participations: empty(), people: empty() });
  const orgTypeEntry = (key: string) => (result.byOrganizationType[key] ??= { participations: empty(), people: empty() });
  const eventType = (key: string) => (result.byEventType[key] ??= { events: 0, participations: empty() });
  const quarter = (key: string) => {
    const entry = quarters.get(key) ?? { quarter: key, events: 0, participations: empty() };
    quarters.set(key, entry);
    return entry;
  };

  for (const e of model.events.filter(eventCounts)) {
    result.events += 1;
    province(e.province ?? NONE).events += 1;
    eventType(e.type).events += 1;
    quarter(quarterOfDate(e.start)).events += 1;
  }
  const seen = { all: new Set<string>(), byType: new Set<string>(), byProvince: new Set<string>() };
  for (const place of model.places) {
    const e = events.get(place.eventId) as GenEvent;
    const person = people.get(place.personId) as GenPerson;
    // Once the day register holds days for the person, the days decide; without one, the direct record.
    const days = Object.values(place.days);
    const attended = days.length > 0 ? days.some(Boolean) : place.direct;
    if (!eventCounts(e) || place.role !== 'participant' || !attended) continue;
    const type = person.organizationId ? (orgType.get(person.organizationId) ?? NONE) : NONE;
    const prov = e.province ?? NONE;
    add(result.participations, person.sex);
    add(orgTypeEntry(type).participations, person.sex);
    add(province(prov).participations, person.sex);
    add(eventType(e.type).participations, person.sex);
    add(quarter(quarterOfDate(e.start)).participations, person.sex);
    if (!seen.all.has(person.id)) {
      seen.all.add(person.id);
      add(result.people, person.sex);
    }
    if (!seen.byType.has(`${type}|${person.id}`)) {
      seen.byType.add(`${type}|${person.id}`);
      add(orgTypeEntry(type).people, person.sex);
    }
    if (!seen.byProvince.has(`${prov}|${person.id}`)) {
      seen.byProvince.add(`${prov}|${person.id}`);
      add(province(prov).people, person.sex);
    }
  }
  result.byQuarter = [...quarters.values()].sort((a, b) => a.quarter.localeCompare(b.quarter));
  return result;
}

/** The service's report in the same shape (lists keyed, so that ties in its sort order do not matter). */
function canonical(report: ProgrammeReport): Canonical {
  return {
    events: report.events,
    participations: report.participations,
    people: report.people,
    byOrganizationType: Object.fromEntries(report.byOrganizationType.map((r) => [r.type ?? NONE, { participations: r.participations, people: r.people }])),
    byProvince: Object.fromEntries(
      report.byProvince.map((r) => [r.province ?? NONE, { events: r.events, participations: r.participations, people: r.people }]),
    ),
    byEventType: Object.fromEntries(report.byEventType.map((r) => [r.type, { events: r.events, participations: r.participations }])),
    byQuarter: report.byQuarter,
  };
}

// ---------------------------------------------------------------------------------------------

async function write(db: Db, model: Model): Promise<void> {
  for (const [i, id] of model.programmes.entries()) {
    await db
      .insertInto('programmes')
      .values({
        id,
        name: `Programme ${i}`,
        name_normalized: `programme ${i}`,
        donor: null,
        start_date: null,
        end_date: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
  }
  for (const o of model.organizations) {
    await insertOrganization(db, {
      id: o.id,
      name: o.name,
      name_normalized: normalizeText(o.name),
      acronym: null,
      acronym_normalized: null,
      type: o.type,
      country_code: o.country,
      province: null,
      created_at: NOW,
      updated_at: NOW,
    });
  }
  await insertPeople(
    db,
    model.people.map((p) =>
      personRowFrom({ fullName: p.fullName, sex: p.sex, organizationId: p.organizationId }, { id: p.id, now: NOW, countryCode: p.country }),
    ),
  );
  const orgType = new Map(model.organizations.map((o) => [o.id, o.type]));
  const sexOf = new Map(model.people.map((p) => [p.id, p]));
  const rows = [];
  for (const e of model.events) {
    const row = {
      id: e.id,
      programme_id: e.programmeId,
      title: e.title,
      title_normalized: normalizeText(e.title),
      type: e.type,
      series: null,
      start_date: e.start,
      end_date: e.end,
      city: 'City',
      province: e.province,
      country_code: e.country,
      venue: null,
      status: e.status,
      learning_objectives: null,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    };
    await insertEvent(db, row);
    await replaceTopics(
      db,
      e.id,
      e.topics.map((t) => ({ topic: t, normalized: normalizeText(t) })),
    );
    for (const place of model.places.filter((p) => p.eventId === e.id)) {
      const person = sexOf.get(place.personId) as GenPerson;
      rows.push(
        participationRow(
          row,
          { id: person.id, sex: person.sex, organizationType: person.organizationId ? (orgType.get(person.organizationId) ?? null) : null },
          place.role,
          place.direct,
          NOW,
        ),
      );
    }
  }
  await participations.insertParticipations(db, rows);
  const marks = model.places.flatMap((p) => Object.entries(p.days).map(([date, present]) => ({ event_id: p.eventId, person_id: p.personId, date, present })));
  for (let i = 0; i < marks.length; i += 500)
    await db
      .insertInto('attendance')
      .values(marks.slice(i, i + 500))
      .execute();
  for (const p of model.places) if (Object.keys(p.days).length > 0) await participations.recountAttendance(db, p.eventId, p.personId);
}

/** The same edits to the model and, through the repositories, to the database. */
async function applyEdits(db: Db, model: Model, change: ReturnType<typeof edits>): Promise<void> {
  const person = (id: string) => model.people.find((p) => p.id === id) as GenPerson;
  for (const { personId, sex } of change.sexes) {
    person(personId).sex = sex;
    await updatePersonRow(db, personId, { sex });
    await participations.refreshParticipationFacts(db, { personId });
  }
  for (const { personId, organizationId } of change.moves) {
    person(personId).organizationId = organizationId;
    await updatePersonRow(db, personId, { organization_id: organizationId });
  }
  await participations.refreshParticipationFacts(db, { personIds: change.moves.map((m) => m.personId) });
  for (const { organizationId, type } of change.types) {
    (model.organizations.find((o) => o.id === organizationId) as GenOrganization).type = type;
    await updateOrganizationRow(db, organizationId, { type });
    await participations.refreshParticipationFacts(db, { organizationId });
  }
  for (const { eventId, status, province } of change.eventChanges) {
    Object.assign(model.events.find((e) => e.id === eventId) as GenEvent, { status, province });
    await updateEventRow(db, eventId, { status, province });
    await participations.refreshParticipationFacts(db, { eventId });
  }
}

const SEED = 20240917;
const admin: Actor = { id: seededId(9, 1), name: 'Admin', email: 'admin@test', role: 'admin', countries: null };
const pakistanOnly: Actor = { id: seededId(9, 2), name: 'PK manager', email: 'pk@test', role: 'programme_manager', countries: ['PK'] };

const reportsByEngine = new Map<string, unknown>();

describe.each(testEngines())('programme report on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  const model = generate(SEED);
  const collected: Record<string, Canonical> = {};

  const check = async (name: string, query: ProgrammeReportQuery, actor: Actor = admin) => {
    const report = await programmeReport(db, actor, query);
    const got = canonical(report);
    expect(got).toEqual(expectedReport(model, query, actor.countries));
    collected[name] = got;
    return report;
  };

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    await write(db, model);
  }, 120_000);
  afterAll(async () => {
    reportsByEngine.set(engine, collected);
    await handle.destroy();
  });

  it('works on a data set of the intended size', async () => {
    expect(model.events).toHaveLength(40);
    expect(model.people).toHaveLength(300);
    expect(model.places.length).toBeGreaterThan(800);
    expect(model.places.length).toBeLessThan(1000);
    const stored = await db
      .selectFrom('participations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(model.places.length);
  });

  it('counts participations and unique people by sex, organisation type, province, event type and quarter over the whole period', async () => {
    const report = await check('whole', { from: '2023-01-01', to: '2025-12-31' });
    // The data set is rich enough for every breakdown to mean something.
    expect(report.participations.total).toBeGreaterThan(report.people.total);
    expect(report.byQuarter.length).toBeGreaterThanOrEqual(8);
    expect(report.byProvince.length).toBe(5);
    expect(report.byOrganizationType.some((r) => r.type === null)).toBe(true);
  });

  it('lists quarters in order and provinces by name with the unknown province last', async () => {
    const report = await programmeReport(db, admin, { from: '2023-01-01', to: '2025-12-31' });
    const quarters = report.byQuarter.map((q) => q.quarter);
    expect(quarters).toEqual([...quarters].sort());
    expect(quarters.every((q) => /^\d{4}-Q[1-4]$/.test(q))).toBe(true);
    expect(report.byProvince.map((p) => p.province)).toEqual(['Balochistan', 'Khyber Pakhtunkhwa', 'Punjab', 'Sindh', null]);
  });

  it('counts only events and participations that start within the period, boundaries included', async () => {
    const sorted = [...model.events].filter((e) => e.status !== 'cancelled').sort((a, b) => a.start.localeCompare(b.start));
    const first = (sorted[5] as GenEvent).start;
    const last = (sorted[20] as GenEvent).start;
    await check('boundaries', { from: first, to: last });
    await check('middle', { from: '2024-04-01', to: '2024-09-30' });
  });

  it('filters by programme, province, event type, country and topic', async () => {
    await check('programme', { from: '2023-01-01', to: '2025-12-31', programmeId: model.programmes[1] as string });
    await check('province', { from: '2023-01-01', to: '2025-12-31', province: 'Punjab' });
    await check('type', { from: '2023-01-01', to: '2025-12-31', type: 'workshop' });
    await check('country', { from: '2023-01-01', to: '2025-12-31', countryCode: 'AF' });
    await check('topic', { from: '2023-01-01', to: '2025-12-31', topic: 'VICTIM  identification' });
    await check('combined', { from: '2024-01-01', to: '2024-12-31', programmeId: model.programmes[0] as string, province: 'Sindh' });
  });

  it('counts held events by default, and planned, cancelled or all events when asked', async () => {
    const held = await check('status-default', { from: '2023-01-01', to: '2025-12-31' });
    expect(held.statuses).toEqual(['held']);
    const planned = await check('status-planned', { from: '2023-01-01', to: '2025-12-31', status: 'planned' });
    const cancelled = await check('status-cancelled', { from: '2023-01-01', to: '2025-12-31', status: 'cancelled' });
    const all = await check('status-all', { from: '2023-01-01', to: '2025-12-31', status: 'all' });
    expect(all.statuses).toEqual(['planned', 'held', 'cancelled']);
    // The data set has events of every status, and the three add up to all of them.
    expect(planned.events).toBeGreaterThan(0);
    expect(cancelled.events).toBeGreaterThan(0);
    expect(held.events + planned.events + cancelled.events).toBe(all.events);
    expect(held.participations.total + planned.participations.total + cancelled.participations.total).toBe(all.participations.total);
    expect(await check('status-held', { from: '2023-01-01', to: '2025-12-31', status: 'held' })).toEqual(held);
  });

  it('counts only the countries a restricted user works in', async () => {
    const report = await check('pakistan-only', { from: '2023-01-01', to: '2025-12-31' }, pakistanOnly);
    const all = await programmeReport(db, admin, { from: '2023-01-01', to: '2025-12-31' });
    expect(report.participations.total).toBeLessThan(all.participations.total);
  });

  it('gives zeros for a period without events', async () => {
    const report = await check('empty', { from: '2030-01-01', to: '2030-12-31' });
    expect(report.events).toBe(0);
    expect(report.participations).toEqual(empty());
    expect(report.byQuarter).toEqual([]);
  });

  it('adds the grouped cells up to the totals', async () => {
    const scope = { from: '2023-01-01', to: '2025-12-31', statuses: ['held' as const], countries: null };
    const cells = await repo.participationCells(db, scope);
    const people = peopleFigures(await currentReportColumns(db), scope).total;
    const report = await programmeReport(db, admin, { from: '2023-01-01', to: '2025-12-31' });
    expect(cells.reduce((sum, c) => sum + c.n, 0)).toBe(report.participations.total);
    expect(people.reduce((sum, c) => sum + c.n, 0)).toBe(report.people.total);
    for (const c of cells) expect(typeof c.n).toBe('number');
  });

  it('follows later changes to people, organisations and events', async () => {
    const before = canonical(await programmeReport(db, admin, { from: '2023-01-01', to: '2025-12-31' }));
    await applyEdits(db, model, edits(SEED + 1, model));
    const after = await check('after-edits', { from: '2023-01-01', to: '2025-12-31' });
    expect(canonical(after)).not.toEqual(before);
    await check('after-edits-province', { from: '2023-01-01', to: '2025-12-31', province: 'Balochistan' });
  });

  it('counts this year’s participations on the dashboard', async () => {
    const counts = await dashboard(db, admin, '2024-06-15');
    const report = await programmeReport(db, admin, { from: '2024-01-01', to: '2024-12-31' });
    expect(counts.participationsThisYear).toEqual(report.participations);
    expect(counts.events).toBe(model.events.length);
    expect(counts.upcomingEvents).toBe(model.events.filter((e) => e.start >= '2024-06-15' && e.status === 'planned').length);
    expect(counts.people).toBe(model.people.length);
    expect(counts.organizations).toBe(model.organizations.length);
  });

  it('shows the last eight quarters and this year’s provinces on the dashboard, as the report counts them', async () => {
    const counts = await dashboard(db, admin, '2024-06-15');
    expect(counts.quarters.map((q) => q.quarter)).toEqual(['2022-Q3', '2022-Q4', '2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2']);
    const report = await programmeReport(db, admin, { from: '2022-07-01', to: '2024-06-30' });
    for (const q of counts.quarters) {
      const reported = report.byQuarter.find((r) => r.quarter === q.quarter);
      expect(q.participations, q.quarter).toEqual(reported?.participations ?? emptySexCounts());
      expect(q.events, q.quarter).toBe(reported?.events ?? 0);
    }
    expect(counts.quarters.reduce((sum, q) => sum + q.participations.total, 0)).toBeGreaterThan(0);
    const year = await programmeReport(db, admin, { from: '2024-01-01', to: '2024-12-31' });
    // Most first; ties by name, the unrecorded province last.
    const rank = (p: { province: string | null; participations: SexCounts }) => [-p.participations.total, p.province === null ? 1 : 0] as const;
    const expected = year.byProvince
      .map((p) => ({ province: p.province, participations: p.participations }))
      .sort((a, b) => rank(a)[0] - rank(b)[0] || rank(a)[1] - rank(b)[1] || (a.province ?? '').localeCompare(b.province ?? ''));
    expect(counts.byProvince).toEqual(expected);
  });
});

if (testEngines().length > 1) {
  describe('programme report across engines', () => {
    it('gives identical numbers on SQLite and PostgreSQL', () => {
      const sqlite = reportsByEngine.get('sqlite');
      expect(sqlite).toBeDefined();
      expect(Object.keys(sqlite as object).length).toBeGreaterThan(10);
      expect(reportsByEngine.get('postgres')).toEqual(sqlite);
    });
  });
}
