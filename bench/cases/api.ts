import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { createApp, loadConfig, type DatabaseHandle } from '../../packages/server/src/testing.js';
import { throughputResult, type Result } from '../lib/measure.js';

const AUTOCANNON = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/autocannon/autocannon.js');

type Cannon = { requests: { average: number }; non2xx: number; errors: number; timeouts: number; throughput: { average: number } };

/** autocannon in its own process, so that the load generator does not share the server's event loop. */
function cannon(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Cannon> {
  const args = [AUTOCANNON, '-c', '50', '-d', String(seconds), '-j', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}=${v}`]), url];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
 * GET /api/events?limit=50 with a session cookie on the whole app (createApp, listening on
 * 127.0.0.1:0), against a bare Fastify route on the same kind of server answering the same JSON as a
 * constant: the difference is everything the app does per request (session, queries, schema).
 */
export async function benchApi(
  handle: DatabaseHandle,
  signIn: (inject: (email: string, password: string) => Promise<string>) => Promise<string>,
  seconds: number,
  log: (line: string) => void,
): Promise<Result[]> {
  const config = loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: '/nonexistent', LOG_LEVEL: 'silent' });
  const app = await createApp({ config, db: handle.db, engine: handle.engine });
  const cookie = await signIn(async (email, password) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    const session = response.cookies.find((c) => c.name === 'hifazat_session');
    if (response.statusCode !== 200 || !session) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
    return `hifazat_session=${session.value}`;
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const bare = Fastify({ logger: false });
  try {
    const appAddress = app.server.address();
    if (!appAddress || typeof appAddress === 'string') throw new Error('no address');
    const appUrl = `http://127.0.0.1:${appAddress.port}/api/events?limit=50`;
    const sample = await fetch(appUrl, { headers: { cookie } });
    const body = await sample.text();
    if (sample.status !== 200) throw new Error(`GET /api/events: ${sample.status} ${body.slice(0, 200)}`);
    const constant: unknown = JSON.parse(body);
    bare.get('/bare', async () => constant);
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareAddress = bare.server.address();
    if (!bareAddress || typeof bareAddress === 'string') throw new Error('no address');
    const bareUrl = `http://127.0.0.1:${bareAddress.port}/bare`;

    const warm = Math.max(1, Math.round(seconds / 5));
    await cannon(bareUrl, warm);
    const b = await cannon(bareUrl, seconds);
    await cannon(appUrl, warm, { cookie });
    const a = await cannon(appUrl, seconds, { cookie });
    for (const [what, r] of [
      ['app', a],
      ['bare', b],
    ] as const) {
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`api_events_list_rps: ${what} had ${r.non2xx} non-2xx answers and ${r.errors} errors`);
    }
    log(
      `api: ${(body.length / 1024).toFixed(0)} KB per answer; app ${a.requests.average.toFixed(0)} req/s, bare route ${b.requests.average.toFixed(0)} req/s (50 connections, ${seconds} s each)`,
    );
    return [throughputResult('api_events_list_rps', a.requests.average, b.requests.average, 'req/s')];
  } finally {
    await bare.close();
    await app.close();
  }
}
