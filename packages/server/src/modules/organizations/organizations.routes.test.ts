import type { ApiError, HistoryEntry, Organization, Page } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

async function create(payload: Record<string, unknown>, role: 'admin' | 'programme_manager' | 'trainer' = 'admin') {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/organizations', headers: ctx.as(role), payload });
  expect(response.statusCode, response.body).toBe(201);
  return json<Organization>(response);
}

const list = (query: string, role: 'admin' | 'viewer' = 'viewer') =>
  ctx.app.inject({ method: 'GET', url: `/api/organizations?${query}`, headers: ctx.as(role) });

describe('organisations', () => {
  it('creates one with 201 and an id, and reads it back', async () => {
    const created = await create({
      name: 'Federal Investigation Agency',
      acronym: 'FIA',
      type: 'law_enforcement',
      countryCode: 'pk',
      province: 'Islamabad Capital Territory',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({ name: 'Federal Investigation Agency', acronym: 'FIA', type: 'law_enforcement', countryCode: 'PK' });
    const response = await ctx.app.inject({ method: 'GET', url: `/api/organizations/${created.id}`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    expect(json<Organization>(response)).toEqual(created);
  });

  it('refuses a second organisation of the same name in the same country with 409', async () => {
    await create({ name: 'Punjab Police', type: 'law_enforcement', countryCode: 'PK' });
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: ctx.as('admin'),
      payload: { name: 'PUNJAB  police', type: 'law_enforcement', countryCode: 'PK' },
    });
    expect(again.statusCode).toBe(409);
    expect(json<ApiError>(again).error.details[0]?.path).toBe('name');
    // The same name in another country is another organisation.
    await create({ name: 'Punjab Police', type: 'law_enforcement', countryCode: 'IN' });
  });

  it('refuses an invalid body with 400 and field paths', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: ctx.as('admin'),
      payload: { name: '  ', type: 'club', countryCode: 'XX' },
    });
    expect(response.statusCode).toBe(400);
    const paths = json<ApiError>(response).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'type', 'countryCode']));
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/organizations/00000000-0000-7000-8000-000000000000', headers: ctx.as('viewer') })).statusCode,
    ).toBe(404);
    const malformed = await ctx.app.inject({ method: 'GET', url: '/api/organizations/not-a-uuid', headers: ctx.as('viewer') });
    expect(malformed.statusCode).toBe(400);
    expect(json<ApiError>(malformed).error.details[0]?.path).toBe('id');
  });

  it('lists page by page: limit and nextCursor walk every organisation once', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `Paging Directorate ${String.fromCharCode(65 + i)}`);
    for (const name of names.toReversed()) await create({ name, type: 'government' });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await list(`q=paging&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page: Page<Organization> = json<Page<Organization>>(response);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((o) => o.name));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a forged cursor with 400 and a limit over 500 with 400', async () => {
    expect((await list('cursor=bm90LWEtY3Vyc29y')).statusCode).toBe(400);
    expect((await list('limit=501')).statusCode).toBe(400);
    expect((await list('limit=0')).statusCode).toBe(400);
  });

  it('searches by name and acronym, ignoring case, and filters by type', async () => {
    await create({ name: 'National Commission on the Status of Women', acronym: 'NCSW', type: 'government', countryCode: 'PK' });
    await create({ name: 'Sahil', type: 'civil_society', countryCode: 'PK' });
    const byAcronym = json<Page<Organization>>(await list('q=ncsw'));
    expect(byAcronym.items.map((o) => o.name)).toEqual(['National Commission on the Status of Women']);
    const byWord = json<Page<Organization>>(await list('q=STATUS%20of'));
    expect(byWord.items.map((o) => o.name)).toEqual(['National Commission on the Status of Women']);
    const civil = json<Page<Organization>>(await list('type=civil_society'));
    expect(civil.items.map((o) => o.name)).toEqual(['Sahil']);
  });

  it('patches fields, keeps the others, and history records who changed what', async () => {
    const created = await create({ name: 'Anti Human Trafficking Circle', acronym: 'AHTC', type: 'law_enforcement', countryCode: 'PK' }, 'trainer');
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${created.id}`,
      headers: ctx.as('programme_manager'),
      payload: { province: 'Sindh', acronym: '' },
    });
    expect(response.statusCode).toBe(200);
    const updated = json<Organization>(response);
    expect(updated).toMatchObject({ name: 'Anti Human Trafficking Circle', acronym: null, province: 'Sindh', type: 'law_enforcement', countryCode: 'PK' });
    const history = json<{ items: HistoryEntry[] }>(
      await ctx.app.inject({ method: 'GET', url: `/api/organizations/${created.id}/history`, headers: ctx.as('viewer') }),
    );
    expect(history.items).toHaveLength(2);
    const [update, creation] = history.items;
    expect(update).toMatchObject({ action: 'update', userId: ctx.users.programme_manager.id, userName: 'Test programme_manager' });
    expect(update?.changes).toEqual({ acronym: { from: 'AHTC', to: null }, province: { from: null, to: 'Sindh' } });
    expect(creation).toMatchObject({ action: 'create', userId: ctx.users.trainer.id });
  });

  it('refuses renaming onto another organisation’s name with 409', async () => {
    const a = await create({ name: 'Rename Source', type: 'media', countryCode: 'PK' });
    await create({ name: 'Rename Target', type: 'media', countryCode: 'PK' });
    const response = await ctx.app.inject({ method: 'PATCH', url: `/api/organizations/${a.id}`, headers: ctx.as('admin'), payload: { name: 'rename target' } });
    expect(response.statusCode).toBe(409);
  });

  it('deletes an unused organisation (204, then 404) and records the deletion', async () => {
    const created = await create({ name: 'Short Lived Office', type: 'other' });
    const response = await ctx.app.inject({ method: 'DELETE', url: `/api/organizations/${created.id}`, headers: ctx.as('programme_manager') });
    expect(response.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/organizations/${created.id}`, headers: ctx.as('viewer') })).statusCode).toBe(404);
    const audit = await ctx.db.selectFrom('audit_log').select(['action', 'user_id']).where('entity_id', '=', created.id).orderBy('at').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'create', user_id: ctx.users.admin.id },
      { action: 'delete', user_id: ctx.users.programme_manager.id },
    ]);
  });

  it('refuses to delete an organisation a person belongs to, or an event names, with 409', async () => {
    const employer = await create({ name: 'Employer Of Someone', type: 'prosecution', countryCode: 'PK' });
    const person = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: ctx.as('admin'),
      payload: { fullName: 'Rabia Anwar', sex: 'female', organizationId: employer.id },
    });
    expect(person.statusCode).toBe(201);
    const byPerson = await ctx.app.inject({ method: 'DELETE', url: `/api/organizations/${employer.id}`, headers: ctx.as('admin') });
    expect(byPerson.statusCode).toBe(409);
    expect(json<ApiError>(byPerson).error.code).toBe('conflict');

    const organizer = await create({ name: 'Event Organiser Office', type: 'international' });
    await seedEvent(ctx, { organizerIds: [organizer.id] });
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/organizations/${organizer.id}`, headers: ctx.as('admin') })).statusCode).toBe(409);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/organizations/${organizer.id}`, headers: ctx.as('admin') })).statusCode).toBe(200);
  });

  it('lets a trainer create and edit but not delete, and a viewer do none of it', async () => {
    const created = await create({ name: 'Trainer Made', type: 'academia' }, 'trainer');
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/organizations/${created.id}`, headers: ctx.as('trainer') })).statusCode).toBe(403);
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/organizations', headers: ctx.as('viewer'), payload: { name: 'Viewer Made', type: 'academia' } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/organizations/${created.id}`, headers: ctx.as('viewer'), payload: { name: 'Renamed' } })).statusCode,
    ).toBe(403);
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/organizations/${created.id}`, headers: ctx.as('viewer') })).statusCode).toBe(403);
  });
});

describe('organisations and countries', () => {
  let scoped: TestContext;
  beforeAll(async () => {
    scoped = await createTestContext('sqlite', { countries: ['AF'] });
  });
  afterAll(async () => scoped.close());

  it('lets only a user of all countries change or delete an international organisation', async () => {
    const created = await scoped.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: scoped.as('admin'),
      payload: { name: 'United Nations Office on Drugs and Crime', acronym: 'UNODC', type: 'international' },
    });
    expect(created.statusCode).toBe(201);
    const id = json<{ id: string }>(created).id;
    // Visible to the AF manager, but not theirs to move into Afghanistan or to rename.
    expect((await scoped.app.inject({ method: 'GET', url: `/api/organizations/${id}`, headers: scoped.as('programme_manager') })).statusCode).toBe(200);
    const moved = await scoped.app.inject({
      method: 'PATCH',
      url: `/api/organizations/${id}`,
      headers: scoped.as('programme_manager'),
      payload: { countryCode: 'AF' },
    });
    expect(moved.statusCode).toBe(403);
    const removed = await scoped.app.inject({ method: 'DELETE', url: `/api/organizations/${id}`, headers: scoped.as('programme_manager') });
    expect(removed.statusCode).toBe(403);
    const stored = json<{ countryCode: string | null }>(
      await scoped.app.inject({ method: 'GET', url: `/api/organizations/${id}`, headers: scoped.as('admin') }),
    );
    expect(stored.countryCode).toBeNull();
    expect(
      (await scoped.app.inject({ method: 'PATCH', url: `/api/organizations/${id}`, headers: scoped.as('admin'), payload: { province: 'Vienna' } })).statusCode,
    ).toBe(200);
  });
});
