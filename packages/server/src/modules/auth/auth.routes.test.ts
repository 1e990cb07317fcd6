import { createHash } from 'node:crypto';
import type { ApiError, User } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, letTimePass, signIn, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { toBoolean } from '../../db/dialect.js';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { addressKey, LOGIN_MAX_FAILURES, LOGIN_MAX_FAILURES_PER_ADDRESS } from './auth.service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers, payload: { email, password } });

async function createAccount(email: string, extra: Record<string, unknown> = {}) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: ctx.as('admin'),
    payload: { email, name: `Account ${email}`, role: 'viewer', password: TEST_PASSWORD, ...extra },
  });
  expect(response.statusCode).toBe(201);
  return json<User>(response);
}

describe('sign-in', () => {
  it('answers 200 with the user and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await login('viewer@test.example', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = json<{ user: User }>(response);
    expect(body.user.email).toBe('viewer@test.example');
    expect(body.user.role).toBe('viewer');
    expect(JSON.stringify(body)).not.toContain('password');
    const cookie = response.cookies.find((c) => c.name === 'hifazat_session');
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(cookie?.path).toBe('/');
    expect(cookie?.value.length).toBeGreaterThanOrEqual(32);
    // Not over https in tests: no Secure flag.
    expect(cookie?.secure).toBeFalsy();
  });

  it('accepts the email in another case and with spaces around it', async () => {
    const response = await login('  Viewer@Test.Example ', TEST_PASSWORD);
    expect(response.statusCode).toBe(200);
  });

  it('refuses a wrong password with 401 and the same message as for an unknown email', async () => {
    const wrong = await login('trainer@test.example', 'not the password');
    const unknown = await login('nobody@test.example', 'not the password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const wrongError = json<ApiError>(wrong).error;
    const unknownError = json<ApiError>(unknown).error;
    expect(wrongError.code).toBe('unauthorized');
    expect(wrongError.message).toBe(unknownError.message);
    expect(wrong.cookies.find((c) => c.name === 'hifazat_session')).toBeUndefined();
  });

  it('refuses a body without a password with 400', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@test.example' } });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details.map((d) => d.path)).toContain('password');
  });

  it('refuses an inactive user with 401 even with the right password', async () => {
    const user = await createAccount('inactive@test.example');
    const deactivated = await ctx.app.inject({ method: 'PATCH', url: `/api/users/${user.id}`, headers: ctx.as('admin'), payload: { active: false } });
    expect(deactivated.statusCode).toBe(200);
    const response = await login('inactive@test.example', TEST_PASSWORD);
    expect(response.statusCode).toBe(401);
    expect(json<ApiError>(response).error.message).toBe(json<ApiError>(await login('nobody@test.example', 'x')).error.message);
  });

  it(`locks an account for the address after ${LOGIN_MAX_FAILURES} failures with 429 and Retry-After, refusing even the right password there`, async () => {
    await createAccount('locked@test.example');
    for (let i = 0; i < LOGIN_MAX_FAILURES; i += 1) {
      await letTimePass(ctx, 61);
      expect((await login('locked@test.example', `wrong ${i}`)).statusCode).toBe(401);
    }
    await letTimePass(ctx, 61);
    const next = await login('locked@test.example', 'wrong again');
    expect(next.statusCode).toBe(429);
    expect(json<ApiError>(next).error.code).toBe('rate_limited');
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    const right = await login('locked@test.example', TEST_PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.cookies.find((c) => c.name === 'hifazat_session')).toBeUndefined();
    // Another account is not affected.
    expect((await login('programme_manager@test.example', TEST_PASSWORD)).statusCode).toBe(200);
  });
  it(`stops one address after ${LOGIN_MAX_FAILURES_PER_ADDRESS} failed sign-ins over many accounts (password spraying), not other addresses`, async () => {
    const from = (remoteAddress: string, email: string, password: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } });
    for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i += 1) {
      expect((await from('192.0.2.7', `sprayed${i}@test.example`, 'Winter2026!')).statusCode).toBe(401);
    }
    const blocked = await from('192.0.2.7', 'viewer@test.example', TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(json<ApiError>(blocked).error.message).toMatch(/network address/);
    expect(blocked.cookies.find((c) => c.name === 'hifazat_session')).toBeUndefined();
    expect((await from('192.0.2.8', 'viewer@test.example', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('behind https, reads the address one proxy hop back, so a client cannot choose it in X-Forwarded-For', async () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: '/nonexistent', PUBLIC_URL: 'https://hifazat.example' });
    const proxied = await createApp({ config, db: ctx.db, engine: ctx.engine });
    try {
      // The proxy appends the address it saw; whatever the client put in front is not believed.
      const via = (forwardedFor: string, password: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': forwardedFor },
          payload: { email: 'viewer@test.example', password },
        });
      for (let i = 0; i < LOGIN_MAX_FAILURES_PER_ADDRESS; i += 1) {
        await proxied.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': '198.51.100.10, 203.0.113.5' },
          payload: { email: `framed${i}@test.example`, password: 'guess' },
        });
      }
      expect((await via('203.0.113.5', TEST_PASSWORD)).statusCode).toBe(429);
      // The office whose address the attacker wrote first is not locked out.
      expect((await via('198.51.100.10', TEST_PASSWORD)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  it('counts IPv6 clients by their /64 and IPv4-mapped addresses as IPv4', () => {
    expect(addressKey('2001:db8:85a3:12::8a2e:370:7334')).toBe('2001:db8:85a3:12::/64');
    expect(addressKey('2001:db8:85a3:12:ffff::1')).toBe('2001:db8:85a3:12::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
  });

  it('a successful sign-in starts the count again, and the failures before it stay on record', async () => {
    await createAccount('forgetful@test.example');
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i += 1) {
      await letTimePass(ctx, 70);
      expect((await login('forgetful@test.example', 'wrong')).statusCode).toBe(401);
    }
    await letTimePass(ctx, 70);
    expect((await login('forgetful@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_MAX_FAILURES - 1; i += 1) {
      await letTimePass(ctx, 70);
      expect((await login('forgetful@test.example', 'wrong')).statusCode).toBe(401);
    }
    await letTimePass(ctx, 70);
    expect((await login('forgetful@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    const recorded = await ctx.db.selectFrom('login_attempts').select(['success']).where('email_normalized', '=', 'forgetful@test.example').execute();
    expect(recorded.filter((r) => !toBoolean(r.success))).toHaveLength(2 * (LOGIN_MAX_FAILURES - 1));
    expect(recorded.filter((r) => toBoolean(r.success))).toHaveLength(2);
  });
});

describe('session', () => {
  it('/api/auth/me returns the signed-in user', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: ctx.as('programme_manager') });
    expect(response.statusCode).toBe(200);
    const { user } = json<{ user: User }>(response);
    expect(user.id).toBe(ctx.users.programme_manager.id);
    expect(user.role).toBe('programme_manager');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('/api/auth/me without a cookie or with an unknown one is 401', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const forged = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'hifazat_session=forged-token' } });
    expect(forged.statusCode).toBe(401);
    expect(json<ApiError>(forged).error.code).toBe('unauthorized');
  });

  it('logout ends the session: the old cookie is refused afterwards', async () => {
    const cookie = await signIn(ctx.app, 'trainer@test.example');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === 'hifazat_session');
    expect(cleared?.value).toBe('');
    // The browser drops what it kept of the cached answers (http/live-cache.ts).
    expect(out.headers['clear-site-data']).toBe('"cache"');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    // The other sessions of the same user are still valid.
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: ctx.as('trainer') })).statusCode).toBe(200);
  });

  it('stores only a hash of the session token, and an expired session is refused', async () => {
    const cookie = await signIn(ctx.app, 'viewer@test.example');
    const token = cookie.slice('hifazat_session='.length);
    const sessions = await ctx.db.selectFrom('sessions').select(['id', 'expires_at']).where('user_id', '=', ctx.users.viewer.id).execute();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.map((s) => s.id)).not.toContain(token);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    // Every session of the viewer but the harness's own is made to have run out.
    const harnessToken = ctx.as('viewer').cookie.slice('hifazat_session='.length);
    const all = await ctx.db.selectFrom('sessions').select('id').where('user_id', '=', ctx.users.viewer.id).execute();
    const keep = createHash('sha256').update(harnessToken).digest('base64url');
    for (const s of all.filter((row) => row.id !== keep)) {
      await ctx.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', s.id).execute();
    }
    const expired = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
    expect(expired.cookies.find((c) => c.name === 'hifazat_session')?.value).toBe('');
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: ctx.as('viewer') })).statusCode).toBe(200);
  });

  it('clears the sessions that have run out at the next sign-in, of any user, and keeps live ones', async () => {
    await signIn(ctx.app, 'viewer@test.example');
    const live = await ctx.db.selectFrom('sessions').select('id').where('expires_at', '>', new Date().toISOString()).execute();
    const old = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', ctx.users.viewer.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('sessions').set({ expires_at: '2001-01-01T00:00:00.000Z' }).where('id', '=', old.id).execute();
    await signIn(ctx.app, 'trainer@test.example');
    const after = new Set((await ctx.db.selectFrom('sessions').select('id').execute()).map((row) => row.id));
    expect(after.has(old.id)).toBe(false);
    expect(live.filter((row) => row.id !== old.id).every((row) => after.has(row.id))).toBe(true);
  });

  it('marks the cookie Secure and sends HSTS when the server is reached over https', async () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: '/nonexistent', PUBLIC_URL: 'https://hifazat.example' });
    const secureApp = await createApp({ config, db: ctx.db, engine: ctx.engine });
    try {
      const response = await secureApp.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@test.example', password: TEST_PASSWORD } });
      expect(response.statusCode).toBe(200);
      const cookie = response.cookies.find((c) => c.name === 'hifazat_session');
      expect(cookie?.secure).toBe(true);
      expect(cookie?.httpOnly).toBe(true);
      expect(response.headers['strict-transport-security']).toContain('max-age=31536000');
    } finally {
      await secureApp.close();
    }
  });

  it('logout without a session is harmless', async () => {
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });
});

describe('cross-origin writes', () => {
  const newOrganization = (headers: Record<string, string>) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: { ...ctx.as('admin'), ...headers },
      payload: { name: `Organisation ${Math.random()}`, type: 'government' },
    });

  it('refuses a write a browser marks Sec-Fetch-Site: cross-site with 403', async () => {
    const response = await newOrganization({ 'sec-fetch-site': 'cross-site' });
    expect(response.statusCode).toBe(403);
    expect(json<ApiError>(response).error.code).toBe('forbidden');
    expect((await newOrganization({ 'sec-fetch-site': 'same-site' })).statusCode).toBe(403);
  });

  it('refuses a write whose Origin is another host with 403', async () => {
    const response = await newOrganization({ host: 'hifazat.example', origin: 'https://evil.example' });
    expect(response.statusCode).toBe(403);
    expect((await newOrganization({ host: 'hifazat.example', origin: 'null' })).statusCode).toBe(403);
  });

  it('accepts writes from the same origin', async () => {
    expect((await newOrganization({ 'sec-fetch-site': 'same-origin' })).statusCode).toBe(201);
    expect((await newOrganization({ host: 'hifazat.example', origin: 'http://hifazat.example' })).statusCode).toBe(201);
  });

  it('accepts a write with neither Origin nor Sec-Fetch-Site (a script)', async () => {
    expect((await newOrganization({})).statusCode).toBe(201);
  });

  it('lets cross-site reads through', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/organizations', headers: { ...ctx.as('viewer'), 'sec-fetch-site': 'cross-site' } });
    expect(response.statusCode).toBe(200);
  });

  it('refuses a cross-site sign-in with 403 and sets no cookie', async () => {
    const response = await login('viewer@test.example', TEST_PASSWORD, { 'sec-fetch-site': 'cross-site' });
    expect(response.statusCode).toBe(403);
    expect(response.cookies.find((c) => c.name === 'hifazat_session')).toBeUndefined();
  });
});

describe('session lifetime and own password', () => {
  it('the cookie lives as long as a session may (7 days by default), not 30 idle periods', async () => {
    const response = await login('viewer@test.example', TEST_PASSWORD);
    expect(response.cookies.find((c) => c.name === 'hifazat_session')?.maxAge).toBe(7 * 24 * 3600);
  });

  it('ends a session that is older than its absolute lifetime, however recently it was used', async () => {
    const cookie = await signIn(ctx.app, 'trainer@test.example');
    const id = createHash('sha256').update(cookie.slice('hifazat_session='.length)).digest('base64url');
    // In use a minute ago and not idle, but begun eight days ago.
    await ctx.db
      .updateTable('sessions')
      .set({
        created_at: new Date(Date.now() - 8 * 86_400_000).toISOString(),
        last_seen_at: new Date(Date.now() - 60_000).toISOString(),
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      })
      .where('id', '=', id)
      .execute();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a user changes their own password with the current one; every other session of theirs ends, this one goes on', async () => {
    const account = await createAccount('changer@test.example');
    const here = await signIn(ctx.app, 'changer@test.example');
    const elsewhere = await signIn(ctx.app, 'changer@test.example');
    const wrong = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here },
      payload: { currentPassword: 'not it at all', newPassword: 'a brand new password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json<ApiError>(wrong).error.details[0]?.path).toBe('currentPassword');
    const weak = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    const changed = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: here },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: here } })).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: elsewhere } })).statusCode).toBe(401);
    expect((await login('changer@test.example', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login('changer@test.example', 'a brand new password')).statusCode).toBe(200);
    const history = json<{ items: Array<{ changes: Record<string, unknown> }> }>(
      await ctx.app.inject({ method: 'GET', url: `/api/users/${account.id}/history`, headers: ctx.as('admin') }),
    );
    expect(JSON.stringify(history.items)).not.toContain('brand new');
    expect(history.items.some((h) => 'password' in h.changes)).toBe(true);
  });

  it('refuses a password change without a session (401) and from another site (403)', async () => {
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' } }))
        .statusCode,
    ).toBe(401);
    const crossSite = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { ...ctx.as('viewer'), 'sec-fetch-site': 'cross-site' },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'a brand new password' },
    });
    expect(crossSite.statusCode).toBe(403);
  });
});

describe('host names', () => {
  it('answers only its own host names: a page whose name points at this computer (DNS rebinding) gets 400', async () => {
    for (const host of ['evil.example', 'evil.example:3000', 'localhost.evil.example', '127.0.0.1.nip.example', 'localhost@evil.example']) {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...ctx.as('viewer'), host } });
      expect(response.statusCode, host).toBe(400);
      expect(response.body).not.toContain('viewer@test.example');
    }
    for (const host of ['localhost', 'localhost:80', '127.0.0.1', '[::1]', 'hifazat.example', 'HIFAZAT.example']) {
      expect((await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { ...ctx.as('viewer'), host } })).statusCode, host).toBe(200);
    }
  });

  it("serves PUBLIC_URL's host and ALLOWED_HOSTS, and loopback only on the port it listens on", async () => {
    const config = loadConfig({
      DATA_DIR: '/nonexistent',
      WEB_DIST: '/nonexistent',
      PORT: '0',
      HOST: '127.0.0.1',
      PUBLIC_URL: 'https://hifazat.gov.example',
      ALLOWED_HOSTS: 'office-laptop.local:3000',
    });
    const listening = await createApp({ config, db: ctx.db, engine: ctx.engine });
    try {
      await listening.listen({ port: 0, host: '127.0.0.1' });
      const address = listening.server.address();
      const port = address !== null && typeof address === 'object' ? address.port : 0;
      const status = async (host: string) => (await listening.inject({ method: 'GET', url: '/api/health/live', headers: { host } })).statusCode;
      expect(await status('hifazat.gov.example')).toBe(200);
      expect(await status('office-laptop.local:3000')).toBe(200);
      expect(await status(`127.0.0.1:${port}`)).toBe(200);
      expect(await status(`localhost:${port}`)).toBe(200);
      expect(await status(`localhost:${port + 1}`)).toBe(400);
      expect(await status('office-laptop.local:3001')).toBe(400);
      expect(await status('hifazat.example')).toBe(400);
    } finally {
      await listening.close();
    }
  });
});
