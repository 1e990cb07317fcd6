import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChangeCounter, readReportCopyCounter } from '../../db/change-counter.js';
import { openDatabase } from '../../db/database.js';
import { scratchPostgresDatabase, testEngines } from '../../db/test-db.js';
import { migrateToLatest } from '../../db/migrator.js';
import { verifyAuditChain } from '../audit/index.js';
import { loadKeyring, loadVerifyingKeys } from '../certificates/index.js';
import { createUser } from '../users/users.service.js';
import { createBackup, restoreBackup, type DatabaseTarget } from './backup.js';
import { BACKUP_MAGIC } from './backup-file.js';
import { countContentRows, RESTORE_COUNTER_MARGIN } from './operations.repository.js';

const PASSPHRASE = 'a passphrase of some length';
const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-backup-test-'));
afterAll(() => fs.rmSync(scratchDir, { recursive: true, force: true }));

let counter = 0;
const backupPath = () => path.join(scratchDir, `backup-${(counter += 1)}.hzb`);

/** A database target for the CLI-level functions: a fresh SQLite folder, or a fresh PostgreSQL database. */
async function freshTarget(engine: 'sqlite' | 'postgres'): Promise<DatabaseTarget & { drop: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const dataDir = fs.mkdtempSync(path.join(scratchDir, 'data-'));
    return { dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const scratch = await scratchPostgresDatabase(process.env.TEST_DATABASE_URL ?? '', `hifazat_restore_${process.pid}_${(counter += 1)}`);
  return { dataDir: scratchDir, databaseUrl: scratch.url, drop: scratch.drop };
}

async function fill(target: DatabaseTarget, people: number): Promise<void> {
  const handle = openDatabase(target);
  try {
    await migrateToLatest(handle.db);
    await createUser(handle.db, null, {
      email: `admin${counter}@test.example`,
      name: 'محمد علی',
      role: 'admin',
      password: 'correct horse battery',
      countries: null,
    });
    const now = new Date().toISOString();
    await handle.db
      .insertInto('people')
      .values(
        Array.from({ length: people }, (_, i) => ({
          id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
          full_name: `Person ${i} خاتون`,
          name_normalized: `person ${i}`,
          name_key: `person ${i}`,
          sex: i % 3 === 0 ? 'female' : 'male',
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  } finally {
    await handle.close();
  }
}

async function peopleNames(target: DatabaseTarget): Promise<string[]> {
  const handle = openDatabase(target);
  try {
    return (await handle.db.selectFrom('people').select('full_name').orderBy('id').execute()).map((r) => r.full_name);
  } finally {
    await handle.close();
  }
}

async function counts(target: DatabaseTarget): Promise<Record<string, number>> {
  const handle = openDatabase(target);
  try {
    return await countContentRows(handle.db);
  } finally {
    await handle.close();
  }
}

describe.each(testEngines())('backup and restore on %s', (engine) => {
  let source: Awaited<ReturnType<typeof freshTarget>>;
  const targets: Awaited<ReturnType<typeof freshTarget>>[] = [];
  const newTarget = async () => {
    const t = await freshTarget(engine);
    targets.push(t);
    return t;
  };

  beforeAll(async () => {
    source = await freshTarget(engine);
    await fill(source, 250);
  });
  afterAll(async () => {
    for (const t of [source, ...targets]) await t.drop();
  });

  it('restores every record of a plain backup into an empty database, and drops the sessions', async () => {
    const file = backupPath();
    const made = await createBackup(source, file);
    expect(fs.readFileSync(file).subarray(0, BACKUP_MAGIC.length).toString()).toBe(BACKUP_MAGIC);
    expect(made.header.counts.people).toBe(250);
    expect(made.header.encryption).toBeNull();
    const target = await newTarget();
    const restored = await restoreBackup(target, file);
    expect(restored.counts).toEqual(await counts(source));
    expect(await peopleNames(target)).toEqual(await peopleNames(source));
    const handle = openDatabase(target);
    try {
      expect(await handle.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('encrypts with a passphrase: the names are not readable in the file, and the right passphrase restores', async () => {
    const file = backupPath();
    await createBackup(source, file, { passphrase: PASSPHRASE });
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('خاتون'))).toBe(false);
    expect(bytes.includes(Buffer.from('Person 1'))).toBe(false);
    const target = await newTarget();
    await expect(restoreBackup(target, file)).rejects.toThrow(/encrypted: give its passphrase/);
    await expect(restoreBackup(target, file, { passphrase: 'not the passphrase at all' })).rejects.toThrow(/Wrong passphrase/);
    expect(await counts(target)).toEqual(Object.fromEntries(Object.keys(await counts(source)).map((k) => [k, 0])));
    await restoreBackup(target, file, { passphrase: PASSPHRASE });
    expect(await peopleNames(target)).toEqual(await peopleNames(source));
  });

  it('refuses a changed byte in an encrypted backup and leaves the database as it was', async () => {
    const file = backupPath();
    await createBackup(source, file, { passphrase: PASSPHRASE });
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0x01;
    fs.writeFileSync(file, bytes);
    const target = await newTarget();
    await expect(restoreBackup(target, file, { passphrase: PASSPHRASE })).rejects.toThrow(/damaged|changed/);
    expect((await counts(target)).people).toBe(0);
  });

  it('refuses to overwrite a database that holds records unless forced', async () => {
    const file = backupPath();
    await createBackup(source, file);
    const target = await newTarget();
    await fill(target, 3);
    await expect(restoreBackup(target, file)).rejects.toThrow(/not empty \(1 users, 3 people/);
    expect((await counts(target)).people).toBe(3);
    // The database replaced has seen many more writes than the backup's: its counters are far ahead.
    const replaced = openDatabase(target);
    try {
      await replaced.db.updateTable('change_counter').set({ value: 1_000_000 }).where('id', '=', 1).execute();
      await replaced.db.updateTable('report_copy_counter').set({ value: 2_000_000 }).where('id', '=', 1).execute();
    } finally {
      await replaced.close();
    }
    await restoreBackup(target, file, { force: true });
    expect(await peopleNames(target)).toEqual(await peopleNames(source));
    // The audit chain comes back whole, still append-only, and goes on from its head.
    const restored = openDatabase(target);
    try {
      // The counter never comes back: the restored one is past the replaced one's (http/live-cache.ts tags).
      // Far past: a server left running goes on writing to the database replaced after its counters were read.
      expect(await readChangeCounter(restored.db)).toBeGreaterThanOrEqual(1_000_000 + RESTORE_COUNTER_MARGIN);
      // Nor the report copy's: a server left running would otherwise take its copy of the report columns for current.
      expect(await readReportCopyCounter(restored.db)).toBeGreaterThanOrEqual(2_000_000 + RESTORE_COUNTER_MARGIN);
      expect(await verifyAuditChain(restored.db)).toMatchObject({ intact: true, entries: 1 });
      await expect(restored.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
      await createUser(restored.db, null, {
        email: 'after.restore@test.example',
        name: 'After',
        role: 'viewer',
        password: 'correct horse battery',
        countries: null,
      });
      expect(await verifyAuditChain(restored.db)).toMatchObject({ intact: true, entries: 2 });
    } finally {
      await restored.close();
    }
  });

  it('refuses a backup made by a newer version, naming what it does not know', async () => {
    const file = backupPath();
    await createBackup(source, file);
    const text = fs.readFileSync(file);
    const headerEnd = text.indexOf(0x0a, BACKUP_MAGIC.length + 1);
    const header = JSON.parse(text.subarray(BACKUP_MAGIC.length + 1, headerEnd).toString()) as { migrations: string[] };
    header.migrations.push('0999-from-the-future');
    const newer = Buffer.concat([Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}`), text.subarray(headerEnd)]);
    const newerFile = backupPath();
    fs.writeFileSync(newerFile, newer);
    await expect(restoreBackup(await newTarget(), newerFile)).rejects.toThrow(/newer version of Hifazat \(it has 0999-from-the-future\)/);
  });

  it('refuses a backup of the other engine, and a file that is not a backup', async () => {
    const file = backupPath();
    await createBackup(source, file);
    const other =
      engine === 'sqlite' ? { dataDir: scratchDir, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' } : { dataDir: path.join(scratchDir, 'never') };
    await expect(restoreBackup(other, file)).rejects.toThrow(/backup and the configured database is/);
    const notBackup = backupPath();
    fs.writeFileSync(notBackup, 'id,name\n1,x\n');
    await expect(restoreBackup(await newTarget(), notBackup)).rejects.toThrow(/not a Hifazat backup/);
  });

  it('holds the certificate keys, logos and campaign evidence, encrypted with the rest, and puts them back', async () => {
    // A target of its own data folder (PostgreSQL's targets share one otherwise).
    const withFolder = async () => {
      const t = await newTarget();
      return engine === 'sqlite' ? t : { ...t, dataDir: fs.mkdtempSync(path.join(scratchDir, 'files-')) };
    };
    const from = await withFolder();
    await fill(from, 5);
    const keys = loadKeyring(from.dataDir, {});
    const logoId = '01900000-0000-7000-8000-00000000abcd';
    const logo = Buffer.from('a logo, as far as a backup can tell');
    fs.mkdirSync(path.join(from.dataDir, 'certificate-logos'));
    fs.writeFileSync(path.join(from.dataDir, 'certificate-logos', `${logoId}.png`), logo);
    fs.writeFileSync(path.join(from.dataDir, 'certificate-logos', 'notes.txt'), 'not a logo: left out');
    // Campaign evidence: a photo and a broadcast log, beside a stray file that is not evidence.
    const photoId = '01900000-0000-7000-8000-00000000e001';
    const logId = '01900000-0000-7000-8000-00000000e002';
    const photo = Buffer.from('a photo of a banner in Gilgit');
    const broadcastLog = Buffer.from('%PDF-1.4 a broadcast log');
    fs.mkdirSync(path.join(from.dataDir, 'campaign-evidence'));
    fs.writeFileSync(path.join(from.dataDir, 'campaign-evidence', `${photoId}.jpg`), photo);
    fs.writeFileSync(path.join(from.dataDir, 'campaign-evidence', `${logId}.pdf`), broadcastLog);
    fs.writeFileSync(path.join(from.dataDir, 'campaign-evidence', 'thumbs.db'), 'not evidence: left out');
    const file = backupPath();
    const made = await createBackup(from, file, { passphrase: PASSPHRASE });
    expect(made.header.files.map((f) => f.path)).toEqual([
      'certificate-keys/signing-key.pem',
      'certificate-keys/keyring.json',
      `certificate-logos/${logoId}.png`,
      `campaign-evidence/${photoId}.jpg`,
      `campaign-evidence/${logId}.pdf`,
    ]);
    expect(fs.readFileSync(file).includes(Buffer.from('PRIVATE KEY'))).toBe(false);
    expect(fs.readFileSync(file).includes(photo)).toBe(false);

    const into = await withFolder();
    const restored = await restoreBackup(into, file, { passphrase: PASSPHRASE });
    expect(restored.files).toEqual({ logos: 1, evidence: 2, keysAdded: 1, signingKey: 'restored' });
    expect(restored.counts.people).toBe(5);
    expect(loadKeyring(into.dataDir, {}).signing.id).toBe(keys.signing.id);
    expect(fs.statSync(path.join(into.dataDir, 'certificate-keys', 'signing-key.pem')).mode & 0o077).toBe(0);
    expect(fs.readFileSync(path.join(into.dataDir, 'certificate-logos', `${logoId}.png`)).equals(logo)).toBe(true);
    expect(fs.existsSync(path.join(into.dataDir, 'certificate-logos', 'notes.txt'))).toBe(false);
    expect(fs.readFileSync(path.join(into.dataDir, 'campaign-evidence', `${photoId}.jpg`)).equals(photo)).toBe(true);
    expect(fs.readFileSync(path.join(into.dataDir, 'campaign-evidence', `${logId}.pdf`)).equals(broadcastLog)).toBe(true);
    expect(fs.statSync(path.join(into.dataDir, 'campaign-evidence', `${photoId}.jpg`)).mode & 0o077).toBe(0);
    expect(fs.existsSync(path.join(into.dataDir, 'campaign-evidence', 'thumbs.db'))).toBe(false);

    // Into an installation with a key of its own: that key stays; the backup's joins its keyring.
    const other = await withFolder();
    const own = loadKeyring(other.dataDir, {});
    const again = await restoreBackup(other, file, { passphrase: PASSPHRASE });
    expect(again.files.signingKey).toBe('kept');
    expect(loadKeyring(other.dataDir, {}).signing.id).toBe(own.signing.id);
    expect(
      loadVerifyingKeys(other.dataDir, {})
        .keys.map((k) => k.id)
        .sort(),
    ).toEqual([own.signing.id, keys.signing.id].sort());
  });

  it('refuses a backup that names a file Hifazat does not keep, or whose file was changed', async () => {
    const from = await newTarget();
    const dataDir = engine === 'sqlite' ? from.dataDir : fs.mkdtempSync(path.join(scratchDir, 'files-'));
    await fill(from, 2);
    loadKeyring(dataDir, {});
    const file = backupPath();
    await createBackup({ ...from, dataDir }, file);
    const text = fs.readFileSync(file);
    const headerEnd = text.indexOf(0x0a, BACKUP_MAGIC.length + 1);
    const header = JSON.parse(text.subarray(BACKUP_MAGIC.length + 1, headerEnd).toString()) as { files: Array<{ path: string }> };
    (header.files[0] as { path: string }).path = '../../outside.pem';
    const crafted = backupPath();
    fs.writeFileSync(crafted, Buffer.concat([Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(header)}`), text.subarray(headerEnd)]));
    const target = await newTarget();
    await expect(restoreBackup(target, crafted)).rejects.toThrow(/lists a file Hifazat does not keep \(\.\.\/\.\.\/outside\.pem\)/);
    // One byte of the signing key changed (a plain backup has no tag to catch it): its SHA-256 does.
    const changed = Buffer.from(text);
    changed[headerEnd + 40] = (changed[headerEnd + 40] ?? 0) ^ 0x01;
    const changedFile = backupPath();
    fs.writeFileSync(changedFile, changed);
    await expect(restoreBackup(await newTarget(), changedFile)).rejects.toThrow(/signing-key\.pem is damaged/);
  });

  it('refuses to overwrite an existing file', async () => {
    const file = backupPath();
    fs.writeFileSync(file, 'keep me');
    await expect(createBackup(source, file)).rejects.toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });
});

describe('restoring over a damaged SQLite database', () => {
  it('refuses without --force; with it, keeps the damaged file beside the restored one, readable by this account only', async () => {
    const source = await freshTarget('sqlite');
    await fill(source, 20);
    const file = backupPath();
    await createBackup(source, file);
    const target = await freshTarget('sqlite');
    const damaged = path.join(target.dataDir, 'hifazat.sqlite');
    fs.writeFileSync(damaged, Buffer.alloc(64 * 1024, 0x5a));
    await expect(restoreBackup(target, file)).rejects.toThrow(/cannot be read .*--force/);
    expect(fs.readFileSync(damaged).subarray(0, 4).toString()).toBe('ZZZZ');
    const restored = await restoreBackup(target, file, { force: true });
    expect(restored.counts.people).toBe(20);
    expect(fs.readdirSync(target.dataDir).some((name) => name.startsWith('hifazat.sqlite.damaged-'))).toBe(true);
    expect(fs.statSync(damaged).mode & 0o077).toBe(0);
    expect(await peopleNames(target)).toEqual(await peopleNames(source));
    await source.drop();
    await target.drop();
  });
});

describe('a backup of a live SQLite database', () => {
  it('is consistent while another connection writes', async () => {
    const target = await freshTarget('sqlite');
    await fill(target, 1);
    const live = openDatabase(target);
    const now = new Date().toISOString();
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        const n = String(written).padStart(12, '0');
        await live.db
          .insertInto('people')
          .values({
            id: `00000000-0000-7000-9000-${n}`,
            full_name: `W ${n}`,
            name_normalized: `w ${n}`,
            name_key: `w ${n}`,
            sex: 'female',
            created_at: now,
            updated_at: now,
          })
          .execute();
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const writtenBefore = written;
      const file = backupPath();
      const made = await createBackup(target, file);
      expect(made.header.counts.people).toBeGreaterThanOrEqual(1 + writtenBefore);
      const copy = await freshTarget('sqlite');
      const restored = await restoreBackup(copy, file);
      expect(restored.counts.people).toBe(made.header.counts.people);
      await copy.drop();
    } finally {
      writing = false;
      await writer;
      await live.close();
      await target.drop();
    }
  });
});
