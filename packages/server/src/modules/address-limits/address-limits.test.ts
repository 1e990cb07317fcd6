import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import { RateLimitedError } from '../../http/errors.js';
import { addToCount, failuresEmptyAt, readCount } from './address-limits.repository.js';
import { countRequest, reserveFailure, type AddressLimit, type FailureAllowance } from './address-limits.service.js';

const limit: AddressLimit = { name: 'sample', limit: 3, windowSeconds: 60, message: 'Too many' };

describe.each(testEngines())('request counts per address, on %s', (engine) => {
  let handle: DatabaseHandle & { destroy: () => Promise<void> };
  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  });
  afterAll(async () => handle.destroy());

  it('counts requests at the same moment one by one, each seeing its own number', async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, () => addToCount(handle.db, 'burst:10.0.0.1', '2026-01-01T00:00:00.000Z')));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await readCount(handle.db, 'burst:10.0.0.1', '2026-01-01T00:00:00.000Z')).toBe(20);
    expect(await readCount(handle.db, 'burst:10.0.0.2', '2026-01-01T00:00:00.000Z')).toBe(0);
  });

  it('lets the limit through in a window, refuses the next with the seconds left, and starts afresh in the next window', async () => {
    const start = new Date('2026-02-01T10:00:00.000Z');
    for (let i = 0; i < 3; i += 1) await countRequest(handle.db, limit, '192.0.2.7', new Date(start.getTime() + i * 1000));
    const refused = await countRequest(handle.db, limit, '192.0.2.7', new Date(start.getTime() + 15_000)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(45);
    // Another address, and the same one a window later, go through.
    await countRequest(handle.db, limit, '192.0.2.8', new Date(start.getTime() + 15_000));
    await countRequest(handle.db, limit, '192.0.2.7', new Date(start.getTime() + 60_000));
  });

  it('counts IPv6 addresses by their /64, so that one machine cannot step around the limit', async () => {
    const at = new Date('2026-03-01T10:00:00.000Z');
    for (const address of ['2001:db8:1:2::1', '2001:db8:1:2::2', '2001:db8:1:2:aaaa::3']) await countRequest(handle.db, limit, address, at);
    await expect(countRequest(handle.db, limit, '2001:db8:1:2::ffff', at)).rejects.toBeInstanceOf(RateLimitedError);
  });

  const wrong: FailureAllowance = { name: 'wrong', capacity: 3, drainSeconds: 20, message: 'Too many wrong' };
  const refusedAt = (at: number, address = '198.51.100.1', scope = 'link-a') =>
    reserveFailure(handle.db, wrong, address, scope, at).then(
      () => undefined,
      (e: unknown) => e,
    );

  it('reserves failures up to the capacity, then refuses until one has drained (Retry-After: the seconds until then)', async () => {
    const at = Date.parse('2026-04-01T10:00:00.000Z');
    for (let i = 0; i < 3; i += 1) expect(await refusedAt(at)).toBeUndefined();
    const refused = await refusedAt(at + 5_000);
    expect(refused).toBeInstanceOf(RateLimitedError);
    // Three failures drain by 10:01:00; one has drained by 10:00:20, 15 s after this attempt.
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(15);
    // A refused attempt adds nothing: one step later, exactly one more is let through, and then none.
    expect(await refusedAt(at + 20_000)).toBeUndefined();
    expect(await refusedAt(at + 20_000)).toBeInstanceOf(RateLimitedError);
    // Another link at the same address, and the same link at another address, have their own allowance.
    expect(await refusedAt(at + 20_000, '198.51.100.1', 'link-b')).toBeUndefined();
    expect(await refusedAt(at + 20_000, '198.51.100.2', 'link-a')).toBeUndefined();
    // Drained over time, not all at once: 40 s later two more pass, not three.
    expect(await refusedAt(at + 60_000)).toBeUndefined();
    expect(await refusedAt(at + 60_000)).toBeUndefined();
    expect(await refusedAt(at + 60_000)).toBeInstanceOf(RateLimitedError);
  });

  it('gives a reservation back when the check passed, so that only failures stay counted', async () => {
    const at = Date.parse('2026-04-02T10:00:00.000Z');
    for (let i = 0; i < 10; i += 1) await (await reserveFailure(handle.db, wrong, '198.51.100.3', 'link-a', at))();
    expect(await refusedAt(at, '198.51.100.3')).toBeUndefined();
    const giveBack = await reserveFailure(handle.db, wrong, '198.51.100.3', 'link-a', at);
    await giveBack();
    await giveBack();
    expect(await failuresEmptyAt(handle.db, 'wrong:link-a:198.51.100.3')).toBe(at + 20_000);
  });

  it('counts failures at the same moment one by one: a burst of 40 gets exactly the capacity through', async () => {
    const at = Date.parse('2026-04-03T10:00:00.000Z');
    const burst = await Promise.all(Array.from({ length: 40 }, () => refusedAt(at, '198.51.100.4')));
    expect(burst.filter((r) => r === undefined)).toHaveLength(3);
    expect(burst.filter((r) => r instanceof RateLimitedError)).toHaveLength(37);
  });

  it('forgets buckets that have drained when a bucket starts afresh', async () => {
    const at = Date.parse('2026-04-04T10:00:00.000Z');
    expect(await refusedAt(at, '198.51.100.5')).toBeUndefined();
    expect(await refusedAt(at + 3_600_000, '198.51.100.6')).toBeUndefined();
    expect(await failuresEmptyAt(handle.db, 'wrong:link-a:198.51.100.5')).toBeUndefined();
  });

  it('drops the counts of windows more than a day old when a new window starts', async () => {
    await addToCount(handle.db, 'old:203.0.113.1', '2025-12-01T00:00:00.000Z');
    await countRequest(handle.db, { ...limit, name: 'fresh' }, '203.0.113.1', new Date('2026-05-01T00:00:00.000Z'));
    expect(await readCount(handle.db, 'old:203.0.113.1', '2025-12-01T00:00:00.000Z')).toBe(0);
  });
});
