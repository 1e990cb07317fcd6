import { routes, type Dashboard, type Event, type Page } from '@hifazat/contract';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { make } from '../../test/factories.js';
import { createTestContext, openSecondConnection, json, type SecondConnection, type TestContext } from '../../test/helpers.js';
import { readChangeCounter } from '../db/change-counter.js';
import { testEngines } from '../db/test-db.js';
import { createLiveCache, LIVE_CACHE_CONTROL } from './live-cache.js';
import { checkPlainJson } from './route.js';

/**
 * The live cache (issue 14): answers of the events list, the programme report and the dashboard are
 * kept while the database's change counter (migration 0023) stands. A write from anywhere (the API,
 * another connection, raw SQL) moves the counter and the next request sees it; two users never share
 * an entry. Every user below except the administrator works in Pakistan only.
 */
describe.each(testEngines())('live cache on %s', (engine) => {
  let ctx: TestContext;
  /** A second connection to the same database, as another server process or `npx hifazat` would have. */
  let other: SecondConnection;
  const ids: Record<string, string> = {};

  const get = (url: string, role: 'admin' | 'viewer' | 'trainer' = 'admin', headers: Record<string, string> = {}) =>
    ctx.app.inject({ method: 'GET', url, headers: { ...ctx.as(role), ...headers } });
  const counter = () => readChangeCounter(ctx.db);
  // Placeholders as each engine writes them.
  const p = (n: number) => (engine === 'postgres' ? `$${n}` : '?');

  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
    other = await openSecondConnection(engine, ctx.databaseAddress);
    const programme = await make.programme(ctx, { countries: ['PK', 'AF'] });
    ids.programme = programme.id;
    ids.pk = (
      await make.event(ctx, { programmeId: programme.id, title: 'Lahore workshop', countryCode: 'PK', startDate: '2025-03-10', endDate: '2025-03-11' })
    ).id;
    ids.af = (
      await make.event(ctx, {
        programmeId: programme.id,
        title: 'Kabul workshop',
        countryCode: 'AF',
        city: 'Kabul',
        province: 'Kabul',
        startDate: '2025-04-10',
        endDate: '2025-04-11',
      })
    ).id;
  });
  afterAll(async () => {
    await other.close();
    await ctx.close();
  });

  it('moves the counter on every kind of write, through the app and straight into the database', async () => {
    let before = await counter();
    await make.person(ctx);
    expect(await counter()).toBeGreaterThan(before);

    before = await counter();
    await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Lahore workshop', ids.pk]);
    expect(await counter(), 'update').toBeGreaterThan(before);
    before = await counter();
    await other.run(`insert into event_topics (event_id, topic, topic_normalized) values (${p(1)}, 'Raw topic', 'raw topic')`, [ids.pk]);
    expect(await counter(), 'insert').toBeGreaterThan(before);
    before = await counter();
    await other.run(`delete from event_topics where event_id = ${p(1)} and topic_normalized = 'raw topic'`, [ids.pk]);
    expect(await counter(), 'delete').toBeGreaterThan(before);

    // A write to a table the cached answers do not read (a session's last use) leaves it alone.
    before = await counter();
    await other.run(`update sessions set last_seen_at = last_seen_at`);
    expect(await counter()).toBe(before);

    // A transaction that rolls back leaves it where it was.
    before = await counter();
    await other.run('begin');
    await other.run(`update events set title = 'Never seen' where id = ${p(1)}`, [ids.pk]);
    await other.run('rollback');
    expect(await counter()).toBe(before);

    // PostgreSQL moves it once per transaction, at commit, however many statements wrote.
    before = await counter();
    await other.run('begin');
    await other.run(`update events set title = 'Lahore workshop' where id = ${p(1)}`, [ids.pk]);
    await other.run(`update programmes set donor = 'EU' where id = ${p(1)}`, [ids.programme]);
    await other.run('commit');
    const after = await counter();
    if (engine === 'postgres') expect(after).toBe(before + 1);
    else expect(after).toBeGreaterThanOrEqual(before + 2);
  });

  it('serves the same bytes again while nothing changed, with a strong ETag and private, no-cache', async () => {
    const first = await get('/api/events?limit=50');
    expect(first.statusCode).toBe(200);
    const second = await get('/api/events?limit=50');
    expect(second.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(String(first.headers.etag)).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(second.headers['cache-control']).toBe(LIVE_CACHE_CONTROL);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    // Exactly what zod's serializer would have sent.
    expect(JSON.stringify(z.encode(routes.listEvents.response, JSON.parse(second.body)))).toBe(second.body);
    // The same query spelled in another order is the same entry.
    const reordered = await get('/api/events?limit=50&status=planned');
    const again = await get('/api/events?status=planned&limit=50');
    expect(again.headers.etag).toBe(reordered.headers.etag);
    expect(again.body).toBe(reordered.body);
    // Other API answers stay no-store.
    expect((await get('/api/events/facets')).headers['cache-control']).toBe('no-store');
  });

  it('answers 304 without a body to If-None-Match with the current tag, and 200 once something changed', async () => {
    const first = await get('/api/events?limit=50');
    const etag = String(first.headers.etag);
    const revalidated = await get('/api/events?limit=50', 'admin', { 'if-none-match': etag });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe(LIVE_CACHE_CONTROL);
    expect((await get('/api/events?limit=50', 'admin', { 'if-none-match': `"other", ${etag}` })).statusCode).toBe(304);
    expect((await get('/api/events?limit=50', 'admin', { 'if-none-match': '"other"' })).statusCode).toBe(200);

    await other.run(`update events set title = 'Lahore training of trainers' where id = ${p(1)}`, [ids.pk]);
    const changed = await get('/api/events?limit=50', 'admin', { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(json<Page<Event>>(changed).items.map((e) => e.title)).toContain('Lahore training of trainers');
  });

  it('never gives a country-limited user the national answer, nor its tag', async () => {
    const national = await get('/api/events?limit=50', 'admin');
    expect(json<Page<Event>>(national).items.map((e) => e.id)).toContain(ids.af);
    const limited = await get('/api/events?limit=50', 'viewer');
    expect(limited.statusCode).toBe(200);
    expect(json<Page<Event>>(limited).items.map((e) => e.id)).not.toContain(ids.af);
    expect(limited.body).not.toContain('Kabul');
    expect(limited.headers.etag).not.toBe(national.headers.etag);
    // The national answer's tag is no tag of this user's answer.
    const guessed = await get('/api/events?limit=50', 'viewer', { 'if-none-match': String(national.headers.etag) });
    expect(guessed.statusCode).toBe(200);
    expect(guessed.body).toBe(limited.body);
    // Two users of the same scope do not share an entry either.
    const trainer = await get('/api/events?limit=50', 'trainer');
    expect(trainer.headers.etag).not.toBe(limited.headers.etag);

    const nationalReport = await get('/api/reports/programme?from=2025-01-01&to=2025-12-31&status=all', 'admin');
    const limitedReport = await get('/api/reports/programme?from=2025-01-01&to=2025-12-31&status=all', 'viewer');
    expect(nationalReport.statusCode).toBe(200);
    expect(limitedReport.statusCode).toBe(200);
    expect(limitedReport.headers.etag).not.toBe(nationalReport.headers.etag);
    expect(limitedReport.body).not.toContain('Kabul');
  });

  it('shows a write straight into the database on the next request: list, programme report and dashboard', async () => {
    const bare = await make.event(ctx, {
      programmeId: ids.programme,
      title: 'Short-lived seminar',
      type: 'meeting',
      countryCode: 'PK',
      startDate: '2025-05-10',
      endDate: '2025-05-10',
    });
    const list = await get('/api/events?limit=50');
    const report = await get('/api/reports/programme?from=2025-01-01&to=2025-12-31&status=all');
    const dashboard = await get('/api/reports/dashboard');
    expect(list.body).toContain('Short-lived seminar');
    // Cached: the same again.
    expect((await get('/api/reports/programme?from=2025-01-01&to=2025-12-31&status=all')).body).toBe(report.body);
    expect((await get('/api/reports/dashboard')).headers.etag).toBe(dashboard.headers.etag);

    await other.run(`delete from events where id = ${p(1)}`, [bare.id]);

    const listAfter = await get('/api/events?limit=50');
    expect(listAfter.body).not.toContain('Short-lived seminar');
    const reportAfter = await get('/api/reports/programme?from=2025-01-01&to=2025-12-31&status=all');
    expect(reportAfter.body).not.toBe(report.body);
    expect(reportAfter.headers.etag).not.toBe(report.headers.etag);
    const dashboardAfter = await get('/api/reports/dashboard');
    expect(json<Dashboard>(dashboardAfter).events).toBe(json<Dashboard>(dashboard).events - 1);

    // Through the app too.
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/events/${ids.pk}`,
      headers: ctx.as('admin'),
      payload: { title: 'Renamed through the API' },
    });
    expect(patched.statusCode).toBe(200);
    expect((await get('/api/events?limit=50')).body).toContain('Renamed through the API');
  });

  it('reads the counter as committed while another request holds a transaction open', async () => {
    const before = await counter();
    let release: () => void = () => undefined;
    let wrote: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const transaction = ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('events')
          .set({ title: 'Uncommitted title' })
          .where('id', '=', ids.pk ?? '')
          .execute();
        wrote();
        await held;
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await written;
    // SQLite: one connection, the transaction open on it; the read must not see its write.
    const reading = counter();
    const list = get('/api/events?limit=50');
    release();
    await transaction;
    expect(await reading).toBe(before);
    expect((await list).body).not.toContain('Uncommitted title');
    expect(await counter()).toBe(before);
  });
});

describe('plain JSON answers', () => {
  const schema = z.object({ id: z.string(), title: z.string(), topics: z.array(z.string()) });

  it('are checked against zod under test: an extra field, a missing one or another order is refused', () => {
    expect(checkPlainJson(schema, { id: 'a', title: 'T', topics: [] })).toBe('{"id":"a","title":"T","topics":[]}');
    // Zod's serializer would have stripped it: production would send a field the contract does not have.
    expect(() => checkPlainJson(schema, { id: 'a', title: 'T', topics: [], passwordHash: 'x' })).toThrow(/differs from zod's encoding/);
    expect(() => checkPlainJson(schema, { id: 'a', topics: [] })).toThrow(/does not match its schema/);
    expect(() => checkPlainJson(schema, { title: 'T', id: 'a', topics: [] })).toThrow(/differs/);
    // A value zod's encoding changes (here trimmed) is a difference too.
    expect(() => checkPlainJson(schema.extend({ title: z.string().trim() }), { id: 'a', title: ' T ', topics: [] })).toThrow(/differs/);
  });

  it('are sent unchecked in production', () => {
    expect(checkPlainJson(schema, { id: 'a', title: 'T', topics: [], extra: 1 }, false)).toBe('{"id":"a","title":"T","topics":[],"extra":1}');
  });
});

describe.each(testEngines())('live cache bounds on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  it('keeps at most maxEntries answers and maxBytes bytes, and makes an answer once for concurrent requests', async () => {
    const cache = createLiveCache(ctx.db, { maxEntries: 3, maxBytes: 4000 });
    let made = 0;
    const app = Fastify();
    app.get<{ Querystring: { k: string; size?: string } }>('/x', async (request, reply) =>
      cache.serve(request, reply, request.query.k, async () => {
        made += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return JSON.stringify({ k: request.query.k, pad: 'x'.repeat(Number(request.query.size ?? 10)) });
      }),
    );
    try {
      const answers = await Promise.all([1, 2, 3, 4].map(() => app.inject('/x?k=a')));
      expect(made).toBe(1);
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      for (const k of ['b', 'c', 'd']) await app.inject(`/x?k=${k}`);
      expect(cache.size().entries).toBe(3);
      // 'a' was the least recently used: made again.
      await app.inject('/x?k=a');
      expect(made).toBe(5);
      // Two answers of 1,000 bytes and more fill the 4,000 bytes with the small ones; the oldest go.
      await app.inject('/x?k=big1&size=1000');
      await app.inject('/x?k=big2&size=1000');
      expect(cache.size().bytes).toBeLessThanOrEqual(4000);
      // Larger than a quarter of the budget: served, not kept.
      const huge = await app.inject('/x?k=huge&size=2000');
      expect(huge.statusCode).toBe(200);
      expect(cache.size().bytes).toBeLessThanOrEqual(4000);
      const before = made;
      await app.inject('/x?k=huge&size=2000');
      expect(made).toBe(before + 1);
    } finally {
      await app.close();
    }
  });
});
