import { AGE_BAND_STARTS, countedStatuses, type ProgrammeReport, type ProgrammeReportQuery, type SexCounts } from '@hifazat/contract';
import { normalizeText, programmeReport, reportColumnsStatus, type Db, type Actor } from '../../packages/server/src/testing.js';
import { assertSameJson, compareForms, timingWithNaive, type Result } from '../lib/measure.js';
import type { RawDb } from '../lib/raw.js';

const quarter = (column: string) => `substr(${column}, 1, 4) || '-Q' || cast((cast(substr(${column}, 6, 2) as integer) + 2) / 3 as text)`;

/** The age band (contract: ageBands) of `age` in SQL; null for no year of birth or a negative age. */
const ageBand = (age: string, birthYear: string) =>
  `CASE WHEN ${birthYear} IS NULL OR ${age} < 0 THEN NULL ${[...AGE_BAND_STARTS]
    .reverse()
    .map(([band, from]) => `WHEN ${age} >= ${from} THEN '${band}'`)
    .join(' ')} ELSE 'under_18' END`;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** The filters of a report query, for a table whose columns are named by `col`. */
function filters(
  query: ProgrammeReportQuery,
  col: (name: 'start' | 'status' | 'programme' | 'province' | 'type' | 'country' | 'event') => string,
  topicTable: string,
) {
  const statuses = countedStatuses(query.status);
  let where = `${col('start')} >= ? AND ${col('start')} <= ? AND ${col('status')} IN (${marks(statuses.length)})`;
  const params: unknown[] = [query.from, query.to, ...statuses];
  if (query.programmeId) {
    where += ` AND ${col('programme')} = ?`;
    params.push(query.programmeId);
  }
  if (query.province) {
    where += ` AND ${col('province')} = ?`;
    params.push(query.province);
  }
  if (query.type) {
    where += ` AND ${col('type')} = ?`;
    params.push(query.type);
  }
  if (query.countryCode) {
    where += ` AND ${col('country')} = ?`;
    params.push(query.countryCode.toUpperCase());
  }
  if (query.topic) {
    where += ` AND ${col('event')} IN (${topicTable})`;
    params.push(normalizeText(query.topic));
  }
  return { where, params };
}

/**
 * The programme report as the app computes it today, by hand-written SQL (the **naive** form): every
 * figure counted from the participations in the period through participations_report_idx —
 * participation cells grouped once; the three unique-people breakdowns from one materialised set of
 * distinct (person, sex, organisation type, province); the by-organisation, district and age
 * breakdowns from the counted participations reduced per (person, sex, year) and joined to people;
 * events from the events table. Four statements, run at once as the service runs its own.
 */
export async function naiveReport(raw: RawDb, query: ProgrammeReportQuery) {
  const p = filters(
    query,
    (c) =>
      ({
        start: 'event_start_date',
        status: 'event_status',
        programme: 'programme_id',
        province: 'event_province',
        type: 'event_type',
        country: 'event_country',
        event: 'event_id',
      })[c],
    'SELECT event_id FROM event_topics WHERE topic_normalized = ?',
  );
  const where = `${p.where} AND role = 'participant' AND attended = ?`;
  const params = [...p.params, true];
  const e = filters(
    query,
    (c) => ({ start: 'start_date', status: 'status', programme: 'programme_id', province: 'province', type: 'type', country: 'country_code', event: 'id' })[c],
    'SELECT event_id FROM event_topics WHERE topic_normalized = ?',
  );
  const [cells, people, events, persons] = await Promise.all([
    raw.all(
      `SELECT event_province, event_type, ${quarter('event_start_date')} AS q, organization_type, person_sex, count(*)
         FROM participations WHERE ${where} GROUP BY event_province, event_type, 3, organization_type, person_sex`,
      params,
    ),
    raw.all(
      `WITH pp AS MATERIALIZED (
         SELECT person_id, person_sex, organization_type, event_province FROM participations WHERE ${where}
          GROUP BY person_id, person_sex, organization_type, event_province)
       SELECT 0, NULL, person_sex, count(DISTINCT person_id) FROM pp GROUP BY person_sex
       UNION ALL SELECT 1, organization_type, person_sex, count(DISTINCT person_id) FROM pp GROUP BY organization_type, person_sex
       UNION ALL SELECT 2, event_province, person_sex, count(DISTINCT person_id) FROM pp GROUP BY event_province, person_sex`,
      params,
    ),
    raw.all(`SELECT province, type, ${quarter('start_date')} AS q, count(*) FROM events WHERE ${e.where} GROUP BY province, type, 3`, e.params),
    raw.all(
      `WITH py AS MATERIALIZED (
         SELECT person_id, person_sex, substr(event_start_date, 1, 4) AS year, count(*) AS n FROM participations WHERE ${where}
          GROUP BY person_id, person_sex, substr(event_start_date, 1, 4)),
       pp AS MATERIALIZED (
         SELECT py.person_id, py.person_sex, py.n, people.organization_id, people.country_code, people.district,
                ${ageBand('(cast(py.year as integer) - people.birth_year)', 'people.birth_year')} AS band
           FROM py JOIN people ON people.id = py.person_id)
       SELECT 0, organization_id, district, NULL, person_sex, count(DISTINCT person_id), sum(n) FROM pp GROUP BY organization_id, country_code, district, person_sex
       UNION ALL SELECT 1, NULL, NULL, band, person_sex, count(DISTINCT person_id), sum(n) FROM pp GROUP BY band, person_sex`,
      params,
    ),
  ]);
  return assemble(query, { cells, people, events, persons });
}

/** What the baseline's setup built: the name of each province code in the compact copy. */
export type Baseline = { provinces: Map<number, string | null>; seconds: number; factRows: number };

/**
 * Builds the structures of the **baseline** (the best known design, by hand), independent of the
 * app's tables, on the raw connection: temporary tables on SQLite (WITHOUT ROWID where keyed),
 * unlogged tables on PostgreSQL (the pool's connections all see them). Timed apart from the figures.
 *
 * - `bl_person`, `bl_event`: integer keys (`n`) for people (by id) and events (by first day); a
 *   person's place (organisation, country, district) as one integer; an event's province as a code,
 *   its quarter and year computed once; `bl_event_topic` (topic, event).
 * - `bl_event_count`: per event, its counted participations (role participant, attended) by sex and
 *   organisation type: about 11 rows an event instead of 50.
 * - `bl_fact`: the compact copy of the counted participations, keyed and ordered by (person, sex,
 *   organisation type, event year, event province code, event), so that every per-person grouping
 *   of the unique-people figures streams in key order instead of sorting.
 *
 * The event filters (period, statuses, province, country, topic…) are applied to `bl_event` at
 * query time and joined: the copy counts every status and period.
 */
export async function buildBaseline(raw: RawDb): Promise<Baseline> {
  const started = performance.now();
  const sqlite = raw.engine === 'sqlite';
  const table = sqlite ? 'CREATE TEMP TABLE' : 'CREATE UNLOGGED TABLE';
  const keyed = sqlite ? ' WITHOUT ROWID' : '';
  await dropBaseline(raw);
  // A temporary table's pages sit in the temp schema's own cache (2 MB by default).
  if (sqlite) await raw.exec('PRAGMA temp.cache_size = -262144');
  const statements = [
    `${table} bl_person (n INTEGER PRIMARY KEY, id TEXT NOT NULL, place INTEGER NOT NULL, birth_year INTEGER)`,
    `${table} bl_place (place INTEGER PRIMARY KEY, organization_id TEXT, country_code TEXT, district TEXT)`,
    `INSERT INTO bl_person (n, id, place, birth_year)
       SELECT row_number() OVER (ORDER BY id), id, dense_rank() OVER (ORDER BY organization_id, country_code, district), birth_year FROM people`,
    `INSERT INTO bl_place SELECT p.place, pp.organization_id, pp.country_code, pp.district
       FROM (SELECT place, min(id) AS id FROM bl_person GROUP BY place) p JOIN people pp ON pp.id = p.id`,
    `CREATE UNIQUE INDEX bl_person_id ON bl_person (id)`,
    `${table} bl_event (n INTEGER PRIMARY KEY, id TEXT NOT NULL, start_date TEXT NOT NULL, status TEXT NOT NULL, province TEXT, province_code INTEGER NOT NULL,
       type TEXT NOT NULL, country_code TEXT NOT NULL, programme_id TEXT NOT NULL, quarter TEXT NOT NULL, year INTEGER NOT NULL)`,
    `INSERT INTO bl_event SELECT row_number() OVER (ORDER BY start_date, id), id, start_date, status, province, dense_rank() OVER (ORDER BY province),
       type, country_code, programme_id, ${quarter('start_date')}, cast(substr(start_date, 1, 4) AS integer) FROM events`,
    `CREATE UNIQUE INDEX bl_event_id ON bl_event (id)`,
    `CREATE INDEX bl_event_start ON bl_event (start_date, status)`,
    `${table} bl_event_topic (topic_normalized TEXT NOT NULL, event_n INTEGER NOT NULL, PRIMARY KEY (topic_normalized, event_n))${keyed}`,
    `INSERT INTO bl_event_topic SELECT t.topic_normalized, e.n FROM event_topics t JOIN bl_event e ON e.id = t.event_id`,
    `${table} bl_fact (person_n INTEGER NOT NULL, sex TEXT NOT NULL, org_type TEXT NOT NULL, year INTEGER NOT NULL, province INTEGER NOT NULL,
       event_n INTEGER NOT NULL, PRIMARY KEY (person_n, sex, org_type, year, province, event_n))${keyed}`,
    `INSERT INTO bl_fact
       SELECT pe.n, p.person_sex, coalesce(p.organization_type, ''), e.year, e.province_code, e.n
         FROM participations p JOIN bl_person pe ON pe.id = p.person_id JOIN bl_event e ON e.id = p.event_id
        WHERE p.role = 'participant' AND p.attended = ${sqlite ? '1' : 'true'}
        ORDER BY 1, 2, 3, 4, 5, 6`,
    `${table} bl_event_count (event_n INTEGER NOT NULL, sex TEXT NOT NULL, org_type TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (event_n, sex, org_type))${keyed}`,
    `INSERT INTO bl_event_count SELECT event_n, sex, org_type, count(*) FROM bl_fact GROUP BY event_n, sex, org_type`,
  ];
  if (!sqlite) statements.push('ANALYZE bl_person, bl_place, bl_event, bl_event_topic, bl_fact, bl_event_count');
  for (const statement of statements) await raw.exec(statement);
  const provinces = new Map(
    (await raw.all('SELECT DISTINCT province_code, province FROM bl_event')).map(([code, name]) => [Number(code), name as string | null]),
  );
  const factRows = Number((await raw.all('SELECT count(*) FROM bl_fact'))[0]?.[0]);
  return { provinces, factRows, seconds: (performance.now() - started) / 1000 };
}

export async function dropBaseline(raw: RawDb): Promise<void> {
  for (const t of ['bl_event_count', 'bl_fact', 'bl_event_topic', 'bl_event', 'bl_place', 'bl_person']) await raw.exec(`DROP TABLE IF EXISTS ${t}`);
}

/**
 * The programme report from the baseline's structures: participation cells from the per-event
 * counts of the filtered events; events from `bl_event`; every unique-people figure and the
 * by-place and by-age breakdowns in one statement over the compact copy, whose per-person groupings
 * stream in key order (only the small outer groupings sort). Three statements, run at once.
 */
export async function baselineReport(raw: RawDb, baseline: Baseline, query: ProgrammeReportQuery) {
  const e = filters(
    query,
    (c) =>
      `e.${({ start: 'start_date', status: 'status', programme: 'programme_id', province: 'province', type: 'type', country: 'country_code', event: 'n' } as const)[c]}`,
    'SELECT event_n FROM bl_event_topic WHERE topic_normalized = ?',
  );
  const [cells, events, people] = await Promise.all([
    raw.all(
      `SELECT e.province, e.type, e.quarter, c.org_type, c.sex, sum(c.n) FROM bl_event e JOIN bl_event_count c ON c.event_n = e.n
        WHERE ${e.where} GROUP BY e.province, e.type, e.quarter, c.org_type, c.sex`,
      e.params,
    ),
    raw.all(`SELECT e.province, e.type, e.quarter, count(*) FROM bl_event e WHERE ${e.where} GROUP BY e.province, e.type, e.quarter`, e.params),
    raw.all(
      `WITH g AS MATERIALIZED (
         SELECT person_n, sex, org_type, year, province, count(*) AS cnt FROM bl_fact
          WHERE event_n IN (SELECT e.n FROM bl_event e WHERE ${e.where}) GROUP BY person_n, sex, org_type, year, province),
       ps AS MATERIALIZED (SELECT person_n, sex, sum(cnt) AS cnt FROM g GROUP BY person_n, sex)
       SELECT 0, cast(NULL AS text), cast(NULL AS text), cast(NULL AS text), sex, count(*), cast(NULL AS numeric) FROM ps GROUP BY sex
       UNION ALL SELECT 1, org_type, NULL, NULL, sex, count(*), NULL FROM (SELECT DISTINCT person_n, sex, org_type FROM g) x GROUP BY org_type, sex
       UNION ALL SELECT 2, cast(province AS text), NULL, NULL, sex, count(*), NULL FROM (SELECT DISTINCT person_n, sex, province FROM g) x GROUP BY province, sex
       UNION ALL SELECT 3, pl.organization_id, pl.district, NULL, x.sex, x.people, x.cnt
         FROM (SELECT pe.place, ps.sex, count(*) AS people, sum(ps.cnt) AS cnt FROM ps JOIN bl_person pe ON pe.n = ps.person_n GROUP BY pe.place, ps.sex) x
         JOIN bl_place pl ON pl.place = x.place
       UNION ALL SELECT 4, NULL, NULL, band, sex, count(*), sum(cnt)
         FROM (SELECT g.person_n, g.sex, ${ageBand('(g.year - pe.birth_year)', 'pe.birth_year')} AS band, sum(g.cnt) AS cnt
                 FROM g JOIN bl_person pe ON pe.n = g.person_n GROUP BY g.person_n, g.sex, 3) x
        GROUP BY band, sex`,
      e.params,
    ),
  ]);
  const peopleRows: unknown[][] = [];
  const persons: unknown[][] = [];
  for (const [k, key, district, band, sex, n, parts] of people) {
    const kind = Number(k);
    if (kind === 0) peopleRows.push([0, null, sex, n]);
    else if (kind === 1) peopleRows.push([1, key === '' ? null : key, sex, n]);
    else if (kind === 2) peopleRows.push([2, baseline.provinces.get(Number(key)) ?? null, sex, n]);
    else if (kind === 3) persons.push([0, key, district, null, sex, n, parts]);
    else persons.push([1, null, null, band, sex, n, parts]);
  }
  return assemble(query, {
    cells: cells.map(([province, type, q, org, sex, n]) => [province, type, q, org === '' ? null : org, sex, n]),
    people: peopleRows,
    events,
    persons,
  });
}

const empty = (): SexCounts => ({ total: 0, female: 0, male: 0, other: 0, unknown: 0 });
function add(counts: SexCounts, sex: unknown, n: unknown) {
  const k = Number(n);
  counts.total += k;
  counts[sex === 'female' || sex === 'male' || sex === 'other' ? sex : 'unknown'] += k;
}
function bump<K>(map: Map<K, SexCounts>, key: K, sex: unknown, n: unknown) {
  let c = map.get(key);
  if (!c) map.set(key, (c = empty()));
  add(c, sex, n);
}
const count = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);

type Rows = { cells: unknown[][]; people: unknown[][]; events: unknown[][]; persons: unknown[][] };
type Pair = { participations: SexCounts; people: SexCounts };

/** Rows into the report's shape, with every list in a canonical order (so that only numbers are compared). */
function assemble(query: { from: string; to: string }, { cells, people, events, persons }: Rows) {
  const parts = empty();
  const pType = new Map<string | null, SexCounts>();
  const pProvince = new Map<string | null, SexCounts>();
  const pEventType = new Map<string, SexCounts>();
  const pQuarter = new Map<string, SexCounts>();
  for (const [province, type, q, orgType, sex, n] of cells) {
    add(parts, sex, n);
    bump(pType, orgType as string | null, sex, n);
    bump(pProvince, province as string | null, sex, n);
    bump(pEventType, type as string, sex, n);
    bump(pQuarter, q as string, sex, n);
  }
  const peopleTotal = empty();
  const peType = new Map<string | null, SexCounts>();
  const peProvince = new Map<string | null, SexCounts>();
  for (const [breakdown, key, sex, n] of people) {
    if (Number(breakdown) === 0) add(peopleTotal, sex, n);
    else bump(Number(breakdown) === 1 ? peType : peProvince, key as string | null, sex, n);
  }
  let eventTotal = 0;
  const eProvince = new Map<string | null, number>();
  const eType = new Map<string, number>();
  const eQuarter = new Map<string, number>();
  for (const [province, type, q, n] of events) {
    const k = Number(n);
    eventTotal += k;
    count(eProvince, province as string | null, k);
    count(eType, type as string, k);
    count(eQuarter, q as string, k);
  }
  // By the person's organisation and district (a person has one of each, so groups add up) and by age band.
  const byOrg = new Map<string | null, Pair>();
  const byDistrict = new Map<string | null, Pair>();
  const byBand = new Map<string | null, Pair>();
  const pair = <K>(map: Map<K, Pair>, key: K, sex: unknown, nPeople: unknown, nParts: unknown) => {
    let p = map.get(key);
    if (!p) map.set(key, (p = { participations: empty(), people: empty() }));
    add(p.people, sex, nPeople);
    add(p.participations, sex, nParts);
  };
  for (const [kind, org, district, band, sex, nPeople, nParts] of persons) {
    if (Number(kind) === 0) {
      pair(byOrg, org as string | null, sex, nPeople, nParts);
      pair(byDistrict, district as string | null, sex, nPeople, nParts);
    } else pair(byBand, band as string | null, sex, nPeople, nParts);
  }
  const keys = <K>(...maps: Array<Map<K, unknown>>) => [...new Set(maps.flatMap((m) => [...m.keys()]))];
  return canonicalReport({
    from: query.from,
    to: query.to,
    events: eventTotal,
    participations: parts,
    people: peopleTotal,
    byOrganizationType: keys<string | null>(pType, peType).map((type) => ({
      type,
      participations: pType.get(type) ?? empty(),
      people: peType.get(type) ?? empty(),
    })),
    byProvince: keys<string | null>(pProvince, peProvince, eProvince).map((province) => ({
      province,
      events: eProvince.get(province) ?? 0,
      participations: pProvince.get(province) ?? empty(),
      people: peProvince.get(province) ?? empty(),
    })),
    byEventType: keys<string>(pEventType, eType).map((type) => ({ type, events: eType.get(type) ?? 0, participations: pEventType.get(type) ?? empty() })),
    byQuarter: keys<string>(pQuarter, eQuarter).map((q) => ({ quarter: q, events: eQuarter.get(q) ?? 0, participations: pQuarter.get(q) ?? empty() })),
    byOrganization: [...byOrg].map(([organizationId, p]) => ({ organizationId, hidden: false, ...p })),
    byDistrict: [...byDistrict].map(([district, p]) => ({ district, hidden: false, ...p })),
    byAgeBand: [...byBand].map(([band, p]) => ({ band, ...p })),
  });
}

const byKey =
  <T>(key: (item: T) => string | null) =>
  (a: T, b: T) =>
    String(key(a)).localeCompare(String(key(b)));
const sexCounts = (c: SexCounts) => ({ total: c.total, female: c.female, male: c.male, other: c.other, unknown: c.unknown });

/** The report with its lists sorted by key and its fields in one order, for comparing numbers only. */
export function canonicalReport(r: {
  from: string;
  to: string;
  events: number;
  participations: SexCounts;
  people: SexCounts;
  byOrganizationType: Array<{ type: string | null; participations: SexCounts; people: SexCounts }>;
  byProvince: Array<{ province: string | null; events: number; participations: SexCounts; people: SexCounts }>;
  byEventType: Array<{ type: string; events: number; participations: SexCounts }>;
  byQuarter: Array<{ quarter: string; events: number; participations: SexCounts }>;
  byOrganization: Array<{ organizationId: string | null; hidden: boolean; participations: SexCounts; people: SexCounts }>;
  byDistrict: Array<{ district: string | null; hidden: boolean; participations: SexCounts; people: SexCounts }>;
  byAgeBand: Array<{ band: string | null; participations: SexCounts; people: SexCounts }>;
}) {
  return {
    from: r.from,
    to: r.to,
    events: r.events,
    participations: sexCounts(r.participations),
    people: sexCounts(r.people),
    byOrganizationType: r.byOrganizationType
      .map((x) => ({ type: x.type, participations: sexCounts(x.participations), people: sexCounts(x.people) }))
      .sort(byKey((x) => x.type)),
    byProvince: r.byProvince
      .map((x) => ({ province: x.province, events: x.events, participations: sexCounts(x.participations), people: sexCounts(x.people) }))
      .sort(byKey((x) => x.province)),
    byEventType: r.byEventType.map((x) => ({ type: x.type, events: x.events, participations: sexCounts(x.participations) })).sort(byKey((x) => x.type)),
    byQuarter: r.byQuarter.map((x) => ({ quarter: x.quarter, events: x.events, participations: sexCounts(x.participations) })).sort(byKey((x) => x.quarter)),
    byOrganization: r.byOrganization
      .map((x) => ({ organizationId: x.organizationId, hidden: x.hidden, participations: sexCounts(x.participations), people: sexCounts(x.people) }))
      .sort(byKey((x) => x.organizationId)),
    byDistrict: r.byDistrict
      .map((x) => ({ district: x.district, hidden: x.hidden, participations: sexCounts(x.participations), people: sexCounts(x.people) }))
      .sort(byKey((x) => x.district)),
    byAgeBand: r.byAgeBand.map((x) => ({ band: x.band, participations: sexCounts(x.participations), people: sexCounts(x.people) })).sort(byKey((x) => x.band)),
  };
}

/** The report figures: name and query (the admin sees every country). */
export const REPORT_CASES: Array<[string, ProgrammeReportQuery]> = [
  ['programme_report_all', { from: '2019-01-01', to: '2025-12-31' }],
  ['programme_report_province_year', { from: '2023-01-01', to: '2023-12-31', province: 'Punjab' }],
  // A topic within one country: the report's topic and country filters (event_topics, event_country).
  ['programme_report_topic_country', { from: '2019-01-01', to: '2025-12-31', topic: 'Victim identification', countryCode: 'PK' }],
];

/**
 * Each report figure three ways, interleaved run by run: the app (`programmeReport`, as the route
 * calls it), the naive form and the baseline (see naiveReport and buildBaseline). All three must
 * give the same numbers, checked on the first round (a warm-up, or at x10 the one timed run). On
 * SQLite the CPU time of each is kept too.
 */
export async function benchReports(
  db: Db,
  raw: RawDb,
  actor: Actor,
  runs: number,
  log: (line: string) => void,
  options: { only?: string; warmup?: number } = {},
): Promise<Result[]> {
  const cases = REPORT_CASES.filter(([name]) => options.only === undefined || options.only === name);
  const baseline = await buildBaseline(raw);
  log(
    `report baseline built in ${baseline.seconds.toFixed(1)} s (${baseline.factRows.toLocaleString('en')} counted participations in the compact copy; not in the figures)`,
  );
  const results: Result[] = [];
  // The app's first report reads its report columns (what every report after a write pays, timed as
  // programme_report_after_write): read here, outside the figures, as a running server would have them.
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await programmeReport(db, actor, { from: '1900-01-01', to: '1900-01-01' });
  const used = process.cpuUsage(cpu0);
  log(
    `report columns read in ${(performance.now() - start).toFixed(0)} ms (CPU ${((used.user + used.system) / 1000).toFixed(0)} ms), ${(reportColumnsStatus(db).bytes / 1e6).toFixed(1)} MB of typed arrays; not in the figures`,
  );
  try {
    for (const [name, query] of cases) {
      const t = await compareForms(
        {
          baseline: () => baselineReport(raw, baseline, query),
          naive: () => naiveReport(raw, query),
          app: () => programmeReport(db, actor, query),
        },
        runs,
        options.warmup,
        (answers) => {
          const app = answers.app as ProgrammeReport;
          const expected = canonicalReport(app);
          assertSameJson(`${name} (naive)`, expected, answers.naive);
          assertSameJson(`${name} (baseline)`, expected, answers.baseline);
          log(
            `${name}: ${app.events} events, ${app.participations.total} participations, ${app.people.total} people — same numbers by the naive and the baseline SQL`,
          );
        },
      );
      const result = timingWithNaive(name, t.app, t.baseline, t.naive, raw.engine === 'sqlite');
      results.push(result);
      log(
        `${name}: app ${result.value} ms, baseline ${result.baseline} ms, naive ${result.naive} ms${result.cpuMs === undefined ? '' : ` (CPU ${result.cpuMs} / ${result.baselineCpuMs} / ${result.naiveCpuMs} ms)`}`,
      );
    }
    if (options.only === undefined || options.only === AFTER_WRITE) results.push(await afterWrite(db, raw, actor, baseline, runs, log, options.warmup));
  } finally {
    await dropBaseline(raw);
  }
  return results;
}

/** The whole-period report right after a write: what the app pays to read its report columns again. */
export const AFTER_WRITE = 'programme_report_after_write';

/**
 * Each run first writes one participation, in one transaction: its `attended` turned over and back
 * (the triggers remove and add its fact, and move the counter of the report copy, migration 0024;
 * the numbers stay), then makes the whole-period report, in all three forms alike: the app's answer
 * is then never one it kept. A write that changes no fact would leave the copy as it is.
 */
async function afterWrite(db: Db, raw: RawDb, actor: Actor, baseline: Baseline, runs: number, log: (line: string) => void, warmup?: number): Promise<Result> {
  const query = REPORT_CASES[0]?.[1] ?? { from: '2019-01-01', to: '2025-12-31' };
  const id = String((await raw.all("SELECT id FROM participations WHERE role = 'participant' LIMIT 1"))[0]?.[0]);
  const turn = `UPDATE participations SET attended = NOT attended WHERE id = '${id.replace(/'/g, "''")}'`;
  const touch = () => raw.exec(`BEGIN; ${turn}; ${turn}; COMMIT`);
  const t = await compareForms(
    {
      baseline: async () => (await touch(), baselineReport(raw, baseline, query)),
      naive: async () => (await touch(), naiveReport(raw, query)),
      app: async () => (await touch(), programmeReport(db, actor, query)),
    },
    runs,
    warmup,
    (answers) => {
      const expected = canonicalReport(answers.app as ProgrammeReport);
      assertSameJson(`${AFTER_WRITE} (naive)`, expected, answers.naive);
      assertSameJson(`${AFTER_WRITE} (baseline)`, expected, answers.baseline);
    },
  );
  const result = timingWithNaive(AFTER_WRITE, t.app, t.baseline, t.naive, raw.engine === 'sqlite');
  log(
    `${AFTER_WRITE}: app ${result.value} ms, baseline ${result.baseline} ms, naive ${result.naive} ms${result.cpuMs === undefined ? '' : ` (CPU ${result.cpuMs} / ${result.baselineCpuMs} / ${result.naiveCpuMs} ms)`}`,
  );
  return result;
}
