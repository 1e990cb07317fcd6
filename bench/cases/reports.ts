import type { ProgrammeReport, ProgrammeReportQuery, SexCounts } from '@hifazat/contract';
import { programmeReport, type Db, type Actor } from '../../packages/server/src/testing.js';
import { assertSameJson, compareMs, timingResult, type Result } from '../lib/measure.js';
import type { RawDb } from '../lib/raw.js';

const quarter = (column: string) => `substr(${column}, 1, 4) || '-Q' || cast((cast(substr(${column}, 6, 2) as integer) + 2) / 3 as text)`;

/**
 * The programme report in three hand-written statements, the fastest found on SQLite (see
 * docs/benchmarks.md): participation cells grouped once through participations_report_idx; the
 * three unique-people breakdowns from one materialised set of distinct (person, sex, organisation
 * type, province); events from the events table.
 */
export async function handWrittenReport(raw: RawDb, query: { from: string; to: string; province?: string }) {
  const params: unknown[] = [query.from, query.to, true];
  let where = `event_start_date >= ? AND event_start_date <= ? AND role = 'participant' AND attended = ? AND event_status = 'held'`;
  let eventWhere = `start_date >= ? AND start_date <= ? AND status = 'held'`;
  const eventParams: unknown[] = [query.from, query.to];
  if (query.province !== undefined) {
    where += ' AND event_province = ?';
    params.push(query.province);
    eventWhere += ' AND province = ?';
    eventParams.push(query.province);
  }
  const cells = await raw.all(
    `SELECT event_province, event_type, ${quarter('event_start_date')} AS q, organization_type, person_sex, count(*)
       FROM participations WHERE ${where} GROUP BY event_province, event_type, 3, organization_type, person_sex`,
    params,
  );
  const people = await raw.all(
    `WITH pp AS MATERIALIZED (
       SELECT person_id, person_sex, organization_type, event_province FROM participations WHERE ${where}
        GROUP BY person_id, person_sex, organization_type, event_province)
     SELECT 0, NULL, person_sex, count(DISTINCT person_id) FROM pp GROUP BY person_sex
     UNION ALL SELECT 1, organization_type, person_sex, count(DISTINCT person_id) FROM pp GROUP BY organization_type, person_sex
     UNION ALL SELECT 2, event_province, person_sex, count(DISTINCT person_id) FROM pp GROUP BY event_province, person_sex`,
    params,
  );
  const events = await raw.all(
    `SELECT province, type, ${quarter('start_date')} AS q, count(*) FROM events WHERE ${eventWhere} GROUP BY province, type, 3`,
    eventParams,
  );
  return assemble(query, cells, people, events);
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

/** Rows into the report's shape, with every list in a canonical order (so that only numbers are compared). */
function assemble(query: { from: string; to: string }, cells: unknown[][], people: unknown[][], events: unknown[][]) {
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
  };
}

export async function benchReports(db: Db, raw: RawDb, actor: Actor, runs: number, log: (line: string) => void): Promise<Result[]> {
  const cases: Array<[string, ProgrammeReportQuery & { province?: string }]> = [
    ['programme_report_all', { from: '2019-01-01', to: '2025-12-31' }],
    ['programme_report_province_year', { from: '2023-01-01', to: '2023-12-31', province: 'Punjab' }],
  ];
  const results: Result[] = [];
  for (const [name, query] of cases) {
    const app: ProgrammeReport = await programmeReport(db, actor, query);
    const hand = await handWrittenReport(raw, query);
    assertSameJson(name, canonicalReport(app), hand);
    log(`${name}: ${app.events} events, ${app.participations.total} participations, ${app.people.total} people — same numbers by hand-written SQL`);
    const t = await compareMs(
      () => programmeReport(db, actor, query),
      () => handWrittenReport(raw, query),
      runs,
    );
    results.push(timingResult(name, t.app, t.baseline));
  }
  return results;
}
