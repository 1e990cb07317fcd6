import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { openSqlite } from '../../db/database.js';
import { createMigrator, migrateToLatest } from '../../db/migrator.js';
import { hashPassword } from '../../shared/passwords.js';
import { DEMO_PASSWORD } from '../users/demo-accounts.js';
import { createUser } from '../users/users.service.js';
import { loadKeyring } from '../certificates/index.js';
import { backupName, listBackups, makeBackupNow, runScheduledBackupIfDue } from './backup-schedule.js';
import { formatFindings, runDoctor, type Finding } from './doctor.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-doctor-test-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

async function dataDirWith(options: { admin: boolean; migrateTo?: string }): Promise<string> {
  const dataDir = path.join(scratch, `data-${(counter += 1)}`);
  const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
  try {
    if (options.migrateTo) await createMigrator(handle.db).migrateTo(options.migrateTo);
    else await migrateToLatest(handle.db);
    if (options.admin)
      await createUser(handle.db, null, { email: 'admin@test.example', name: 'Admin', role: 'admin', password: 'correct horse battery', countries: null });
  } finally {
    await handle.close();
  }
  return dataDir;
}

const find = (findings: Finding[], check: string) => findings.find((f) => f.check === check);
const env = (dataDir: string, extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, BACKUP_SCHEDULE: 'daily', ...extra });

describe('npx hifazat doctor', () => {
  it('says when the report aggregates disagree with the participations, and what to run', async () => {
    const dataDir = await dataDirWith({ admin: true });
    expect(find(await runDoctor(env(dataDir)), 'report aggregates')).toMatchObject({ status: 'ok' });
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      // A row no participation explains, written behind the triggers' back.
      await sql`insert into report_event_counts (event_id, person_sex, organization_type, n) values ('no-such-event', 'female', '', 3)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    expect(find(await runDoctor(env(dataDir)), 'report aggregates')).toMatchObject({
      status: 'problem',
      message: expect.stringContaining('1 event count(s)'),
      action: expect.stringContaining('npx hifazat reports rebuild'),
    });
  });

  it('passes a sound database with an administrator, and says what to do about what is missing', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const findings = await runDoctor(env(dataDir, { BACKUP_PASSPHRASE: 'a long backup passphrase' }));
    expect(find(findings, 'integrity')?.status).toBe('ok');
    expect(find(findings, 'migrations')?.status).toBe('ok');
    expect(find(findings, 'accounts')?.status).toBe('ok');
    expect(find(findings, 'audit')).toMatchObject({ status: 'ok', message: 'The audit chain is intact (1 entry).' });
    expect(find(findings, 'file access')?.status).toBe('ok');
    expect(find(findings, 'disk')?.status).not.toBe('problem');
    expect(find(findings, 'backups')).toMatchObject({ status: 'warning', action: expect.stringContaining('npx hifazat backup') });
    expect(formatFindings(findings).healthy).toBe(true);
  });

  it('reports a missing administrator and a pending migration with the commands that fix them', async () => {
    const dataDir = await dataDirWith({ admin: false, migrateTo: '0001-initial' });
    const findings = await runDoctor(env(dataDir));
    expect(find(findings, 'accounts')).toMatchObject({ status: 'problem', action: expect.stringContaining('npx hifazat user add') });
    expect(find(findings, 'migrations')).toMatchObject({ status: 'warning', action: expect.stringContaining('npx hifazat migrate') });
    expect(find(findings, 'backup key')?.status).toBe('warning');
    expect(find(findings, 'audit')).toMatchObject({ status: 'warning', action: expect.stringContaining('npx hifazat migrate') });
    const report = formatFindings(findings);
    expect(report.healthy).toBe(false);
    expect(report.text).toMatch(/PROBLEM {2}accounts: No active administrator account/);
  });

  it('warns while a demo account is open with the password the README publishes, and not once it is changed', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      await createUser(handle.db, null, {
        email: 'demo.manager@hifazat.example',
        name: 'Demo',
        role: 'programme_manager',
        password: DEMO_PASSWORD,
        countries: null,
      });
    } finally {
      await handle.close();
    }
    expect(find(await runDoctor(env(dataDir)), 'demo accounts')).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('demo.manager@hifazat.example'),
    });
    const again = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      await again.db
        .updateTable('users')
        .set({ password_hash: await hashPassword('a private password 2026') })
        .where('email_normalized', '=', 'demo.manager@hifazat.example')
        .execute();
    } finally {
      await again.close();
    }
    expect(find(await runDoctor(env(dataDir)), 'demo accounts')?.status).toBe('ok');
  });

  it('finds an audit entry changed behind the application’s back, and names it', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    let id = '';
    try {
      id = (await handle.db.selectFrom('audit_log').select('id').where('seq', '=', 1).executeTakeFirstOrThrow()).id;
      await sql`drop trigger audit_log_no_update`.execute(handle.db);
      await sql`update audit_log set user_id = 'someone else' where seq = 1`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const findings = await runDoctor(env(dataDir));
    expect(find(findings, 'audit')).toMatchObject({
      status: 'problem',
      message: expect.stringContaining(`entry 1 (id ${id}`),
      action: expect.stringContaining('npx hifazat audit verify'),
    });
    expect(formatFindings(findings).healthy).toBe(false);
  });

  it('finds a damaged SQLite file', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const file = path.join(dataDir, 'hifazat.sqlite');
    const bytes = fs.readFileSync(file);
    // Overwrite the second half of the file (tables and indexes) with noise, keeping the header page.
    for (let i = 4096 * 2; i < bytes.length; i += 1) bytes[i] = (i * 7919) & 0xff;
    fs.writeFileSync(file, bytes);
    const findings = await runDoctor(env(dataDir));
    const bad = findings.filter((f) => f.status === 'problem');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad.map((f) => f.check)).toEqual(expect.arrayContaining([expect.stringMatching(/integrity|database/)]));
    expect(formatFindings(findings).healthy).toBe(false);
  });

  it('names a database that does not exist and a bad setting instead of failing', async () => {
    expect((await runDoctor(env(path.join(scratch, 'nothing-here'))))[0]).toMatchObject({ status: 'problem', check: 'database' });
    expect(fs.existsSync(path.join(scratch, 'nothing-here'))).toBe(false);
    expect((await runDoctor({ DATA_DIR: scratch, BACKUP_KEEP: 'many' }))[0]).toMatchObject({
      status: 'problem',
      check: 'settings',
      message: expect.stringContaining('BACKUP_KEEP'),
    });
  });

  it('warns when the newest scheduled backup is old', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const config = loadConfig(env(dataDir));
    fs.mkdirSync(config.backup.dir, { recursive: true });
    fs.writeFileSync(path.join(config.backup.dir, backupName('daily', new Date(Date.now() - 5 * 24 * 3_600_000))), '');
    expect(find(await runDoctor(env(dataDir)), 'backups')).toMatchObject({ status: 'problem', message: expect.stringContaining('5 days old') });
  });
});

describe('the certificate signing key', () => {
  it('warns while the key is in no backup, and not once a backup holds this very key', async () => {
    const dataDir = await dataDirWith({ admin: true });
    expect(find(await runDoctor(env(dataDir)), 'certificate key')).toMatchObject({ status: 'ok', message: expect.stringContaining('No certificate') });
    loadKeyring(dataDir, {});
    const missing = find(await runDoctor(env(dataDir)), 'certificate key');
    expect(missing).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('in no backup yet'),
      action: expect.stringContaining('certificate-keys'),
    });
    const config = loadConfig(env(dataDir));
    const made = await makeBackupNow(config, 'manual', new Date());
    expect(find(await runDoctor(env(dataDir)), 'certificate key')).toMatchObject({ status: 'ok', message: expect.stringContaining(path.basename(made.file)) });
    // A new key (rotated, or the file replaced) is not the one the backup holds.
    fs.rmSync(path.join(dataDir, 'certificate-keys', 'signing-key.pem'));
    loadKeyring(dataDir, {});
    expect(find(await runDoctor(env(dataDir)), 'certificate key')?.status).toBe('warning');
  });

  it('says that a key from the environment must be kept apart, since backups do not hold it', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const key = 'MC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect(find(await runDoctor(env(dataDir, { HIFAZAT_CERTIFICATE_KEY: key })), 'certificate key')).toMatchObject({
      status: 'ok',
      message: expect.stringContaining('apart from this computer'),
    });
  });
});

describe('scheduled backups', () => {
  it('makes one a day at most, keeps the newest N, and keeps manual backups apart', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const config = loadConfig(env(dataDir, { BACKUP_KEEP: '2' }));
    const day0 = new Date('2026-03-01T08:00:00Z');
    const at = (hours: number) => new Date(day0.getTime() + hours * 3_600_000);
    expect(await runScheduledBackupIfDue(config, day0)).toMatch(/hifazat-20260301T080000Z\.hzb$/);
    expect(await runScheduledBackupIfDue(config, at(23))).toBeNull();
    // Three clicks on "Back up now" do not push the daily backups out.
    for (const hours of [30, 31, 32]) await makeBackupNow(config, 'manual', at(hours));
    for (const hours of [24, 48]) expect(await runScheduledBackupIfDue(config, at(hours))).not.toBeNull();
    const iso = (kind: 'daily' | 'manual') => listBackups(config.backup.dir, kind).map((b) => b.at.toISOString());
    expect(iso('daily')).toEqual([at(48), at(24)].map((d) => d.toISOString()));
    expect(iso('manual')).toEqual([at(32), at(31)].map((d) => d.toISOString()));
    expect(fs.statSync(config.backup.dir).mode & 0o077).toBe(0);
  });

  it('goes on after a backup dated in the future (a wrong clock), and removes it', async () => {
    const dataDir = await dataDirWith({ admin: true });
    const config = loadConfig(env(dataDir));
    const now = new Date('2026-11-24T08:00:00Z');
    fs.mkdirSync(config.backup.dir, { recursive: true });
    const future = path.join(config.backup.dir, backupName('daily', new Date('2027-11-23T08:00:00Z')));
    fs.writeFileSync(future, '');
    expect(find(await runDoctor(env(dataDir)), 'backups')).toMatchObject({ status: 'problem', message: expect.stringContaining('future') });
    expect(await runScheduledBackupIfDue(config, now)).not.toBeNull();
    expect(fs.existsSync(future)).toBe(false);
    expect(await runScheduledBackupIfDue(config, new Date(now.getTime() + 3_600_000))).toBeNull();
  });
});
