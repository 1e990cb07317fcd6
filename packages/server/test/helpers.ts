import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import os from 'node:os';
import path from 'node:path';
import { secondFactorRoles, type CreateEventBody, type Role } from '@hifazat/contract';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Engine } from '../src/db/dialect.js';
import { createTestDatabase } from '../src/db/test-db.js';
import type { App } from '../src/http/types.js';
import { totpCode } from '../src/modules/auth/index.js';
import { createOrganization } from '../src/modules/organizations/index.js';
import { createUser } from '../src/modules/users/index.js';
import { newId } from '../src/shared/ids.js';
import { make } from './factories.js';

export const TEST_PASSWORD = 'correct horse battery';

export type TestContext = Awaited<ReturnType<typeof createTestContext>>;

/**
 * An app on a fresh database with one signed-in user per role. `as(role)` gives the session cookie
 * header; `inject` is Fastify's in-process request (no network). Its data folder (certificate keys,
 * logos) is a fresh temporary folder, removed by `close`. With `caseRoles`, the four case roles too,
 * each enrolled in the second factor and fully signed in (`secrets` holds their TOTP secrets).
 */
export async function createTestContext(
  engine: Engine = 'sqlite',
  options: { countries?: string[] | null; env?: Record<string, string>; caseRoles?: boolean; databaseInDataDir?: boolean } = {},
) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-test-data-'));
  // With `databaseInDataDir` the SQLite file is DATA_DIR/hifazat.sqlite, where the `hifazat` command looks for it.
  const database = await createTestDatabase(engine, options.databaseInDataDir ? { sqliteFile: path.join(dataDir, 'hifazat.sqlite') } : {});
  // hifazat.example: the tests that play a browser on a named host (cross-origin checks) use it.
  const config = loadConfig({
    DATA_DIR: dataDir,
    WEB_DIST: '/nonexistent',
    SESSION_IDLE_HOURS: '12',
    ALLOWED_HOSTS: 'hifazat.example',
    ...options.env,
  });
  const app: App = await createApp({ config, db: database.db, engine: database.engine });
  const roles: Role[] = ['admin', 'programme_manager', 'trainer', 'viewer', ...(options.caseRoles ? secondFactorRoles : [])];
  const cookies: Partial<Record<Role, string>> = {};
  const users = {} as Record<Role, { id: string; email: string }>;
  const secrets: Partial<Record<Role, string>> = {};
  // The case roles work for an agency: the data officer and the supervisor for this one (provinces: all).
  const agency = options.caseRoles
    ? await createOrganization(
        database.db,
        // The setting-up is nobody's account, but its audit entry needs an id of the shape every history shows.
        { id: newId(), name: 'setup', email: 'setup@test.example', role: 'admin', countries: null },
        {
          name: 'Test agency (FIA Anti-Human Trafficking Circle)',
          type: 'law_enforcement',
          countryCode: 'PK',
        },
      )
    : null;
  for (const role of roles) {
    const email = `${role}@test.example`;
    const user = await createUser(database.db, null, {
      email,
      name: `Test ${role}`,
      role,
      password: TEST_PASSWORD,
      countries: role === 'admin' ? null : (options.countries ?? null),
      organizationId: agency && (role === 'data_officer' || role === 'supervisor') ? agency.id : null,
    });
    users[role] = { id: user.id, email };
    if ((secondFactorRoles as readonly Role[]).includes(role)) {
      const enrolled = await enrolSecondFactor(app, email);
      cookies[role] = enrolled.cookie;
      secrets[role] = enrolled.secret;
    } else cookies[role] = await signIn(app, email);
  }
  return {
    app,
    db: database.db,
    engine: database.engine,
    dataDir,
    /** The SQLite file, or the scratch PostgreSQL database's URL. */
    databaseAddress: database.address,
    /**
     * The environment under which `hifazat` (bin/hifazat.js) opens this very database and data folder
     * (with `databaseInDataDir` on SQLite; any PostgreSQL test database).
     */
    commandEnv: (): Record<string, string> => {
      if (database.engine === 'sqlite' && !options.databaseInDataDir)
        throw new Error('createTestContext(engine, { databaseInDataDir: true }) for the hifazat command');
      return { DATA_DIR: dataDir, DATABASE_URL: database.engine === 'postgres' ? database.address : '', HIFAZAT_DATA_KEY: '', BACKUP_SCHEDULE: 'off' };
    },
    users,
    secrets,
    /** With `caseRoles`: the agency of the data officer and the supervisor. */
    agencyId: agency?.id ?? null,
    as: (role: Role) => {
      const cookie = cookies[role];
      if (!cookie) throw new Error(`no ${role} in this test context (createTestContext(engine, { caseRoles: true }))`);
      return { cookie };
    },
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

const sessionCookie = (response: { cookies: Array<{ name: string; value: string }> }) => {
  const cookie = response.cookies.find((c) => c.name === 'hifazat_session');
  if (!cookie) throw new Error('no session cookie');
  return `hifazat_session=${cookie.value}`;
};

/** Signs in with the password only: the session cookie (a half one for the case roles) and the answer. */
export async function signInHalf(app: App, email: string, password = TEST_PASSWORD): Promise<{ cookie: string; mfa?: string }> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  return { cookie: sessionCookie(response), mfa: json<{ mfa?: string }>(response).mfa };
}

/**
 * Signs a case role's account in for the first time and enrols it, as the web page does: setup, a code
 * of the new secret, confirm. Answers the full session's cookie, the secret and the recovery codes.
 */
export async function enrolSecondFactor(app: App, email: string): Promise<{ cookie: string; secret: string; recoveryCodes: string[] }> {
  const half = await signInHalf(app, email);
  if (half.mfa !== 'setup_required') throw new Error(`expected setup_required, got ${String(half.mfa)}`);
  const setup = await app.inject({ method: 'POST', url: '/api/auth/mfa/setup', headers: { cookie: half.cookie } });
  if (setup.statusCode !== 200) throw new Error(`setup failed: ${setup.statusCode} ${setup.body}`);
  const { secret } = json<{ secret: string }>(setup);
  const confirm = await app.inject({ method: 'POST', url: '/api/auth/mfa/confirm', headers: { cookie: half.cookie }, payload: { code: totpCode(secret) } });
  if (confirm.statusCode !== 200) throw new Error(`confirm failed: ${confirm.statusCode} ${confirm.body}`);
  return { cookie: sessionCookie(confirm), secret, recoveryCodes: json<{ recoveryCodes: string[] }>(confirm).recoveryCodes };
}

/** Enrols a second factor from a full session (an administrator's, before breaking the glass). Answers the secret. */
export async function enrolOwnSecondFactor(app: App, cookie: string): Promise<string> {
  const setup = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: { cookie } });
  if (setup.statusCode !== 200) throw new Error(`enrol failed: ${setup.statusCode} ${setup.body}`);
  const { secret } = json<{ secret: string }>(setup);
  const confirm = await app.inject({ method: 'POST', url: '/api/auth/mfa/enrol/confirm', headers: { cookie }, payload: { code: totpCode(secret) } });
  if (confirm.statusCode !== 200) throw new Error(`enrol confirm failed: ${confirm.statusCode} ${confirm.body}`);
  return secret;
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
 * Moves every recorded sign-in attempt (and every session's times) `seconds` into the past, as if that
 * much time had gone by: the sign-in limits wait between attempts, sessions end when idle, and tests
 * do not sleep.
 */
export async function letTimePass(ctx: Pick<TestContext, 'db'>, seconds: number): Promise<void> {
  const earlier = (iso: string) => new Date(Date.parse(iso) - seconds * 1000).toISOString();
  const sessions = await ctx.db.selectFrom('sessions').select(['id', 'created_at', 'expires_at', 'last_seen_at']).execute();
  for (const row of sessions) {
    await ctx.db
      .updateTable('sessions')
      .set({ created_at: earlier(row.created_at), expires_at: earlier(row.expires_at), last_seen_at: earlier(row.last_seen_at) })
      .where('id', '=', row.id)
      .execute();
  }
  const rows = await ctx.db.selectFrom('login_attempts').select(['id', 'at']).execute();
  for (const row of rows) {
    await ctx.db
      .updateTable('login_attempts')
      .set({ at: new Date(Date.parse(row.at) - seconds * 1000).toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
}

/** A second connection to a test context's database, as another server process or `npx hifazat` would have. */
export type SecondConnection = { run: (text: string, values?: unknown[]) => Promise<void>; close: () => Promise<void> };

export async function openSecondConnection(engine: Engine, address: string): Promise<SecondConnection> {
  if (engine === 'sqlite') {
    const raw = new SqliteDatabase(address);
    raw.pragma('busy_timeout = 5000');
    return { run: async (text, values = []) => void raw.prepare(text).run(...values), close: async () => void raw.close() };
  }
  const client = new pg.Client({ connectionString: address });
  await client.connect();
  return { run: async (text, values = []) => void (await client.query(text, values)), close: () => client.end() };
}
