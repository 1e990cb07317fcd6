import type { ApiError, Organization, Person, PersonParticipations, Role } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

/**
 * Issue 7: a trainer edited any organisation's acronym and any person's phone, and could delete
 * events. A trainer adds people and organisations, changes only the people taking part in events
 * they train, changes no organisation and deletes no event. Users limited to some countries name
 * the country of every organisation they add.
 */
describe.each(testEngines())('what a trainer may change, on %s', (engine) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, role: Role, payload?: Record<string, unknown>) =>
    ctx.app.inject({ method, url, headers: ctx.as(role), ...(payload ? { payload } : {}) });
  const create = async (url: string, payload: Record<string, unknown>, role: Role = 'admin') => {
    const response = await call('POST', url, role, payload);
    expect(response.statusCode, `${url} ${response.body}`).toBe(201);
    return json<{ id: string }>(response).id;
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
    ids.programme = await create('/api/programmes', { name: 'Trainer limits', countries: ['PK'] });
    const event = (title: string, trainerUserIds: string[]) =>
      create('/api/events', {
        programmeId: ids.programme,
        title,
        type: 'training',
        startDate: '2025-02-01',
        endDate: '2025-02-02',
        city: 'Multan',
        countryCode: 'PK',
        trainerUserIds,
      });
    ids.trained = await event('Trained by the trainer', [ctx.users.trainer.id]);
    ids.other = await event('Someone else’s', []);
    ids.org = await create('/api/organizations', { name: 'Multan Police', acronym: 'MP', type: 'law_enforcement', countryCode: 'PK' });
    const person = (fullName: string) => create('/api/people', { fullName, sex: 'male', phone: '0300 1111111', countryCode: 'PK' });
    ids.onTrained = await person('On the trained event');
    ids.onOther = await person('On another event');
    ids.nowhere = await person('On no event');
    await create(`/api/events/${ids.trained}/participants`, { personId: ids.onTrained });
    await create(`/api/events/${ids.other}/participants`, { personId: ids.onOther });
  }, 60_000);
  afterAll(async () => ctx.close());

  it('changes a person taking part in an event they train', async () => {
    const response = await call('PATCH', `/api/people/${ids.onTrained}`, 'trainer', { phone: '0300 2222222' });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<Person>(response).phone).toBe('0300 2222222');
  });

  it('changes nobody else: 403, and the phone stays', async () => {
    for (const id of [ids.onOther, ids.nowhere]) {
      const response = await call('PATCH', `/api/people/${id}`, 'trainer', { phone: '0300 9999999' });
      expect(response.statusCode, response.body).toBe(403);
      expect(json<ApiError>(response).error.message).toMatch(/^A trainer may change only the people taking part in events they train/);
      expect(json<Person>(await call('GET', `/api/people/${id}`, 'admin')).phone).toBe('0300 1111111');
    }
    // Programme managers still change anyone they see.
    expect((await call('PATCH', `/api/people/${ids.onOther}`, 'programme_manager', { designation: 'ASI' })).statusCode).toBe(200);
  });

  it('cannot take over someone else’s participant by putting them on an event of their own making', async () => {
    const own = await create(
      '/api/events',
      {
        programmeId: ids.programme,
        title: 'Made by the trainer',
        type: 'training',
        startDate: '2025-03-01',
        endDate: '2025-03-01',
        city: 'Multan',
        countryCode: 'PK',
        trainerUserIds: [],
      },
      'trainer',
    );
    const theirs = await create('/api/people', { fullName: 'Another trainer’s participant', sex: 'male', phone: '0300 1111111', countryCode: 'PK' });
    await create(`/api/events/${ids.other}/participants`, { personId: theirs });
    await create(`/api/events/${own}/participants`, { personId: theirs }, 'trainer');
    const response = await call('PATCH', `/api/people/${theirs}`, 'trainer', { fullName: 'Renamed by a trainer', phone: '0300 0000001' });
    expect(response.statusCode, response.body).toBe(403);
    const after = json<Person>(await call('GET', `/api/people/${theirs}`, 'admin'));
    expect(after.fullName).toBe('Another trainer’s participant');
    expect(after.phone).toBe('0300 1111111');
    // A person of their own events only (here: added to the event they made) stays theirs to correct.
    const fresh = await create('/api/people', { fullName: 'Registered on the day', sex: 'female', countryCode: 'PK' }, 'trainer');
    await create(`/api/events/${own}/participants`, { personId: fresh }, 'trainer');
    expect((await call('PATCH', `/api/people/${fresh}`, 'trainer', { phone: '0300 3333333' })).statusCode).toBe(200);
  });

  it('tells the interface which of a person’s events the user trains', async () => {
    const trained = json<PersonParticipations>(await call('GET', `/api/people/${ids.onTrained}/participations`, 'trainer'));
    expect(trained.items.map((p) => [p.eventId, p.youTrain])).toEqual([[ids.trained, true]]);
    const other = json<PersonParticipations>(await call('GET', `/api/people/${ids.onOther}/participations`, 'trainer'));
    expect(other.items.map((p) => [p.eventId, p.youTrain])).toEqual([[ids.other, false]]);
  });

  it('adds people and organisations', async () => {
    await create('/api/people', { fullName: 'Added by a trainer', sex: 'female', countryCode: 'PK' }, 'trainer');
    await create('/api/organizations', { name: 'Added agency', type: 'civil_society', countryCode: 'PK' }, 'trainer');
  });

  it('changes no organisation, not even one they added: 403, and the acronym stays', async () => {
    const own = await create('/api/organizations', { name: 'Trainer’s own agency', acronym: 'TOA', type: 'civil_society', countryCode: 'PK' }, 'trainer');
    for (const id of [ids.org, own]) {
      const response = await call('PATCH', `/api/organizations/${id}`, 'trainer', { acronym: 'XX' });
      expect(response.statusCode).toBe(403);
    }
    expect(json<Organization>(await call('GET', `/api/organizations/${ids.org}`, 'admin')).acronym).toBe('MP');
    expect((await call('PATCH', `/api/organizations/${ids.org}`, 'programme_manager', { province: 'Punjab' })).statusCode).toBe(200);
  });

  it('deletes no event, not even one they train: 403, and the event stays', async () => {
    const response = await call('DELETE', `/api/events/${ids.trained}`, 'trainer');
    expect(response.statusCode).toBe(403);
    expect(json<ApiError>(response).error.code).toBe('forbidden');
    expect((await call('GET', `/api/events/${ids.trained}`, 'admin')).statusCode).toBe(200);
    // Editing the event they train is still theirs.
    expect((await call('PATCH', `/api/events/${ids.trained}`, 'trainer', { venue: 'Police lines' })).statusCode).toBe(200);
  });

  it('a user limited to some countries adds no organisation without a country: 400 naming countryCode', async () => {
    for (const role of ['trainer', 'programme_manager'] as const) {
      for (const payload of [
        { name: `No country ${role}`, type: 'government' },
        { name: `Null country ${role}`, type: 'government', countryCode: null },
      ]) {
        const response = await call('POST', '/api/organizations', role, payload);
        expect(response.statusCode, response.body).toBe(400);
        const error = json<ApiError>(response).error;
        expect(error.code).toBe('validation_failed');
        expect(error.details.map((d) => d.path)).toEqual(['countryCode']);
      }
    }
    const moved = await call('PATCH', `/api/organizations/${ids.org}`, 'programme_manager', { countryCode: null });
    expect(moved.statusCode).toBe(400);
    expect(json<ApiError>(moved).error.details.map((d) => d.path)).toEqual(['countryCode']);
    // A user of every country may still add an international organisation.
    await create('/api/organizations', { name: 'UNODC', type: 'international' });
  });
});
