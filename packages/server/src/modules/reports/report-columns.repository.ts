import { readConsistently, type Db } from '../../db/database.js';
import { toCount } from '../../db/dialect.js';
import type { OrganizationFacts } from './reports.repository.js';

/**
 * The report columns: an in-memory, column-wise copy of the report aggregates (report_facts, one row
 * per counted participation) with the event and person facts the report filters and groups by. The
 * unique people of any filter are counted from it in one pass over typed arrays, which no SQL plan on
 * these engines comes near (docs/benchmarks.md). It is read in one snapshot together with the change
 * counter it reflects (migration 0024), so a reader can tell whether it is still current.
 */

/** Distinct strings (and null) as small integer codes, the value of a code at its index. */
export class Dictionary<V extends string | null = string | null> {
  readonly values: V[] = [];
  private readonly codes = new Map<V, number>();

  code(value: V): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.codes.set(value, code);
      this.values.push(value);
    }
    return code;
  }

  /** The code of a value already seen, or -1. */
  find(value: V): number {
    return this.codes.get(value) ?? -1;
  }
}

/** Distinct pairs of values as codes, with nested maps (no key string built per row). */
class PairDictionary<T> {
  readonly values: T[] = [];
  private readonly codes = new Map<string | null, Map<string | null, number>>();

  code(first: string | null, second: string | null, make: () => T): number {
    let inner = this.codes.get(first);
    if (!inner) this.codes.set(first, (inner = new Map()));
    let code = inner.get(second);
    if (code === undefined) {
      code = this.values.length;
      inner.set(second, code);
      this.values.push(make());
    }
    return code;
  }
}

export type ColumnEvent = {
  id: string;
  startDate: string;
  status: string;
  province: string | null;
  type: string;
  countryCode: string;
  programmeId: string | null;
};

/** What a person is counted under in the organisation and district breakdowns (the country decides what a user may see). */
export type OrganizationGroup = { organizationId: string | null; personCountry: string | null };
export type DistrictGroup = { personCountry: string | null; district: string | null };
/** What an event's participations are counted under in the report's participation breakdowns. */
export type EventGroup = { province: string | null; type: string; quarter: string };

export type ReportColumns = {
  /** The report copy counter (migration 0024) in the snapshot the copy was read from. */
  counter: number;
  events: ColumnEvent[];
  /** An event's index from its id. */
  eventIndex: Map<string, number>;
  eventProvince: Int32Array;
  eventYear: Int32Array;
  provinces: Dictionary;
  /** Per event (by index), its (province, type, quarter) as a code into eventGroups. */
  eventGroup: Int32Array;
  eventGroups: EventGroup[];
  /** Events (by index) of each normalised topic. */
  eventsOfTopic: Map<string, Int32Array>;
  /** Per person (by index): codes into organizationGroups and districtGroups, and year of birth (0: unknown). */
  personOrganization: Int32Array;
  personDistrict: Int32Array;
  personBirthYear: Int32Array;
  organizationGroups: OrganizationGroup[];
  districtGroups: DistrictGroup[];
  /** The facts of person p are at [personStart[p], personStart[p + 1]); factPerson is the other way round. */
  personStart: Int32Array;
  factPerson: Int32Array;
  /** The facts (indices, ascending) of event e are eventFacts[eventFactStart[e] .. eventFactStart[e + 1]). */
  eventFactStart: Int32Array;
  eventFacts: Int32Array;
  factEvent: Int32Array;
  factSex: Uint8Array;
  factOrganizationType: Uint8Array;
  sexes: Dictionary<string>;
  /** Organisation types as report_facts stores them ('' for none). */
  organizationTypes: Dictionary<string>;
  /** Every organisation, by id: what the organisation breakdown names. */
  organizations: Map<string, OrganizationFacts>;
  /** The memory the typed arrays take, for the bench and doctor. */
  bytes: number;
};

/** report_n → index, in an array when the keys are dense (they are: identity or max + 1), else a Map. */
function keyIndex(keys: number[]): (key: number) => number {
  const max = keys.reduce((m, k) => (k > m ? k : m), 0);
  if (max <= 16 * keys.length + 1_000_000) {
    const index = new Int32Array(max + 1).fill(-1);
    keys.forEach((key, i) => {
      index[key] = i;
    });
    return (key) => (key >= 0 && key <= max ? (index[key] ?? -1) : -1);
  }
  const map = new Map(keys.map((key, i) => [key, i]));
  return (key) => map.get(key) ?? -1;
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

export async function loadReportColumns(db: Db): Promise<ReportColumns> {
  return readConsistently(db, async ({ snapshot, each, column }) => {
    let counter = 0;
    await each('select value from report_copy_counter where id = 1', (row) => {
      counter = toCount(row[0]);
    });

    const eventKeys: number[] = [];
    const events: ColumnEvent[] = [];
    await each('select report_n, id, start_date, status, province, type, country_code, programme_id from events', (row) => {
      eventKeys.push(toCount(row[0]));
      events.push({
        id: String(row[1]),
        startDate: String(row[2]),
        status: String(row[3]),
        province: str(row[4]),
        type: String(row[5]),
        countryCode: String(row[6]),
        programmeId: str(row[7]),
      });
    });
    const eventIndex = new Map(events.map((e, i) => [e.id, i]));
    const eventOf = keyIndex(eventKeys);
    const provinces = new Dictionary();
    const eventProvince = Int32Array.from(events, (e) => provinces.code(e.province));
    const eventYear = Int32Array.from(events, (e) => Number(e.startDate.slice(0, 4)));
    const eventGroupCodes = new Dictionary<string>();
    const eventGroups: EventGroup[] = [];
    const eventGroup = Int32Array.from(events, (e) => {
      const quarter = `${e.startDate.slice(0, 4)}-Q${Math.floor((Number(e.startDate.slice(5, 7)) + 2) / 3)}`;
      const code = eventGroupCodes.code(`${e.province === null ? '1' : `0${e.province}`}\u0000${e.type}\u0000${quarter}`);
      if (code === eventGroups.length) eventGroups.push({ province: e.province, type: e.type, quarter });
      return code;
    });

    const topicLists = new Map<string, number[]>();
    await each('select e.report_n, t.topic_normalized from event_topics t join events e on e.id = t.event_id', (row) => {
      const event = eventOf(toCount(row[0]));
      const topic = String(row[1]);
      if (event < 0) return;
      const list = topicLists.get(topic) ?? [];
      list.push(event);
      topicLists.set(topic, list);
    });
    const eventsOfTopic = new Map([...topicLists].map(([topic, list]) => [topic, Int32Array.from(list)]));

    const organizations = new Map<string, OrganizationFacts>();
    await each('select id, name, acronym, type, country_code from organizations', (row) => {
      const id = String(row[0]);
      organizations.set(id, { id, name: String(row[1]), acronym: str(row[2]), type: String(row[3]), countryCode: str(row[4]) });
    });

    const personKeys: number[] = [];
    const organizationCodes = new PairDictionary<OrganizationGroup>();
    const districtCodes = new PairDictionary<DistrictGroup>();
    const personOrganizationList: number[] = [];
    const personDistrictList: number[] = [];
    const birthYears: number[] = [];
    await each('select report_n, organization_id, country_code, district, birth_year from people', (row) => {
      personKeys.push(toCount(row[0]));
      const organizationId = str(row[1]);
      const personCountry = str(row[2]);
      const district = str(row[3]);
      personOrganizationList.push(organizationCodes.code(organizationId, personCountry, () => ({ organizationId, personCountry })));
      personDistrictList.push(districtCodes.code(personCountry, district, () => ({ personCountry, district })));
      birthYears.push(row[4] === null || row[4] === undefined ? 0 : toCount(row[4]));
    });
    const personOf = keyIndex(personKeys);
    const people = personKeys.length;

    let factCount = 0;
    await each('select count(*) from report_facts', (row) => {
      factCount = toCount(row[0]);
    });
    // Read in any order, then placed in person order (a counting sort): no ORDER BY for the engine to sort.
    let factPersonRead = new Int32Array(factCount);
    let factEventRead = new Int32Array(factCount);
    let factSexRead = new Uint8Array(factCount);
    let factTypeRead = new Uint8Array(factCount);
    const sexes = new Dictionary<string>();
    const organizationTypes = new Dictionary<string>();
    let read = 0;
    const keep = (personKey: number, eventKey: number, sex: number, type: number) => {
      const person = personOf(personKey);
      const event = eventOf(eventKey);
      // A fact of a person or event that is gone (their delete triggers remove them) is not counted.
      if (person < 0 || event < 0 || read >= factCount) return;
      factPersonRead[read] = person;
      factEventRead[read] = event;
      factSexRead[read] = sex;
      factTypeRead[read] = type;
      read += 1;
    };

    // The facts packed as one number each, (person key × 2^20 + event key) × 2^8 + the number of
    // its (sex, organisation type) pair among those report_event_counts holds: a third of the cost of
    // reading four columns. Four columns after all when the keys are too large to pack exactly, or a
    // fact's pair is not among the counts' (the aggregates drifted apart; doctor says so).
    const pairs: Array<[number, number]> = [];
    // The distinct pairs first (a scan with a small hash of them), then sorted: cheaper than grouping the rows.
    const distinctPairs = 'select distinct person_sex, organization_type from report_event_counts';
    await each(`select person_sex, organization_type from (${distinctPairs}) as pairs order by person_sex, organization_type`, (row) =>
      pairs.push([sexes.code(String(row[0])), organizationTypes.code(String(row[1]))]),
    );
    // Two statements: each max() alone reads one end of an index; together they scan the table.
    const largest = { person: 0, event: 0 };
    await each('select coalesce(max(person_n), 0) from report_facts', (row) => {
      largest.person = toCount(row[0]);
    });
    await each('select coalesce(max(event_n), 0) from report_facts', (row) => {
      largest.event = toCount(row[0]);
    });
    // Outside a snapshot the pairs could be numbered differently by the next statement.
    let packed = snapshot && pairs.length < 255 && largest.person < 2 ** 25 && largest.event < 2 ** 20;
    if (packed) {
      const values = await column(`
        with pairs as (
          select person_sex, organization_type, row_number() over (order by person_sex, organization_type) - 1 as code
            from (${distinctPairs}) as distinct_pairs)
        select (f.person_n * 1048576 + f.event_n) * 256 + coalesce(pairs.code, 255)
          from report_facts f left join pairs on pairs.person_sex = f.person_sex and pairs.organization_type = f.organization_type`);
      for (const value of values) {
        const number = toCount(value);
        const pair = pairs[number % 256];
        if (!pair) {
          packed = false;
          read = 0;
          break;
        }
        const keys = Math.floor(number / 256);
        keep(Math.floor(keys / 1048576), keys % 1048576, pair[0], pair[1]);
      }
    }
    if (!packed) {
      const rows: unknown[][] = [];
      await each('select person_n, event_n, person_sex, organization_type from report_facts', (row) => rows.push(row));
      // Outside a snapshot, rows committed after the count: room for them too.
      if (rows.length > factCount) {
        factCount = rows.length;
        factPersonRead = new Int32Array(factCount);
        factEventRead = new Int32Array(factCount);
        factSexRead = new Uint8Array(factCount);
        factTypeRead = new Uint8Array(factCount);
      }
      for (const row of rows) keep(toCount(row[0]), toCount(row[1]), sexes.code(String(row[2])), organizationTypes.code(String(row[3])));
    }
    if (sexes.values.length > 255 || organizationTypes.values.length > 255)
      throw new Error('report_facts holds more than 255 distinct sexes or organisation types');

    const personStart = new Int32Array(people + 1);
    for (let i = 0; i < read; i += 1) {
      const at = (factPersonRead[i] as number) + 1;
      personStart[at] = (personStart[at] as number) + 1;
    }
    for (let p = 0; p < people; p += 1) personStart[p + 1] = (personStart[p + 1] as number) + (personStart[p] as number);
    const next = personStart.slice(0, people);
    const factPerson = new Int32Array(read);
    const factEvent = new Int32Array(read);
    const factSex = new Uint8Array(read);
    const factOrganizationType = new Uint8Array(read);
    for (let i = 0; i < read; i += 1) {
      const person = factPersonRead[i] as number;
      const at = next[person] as number;
      next[person] = at + 1;
      factEvent[at] = factEventRead[i] as number;
      factPerson[at] = person;
      factSex[at] = factSexRead[i] as number;
      factOrganizationType[at] = factTypeRead[i] as number;
    }

    // By event too, for reports that count few events: their facts are gathered instead of all scanned.
    const eventFactStart = new Int32Array(events.length + 1);
    for (let f = 0; f < read; f += 1) {
      const at = (factEvent[f] as number) + 1;
      eventFactStart[at] = (eventFactStart[at] as number) + 1;
    }
    for (let e = 0; e < events.length; e += 1) eventFactStart[e + 1] = (eventFactStart[e + 1] as number) + (eventFactStart[e] as number);
    const eventNext = eventFactStart.slice(0, events.length);
    const eventFacts = new Int32Array(read);
    for (let f = 0; f < read; f += 1) {
      const event = factEvent[f] as number;
      const at = eventNext[event] as number;
      eventNext[event] = at + 1;
      eventFacts[at] = f;
    }

    const personOrganization = Int32Array.from(personOrganizationList);
    const personDistrict = Int32Array.from(personDistrictList);
    const personBirthYear = Int32Array.from(birthYears);
    const columns: ReportColumns = {
      counter,
      events,
      eventIndex,
      eventProvince,
      eventYear,
      provinces,
      eventGroup,
      eventGroups,
      eventsOfTopic,
      personOrganization,
      personDistrict,
      personBirthYear,
      organizationGroups: organizationCodes.values,
      districtGroups: districtCodes.values,
      personStart,
      factPerson,
      eventFactStart,
      eventFacts,
      factEvent,
      factSex,
      factOrganizationType,
      sexes,
      organizationTypes,
      organizations,
      bytes: 0,
    };
    // Every typed array of the copy, once. (Set on the object itself: a spread copy of it made every field read slow.)
    const values: unknown[] = [...Object.values(columns), ...eventsOfTopic.values()];
    columns.bytes = values.reduce<number>((sum, value) => sum + (ArrayBuffer.isView(value) ? value.byteLength : 0), 0);
    return columns;
  });
}
