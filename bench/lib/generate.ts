import { normalizeEmail, normalizePhone, normalizeText, personNameKey } from '../../packages/server/src/testing.js';
import { IdMaker, Rng } from './prng.js';
import {
  COUNTRIES,
  COUNTRY_WEIGHTS,
  DESIGNATIONS,
  EVENT_TITLES,
  FEMALE_FIRST,
  FOREIGN_ORG_NAMES,
  LAST,
  MALE_FIRST,
  ORG_NAMES,
  ORG_TYPES,
  TOPICS,
  type Country,
  type OrgType,
} from './reference.js';
import type { BulkSink } from './sink.js';

export type Scale = {
  name: 'full' | 'small' | 'x10';
  people: number;
  events: number;
  participations: number;
  attendance: number;
  organizations: number;
  importRows: number;
  /** Timed runs of each query benchmark (after the warm-up). */
  runs: number;
  /** Untimed warm-up runs of each programme report form. */
  warmup: number;
  apiSeconds: number;
};

export const SCALES: Record<Scale['name'], Scale> = {
  full: {
    name: 'full',
    people: 200_000,
    events: 20_000,
    participations: 1_000_000,
    attendance: 2_000_000,
    organizations: 2_000,
    importRows: 50_000,
    runs: 9,
    warmup: 2,
    apiSeconds: 10,
  },
  /**
   * Ten times full: the report designs at a national register's size. One timed run of each form and
   * no warm-up: a naive whole-span report takes one to two minutes here, and the whole bench must
   * stay under 30 minutes on 2 cores.
   */
  x10: {
    name: 'x10',
    people: 2_000_000,
    events: 200_000,
    participations: 10_000_000,
    attendance: 20_000_000,
    organizations: 20_000,
    importRows: 50_000,
    runs: 1,
    warmup: 0,
    apiSeconds: 10,
  },
  small: {
    name: 'small',
    people: 10_000,
    events: 1_000,
    participations: 50_000,
    attendance: 100_000,
    organizations: 300,
    importRows: 10_000,
    runs: 9,
    warmup: 2,
    apiSeconds: 5,
  },
};

/** The register covers seven years; events after TODAY are still planned. */
export const FIRST_DAY = '2019-01-01';
export const LAST_DAY = '2025-12-31';
export const TODAY = '2025-09-30';
const DAY = 86_400_000;

export type Generated = {
  counts: Record<string, number>;
  organizations: Array<{ id: string; name: string; type: OrgType; countryCode: Country }>;
  programmeIds: string[];
  trainerIds: string[];
  /** The event with the most participations: the heaviest event summary. */
  largestEventId: string;
  seconds: number;
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const provinceWeights = (country: Country): Record<string, number> =>
  Object.fromEntries(Object.entries(COUNTRIES[country].provinces).map(([name, p]) => [name, p.weight]));
const provinceOf = (country: Country, province: string) => {
  const found = COUNTRIES[country].provinces[province];
  if (!found) throw new Error(`no province ${province} in ${country}`);
  return found;
};

/** Buffers rows of one table and hands them to the sink in chunks. */
class Buffered {
  private rows: unknown[][] = [];
  count = 0;
  constructor(
    private readonly sink: BulkSink,
    private readonly table: string,
    private readonly columns: readonly string[],
    private readonly chunk = 50_000,
  ) {}
  async push(row: unknown[]): Promise<void> {
    this.rows.push(row);
    this.count += 1;
    if (this.rows.length >= this.chunk) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    await this.sink.insert(this.table, this.columns, rows);
  }
}

const PERSON_COLUMNS = [
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
] as const;
const EVENT_COLUMNS = [
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
] as const;
export const PARTICIPATION_COLUMNS = [
  'id',
  'event_id',
  'person_id',
  'role',
  'attended_direct',
  'days_present',
  'attended',
  'person_sex',
  'organization_type',
  'event_start_date',
  'event_province',
  'event_type',
  'event_status',
  'event_country',
  'programme_id',
  'created_at',
  'updated_at',
] as const;
export { PERSON_COLUMNS };

/**
 * Builds the whole synthetic register into an empty, migrated database. Deterministic for a seed:
 * the same rows in the same order every time. The participations' copied facts (sex, organisation
 * type, event date, place, type, status, programme) are filled from the generated people and events,
 * exactly as the repositories would keep them.
 */
export async function generate(sink: BulkSink, scale: Scale, seed = 20_250_930, log: (line: string) => void = () => {}): Promise<Generated> {
  const started = performance.now();
  const rng = new Rng(seed);
  const ids = new IdMaker(rng);
  const stamp = '2019-01-01T00:00:00.000Z';
  await sink.dropIndexes();

  // Programmes: one running all along, others by phase; the regional ones also in the other countries.
  const programmes: Array<{ id: string; start: string; end: string; countries: readonly Country[] }> = [];
  const programmeRows: unknown[][] = [];
  const phases: Array<[string, string, string, string]> = [
    ['National Action Plan against Trafficking in Persons', 'Government of Pakistan', '2019-01-01', '2025-12-31'],
    ['Global Action against Trafficking in Persons and Smuggling of Migrants, phase 1', 'European Union', '2019-01-01', '2021-06-30'],
    ['Global Action against Trafficking in Persons and Smuggling of Migrants, phase 2', 'European Union', '2021-07-01', '2025-12-31'],
    ['Strengthening border management', 'Australia', '2020-01-01', '2023-12-31'],
    ['Safe migration for workers', 'United Kingdom', '2022-01-01', '2025-12-31'],
    ['Victim protection and referral', 'Norway', '2019-06-01', '2024-05-31'],
    ['Financial investigations of trafficking', 'Germany', '2021-01-01', '2025-06-30'],
    ['Child protection against trafficking', 'Canada', '2023-01-01', '2025-12-31'],
  ];
  const regional: Record<string, readonly Country[]> = {
    'Global Action against Trafficking in Persons and Smuggling of Migrants, phase 1': ['PK', 'AF', 'BD', 'NP'],
    'Global Action against Trafficking in Persons and Smuggling of Migrants, phase 2': ['PK', 'AF', 'BD', 'NP'],
    'Safe migration for workers': ['PK', 'BD', 'NP'],
    'Victim protection and referral': ['PK', 'AF'],
  };
  for (const [name, donor, start, end] of phases) {
    const id = ids.next();
    programmes.push({ id, start, end, countries: regional[name] ?? ['PK'] });
    programmeRows.push([id, name, normalizeText(name), donor, start, end, stamp, stamp]);
  }
  await sink.insert('programmes', ['id', 'name', 'name_normalized', 'donor', 'start_date', 'end_date', 'created_at', 'updated_at'], programmeRows);
  await sink.insert(
    'programme_countries',
    ['programme_id', 'country_code'],
    programmes.flatMap((p) => p.countries.map((c) => [p.id, c])),
  );

  // Trainers: accounts that cannot sign in (the bench signs in as a real admin made by the app).
  const trainerIds: string[] = [];
  const userRows: unknown[][] = [];
  for (let i = 0; i < 40; i += 1) {
    const id = ids.next();
    trainerIds.push(id);
    userRows.push([id, `trainer${i}@bench.example`, `trainer${i}@bench.example`, `Trainer ${i}`, 'trainer', 'not-a-hash', null, true, stamp, stamp]);
  }
  await sink.insert('users', ['id', 'email', 'email_normalized', 'name', 'role', 'password_hash', 'countries', 'active', 'created_at', 'updated_at'], userRows);

  // Organisations: provincial and district offices of the agencies that attend trainings. The first
  // 50 are Pakistani (the case-file benchmarks take their agencies from the start of the list).
  const organizations: Generated['organizations'] = [];
  const orgsByCountry = new Map<Country, Generated['organizations']>(Object.keys(COUNTRIES).map((c) => [c as Country, []]));
  const orgRows: unknown[][] = [];
  const usedNames = new Set<string>();
  for (let i = 0; i < scale.organizations; i += 1) {
    const type = rng.weighted(ORG_TYPES);
    const country: Country = i < 50 ? 'PK' : rng.weighted(COUNTRY_WEIGHTS);
    const [base, acronym] = rng.pick((country === 'PK' ? ORG_NAMES : FOREIGN_ORG_NAMES)[type]);
    const province = rng.weighted(provinceWeights(country));
    const city = rng.pick(provinceOf(country, province).cities);
    let name = `${base} ${city}`;
    for (let n = 2; usedNames.has(name); n += 1) name = `${base} ${city} ${n}`;
    usedNames.add(name);
    const id = ids.next();
    const org = { id, name, type, countryCode: country };
    organizations.push(org);
    orgsByCountry.get(country)?.push(org);
    const acr = acronym ? `${acronym} ${city}` : null;
    orgRows.push([id, name, normalizeText(name), acr, acr ? normalizeText(acr) : null, type, country, province, stamp, stamp]);
  }
  await sink.insert(
    'organizations',
    ['id', 'name', 'name_normalized', 'acronym', 'acronym_normalized', 'type', 'country_code', 'province', 'created_at', 'updated_at'],
    orgRows,
  );

  // People. Kept in memory as columns for picking participants and copying facts (at x10, 2 million
  // people: a few hundred MB); every table is streamed to the sink in chunks.
  const personIds: string[] = new Array<string>(scale.people);
  const personSex: string[] = new Array<string>(scale.people);
  const personOrgType: Array<string | null> = new Array<string | null>(scale.people);
  const byProvince = new Map<string, number[]>();
  const people = new Buffered(sink, 'people', PERSON_COLUMNS);
  for (let i = 0; i < scale.people; i += 1) {
    const sex = rng.weighted({ male: 78, female: 20, other: 1, unknown: 1 });
    const first = sex === 'female' ? rng.pick(FEMALE_FIRST) : rng.pick(MALE_FIRST);
    const last = rng.pick(LAST);
    const prefix = sex === 'male' && rng.chance(0.3) ? 'Muhammad ' : '';
    const fullName = `${prefix}${first} ${last}`;
    const country = rng.weighted(COUNTRY_WEIGHTS);
    const local = orgsByCountry.get(country) ?? [];
    const org = rng.chance(0.9) ? rng.pick(local.length > 0 && rng.chance(0.95) ? local : organizations) : null;
    const province = rng.weighted(provinceWeights(country));
    const phone = rng.chance(0.75) ? `${COUNTRIES[country].phone}${String(i).padStart(7, '0')}` : null;
    const email = rng.chance(0.35) ? `${first}.${last}.${i}@${COUNTRIES[country].mail}`.toLowerCase() : null;
    const id = ids.next();
    personIds[i] = id;
    personSex[i] = sex;
    personOrgType[i] = org?.type ?? null;
    let pool = byProvince.get(province);
    if (!pool) byProvince.set(province, (pool = []));
    pool.push(i);
    const created = new Date(Date.parse('2019-01-01T08:00:00Z') + Math.floor((i / scale.people) * 7 * 365 * DAY)).toISOString();
    await people.push([
      id,
      fullName,
      normalizeText(fullName),
      personNameKey(fullName),
      sex,
      rng.chance(0.7) ? rng.int(1960, 2002) : null,
      org?.id ?? null,
      org ? rng.pick(DESIGNATIONS[org.type]) : null,
      province,
      rng.pick(provinceOf(country, province).cities),
      phone,
      normalizePhone(phone),
      email,
      normalizeEmail(email),
      country,
      created,
      created,
    ]);
  }
  await people.flush();
  log(`people: ${scale.people.toLocaleString('en')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Events: sizes first (mostly 15–30; a fifth are large sessions that carry the rest of the participations).
  type PlannedEvent = { large: boolean; size: number; weight: number };
  const planned: PlannedEvent[] = [];
  let smallTotal = 0;
  let weightTotal = 0;
  for (let i = 0; i < scale.events; i += 1) {
    if (rng.chance(0.2)) {
      const weight = 0.3 + rng.next() * 1.7;
      weightTotal += weight;
      planned.push({ large: true, size: 0, weight });
    } else {
      const band = rng.next();
      const size = band < 0.85 ? rng.int(15, 30) : band < 0.95 ? rng.int(8, 14) : rng.int(31, 40);
      smallTotal += size;
      planned.push({ large: false, size, weight: 0 });
    }
  }
  let remaining = scale.participations - smallTotal;
  const largeCap = Math.min(400, Math.floor(scale.people / 20));
  const large = planned.filter((e) => e.large);
  large.forEach((e, index) => {
    const share = index === large.length - 1 ? remaining : Math.round((e.weight / weightTotal) * (scale.participations - smallTotal));
    e.size = Math.max(31, Math.min(largeCap, share, remaining));
    remaining -= e.size;
  });
  // Whatever the caps left over goes to the large events in turn.
  for (let i = 0; remaining > 0 && large.length > 0; i += 1) {
    const e = large[i % large.length] as PlannedEvent;
    if (e.size < largeCap) {
      e.size += 1;
      remaining -= 1;
    } else if (i > large.length * largeCap) break;
  }

  const firstMs = Date.parse(`${FIRST_DAY}T00:00:00Z`);
  const spanDays = Math.round((Date.parse(`${LAST_DAY}T00:00:00Z`) - firstMs) / DAY) + 1;
  const startDays = planned.map(() => Math.floor(rng.next() * spanDays)).sort((a, b) => a - b);

  type EventFacts = {
    id: string;
    start: string;
    days: number;
    province: string | null;
    country: Country;
    type: string;
    status: string;
    programme: string;
    size: number;
    large: boolean;
  };
  const events: EventFacts[] = [];
  const eventBuffer = new Buffered(sink, 'events', EVENT_COLUMNS);
  const topics = new Buffered(sink, 'event_topics', ['event_id', 'topic', 'topic_normalized']);
  const eventOrgs = new Buffered(sink, 'event_organizations', ['event_id', 'organization_id', 'relation']);
  const eventTrainers = new Buffered(sink, 'event_trainers', ['event_id', 'user_id']);
  for (let i = 0; i < planned.length; i += 1) {
    const plan = planned[i] as PlannedEvent;
    const type = plan.large
      ? rng.weighted({ awareness_session: 50, training: 20, workshop: 15, meeting: 10, training_of_trainers: 5 })
      : rng.weighted({ training: 45, workshop: 25, training_of_trainers: 12, meeting: 10, awareness_session: 8 });
    const days =
      type === 'awareness_session' || type === 'meeting'
        ? rng.weighted({ '1': 60, '2': 30, '3': 10 })
        : rng.weighted({ '1': 15, '2': 20, '3': 30, '4': 15, '5': 20 });
    const startMs = firstMs + (startDays[i] as number) * DAY;
    const start = isoDay(startMs);
    const end = isoDay(startMs + (Number(days) - 1) * DAY);
    const country = rng.weighted(COUNTRY_WEIGHTS);
    const province = rng.chance(0.01) ? null : rng.weighted(provinceWeights(country));
    const city = province ? rng.pick(provinceOf(country, province).cities) : COUNTRIES[country].capital;
    const status = start > TODAY ? (rng.chance(0.95) ? 'planned' : 'cancelled') : rng.weighted({ held: 94, cancelled: 5, planned: 1 });
    const running = programmes.filter((p) => p.start <= start && p.end >= start && p.countries.includes(country));
    const programme = (country === 'PK' && rng.chance(0.3) ? (programmes[0] as { id: string }) : rng.pick(running)).id;
    const topic = rng.pick(TOPICS);
    const title = `${EVENT_TITLES[type] ?? 'Session on'} ${topic.toLowerCase()}, ${city}`;
    const trainer = rng.pick(trainerIds);
    const id = ids.next();
    events.push({ id, start, days: Number(days), province, country, type, status, programme, size: plan.size, large: plan.large });
    const created = `${isoDay(startMs - 14 * DAY)}T10:00:00.000Z`;
    await eventBuffer.push([
      id,
      programme,
      title,
      normalizeText(title),
      type,
      rng.chance(0.2) ? `${topic} series` : null,
      start,
      end,
      city,
      province,
      country,
      rng.chance(0.6) ? `${city} Training Centre` : null,
      status,
      null,
      trainer,
      created,
      created,
    ]);
    const eventTopics = new Set([topic, rng.pick(TOPICS)]);
    for (const t of eventTopics) await topics.push([id, t, normalizeText(t)]);
    const organizer = rng.pick(orgsByCountry.get(country) ?? organizations);
    await eventOrgs.push([id, organizer.id, 'organizer']);
    const partner = rng.pick(organizations);
    if (partner.id !== organizer.id && rng.chance(0.5)) await eventOrgs.push([id, partner.id, 'partner']);
    await eventTrainers.push([id, trainer]);
  }
  for (const b of [eventBuffer, topics, eventOrgs, eventTrainers]) await b.flush();
  log(`events: ${events.length.toLocaleString('en')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Participations and the attendance register. Registers are kept for a share of held events,
  // chosen so that the register reaches its target size.
  let expectedRegister = 0;
  for (const e of events) if (e.status === 'held') expectedRegister += e.size * e.days;
  const registerShare = Math.min(1, (scale.attendance / Math.max(1, expectedRegister)) * 1.05);
  const participations = new Buffered(sink, 'participations', PARTICIPATION_COLUMNS);
  const attendance = new Buffered(sink, 'attendance', ['event_id', 'person_id', 'date', 'present']);
  const all = Array.from({ length: scale.people }, (_, i) => i);
  for (const e of events) {
    const chosen = new Set<number>();
    const local = (e.province ? byProvince.get(e.province) : undefined) ?? all;
    while (chosen.size < e.size) {
      const pool = rng.chance(0.8) && local.length > e.size * 2 ? local : all;
      // Skewed: some people come to many events, most to a few.
      let candidate = pool[Math.floor(pool.length * Math.pow(rng.next(), 1.3))] as number;
      for (let tries = 0; chosen.has(candidate); tries += 1)
        candidate = tries < 20 ? (pool[Math.floor(pool.length * rng.next())] as number) : (candidate + 1) % scale.people;
      chosen.add(candidate);
    }
    const register = e.status === 'held' && attendance.count < scale.attendance && rng.chance(registerShare);
    const startMs = Date.parse(`${e.start}T00:00:00Z`);
    const created = `${e.start}T09:00:00.000Z`;
    for (const person of chosen) {
      const role = rng.weighted({ participant: 940, trainer: 25, facilitator: 15, organizer: 10, speaker: 5, observer: 5 });
      let attendedDirect = false;
      let daysPresent = 0;
      if (register && attendance.count < scale.attendance) {
        for (let d = 0; d < e.days && attendance.count < scale.attendance; d += 1) {
          const present = rng.chance(0.93);
          if (present) daysPresent += 1;
          await attendance.push([e.id, personIds[person], isoDay(startMs + d * DAY), present]);
        }
      } else if (e.status === 'held') {
        attendedDirect = rng.chance(0.96);
      }
      await participations.push([
        ids.next(),
        e.id,
        personIds[person],
        role,
        attendedDirect,
        daysPresent,
        attendedDirect || daysPresent > 0,
        personSex[person],
        personOrgType[person],
        e.start,
        e.province,
        e.type,
        e.status,
        e.country,
        e.programme,
        created,
        created,
      ]);
    }
  }
  await participations.flush();
  await attendance.flush();
  log(
    `participations and attendance: ${participations.count.toLocaleString('en')} and ${attendance.count.toLocaleString('en')} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  await sink.recreateIndexes();
  log(`indexes rebuilt at ${((performance.now() - started) / 1000).toFixed(1)} s`);

  return {
    counts: {
      organizations: organizations.length,
      people: scale.people,
      events: events.length,
      participations: participations.count,
      attendance: attendance.count,
    },
    organizations,
    programmeIds: programmes.map((p) => p.id),
    trainerIds,
    largestEventId: events.reduce((a, b) => (b.size > a.size ? b : a)).id,
    seconds: (performance.now() - started) / 1000,
  };
}
