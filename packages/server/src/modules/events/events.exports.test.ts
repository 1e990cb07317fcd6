import type { Role } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { aboutOf, readCsvExport, readXlsxExport } from '../../../test/exports.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';

/**
 * The event list and participant list exports: the list's filters and country limits, labels not
 * codes, the about sheet, Urdu, the audit entry, and who may call them.
 *
 * A programme of Pakistan and Afghanistan. E1: training, held, Punjab, 2025-03-10, organised by the
 * Afghan Border Agency, partner Punjab Police; participants Ayesha (PK, Police, Inspector, attended)
 * and Dawood (AF, not attended). E2: workshop, planned, Sindh, 2025-09-01, topic gender. E3: meeting,
 * held, Kabul (AF), 2025-05-05. Every user but the admin works in Pakistan only.
 */
describe.each(testEngines())('event and participant list exports on %s', (engine) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
    const programme = await make.programme(ctx, { name: 'Two-country programme', countries: ['PK', 'AF'] });
    ids.programme = programme.id;
    const police = await make.organization(ctx, { name: 'Punjab Police', acronym: 'PP', type: 'law_enforcement', countryCode: 'PK' });
    const border = await make.organization(ctx, { name: 'Border Agency', type: 'government', countryCode: 'AF' });
    const e1 = await make.event(ctx, {
      programmeId: programme.id,
      title: 'Victim identification training',
      type: 'training',
      status: 'held',
      province: 'Punjab',
      city: 'Lahore',
      startDate: '2025-03-10',
      endDate: '2025-03-11',
      organizerIds: [border.id],
      partnerIds: [police.id],
    });
    const e2 = await make.event(ctx, {
      programmeId: programme.id,
      title: 'Referral workshop',
      type: 'workshop',
      status: 'planned',
      province: 'Sindh',
      city: 'Karachi',
      startDate: '2025-09-01',
      endDate: '2025-09-01',
      topics: ['gender'],
    });
    const e3 = await make.event(ctx, {
      programmeId: programme.id,
      title: 'Kabul coordination meeting',
      type: 'meeting',
      status: 'held',
      province: null,
      city: 'Kabul',
      countryCode: 'AF',
      startDate: '2025-05-05',
      endDate: '2025-05-05',
    });
    Object.assign(ids, { e1: e1.id, e2: e2.id, e3: e3.id });
    const ayesha = await make.person(ctx, { fullName: 'Ayesha Khan', sex: 'female', organizationId: police.id, designation: 'Inspector', province: 'Punjab' });
    const dawood = await make.person(ctx, { fullName: 'Dawood Afghan', sex: 'male', organizationId: border.id, countryCode: 'AF' });
    for (const [personId, attended] of [
      [ayesha.id, true],
      [dawood.id, false],
    ] as const) {
      const added = await callRoute(ctx, 'addParticipant', { params: { id: e1.id }, body: { personId, attended } });
      expect(added.status, added.raw).toBe(201);
    }
  });
  afterAll(async () => ctx.close());

  const get = (url: string, role: Role | null = 'viewer') => ctx.app.inject({ method: 'GET', url, headers: role ? ctx.as(role) : {} });
  const ok = async (url: string, role: Role = 'viewer') => {
    const response = await get(url, role);
    expect(response.statusCode, response.body).toBe(200);
    return response;
  };

  it('exports every event the list shows, with labels, not codes, and an about block', async () => {
    const response = await ok('/api/events/export?format=csv', 'admin');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="hifazat-events-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csv = readCsvExport(response.rawPayload);
    expect(csv.title).toBe('About this export');
    expect(csv.about.get('Report')).toBe('Events');
    expect(csv.about.get('Rows')).toBe('3');
    expect(csv.about.get('Filters')).toBe('None');
    expect(csv.about.get('Made by')).toBe('Test admin');
    const events = csv.sections.get('Events');
    expect(events?.header.slice(0, 9)).toEqual(['Title', 'Programme', 'Type', 'Status', 'Start date', 'End date', 'City', 'Province', 'Country']);
    const row = (title: string) => events?.rows.find((r) => r[0] === title) ?? [];
    const at = (title: string, column: string) => row(title)[events?.header.indexOf(column) ?? -1];
    expect(row('Victim identification training').slice(0, 9)).toEqual([
      'Victim identification training',
      'Two-country programme',
      'Training',
      'Held',
      '2025-03-10',
      '2025-03-11',
      'Lahore',
      'Punjab',
      'Pakistan (PK)',
    ]);
    expect(at('Victim identification training', 'Organisers')).toBe('Border Agency');
    expect(at('Victim identification training', 'Partners')).toBe('Punjab Police (PP)');
    expect(at('Victim identification training', 'Participants')).toBe('1');
    expect(at('Referral workshop', 'Status')).toBe('Planned');
    expect(at('Kabul coordination meeting', 'Country')).toBe('Afghanistan (AF)');
    // Newest first, as the list.
    expect(events?.rows.map((r) => r[0])).toEqual(['Referral workshop', 'Kabul coordination meeting', 'Victim identification training']);
  });

  it('takes the list’s filters, holds the same events as the list, and names each filter in the about sheet', async () => {
    const query = `programmeId=${ids.programme}&type=workshop&status=planned&province=Sindh&topic=Gender&from=2025-01-01&to=2025-12-31&q=referral`;
    const list = await callRoute(ctx, 'listEvents', {
      query: {
        programmeId: ids.programme,
        type: 'workshop',
        status: 'planned',
        province: 'Sindh',
        topic: 'Gender',
        from: '2025-01-01',
        to: '2025-12-31',
        q: 'referral',
      },
    });
    const sheets = await readXlsxExport((await ok(`/api/events/export?format=xlsx&${query}`)).rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['About this export', 'Events']);
    expect(sheets[1]?.rows.slice(1).map((r) => r[0])).toEqual(list.body?.items.map((e) => e.title));
    expect(list.body?.items.map((e) => e.title)).toEqual(['Referral workshop']);
    const about = aboutOf(sheets[0]);
    expect(Object.fromEntries([...about].filter(([k]) => !['Made on'].includes(k)))).toEqual({
      Report: 'Events',
      Rows: 1,
      Search: 'referral',
      Programme: 'Two-country programme',
      'Type of event': 'Workshop',
      Status: 'Planned',
      Province: 'Sindh',
      Topic: 'Gender',
      From: '2025-01-01',
      To: '2025-12-31',
      'Made by': 'Test viewer',
    });
  });

  it('keeps to the user’s countries, as the list does: no Afghan event, the Afghan organiser counted, not named', async () => {
    const csv = readCsvExport((await ok('/api/events/export?format=csv')).rawPayload);
    const events = csv.sections.get('Events');
    expect(events?.rows.map((r) => r[0])).toEqual(['Referral workshop', 'Victim identification training']);
    const organisers = events?.header.indexOf('Organisers') ?? -1;
    expect(events?.rows[1]?.[organisers]).toBe('From another country: 1');
    expect(csv.lines.flat().join(' ')).not.toMatch(/Border Agency|Kabul/);
  });

  it('in Urdu: Urdu sheet names, headings and labels, right to left', async () => {
    const sheets = await readXlsxExport((await ok('/api/events/export?format=xlsx&lang=ur&status=held')).rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['اس برآمد کے بارے میں', 'تقریبات']);
    expect(sheets.every((s) => s.rightToLeft)).toBe(true);
    expect(aboutOf(sheets[0]).get('حیثیت')).toBe('منعقد ہو چکی');
    const [header, row] = sheets[1]?.rows ?? [];
    expect(header?.slice(0, 4)).toEqual(['عنوان', 'پروگرام', 'قسم', 'حیثیت']);
    expect(row?.slice(2, 4)).toEqual(['تربیت', 'منعقد ہو چکی']);
    expect(row?.[7]).toBe('پنجاب');
  });

  it('exports an event’s participants with labels, and the event in the about sheet', async () => {
    const response = await ok(`/api/events/${ids.e1}/participants/export?format=csv`, 'admin');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="hifazat-participants-2025-03-10-[0-9a-f]{8}\.csv"$/);
    const csv = readCsvExport(response.rawPayload);
    expect(csv.about.get('Event')).toBe('Victim identification training');
    expect(csv.about.get('Programme')).toBe('Two-country programme');
    expect(csv.about.get('Period')).toBe('2025-03-10 – 2025-03-11');
    expect(csv.about.get('Made by')).toBe('Test admin');
    const list = csv.sections.get('Participants');
    expect(list?.header).toEqual([
      'Full name',
      'Sex',
      'Organisation',
      'Designation',
      'Province',
      'Role',
      'Attended (no day register)',
      'Attended',
      'Days present',
    ]);
    expect(list?.rows).toContainEqual(['Ayesha Khan', 'Female', 'Punjab Police (PP)', 'Inspector', 'Punjab', 'Participant', 'Yes', 'Yes', '']);
    expect(list?.rows).toContainEqual(['Dawood Afghan', 'Male', 'Border Agency', '', '', 'Participant', 'No', 'No', '']);
  });

  it('to a user of Pakistan, the Afghan participant is counted and masked, as on the participants tab; in Urdu too', async () => {
    const sheets = await readXlsxExport((await ok(`/api/events/${ids.e1}/participants/export?format=xlsx&lang=ur`)).rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['اس برآمد کے بارے میں', 'شرکاء']);
    const rows = sheets[1]?.rows ?? [];
    expect(rows[0]?.slice(0, 3)).toEqual(['پورا نام', 'جنس', 'ادارہ']);
    expect(rows[1]?.slice(0, 8)).toEqual(['Ayesha Khan', 'خاتون', 'Punjab Police (PP)', 'Inspector', 'پنجاب', 'شریک', 'ہاں', 'ہاں']);
    expect(rows[2]?.slice(0, 8)).toEqual(['کسی دوسرے ملک سے ایک شریک', 'مرد', null, null, null, 'شریک', 'نہیں', 'نہیں']);
    expect(JSON.stringify(rows)).not.toMatch(/Dawood|Border Agency/);
  });

  it('answers 404 for an event of another country or none, like the participants list', async () => {
    expect((await get(`/api/events/${ids.e3}/participants/export?format=csv`)).statusCode).toBe(404);
    expect((await get(`/api/events/${ids.e3}/participants`)).statusCode).toBe(404);
    expect((await get('/api/events/00000000-0000-4000-8000-000000000000/participants/export?format=csv')).statusCode).toBe(404);
  });

  it('lets every signed-in role export, as the lists; nobody without a session', async () => {
    for (const role of ['admin', 'programme_manager', 'trainer', 'viewer'] as const) {
      expect((await get('/api/events/export?format=csv', role)).statusCode, role).toBe(200);
      expect((await get(`/api/events/${ids.e1}/participants/export?format=xlsx`, role)).statusCode, role).toBe(200);
    }
    expect((await get('/api/events/export?format=csv', null)).statusCode).toBe(401);
    expect((await get(`/api/events/${ids.e1}/participants/export?format=csv`, null)).statusCode).toBe(401);
  });

  it('writes an access entry per export (the filters, no personal data), kept out of the event’s history', async () => {
    await ok(`/api/events/${ids.e1}/participants/export?format=csv&lang=ur`, 'trainer');
    await ok('/api/events/export?format=xlsx&province=Punjab', 'trainer');
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['entity_type', 'entity_id', 'action', 'note'])
      .where('user_id', '=', ctx.users.trainer.id)
      .where('action', '=', 'export')
      .orderBy('seq')
      .execute();
    expect(entries.slice(-2).map((e) => [e.entity_type, e.entity_id, JSON.parse(e.note ?? '{}') as unknown])).toEqual([
      ['event', ids.e1, { list: 'participants', format: 'csv', lang: 'ur' }],
      ['event', null, { list: 'events', format: 'xlsx', lang: 'en', province: 'Punjab' }],
    ]);
    const history = await callRoute(ctx, 'eventHistory', { params: { id: ids.e1 ?? '' } });
    expect(history.body?.items.map((i) => i.action)).not.toContain('export');
  });

  it('answers 400, never 500, to values it cannot take', async () => {
    const bad = [
      '/api/events/export',
      '/api/events/export?format=pdf',
      '/api/events/export?format=csv&lang=fr',
      '/api/events/export?format=csv&status=done',
      '/api/events/export?format=csv&type=party',
      '/api/events/export?format=csv&from=2025-02-30',
      '/api/events/export?format=csv&programmeId=nope',
      '/api/events/export?format=csv&countryCode=XX',
      `/api/events/export?format=csv&q=${'x'.repeat(201)}`,
      `/api/events/${ids.e1}/participants/export`,
      `/api/events/${ids.e1}/participants/export?format=xls`,
      '/api/events/not-an-id/participants/export?format=csv',
    ];
    for (const url of bad) expect((await get(url)).statusCode, url).toBe(400);
  });
});
