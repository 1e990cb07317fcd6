import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/database.js';
import { createOrganization } from '../src/modules/organizations/index.js';
import { verifyPassword } from '../src/shared/passwords.js';

const bin = path.resolve(import.meta.dirname, '../bin/hifazat.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-'));

function hifazat(args: string[], input?: string, extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', BACKUP_PASSPHRASE: '', ...extraEnv };
  return spawnSync(process.execPath, [bin, ...args], { input, env, encoding: 'utf8', timeout: 60_000 });
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('the hifazat command', { timeout: 60_000 }, () => {
  it('migrates a new SQLite database under DATA_DIR, then says it is up to date', () => {
    const first = hifazat(['migrate']);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain('applied 0001-initial');
    expect(fs.existsSync(path.join(dataDir, 'hifazat.sqlite'))).toBe(true);
    const second = hifazat(['migrate']);
    expect(second.stdout).toContain('already up to date');
  });

  it('adds a user with the password read from standard input, hashed with argon2id', async () => {
    const result = hifazat(
      ['user', 'add', '--email', 'Cli.Admin@Example.org', '--name', 'CLI Admin', '--role', 'admin', '--password-stdin'],
      'a long enough password\n',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Created admin Cli\.Admin@Example\.org/);
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      const row = await handle.db
        .selectFrom('users')
        .select(['password_hash', 'email_normalized'])
        .where('email_normalized', '=', 'cli.admin@example.org')
        .executeTakeFirstOrThrow();
      expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
      expect(await verifyPassword(row.password_hash, 'a long enough password')).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('user unlock forgets the failed sign-ins that lock an account out, from every address', async () => {
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      const at = new Date().toISOString();
      const rows = Array.from({ length: 12 }, (_, i) => ({
        id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
        email_normalized: 'cli.admin@example.org',
        client_address: `203.0.113.${i % 3}`,
        at,
        success: false,
      }));
      await handle.db.insertInto('login_attempts').values(rows).execute();
    } finally {
      await handle.close();
    }
    const result = hifazat(['user', 'unlock', '--email', 'CLI.Admin@example.org']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('forgot 12 failed sign-ins');
    const after = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      expect(await after.db.selectFrom('login_attempts').select('id').where('email_normalized', '=', 'cli.admin@example.org').execute()).toEqual([]);
    } finally {
      await after.close();
    }
  });

  it('refuses bad input with the reasons and exit code 2, creating nobody', () => {
    const result = hifazat(['user', 'add', '--email', 'not-an-email', '--name', 'X', '--role', 'boss', '--password-stdin'], 'short');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('email');
    expect(result.stderr).toContain('role');
    expect(result.stderr).toContain('password');
    const again = hifazat(
      ['user', 'add', '--email', 'cli.admin@example.org', '--name', 'Twice', '--role', 'viewer', '--password-stdin'],
      'another long password',
    );
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists already');
  });

  it('gives a case role an agency by exact name or id, and provinces (each once), or refuses an agency it cannot tell', async () => {
    // A folder of its own: the tests below count the accounts and audit entries of the shared one.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-agency-'));
    const env = { DATA_DIR: folder };
    expect(hifazat(['migrate'], undefined, env).status).toBe(0);
    const handle = openSqlite(path.join(folder, 'hifazat.sqlite'));
    const setup = { id: 'cli-test', name: 'setup', email: 'setup@test.example', role: 'admin' as const, countries: null };
    const [fia, pkUnit, afUnit] = await (async () => {
      try {
        return [
          await createOrganization(handle.db, setup, { name: 'Federal Investigation Agency', acronym: 'FIA', type: 'law_enforcement', countryCode: 'PK' }),
          await createOrganization(handle.db, setup, { name: 'Anti-Trafficking Unit', type: 'law_enforcement', countryCode: 'PK' }),
          await createOrganization(handle.db, setup, { name: 'Anti-Trafficking Unit', type: 'law_enforcement', countryCode: 'AF' }),
        ];
      } finally {
        await handle.close();
      }
    })();
    const add = (email: string, extra: string[]) =>
      hifazat(
        ['user', 'add', '--email', email, '--name', 'Case Officer', '--role', 'data_officer', '--password-stdin', ...extra],
        'a long enough password',
        env,
      );
    const accountOf = async (email: string) => {
      const db = openSqlite(path.join(folder, 'hifazat.sqlite'));
      try {
        return await db.db.selectFrom('users').select(['organization_id', 'provinces']).where('email_normalized', '=', email).executeTakeFirst();
      } finally {
        await db.close();
      }
    };

    const byName = add('officer.one@example.org', [
      '--organization',
      'Federal Investigation Agency',
      '--province',
      'Punjab',
      '--province',
      'Sindh',
      '--province',
      'Punjab',
    ]);
    expect(byName.status, byName.stderr).toBe(0);
    expect(byName.stdout).toContain(`agency ${fia?.id}`);
    expect(await accountOf('officer.one@example.org')).toEqual({ organization_id: fia?.id, provinces: JSON.stringify(['Punjab', 'Sindh']) });

    const byId = add('officer.two@example.org', ['--organization', afUnit?.id ?? '']);
    expect(byId.status, byId.stderr).toBe(0);
    expect(await accountOf('officer.two@example.org')).toEqual({ organization_id: afUnit?.id, provinces: null });

    // Two organisations share the name (in two countries): the command names both and creates nobody.
    const shared = add('officer.three@example.org', ['--organization', 'Anti-Trafficking Unit']);
    expect(shared.status).toBe(2);
    expect(shared.stderr).toContain(pkUnit?.id);
    expect(shared.stderr).toContain(afUnit?.id);
    // Not the exact name: the near one is suggested.
    const near = add('officer.three@example.org', ['--organization', 'federal investigation agency']);
    expect(near.status).toBe(2);
    expect(near.stderr).toContain('did you mean Federal Investigation Agency');
    const unknownId = add('officer.three@example.org', ['--organization', '01a20000-0000-7000-8000-000000000000']);
    expect(unknownId.status).toBe(2);
    expect(unknownId.stderr).toContain('no organisation has the id');
    const blankProvince = add('officer.three@example.org', ['--province', ' ']);
    expect(blankProvince.status).toBe(2);
    expect(blankProvince.stderr).toContain('provinces');
    expect(await accountOf('officer.three@example.org')).toBeUndefined();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('answers an unknown command with its usage and exit code 2', () => {
    const result = hifazat(['frobnicate']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Usage: hifazat');
  });

  // Four starts of the command and three scrypt key derivations (a third of a second each by design):
  // a few seconds alone, but on a loaded two-core machine well past the 30 s default; the bound is
  // only there to catch a hang.
  it('backs up with a passphrase file, restores into an empty folder, and refuses a folder that holds data', { timeout: 120_000 }, () => {
    const passphraseFile = path.join(dataDir, 'passphrase.txt');
    fs.writeFileSync(passphraseFile, 'a passphrase for the cli test\n');
    const file = path.join(dataDir, 'cli.hzb');
    const made = hifazat(['backup', file, '--passphrase-file', passphraseFile]);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toMatch(/Backed up sqlite to .*cli\.hzb \(.* MB, encrypted\): 1 users/);

    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-restore-'));
    try {
      const noPassphrase = hifazat(['restore', file], undefined, { DATA_DIR: elsewhere });
      expect(noPassphrase.status).toBe(1);
      expect(noPassphrase.stderr).toContain('--passphrase-file');
      const restored = hifazat(['restore', file, '--passphrase-file', passphraseFile], undefined, { DATA_DIR: elsewhere });
      expect(restored.status, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('1 users');
      const again = hifazat(['restore', file, '--passphrase-file', passphraseFile], undefined, { DATA_DIR: elsewhere });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('The database is not empty (1 users');
      expect(again.stderr).toContain('--force');
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('doctor reports in plain words and exits 1 only on a problem', () => {
    const healthy = hifazat(['doctor'], undefined, { BACKUP_PASSPHRASE: 'a long backup passphrase' });
    expect(healthy.status, healthy.stdout).toBe(0);
    expect(healthy.stdout).toMatch(/OK +integrity: SQLite integrity check passed\./);
    expect(healthy.stdout).toMatch(/OK +accounts: 1 active administrator account/);
    expect(healthy.stdout).toMatch(/OK +audit: The audit chain is intact \(1 entry\)\./);
    const missing = hifazat(['doctor'], undefined, { DATA_DIR: path.join(dataDir, 'nothing') });
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/PROBLEM +database: There is no database/);
    expect(missing.stdout).toContain('What to do:');
  });

  it('reports rebuild repairs report aggregates changed behind the triggers, and says how many rows were wrong', async () => {
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      await sql`insert into report_event_counts (event_id, person_sex, organization_type, n) values ('no-such-event', 'male', '', 2)`.execute(handle.db);
    } finally {
      await handle.close();
    }
    expect(hifazat(['doctor']).stdout).toMatch(/PROBLEM +report aggregates: The report aggregates disagree/);
    const rebuilt = hifazat(['reports', 'rebuild']);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Rebuilt the report aggregates in [\d.]+ s; 1 row\(s\) that disagreed with the participations are now right\./);
    expect(hifazat(['doctor']).stdout).toMatch(/OK +report aggregates: The report aggregates agree with the participations\./);
    expect(hifazat(['reports', 'rebuild', 'now']).status).toBe(2);
  });

  it('audit verify says the chain is intact, and names the entry changed behind its back (exit 1)', async () => {
    const intact = hifazat(['audit', 'verify']);
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/^audit chain intact: 1 entry/);
    const handle = openSqlite(path.join(dataDir, 'hifazat.sqlite'));
    try {
      await sql`drop trigger audit_log_no_update`.execute(handle.db);
      await sql`update audit_log set note = 'forged' where seq = 1`.execute(handle.db);
    } finally {
      await handle.close();
    }
    const broken = hifazat(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/^audit chain broken at entry 1 \(id [0-9a-f-]{36}, written \d{4}-\d\d-\d\dT[^)]+\): its contents do not match its hash/);
  });
});
