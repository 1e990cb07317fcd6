import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupFile, SystemStatus } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { openDatabase, type DatabaseHandle } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrator.js';
import type { App } from '../../http/types.js';
import { signIn, TEST_PASSWORD } from '../../../test/helpers.js';
import { DEMO_PASSWORD } from '../users/demo-accounts.js';
import { createUser } from '../users/users.service.js';
import { readBackupHeader } from './backup-file.js';

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';
let app: App;
let dataDir: string;
let handle: DatabaseHandle;
const cookies = {} as Record<Role, string>;
const as = (role: Role) => ({ cookie: cookies[role] });

beforeAll(async () => {
  // The app over the SQLite file under DATA_DIR, as `hifazat serve` opens it: backups read that file.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-system-'));
  const config = loadConfig({ DATA_DIR: dataDir, WEB_DIST: '/nonexistent', BACKUP_KEEP: '2' });
  handle = openDatabase(config);
  await migrateToLatest(handle.db);
  app = await createApp({ config, db: handle.db, engine: handle.engine });
  for (const role of ['admin', 'programme_manager', 'trainer', 'viewer'] as const) {
    await createUser(handle.db, null, { email: `${role}@test.example`, name: `Test ${role}`, role, password: TEST_PASSWORD, countries: null });
    cookies[role] = await signIn(app, `${role}@test.example`);
  }
});
afterAll(async () => {
  await app.close();
  await handle.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the System page API', () => {
  it('shows an administrator readiness, backups and what needs attention', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/system/status', headers: as('admin') });
    expect(response.statusCode).toBe(200);
    const status = response.json<SystemStatus>();
    expect(status).toMatchObject({
      engine: 'sqlite',
      ready: true,
      checks: { database: 'ok', migrations: 'current' },
      backups: { schedule: 'daily', keep: 2, encrypted: false, recent: [] },
    });
    expect(status.attention).toEqual(expect.arrayContaining(['no_backup_yet', 'backups_unencrypted']));
    expect(status.disk.freeBytes).toBeGreaterThan(0);
  });

  it('names demo accounts open with the published password until they are deactivated', async () => {
    const demo = await createUser(handle.db, null, {
      email: 'demo.viewer@hifazat.example',
      name: 'Demo viewer',
      role: 'viewer',
      password: DEMO_PASSWORD,
      countries: null,
    });
    const status = async () => (await app.inject({ method: 'GET', url: '/api/system/status', headers: as('admin') })).json<SystemStatus>();
    expect((await status()).attention).toContain('demo_accounts_open');
    const deactivated = await app.inject({ method: 'PATCH', url: `/api/users/${demo.id}`, headers: as('admin'), payload: { active: false } });
    expect(deactivated.statusCode).toBe(200);
    expect((await status()).attention).not.toContain('demo_accounts_open');
  });

  it('is for administrators of every country: one limited to some countries gets 403 and makes no backup', async () => {
    await createUser(handle.db, null, { email: 'pk-admin@test.example', name: 'PK admin', role: 'admin', password: TEST_PASSWORD, countries: ['PK'] });
    const cookie = await signIn(app, 'pk-admin@test.example');
    expect((await app.inject({ method: 'GET', url: '/api/system/status', headers: { cookie } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/system/backups', headers: { cookie } })).statusCode).toBe(403);
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });

  it('is for administrators only', async () => {
    for (const role of ['programme_manager', 'trainer', 'viewer'] as const) {
      expect((await app.inject({ method: 'GET', url: '/api/system/status', headers: as(role) })).statusCode).toBe(403);
      expect((await app.inject({ method: 'POST', url: '/api/system/backups', headers: as(role) })).statusCode).toBe(403);
    }
    expect(fs.existsSync(path.join(dataDir, 'backups'))).toBe(false);
  });

  it('makes a backup now into the backup folder, keeps the newest N, and the attention goes away', async () => {
    const names: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await app.inject({ method: 'POST', url: '/api/system/backups', headers: as('admin') });
      expect(response.statusCode).toBe(201);
      const made = response.json<BackupFile>();
      expect(made.bytes).toBeGreaterThan(1000);
      names.push(made.name);
      const { header } = await readBackupHeader(path.join(dataDir, 'backups', made.name));
      expect(header.engine).toBe('sqlite');
      await new Promise((resolve) => setTimeout(resolve, 1100)); // names are to the second
    }
    const status = (await app.inject({ method: 'GET', url: '/api/system/status', headers: as('admin') })).json<SystemStatus>();
    expect(status.backups.recent.map((b) => b.name)).toEqual([names[2], names[1]]);
    expect(status.attention).not.toContain('no_backup_yet');
  });
});
