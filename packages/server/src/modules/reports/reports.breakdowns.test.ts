import type { ProgrammeReport, SexCounts } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { aboutOf, readCsvExport, readXlsxExport } from '../../../test/exports.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';

/**
 * The breakdowns by organisation, district and age band, and the exports' labels, about sheet and
 * languages, on factory data counted by hand.
 *
 * Organisations: Punjab Police (law enforcement, PK), Aware NGO (civil society, PK), Border Agency
 * (government, AF). People (sex, organisation, district, year of birth, country):
 *   A female, Police, Lahore, 1985, PK      B male, Police, Lahore, 2009, PK
 *   C female, NGO, Multan, —, PK            D male, Border Agency, Kabul, 1960, AF
 *   E other, —, —, 1980, PK                 F female, —, —, 2000, PK
 *   G male, Border Agency, Quetta, —, PK
 * Events (PK, held): E1 training, Punjab, 2024-05-01: A, D, F. E2 workshop, Sindh, 2025-03-10: A B C D E F G.
 * Period 2024-01-01 … 2025-12-31: 10 participations, 7 people.
 * Ages (the event's year minus the year of birth): A 39, 40 (35–44 twice); B 16 (under 18); D 64, 65
 * (55+); E 45 (45–54); F 24 then 25 (18–24 once, 25–34 once: one person in two bands); C, G not recorded.
 */
const counts = (female: number, male: number, other: number, unknown = 0): SexCounts => ({
  total: female + male + other + unknown,
  female,
  male,
  other,
  unknown,
});
const PERIOD = 'from=2024-01-01&to=2025-12-31';

describe.each(testEngines())('programme report breakdowns and exports on %s', (engine) => {
  let ctx: TestContext;
  let programmeId: string;

  beforeAll(async () => {
    // Everyone but the admin works in Pakistan only.
    ctx = await createTestContext(engine, { countries: ['PK'] });
    programmeId = (await make.programme(ctx, { name: 'Border Programme', countries: ['PK'] })).id;
    const police = await make.organization(ctx, { name: 'Punjab Police', type: 'law_enforcement', countryCode: 'PK' });
    const ngo = await make.organization(ctx, { name: 'Aware NGO', type: 'civil_society', countryCode: 'PK' });
    const border = await make.organization(ctx, { name: 'Border Agency', type: 'government', countryCode: 'AF' });
    const person = async (
      fullName: string,
      sex: 'female' | 'male' | 'other',
      organizationId: string | null,
      district: string | null,
      birthYear: number | null,
      countryCode = 'PK',
    ) => (await make.person(ctx, { fullName, sex, organizationId, district, birthYear, countryCode })).id;
    const A = await person('Ayesha A', 'female', police.id, 'Lahore', 1985);
    const B = await person('Bilal B', 'male', police.id, 'Lahore', 2009);
    const C = await person('Chanda C', 'female', ngo.id, 'Multan', null);
    const D = await person('Dawood D', 'male', border.id, 'Kabul', 1960, 'AF');
    const E = await person('Emaan E', 'other', null, null, 1980);
    const F = await person('Fatima F', 'female', null, null, 2000);
    const G = await person('Ghulam G', 'male', border.id, 'Quetta', null);
    const e1 = await make.event(ctx, { programmeId, type: 'training', province: 'Punjab', startDate: '2024-05-01', endDate: '2024-05-01', status: 'held' });
    const e2 = await make.event(ctx, { programmeId, type: 'workshop', province: 'Sindh', startDate: '2025-03-10', endDate: '2025-03-10', status: 'held' });
    for (const [eventId, people] of [
      [e1.id, [A, D, F]],
      [e2.id, [A, B, C, D, E, F, G]],
    ] as const) {
      for (const personId of people) {
        const added = await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId, attended: true } });
        expect(added.status, added.raw).toBe(201);
      }
    }
  });
  afterAll(async () => ctx.close());

  const report = async (role: 'admin' | 'viewer') => {
    const answer = await callRoute(ctx, 'programmeReport', { query: { from: '2024-01-01', to: '2025-12-31' } }, role);
    expect(answer.status, answer.raw).toBe(200);
    return answer.body as ProgrammeReport;
  };
  const file = async (query: string, role: 'admin' | 'viewer' = 'viewer') => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${query}`, headers: ctx.as(role) });
    expect(response.statusCode, response.body).toBe(200);
    return response.rawPayload;
  };

  it('counts participations and unique people by organisation, by sex, named ones first by size', async () => {
    const r = await report('admin');
    expect([r.participations.total, r.people.total]).toEqual([10, 7]);
    expect(r.byOrganization.map((o) => [o.name, o.type, o.hidden, o.participations, o.people])).toEqual([
      ['Border Agency', 'government', false, counts(0, 3, 0), counts(0, 2, 0)],
      ['Punjab Police', 'law_enforcement', false, counts(2, 1, 0), counts(1, 1, 0)],
      ['Aware NGO', 'civil_society', false, counts(1, 0, 0), counts(1, 0, 0)],
      [null, null, false, counts(2, 0, 1), counts(1, 0, 1)],
    ]);
  });

  it('counts by the district where each participant is registered, not recorded last', async () => {
    const r = await report('admin');
    expect(r.byDistrict.map((d) => [d.district, d.hidden, d.participations, d.people])).toEqual([
      ['Kabul', false, counts(0, 2, 0), counts(0, 1, 0)],
      ['Lahore', false, counts(2, 1, 0), counts(1, 1, 0)],
      ['Multan', false, counts(1, 0, 0), counts(1, 0, 0)],
      ['Quetta', false, counts(0, 1, 0), counts(0, 1, 0)],
      [null, false, counts(2, 0, 1), counts(1, 0, 1)],
    ]);
  });

  it('counts by age in the year of each event: a person who turned 25 between two events is in both bands', async () => {
    const r = await report('admin');
    expect(r.byAgeBand.map((b) => [b.band, b.participations, b.people])).toEqual([
      ['under_18', counts(0, 1, 0), counts(0, 1, 0)],
      ['18_24', counts(1, 0, 0), counts(1, 0, 0)],
      ['25_34', counts(1, 0, 0), counts(1, 0, 0)],
      ['35_44', counts(2, 0, 0), counts(1, 0, 0)],
      ['45_54', counts(0, 0, 1), counts(0, 0, 1)],
      ['55_plus', counts(0, 2, 0), counts(0, 1, 0)],
      [null, counts(1, 1, 0), counts(1, 1, 0)],
    ]);
    const sum = r.byAgeBand.reduce((n, b) => n + b.participations.total, 0);
    expect(sum).toBe(r.participations.total);
  });

  it('a user of Pakistan sees other countries’ participants and organisations counted together, not named', async () => {
    const r = await report('viewer');
    expect([r.participations.total, r.people.total]).toEqual([10, 7]);
    expect(r.byOrganization.map((o) => [o.name, o.organizationId === null, o.hidden, o.participations, o.people])).toEqual([
      ['Punjab Police', false, false, counts(2, 1, 0), counts(1, 1, 0)],
      ['Aware NGO', false, false, counts(1, 0, 0), counts(1, 0, 0)],
      [null, true, false, counts(2, 0, 1), counts(1, 0, 1)],
      // D (of Afghanistan) twice and G (of Pakistan, in an Afghan agency) once.
      [null, true, true, counts(0, 3, 0), counts(0, 2, 0)],
    ]);
    expect(r.byDistrict.map((d) => [d.district, d.hidden, d.participations.total])).toEqual([
      ['Lahore', false, 3],
      ['Multan', false, 1],
      ['Quetta', false, 1],
      [null, false, 3],
      [null, true, 2],
    ]);
    const csv = (await file(`${PERIOD}&format=csv`)).toString('utf8');
    expect(csv).not.toContain('Border Agency');
    expect(csv).not.toContain('Kabul');
  });

  it('exports the new breakdowns with labels, in English', async () => {
    const csv = readCsvExport(await file(`${PERIOD}&format=csv`, 'admin'));
    expect(csv.sections.get('By organisation')?.rows).toContainEqual(['Punjab Police', 'Law enforcement', '3', '2', '1', '0', '0', '2', '1', '1', '0', '0']);
    expect(csv.sections.get('By district')?.rows[0]).toEqual(['Kabul', '2', '0', '2', '0', '0', '1', '0', '1', '0', '0']);
    expect(csv.sections.get('By age')?.rows.map((row) => row[0])).toEqual(['Under 18', '18–24', '25–34', '35–44', '45–54', '55 and over', 'Not recorded']);
    expect(csv.notes).toContain('Age in the year of the event: the event’s year minus the year of birth.');
  });

  it('states every filter with its label, the period, the statuses counted, who made it and when', async () => {
    const before = Date.now();
    const sheets = await readXlsxExport(
      await file(`${PERIOD}&format=xlsx&programmeId=${programmeId}&province=Punjab&type=training&topic=gender&countryCode=pk&status=all`),
    );
    const about = aboutOf(sheets[0]);
    expect(sheets[0]?.name).toBe('About this export');
    expect(about.get('Period')).toBe('2024-01-01 – 2025-12-31');
    expect(about.get('Events counted')).toBe('Planned, Held, Cancelled');
    expect(about.get('Programme')).toBe('Border Programme');
    expect(about.get('Province')).toBe('Punjab');
    expect(about.get('Type of event')).toBe('Training');
    expect(about.get('Topic')).toBe('gender');
    expect(about.get('Country')).toBe('Pakistan (PK)');
    expect(about.get('Made by')).toBe('Test viewer');
    const madeOn = Date.parse(`${String(about.get('Made on')).replace(' UTC', '')}:00Z`);
    expect(madeOn).toBeGreaterThanOrEqual(before - 60_000);
    expect(madeOn).toBeLessThanOrEqual(Date.now());
    expect(about.has('Filters')).toBe(false);
  });

  it('in Urdu (lang=ur): Urdu sheet names, headings, labels and filters, right to left, in the web’s words', async () => {
    const sheets = await readXlsxExport(await file(`${PERIOD}&format=xlsx&lang=ur&province=Punjab&type=training`));
    expect(sheets.map((s) => s.name)).toEqual([
      'اس برآمد کے بارے میں',
      'کل',
      'ادارے کی قسم کے لحاظ سے',
      'ادارے کے لحاظ سے',
      'صوبے کے لحاظ سے',
      'ضلع کے لحاظ سے',
      'عمر کے لحاظ سے',
      'تقریب کی قسم کے لحاظ سے',
      'سہ ماہی کے لحاظ سے شرکتیں',
    ]);
    expect(sheets.every((s) => s.rightToLeft)).toBe(true);
    const about = aboutOf(sheets[0]);
    expect(about.get('مدت')).toBe('2024-01-01 – 2025-12-31');
    expect(about.get('شمار ہونے والی تقریبات')).toBe('منعقد ہو چکی');
    expect(about.get('صوبہ')).toBe('پنجاب');
    expect(about.get('تقریب کی قسم')).toBe('تربیت');
    expect(about.get('تیار کنندہ')).toBe('Test viewer');
    expect(sheets[1]?.rows[0]?.slice(0, 4)).toEqual(['گروہ', 'تقریبات', 'شرکتیں: کل', 'شرکتیں: خاتون']);
    expect(sheets[2]?.rows.map((row) => row[0])).toContain('قانون نافذ کرنے والے ادارے');

    const csv = readCsvExport(await file(`${PERIOD}&format=csv&lang=ur`));
    expect(csv.title).toBe('اس برآمد کے بارے میں');
    expect(csv.about.get('فلٹر')).toBe('کوئی نہیں');
    expect(csv.sections.get('صوبے کے لحاظ سے')?.rows.map((row) => row[0])).toEqual(['پنجاب', 'سندھ']);
    expect(csv.sections.get('عمر کے لحاظ سے')?.rows.map((row) => row[0])).toContain('18 سال سے کم');
    expect(csv.sections.get('سہ ماہی کے لحاظ سے شرکتیں')?.rows.map((row) => row[0])).toEqual(['دوسری سہ ماہی 2024', 'پہلی سہ ماہی 2025']);
  });

  it('writes an access entry for each export, with its language, and answers 400 (never 500) to values it cannot take', async () => {
    await file(`${PERIOD}&format=csv&lang=ur`);
    const entries = await ctx.db.selectFrom('audit_log').select(['entity_type', 'action', 'note', 'user_id']).where('action', '=', 'export').execute();
    const last = entries.at(-1);
    expect([last?.entity_type, last?.user_id]).toEqual(['report', ctx.users.viewer.id]);
    expect(JSON.parse(last?.note ?? '{}')).toMatchObject({ report: 'programme', format: 'csv', lang: 'ur' });
    for (const bad of [
      'format=pdf',
      'format=csv&lang=fr',
      'format=',
      'lang=ur',
      'format=csv&status=done',
      'format=csv&type=party',
      'format=csv&programmeId=x',
    ]) {
      const response = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${PERIOD}&${bad}`, headers: ctx.as('viewer') });
      expect(response.statusCode, bad).toBe(400);
    }
    const badDate = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/programme/export?from=2025-02-30&to=2025-12-31&format=csv',
      headers: ctx.as('viewer'),
    });
    expect(badDate.statusCode).toBe(400);
    const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/reports/programme/export?${PERIOD}&format=csv` });
    expect(anonymous.statusCode).toBe(401);
  });
});
