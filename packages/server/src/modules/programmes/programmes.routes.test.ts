import type { ApiError, HistoryEntry, Page, Programme } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';

async function create(payload: Record<string, unknown>, role: Role = 'admin') {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/programmes', headers: ctx.as(role), payload });
  expect(response.statusCode, response.body).toBe(201);
  return json<Programme>(response);
}

const patch = (id: string, payload: Record<string, unknown>, role: Role = 'admin') =>
  ctx.app.inject({ method: 'PATCH', url: `/api/programmes/${id}`, headers: ctx.as(role), payload });

describe('programmes', () => {
  it('creates one with 201 and an id, and reads it back', async () => {
    const created = await create({
      name: 'Global Action against Trafficking',
      donor: 'EU',
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      countries: ['pk', 'AF', 'PK'],
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created).toMatchObject({
      name: 'Global Action against Trafficking',
      donor: 'EU',
      startDate: '2024-01-01',
      endDate: '2027-12-31',
      countries: ['AF', 'PK'],
    });
    const response = await ctx.app.inject({ method: 'GET', url: `/api/programmes/${created.id}`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    expect(json<Programme>(response)).toEqual(created);
  });

  it('refuses an end date before the start date with 400 on endDate, on create and on patch', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: ctx.as('admin'),
      payload: { name: 'Backwards', startDate: '2025-01-01', endDate: '2024-01-01' },
    });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details.map((d) => d.path)).toContain('endDate');
    const created = await create({ name: 'Forwards', startDate: '2025-01-01', endDate: '2025-12-31' });
    // Only the end date in the body: the start date on record makes it wrong.
    const patched = await patch(created.id, { endDate: '2024-06-30' });
    expect(patched.statusCode).toBe(400);
    const error = json<ApiError>(patched).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d) => d.path)).toContain('endDate');
  });

  it('refuses an invalid date and an unknown country with 400', async () => {
    const date = await ctx.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: ctx.as('admin'),
      payload: { name: 'Bad date', startDate: '2025-02-30' },
    });
    expect(date.statusCode).toBe(400);
    expect(json<ApiError>(date).error.details.map((d) => d.path)).toContain('startDate');
    const country = await ctx.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: ctx.as('admin'),
      payload: { name: 'Bad country', countries: ['ZZ'] },
    });
    expect(country.statusCode).toBe(400);
  });

  it('lists page by page: limit and nextCursor walk every programme once', async () => {
    const names = Array.from({ length: 5 }, (_, i) => `Walk Programme ${i + 1}`);
    for (const name of names.toReversed()) await create({ name });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/programmes?q=walk&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        headers: ctx.as('viewer'),
      });
      expect(response.statusCode).toBe(200);
      const page: Page<Programme> = json<Page<Programme>>(response);
      seen.push(...page.items.map((p) => p.name));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(names);
  });

  it('searches by a word of the name, ignoring case and accents', async () => {
    await create({ name: 'Protección de Víctimas' });
    const page = json<Page<Programme>>(await ctx.app.inject({ method: 'GET', url: '/api/programmes?q=VICTIMAS', headers: ctx.as('viewer') }));
    expect(page.items.map((p) => p.name)).toEqual(['Protección de Víctimas']);
  });

  it('patches fields and history records who changed what', async () => {
    const created = await create({ name: 'Patch Me', donor: 'UK', countries: ['PK'] });
    const response = await patch(created.id, { donor: 'Norway', countries: ['PK', 'AF'] }, 'programme_manager');
    expect(response.statusCode).toBe(200);
    expect(json<Programme>(response)).toMatchObject({ name: 'Patch Me', donor: 'Norway', countries: ['AF', 'PK'] });
    const history = json<{ items: HistoryEntry[] }>(
      await ctx.app.inject({ method: 'GET', url: `/api/programmes/${created.id}/history`, headers: ctx.as('viewer') }),
    );
    expect(history.items.map((h) => h.action)).toEqual(['update', 'create']);
    expect(history.items[0]).toMatchObject({ userId: ctx.users.programme_manager.id, userName: 'Test programme_manager' });
    expect(history.items[0]?.changes).toEqual({ donor: { from: 'UK', to: 'Norway' }, countries: { from: ['PK'], to: ['AF', 'PK'] } });
  });

  it('deletes a programme without events (204, then 404)', async () => {
    const created = await create({ name: 'Delete Me' });
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/programmes/${created.id}`, headers: ctx.as('programme_manager') })).statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/programmes/${created.id}`, headers: ctx.as('admin') })).statusCode).toBe(404);
  });

  it('refuses to delete a programme that has events with 409', async () => {
    const { programmeId } = await seedEvent(ctx);
    const response = await ctx.app.inject({ method: 'DELETE', url: `/api/programmes/${programmeId}`, headers: ctx.as('admin') });
    expect(response.statusCode).toBe(409);
    expect(json<ApiError>(response).error.code).toBe('conflict');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/programmes/${programmeId}`, headers: ctx.as('admin') })).statusCode).toBe(200);
  });

  it('lets only admins and programme managers write programmes', async () => {
    const created = await create({ name: 'Guarded' });
    for (const role of ['trainer', 'viewer'] as const) {
      expect((await ctx.app.inject({ method: 'POST', url: '/api/programmes', headers: ctx.as(role), payload: { name: `By ${role}` } })).statusCode).toBe(403);
      expect((await patch(created.id, { name: 'Taken over' }, role)).statusCode).toBe(403);
      expect((await ctx.app.inject({ method: 'DELETE', url: `/api/programmes/${created.id}`, headers: ctx.as(role) })).statusCode).toBe(403);
    }
    await create({ name: 'By a manager' }, 'programme_manager');
  });
});

describe('programmes and countries', () => {
  let scoped: TestContext;
  beforeAll(async () => {
    scoped = await createTestContext('sqlite', { countries: ['AF'] });
  });
  afterAll(async () => scoped.close());

  it('a user limited to AF does not see a Pakistan programme but sees one without countries', async () => {
    const pk = json<Programme>(
      await scoped.app.inject({ method: 'POST', url: '/api/programmes', headers: scoped.as('admin'), payload: { name: 'Pakistan only', countries: ['PK'] } }),
    );
    const open = json<Programme>(
      await scoped.app.inject({ method: 'POST', url: '/api/programmes', headers: scoped.as('admin'), payload: { name: 'Regional', countries: [] } }),
    );
    expect((await scoped.app.inject({ method: 'GET', url: `/api/programmes/${pk.id}`, headers: scoped.as('viewer') })).statusCode).toBe(404);
    expect((await scoped.app.inject({ method: 'GET', url: `/api/programmes/${open.id}`, headers: scoped.as('viewer') })).statusCode).toBe(200);
    const listed = json<Page<Programme>>(await scoped.app.inject({ method: 'GET', url: '/api/programmes', headers: scoped.as('viewer') }));
    expect(listed.items.map((p) => p.name)).toEqual(['Regional']);
  });

  it('a manager limited to AF gets an AF programme by default and may not add one in PK', async () => {
    const created = await scoped.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: scoped.as('programme_manager'),
      payload: { name: 'Afghan programme' },
    });
    expect(created.statusCode).toBe(201);
    expect(json<Programme>(created).countries).toEqual(['AF']);
    const pk = await scoped.app.inject({
      method: 'POST',
      url: '/api/programmes',
      headers: scoped.as('programme_manager'),
      payload: { name: 'Not mine', countries: ['PK'] },
    });
    expect(pk.statusCode).toBe(403);
  });

  it('a manager limited to AF changing the countries of a shared programme keeps its other countries, and may not narrow a programme of every country', async () => {
    const shared = json<Programme>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/programmes',
        headers: scoped.as('admin'),
        payload: { name: 'Shared AF PK', countries: ['AF', 'PK'] },
      }),
    );
    const patched = await scoped.app.inject({
      method: 'PATCH',
      url: `/api/programmes/${shared.id}`,
      headers: scoped.as('programme_manager'),
      payload: { countries: ['AF'] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json<Programme>(patched).countries).toEqual(['AF', 'PK']);
    const regional = json<Programme>(
      await scoped.app.inject({ method: 'POST', url: '/api/programmes', headers: scoped.as('admin'), payload: { name: 'Every country', countries: [] } }),
    );
    const narrowed = await scoped.app.inject({
      method: 'PATCH',
      url: `/api/programmes/${regional.id}`,
      headers: scoped.as('programme_manager'),
      payload: { countries: ['AF'] },
    });
    expect(narrowed.statusCode).toBe(403);
    expect(json<Programme>(await scoped.app.inject({ method: 'GET', url: `/api/programmes/${regional.id}`, headers: scoped.as('admin') })).countries).toEqual(
      [],
    );
    // An administrator still decides freely.
    const byAdmin = await scoped.app.inject({
      method: 'PATCH',
      url: `/api/programmes/${shared.id}`,
      headers: scoped.as('admin'),
      payload: { countries: ['AF'] },
    });
    expect(json<Programme>(byAdmin).countries).toEqual(['AF']);
  });
});
