import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { make } from './factories.js';
import { createTestContext, json, signInHalf, TEST_PASSWORD, type TestContext } from './helpers.js';
import { pathSpellings } from './path-spellings.js';

/**
 * The auth hook decides from the route the router matched, never from the address text: an address
 * spelled another way (/%61pi/users, /API/users, /api//users, /x/../api/users, double encoding) either
 * reaches no route or meets the same session, role and cross-origin checks as /api/users.
 */
const PUBLIC = new Set([
  'GET /api/health',
  'GET /api/health/live',
  'GET /api/health/ready',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  // A test's public link: its spellings with a real token are checked below.
  'GET /api/take/{token}',
  'POST /api/take/{token}/attempts',
  // Certificates anyone may check: their spellings with a real number are checked below.
  'GET /api/verify/{number}',
  'POST /api/certificates/verify',
  'GET /api/certificates/keys',
  // A questionnaire's public link: likewise.
  'GET /api/feedback/{token}',
  'POST /api/feedback/{token}/responses',
]);

let ctx: TestContext;
let operations: Array<{ method: string; path: string; key: string }>;

beforeAll(async () => {
  ctx = await createTestContext();
  const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' }));
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops)
      .map((m) => ({
        method: m.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, (name) => (name === '{number}' ? 'HZ-2026-2345-6789' : randomUUID())),
        key: `${m.toUpperCase()} ${path}`,
      }))
      .filter((op) => !PUBLIC.has(op.key)),
  );
});
afterAll(async () => ctx.close());

describe('addresses spelled another way', () => {
  it('the spellings the review used are among those tried', () => {
    const tried = pathSpellings('/api/users');
    for (const s of ['/%61pi/users', '/API/users', '/%2561pi/users', '/api//users', '/api/./users', '/x/../api/users']) expect(tried).toContain(s);
  });

  it('reach no data without a session: no 2xx for any spelling of any protected route', async () => {
    const answered: string[] = [];
    let sent = 0;
    for (const op of operations) {
      for (const url of pathSpellings(op.path)) {
        const response = await ctx.app.inject({ method: op.method as 'GET', url, ...(op.method === 'GET' ? {} : { payload: {} }) });
        sent += 1;
        if (response.statusCode < 300) answered.push(`${op.method} ${url} → ${response.statusCode}`);
        expect(response.statusCode).toBeLessThan(500);
      }
    }
    expect(sent).toBeGreaterThan(operations.length * 15);
    expect(answered).toEqual([]);
  });

  it('a half session (password checked, second factor awaited) reaches no data by any spelling of any route but the second-factor ones', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: ctx.as('admin'),
      payload: { email: 'half-session@test.example', name: 'Half Session', role: 'data_officer', password: TEST_PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    const half = await signInHalf(ctx.app, 'half-session@test.example');
    expect(half.mfa).toBe('setup_required');
    const secondFactorRoutes = new Set(['POST /api/auth/mfa/setup', 'POST /api/auth/mfa/confirm', 'POST /api/auth/mfa/verify']);
    const answered: string[] = [];
    let refusedCanonical = 0;
    for (const op of operations.filter((o) => !secondFactorRoutes.has(o.key))) {
      const canonical = await ctx.app.inject({
        method: op.method as 'GET',
        url: op.path,
        headers: { cookie: half.cookie },
        ...(op.method === 'GET' ? {} : { payload: {} }),
      });
      // 401 (the hook's answer to a half session); 400 only where the address itself is malformed for the route.
      if (canonical.statusCode === 401) refusedCanonical += 1;
      else expect([400, 404], `${op.key} → ${canonical.statusCode}`).toContain(canonical.statusCode);
      for (const url of pathSpellings(op.path)) {
        const response = await ctx.app.inject({
          method: op.method as 'GET',
          url,
          headers: { cookie: half.cookie },
          ...(op.method === 'GET' ? {} : { payload: {} }),
        });
        if (response.statusCode < 300) answered.push(`${op.method} ${url} → ${response.statusCode}`);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.body).not.toContain('admin@test.example');
      }
    }
    expect(answered).toEqual([]);
    expect(refusedCanonical).toBeGreaterThan(operations.length / 2);
    // The session is still a half one: the second-factor routes answer it, by any spelling that reaches them.
    let reached = 0;
    for (const url of pathSpellings('/api/auth/mfa/setup')) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: { cookie: half.cookie } });
      expect([200, 400, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      if (response.statusCode === 200) reached += 1;
    }
    expect(reached).toBeGreaterThan(0);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: half.cookie } })).statusCode).toBe(401);
  });

  it('GET /%61pi/users and /API/users without a session answer 401 or 404 and never list accounts', async () => {
    for (const url of ['/%61pi/users', '/API/users', '/%2561pi/users', '/api//users', '/%61pi/system/status']) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([401, 404]).toContain(response.statusCode);
      expect(response.body).not.toContain('admin@test.example');
      expect(response.headers['cache-control']).toBe(response.statusCode === 401 ? 'no-store' : response.headers['cache-control']);
    }
  });

  it('a viewer cannot reach an administrator route by another spelling', async () => {
    for (const url of pathSpellings('/api/users')) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('viewer') });
      expect(response.statusCode, url).not.toBe(200);
    }
  });

  it('POST /%61pi/system/backups from another origin makes no backup, even with an administrator session', async () => {
    for (const url of ['/%61pi/system/backups', '/API/system/backups', '/api//system/backups']) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: { ...ctx.as('admin'), host: 'hifazat.example', origin: 'http://evil.example' } });
      expect([403, 404]).toContain(response.statusCode);
    }
    const matched = await ctx.app.inject({ method: 'POST', url: '/%61pi/system/backups', headers: { ...ctx.as('admin'), 'sec-fetch-site': 'cross-site' } });
    expect(matched.statusCode).toBe(403);
  });

  it('sign-out from another origin is refused and leaves the session alive', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { ...ctx.as('viewer'), host: 'hifazat.example', origin: 'http://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: ctx.as('viewer') })).statusCode).toBe(200);
  });

  it("a test's public link: every spelling reaches that one public route or none, and a closed link stays closed", async () => {
    const event = await make.event(ctx);
    const person = await make.person(ctx);
    await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/participants`, headers: ctx.as('admin'), payload: { personId: person.id } });
    const question = await make.question(ctx);
    const test = await make.test(ctx, event.id, { questionIds: [question.id] });
    const path = `/api/take/${test.link.token}`;
    const canonical = await ctx.app.inject({ method: 'GET', url: path });
    expect(canonical.statusCode).toBe(200);
    for (const url of pathSpellings(path)) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([200, 400, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      if (response.statusCode === 200) expect(response.body, url).toBe(canonical.body);
    }
    for (const url of pathSpellings(`${path}/attempts`)) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: { origin: 'http://evil.example', host: 'hifazat.example' }, payload: {} });
      expect([403, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
    }
    await ctx.app.inject({ method: 'PUT', url: `/api/tests/${test.id}/link`, headers: ctx.as('admin'), payload: { open: false } });
    for (const url of [path, ...pathSpellings(path)]) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([400, 404, 410], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      expect(response.body).not.toContain(question.text.en);
    }
  });

  it('a certificate check: every spelling reaches the public route or none, answers the same, and reveals nothing else', async () => {
    const event = await make.event(ctx, { startDate: '2025-03-10', endDate: '2025-03-10' });
    const person = await make.person(ctx, { fullName: 'Spelling Tester' });
    await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants`,
      headers: ctx.as('admin'),
      payload: { personId: person.id, attended: true },
    });
    const issued = await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/certificates/issue`, headers: ctx.as('admin'), payload: {} });
    const number = json<{ certificates: Array<{ number: string }> }>(issued).certificates[0]?.number ?? '';
    const path = `/api/verify/${number}`;
    const canonical = await ctx.app.inject({ method: 'GET', url: path });
    expect(canonical.statusCode).toBe(200);
    expect(canonical.body).toContain('Spelling Tester');
    for (const url of pathSpellings(path)) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([200, 400, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      if (response.statusCode === 200) expect(response.body, url).toBe(canonical.body);
    }
    // The certificate itself, behind a session, stays there whatever the spelling.
    for (const url of pathSpellings(`/api/certificates/${number}`)) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([400, 401, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      expect(response.body).not.toContain('Spelling Tester');
    }
  });

  it("a questionnaire's public link: every spelling reaches that one public route or none, and a closed link stays closed", async () => {
    const event = await make.event(ctx);
    const person = await make.person(ctx);
    await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/participants`, headers: ctx.as('admin'), payload: { personId: person.id } });
    const template = json<{ id: string; items: Array<{ text: { en: string } }> }>(
      await ctx.app.inject({ method: 'POST', url: '/api/feedback-templates/standard', headers: ctx.as('admin'), payload: {} }),
    );
    const form = json<{ link: { token: string } }>(
      await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/feedback`, headers: ctx.as('admin'), payload: { templateId: template.id } }),
    );
    const path = `/api/feedback/${form.link.token}`;
    const canonical = await ctx.app.inject({ method: 'GET', url: path });
    expect(canonical.statusCode).toBe(200);
    let reached = 0;
    for (const url of pathSpellings(path)) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([200, 400, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      if (response.statusCode === 200) {
        reached += 1;
        expect(response.body, url).toBe(canonical.body);
        expect(response.headers['cache-control'], url).toBe('no-store');
      }
    }
    expect(reached).toBeGreaterThan(0);
    for (const url of pathSpellings(`${path}/responses`)) {
      const response = await ctx.app.inject({ method: 'POST', url, headers: { origin: 'http://evil.example', host: 'hifazat.example' }, payload: {} });
      expect([403, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
    }
    // The feedback routes beside the public ones are not public whatever the spelling.
    for (const url of [...pathSpellings('/api/feedback/results'), ...pathSpellings('/api/feedback-templates')]) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([400, 401, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
    }
    await ctx.app.inject({ method: 'PUT', url: `/api/events/${event.id}/feedback/link`, headers: ctx.as('admin'), payload: { open: false } });
    for (const url of [path, ...pathSpellings(path)]) {
      const response = await ctx.app.inject({ method: 'GET', url });
      expect([400, 404, 410], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      expect(response.body).not.toContain(template.items[0]?.text.en);
    }
  });
});
