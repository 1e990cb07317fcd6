import type { Event, Page, Role } from '@hifazat/contract';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../test/factories.js';
import { createTestContext, openSecondConnection, json, signIn, type SecondConnection, type TestContext } from '../../test/helpers.js';
import { testEngines } from '../db/test-db.js';
import { createLiveCache, LIVE_CACHE_CONTROL } from './live-cache.js';

/**
 * The live cache attacked as an intruder or an unlucky user would (issue 14 review): another user's
 * tag, a user whose scope an administrator changes, odd spellings of the address, errors, a write
 * racing a read, and a restore that puts an older counter back. Every user but the administrator
 * works in Pakistan only.
 */
const ROLES: Role[] = ['admin', 'programme_manager', 'trainer', 'viewer', 'data_officer', 'supervisor', 'service_provider', 'analyst'];

describe.each(testEngines())('live cache attacks on %s', (engine) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  let urls: string[] = [];

  const get = (url: string, headers: Record<string, string>, method: 'GET' | 'HEAD' = 'GET') => ctx.app.inject({ method, url, headers });
  const titles = (body: string) => json<Page<Event>>({ body }).items.map((e) => e.title);

  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'], caseRoles: true });
    const programme = await make.programme(ctx, { countries: ['PK', 'AF'] });
    ids.programme = programme.id;
    const pk = await make.event(ctx, {
      programmeId: programme.id,
      title: 'Lahore workshop',
      countryCode: 'PK',
      status: 'held',
      startDate: '2025-03-10',
      endDate: '2025-03-11',
    });
    const af = await make.event(ctx, {
      programmeId: programme.id,
      title: 'Kabul workshop',
      countryCode: 'AF',
      city: 'Kabul',
      province: 'Kabul',
      status: 'held',
      startDate: '2025-04-10',
      endDate: '2025-04-11',
    });
    ids.pk = pk.id;
    ids.af = af.id;
    // People of both countries on both events: the answers then hold masked and unmasked participants.
    for (const [eventId, country] of [
      [pk.id, 'PK'],
      [af.id, 'AF'],
      [af.id, 'PK'],
    ] as const) {
      const person = await make.person(ctx, { countryCode: country, sex: 'female' });
      const added = await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, attended: true } });
      expect(added.status, added.raw).toBeLessThan(300);
    }
    urls = ['/api/events', `/api/reports/programme?from=2025-01-01&to=2025-12-31&programmeId=${programme.id}`, '/api/reports/dashboard'];
  });
  afterAll(async () => ctx.close());

  it("never answers 304 to one user's request with another user's tag, for every role and route (and checks plain JSON against zod for each)", async () => {
    for (const url of urls) {
      const seen = new Map<Role, { status: number; etag: string | undefined; body: string }>();
      for (const role of ROLES) {
        const response = await get(url, ctx.as(role));
        // Under test every plain JSON answer is checked against zod's encoding (route.ts): a field zod
        // would strip would have answered 500 here.
        expect(response.statusCode, `${role} ${url}: ${response.body}`).not.toBe(500);
        seen.set(role, { status: response.statusCode, etag: response.headers.etag as string | undefined, body: response.body });
        if (response.statusCode === 200) expect(response.headers['cache-control']).toBe(LIVE_CACHE_CONTROL);
        else expect(response.headers.etag, `${role} ${url}: no tag on an error`).toBeUndefined();
      }
      expect(seen.get('admin')?.status, url).toBe(200);
      expect(seen.get('viewer')?.status, url).toBe(200);
      const tags = [...seen.values()].map((s) => s.etag).filter((t): t is string => t !== undefined);
      expect(new Set(tags).size, 'one tag per user').toBe(tags.length);
      for (const role of ROLES) {
        const own = seen.get(role);
        const others = [...seen.entries()].filter(([r, s]) => r !== role && s.etag).map(([, s]) => s.etag as string);
        const response = await get(url, { ...ctx.as(role), 'if-none-match': others.join(', ') });
        expect(response.statusCode, `${role} ${url} with the others' tags`).toBe(own?.status);
        if (own?.status === 200) expect(response.body).toBe(own.body);
      }
    }
    // The national administrator's list holds Kabul; a viewer of Pakistan with the administrator's tag does not get it confirmed.
    const admin = await get('/api/events', ctx.as('admin'));
    expect(titles(admin.body)).toContain('Kabul workshop');
    const viewer = await get('/api/events', { ...ctx.as('viewer'), 'if-none-match': admin.headers.etag as string });
    expect(viewer.statusCode).toBe(200);
    expect(titles(viewer.body)).not.toContain('Kabul workshop');
  });

  it("follows an administrator's change of a user's countries and role, and a deactivation, even with the user's old tag", async () => {
    const email = 'moving@test.example';
    const created = await callRoute(ctx, 'createUser', {
      body: { email, name: 'Moving viewer', role: 'viewer', password: 'correct horse battery', countries: ['PK'] },
    });
    expect(created.status, created.raw).toBe(201);
    const userId = (created.body as { id: string }).id;
    let cookie = { cookie: await signIn(ctx.app, email) };
    const before = await get('/api/events', cookie);
    expect(titles(before.body)).toEqual(['Lahore workshop']);
    const tag = before.headers.etag as string;
    expect((await get('/api/events', { ...cookie, 'if-none-match': tag })).statusCode).toBe(304);

    const moved = await callRoute(ctx, 'updateUser', { params: { id: userId }, body: { countries: ['AF'] } });
    expect(moved.status, moved.raw).toBe(200);
    // A change of scope ends the user's sessions: the old cookie answers 401, tag or not.
    expect((await get('/api/events', { ...cookie, 'if-none-match': tag })).statusCode).toBe(401);
    cookie = { cookie: await signIn(ctx.app, email) };
    const after = await get('/api/events', { ...cookie, 'if-none-match': tag });
    expect(after.statusCode).toBe(200);
    expect(titles(after.body)).toEqual(['Kabul workshop']);

    const demoted = await callRoute(ctx, 'updateUser', { params: { id: userId }, body: { role: 'trainer' } });
    expect(demoted.status, demoted.raw).toBe(200);
    cookie = { cookie: await signIn(ctx.app, email) };
    const asTrainer = await get('/api/events', { ...cookie, 'if-none-match': after.headers.etag as string });
    expect(asTrainer.statusCode).not.toBe(304);
    expect(asTrainer.headers.etag).not.toBe(after.headers.etag);

    // The same session, its user deactivated (by hand, as a script would, without ending the session).
    await ctx.db
      .updateTable('users')
      .set({ active: engine === 'postgres' ? false : 0 })
      .where('id', '=', userId)
      .execute();
    for (const url of urls) expect((await get(url, { ...cookie, 'if-none-match': '*' })).statusCode, url).toBe(401);
    await ctx.db
      .updateTable('users')
      .set({ active: engine === 'postgres' ? true : 1 })
      .where('id', '=', userId)
      .execute();
    const stopped = await callRoute(ctx, 'updateUser', { params: { id: userId }, body: { active: false } });
    expect(stopped.status, stopped.raw).toBe(200);
    for (const url of urls) {
      const response = await get(url, { ...cookie, 'if-none-match': '*' });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers.etag).toBeUndefined();
    }
  });

  it('after signing out, the next person on the same browser gets their own answer, never a 304 for the last one', async () => {
    const email = 'shared-desk@test.example';
    const created = await callRoute(ctx, 'createUser', {
      body: { email, name: 'Shared desk', role: 'viewer', password: 'correct horse battery', countries: ['AF'] },
    });
    expect(created.status, created.raw).toBe(201);
    const first = { cookie: await signIn(ctx.app, 'admin@test.example') };
    const seen = await get('/api/events', first);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: first })).statusCode).toBeLessThan(300);
    // The browser keeps its copy and its tag, and sends the tag with the old cookie and then the new one.
    expect((await get('/api/events', { ...first, 'if-none-match': seen.headers.etag as string })).statusCode).toBe(401);
    const next = { cookie: await signIn(ctx.app, email) };
    const response = await get('/api/events', { ...next, 'if-none-match': seen.headers.etag as string });
    expect(response.statusCode).toBe(200);
    expect(titles(response.body)).toEqual(['Kabul workshop']);
  });

  it('other spellings of the address, HEAD and repeated parameters neither bypass the sign-in nor share entries', async () => {
    const admin = await get('/api/events', ctx.as('admin'));
    const tag = admin.headers.etag as string;
    for (const url of [
      '/api/events',
      '//api/events',
      '/api/events/',
      '/API/events',
      '/api/%65vents',
      '/api/events?limit=50&limit=50',
      '/api/events?LIMIT=50',
    ]) {
      for (const method of ['GET', 'HEAD'] as const) {
        const anonymous = await get(url, { 'if-none-match': tag }, method);
        expect([401, 404], `${method} ${url} without a session`).toContain(anonymous.statusCode);
        expect(anonymous.headers.etag).toBeUndefined();
        const viewer = await get(url, { ...ctx.as('viewer'), 'if-none-match': tag }, method);
        expect(viewer.statusCode, `${method} ${url} as the viewer with the administrator's tag`).not.toBe(304);
        expect(viewer.statusCode).toBeLessThan(500);
        if (method === 'GET' && viewer.statusCode === 200) expect(titles(viewer.body)).not.toContain('Kabul workshop');
      }
    }
    // HEAD answers as GET does, for the same user: the same tag, no body.
    const head = await get('/api/events', ctx.as('admin'), 'HEAD');
    expect(head.statusCode).toBe(200);
    expect(head.headers.etag).toBe(tag);
    expect(head.body).toBe('');
    // The order of the parameters does not matter; their values do.
    const a = await get('/api/events?status=held&limit=10', ctx.as('admin'));
    const b = await get('/api/events?limit=10&status=held', ctx.as('admin'));
    const c = await get('/api/events?limit=11&status=held', ctx.as('admin'));
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(c.headers.etag).not.toBe(a.headers.etag);
  });

  it('never keeps an error: invalid queries and unknown programmes answer 4xx each time, without a tag', async () => {
    for (const url of [
      '/api/events?limit=abc',
      '/api/events?q=' + 'x'.repeat(201),
      '/api/reports/programme?from=2025-13-01',
      `/api/reports/programme?programmeId=${'0'.repeat(8)}-0000-4000-8000-000000000000`,
    ]) {
      for (let i = 0; i < 2; i += 1) {
        const response = await get(url, { ...ctx.as('admin'), 'if-none-match': '*' });
        expect(response.statusCode, `${url}: ${response.body}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.headers.etag).toBeUndefined();
        expect(response.headers['cache-control']).toBe('no-store');
      }
    }
  });

  describe('a cache of its own on the same database', () => {
    /** A second connection, as another process or `npx hifazat` would have. */
    let other: SecondConnection;
    const p = (n: number) => (engine === 'postgres' ? `$${n}` : '?');
    beforeAll(async () => {
      other = await openSecondConnection(engine, ctx.databaseAddress);
    });
    afterAll(async () => other.close());

    const title = async () =>
      (
        await ctx.db
          .selectFrom('events')
          .select('title')
          .where('id', '=', ids.pk ?? '')
          .executeTakeFirstOrThrow()
      ).title;

    /** A tiny app around one cache: GET /t answers the Lahore event's title, made by `make`. */
    async function appWith(make: () => Promise<string>) {
      const cache = createLiveCache(ctx.db);
      const app = Fastify();
      app.get('/t', (request, reply) => cache.serve(request, reply, 'k', make));
      await app.ready();
      return { app, cache };
    }

    it('a write that lands after the body was read and before the answer is sent is seen by the next request', async () => {
      let writeDuringMake = true;
      const { app } = await appWith(async () => {
        const seen = await title();
        if (writeDuringMake) {
          writeDuringMake = false;
          // Another process writes while this body is being made: had the counter been read after
          // the body (the wrong order), this stale body would be kept under the new counter.
          await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Lahore workshop (raced)', ids.pk]);
        }
        return JSON.stringify(seen);
      });
      try {
        const first = await app.inject({ method: 'GET', url: '/t' });
        expect(JSON.parse(first.body)).toBe('Lahore workshop');
        const second = await app.inject({ method: 'GET', url: '/t', headers: { 'if-none-match': first.headers.etag as string } });
        expect(second.statusCode).toBe(200);
        expect(JSON.parse(second.body)).toBe('Lahore workshop (raced)');
      } finally {
        await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Lahore workshop', ids.pk]);
        await app.close();
      }
    });

    it('many reads racing many writes never end on a stale body', async () => {
      const { app } = await appWith(async () => JSON.stringify(await title()));
      try {
        const reads: Promise<{ body: string }>[] = [];
        for (let i = 1; i <= 10; i += 1) {
          for (let j = 0; j < 5; j += 1) reads.push(app.inject({ method: 'GET', url: '/t' }));
          await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, [`Lahore workshop ${i}`, ids.pk]);
        }
        await Promise.all(reads);
        const last = await app.inject({ method: 'GET', url: '/t' });
        expect(JSON.parse(last.body)).toBe('Lahore workshop 10');
      } finally {
        await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Lahore workshop', ids.pk]);
        await app.close();
      }
    });

    it('holds its bounds under 10,000 distinct search words, each answered once', async () => {
      const cache = createLiveCache(ctx.db, { maxEntries: 500, maxBytes: 256 * 1024 });
      const app = Fastify();
      let made = 0;
      app.get('/q', (request, reply) => {
        const q = (request.query as { q?: string }).q ?? '';
        return cache.serve(request, reply, `q:${q}`, async () => {
          made += 1;
          return JSON.stringify({ q, pad: 'x'.repeat(1000) });
        });
      });
      await app.ready();
      try {
        for (let i = 0; i < 10_000; i += 1) {
          const response = await app.inject({ method: 'GET', url: `/q?q=word${i}` });
          expect(response.statusCode).toBe(200);
          const { entries, bytes } = cache.size();
          expect(entries).toBeLessThanOrEqual(500);
          expect(bytes).toBeLessThanOrEqual(256 * 1024);
        }
        expect(made).toBe(10_000);
        // The most recent ones are still kept; the first ones were dropped.
        await app.inject({ method: 'GET', url: '/q?q=word9999' });
        expect(made).toBe(10_000);
        await app.inject({ method: 'GET', url: '/q?q=word0' });
        expect(made).toBe(10_001);
      } finally {
        await app.close();
      }
      // Ten thousand requests, each reading the counter: seconds on PostgreSQL on a shared machine.
    }, 60_000);

    it('after a restore puts an older counter back, neither a kept body nor an old tag is served for the new data', async () => {
      const { app } = await appWith(async () => JSON.stringify(await title()));
      const setTitle = (t: string) => other.run(`update events set title = ${p(1)} where id = ${p(2)}`, [t, ids.pk]);
      const readCounter = async () => Number((await ctx.db.selectFrom('change_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value);
      try {
        await setTitle('Before the backup');
        const backupCounter = await readCounter();
        await setTitle('After the backup');
        const kept = await app.inject({ method: 'GET', url: '/t' });
        expect(JSON.parse(kept.body)).toBe('After the backup');
        // The restore (as restoreBackup does it, with this server still running): the backup's rows
        // and its counter come back; then someone writes, and the counter reaches the kept one again.
        await setTitle('Before the backup');
        await restoreCounter(backupCounter);
        await setTitle('Written after the restore');
        const afterRestore = await app.inject({ method: 'GET', url: '/t', headers: { 'if-none-match': kept.headers.etag as string } });
        expect(afterRestore.statusCode).toBe(200);
        expect(JSON.parse(afterRestore.body)).toBe('Written after the restore');
      } finally {
        await setTitle('Lahore workshop');
        await app.close();
      }

      async function restoreCounter(value: number) {
        const { moveCountersPast } = await import('../modules/operations/operations.repository.js');
        const seen = await readCounter();
        await other.run(`update change_counter set value = ${p(1)} where id = 1`, [value]);
        // What restoreBackup does once the database is back: the counter moves past every value it had.
        await moveCountersPast(ctx.db, { change: seen, reportCopy: null });
      }
    });

    it('after a database put back by hand (its counter lower, seen by one request), old bodies and tags are forgotten', async () => {
      const { app } = await appWith(async () => JSON.stringify(await title()));
      const setTitle = (t: string) => other.run(`update events set title = ${p(1)} where id = ${p(2)}`, [t, ids.pk]);
      const readCounter = async () => Number((await ctx.db.selectFrom('change_counter').select('value').where('id', '=', 1).executeTakeFirstOrThrow()).value);
      try {
        await setTitle('Before the backup');
        const backupCounter = await readCounter();
        await setTitle('After the backup');
        const kept = await app.inject({ method: 'GET', url: '/t' });
        expect(JSON.parse(kept.body)).toBe('After the backup');
        // Put back by hand (pg_restore, a copied file): rows and counter as they were, no move forward.
        await setTitle('Before the backup');
        await other.run(`update change_counter set value = ${p(1)} where id = 1`, [backupCounter]);
        const restored = await app.inject({ method: 'GET', url: '/t' });
        expect(JSON.parse(restored.body)).toBe('Before the backup');
        await setTitle('Written after the restore');
        expect(await readCounter()).toBe(backupCounter + 1);
        const afterRestore = await app.inject({ method: 'GET', url: '/t', headers: { 'if-none-match': kept.headers.etag as string } });
        expect(afterRestore.statusCode).toBe(200);
        expect(JSON.parse(afterRestore.body)).toBe('Written after the restore');
        expect(afterRestore.headers.etag).not.toBe(kept.headers.etag);
      } finally {
        await setTitle('Lahore workshop');
        await app.close();
      }
    });
  });
});
