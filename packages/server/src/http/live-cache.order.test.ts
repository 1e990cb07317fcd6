import Fastify from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/database.js';
import { createLiveCache } from './live-cache.js';

// The counter reads are answered by hand, in the order a test chooses: a pool of PostgreSQL
// connections can answer a read begun earlier after one begun later.
const { reads } = vi.hoisted(() => ({ reads: [] as Array<(value: number) => void> }));
vi.mock('../db/change-counter.js', () => ({ readChangeCounter: vi.fn(() => new Promise<number>((resolve) => reads.push(resolve))) }));

async function readsAsked(n: number): Promise<void> {
  for (let i = 0; i < 1000 && reads.length < n; i += 1) await new Promise((resolve) => setImmediate(resolve));
  expect(reads.length).toBe(n);
}

describe('live cache, counter reads answered out of order', () => {
  it('takes a lower value from a read begun before the higher one was seen as late, not as a database put back', async () => {
    reads.length = 0;
    // The database is not read: the counter reads are the mocked ones.
    const cache = createLiveCache({} as Db);
    let made = 0;
    const app = Fastify();
    app.get('/x', async (request, reply) => cache.serve(request, reply, 'x', async () => JSON.stringify({ made: (made += 1) })));
    try {
      const early = app.inject('/x');
      await readsAsked(1);
      const later = app.inject('/x');
      await readsAsked(2);
      reads[1]?.(6);
      const six = await later;
      expect(six.statusCode).toBe(200);
      const tag = six.headers.etag;
      reads[0]?.(5);
      expect((await early).statusCode).toBe(200);
      expect(cache.size().entries).toBe(1);

      // The answer at 6 is still kept, under the same tag.
      const again = app.inject({ url: '/x', headers: { 'if-none-match': String(tag) } });
      await readsAsked(3);
      reads[2]?.(6);
      expect((await again).statusCode).toBe(304);
      expect(made).toBe(1);

      // A read begun after 6 was seen that answers 4: the database was put back; every tag is forgotten.
      const back = app.inject('/x');
      await readsAsked(4);
      reads[3]?.(4);
      expect((await back).statusCode).toBe(200);
      const forward = app.inject({ url: '/x', headers: { 'if-none-match': String(tag) } });
      await readsAsked(5);
      reads[4]?.(6);
      const answer = await forward;
      expect(answer.statusCode).toBe(200);
      expect(answer.headers.etag).not.toBe(tag);
    } finally {
      await app.close();
    }
  });
});
