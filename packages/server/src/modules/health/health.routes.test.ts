import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { createMigrator } from '../../db/migrator.js';
import { createTestDatabase } from '../../db/test-db.js';
import type { Lifecycle } from '../../http/types.js';

const config = loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: '/nonexistent' });
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function appOn(options: { migrateTo?: string; lifecycle?: Lifecycle } = {}) {
  const database = await createTestDatabase('sqlite', { migrate: !options.migrateTo });
  if (options.migrateTo) await createMigrator(database.db).migrateTo(options.migrateTo);
  const app = await createApp({ config, db: database.db, engine: database.engine, lifecycle: options.lifecycle });
  cleanups.push(async () => {
    await app.close();
    await database.destroy();
  });
  return app;
}

describe('health', () => {
  it('is up and ready on a current database, without signing in', async () => {
    const app = await appOn();
    const live = await app.inject({ method: 'GET', url: '/api/health/live' });
    expect([live.statusCode, live.json()]).toEqual([200, { status: 'up' }]);
    for (const url of ['/api/health', '/api/health/ready']) {
      const ready = await app.inject({ method: 'GET', url });
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ready',
        up: true,
        ready: true,
        database: 'sqlite',
        checks: { database: 'ok', migrations: 'current', shuttingDown: false },
      });
    }
  });

  it('is up but not ready while shutting down, so that a load balancer stops sending requests', async () => {
    const lifecycle: Lifecycle = { shuttingDown: false };
    const app = await appOn({ lifecycle });
    lifecycle.shuttingDown = true;
    expect((await app.inject({ method: 'GET', url: '/api/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/api/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ status: 'not_ready', ready: false, checks: { shuttingDown: true } });
  });

  it('is not ready while a migration is pending', async () => {
    const app = await appOn({ migrateTo: '0001-initial' });
    const ready = await app.inject({ method: 'GET', url: '/api/health' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ ready: false, checks: { database: 'ok', migrations: 'pending' } });
  });
});
