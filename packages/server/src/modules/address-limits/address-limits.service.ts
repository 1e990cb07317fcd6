import type { Db } from '../../db/database.js';
import { RateLimitedError } from '../../http/errors.js';
import { addressKey } from '../auth/index.js';
import * as repo from './address-limits.repository.js';

/**
 * Limits of requests per network address for routes anyone may call (a test's public link). The
 * counts live in the database, not in the process: with several server processes behind a load
 * balancer each would otherwise count only its own share (docs/architecture.md: nothing a second
 * process needs stays in memory). Fixed windows: simple, and at worst twice the limit across the
 * edge of two windows, which is enough to stop a flood or a guesser.
 */
export type AddressLimit = {
  /** The bucket's name (a route, or "wrong codes on a route"). */
  name: string;
  /** Requests allowed per address in one window. */
  limit: number;
  windowSeconds: number;
  /** The message of the 429 answer. */
  message: string;
};

/** Counts older than this are deleted when a new window starts (longer than any window in use). */
const KEEP_MS = 24 * 3_600_000;

function windowOf(limit: AddressLimit, now: Date): { start: string; secondsLeft: number } {
  const ms = limit.windowSeconds * 1000;
  const start = Math.floor(now.getTime() / ms) * ms;
  return { start: new Date(start).toISOString(), secondsLeft: Math.max(1, Math.ceil((start + ms - now.getTime()) / 1000)) };
}

const bucketOf = (limit: AddressLimit, address: string) => `${limit.name}:${addressKey(address)}`;

/** Counts this request; past the limit, refuses it with 429 and Retry-After (until the window ends). */
export async function countRequest(db: Db, limit: AddressLimit, address: string, now = new Date()): Promise<void> {
  const window = windowOf(limit, now);
  const count = await repo.addToCount(db, bucketOf(limit, address), window.start);
  if (count === 1) await repo.deleteCountsBefore(db, new Date(now.getTime() - KEEP_MS).toISOString());
  if (count > limit.limit) throw new RateLimitedError(limit.message, window.secondsLeft);
}

/** Refuses with 429 when the address has used up this allowance already, without counting. */
export async function assertAllowance(db: Db, limit: AddressLimit, address: string, now = new Date()): Promise<void> {
  const window = windowOf(limit, now);
  if ((await repo.readCount(db, bucketOf(limit, address), window.start)) >= limit.limit) throw new RateLimitedError(limit.message, window.secondsLeft);
}

/** Counts one against the allowance (a failure, such as a wrong code) without refusing anything. */
export async function countAgainst(db: Db, limit: AddressLimit, address: string, now = new Date()): Promise<void> {
  const window = windowOf(limit, now);
  const count = await repo.addToCount(db, bucketOf(limit, address), window.start);
  if (count === 1) await repo.deleteCountsBefore(db, new Date(now.getTime() - KEEP_MS).toISOString());
}
