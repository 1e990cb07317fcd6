import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { AppError, RateLimitedError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { normalizeEmail } from '../../shared/normalize.js';
import pLimit from 'p-limit';
import { newId } from '../../shared/ids.js';
import { recordAudit } from '../audit/index.js';
import { needsSecondFactor, type Role } from '@hifazat/contract';
import type { SessionSecondFactor } from '../../db/schema.js';
import { findUserByEmail, findUserById, setPasswordHash, type UserRow } from '../users/index.js';
import { decideSignIn, SIGN_IN_LIMITS } from './sign-in-limits.js';
import * as repo from './auth.repository.js';
import { hashPassword, verifyPassword } from '../../shared/passwords.js';

/** Kept for the tests and messages that name them: see SIGN_IN_LIMITS for every limit. */
export const LOGIN_MAX_FAILURES = SIGN_IN_LIMITS.pairMaxFailures;
export const LOGIN_WINDOW_MINUTES = SIGN_IN_LIMITS.windowMinutes;
export const LOGIN_MAX_FAILURES_PER_ADDRESS = SIGN_IN_LIMITS.addressMaxFailures;
// Refresh a session's expiry at most this often, so that reads do not all become writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;
/**
 * argon2 checks at once: each takes ~19 MiB and a core for ~50 ms, so a burst of sign-ins must queue
 * instead of starving every other request; past the queue's length they are refused for a moment.
 */
export const PASSWORD_CHECKS_AT_ONCE = 4;
export const PASSWORD_CHECKS_QUEUED = 64;
const passwordChecks = pLimit(PASSWORD_CHECKS_AT_ONCE);

/** How busy the password checker is (for tests and the reliability suites). */
export const passwordCheckLoad = { peakActive: 0 };

const checksFull = () => passwordChecks.pendingCount >= PASSWORD_CHECKS_QUEUED;
const busyError = () => new RateLimitedError('Too many sign-ins at this moment; try again in a second', 1);

async function checkPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (checksFull()) throw busyError();
  return passwordChecks(async () => {
    passwordCheckLoad.peakActive = Math.max(passwordCheckLoad.peakActive, passwordChecks.activeCount);
    return verifyPassword(storedHash, password);
  });
}

/** A session's id: the hash of its cookie's token (the token itself is never stored). */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export function actorOf(user: UserRow): Actor {
  return { id: user.id, name: user.name, email: user.email, role: user.role, countries: fromJson<string[] | null>(user.countries, null) };
}

/** The address a failed sign-in is counted under: IPv4 as it is, IPv6 by its /64 prefix. */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]?.split('::') ?? [];
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Reserves a password check for (account, address): under the two guard rows' locks, counts what is
 * recorded, refuses with Retry-After or records the attempt, which counts as failed until it succeeds.
 * So 120 parallel attempts at one account are counted one after another: only the allowance is checked.
 */
async function reserveAttempt(db: Db, email: string, address: string, now: Date): Promise<string> {
  const windowStart = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000).toISOString();
  const knownSince = new Date(now.getTime() - SIGN_IN_LIMITS.knownAddressDays * 86_400_000).toISOString();
  const keptSince = new Date(now.getTime() - SIGN_IN_LIMITS.failuresKeptHours * 3_600_000).toISOString();
  const decide = async (reader: Db) =>
    decideSignIn({
      now: now.getTime(),
      address,
      accountAttempts: await repo.accountAttemptsSince(reader, email, windowStart),
      addressFailures: await repo.countFailedAttemptsFromAddressSince(reader, address, windowStart),
      knownAddress: await repo.hasSignedInFrom(reader, email, address, knownSince),
      ...(email.startsWith(SECOND_FACTOR_KEY_PREFIX) ? { secondFactorAttempts: await repo.accountAttemptsSince(reader, email, keptSince) } : {}),
    });
  // Read first without locks: an attempt that is refused anyway writes nothing (a flood of refused
  // attempts with made-up emails must not grow the guard table); then decide again under the locks.
  const first = await decide(db);
  const decision = !first.allowed
    ? first
    : await db.transaction().execute(async (trx) => {
        await repo.lockLoginGuards(trx, [`account:${email}`, `address:${address}`], now.toISOString());
        const result = await decide(trx);
        if (!result.allowed) return result;
        const id = newId();
        await repo.insertLoginAttempt(trx, { id, emailNormalized: email, clientAddress: address, at: now.toISOString() });
        return { allowed: true as const, id };
      });
  if (!decision.allowed) {
    const wait = decision.retryAfterSeconds;
    const when = wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : wait === 1 ? '1 second' : `${wait} seconds`;
    throw new RateLimitedError(
      decision.reason === 'address'
        ? `Too many failed sign-ins from this network address; try again in ${when}`
        : `Too many failed sign-ins for this account; try again in ${when}`,
      wait,
    );
  }
  return decision.id;
}

/**
 * Runs one guessable check (a password, a second-factor code) under the sign-in limits of `key` (an
 * account's normalised email, or `mfa:<user id>` for its second factor) and the client's address: the
 * attempt is reserved first (refused with Retry-After past the limits), then recorded as failed or
 * succeeded. `check` answers whether it passed; what it throws undoes the reservation.
 */
export async function limitedCheck<T>(db: Db, key: string, clientAddress: string, check: () => Promise<T | undefined>): Promise<T | undefined> {
  const now = new Date();
  const address = addressKey(clientAddress);
  const attemptId = await reserveAttempt(db, key, address, now);
  let passed: T | undefined;
  try {
    passed = await check();
  } catch (error) {
    // Not checked (the password queue filled meanwhile): not a failure.
    await repo.deleteLoginAttempt(db, attemptId);
    throw error;
  }
  if (passed === undefined) {
    const failuresBefore = new Date(now.getTime() - SIGN_IN_LIMITS.failuresKeptHours * 3_600_000).toISOString();
    await repo.deleteOldLoginAttempts(db, failuresBefore, new Date(now.getTime() - SIGN_IN_LIMITS.knownAddressDays * 86_400_000).toISOString());
    return undefined;
  }
  await repo.markAttemptSucceeded(db, attemptId);
  return passed;
}

/** Checks a user's password against the sign-in limits; the attempt is recorded either way. */
async function attemptPassword(db: Db, email: string, clientAddress: string, password: string): Promise<UserRow | undefined> {
  // A full queue is the server's state, not the account's: refused before anything is recorded, so
  // that a flood from many addresses cannot turn into failures held against real users.
  if (checksFull()) throw busyError();
  return limitedCheck(db, email, clientAddress, async () => {
    const user = await findUserByEmail(db, email);
    const passwordOk = await checkPassword(user?.password_hash ?? null, password);
    return user && passwordOk && toBoolean(user.active) ? user : undefined;
  });
}

export type SessionLifetime = { idleHours: number; absoluteHours: number };

/**
 * The case roles' sessions end after this long without a request (the others keep SESSION_IDLE_HOURS,
 * when that is shorter this is too); a half session (password checked, second factor awaited) lasts
 * at most HALF_SESSION_MINUTES.
 */
export const SECOND_FACTOR_IDLE_MINUTES = 30;
export const HALF_SESSION_MINUTES = 10;

/** The idle and absolute lifetime of a full session of this role. */
export function lifetimeFor(role: Role, lifetime: SessionLifetime): SessionLifetime {
  return needsSecondFactor(role) ? { ...lifetime, idleHours: Math.min(lifetime.idleHours, SECOND_FACTOR_IDLE_MINUTES / 60) } : lifetime;
}

/** Opens a session of `user`: full, or (secondFactor set) a half one that only finishes signing in. */
export async function openSession(db: Db, user: UserRow, lifetime: SessionLifetime, secondFactor: SessionSecondFactor | null = null): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const own = lifetimeFor(user.role, lifetime);
  const lastsMs = secondFactor ? HALF_SESSION_MINUTES * 60_000 : Math.min(own.idleHours, own.absoluteHours) * 3_600_000;
  await repo.insertSession(db, {
    id: hashToken(token),
    userId: user.id,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + lastsMs).toISOString(),
    secondFactor,
  });
  return token;
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; clientAddress: string } & SessionLifetime,
): Promise<{ token: string; user: UserRow; secondFactor: SessionSecondFactor | null }> {
  const email = normalizeEmail(input.email) ?? '';
  const user = await attemptPassword(db, email, input.clientAddress, input.password);
  if (!user) throw new AppError('unauthorized', 'Wrong email or password');
  // The case roles have passed only the password: their session waits for the second factor. So does
  // that of anyone who chose one (an administrator who breaks the glass must have).
  const secondFactor: SessionSecondFactor | null = needsSecondFactor(user.role)
    ? user.mfa_confirmed_at
      ? 'required'
      : 'setup_required'
    : user.mfa_confirmed_at
      ? 'required'
      : null;
  const token = await openSession(db, user, input, secondFactor);
  // Sessions that have run out are refused but stay in the table: cleared at each sign-in, which is
  // rare enough to cost nothing and frequent enough that the table holds only live sessions.
  await repo.deleteExpiredSessions(db, new Date().toISOString());
  return { token, user, secondFactor };
}

/**
 * A signed-in user changes their own password: the current one is checked under the same limits as a
 * sign-in (a stolen session must not become a way to guess it), and every other session ends.
 */
export async function changeOwnPassword(
  db: Db,
  input: { userId: string; token: string; currentPassword: string; newPassword: string; clientAddress: string },
): Promise<void> {
  const user = await findUserById(db, input.userId);
  if (!user) throw new AppError('unauthorized', 'Sign in first');
  const checked = await attemptPassword(db, user.email_normalized, input.clientAddress, input.currentPassword);
  if (!checked || checked.id !== user.id) {
    throw new AppError('validation_failed', 'The current password is not right', [{ path: 'currentPassword', message: 'The current password is not right' }]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await setPasswordHash(trx, user.id, passwordHash);
    await repo.deleteUserSessionsExcept(trx, user.id, hashToken(input.token));
    await recordAudit(trx, { entityType: 'user', entityId: user.id, action: 'update', userId: user.id, changes: { password: { from: '•••', to: 'changed' } } });
  });
}

/** Forgets an account's failed sign-ins from every address (`npx hifazat user unlock`). */
export async function unlockAccount(db: Db, email: string): Promise<{ found: boolean; cleared: number }> {
  const normalized = normalizeEmail(email) ?? '';
  const user = await findUserByEmail(db, normalized);
  let cleared = await repo.deleteFailedAttemptsOfAccount(db, normalized);
  // Wrong second-factor codes are counted under the account's id: unlocking forgets them too.
  if (user) cleared += await repo.deleteFailedAttemptsOfAccount(db, secondFactorLimitKey(user.id));
  return { found: user !== undefined, cleared };
}

/** Under which key wrong second-factor codes are counted by the sign-in limits. */
const SECOND_FACTOR_KEY_PREFIX = 'mfa:';
export const secondFactorLimitKey = (userId: string): string => `${SECOND_FACTOR_KEY_PREFIX}${userId}`;

export type SessionOf = { user: UserRow; secondFactor: SessionSecondFactor | null };

/**
 * The user behind a session cookie, and whether the session still awaits the second factor; undefined
 * when the session is unknown, unused for longer than the idle time (30 minutes for the case roles),
 * older than the absolute lifetime, or its user inactive.
 */
export async function userForToken(db: Db, token: string, lifetime: SessionLifetime): Promise<SessionOf | undefined> {
  const id = hashToken(token);
  const found = await repo.findSessionUser(db, id);
  if (!found) return undefined;
  const now = Date.now();
  const own = lifetimeFor(found.user.role, lifetime);
  const endsAt = Date.parse(found.createdAt) + own.absoluteHours * 3_600_000;
  if (Date.parse(found.expiresAt) <= now || endsAt <= now || !toBoolean(found.user.active)) {
    await repo.deleteSession(db, id);
    return undefined;
  }
  // A half session never stretches: it ends HALF_SESSION_MINUTES after the password.
  if (found.secondFactor === null && now - Date.parse(found.lastSeenAt) > Math.min(TOUCH_INTERVAL_MS, (own.idleHours * 3_600_000) / 10)) {
    await repo.touchSession(db, id, new Date(now).toISOString(), new Date(Math.min(now + own.idleHours * 3_600_000, endsAt)).toISOString());
  }
  return { user: found.user, secondFactor: found.secondFactor };
}

/** Ends one session (by its cookie token) and opens a full one in its place: a new token, so that a half session's token never becomes a full one. */
export async function upgradeSession(db: Db, token: string, user: UserRow, lifetime: SessionLifetime): Promise<string> {
  // An administrator's reset (or a sign-out) that ended the half session while its code was checked
  // wins: no full session comes out of a half one that is gone.
  if (!(await repo.deleteSession(db, hashToken(token)))) throw new AppError('unauthorized', 'Sign in again');
  return openSession(db, user, lifetime, null);
}

export async function signOut(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, hashToken(token));
}
