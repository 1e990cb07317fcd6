import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { normalizeEmail } from '../../shared/normalize.js';
import { findUserByEmail, type UserRow } from '../users/users.repository.js';
import * as repo from './auth.repository.js';
import { verifyPassword } from './passwords.js';

/** After this many failed sign-ins for one account in the window, the account waits. */
export const LOGIN_MAX_FAILURES = 10;
export const LOGIN_WINDOW_MINUTES = 15;
/**
 * Failed sign-ins from one address in the window before every sign-in from it waits: password
 * spraying tries a few passwords on many accounts, which the per-account lockout alone does not stop.
 * An IPv6 client is counted by its /64 (one household or office holds a whole /64).
 */
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 50;
// Attempts are kept this long (the window is what counts; a day is enough to investigate a spray).
const ATTEMPTS_KEPT_MS = 24 * 3_600_000;
// Refresh a session's expiry at most this often, so that reads do not all become writes.
const TOUCH_INTERVAL_MS = 5 * 60_000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export function actorOf(user: UserRow): Actor {
  return { id: user.id, name: user.name, email: user.email, role: user.role as Role, countries: fromJson<string[] | null>(user.countries, null) };
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
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g || '0', 16).toString(16)).join(':')}::/64`;
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; idleHours: number; clientAddress: string },
): Promise<{ token: string; user: UserRow }> {
  const email = normalizeEmail(input.email) ?? '';
  const now = new Date();
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000).toISOString();
  if ((await repo.countFailedAttemptsSince(db, email, windowStart)) >= LOGIN_MAX_FAILURES) {
    throw new AppError('rate_limited', `Too many failed sign-ins for this account; try again in ${LOGIN_WINDOW_MINUTES} minutes`);
  }
  const address = addressKey(input.clientAddress);
  if ((await repo.countFailedAttemptsFromAddressSince(db, address, windowStart)) >= LOGIN_MAX_FAILURES_PER_ADDRESS) {
    throw new AppError('rate_limited', `Too many failed sign-ins from this network address; try again in ${LOGIN_WINDOW_MINUTES} minutes`);
  }
  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || !toBoolean(user.active)) {
    await repo.deleteLoginAttemptsBefore(db, new Date(now.getTime() - ATTEMPTS_KEPT_MS).toISOString());
    await repo.recordLoginAttempt(db, { emailNormalized: email, clientAddress: address, at: now.toISOString(), success: false });
    throw new AppError('unauthorized', 'Wrong email or password');
  }
  await repo.clearFailedAttempts(db, email);
  const token = randomBytes(32).toString('base64url');
  await repo.insertSession(db, {
    id: hashToken(token),
    userId: user.id,
    now: now.toISOString(),
    expiresAt: new Date(now.getTime() + input.idleHours * 3_600_000).toISOString(),
  });
  return { token, user };
}

/** The user behind a session cookie, or undefined when the session is unknown, expired or the user inactive. */
export async function userForToken(db: Db, token: string, idleHours: number): Promise<UserRow | undefined> {
  const id = hashToken(token);
  const found = await repo.findSessionUser(db, id);
  if (!found) return undefined;
  const now = Date.now();
  if (Date.parse(found.expiresAt) <= now || !toBoolean(found.user.active)) {
    await repo.deleteSession(db, id);
    return undefined;
  }
  if (now - Date.parse(found.lastSeenAt) > TOUCH_INTERVAL_MS) {
    await repo.touchSession(db, id, new Date(now).toISOString(), new Date(now + idleHours * 3_600_000).toISOString());
  }
  return found.user;
}

export async function signOut(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, hashToken(token));
}
