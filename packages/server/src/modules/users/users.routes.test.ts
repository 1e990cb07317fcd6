import type { ApiError, HistoryEntry, Page, User } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, signIn, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { createUser as createUserRecord } from './users.service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const createUser = (payload: Record<string, unknown>, role: 'admin' | 'programme_manager' | 'trainer' | 'viewer' = 'admin') =>
  ctx.app.inject({ method: 'POST', url: '/api/users', headers: ctx.as(role), payload });

const patchUser = (id: string, payload: Record<string, unknown>, headers: { cookie: string } = ctx.as('admin')) =>
  ctx.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });

const me = (cookie: string) => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

describe('user administration', () => {
  it('an admin creates a user who can then sign in', async () => {
    const response = await createUser({ email: 'Nadia@Example.org', name: 'Nadia Hussain', role: 'trainer', password: TEST_PASSWORD, countries: ['pk'] });
    expect(response.statusCode).toBe(201);
    const user = json<User>(response);
    expect(user).toMatchObject({ email: 'Nadia@Example.org', name: 'Nadia Hussain', role: 'trainer', countries: ['PK'], active: true });
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).not.toContain('password');
    const cookie = await signIn(ctx.app, 'nadia@example.org');
    expect(json<{ user: User }>(await me(cookie)).user.id).toBe(user.id);
  });

  it('lists users for an admin', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: ctx.as('admin') });
    expect(response.statusCode).toBe(200);
    const page = json<Page<User>>(response);
    expect(page.items.map((u) => u.email)).toEqual(expect.arrayContaining(['admin@test.example', 'viewer@test.example']));
  });

  it('an admin edits name, role and countries and the history says who changed what', async () => {
    const created = json<User>(await createUser({ email: 'edit.me@example.org', name: 'Edit Me', role: 'viewer', password: TEST_PASSWORD }));
    const response = await patchUser(created.id, { name: 'Edited Name', role: 'programme_manager', countries: ['AF', 'PK'] });
    expect(response.statusCode).toBe(200);
    expect(json<User>(response)).toMatchObject({ id: created.id, name: 'Edited Name', role: 'programme_manager', countries: ['AF', 'PK'] });
    const history = json<{ items: HistoryEntry[] }>(await ctx.app.inject({ method: 'GET', url: `/api/users/${created.id}/history`, headers: ctx.as('admin') }));
    expect(history.items.map((h) => h.action)).toEqual(['update', 'create']);
    const update = history.items[0];
    expect(update?.userId).toBe(ctx.users.admin.id);
    expect(update?.userName).toBe('Test admin');
    expect(update?.changes.name).toEqual({ from: 'Edit Me', to: 'Edited Name' });
    expect(update?.changes.role).toEqual({ from: 'viewer', to: 'programme_manager' });
  });

  it('refuses a second account with the same email, in any case, with 409', async () => {
    const response = await createUser({ email: 'VIEWER@test.example', name: 'Copy', role: 'viewer', password: TEST_PASSWORD });
    expect(response.statusCode).toBe(409);
    const error = json<ApiError>(response).error;
    expect(error.code).toBe('conflict');
    expect(error.details[0]?.path).toBe('email');
  });

  it('refuses a weak password with 400 naming the field', async () => {
    const response = await createUser({ email: 'weak@example.org', name: 'Weak', role: 'viewer', password: 'short' });
    expect(response.statusCode).toBe(400);
    const error = json<ApiError>(response).error;
    expect(error.code).toBe('validation_failed');
    expect(error.details).toContainEqual(expect.objectContaining({ path: 'password' }));
    const patched = await patchUser(ctx.users.viewer.id, { password: '123' });
    expect(patched.statusCode).toBe(400);
    expect(json<ApiError>(patched).error.details.map((d) => d.path)).toContain('password');
  });

  it('refuses an unknown role and an unknown country with 400', async () => {
    expect((await createUser({ email: 'r@example.org', name: 'R', role: 'superuser', password: TEST_PASSWORD })).statusCode).toBe(400);
    const country = await createUser({ email: 'c@example.org', name: 'C', role: 'viewer', password: TEST_PASSWORD, countries: ['XX'] });
    expect(country.statusCode).toBe(400);
    expect(json<ApiError>(country).error.details[0]?.path).toBe('countries.0');
  });

  it('answers 404 for an unknown user', async () => {
    expect((await patchUser('00000000-0000-7000-8000-000000000000', { name: 'Nobody' })).statusCode).toBe(404);
  });

  it.each(['programme_manager', 'trainer', 'viewer'] as const)('refuses a %s with 403 on every user route', async (role) => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/users', headers: ctx.as(role) })).statusCode).toBe(403);
    expect((await createUser({ email: `by.${role}@example.org`, name: 'X', role: 'admin', password: TEST_PASSWORD }, role)).statusCode).toBe(403);
    expect((await patchUser(ctx.users[role].id, { role: 'admin' }, ctx.as(role))).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/users/${ctx.users.viewer.id}/history`, headers: ctx.as(role) })).statusCode).toBe(403);
  });

  it('an admin cannot demote or deactivate themselves (422)', async () => {
    const demote = await patchUser(ctx.users.admin.id, { role: 'viewer' });
    expect(demote.statusCode).toBe(422);
    expect(json<ApiError>(demote).error.code).toBe('rule_violation');
    expect((await patchUser(ctx.users.admin.id, { active: false })).statusCode).toBe(422);
    expect(json<{ user: User }>(await me(ctx.as('admin').cookie)).user.role).toBe('admin');
    // Renaming oneself is fine.
    expect((await patchUser(ctx.users.admin.id, { name: 'Test admin' })).statusCode).toBe(200);
  });

  it('a changed password ends the user’s sessions and the new password works', async () => {
    const user = json<User>(await createUser({ email: 'rotate@example.org', name: 'Rotate', role: 'viewer', password: TEST_PASSWORD }));
    const first = await signIn(ctx.app, 'rotate@example.org');
    const second = await signIn(ctx.app, 'rotate@example.org');
    expect((await me(first)).statusCode).toBe(200);
    expect((await patchUser(user.id, { password: 'a brand new passphrase' })).statusCode).toBe(200);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(401);
    await expect(signIn(ctx.app, 'rotate@example.org')).rejects.toThrow(/401/);
    const fresh = await signIn(ctx.app, 'rotate@example.org', 'a brand new passphrase');
    expect((await me(fresh)).statusCode).toBe(200);
    const history = json<{ items: HistoryEntry[] }>(await ctx.app.inject({ method: 'GET', url: `/api/users/${user.id}/history`, headers: ctx.as('admin') }));
    expect(history.items[0]?.changes.password).toEqual({ from: '•••', to: 'changed' });
    expect(JSON.stringify(history)).not.toContain('a brand new passphrase');
  });

  it('deactivating a user ends their sessions', async () => {
    const user = json<User>(await createUser({ email: 'leaver@example.org', name: 'Leaver', role: 'trainer', password: TEST_PASSWORD }));
    const cookie = await signIn(ctx.app, 'leaver@example.org');
    expect((await patchUser(user.id, { active: false })).statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('lists the people who can be named trainers, without viewers or inactive accounts', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/trainers', headers: ctx.as('trainer') });
    expect(response.statusCode).toBe(200);
    const ids = json<{ items: Array<{ id: string; role: string }> }>(response).items.map((u) => u.id);
    expect(ids).toContain(ctx.users.trainer.id);
    expect(ids).not.toContain(ctx.users.viewer.id);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/trainers', headers: ctx.as('viewer') })).statusCode).toBe(403);
  });
});

describe('an administrator limited to countries', () => {
  let limited: { id: string; cookie: string };
  let afghanManager: User;
  let pakistaniTrainer: User;
  let everywhereAdmin: User;

  beforeAll(async () => {
    const admin = await createUserRecord(ctx.db, null, {
      email: 'pk-admin@example.org',
      name: 'PK admin',
      role: 'admin',
      password: TEST_PASSWORD,
      countries: ['PK'],
    });
    limited = { id: admin.id, cookie: await signIn(ctx.app, 'pk-admin@example.org') };
    afghanManager = json<User>(
      await createUser({ email: 'af-manager@example.org', name: 'AF manager', role: 'programme_manager', password: TEST_PASSWORD, countries: ['AF'] }),
    );
    pakistaniTrainer = json<User>(
      await createUser({ email: 'pk-trainer@example.org', name: 'PK trainer', role: 'trainer', password: TEST_PASSWORD, countries: ['PK'] }),
    );
    everywhereAdmin = json<User>(await createUser({ email: 'everywhere@example.org', name: 'Everywhere admin', role: 'admin', password: TEST_PASSWORD }));
  });
  const asLimited = () => ({ cookie: limited.cookie });

  it('sees only the accounts limited to their countries', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: asLimited() });
    expect(response.statusCode).toBe(200);
    const emails = json<{ items: User[] }>(response).items.map((u) => u.email);
    expect(emails).toContain('pk-trainer@example.org');
    expect(emails).not.toContain('af-manager@example.org');
    expect(emails).not.toContain('everywhere@example.org');
    expect(emails).not.toContain('admin@test.example');
  });

  it('cannot reset the password of, or read the history of, an account that sees more than they do (404)', async () => {
    for (const target of [afghanManager, everywhereAdmin]) {
      expect((await patchUser(target.id, { password: 'taken over 2026' }, asLimited())).statusCode).toBe(404);
      expect((await ctx.app.inject({ method: 'GET', url: `/api/users/${target.id}/history`, headers: asLimited() })).statusCode).toBe(404);
    }
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'everywhere@example.org', password: 'taken over 2026' } })).statusCode,
    ).toBe(401);
  });

  it('manages the accounts in their countries', async () => {
    const reset = await patchUser(pakistaniTrainer.id, { password: 'a new password 2026' }, asLimited());
    expect(reset.statusCode).toBe(200);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: asLimited(),
      payload: { email: 'pk-viewer@example.org', name: 'PK viewer', role: 'viewer', password: TEST_PASSWORD, countries: ['PK'] },
    });
    expect(created.statusCode).toBe(201);
  });

  it('cannot grant a country they lack, or every country', async () => {
    for (const [i, countries] of [['AF'], ['PK', 'AF'], null, undefined].entries()) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: asLimited(),
        payload: {
          email: `grant-${i}@example.org`,
          name: 'Granted',
          role: 'viewer',
          password: TEST_PASSWORD,
          ...(countries === undefined ? {} : { countries }),
        },
      });
      expect(response.statusCode, String(countries)).toBe(403);
      expect(json<ApiError>(response).error.details[0]?.path).toBe('countries');
    }
    expect((await patchUser(pakistaniTrainer.id, { countries: ['PK', 'AF'] }, asLimited())).statusCode).toBe(403);
    expect((await patchUser(pakistaniTrainer.id, { countries: null }, asLimited())).statusCode).toBe(403);
  });

  it("a country given twice is kept once, and saving one's own unchanged countries keeps the session", async () => {
    const twice = await patchUser(pakistaniTrainer.id, { countries: ['PK', 'pk'] }, asLimited());
    expect(twice.statusCode).toBe(200);
    expect(json<User>(twice).countries).toEqual(['PK']);
    const same = await patchUser(limited.id, { countries: ['pk'], name: 'PK admin (renamed)' }, asLimited());
    expect(same.statusCode).toBe(200);
    expect((await me(limited.cookie)).statusCode).toBe(200);
  });

  it('cannot lift or change their own limit, or their own role', async () => {
    const lift = await patchUser(limited.id, { countries: null }, asLimited());
    expect(lift.statusCode).toBe(422);
    expect((await patchUser(limited.id, { countries: ['PK', 'AF'] }, asLimited())).statusCode).toBe(422);
    expect((await patchUser(limited.id, { role: 'viewer' }, asLimited())).statusCode).toBe(422);
    const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: asLimited() });
    expect(json<{ user: User }>(me).user.countries).toEqual(['PK']);
  });
});
