import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Fastify from 'fastify';
import { createApp, createLiveCache, loadConfig, type DatabaseHandle } from '../../packages/server/src/testing.js';
import { throughputResult, type Result } from '../lib/measure.js';

const AUTOCANNON = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/autocannon/autocannon.js')).href;

type Cannon = { requests: { average: number }; non2xx: number; errors: number; timeouts: number; throughput: { average: number } };

/**
 * autocannon in its own process, so that the load generator does not share the server's event loop:
 * 50 connections, each going through `paths` in turn (so every address is asked as often).
 */
function cannon(origin: string, paths: string[], seconds: number, headers: Record<string, string> = {}): Promise<Cannon> {
  const script = `
    const { default: autocannon } = await import(process.env.BENCH_AUTOCANNON);
    const c = JSON.parse(process.env.BENCH_CANNON);
    const r = await autocannon({ url: c.origin, connections: 50, duration: c.seconds, headers: c.headers, requests: c.paths.map((path) => ({ method: 'GET', path })) });
    process.stdout.write(JSON.stringify({ requests: r.requests, non2xx: r.non2xx, errors: r.errors, timeouts: r.timeouts, throughput: r.throughput }));
  `;
  const env = { ...process.env, BENCH_AUTOCANNON: AUTOCANNON, BENCH_CANNON: JSON.stringify({ origin, paths, seconds, headers }) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err}`));
      try {
        resolve(JSON.parse(out) as Cannon);
      } catch {
        reject(new Error(`autocannon printed no JSON: ${out.slice(0, 200)} ${err.slice(0, 200)}`));
      }
    });
  });
}

/**
 * The addresses the list is asked with, as people page and filter it: the first three pages (by
 * their cursors) of the whole list and of the events held, and the first page by status, by type and
 * by the two largest provinces, each of 50 events.
 */
async function listAddresses(origin: string, cookie: string): Promise<string[]> {
  const get = async (address: string) => {
    const response = await fetch(`${origin}${address}`, { headers: { cookie } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`GET ${address}: ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as { items: Array<{ province: string | null }>; nextCursor: string | null };
  };
  const addresses: string[] = [];
  const pages = async (base: string, count: number) => {
    let address = base;
    for (let i = 0; i < count; i += 1) {
      addresses.push(address);
      const page = await get(address);
      if (!page.nextCursor) break;
      address = `${base}&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
  };
  await pages('/api/events?limit=50', 3);
  await pages('/api/events?limit=50&status=held', 3);
  addresses.push('/api/events?limit=50&status=planned', '/api/events?limit=50&type=training', '/api/events?limit=50&type=workshop');
  const counts = new Map<string, number>();
  for (const e of (await get('/api/events?limit=200')).items) if (e.province) counts.set(e.province, (counts.get(e.province) ?? 0) + 1);
  for (const [province] of [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2)) {
    addresses.push(`/api/events?limit=50&province=${encodeURIComponent(province)}`);
  }
  return addresses;
}

/**
 * GET /api/events?limit=50… with a session cookie on the whole app (createApp, listening on
 * 127.0.0.1:0), its addresses rotating over pages (cursors) and filters (status, type, province),
 * against a bare Fastify route on the same kind of server answering the same JSON for each address.
 * The baseline is only that: a Fastify 5 route without hooks, plugins or schema that looks the
 * address's answer up in a Map and lets Fastify JSON.stringify it: no session, no database, no
 * cookie parsing, no security headers, no compression. The difference is everything the app does per
 * request (session lookup, change counter, cache, headers). With the live cache, nothing changes
 * during the run, so every answer after the first of each address comes from the cache; the app
 * with a cache that keeps nothing (every answer made from the database) is measured too, for the log.
 */
export async function benchApi(
  handle: DatabaseHandle,
  signIn: (inject: (email: string, password: string) => Promise<string>) => Promise<string>,
  seconds: number,
  log: (line: string) => void,
): Promise<Result[]> {
  const config = loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' });
  const app = await createApp({ config, db: handle.db, engine: handle.engine });
  const uncached = await createApp({ config, db: handle.db, engine: handle.engine, live: createLiveCache(handle.db, { maxEntries: 0 }) });
  const cookie = await signIn(async (email, password) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const session = response.cookies.find((c) => c.name === 'hifazat_session');
    if (response.statusCode !== 200 || !session) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    return `hifazat_session=${session.value}`;
  });
  const origin = (server: { server: { address: () => unknown } }) => {
    const address = server.server.address();
    if (!address || typeof address !== 'object' || !('port' in address)) throw new Error('no address');
    return `http://127.0.0.1:${String(address.port)}`;
  };
  await app.listen({ host: '127.0.0.1', port: 0 });
  await uncached.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify({ logger: false });
  try {
    const appOrigin = origin(app);
    const addresses = await listAddresses(appOrigin, cookie);
    const answers = new Map<string, unknown>();
    let bytes = 0;
    for (const address of addresses) {
      const response = await fetch(`${appOrigin}${address}`, { headers: { cookie } });
      const body = await response.text();
      const fresh = await fetch(`${origin(uncached)}${address}`, { headers: { cookie } });
      if (response.status !== 200 || fresh.status !== 200) throw new Error(`GET ${address}: ${response.status} ${body.slice(0, 200)}`);
      if ((await fresh.text()) !== body) throw new Error(`GET ${address}: the cached and the uncached answers differ`);
      answers.set(address.slice(address.indexOf('?')), JSON.parse(body));
      bytes += body.length;
    }
    bare.get('/api/events', async (request) => answers.get(request.url.slice(request.url.indexOf('?'))));
    await bare.listen({ host: '127.0.0.1', port: 0 });

    const warm = Math.max(1, Math.round(seconds / 5));
    await cannon(origin(bare), addresses, warm);
    const b = await cannon(origin(bare), addresses, seconds);
    // The app without its cache first: the one right after the data is built meets PostgreSQL's
    // autovacuum and the page cache's first reads.
    await cannon(origin(uncached), addresses, warm, { cookie });
    const u = await cannon(origin(uncached), addresses, seconds, { cookie });
    await cannon(appOrigin, addresses, warm, { cookie });
    const a = await cannon(appOrigin, addresses, seconds, { cookie });
    for (const [what, r] of [
      ['app', a],
      ['bare', b],
      ['uncached app', u],
    ] as const) {
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`api_events_list_rps: ${what} had ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    }
    log(
      `api: ${addresses.length} addresses in turn (pages by cursor, status, type, province), ${(bytes / addresses.length / 1024).toFixed(0)} KB per answer on average; ` +
        `app ${a.requests.average.toFixed(0)} req/s (live cache), app with every answer made ${u.requests.average.toFixed(0)} req/s, ` +
        `bare route ${b.requests.average.toFixed(0)} req/s (a Map lookup and JSON.stringify, no hooks); 50 connections, ${seconds} s each`,
    );
    return [throughputResult('api_events_list_rps', a.requests.average, b.requests.average, 'req/s')];
  } finally {
    await bare.close();
    await uncached.close();
    await app.close();
  }
}
