import type { Db } from '../../db/database.js';
import { RateLimitedError } from '../../http/errors.js';
import { addressKey } from '../auth/index.js';
import * as repo from './address-limits.repository.js';

/**
 * Limits of requests per network address for routes anyone may call (a test's public link), and
 * allowances of failures on them (wrong codes: `reserveFailure`, below). The counts live in the
 * database, not in the process: with several server processes behind a load balancer each would
 * otherwise count only its own share (docs/architecture.md: nothing a second process needs stays in
 * memory). Requests are counted in fixed windows: simple, and at worst twice the limit across the
 * edge of two windows, which is enough to stop a flood.
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

/**
 * An allowance of failures (wrong names or codes on a public link) per network address and scope
 * (the link), as a leaky bucket: each failure fills it by one, and it drains by one every
 * `drainSeconds`. Full at `capacity`: then nothing more is checked until it has drained by one. So
 * a burst of `capacity` mistakes passes, and after that one attempt per `drainSeconds`, never more
 * (the cap does not grow while nobody tries). Someone who locks themselves out of one link at a
 * shared address (a venue's Wi-Fi) locks nobody out of the event's other links, and gets one try
 * back every `drainSeconds` rather than after a fixed window.
 */
export type FailureAllowance = {
  /** The bucket's name (a route, or "wrong codes on public links"). */
  name: string;
  /** Failures an address may have outstanding at once, per scope. */
  capacity: number;
  /** One failure drains away in this many seconds. */
  drainSeconds: number;
  /** The message of the 429 answer. */
  message: string;
};

const failureBucketOf = (allowance: FailureAllowance, address: string, scope: string) => `${allowance.name}:${scope}:${addressKey(address)}`;

/**
 * Reserves one failure before the check it guards, atomically (a full bucket answers 429 with
 * Retry-After, the seconds until one failure has drained), so that parallel requests cannot all pass
 * a check made before any of them is counted. Answers a function that gives the reservation back,
 * to call when the check passed (the name or code was right): only failures stay counted.
 */
export async function reserveFailure(db: Db, allowance: FailureAllowance, address: string, scope: string, now = Date.now()): Promise<() => Promise<void>> {
  const bucket = failureBucketOf(allowance, address, scope);
  const stepMs = allowance.drainSeconds * 1000;
  const emptyAt = await repo.addFailure(db, bucket, now, stepMs, allowance.capacity * stepMs);
  if (emptyAt === undefined) {
    const current = (await repo.failuresEmptyAt(db, bucket)) ?? now;
    // Full: trying again helps once the level is below the capacity by one step.
    const waitMs = current - now - (allowance.capacity - 1) * stepMs;
    throw new RateLimitedError(allowance.message, Math.max(1, Math.ceil(waitMs / 1000)));
  }
  // The bucket was empty: a good moment to forget the buckets that have drained.
  if (emptyAt === now + stepMs) await repo.deleteDrainedBefore(db, now);
  let given = false;
  return async () => {
    if (given) return;
    given = true;
    await repo.removeFailure(db, bucket, stepMs);
  };
}
