import type { User } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, enrolSecondFactor, json, letTimePass, signInHalf, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { openText, dataKeysFor, sealedKeyId } from '../../shared/data-key.js';
import { rotateDataKey } from '../data-protection/index.js';
import { rowPurpose } from '../../shared/sealed-columns.js';
import { MFA_SEALED_COLUMN, MFA_SECRET_PURPOSE } from './second-factor.service.js';
import { SIGN_IN_LIMITS } from './sign-in-limits.js';
import { totpCode } from './totp.js';

const STEP_MS = 30_000;

describe.each(testEngines())('second factor of the case roles, on %s', (engine) => {
  let ctx: TestContext;
  let n = 0;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  const post = (url: string, cookie: string, payload?: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const get = (url: string, cookie: string) => ctx.app.inject({ method: 'GET', url, headers: { cookie } });

  /** A new account of a case role, made by the administrator. */
  async function account(role: User['role'] = 'data_officer'): Promise<User> {
    n += 1;
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: ctx.as('admin'),
      payload: { email: `case-${n}-${engine}@test.example`, name: `Case worker ${n}`, role, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(201);
    return json<User>(response);
  }

  it('sign-in of a role without a second factor is unchanged: the user and a full session', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'viewer@test.example', password: TEST_PASSWORD } });
    expect(json<{ user: User }>(response).user.role).toBe('viewer');
    expect(response.body).not.toContain('mfa');
  });

  it.each(['data_officer', 'supervisor', 'service_provider', 'analyst'] as const)(
    'a %s not yet enrolled gets setup_required and a half session that reaches nothing else',
    async (role) => {
      const user = await account(role);
      const half = await signInHalf(ctx.app, user.email);
      expect(half.mfa).toBe('setup_required');
      for (const url of ['/api/auth/me', '/api/events', '/api/users', '/api/people']) {
        const response = await get(url, half.cookie);
        expect([401, 403], url).toContain(response.statusCode);
      }
      // Verify is for an enrolled account.
      expect((await post('/api/auth/mfa/verify', half.cookie, { code: '123456' })).statusCode).toBe(409);
    },
  );

  it('enrolment: setup gives a secret (stored sealed), confirm with a code gives ten recovery codes and a full session', async () => {
    const user = await account();
    const half = await signInHalf(ctx.app, user.email);
    const setup = await post('/api/auth/mfa/setup', half.cookie);
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = json<{ secret: string; otpauthUrl: string }>(setup);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toContain(`secret=${secret}`);

    // The database holds the secret sealed with the data key, bound to its purpose.
    const row = await ctx.db.selectFrom('users').select(['mfa_secret', 'mfa_confirmed_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.mfa_secret).toMatch(/^hz1\./);
    expect(row.mfa_secret).not.toContain(secret);
    expect(row.mfa_confirmed_at).toBeNull();
    const keys = dataKeysFor({ dataDir: ctx.dataDir });
    expect(openText(keys, row.mfa_secret ?? '', rowPurpose(MFA_SECRET_PURPOSE, user.id))).toBe(secret);
    expect(() => openText(keys, row.mfa_secret ?? '', 'people.full_name')).toThrow();
    // Bound to the account's row too: the bare purpose, or another account's id, does not open it.
    expect(() => openText(keys, row.mfa_secret ?? '', MFA_SECRET_PURPOSE)).toThrow();
    expect(() => openText(keys, row.mfa_secret ?? '', rowPurpose(MFA_SECRET_PURPOSE, ctx.users.admin.id))).toThrow();
    expect(MFA_SEALED_COLUMN).toEqual({ table: 'users', idColumn: 'id', column: 'mfa_secret', purpose: 'users.mfa_secret' });

    const wrong = await post('/api/auth/mfa/confirm', half.cookie, { code: totpCode(secret, Date.now() + 5 * STEP_MS) });
    expect(wrong.statusCode).toBe(400);
    expect(json<{ error: { details: Array<{ path: string }> } }>(wrong).error.details[0]?.path).toBe('code');

    const confirm = await post('/api/auth/mfa/confirm', half.cookie, { code: totpCode(secret) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = json<{ recoveryCodes: string[] }>(confirm);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/);
    // Stored hashed, like passwords.
    const stored = await ctx.db.selectFrom('mfa_recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.code_hash).toMatch(/^\$argon2id\$/);
      for (const code of recoveryCodes) expect(s.code_hash).not.toContain(code);
    }

    // The full session is a new cookie; the half one is gone.
    const full = confirm.cookies.find((c) => c.name === 'hifazat_session')?.value ?? '';
    expect(`hifazat_session=${full}`).not.toBe(half.cookie);
    const me = await get('/api/auth/me', `hifazat_session=${full}`);
    expect(me.statusCode).toBe(200);
    expect(json<{ user: User }>(me).user.secondFactorEnrolled).toBe(true);
    expect((await get('/api/auth/me', half.cookie)).statusCode).toBe(401);
    // A full session has nothing to do on the second-factor routes.
    expect((await post('/api/auth/mfa/setup', `hifazat_session=${full}`)).statusCode).toBe(403);
    // The training register stays closed to a case role with a full session (least privilege).
    expect((await get('/api/events', `hifazat_session=${full}`)).statusCode).toBe(403);

    // Enrolment is in the account's history, with ids only.
    const history = await get(`/api/users/${user.id}/history`, ctx.as('admin').cookie);
    expect(history.body).toContain('enrolled');
    expect(history.body).not.toContain(secret);
  });

  it('later sign-ins: required, then a code of the app (one step either side), never the same code twice', async () => {
    const user = await account('supervisor');
    const { secret } = await enrolSecondFactor(ctx.app, user.email);

    const first = await signInHalf(ctx.app, user.email);
    expect(first.mfa).toBe('required');
    // Setting up again over an enrolled factor is refused.
    expect((await post('/api/auth/mfa/setup', first.cookie)).statusCode).toBe(409);
    // The next step's code (a phone clock a little ahead): the confirm used this step's.
    const code = totpCode(secret, Date.now() + STEP_MS);
    const verified = await post('/api/auth/mfa/verify', first.cookie, { code });
    expect(verified.statusCode).toBe(200);
    expect(json<{ user: User }>(verified).user.id).toBe(user.id);

    // The same code again, from another sign-in: a replay, refused.
    const second = await signInHalf(ctx.app, user.email);
    const replay = await post('/api/auth/mfa/verify', second.cookie, { code });
    expect(replay.statusCode).toBe(400);
    // Two steps away: refused too.
    expect((await post('/api/auth/mfa/verify', second.cookie, { code: totpCode(secret, Date.now() + 3 * STEP_MS) })).statusCode).toBe(400);
    expect((await get('/api/auth/me', second.cookie)).statusCode).toBe(401);
  });

  it('a recovery code works once in place of a code, and its use is audited', async () => {
    const user = await account('analyst');
    const { recoveryCodes } = await enrolSecondFactor(ctx.app, user.email);
    const code = recoveryCodes[3] ?? '';

    const half = await signInHalf(ctx.app, user.email);
    // Typed in capitals without the dashes: the same code.
    const used = await post('/api/auth/mfa/verify', half.cookie, { code: code.replace(/-/g, '').toUpperCase() });
    expect(used.statusCode).toBe(200);
    const left = await ctx.db.selectFrom('mfa_recovery_codes').select('id').where('user_id', '=', user.id).where('used_at', 'is', null).execute();
    expect(left).toHaveLength(9);

    const again = await signInHalf(ctx.app, user.email);
    expect((await post('/api/auth/mfa/verify', again.cookie, { code })).statusCode).toBe(400);
    // Another one still works.
    expect((await post('/api/auth/mfa/verify', again.cookie, { code: recoveryCodes[4] ?? '' })).statusCode).toBe(200);

    const audit = await ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'note', 'changes'])
      .where('entity_id', '=', user.id)
      .where('note', '=', 'Signed in with a recovery code')
      .execute();
    expect(audit).toHaveLength(2);
    for (const entry of audit) expect(JSON.stringify(entry)).not.toContain(user.name);
  });

  it('wrong codes are limited like passwords: past the free ones, a wait with Retry-After, even for the right code', async () => {
    const user = await account();
    const { secret } = await enrolSecondFactor(ctx.app, user.email);
    const half = await signInHalf(ctx.app, user.email);
    const wrong = totpCode(secret, Date.now() + 10 * STEP_MS);
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i += 1) {
      expect((await post('/api/auth/mfa/verify', half.cookie, { code: wrong })).statusCode).toBe(400);
    }
    const refused = await post('/api/auth/mfa/verify', half.cookie, { code: totpCode(secret, Date.now() + STEP_MS) });
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await letTimePass(ctx, 2);
    // A fresh half session: letTimePass moved the sessions back too, and a half session lasts minutes.
    const later = await signInHalf(ctx.app, user.email);
    expect((await post('/api/auth/mfa/verify', later.cookie, { code: totpCode(secret, Date.now() + STEP_MS) })).statusCode).toBe(200);
  });

  it('a half session ends after ten minutes', async () => {
    const user = await account();
    const half = await signInHalf(ctx.app, user.email);
    expect((await post('/api/auth/mfa/setup', half.cookie)).statusCode).toBe(200);
    await letTimePass(ctx, 11 * 60);
    expect((await post('/api/auth/mfa/setup', half.cookie)).statusCode).toBe(401);
  });

  it('a case role’s full session ends after 30 minutes idle; other roles keep theirs', async () => {
    const user = await account('service_provider');
    const { cookie } = await enrolSecondFactor(ctx.app, user.email);
    const viewer = await signInHalf(ctx.app, 'viewer@test.example');
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    await letTimePass(ctx, 25 * 60);
    // Still used within the 30 minutes: it goes on, and the clock starts again.
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    await letTimePass(ctx, 25 * 60);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(200);
    await letTimePass(ctx, 31 * 60);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    expect((await get('/api/auth/me', viewer.cookie)).statusCode).toBe(200);
  });

  it('a sealed secret copied into another account’s row does not open there: the seal is bound to its row', async () => {
    // Someone who can write to the database copies their own enrolled secret over the victim's.
    const attacker = await account();
    const victim = await account();
    const { secret } = await enrolSecondFactor(ctx.app, attacker.email);
    const own = await ctx.db.selectFrom('users').select(['mfa_secret', 'mfa_confirmed_at']).where('id', '=', attacker.id).executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('users')
      .set({ mfa_secret: own.mfa_secret, mfa_confirmed_at: own.mfa_confirmed_at, mfa_last_step: null })
      .where('id', '=', victim.id)
      .execute();
    const half = await signInHalf(ctx.app, victim.email);
    expect(half.mfa).toBe('required');
    const verify = await post('/api/auth/mfa/verify', half.cookie, { code: totpCode(secret, Date.now() + STEP_MS) });
    expect(verify.statusCode).not.toBe(200);
    expect(verify.headers['set-cookie']).toBeUndefined();
    expect((await get('/api/auth/me', half.cookie)).statusCode).toBe(401);
  });

  it('an enrolled account still signs in after the data key is rotated (its row-bound seal sealed again)', async () => {
    const user = await account();
    const { secret } = await enrolSecondFactor(ctx.app, user.email);
    const before = await ctx.db.selectFrom('users').select('mfa_secret').where('id', '=', user.id).executeTakeFirstOrThrow();
    const rotated = await rotateDataKey(ctx.db, { dataDir: ctx.dataDir }, { settleMs: 0 });
    // (The row the test above tampered with stays as it is: its value does not open, so it is counted unopened.)
    expect(rotated.reencrypt.reencrypted).toBeGreaterThan(0);
    const after = await ctx.db.selectFrom('users').select('mfa_secret').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(sealedKeyId(after.mfa_secret ?? '')).toBe(rotated.current);
    expect(after.mfa_secret).not.toBe(before.mfa_secret);
    const half = await signInHalf(ctx.app, user.email);
    expect((await post('/api/auth/mfa/verify', half.cookie, { code: totpCode(secret, Date.now() + STEP_MS) })).statusCode).toBe(200);
  });

  it('sign-out works for a half session', async () => {
    const user = await account();
    const half = await signInHalf(ctx.app, user.email);
    expect((await post('/api/auth/logout', half.cookie)).statusCode).toBe(204);
    expect((await post('/api/auth/mfa/setup', half.cookie)).statusCode).toBe(401);
  });

  it('an administrator resets a second factor: sessions end, the account enrols again, audited with ids', async () => {
    const user = await account();
    const { cookie, secret } = await enrolSecondFactor(ctx.app, user.email);
    // Not an administrator: refused.
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/users/${user.id}/second-factor`, headers: ctx.as('programme_manager') })).statusCode).toBe(403);
    const reset = await ctx.app.inject({ method: 'DELETE', url: `/api/users/${user.id}/second-factor`, headers: ctx.as('admin') });
    expect(reset.statusCode).toBe(200);
    expect(json<User>(reset).secondFactorEnrolled).toBe(false);
    expect((await get('/api/auth/me', cookie)).statusCode).toBe(401);
    const codes = await ctx.db.selectFrom('mfa_recovery_codes').select('id').where('user_id', '=', user.id).execute();
    expect(codes).toHaveLength(0);
    const half = await signInHalf(ctx.app, user.email);
    expect(half.mfa).toBe('setup_required');
    // The old secret is gone: its codes no longer confirm anything.
    expect((await post('/api/auth/mfa/setup', half.cookie)).statusCode).toBe(200);
    expect((await post('/api/auth/mfa/confirm', half.cookie, { code: totpCode(secret, Date.now() + STEP_MS) })).statusCode).toBe(400);
    const entry = await ctx.db.selectFrom('audit_log').select(['user_id', 'changes']).where('entity_id', '=', user.id).orderBy('seq', 'desc').execute();
    const resetEntry = entry.find((e) => JSON.stringify(e.changes).includes('reset'));
    expect(resetEntry?.user_id).toBe(ctx.users.admin.id);
    // An unknown account: 404.
    expect(
      (await ctx.app.inject({ method: 'DELETE', url: '/api/users/0190d6f2-7c3a-7b4e-8f00-000000000000/second-factor', headers: ctx.as('admin') })).statusCode,
    ).toBe(404);
  });
});
