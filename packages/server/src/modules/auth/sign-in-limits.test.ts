import type { ApiError, User } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, letTimePass, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { toBoolean } from '../../db/dialect.js';
import { testEngines } from '../../db/test-db.js';
import { PASSWORD_CHECKS_AT_ONCE, passwordCheckLoad, unlockAccount } from './auth.service.js';
import { decideSignIn, SIGN_IN_LIMITS } from './sign-in-limits.js';

describe.each(testEngines())('sign-in limits on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  const from = (remoteAddress: string, email: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } });

  async function createAccount(email: string): Promise<User> {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: ctx.as('admin'),
      payload: { email, name: `Account ${email}`, role: 'programme_manager', password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(201);
    return json<User>(response);
  }

  it('counts a burst of 120 parallel attempts at one account one after another: only the free allowance is checked, and the failures stay', async () => {
    await createAccount('burst@test.example');
    const passwords = Array.from({ length: 120 }, (_, i) => (i === 60 ? TEST_PASSWORD : `wrong guess ${i}`));
    const answers = await Promise.all(passwords.map((password) => from('203.0.113.40', 'burst@test.example', password)));
    const checked = answers.filter((a) => a.statusCode === 401 || a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode === 429);
    expect(checked.length + refused.length).toBe(120);
    for (const answer of refused) expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    const recorded = await ctx.db
      .selectFrom('login_attempts')
      .select(['success', 'at'])
      .where('email_normalized', '=', 'burst@test.example')
      .orderBy('at')
      .execute();
    expect(recorded).toHaveLength(checked.length);
    // Checked one after another: past the free allowance, each attempt was checked only once the delay
    // the failures before it set had passed (1 s, then 2 s …), never sooner. On a quick machine the whole
    // burst ends within the first delay (three checked); a slow one may outlast it and check a fourth.
    let failuresInARow = 0;
    let lastAt = 0;
    for (const attempt of recorded) {
      const at = Date.parse(attempt.at);
      if (failuresInARow >= SIGN_IN_LIMITS.freeFailures) {
        const delayMs = Math.min(2 ** (failuresInARow - SIGN_IN_LIMITS.freeFailures), SIGN_IN_LIMITS.maxDelaySeconds) * 1000;
        expect(at - lastAt).toBeGreaterThanOrEqual(delayMs);
      }
      failuresInARow = toBoolean(attempt.success) ? 0 : failuresInARow + 1;
      lastAt = at;
    }
    expect(checked.length).toBeGreaterThanOrEqual(SIGN_IN_LIMITS.freeFailures);
    expect(recorded.filter((r) => !toBoolean(r.success))).toHaveLength(answers.filter((a) => a.statusCode === 401).length);
  });

  it('slows down before it refuses: three failures at once, then 1 s, then 2 s between attempts', async () => {
    await createAccount('slow@test.example');
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i += 1) expect((await from('203.0.113.41', 'slow@test.example', `wrong ${i}`)).statusCode).toBe(401);
    const early = await from('203.0.113.41', 'slow@test.example', 'wrong again');
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBe('1');
    await letTimePass(ctx, 1);
    expect((await from('203.0.113.41', 'slow@test.example', 'wrong again')).statusCode).toBe(401);
    const next = await from('203.0.113.41', 'slow@test.example', TEST_PASSWORD);
    expect(next.statusCode).toBe(429);
    expect(next.headers['retry-after']).toBe('2');
    await letTimePass(ctx, 2);
    expect((await from('203.0.113.41', 'slow@test.example', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('an attacker who locks an administrator out at one address does not lock out the administrator elsewhere', async () => {
    await createAccount('target@test.example');
    expect((await from('198.51.100.20', 'target@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_LIMITS.pairMaxFailures; i += 1) {
      await letTimePass(ctx, 61);
      expect((await from('203.0.113.9', 'target@test.example', `guess ${i}`)).statusCode).toBe(401);
    }
    await letTimePass(ctx, 61);
    const attacker = await from('203.0.113.9', 'target@test.example', TEST_PASSWORD);
    expect(attacker.statusCode).toBe(429);
    expect(json<ApiError>(attacker).error.code).toBe('rate_limited');
    // The administrator at their usual address, and at a new one, still signs in.
    expect((await from('198.51.100.20', 'target@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    expect((await from('198.51.100.77', 'target@test.example', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it(`after ${SIGN_IN_LIMITS.accountMaxFailures} failures at one account from many addresses, only addresses it was used from may try`, async () => {
    await createAccount('spread@test.example');
    expect((await from('198.51.100.21', 'spread@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_LIMITS.accountMaxFailures; i += 1) {
      expect((await from(`198.18.${Math.floor(i / 200)}.${i % 200}`, 'spread@test.example', 'guess')).statusCode).toBe(401);
    }
    const stranger = await from('198.51.100.99', 'spread@test.example', TEST_PASSWORD);
    expect(stranger.statusCode).toBe(429);
    expect(Number(stranger.headers['retry-after'])).toBeGreaterThan(60);
    expect((await from('198.51.100.21', 'spread@test.example', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it(`one address that sprays ${SIGN_IN_LIMITS.addressMaxFailures} failures over many accounts keeps the accounts signed in from it before working`, async () => {
    await createAccount('colleague@test.example');
    await createAccount('newcomer@test.example');
    expect((await from('192.0.2.50', 'colleague@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < SIGN_IN_LIMITS.addressMaxFailures; i += 1) {
      expect((await from('192.0.2.50', `sprayed${i}@test.example`, 'Winter2026!')).statusCode).toBe(401);
    }
    expect((await from('192.0.2.50', 'colleague@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    const newcomer = await from('192.0.2.50', 'newcomer@test.example', TEST_PASSWORD);
    expect(newcomer.statusCode).toBe(429);
    expect(json<ApiError>(newcomer).error.message).toMatch(/network address/);
    expect((await from('192.0.2.51', 'newcomer@test.example', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('unlocking an account forgets its failures from every address', async () => {
    await createAccount('unlock-me@test.example');
    for (let i = 0; i < SIGN_IN_LIMITS.pairMaxFailures; i += 1) {
      await letTimePass(ctx, 61);
      expect((await from('203.0.113.60', 'unlock-me@test.example', `guess ${i}`)).statusCode).toBe(401);
    }
    expect((await from('203.0.113.60', 'unlock-me@test.example', TEST_PASSWORD)).statusCode).toBe(429);
    expect(await unlockAccount(ctx.db, ' Unlock-Me@test.example ')).toEqual({ found: true, cleared: SIGN_IN_LIMITS.pairMaxFailures });
    expect((await from('203.0.113.60', 'unlock-me@test.example', TEST_PASSWORD)).statusCode).toBe(200);
    expect(await unlockAccount(ctx.db, 'nobody-here@test.example')).toEqual({ found: false, cleared: 0 });
  });

  it(`checks at most ${PASSWORD_CHECKS_AT_ONCE} passwords at once, and refuses for a moment when too many wait`, async () => {
    passwordCheckLoad.peakActive = 0;
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => from(`198.19.${Math.floor(i / 250)}.${i % 250}`, `nobody${i}@test.example`, 'guess')),
    );
    expect(passwordCheckLoad.peakActive).toBeGreaterThan(1);
    expect(passwordCheckLoad.peakActive).toBeLessThanOrEqual(PASSWORD_CHECKS_AT_ONCE);
    const busy = answers.filter((a) => a.statusCode === 429);
    expect(busy.length).toBeGreaterThan(0);
    for (const answer of busy) {
      expect(answer.headers['retry-after']).toBe('1');
      expect(json<ApiError>(answer).error.message).toMatch(/at this moment/);
    }
    expect(answers.filter((a) => a.statusCode === 401).length + busy.length).toBe(200);
    // Refused for a full queue is the server's state, never a failure held against the account.
    const recorded = await ctx.db.selectFrom('login_attempts').select('id').where('email_normalized', 'like', 'nobody%').execute();
    expect(recorded).toHaveLength(answers.filter((a) => a.statusCode === 401).length);
  });

  it('writes nothing for an attempt it refuses: a flood of made-up emails from a stopped address does not grow the tables', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.addressMaxFailures; i += 1) await from('192.0.2.90', `flood-seed${i}@test.example`, 'guess');
    const count = async (table: 'login_guards' | 'login_attempts') =>
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = { guards: Number(await count('login_guards')), attempts: Number(await count('login_attempts')) };
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => from('192.0.2.90', `${'x'.repeat(200)}${i}@test.example`, 'guess')));
    expect(answers.every((a) => a.statusCode === 429)).toBe(true);
    expect({ guards: Number(await count('login_guards')), attempts: Number(await count('login_attempts')) }).toEqual(before);
  });
});

describe('the sign-in decision', () => {
  const now = Date.parse('2026-12-01T10:00:00.000Z');
  const at = (secondsAgo: number) => new Date(now - secondsAgo * 1000).toISOString();
  const attempt = (address: string, secondsAgo: number, success = false) => ({
    id: `${address}-${secondsAgo}`,
    clientAddress: address,
    at: at(secondsAgo),
    success,
  });

  it('counts only the failures after the last success at the same address', () => {
    const accountAttempts = [...[500, 400, 300, 200, 100].map((s) => attempt('a', s)), attempt('a', 90, true), attempt('a', 80)];
    expect(decideSignIn({ now, address: 'a', accountAttempts, addressFailures: 6, knownAddress: true })).toEqual({ allowed: true });
  });

  it('waits out the window from the oldest counted failure once a pair is locked', () => {
    const accountAttempts = Array.from({ length: 10 }, (_, i) => attempt('a', 600 - i * 61));
    expect(decideSignIn({ now, address: 'a', accountAttempts, addressFailures: 10, knownAddress: false })).toEqual({
      allowed: false,
      reason: 'account',
      retryAfterSeconds: 15 * 60 - 600,
    });
  });

  it('lets a known address past the account-wide and address-wide limits, but not a stranger', () => {
    const accountAttempts = Array.from({ length: 100 }, (_, i) => attempt(`x${i}`, 100));
    expect(decideSignIn({ now, address: 'home', accountAttempts, addressFailures: 60, knownAddress: true })).toEqual({ allowed: true });
    expect(decideSignIn({ now, address: 'new', accountAttempts, addressFailures: 0, knownAddress: false })).toMatchObject({
      allowed: false,
      reason: 'account',
    });
    expect(decideSignIn({ now, address: 'new', accountAttempts: [], addressFailures: 50, knownAddress: false })).toMatchObject({
      allowed: false,
      reason: 'address',
    });
  });
});

describe('the second factor’s own limit', () => {
  const now = Date.parse('2026-12-01T12:00:00.000Z');
  const attempt = (minutesAgo: number, address: string, success = false) => ({
    id: `${minutesAgo}-${address}`,
    clientAddress: address,
    at: new Date(now - minutesAgo * 60_000).toISOString(),
    success,
  });
  const decide = (attempts: ReturnType<typeof attempt>[], knownAddress: boolean) =>
    decideSignIn({ now, address: '198.51.100.7', accountAttempts: [], addressFailures: 0, knownAddress, secondFactorAttempts: attempts });

  it(`refuses after ${SIGN_IN_LIMITS.secondFactorMaxFailures} wrong codes since the last right one, spread over addresses and hours, even from a known address`, () => {
    // One wrong code an hour from a new address each time: no window of 15 minutes ever sees more than one.
    const spread = Array.from({ length: SIGN_IN_LIMITS.secondFactorMaxFailures }, (_, i) =>
      attempt((SIGN_IN_LIMITS.secondFactorMaxFailures - i) * 60, `203.0.113.${i}`),
    );
    const refused = decide(spread, true);
    expect(refused).toMatchObject({ allowed: false, reason: 'account' });
    // It lifts when the oldest counted failure is a day old: 20 hours ago + 24 h → 4 hours from now.
    expect(refused.allowed ? 0 : refused.retryAfterSeconds).toBe(4 * 3600);
    expect(decide(spread.slice(1), false)).toEqual({ allowed: true });
    // A right code in between starts the count again.
    expect(decide([...spread.slice(0, 10), attempt(5, '198.51.100.7', true), ...spread.slice(10)], false)).toEqual({ allowed: true });
  });

  it('does not apply to passwords (no second-factor attempts given)', () => {
    expect(decideSignIn({ now, address: '198.51.100.7', accountAttempts: [], addressFailures: 0, knownAddress: true })).toEqual({ allowed: true });
  });
});
