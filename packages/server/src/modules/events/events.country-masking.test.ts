import type { ApiError, Event, EventSummary, HistoryEntry, Page, ParticipantList, Role } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { createUser } from '../users/users.service.js';

/**
 * Issue 7: a user limited to Pakistan read an Afghan participant's name, designation and agency
 * through a Pakistani event (its participants, summary and history) while /api/people/{id} answered
 * 404. Every user below except the administrator works in Pakistan only.
 *
 * A Pakistani event has Ayesha (Pakistan, Punjab Police) and Zarmina (Afghanistan, Afghan Border
 * Police "ABP", Commander) on its list, ABP among its organisers and partners, and an
 * Afghanistan-only trainer beside the Pakistani one.
 */
describe.each(testEngines())('other countries’ people through shared events, on %s', (engine) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  // Everything that must never reach a user limited to Pakistan.
  const secrets = () => [
    'Zarmina',
    'Commander',
    'Afghan Border',
    'ABP',
    'Kabul Trainer',
    '+93 700 111 222',
    'zarmina@example.af',
    ids.zarmina,
    ids.abp,
    ids.afTrainer,
  ];

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, role: Role, payload?: Record<string, unknown>, language?: string) =>
    ctx.app.inject({ method, url, headers: { ...ctx.as(role), ...(language ? { 'accept-language': language } : {}) }, ...(payload ? { payload } : {}) });
  const create = async (url: string, payload: Record<string, unknown>) => {
    const response = await call('POST', url, 'admin', payload);
    expect(response.statusCode, `${url} ${response.body}`).toBe(201);
    return json<{ id: string }>(response).id;
  };
  const expectNoSecrets = (body: string) => {
    for (const secret of secrets()) expect(body, `leaks ${secret}`).not.toContain(secret);
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
    ids.afTrainer = (
      await createUser(ctx.db, null, {
        email: `kabul-${engine}@test.example`,
        name: 'Kabul Trainer',
        role: 'trainer',
        password: TEST_PASSWORD,
        countries: ['AF'],
      })
    ).id;
    ids.programme = await create('/api/programmes', { name: 'Border programme', countries: ['PK', 'AF'] });
    ids.pp = await create('/api/organizations', { name: 'Punjab Police', acronym: 'PP', type: 'law_enforcement', countryCode: 'PK' });
    ids.abp = await create('/api/organizations', { name: 'Afghan Border Police', acronym: 'ABP', type: 'law_enforcement', countryCode: 'AF' });
    ids.ayesha = await create('/api/people', { fullName: 'Ayesha Pak', sex: 'female', organizationId: ids.pp, designation: 'Inspector', countryCode: 'PK' });
    ids.zarmina = await create('/api/people', {
      fullName: 'Zarmina Afghan',
      sex: 'female',
      organizationId: ids.abp,
      designation: 'Commander',
      phone: '+93 700 111 222',
      email: 'zarmina@example.af',
      countryCode: 'AF',
    });
    ids.event = await create('/api/events', {
      programmeId: ids.programme,
      title: 'Border workshop',
      type: 'workshop',
      startDate: '2025-03-10',
      endDate: '2025-03-11',
      city: 'Lahore',
      countryCode: 'PK',
      status: 'held',
      organizerIds: [ids.pp, ids.abp],
      partnerIds: [ids.abp],
      trainerUserIds: [ctx.users.trainer.id, ids.afTrainer],
    });
    await create(`/api/events/${ids.event}/participants`, { personId: ids.ayesha, attended: true });
    await create(`/api/events/${ids.event}/participants`, { personId: ids.zarmina, attended: true });
  }, 60_000);
  afterAll(async () => ctx.close());

  it('the person page answers 404, as before', async () => {
    expect((await call('GET', `/api/people/${ids.zarmina}`, 'viewer')).statusCode).toBe(404);
  });

  it('lists another country’s participant masked: counted, no id, name, designation or organisation', async () => {
    const response = await call('GET', `/api/events/${ids.event}/participants`, 'viewer');
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    const list = json<ParticipantList>(response);
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toMatchObject({
      personId: ids.ayesha,
      fullName: 'Ayesha Pak',
      hidden: false,
      designation: 'Inspector',
      organization: { id: ids.pp },
    });
    expect(list.items[1]).toEqual({
      personId: null,
      fullName: null,
      hidden: true,
      sex: 'female',
      designation: null,
      province: null,
      organization: null,
      role: 'participant',
      attendedDirect: true,
      presentDates: [],
      absentDates: [],
      attended: true,
    });
    // A user of every country sees both in full.
    const admin = json<ParticipantList>(await call('GET', `/api/events/${ids.event}/participants`, 'admin'));
    expect(admin.items.map((p) => [p.fullName, p.hidden])).toEqual([
      ['Ayesha Pak', false],
      ['Zarmina Afghan', false],
    ]);
  });

  it('keeps the summary’s totals by sex but names no other country’s organisation', async () => {
    const response = await call('GET', `/api/events/${ids.event}/summary`, 'viewer');
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    const summary = json<EventSummary>(response);
    expect(summary.participants).toEqual({ total: 2, female: 2, male: 0, other: 0, unknown: 0 });
    expect(summary.text.en).toBe('2 participants (2 female)');
    expect(summary.byOrganizationType).toEqual([{ type: 'law_enforcement', total: 2, female: 2, male: 0, other: 0, unknown: 0 }]);
    expect(summary.byOrganization).toEqual(
      expect.arrayContaining([
        { organizationId: ids.pp, name: 'Punjab Police', acronym: 'PP', hidden: false, total: 1, female: 1, male: 0, other: 0, unknown: 0 },
        { organizationId: null, name: null, acronym: null, hidden: true, total: 1, female: 1, male: 0, other: 0, unknown: 0 },
      ]),
    );
    expect(summary.byOrganization).toHaveLength(2);
  });

  it('counts other countries’ organisers, partners and trainers on the event without naming them', async () => {
    for (const url of [`/api/events/${ids.event}`, '/api/events']) {
      const response = await call('GET', url, 'viewer');
      expect(response.statusCode).toBe(200);
      expectNoSecrets(response.body);
    }
    const event = json<Event>(await call('GET', `/api/events/${ids.event}`, 'viewer'));
    expect(event.organizers.map((o) => o.id)).toEqual([ids.pp]);
    expect(event.partners).toEqual([]);
    expect(event.trainers).toEqual([{ id: ctx.users.trainer.id, name: 'Test trainer' }]);
    expect(event.trainerUserIds).toEqual([ctx.users.trainer.id]);
    expect([event.hiddenOrganizers, event.hiddenPartners, event.hiddenTrainers]).toEqual([1, 1, 1]);
    const admin = json<Event>(await call('GET', `/api/events/${ids.event}`, 'admin'));
    expect([admin.organizers.length, admin.partners.length, admin.trainers.length, admin.hiddenOrganizers]).toEqual([2, 1, 2, 0]);
  });

  it('masks the history: participant entries, organisers, partners and trainers of other countries', async () => {
    const response = await call('GET', `/api/events/${ids.event}/history`, 'viewer');
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    const items = json<{ items: HistoryEntry[] }>(response).items;
    const hiddenPlace = items.find((e) => 'participant:hidden-1' in e.changes);
    expect(hiddenPlace?.changes['participant:hidden-1']).toEqual({ from: null, to: { hidden: true, role: 'participant' } });
    expect(items.some((e) => JSON.stringify(e.changes[`participant:${ids.ayesha}`]?.to ?? null).includes('Ayesha Pak'))).toBe(true);
    const created = items.find((e) => e.action === 'create');
    expect(created?.changes.organizers?.to).toEqual([{ hidden: true }, { id: ids.pp, name: 'Punjab Police', acronym: 'PP', type: 'law_enforcement' }]);
    expect(created?.changes.trainers?.to).toEqual([{ hidden: true }, { id: ctx.users.trainer.id, name: 'Test trainer' }]);
    expect(created?.changes.partners?.to).toEqual([{ hidden: true }]);
    expect(created?.changes.trainerUserIds?.to).toEqual([ctx.users.trainer.id]);
    // The administrator reads what really happened.
    const admin = await call('GET', `/api/events/${ids.event}/history`, 'admin');
    expect(admin.body).toContain('Zarmina Afghan');
    expect(admin.body).toContain('Afghan Border Police');
  });

  it('keeps links the user cannot see when they change the lists, and refuses the hidden participant by id with 404', async () => {
    const patched = await call('PATCH', `/api/events/${ids.event}`, 'programme_manager', {
      organizerIds: [ids.pp],
      partnerIds: [],
      trainerUserIds: [ctx.users.trainer.id],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expectNoSecrets(patched.body);
    const admin = json<Event>(await call('GET', `/api/events/${ids.event}`, 'admin'));
    expect(admin.organizers.map((o) => o.id).sort()).toEqual([ids.pp, ids.abp].sort());
    expect(admin.partners.map((o) => o.id)).toEqual([ids.abp]);
    expect(admin.trainerUserIds.sort()).toEqual([ctx.users.trainer.id, ids.afTrainer].sort());
    for (const [method, url, payload] of [
      ['PATCH', `/api/events/${ids.event}/participants/${ids.zarmina}`, { role: 'observer' }],
      ['DELETE', `/api/events/${ids.event}/participants/${ids.zarmina}`, undefined],
      ['PUT', `/api/events/${ids.event}/attendance`, { personId: ids.zarmina, date: '2025-03-10', present: true }],
    ] as const) {
      const response = await call(method, url, 'programme_manager', payload);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expectNoSecrets(response.body);
    }
    const still = json<ParticipantList>(await call('GET', `/api/events/${ids.event}/participants`, 'admin'));
    expect(still.items.find((p) => p.personId === ids.zarmina)).toMatchObject({ role: 'participant', presentDates: [] });
  });

  it('answers an addition and a mark with the participant exactly as the list shows them, the other country’s organisation masked', async () => {
    // A Pakistani officer seconded to the Afghan Border Police: the person is seen, the agency is not.
    const seconded = await create('/api/people', {
      fullName: 'Bilal Seconded',
      sex: 'male',
      organizationId: ids.abp,
      designation: 'Liaison',
      countryCode: 'PK',
    });
    const listed = async () =>
      json<ParticipantList>(await call('GET', `/api/events/${ids.event}/participants`, 'programme_manager')).items.find((p) => p.personId === seconded);

    const added = await call('POST', `/api/events/${ids.event}/participants`, 'programme_manager', { personId: seconded, role: 'observer', attended: true });
    expect(added.statusCode, added.body).toBe(201);
    expectNoSecrets(added.body);
    expect(JSON.parse(added.body)).toEqual(await listed());
    expect(JSON.parse(added.body)).toMatchObject({ fullName: 'Bilal Seconded', organization: null, role: 'observer', attendedDirect: true, attended: true });

    // Marked absent on the only day marked: the days decide, so not attended any more.
    const marked = await call('PUT', `/api/events/${ids.event}/attendance`, 'programme_manager', { personId: seconded, date: '2025-03-11', present: false });
    expect(marked.statusCode, marked.body).toBe(200);
    expectNoSecrets(marked.body);
    expect(JSON.parse(marked.body)).toEqual(await listed());
    expect(JSON.parse(marked.body)).toMatchObject({ absentDates: ['2025-03-11'], attendedDirect: true, attended: false });

    // The administrator sees the agency in both answers.
    const byAdmin = await call('PUT', `/api/events/${ids.event}/attendance`, 'admin', { personId: seconded, date: '2025-03-10', present: true });
    expect(JSON.parse(byAdmin.body)).toMatchObject({ organization: { id: ids.abp }, presentDates: ['2025-03-10'], attended: true });
    expect((await call('DELETE', `/api/events/${ids.event}/participants/${seconded}`, 'admin')).statusCode).toBe(204);
  });

  it('a merge note names the person merged in only for users who may see them', async () => {
    const kept = await create('/api/people', { fullName: 'Rahim Merged', sex: 'male', countryCode: 'PK' });
    const duplicate = await create('/api/people', { fullName: 'Rahimullah Kabuli', sex: 'male', countryCode: 'AF' });
    const merged = await call('POST', `/api/people/${kept}/merge`, 'admin', { duplicateId: duplicate });
    expect(merged.statusCode, merged.body).toBe(200);
    const response = await call('GET', `/api/people/${kept}/history`, 'viewer');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('Rahimullah');
    expect(response.body).not.toContain(duplicate);
    const note = json<{ items: HistoryEntry[] }>(response).items.find((e) => e.action === 'merge')?.note;
    expect(note).toBe('Merged a person from another country: 0 participations moved, 0 joined');
    expect((await call('GET', `/api/people/${kept}/history`, 'admin')).body).toContain('Rahimullah Kabuli');
  });

  it('a delete refused because of records elsewhere names no other country’s records or their number', async () => {
    // A Pakistani agency that an Afghan person and an Afghan event use.
    const ngo = await create('/api/organizations', { name: 'Cross-border NGO', type: 'civil_society', countryCode: 'PK' });
    await create('/api/people', { fullName: 'Gulalai Kandahari', sex: 'female', organizationId: ngo, countryCode: 'AF' });
    const afEvent = await create('/api/events', {
      programmeId: ids.programme,
      title: 'Kabul seminar',
      type: 'meeting',
      startDate: '2025-04-01',
      endDate: '2025-04-01',
      city: 'Kabul',
      countryCode: 'AF',
      partnerIds: [ngo],
    });
    const org = await call('DELETE', `/api/organizations/${ngo}`, 'programme_manager');
    expect(org.statusCode).toBe(409);
    expect(json<ApiError>(org).error.message).toBe('This organisation is used by records in other countries; change those first');
    const orgUrdu = await call('DELETE', `/api/organizations/${ngo}`, 'programme_manager', undefined, 'ur');
    expect(json<ApiError>(orgUrdu).error.message).toBe('یہ ادارہ دوسرے ممالک کے ریکارڈ میں درج ہے؛ پہلے انہیں تبدیل کریں');
    // A Pakistani who took part in the Pakistani event and in the Afghan one.
    await create(`/api/events/${afEvent}/participants`, { personId: ids.ayesha });
    const person = await call('DELETE', `/api/people/${ids.ayesha}`, 'programme_manager');
    expect(person.statusCode).toBe(409);
    expect(json<ApiError>(person).error.message).toBe(
      'This person took part in 1 events, and in events in other countries; merge them into another record instead of deleting',
    );
    const personUrdu = await call('DELETE', `/api/people/${ids.ayesha}`, 'programme_manager', undefined, 'ur');
    expect(json<ApiError>(personUrdu).error.message).toBe(
      'یہ فرد 1 تقریبات میں، اور دوسرے ممالک کی تقریبات میں شریک رہے؛ حذف کرنے کے بجائے انہیں دوسرے ریکارڈ میں ضم کریں',
    );
    // The programme runs the Pakistani event and the Afghan one.
    const programme = await call('DELETE', `/api/programmes/${ids.programme}`, 'programme_manager');
    expect(programme.statusCode).toBe(409);
    expect(json<ApiError>(programme).error.message).toBe('This programme has 1 events, and events in other countries; move or delete them first');
    for (const response of [org, person, programme]) expect(response.body).not.toContain('Kabul');
    // A user of every country gets the whole count.
    const adminOrg = await call('DELETE', `/api/organizations/${ngo}`, 'admin');
    expect(json<ApiError>(adminOrg).error.message).toBe('This organisation is used by 2 people or events; change those first');
  });

  it('lists are filtered as before: the Afghan person is not among the people a Pakistan user finds', async () => {
    const response = await call('GET', '/api/people?q=zarmina', 'viewer');
    expect(json<Page<unknown>>(response).items).toEqual([]);
  });
});
