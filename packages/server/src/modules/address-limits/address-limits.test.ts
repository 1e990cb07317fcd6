import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../db/database.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import { RateLimitedError } from '../../http/errors.js';
import { addToCount, readCount } from './address-limits.repository.js';
import { assertAllowance, countAgainst, countRequest, type AddressLimit } from './address-limits.service.js';

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

  it('checks an allowance without counting, and counts failures against it', async () => {
    const at = new Date('2026-04-01T10:00:00.000Z');
    const wrong: AddressLimit = { ...limit, name: 'wrong' };
    await assertAllowance(handle.db, wrong, '198.51.100.1', at);
    for (let i = 0; i < 3; i += 1) await countAgainst(handle.db, wrong, '198.51.100.1', at);
    await expect(assertAllowance(handle.db, wrong, '198.51.100.1', at)).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('drops the counts of windows more than a day old when a new window starts', async () => {
    await addToCount(handle.db, 'old:203.0.113.1', '2025-12-01T00:00:00.000Z');
    await countRequest(handle.db, { ...limit, name: 'fresh' }, '203.0.113.1', new Date('2026-05-01T00:00:00.000Z'));
    expect(await readCount(handle.db, 'old:203.0.113.1', '2025-12-01T00:00:00.000Z')).toBe(0);
  });
});
