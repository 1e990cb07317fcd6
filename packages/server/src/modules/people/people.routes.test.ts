import type { ApiError, DuplicateCandidate, HistoryEntry, Organization, Page, ParticipantList, Person } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';
type CreatedPerson = Person & { possibleDuplicates: DuplicateCandidate[] };

async function createPerson(payload: Record<string, unknown>, role: Role = 'admin') {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as(role), payload });
  expect(response.statusCode, response.body).toBe(201);
  return json<CreatedPerson>(response);
}

async function createOrganization(name: string) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/organizations',
    headers: ctx.as('admin'),
    payload: { name, type: 'law_enforcement', countryCode: 'PK' },
  });
  expect(response.statusCode).toBe(201);
  return json<Organization>(response);
}

const get = (url: string, role: Role = 'viewer') => ctx.app.inject({ method: 'GET', url, headers: ctx.as(role) });

async function addParticipant(eventId: string, personId: string) {
  const response = await ctx.app.inject({ method: 'POST', url: `/api/events/${eventId}/participants`, headers: ctx.as('admin'), payload: { personId } });
  expect(response.statusCode, response.body).toBe(201);
}

async function mark(eventId: string, personId: string, date: string, present: boolean) {
  const response = await ctx.app.inject({
    method: 'PUT',
    url: `/api/events/${eventId}/attendance`,
    headers: ctx.as('admin'),
    payload: { personId, date, present },
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('people', () => {
  it('creates a person with 201 and an id, and reads them back', async () => {
    const org = await createOrganization('Sindh Police');
    const created = await createPerson({
      fullName: 'Zainab Qureshi',
      sex: 'female',
      organizationId: org.id,
      designation: 'Inspector',
      province: 'Sindh',
      phone: '0321-5550001',
      email: 'Zainab@Example.PK',
      birthYear: 1985,
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({
      fullName: 'Zainab Qureshi',
      sex: 'female',
      email: 'zainab@example.pk',
      countryCode: 'PK',
      organization: { id: org.id, name: 'Sindh Police', type: 'law_enforcement' },
    });
    const { possibleDuplicates, ...person } = created;
    expect(possibleDuplicates).toEqual([]);
    const read = await get(`/api/people/${created.id}`);
    expect(read.statusCode).toBe(200);
    expect(json<Person>(read)).toEqual(person);
  });

  it('refuses invalid fields with 400 and their paths', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: ctx.as('admin'),
      payload: { fullName: '', sex: 'f', email: 'not-an-email', phone: 'call me', birthYear: 1800 },
    });
    expect(response.statusCode).toBe(400);
    const paths = json<ApiError>(response).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['fullName', 'sex', 'email', 'phone', 'birthYear']));
  });

  it('refuses an unknown organisation with 400 on organizationId', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: ctx.as('admin'),
      payload: { fullName: 'Nobody Known', sex: 'male', organizationId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details[0]?.path).toBe('organizationId');
  });

  it('lists page by page: limit and nextCursor walk everybody once', async () => {
    const names = ['Pager Aamir', 'Pager Bushra', 'Pager Fahad', 'Pager Hina', 'Pager Kamran', 'Pager Nida', 'Pager Omar'];
    for (const fullName of names.toReversed()) await createPerson({ fullName, sex: 'unknown' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await get(`/api/people?q=pager&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page: Page<Person> = json<Page<Person>>(response);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((p) => p.fullName));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(names);
  });

  it('pages through people with the same name without losing or repeating anyone', async () => {
    const created = [];
    for (let i = 0; i < 5; i += 1) created.push((await createPerson({ fullName: 'Samename Person', sex: 'male' })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Person> = json<Page<Person>>(await get(`/api/people?q=samename&limit=2${cursor ? `&cursor=${cursor}` : ''}`));
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen.toSorted()).toEqual(created.toSorted());
  });

  it('searches by the start of any word of the name, by email and by phone, and filters by sex', async () => {
    const target = await createPerson({ fullName: 'Syed Tariq Mehmood', sex: 'male', phone: '0333 9876543', email: 'tariq.m@example.org' });
    await createPerson({ fullName: 'Tariqa Begum', sex: 'female' });
    const names = async (query: string) => json<Page<Person>>(await get(`/api/people?${query}`)).items.map((p) => p.fullName);
    expect(await names('q=mehm')).toEqual(['Syed Tariq Mehmood']);
    expect(await names('q=TARIQ')).toEqual(['Syed Tariq Mehmood', 'Tariqa Begum']);
    expect(await names('q=tariq&sex=female')).toEqual(['Tariqa Begum']);
    expect(await names('q=Tariq.M%40Example.org')).toEqual(['Syed Tariq Mehmood']);
    expect(await names('q=923339876543')).toEqual([target.fullName]);
    expect(await names(`q=${encodeURIComponent('0333-9876543')}`)).toEqual([target.fullName]);
  });

  it('patches a person and history records who changed what', async () => {
    const created = await createPerson({ fullName: 'Patch Person', sex: 'unknown', designation: 'Clerk' }, 'trainer');
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/people/${created.id}`,
      headers: ctx.as('programme_manager'),
      payload: { sex: 'female', designation: '' },
    });
    expect(response.statusCode).toBe(200);
    expect(json<Person>(response)).toMatchObject({ fullName: 'Patch Person', sex: 'female', designation: null });
    const history = json<{ items: HistoryEntry[] }>(await get(`/api/people/${created.id}/history`));
    expect(history.items.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history.items[0]).toMatchObject({ userId: ctx.users.programme_manager.id, userName: 'Test programme_manager' });
    expect(history.items[0]?.changes).toEqual({ sex: { from: 'unknown', to: 'female' }, designation: { from: 'Clerk', to: null } });
    expect(history.items[1]?.userId).toBe(ctx.users.trainer.id);
  });

  it('deletes a person who took part in nothing, and refuses one who did with 409', async () => {
    const lonely = await createPerson({ fullName: 'Delete Able', sex: 'male' });
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/people/${lonely.id}`, headers: ctx.as('trainer') })).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/people/${lonely.id}`, headers: ctx.as('programme_manager') })).statusCode).toBe(204);
    expect((await get(`/api/people/${lonely.id}`)).statusCode).toBe(404);

    const { event } = await seedEvent(ctx);
    const busy = await createPerson({ fullName: 'Busy Participant', sex: 'female' });
    await addParticipant(event.id, busy.id);
    const refused = await ctx.app.inject({ method: 'DELETE', url: `/api/people/${busy.id}`, headers: ctx.as('admin') });
    expect(refused.statusCode).toBe(409);
    expect(json<ApiError>(refused).error.code).toBe('conflict');
    expect((await get(`/api/people/${busy.id}`)).statusCode).toBe(200);
  });

  it('a viewer may not create, edit or delete people', async () => {
    const someone = await createPerson({ fullName: 'Viewer Target', sex: 'male' });
    expect((await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('viewer'), payload: { fullName: 'X', sex: 'male' } })).statusCode).toBe(
      403,
    );
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/people/${someone.id}`, headers: ctx.as('viewer'), payload: { fullName: 'Y' } })).statusCode,
    ).toBe(403);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/people/${someone.id}`, headers: ctx.as('viewer') })).statusCode).toBe(403);
  });
});

describe('possible duplicates', () => {
  it('flags the same phone written nationally and internationally', async () => {
    const first = await createPerson({ fullName: 'Shahid Afridi', sex: 'male', phone: '0300-1234567' });
    const second = await createPerson({ fullName: 'S. Afridi', sex: 'male', phone: '+92 300 1234567' });
    expect(second.possibleDuplicates).toHaveLength(1);
    expect(second.possibleDuplicates[0]?.person.id).toBe(first.id);
    expect(second.possibleDuplicates[0]?.reasons).toEqual(['same_phone']);
  });

  it('flags the same email written in another case', async () => {
    const first = await createPerson({ fullName: 'Maria Gul', sex: 'female', email: 'maria.gul@example.org' });
    const second = await createPerson({ fullName: 'Mariam Gul', sex: 'female', email: 'MARIA.Gul@Example.org' });
    expect(second.possibleDuplicates.map((d) => [d.person.id, d.reasons])).toEqual([[first.id, ['same_email']]]);
  });

  it('flags "M. Ali Khan" against "Muhammad Ali Khan" in the same organisation only', async () => {
    const fia = await createOrganization('FIA Duplicates Wing');
    const other = await createOrganization('Other Duplicates Wing');
    const first = await createPerson({ fullName: 'Muhammad Ali Khan', sex: 'male', organizationId: fia.id });
    const second = await createPerson({ fullName: 'M. Ali Khan', sex: 'male', organizationId: fia.id });
    expect(second.possibleDuplicates.map((d) => [d.person.id, d.reasons])).toEqual([[first.id, ['same_name_same_organization']]]);
    // The same name in another organisation is somebody else.
    const third = await createPerson({ fullName: 'Ali Khan', sex: 'male', organizationId: other.id });
    expect(third.possibleDuplicates).toEqual([]);
  });

  it('does not flag a different person', async () => {
    await createPerson({ fullName: 'Unique Person One', sex: 'female', phone: '0301 1111111', email: 'one@example.org' });
    const second = await createPerson({ fullName: 'Unique Person Two', sex: 'female', phone: '0301 2222222', email: 'two@example.org' });
    expect(second.possibleDuplicates).toEqual([]);
  });

  it('GET /api/people/duplicates finds candidates before creating, and can leave one record out', async () => {
    const org = await createOrganization('Lookup Directorate');
    const known = await createPerson({ fullName: 'Farah Naz', sex: 'female', organizationId: org.id, phone: '0345 7654321', email: 'farah@example.org' });
    const response = await get(
      `/api/people/duplicates?fullName=${encodeURIComponent('Mrs Farah Naz')}&organizationId=${org.id}&phone=${encodeURIComponent('+923457654321')}&email=FARAH%40example.org`,
    );
    expect(response.statusCode).toBe(200);
    const { candidates } = json<{ candidates: DuplicateCandidate[] }>(response);
    expect(candidates).toHaveLength(1);
    expect(candidates[0]?.person.id).toBe(known.id);
    expect(candidates[0]?.reasons).toEqual(['same_email', 'same_phone', 'same_name_same_organization']);
    const excluded = json<{ candidates: DuplicateCandidate[] }>(await get(`/api/people/duplicates?email=farah%40example.org&excludeId=${known.id}`));
    expect(excluded.candidates).toEqual([]);
    expect(json<{ candidates: DuplicateCandidate[] }>(await get('/api/people/duplicates')).candidates).toEqual([]);
  });
});

describe('merging people', () => {
  it('keeps every participation: moves those at other events, joins those at the same event with the days united', async () => {
    const { event: onlyKept } = await seedEvent(ctx, { title: 'Kept only', startDate: '2025-01-06', endDate: '2025-01-07' });
    const { event: onlyDuplicate } = await seedEvent(ctx, { title: 'Duplicate only', startDate: '2025-02-03', endDate: '2025-02-04' });
    const { event: both } = await seedEvent(ctx, { title: 'Both', startDate: '2025-03-10', endDate: '2025-03-12' });
    const keep = await createPerson({ fullName: 'Merge Keeper', sex: 'unknown', phone: '0312 0000001' });
    const duplicate = await createPerson({ fullName: 'Merge Keeper (copy)', sex: 'female', email: 'keeper@example.org', designation: 'Prosecutor' });

    await addParticipant(onlyKept.id, keep.id);
    await addParticipant(onlyDuplicate.id, duplicate.id);
    await addParticipant(both.id, keep.id);
    await addParticipant(both.id, duplicate.id);
    await mark(both.id, keep.id, '2025-03-10', true);
    await mark(both.id, keep.id, '2025-03-12', false);
    await mark(both.id, duplicate.id, '2025-03-11', true);
    await mark(both.id, duplicate.id, '2025-03-12', true);

    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/people/${keep.id}/merge`,
      headers: ctx.as('programme_manager'),
      payload: { duplicateId: duplicate.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    const result = json<{ person: Person; movedParticipations: number; joinedParticipations: number }>(response);
    expect(result.movedParticipations).toBe(1);
    expect(result.joinedParticipations).toBe(1);
    // Blank fields come from the duplicate; the kept record's own values stay.
    expect(result.person).toMatchObject({
      id: keep.id,
      fullName: 'Merge Keeper',
      sex: 'female',
      email: 'keeper@example.org',
      designation: 'Prosecutor',
      phone: '0312 0000001',
    });

    expect((await get(`/api/people/${duplicate.id}`)).statusCode).toBe(404);
    const participations = json<{ items: Array<{ eventId: string; attended: boolean }> }>(await get(`/api/people/${keep.id}/participations`));
    expect(participations.items.map((p) => p.eventId).sort()).toEqual([onlyKept.id, onlyDuplicate.id, both.id].sort());

    const list = json<ParticipantList>(await get(`/api/events/${both.id}/participants`));
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      personId: keep.id,
      sex: 'female',
      presentDates: ['2025-03-10', '2025-03-11', '2025-03-12'],
      absentDates: [],
      attended: true,
    });
    const moved = json<ParticipantList>(await get(`/api/events/${onlyDuplicate.id}/participants`));
    expect(moved.items.map((p) => p.personId)).toEqual([keep.id]);

    const rows = await ctx.db.selectFrom('participations').select(['person_id', 'days_present', 'person_sex']).where('event_id', '=', both.id).execute();
    expect(rows).toEqual([{ person_id: keep.id, days_present: 3, person_sex: 'female' }]);
    expect(await ctx.db.selectFrom('attendance').select('date').where('person_id', '=', duplicate.id).execute()).toEqual([]);

    const history = json<{ items: HistoryEntry[] }>(await get(`/api/people/${keep.id}/history`));
    expect(history.items[0]).toMatchObject({ action: 'merge', userId: ctx.users.programme_manager.id });
    expect(history.items[0]?.note).toContain('1 participations moved, 1 joined');
  });

  it('refuses to merge a person with themselves (400)', async () => {
    const person = await createPerson({ fullName: 'Self Merger', sex: 'male' });
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/merge`,
      headers: ctx.as('admin'),
      payload: { duplicateId: person.id },
    });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details[0]?.path).toBe('duplicateId');
    expect((await get(`/api/people/${person.id}`)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown duplicate and 403 for a trainer', async () => {
    const person = await createPerson({ fullName: 'Lone Keeper', sex: 'male' });
    const other = await createPerson({ fullName: 'Lone Other', sex: 'male' });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/merge`,
      headers: ctx.as('admin'),
      payload: { duplicateId: '00000000-0000-7000-8000-000000000000' },
    });
    expect(unknown.statusCode).toBe(404);
    const trainer = await ctx.app.inject({
      method: 'POST',
      url: `/api/people/${person.id}/merge`,
      headers: ctx.as('trainer'),
      payload: { duplicateId: other.id },
    });
    expect(trainer.statusCode).toBe(403);
    expect((await get(`/api/people/${other.id}`)).statusCode).toBe(200);
  });
});
