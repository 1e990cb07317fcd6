import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CreateEventBody, Role } from '@hifazat/contract';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Engine } from '../src/db/dialect.js';
import { createTestDatabase } from '../src/db/test-db.js';
import type { App } from '../src/http/types.js';
import { createUser } from '../src/modules/users/index.js';
import { make } from './factories.js';

export const TEST_PASSWORD = 'correct horse battery';

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/**
 * An app on a fresh database with one signed-in user per role. `as(role)` gives the session cookie
 * header; `inject` is Fastify's in-process request (no network). Its data folder (certificate keys,
 * logos) is a fresh temporary folder, removed by `close`.
 */
export async function createTestContext(engine: Engine = 'sqlite', options: { countries?: string[] | null; env?: Record<string, string> } = {}) {
  const database = await createTestDatabase(engine);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-test-data-'));
  // hifazat.example: the tests that play a browser on a named host (cross-origin checks) use it.
  const config = loadConfig({
    DATA_DIR: dataDir,
    WEB_DIST: '/nonexistent',
    SESSION_IDLE_HOURS: '12',
    ALLOWED_HOSTS: 'hifazat.example',
    ...options.env,
  });
  const app: App = await createApp({ config, db: database.db, engine: database.engine });
  const roles: Role[] = ['admin', 'programme_manager', 'trainer', 'viewer'];
  const cookies = {} as Record<Role, string>;
  const users = {} as Record<Role, { id: string; email: string }>;
  for (const role of roles) {
    const email = `${role}@test.example`;
    const user = await createUser(database.db, null, {
      email,
      name: `Test ${role}`,
      role,
      password: TEST_PASSWORD,
      countries: role === 'admin' ? null : (options.countries ?? null),
    });
    users[role] = { id: user.id, email };
    cookies[role] = await signIn(app, email);
  }
  return {
    app,
    db: database.db,
    engine: database.engine,
    dataDir,
    users,
    as: (role: Role) => ({ cookie: cookies[role] }),
    close: async () => {
      await app.close();
      await database.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function signIn(app: App, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'hifazat_session');
  if (!cookie) throw new Error('no session cookie');
  return `hifazat_session=${cookie.value}`;
}

/** Typed JSON body of an inject response. */
export function json<T>(response: { body: string }): T {
  return JSON.parse(response.body) as T;
}

/** A programme and an event in Pakistan, created as the admin (through the API, answers parsed by the contract). */
export async function seedEvent(ctx: TestContext, overrides: Partial<CreateEventBody> = {}) {
  const programme = await make.programme(ctx);
  const event = await make.event(ctx, { programmeId: programme.id, ...overrides });
  return { programmeId: programme.id, event };
}

/**
 * Moves every recorded sign-in attempt `seconds` into the past, as if that much time had gone by:
 * the sign-in limits wait between attempts, and tests do not sleep.
 */
export async function letTimePass(ctx: Pick<TestContext, 'db'>, seconds: number): Promise<void> {
  const rows = await ctx.db.selectFrom('login_attempts').select(['id', 'at']).execute();
  for (const row of rows) {
    await ctx.db
      .updateTable('login_attempts')
      .set({ at: new Date(Date.parse(row.at) - seconds * 1000).toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
}
