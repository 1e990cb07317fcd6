import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createTestDatabase } from '../src/db/test-db.js';
import type { App } from '../src/http/types.js';
import { createUser } from '../src/modules/users/users.service.js';

/** The server's own log lines, captured as the JSON pino writes. */
const lines: string[] = [];
let app: App;
let destroy: () => Promise<void>;

const EMAIL = 'shazia.parveen@fia.example.pk';
const PASSWORD = 'a very private password';
const NAME = 'Shazia Parveen';
const PHONE = '0300-1234567';

beforeAll(async () => {
  const database = await createTestDatabase('sqlite');
  destroy = database.destroy;
  await createUser(database.db, null, { email: EMAIL, name: 'Log test', role: 'admin', password: PASSWORD, countries: null });
  const config = loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: '/nonexistent' });
  app = await createApp(
    { config, db: database.db, engine: database.engine },
    { logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } },
  );
});
afterAll(async () => {
  await app.close();
  await destroy();
});

describe('logs', () => {
  it('write one JSON line per request with its id, route pattern, status and time, and hand the id to the client', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/health/live' });
    const id = response.headers['x-request-id'];
    expect(typeof id).toBe('string');
    const entry = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((e) => e.reqId === id && e.msg === 'request');
    expect(entry).toMatchObject({ method: 'GET', route: '/api/health/live', status: 200, level: 30 });
    expect(typeof entry?.ms).toBe('number');
  });

  it("keep a proxy's request id when it looks like one, and replace one that does not", async () => {
    const kept = await app.inject({ method: 'GET', url: '/api/health/live', headers: { 'x-request-id': 'proxy-4f2a9c1e' } });
    expect(kept.headers['x-request-id']).toBe('proxy-4f2a9c1e');
    const replaced = await app.inject({ method: 'GET', url: '/api/health/live', headers: { 'x-request-id': 'bad id"}\n{"level":60' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('never hold the personal data a request carried: emails, passwords, names searched, phone numbers, cookies', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL, password: PASSWORD } });
    const cookie = login.headers['set-cookie'];
    const session = (Array.isArray(cookie) ? cookie[0] : cookie)?.split(';')[0] ?? '';
    const headers = { cookie: session };
    await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: EMAIL, password: 'wrong and also private' } });
    await app.inject({ method: 'GET', url: `/api/people?q=${encodeURIComponent(NAME)}`, headers });
    const created = await app.inject({
      method: 'POST',
      url: '/api/people',
      headers,
      payload: { fullName: NAME, sex: 'female', phone: PHONE, email: 'shazia@example.org' },
    });
    expect(created.statusCode).toBe(201);
    await app.inject({ method: 'GET', url: `/api/people/${created.json<{ id: string }>().id}`, headers });
    await app.inject({ method: 'POST', url: '/api/people', headers, payload: { fullName: NAME, sex: 'not a sex', phone: PHONE } });
    const all = lines.join('\n');
    for (const secret of [EMAIL, PASSWORD, 'wrong and also private', NAME, 'Shazia', PHONE, '1234567', 'shazia@example.org', session.split('=')[1] ?? 'x']) {
      expect(all).not.toContain(secret);
    }
    // The route pattern stands in for the address: the person's id is not in the log either.
    expect(all).toContain('"route":"/api/people/:id"');
    expect(all).not.toContain(created.json<{ id: string }>().id);
  });
});
