import { ageBandOf, ageBands, type AgeBand } from '@hifazat/contract';
import { readReportCopyCounter, readReportCopyCounterInTransaction } from '../../db/change-counter.js';
import type { Db } from '../../db/database.js';
import { loadReportColumns, type ReportColumns } from './report-columns.repository.js';
import type { EventCell, ParticipationCell, ReportScope } from './reports.repository.js';

/**
 * The unique people of a report, counted in memory from the report columns (report-columns.repository.ts)
 * instead of by a distinct count over the participations (issue 14: 8.7 s of CPU for the whole period
 * at national scale in SQL, tens of milliseconds here).
 *
 * Never stale: every report reads the report copy's counter first and uses the kept copy only if it
 * was read at that very counter, or its load began after this request's counter read (its snapshot
 * is then at least as new); otherwise it waits for a load that began after its read, or starts one.
 * A request thus waits for at most two loads and never retries in a loop, whatever the counter does:
 * it moves with every change to what the copy holds, from this process, another server process, the
 * CLI or SQL by hand (triggers, migration 0024), and goes back when a database is put back by hand
 * (a copy at another counter is then not used). Writes that change nothing the copy holds (an
 * attendance mark that leaves attendance as it was, a title, a trainer) leave it as it is. What no
 * counter can tell: a database put back by hand to a state whose counter equals the kept copy's
 * (the live cache shares this limit; `hifazat restore` moves both counters past what they were).
 */

/**
 * A copy and the number of its load (loads are numbered as they begin). A wrapper: copying the
 * copy's fields into a new object slowed every read of them.
 */
type Loaded = { columns: ReportColumns; load: number };
type State = { columns: Loaded | null; loading: { load: number; promise: Promise<Loaded> } | null; loads: number };
const states = new WeakMap<Db, State>();
/**
 * Inside a transaction the server's copy could not see its uncommitted rows, so the transaction
 * reads its own, shared by its reports while its counter stays: locking a period computes every
 * indicator at once, and a copy each would be that many copies in memory together. Not shared
 * where the counter cannot tell (PostgreSQL after the transaction's first write).
 */
const transactionCopies = new WeakMap<Db, Promise<ReportColumns>>();

export async function currentReportColumns(db: Db): Promise<ReportColumns> {
  if (db.isTransaction) return transactionReportColumns(db);
  let state = states.get(db);
  if (!state) {
    state = { columns: null, loading: null, loads: 0 };
    states.set(db, state);
  }
  const now = await readReportCopyCounter(db);
  // Loads numbered above this one began after the counter was read.
  const readAfter = state.loads;
  const kept = state.columns;
  if (kept && (kept.columns.counter === now || kept.load > readAfter)) return kept.columns;
  if (state.loading && state.loading.load <= readAfter) {
    // A load from before this request's read: wait for it (one at a time), then look again.
    await state.loading.promise.catch(() => undefined);
    const newer = state.columns;
    if (newer && (newer.columns.counter === now || newer.load > readAfter)) return newer.columns;
  }
  const loading = state.loading && state.loading.load > readAfter ? state.loading.promise : startLoad(db, state);
  return (await loading).columns;
}

async function transactionReportColumns(trx: Db): Promise<ReportColumns> {
  const kept = transactionCopies.get(trx);
  if (kept) {
    const [now, columns] = await Promise.all([readReportCopyCounterInTransaction(trx), kept]);
    if (now !== null && columns.counter === now) return columns;
    if (transactionCopies.get(trx) !== kept) return transactionReportColumns(trx);
  }
  // Set before any await, so that reports started together share the one read.
  const loading = loadReportColumns(trx);
  transactionCopies.set(trx, loading);
  return loading;
}

function startLoad(db: Db, state: State): Promise<Loaded> {
  state.loads += 1;
  const load = state.loads;
  const promise = loadReportColumns(db)
    .then((columns) => {
      const loaded = { columns, load };
      // The newest snapshot is kept, whatever its counter (it may have gone back).
      if (!state.columns || state.columns.load < load) state.columns = loaded;
      return loaded;
    })
    .finally(() => {
      if (state.loading?.load === load) state.loading = null;
    });
  state.loading = { load, promise };
  return promise;
}

/** What the server holds: the counter of its copy (null: none yet), how many times it was read, and its size. */
export function reportColumnsStatus(db: Db): { counter: number | null; loads: number; bytes: number } {
  const state = states.get(db);
  return { counter: state?.columns?.columns.counter ?? null, loads: state?.loads ?? 0, bytes: state?.columns?.columns.bytes ?? 0 };
}

/** The events (by index) a scope counts: its period, statuses, programme, place, type, topic and countries. */
export function countedEventMask(columns: ReportColumns, scope: ReportScope): Uint8Array {
  const mask = new Uint8Array(columns.events.length);
  const statuses = new Set<string>(scope.statuses);
  const countries = scope.countries ? new Set(scope.countries) : null;
  const candidates = scope.topicNormalized ? (columns.eventsOfTopic.get(scope.topicNormalized) ?? new Int32Array(0)) : null;
  const consider = (i: number) => {
    const e = columns.events[i];
    if (!e || e.startDate < scope.from || e.startDate > scope.to || !statuses.has(e.status)) return;
    if (scope.programmeId && e.programmeId !== scope.programmeId) return;
    if (scope.province && e.province !== scope.province) return;
    if (scope.type && e.type !== scope.type) return;
    if (scope.countryCode && e.countryCode !== scope.countryCode) return;
    if (countries && !countries.has(e.countryCode)) return;
    mask[i] = 1;
  };
  if (candidates) for (const i of candidates) consider(i);
  else for (let i = 0; i < mask.length; i += 1) consider(i);
  return mask;
}

const BANDS: ReadonlyArray<AgeBand | null> = [...ageBands, null];
const NO_BAND = BANDS.length - 1;
/** The band index of each age from 0 to 150 (older: the last band); ageBandOf decides. */
const BAND_OF_AGE = Int32Array.from({ length: 151 }, (_, age) => BANDS.indexOf(ageBandOf(age)));
const LAST_AGE = BAND_OF_AGE.length - 1;

export type PeopleCell = { key: string | null; sex: string; n: number };
/** Participations and unique people of one breakdown's row and sex. */
type PairCell = { sex: string; participations: number; people: number };
/** By the person's organisation; their country decides whether a country-limited user may name it. */
export type OrganizationCell = PairCell & { organizationId: string | null; personCountry: string | null };
export type DistrictCell = PairCell & { personCountry: string | null; district: string | null };
export type AgeCell = PairCell & { band: AgeBand | null };

/**
 * What a report counts per person, from the counted participations of its events: the participations
 * by place, event type, quarter, organisation type and sex (`participationCells`); unique people by
 * sex in all, by organisation type (as the participation copied it) and by the event's province;
 * participations and unique people by the person's organisation, by their district, and by age band
 * at the event's year.
 */
export type PeopleFigures = {
  /** The counted events by place, type and quarter. */
  eventCells: EventCell[];
  participationCells: ParticipationCell[];
  total: PeopleCell[];
  byOrganizationType: PeopleCell[];
  byProvince: PeopleCell[];
  byOrganization: OrganizationCell[];
  byDistrict: DistrictCell[];
  byAge: AgeCell[];
};

/**
 * One pass over the facts in person order (a person's facts are adjacent): a person is counted once
 * in each cell they fall in, which a per-cell note of the last person counted there decides. Typed
 * arrays and a loop without calls: this pass is the report's whole cost.
 */
/**
 * When the counted events hold under a quarter of the facts: their facts, gathered through the
 * by-event index and sorted (fact indices ascend in person order); otherwise null, scan them all.
 */
function selectiveOrder(columns: ReportColumns, counted: Uint8Array): Int32Array | null {
  const { eventFactStart, eventFacts } = columns;
  let size = 0;
  for (let e = 0; e < counted.length; e += 1) if (counted[e] === 1) size += (eventFactStart[e + 1] as number) - (eventFactStart[e] as number);
  if (size * 4 >= eventFacts.length) return null;
  const order = new Int32Array(size);
  let at = 0;
  for (let e = 0; e < counted.length; e += 1) {
    if (counted[e] === 0) continue;
    const end = eventFactStart[e + 1] as number;
    for (let i = eventFactStart[e] as number; i < end; i += 1) order[at++] = eventFacts[i] as number;
  }
  return order.sort();
}

export function peopleFigures(columns: ReportColumns, scope: ReportScope): PeopleFigures {
  const counted = countedEventMask(columns, scope);
  const { factPerson, factEvent, factSex, factOrganizationType, eventProvince, eventYear, eventGroup, personOrganization, personDistrict, personBirthYear } =
    columns;
  const order = selectiveOrder(columns, counted);
  const sexCount = columns.sexes.values.length;
  const typeCount = columns.organizationTypes.values.length;
  const sized = (groups: number) => groups * sexCount;
  const participations = new Float64Array(sized(columns.eventGroups.length * typeCount));
  const totalSeen = new Int32Array(sized(1)).fill(-1);
  const totalPeople = new Float64Array(sized(1));
  const typeSeen = new Int32Array(sized(typeCount)).fill(-1);
  const typePeople = new Float64Array(typeSeen.length);
  const provinceSeen = new Int32Array(sized(columns.provinces.values.length)).fill(-1);
  const provincePeople = new Float64Array(provinceSeen.length);
  const bandSeen = new Int32Array(sized(BANDS.length)).fill(-1);
  const bandPeople = new Float64Array(bandSeen.length);
  const bandParticipations = new Float64Array(bandSeen.length);
  // A person has one organisation and one district: their people are counted with the total.
  const organizationPeople = new Float64Array(sized(columns.organizationGroups.length));
  const organizationParticipations = new Float64Array(organizationPeople.length);
  const districtPeople = new Float64Array(sized(columns.districtGroups.length));
  const districtParticipations = new Float64Array(districtPeople.length);

  // Facts in person order (all of them, or those of the counted events): a person's facts are adjacent.
  const facts = order ? order.length : factEvent.length;
  let person = -1;
  let organization = 0;
  let district = 0;
  let born = 0;
  for (let i = 0; i < facts; i += 1) {
    const f = order ? (order[i] as number) : i;
    const event = factEvent[f] as number;
    if (counted[event] === 0) continue;
    if (factPerson[f] !== person) {
      person = factPerson[f] as number;
      organization = (personOrganization[person] as number) * sexCount;
      district = (personDistrict[person] as number) * sexCount;
      born = personBirthYear[person] as number;
    }
    const sex = factSex[f] as number;
    const organizationType = factOrganizationType[f] as number;
    const cell = ((eventGroup[event] as number) * typeCount + organizationType) * sexCount + sex;
    participations[cell] = (participations[cell] as number) + 1;
    if (totalSeen[sex] !== person) {
      totalSeen[sex] = person;
      totalPeople[sex] = (totalPeople[sex] as number) + 1;
      organizationPeople[organization + sex] = (organizationPeople[organization + sex] as number) + 1;
      districtPeople[district + sex] = (districtPeople[district + sex] as number) + 1;
    }
    organizationParticipations[organization + sex] = (organizationParticipations[organization + sex] as number) + 1;
    districtParticipations[district + sex] = (districtParticipations[district + sex] as number) + 1;
    const type = organizationType * sexCount + sex;
    if (typeSeen[type] !== person) {
      typeSeen[type] = person;
      typePeople[type] = (typePeople[type] as number) + 1;
    }
    const province = (eventProvince[event] as number) * sexCount + sex;
    if (provinceSeen[province] !== person) {
      provinceSeen[province] = person;
      provincePeople[province] = (provincePeople[province] as number) + 1;
    }
    const age = (eventYear[event] as number) - born;
    const band = (born === 0 || age < 0 ? NO_BAND : (BAND_OF_AGE[age > LAST_AGE ? LAST_AGE : age] as number)) * sexCount + sex;
    if (bandSeen[band] !== person) {
      bandSeen[band] = person;
      bandPeople[band] = (bandPeople[band] as number) + 1;
    }
    bandParticipations[band] = (bandParticipations[band] as number) + 1;
  }

  // Names looked up once: the cells below number ~10^5 at national scale.
  const sexNames = columns.sexes.values;
  const typeNames = columns.organizationTypes.values;
  const { eventGroups, organizationGroups, districtGroups, provinces } = columns;
  /** The non-empty cells of a breakdown, each as `make` shapes it from its group's index and sex. */
  function cellsOf<T>(counts: Float64Array, make: (group: number, sex: string, n: number, at: number) => T | null): T[] {
    const found: T[] = [];
    for (let at = 0; at < counts.length; at += 1) {
      const n = counts[at] as number;
      if (n === 0) continue;
      const cell = make(Math.floor(at / sexCount), sexNames[at % sexCount] as string, n, at);
      if (cell) found.push(cell);
    }
    return found;
  }
  const peopleCells = (counts: Float64Array, keyOf: (group: number) => string | null) => cellsOf(counts, (group, sex, n) => ({ key: keyOf(group), sex, n }));
  const eventCounts = new Float64Array(eventGroups.length);
  for (let e = 0; e < counted.length; e += 1) if (counted[e] === 1) eventCounts[eventGroup[e] as number] = (eventCounts[eventGroup[e] as number] as number) + 1;
  const eventCells: EventCell[] = [];
  eventCounts.forEach((n, group) => {
    const place = eventGroups[group];
    if (n > 0 && place) eventCells.push({ province: place.province, type: place.type, quarter: place.quarter, n });
  });
  return {
    eventCells,
    participationCells: cellsOf(participations, (group, sex, n) => {
      const place = eventGroups[Math.floor(group / typeCount)];
      return place
        ? { province: place.province, type: place.type, quarter: place.quarter, organizationType: typeNames[group % typeCount] || null, sex, n }
        : null;
    }),
    total: peopleCells(totalPeople, () => null),
    byOrganizationType: peopleCells(typePeople, (code) => typeNames[code] || null),
    byProvince: peopleCells(provincePeople, (code) => provinces.values[code] ?? null),
    byOrganization: cellsOf(organizationParticipations, (group, sex, n, at) => {
      const of = organizationGroups[group];
      return of
        ? { organizationId: of.organizationId, personCountry: of.personCountry, sex, participations: n, people: organizationPeople[at] as number }
        : null;
    }),
    byDistrict: cellsOf(districtParticipations, (group, sex, n, at) => {
      const of = districtGroups[group];
      return of ? { personCountry: of.personCountry, district: of.district, sex, participations: n, people: districtPeople[at] as number } : null;
    }),
    byAge: cellsOf(bandParticipations, (group, sex, n, at) => ({ band: BANDS[group] ?? null, sex, participations: n, people: bandPeople[at] as number })),
  };
}

/**
 * Counts over given events, each at a level (a cascade's generations), as
 * `{ kind, level, grp, sex, n }` rows: unique people by sex per level (kind 0), per level and
 * organisation type (1) and province (2), in all (3: each person once); counted participations per
 * event (4, `grp` the event id); unique people per group of events (5, `grp` the group: `groups`
 * pairs a group's key with one of its event ids, as a master trainer with an event they delivered).
 */
export type ReachRow = { kind: number; level: number; grp: string | null; sex: string | null; n: number };

export function reachOfEvents(columns: ReportColumns, levels: ReadonlyMap<string, number>, groups: ReadonlyArray<readonly [string, string]>): ReachRow[] {
  const eventLevel = new Int32Array(columns.events.length).fill(-1);
  let maxLevel = 0;
  for (const [eventId, level] of levels) {
    const event = columns.eventIndex.get(eventId);
    if (event === undefined || !Number.isInteger(level) || level < 0) continue;
    eventLevel[event] = level;
    if (level > maxLevel) maxLevel = level;
  }
  // The groups of each event, as lists of group codes.
  const groupKeys: string[] = [];
  const groupCode = new Map<string, number>();
  const groupsOfEvent = new Map<number, number[]>();
  for (const [key, eventId] of groups) {
    const event = columns.eventIndex.get(eventId);
    if (event === undefined) continue;
    let code = groupCode.get(key);
    if (code === undefined) {
      code = groupKeys.length;
      groupCode.set(key, code);
      groupKeys.push(key);
    }
    const list = groupsOfEvent.get(event) ?? [];
    if (!list.includes(code)) list.push(code);
    groupsOfEvent.set(event, list);
  }

  const { personStart, factEvent, factSex, factOrganizationType, eventProvince } = columns;
  const sexCount = columns.sexes.values.length;
  const typeCount = columns.organizationTypes.values.length;
  const provinceCount = columns.provinces.values.length;
  const levelCount = maxLevel + 1;
  const cells = (size: number) => ({ seen: new Int32Array(size).fill(-1), n: new Float64Array(size) });
  const byLevel = cells(levelCount * sexCount);
  const byType = cells(levelCount * typeCount * sexCount);
  const byProvince = cells(levelCount * provinceCount * sexCount);
  const reach = cells(sexCount);
  const byGroup = cells(groupKeys.length);
  const perEvent = new Float64Array(columns.events.length);
  const once = (cell: { seen: Int32Array; n: Float64Array }, at: number, person: number) => {
    if (cell.seen[at] === person) return;
    cell.seen[at] = person;
    cell.n[at] = (cell.n[at] as number) + 1;
  };

  for (let person = 0; person + 1 < personStart.length; person += 1) {
    const end = personStart[person + 1] as number;
    for (let f = personStart[person] as number; f < end; f += 1) {
      const event = factEvent[f] as number;
      const level = eventLevel[event] as number;
      if (level < 0) continue;
      const sex = factSex[f] as number;
      once(byLevel, level * sexCount + sex, person);
      once(byType, (level * typeCount + (factOrganizationType[f] as number)) * sexCount + sex, person);
      once(byProvince, (level * provinceCount + (eventProvince[event] as number)) * sexCount + sex, person);
      once(reach, sex, person);
      perEvent[event] = (perEvent[event] as number) + 1;
      const eventGroups = groupsOfEvent.get(event);
      if (eventGroups) for (const group of eventGroups) once(byGroup, group, person);
    }
  }

  const rows: ReachRow[] = [];
  const sexOf = (at: number) => columns.sexes.values[at % sexCount] ?? null;
  byLevel.n.forEach((n, at) => {
    if (n > 0) rows.push({ kind: 0, level: Math.floor(at / sexCount), grp: null, sex: sexOf(at), n });
  });
  byType.n.forEach((n, at) => {
    const rest = Math.floor(at / sexCount);
    if (n > 0) rows.push({ kind: 1, level: Math.floor(rest / typeCount), grp: columns.organizationTypes.values[rest % typeCount] || null, sex: sexOf(at), n });
  });
  byProvince.n.forEach((n, at) => {
    const rest = Math.floor(at / sexCount);
    if (n > 0) rows.push({ kind: 2, level: Math.floor(rest / provinceCount), grp: columns.provinces.values[rest % provinceCount] ?? null, sex: sexOf(at), n });
  });
  reach.n.forEach((n, at) => {
    if (n > 0) rows.push({ kind: 3, level: 0, grp: null, sex: sexOf(at), n });
  });
  perEvent.forEach((n, event) => {
    if (n > 0) rows.push({ kind: 4, level: 0, grp: columns.events[event]?.id ?? null, sex: null, n });
  });
  byGroup.n.forEach((n, group) => {
    if (n > 0) rows.push({ kind: 5, level: 0, grp: groupKeys[group] ?? null, sex: null, n });
  });
  return rows;
}
