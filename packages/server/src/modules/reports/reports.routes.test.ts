import type { ApiError, Dashboard, ProgrammeReport, SexCounts } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { neutralizeFormula } from '../../shared/spreadsheet.js';
import { aboutOf, readCsvExport, readXlsxExport } from '../../../test/exports.js';

/**
 * A small programme built by hand; every expected number below is counted by hand from this list.
 *
 * People: Ayesha (female, Police), Bilal (male, Police), Chand (other, NGO), Dua (unknown, no
 * organisation), Erum (female, NGO), Tahir (male, no organisation; only ever a trainer).
 *
 * Events, all in Pakistan, period 2025-01-01 … 2025-12-31:
 *   E1 programme A, training, Punjab, 2025-01-01 (first day of the period), topic gender:
 *      Ayesha attended (recorded directly), Bilal attended (present on a day), Chand registered but
 *      never came, Tahir the trainer attended.
 *   E2 programme A, workshop, Sindh, 2025-04-01: Ayesha, Erum, Dua attended.
 *   E3 programme A, training, Punjab, 2025-06-30: Ayesha, Chand attended.
 *   E4 programme B, meeting, Sindh, 2025-12-31 (last day of the period): Bilal attended.
 *   E5 programme A, training, Punjab, 2025-05-01, cancelled, topic gender: Erum attended. Left out.
 *   E6 programme A, training, Punjab, 2024-12-31, topic gender: Ayesha attended. Before the period.
 *   E7 programme A, training, Punjab, 2026-01-01: Bilal attended. After the period.
 *   E8 programme A, workshop, Balochistan, 2025-09-10, planned: nobody yet.
 *
 * Counted (held events, the default): E1 E2 E3 E4 = 4; E8 only when planned events are asked for. Participations: E1 2 + E2 3 + E3 2 + E4 1 = 8
 * (female: Ayesha ×3 + Erum = 4; male: Bilal ×2 = 2; other: Chand = 1; unknown: Dua = 1).
 * Unique people: Ayesha, Bilal, Chand, Dua, Erum = 5 (2 female, 1 male, 1 other, 1 unknown).
 */

let ctx: TestContext;
const ids: Record<string, string> = {};
const PERIOD = 'from=2025-01-01&to=2025-12-31';

const counts = (female: number, male: number, other: number, unknown: number): SexCounts => ({
  total: female + male + other + unknown,
  female,
  male,
  other,
  unknown,
});
const none = counts(0, 0, 0, 0);

async function post<T>(url: string, payload: Record<string, unknown>): Promise<T> {
  const response = await ctx.app.inject({ method: 'POST', url, headers: ctx.as('admin'), payload });
  expect(response.statusCode, `${url} ${response.body}`).toBe(201);
  return json<T>(response);
}

const report = async (query: string) => {
  const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme?${query}`, headers: ctx.as('viewer') });
  expect(response.statusCode, response.body).toBe(200);
  return json<ProgrammeReport>(response);
};

beforeAll(async () => {
  ctx = await createTestContext();
  ids.A = (await post<{ id: string }>('/api/programmes', { name: 'Programme A', countries: ['PK'] })).id;
  ids.B = (await post<{ id: string }>('/api/programmes', { name: 'Programme B', countries: ['PK'] })).id;
  const police = await post<{ id: string }>('/api/organizations', { name: 'Report Police', type: 'law_enforcement', countryCode: 'PK' });
  const ngo = await post<{ id: string }>('/api/organizations', { name: 'Report NGO', type: 'civil_society', countryCode: 'PK' });
  ids.ngo = ngo.id;
  const people: Array<[string, string, string | null]> = [
    ['Ayesha', 'female', police.id],
    ['Bilal', 'male', police.id],
    ['Chand', 'other', ngo.id],
    ['Dua', 'unknown', null],
    ['Erum', 'female', ngo.id],
    ['Tahir', 'male', null],
  ];
  for (const [name, sex, organizationId] of people) {
    ids[name] = (await post<{ id: string }>('/api/people', { fullName: `${name} Report`, sex, organizationId, countryCode: 'PK' })).id;
  }
  const events: Array<[string, string, string, string, string, Record<string, unknown>]> = [
    ['E1', 'A', 'training', 'Punjab', '2025-01-01', { topics: ['gender'] }],
    ['E2', 'A', 'workshop', 'Sindh', '2025-04-01', {}],
    ['E3', 'A', 'training', 'Punjab', '2025-06-30', {}],
    ['E4', 'B', 'meeting', 'Sindh', '2025-12-31', {}],
    ['E5', 'A', 'training', 'Punjab', '2025-05-01', { status: 'cancelled', topics: ['Gender'] }],
    ['E6', 'A', 'training', 'Punjab', '2024-12-31', { topics: ['gender'] }],
    ['E7', 'A', 'training', 'Punjab', '2026-01-01', {}],
    ['E8', 'A', 'workshop', 'Balochistan', '2025-09-10', { status: 'planned' }],
  ];
  for (const [key, programme, type, province, date, extra] of events) {
    ids[key] = (
      await post<{ id: string }>('/api/events', {
        programmeId: ids[programme],
        title: `Event ${key}`,
        type,
        province,
        startDate: date,
        endDate: date,
        city: 'City',
        countryCode: 'PK',
        ...extra,
      })
    ).id;
  }
  const places: Array<[string, string, Record<string, unknown>]> = [
    ['E1', 'Ayesha', { attended: true }],
    ['E1', 'Bilal', {}],
    ['E1', 'Chand', {}],
    ['E1', 'Tahir', { role: 'trainer', attended: true }],
    ['E2', 'Ayesha', { attended: true }],
    ['E2', 'Erum', { attended: true }],
    ['E2', 'Dua', { attended: true }],
    ['E3', 'Ayesha', { attended: true }],
    ['E3', 'Chand', { attended: true }],
    ['E4', 'Bilal', { attended: true }],
    ['E5', 'Erum', { attended: true }],
    ['E6', 'Ayesha', { attended: true }],
    ['E7', 'Bilal', { attended: true }],
  ];
  for (const [event, name, extra] of places) await post(`/api/events/${ids[event]}/participants`, { personId: ids[name], ...extra });
  const day = await ctx.app.inject({
    method: 'PUT',
    url: `/api/events/${ids.E1}/attendance`,
    headers: ctx.as('admin'),
    payload: { personId: ids.Bilal, date: '2025-01-01', present: true },
  });
  expect(day.statusCode).toBe(200);
});
afterAll(async () => ctx.close());

describe('programme report', () => {
  it('counts events, participations and unique people by sex', async () => {
    const r = await report(PERIOD);
    expect(r.from).toBe('2025-01-01');
    expect(r.to).toBe('2025-12-31');
    expect(r.statuses).toEqual(['held']);
    expect(r.events).toBe(4);
    expect(r.participations).toEqual(counts(4, 2, 1, 1));
    expect(r.people).toEqual(counts(2, 1, 1, 1));
  });

  it('counts one person at three events as three participations and one person', async () => {
    const r = await report(`${PERIOD}&programmeId=${ids.A}&province=Punjab`);
    // E1 and E3 in Punjab for programme A: Ayesha twice, Bilal, Chand.
    expect(r.participations).toEqual(counts(2, 1, 1, 0));
    expect(r.people).toEqual(counts(1, 1, 1, 0));
    const all = await report(PERIOD);
    const police = all.byOrganizationType.find((g) => g.type === 'law_enforcement');
    // Ayesha at E1, E2, E3 and Bilal at E1, E4.
    expect(police).toEqual({ type: 'law_enforcement', participations: counts(3, 2, 0, 0), people: counts(1, 1, 0, 0) });
  });

  it('breaks down by organisation type, largest first, with people without an organisation as null', async () => {
    const r = await report(PERIOD);
    expect(r.byOrganizationType).toEqual([
      { type: 'law_enforcement', participations: counts(3, 2, 0, 0), people: counts(1, 1, 0, 0) },
      { type: 'civil_society', participations: counts(1, 0, 1, 0), people: counts(1, 0, 1, 0) },
      { type: null, participations: counts(0, 0, 0, 1), people: counts(0, 0, 0, 1) },
    ]);
  });

  it('breaks down by province, including a province with an event but nobody counted yet', async () => {
    const planned = await report(`${PERIOD}&status=planned`);
    expect(planned.byProvince).toEqual([{ province: 'Balochistan', events: 1, participations: none, people: none }]);
    const r = await report(PERIOD);
    expect(r.byProvince).toEqual([
      { province: 'Punjab', events: 2, participations: counts(2, 1, 1, 0), people: counts(1, 1, 1, 0) },
      { province: 'Sindh', events: 2, participations: counts(2, 1, 0, 1), people: counts(2, 1, 0, 1) },
    ]);
  });

  it('breaks down by quarter and by event type', async () => {
    const r = await report(PERIOD);
    expect(r.byQuarter).toEqual([
      { quarter: '2025-Q1', events: 1, participations: counts(1, 1, 0, 0) },
      { quarter: '2025-Q2', events: 2, participations: counts(3, 0, 1, 1) },
      { quarter: '2025-Q4', events: 1, participations: counts(0, 1, 0, 0) },
    ]);
    expect(r.byEventType).toEqual(
      expect.arrayContaining([
        { type: 'training', events: 2, participations: counts(2, 1, 1, 0) },
        { type: 'workshop', events: 1, participations: counts(2, 0, 0, 1) },
        { type: 'meeting', events: 1, participations: counts(0, 1, 0, 0) },
      ]),
    );
    expect(r.byEventType).toHaveLength(3);
  });

  it('filters by programme, province, event type and topic', async () => {
    const b = await report(`${PERIOD}&programmeId=${ids.B}`);
    expect([b.events, b.participations, b.people]).toEqual([1, counts(0, 1, 0, 0), counts(0, 1, 0, 0)]);
    const sindh = await report(`${PERIOD}&province=Sindh`);
    expect([sindh.events, sindh.participations, sindh.people]).toEqual([2, counts(2, 1, 0, 1), counts(2, 1, 0, 1)]);
    const workshops = await report(`${PERIOD}&type=workshop`);
    expect([workshops.events, workshops.participations, workshops.people]).toEqual([1, counts(2, 0, 0, 1), counts(2, 0, 0, 1)]);
    // E5 (cancelled) and E6 (before the period) share the topic and stay out.
    const gender = await report(`${PERIOD}&topic=GENDER`);
    expect([gender.events, gender.participations, gender.people]).toEqual([1, counts(1, 1, 0, 0), counts(1, 1, 0, 0)]);
    const nothing = await report(`${PERIOD}&topic=asset%20recovery`);
    expect([nothing.events, nothing.participations, nothing.byProvince]).toEqual([0, none, []]);
  });

  it('leaves cancelled events out', async () => {
    const may = await report('from=2025-05-01&to=2025-05-31');
    expect(may.events).toBe(0);
    expect(may.participations).toEqual(none);
  });

  it('includes events on the first and the last day of the period', async () => {
    const first = await report('from=2025-01-01&to=2025-01-01');
    expect([first.events, first.participations.total]).toEqual([1, 2]);
    const last = await report('from=2025-12-31&to=2025-12-31');
    expect([last.events, last.participations.total]).toEqual([1, 1]);
    const around = await report('from=2024-12-31&to=2026-01-01');
    expect([around.events, around.participations.total]).toEqual([6, 10]);
  });

  it('refuses a missing "to", a "to" before "from" and an impossible date with 400', async () => {
    for (const query of ['from=2025-01-01', 'from=2025-12-31&to=2025-01-01', 'from=2025-01-01&to=2025-13-01']) {
      const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme?${query}`, headers: ctx.as('viewer') });
      expect(response.statusCode, query).toBe(400);
      const error = json<ApiError>(response).error;
      expect(error.code).toBe('validation_failed');
      expect(error.details.map((d) => d.path)).toContain('to');
    }
  });
});

describe('report exports', () => {
  it('CSV starts with a BOM, says what it holds, and has every breakdown as a section with the same numbers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${PERIOD}&format=csv`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="hifazat-programme-report-2025-01-01-2025-12-31.csv"');
    const csv = readCsvExport(response.rawPayload);
    expect(csv.title).toBe('About this export');
    expect(csv.about.get('Period')).toBe('2025-01-01 – 2025-12-31');
    // Which events are counted, before the figures.
    expect(csv.about.get('Events counted')).toBe('Held');
    expect(csv.about.get('Filters')).toBe('None');
    expect(csv.about.get('Made by')).toBe('Test viewer');
    expect([...csv.sections.keys()]).toEqual([
      'Total',
      'By type of organisation',
      'By organisation',
      'By province',
      'By district',
      'By age',
      'By type of event',
      'Participations by quarter',
    ]);
    const total = csv.sections.get('Total');
    expect(total?.header).toEqual([
      'Group',
      'Events',
      'Participations: Total',
      'Participations: Female',
      'Participations: Male',
      'Participations: Other',
      'Participations: Not recorded',
      'Unique people: Total',
      'Unique people: Female',
      'Unique people: Male',
      'Unique people: Other',
      'Unique people: Not recorded',
    ]);
    expect(total?.rows).toEqual([['Total', '4', '8', '4', '2', '1', '1', '5', '2', '1', '1', '1']]);
    expect(csv.sections.get('By province')?.rows).toContainEqual(['Punjab', '2', '4', '2', '1', '1', '0', '3', '1', '1', '1', '0']);
    expect(csv.sections.get('By type of organisation')?.rows).toContainEqual(['Not recorded', '1', '0', '0', '0', '1', '1', '0', '0', '0', '1']);
    expect(csv.sections.get('By type of organisation')?.rows).toContainEqual(['Law enforcement', '5', '3', '2', '0', '0', '2', '1', '1', '0', '0']);
    expect(csv.sections.get('Participations by quarter')?.rows).toContainEqual(['Q2 2025', '2', '5', '3', '0', '1', '1']);
    expect(csv.sections.get('By type of event')?.rows).toContainEqual(['Training', '2', '4', '2', '1', '1', '0']);
    // No code is left as it is stored.
    expect(csv.lines.flat().filter((cell) => /^(law_enforcement|civil_society|training|workshop|held|female|unknown)$/.test(cell))).toEqual([]);
  });

  it('XLSX has the about sheet first, then one sheet per breakdown with the same numbers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${PERIOD}&format=xlsx`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheets = await readXlsxExport(response.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual([
      'About this export',
      'Total',
      'By type of organisation',
      'By organisation',
      'By province',
      'By district',
      'By age',
      'By type of event',
      'Participations by quarter',
    ]);
    const about = aboutOf(sheets[0]);
    expect(about.get('Report')).toBe('Programme report');
    expect(about.get('Period')).toBe('2025-01-01 – 2025-12-31');
    expect(about.get('Made by')).toBe('Test viewer');
    expect(String(about.get('Made on'))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    expect(sheets[1]?.rows[1]).toEqual(['Total', 4, 8, 4, 2, 1, 1, 5, 2, 1, 1, 1]);
    expect(sheets.find((s) => s.name === 'By province')?.rows).toContainEqual(['Sindh', 2, 4, 2, 1, 0, 1, 4, 2, 1, 0, 1]);
    const byOrganization = sheets.find((s) => s.name === 'By organisation')?.rows ?? [];
    expect(byOrganization[0]?.slice(0, 3)).toEqual(['Group', 'Type', 'Participations: Total']);
    expect(byOrganization).toContainEqual(['Report Police', 'Law enforcement', 5, 3, 2, 0, 0, 2, 1, 1, 0, 0]);
    expect(byOrganization).toContainEqual(['Not recorded', null, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1]);
    expect(sheets.every((s) => !s.rightToLeft)).toBe(true);
  });

  it('refuses an unknown format with 400', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${PERIOD}&format=pdf`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(400);
  });

  it('neutralises a text cell that a spreadsheet would run as a formula, in CSV and XLSX', async () => {
    const evil = '=HYPERLINK("http://evil.example","click")';
    const eventId = (
      await post<{ id: string }>('/api/events', {
        programmeId: ids.A,
        title: 'Formula',
        type: 'training',
        province: evil,
        startDate: '2023-06-01',
        endDate: '2023-06-01',
        city: 'City',
        countryCode: 'PK',
      })
    ).id;
    await post(`/api/events/${eventId}/participants`, { personId: ids.Dua, attended: true });
    const period = 'from=2023-01-01&to=2023-12-31';
    expect((await report(period)).byProvince[0]?.province).toBe(evil);

    const csv = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${period}&format=csv`, headers: ctx.as('viewer') });
    const csvText = csv.rawPayload.toString('utf8');
    expect(csvText).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")",1,1`);
    expect(csvText).not.toMatch(/(^|,)"?=HYPERLINK/m);

    const xlsx = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${period}&format=xlsx`, headers: ctx.as('viewer') });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)));
    const provinceCell = cells.find((c) => typeof c.value === 'string' && c.value.includes('HYPERLINK'));
    expect(provinceCell?.value).toBe(`'${evil}`);
    expect(provinceCell?.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});

describe('neutralizeFormula', () => {
  it('prefixes text that starts like a formula with an apostrophe', () => {
    for (const text of ['=1+1', '+92 300', '-2', '@SUM(A1)', '\tx', '\rx']) expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text, numbers, null and empty text alone', () => {
    expect(neutralizeFormula('Punjab')).toBe('Punjab');
    expect(neutralizeFormula('a=b')).toBe('a=b');
    expect(neutralizeFormula('')).toBe('');
    expect(neutralizeFormula(-5)).toBe(-5);
    expect(neutralizeFormula(0)).toBe(0);
    expect(neutralizeFormula(null)).toBeNull();
  });
});

describe('report facts follow the records', () => {
  it('a changed sex, organisation type or event province shows in the report at once', async () => {
    const before = await report(PERIOD);
    expect(before.participations).toEqual(counts(4, 2, 1, 1));
    expect((await ctx.app.inject({ method: 'PATCH', url: `/api/people/${ids.Dua}`, headers: ctx.as('admin'), payload: { sex: 'female' } })).statusCode).toBe(
      200,
    );
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/organizations/${ids.ngo}`, headers: ctx.as('admin'), payload: { type: 'academia' } })).statusCode,
    ).toBe(200);
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/events/${ids.E4}`, headers: ctx.as('admin'), payload: { province: 'Punjab' } })).statusCode,
    ).toBe(200);
    const after = await report(PERIOD);
    expect(after.participations).toEqual(counts(5, 2, 1, 0));
    expect(after.people).toEqual(counts(3, 1, 1, 0));
    expect(after.byOrganizationType.find((g) => g.type === 'academia')?.participations).toEqual(counts(1, 0, 1, 0));
    expect(after.byOrganizationType.find((g) => g.type === 'civil_society')).toBeUndefined();
    expect(after.byProvince.find((p) => p.province === 'Punjab')).toMatchObject({ events: 3, participations: counts(2, 2, 1, 0) });
  });

  it('cancelling an event takes it and its participations out of the report', async () => {
    const before = await report(PERIOD);
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/events/${ids.E3}`, headers: ctx.as('admin'), payload: { status: 'cancelled' } })).statusCode,
    ).toBe(200);
    const after = await report(PERIOD);
    // E3 had Ayesha (female) and Chand (other).
    expect(after.events).toBe(before.events - 1);
    expect(after.participations).toEqual({
      ...before.participations,
      total: before.participations.total - 2,
      female: before.participations.female - 1,
      other: before.participations.other - 1,
    });
    expect(after.people.other).toBe(0);
  });

  it('the dashboard counts records the user may see', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/reports/dashboard', headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    const dashboard = json<Dashboard>(response);
    expect(dashboard.events).toBe(9);
    expect(dashboard.people).toBe(6);
    expect(dashboard.organizations).toBe(2);
  });
});

describe('which events a report counts (issue 7: planned events were counted as held)', () => {
  let own: TestContext;
  const year = new Date().toISOString().slice(0, 4);
  const get = async <T>(url: string) => {
    const response = await own.app.inject({ method: 'GET', url, headers: own.as('viewer') });
    expect(response.statusCode, response.body).toBe(200);
    return response.headers['content-type']?.toString().startsWith('application/json') ? json<T>(response) : (response.body as T);
  };

  beforeAll(async () => {
    own = await createTestContext();
    const create = async (url: string, payload: Record<string, unknown>) => {
      const response = await own.app.inject({ method: 'POST', url, headers: own.as('admin'), payload });
      expect(response.statusCode, response.body).toBe(201);
      return json<{ id: string }>(response).id;
    };
    const programmeId = await create('/api/programmes', { name: 'Status programme', countries: ['PK'] });
    const person = async (fullName: string, sex: string) => create('/api/people', { fullName, sex, countryCode: 'PK' });
    const event = async (title: string, date: string, status: string) =>
      create('/api/events', { programmeId, title, type: 'training', startDate: date, endDate: date, city: 'Lahore', countryCode: 'PK', status });
    // Held in January, planned for late December (people already listed as attending), cancelled in June.
    const held = await event('Held', `${year}-01-15`, 'held');
    const planned = await event('Planned for December', `${year}-12-28`, 'planned');
    const cancelled = await event('Cancelled', `${year}-06-10`, 'cancelled');
    await create(`/api/events/${held}/participants`, { personId: await person('Held One', 'female'), attended: true });
    for (const name of ['Planned One', 'Planned Two'])
      await create(`/api/events/${planned}/participants`, { personId: await person(name, 'male'), attended: true });
    await create(`/api/events/${cancelled}/participants`, { personId: await person('Cancelled One', 'other'), attended: true });
  });
  afterAll(async () => own.close());

  it('counts held events only by default: the event planned for December is not counted', async () => {
    const r = await get<ProgrammeReport>(`/api/reports/programme?from=${year}-01-01&to=${year}-12-31`);
    expect(r.statuses).toEqual(['held']);
    expect([r.events, r.participations]).toEqual([1, counts(1, 0, 0, 0)]);
    expect(r.byQuarter.map((q) => q.quarter)).toEqual([`${year}-Q1`]);
  });

  it('counts planned, cancelled or every event when asked', async () => {
    const planned = await get<ProgrammeReport>(`/api/reports/programme?from=${year}-01-01&to=${year}-12-31&status=planned`);
    expect([planned.statuses, planned.events, planned.participations]).toEqual([['planned'], 1, counts(0, 2, 0, 0)]);
    const cancelled = await get<ProgrammeReport>(`/api/reports/programme?from=${year}-01-01&to=${year}-12-31&status=cancelled`);
    expect([cancelled.statuses, cancelled.events, cancelled.participations]).toEqual([['cancelled'], 1, counts(0, 0, 1, 0)]);
    const all = await get<ProgrammeReport>(`/api/reports/programme?from=${year}-01-01&to=${year}-12-31&status=all`);
    expect([all.statuses, all.events, all.participations]).toEqual([['planned', 'held', 'cancelled'], 3, counts(1, 2, 1, 0)]);
  });

  it('refuses an unknown status with 400 naming the parameter', async () => {
    const response = await own.app.inject({
      method: 'GET',
      url: `/api/reports/programme?from=${year}-01-01&to=${year}-12-31&status=done`,
      headers: own.as('viewer'),
    });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details.map((d) => d.path)).toContain('status');
  });

  it('the export says which statuses it counts, and counts as the report does', async () => {
    const held = await get<string>(`/api/reports/programme/export?from=${year}-01-01&to=${year}-12-31&format=csv`);
    expect(held).toContain('Events counted,Held\n');
    expect(held).toContain('Total,1,1,1,0,0,0,');
    const all = await get<string>(`/api/reports/programme/export?from=${year}-01-01&to=${year}-12-31&format=csv&status=all`);
    expect(all).toContain('Events counted,"Planned, Held, Cancelled"');
    expect(all).toContain('Total,3,4,1,2,1,0,');
  });

  it('the dashboard counts this year’s participations at held events, as the report does', async () => {
    const dashboard = await get<Dashboard>('/api/reports/dashboard');
    expect(dashboard.participationsThisYear).toEqual(counts(1, 0, 0, 0));
  });
});
