import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readChangeCounter } from '../db/change-counter.js';
import type { Db } from '../db/database.js';
import type { Actor } from './permissions.js';

/**
 * A cache of whole GET answers that can never serve a stale one (issue 14).
 *
 * Migration 0023 keeps a change counter in the database: triggers move it, in the writing
 * transaction, whenever a row changes in a table the cached routes read (COUNTED_TABLES there). Every
 * request reads the counter (one prepared read) and gets a cached body only when the counter is the
 * one the body was made under; the first request after any write, from this process, another one or
 * `npx hifazat` (straight into the database), makes the body again. A body is made after the counter
 * is read, so it is never older than its counter value; one made while a write commits is newer and
 * is never served (the counter has moved past it, and counters do not come back).
 *
 * The key is the route, its parsed query (defaults filled, keys sorted), the user's id, role and
 * countries, and today's date (UTC): two users never share an entry, even with the same scope.
 * Bounded: at most `maxEntries` bodies and `maxBytes` bytes, the least recently used dropped first;
 * all of them at once when the counter moves. Concurrent requests for one key share one computation.
 *
 * The answer carries a strong ETag (a hash of the counter, the key and the process's start) and `Cache-Control: private,
 * no-cache`: the browser may keep it and must ask again each time; `If-None-Match` with the current
 * tag gets 304 and no body, without the body being made. Only routes that opt in (serveRoute's
 * `cache`) use it, and only with an answer the route encodes itself (plain JSON, see route.ts).
 */
export const LIVE_CACHE_CONTROL = 'private, no-cache';

type Entry = { body: Buffer; etag: string };

export type LiveCacheOptions = { maxEntries?: number; maxBytes?: number };

export type LiveCache = {
  /**
   * The answer to `request` from the cache when the counter allows, else from `make` (whose JSON
   * text is kept): sends it (or 304) on `reply`.
   */
  serve: (request: FastifyRequest, reply: FastifyReply, key: string, make: () => Promise<string>) => Promise<FastifyReply>;
  /** Entries and bytes held now (tests, diagnostics). */
  size: () => { entries: number; bytes: number };
};

/** The key of a request: route, parsed query (keys sorted, undefined left out), the user's scope and the day. */
export function liveCacheKey(route: string, query: unknown, actor: Actor, today = new Date().toISOString().slice(0, 10)): string {
  return JSON.stringify([route, sortedJson(query), actor.id, actor.role, actor.countries === null ? null : [...actor.countries].sort(), today]);
}

function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortedJson(v)]),
    );
  }
  return value;
}

/**
 * The tag: a hash of the counter and the key, and of the cache's epoch (its start, renewed when the
 * counter is seen going back): a database put back from a backup has an older counter, whose next
 * values would otherwise name answers a browser kept from before. Each server process thus has its
 * own tags. (`hifazat restore` moves the counter forward past the replaced one's, backup.ts.)
 */
const etagOf = (epoch: string, counter: number, key: string) =>
  `"${createHash('sha256').update(`${epoch}\n${counter}\n${key}`).digest('base64url').slice(0, 32)}"`;

/** Whether If-None-Match names `etag` (a list, or `*`; a weak W/ prefix compares weakly, as RFC 9110 says for GET). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

export function createLiveCache(db: Db, options: LiveCacheOptions = {}): LiveCache {
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  // Insertion order is use order: a hit moves its entry to the end; the first is the least recently used.
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<Entry>>();
  let bytes = 0;
  let counter: number | null = null;
  let epoch = randomUUID();
  // Reads of the counter begun so far, and how many had begun when `counter` was seen: a pool's
  // connections can answer a read begun earlier after one begun later.
  let readsBegun = 0;
  let begunWhenSeen = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.length;
  };

  const keep = (key: string, entry: Entry) => {
    drop(key);
    // One answer larger than a quarter of the budget is served, not kept.
    if (entry.body.length > maxBytes / 4) return;
    entries.set(key, entry);
    bytes += entry.body.length;
    while (entries.size > maxEntries || bytes > maxBytes) drop(entries.keys().next().value as string);
  };

  const send = (request: FastifyRequest, reply: FastifyReply, entry: Pick<Entry, 'etag'> & { body: Buffer | null }) => {
    reply.header('etag', entry.etag).header('cache-control', LIVE_CACHE_CONTROL);
    if (entry.body === null || matches(request.headers['if-none-match'], entry.etag)) return reply.code(304).send();
    return reply.code(200).type('application/json; charset=utf-8').send(entry.body);
  };

  return {
    size: () => ({ entries: entries.size, bytes }),
    serve: async (request, reply, key, make) => {
      readsBegun += 1;
      const read = readsBegun;
      const now = await readChangeCounter(db);
      // A lower value from a read begun before the higher one was seen is late, not a put-back
      // database: its answer is made for it and not kept (below), and nothing is forgotten.
      if (counter !== null && now < counter && read > begunWhenSeen) {
        // The counter went back: the database was put back from a backup behind `hifazat restore`'s
        // back (which moves it forward), e.g. by hand with pg_restore or a copied file. The values
        // to come were given to other answers already: the kept ones and every tag given so far
        // (a new epoch) are forgotten, and the cache starts again from this value.
        epoch = randomUUID();
        counter = null;
      }
      if (counter === null || now > counter) {
        // Every entry was made under an older value: none can be served again.
        entries.clear();
        bytes = 0;
        counter = now;
        begunWhenSeen = readsBegun;
      }
      const cached = entries.get(key);
      if (cached) {
        entries.delete(key);
        entries.set(key, cached);
        return send(request, reply, cached);
      }
      const etag = etagOf(epoch, now, key);
      // The tag names the counter and the key, so a client's copy is known current without making the body.
      if (matches(request.headers['if-none-match'], etag)) return send(request, reply, { etag, body: null });
      const slot = `${now}\n${key}`;
      let making = pending.get(slot);
      if (!making) {
        making = make()
          .then((json) => ({ body: Buffer.from(json), etag }))
          .finally(() => pending.delete(slot));
        pending.set(slot, making);
      }
      const entry = await making;
      // Kept only while its counter is still the newest seen (a write may have moved it meanwhile).
      if (now === counter) keep(key, entry);
      return send(request, reply, entry);
    },
  };
}
