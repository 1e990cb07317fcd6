import type { ApiError } from '@hifazat/contract';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../test/helpers.js';
import { createTestDatabase, testEngines } from '../db/test-db.js';
import { frameworkErrors, registerErrorHandling } from './errors.js';

const programme = (id: string) => ({
  id,
  name: 'P',
  name_normalized: 'p',
  donor: null,
  start_date: null,
  end_date: null,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
});

describe.each(testEngines())('database refusals on %s', (engine) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let ctx: TestContext;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    ctx = await createTestContext(engine);
  });
  afterAll(async () => {
    await database.destroy();
    await ctx.close();
  });

  it('a broken unique or foreign-key constraint answers 409 conflict, without the driver message', async () => {
    const app = Fastify();
    registerErrorHandling(app);
    const id = '01890000-0000-7000-8000-000000000001';
    app.post('/unique', async () => {
      await database.db.insertInto('programmes').values(programme(id)).execute();
      return null;
    });
    app.post('/foreign', async () => {
      await database.db.insertInto('programme_countries').values({ programme_id: '01890000-0000-7000-8000-0000000000ff', country_code: 'PK' }).execute();
      return null;
    });
    await database.db.insertInto('programmes').values(programme(id)).execute();
    for (const url of ['/unique', '/foreign']) {
      const response = await app.inject({ method: 'POST', url });
      expect(response.statusCode, url).toBe(409);
      const error = json<ApiError>(response).error;
      expect(error.code).toBe('conflict');
      expect(response.body).not.toMatch(/constraint|programme/i);
    }
    await app.close();
  });

  it('two requests adding the same participant at once: one 201, one 409, never a 500', async () => {
    const { event } = await seedEvent(ctx);
    const person = json<{ id: string }>(
      await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload: { fullName: 'Racing Person', sex: 'female' } }),
    );
    const add = () =>
      ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/participants`, headers: ctx.as('admin'), payload: { personId: person.id } });
    const statuses = (await Promise.all([add(), add(), add()])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  it('a NUL character in text is never a 500', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: ctx.as('admin'),
      payload: { name: 'Null\u0000Agency', type: 'other' },
    });
    // SQLite stores it; PostgreSQL refuses text with NUL (22021), which is the client's input, not a bug.
    expect(response.statusCode).toBe(engine === 'postgres' ? 400 : 201);
  });
});

describe('addresses the router refuses', () => {
  it('answers an undecodable %-escape and an over-long path part with 400 in the API error shape, not Fastify’s', async () => {
    const app = Fastify({ frameworkErrors });
    registerErrorHandling(app);
    app.get('/api/people/:id', async () => ({ ok: true }));
    for (const url of ['/api/people/%FF%FE', '/api/people/%E0%A4%A', `/api/people/${'a'.repeat(500)}`]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(json<ApiError>(response).error).toMatchObject({ code: 'validation_failed', details: [{ path: 'url' }] });
      // The address is not quoted back.
      expect(response.body).not.toMatch(/%FF|aaaa|FST_/);
    }
    const urdu = await app.inject({ method: 'GET', url: '/api/people/%FF', headers: { 'accept-language': 'ur' } });
    expect(json<ApiError>(urdu).error.message).toMatch(/[\u0600-\u06FF]/);
    await app.close();
  });
});
