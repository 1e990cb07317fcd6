import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { HIFAZAT_BIN, type Config } from '../../config.js';
import { API_VERSION } from '../../version.js';
import { openPostgres, openSqlite, type DatabaseHandle } from '../../db/database.js';
import { migrateToLatest, migrations as knownMigrations } from '../../db/migrator.js';
import { dataFilesOf, isDataFilePath, putBackDataFiles, splitPayload, writeDataFiles, type DataFilesRestored } from './backup-data-files.js';
import { BackupFileError, readBackupHeader, readBackupPayload, writeBackupFile, type BackupHeader } from './backup-file.js';
import * as repo from './operations.repository.js';

/** A problem the person running the command can act on; the CLI prints its message as it is. */
export class OperationError extends Error {}

export type DatabaseTarget = { databaseUrl?: string | undefined; dataDir: string };

export const sqliteFileOf = (target: DatabaseTarget) => path.join(target.dataDir, 'hifazat.sqlite');

function openTarget(target: DatabaseTarget): DatabaseHandle {
  return target.databaseUrl ? openPostgres(target.databaseUrl, 2) : openSqlite(sqliteFileOf(target));
}

const SCRATCH_PREFIX = '.hifazat-scratch-';
const STALE_MS = 24 * 3_600_000;

/**
 * A scratch directory (0700) in `dir`, removed by `done`. For SQLite it is always the data folder:
 * the plain copy of the database must not land next to an encrypted backup on a USB stick.
 */
function scratchDir(dir: string): { dir: string; done: () => void } {
  removeStaleScratch(dir);
  const made = fs.mkdtempSync(path.join(dir, SCRATCH_PREFIX));
  fs.chmodSync(made, 0o700);
  return { dir: made, done: () => fs.rmSync(made, { recursive: true, force: true }) };
}

/** What a killed backup or restore left behind (scratch folders, `.partial-` files) a day ago or more. */
export function removeStaleScratch(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(SCRATCH_PREFIX) && !/\.partial-\d+$/.test(name)) continue;
    const full = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs >= STALE_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Gone already, or another process's: nothing to do.
    }
  }
}

/**
 * How pg_dump/pg_restore reach the database: the URL itself as the database name (libpq reads every
 * setting from it: host, port, sslmode, sslrootcert…) without its password, which goes in the
 * environment so that it never shows in `ps`.
 */
function libpqConnection(url: string): { uri: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { uri: u.toString(), env };
}

/** Runs a PostgreSQL client program, with its stdin/stdout wired to the given streams; rejects with its error output. */
function runPgTool(program: 'pg_dump' | 'pg_restore', args: string[], url: string, io: { stdin?: Readable; stdout?: Writable }): Promise<void> {
  const { uri, env } = libpqConnection(url);
  return new Promise((resolve, reject) => {
    const child = spawn(program, [...args, `--dbname=${uri}`], { env, stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'] });
    let errors = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (errors.length < 4000) errors += chunk;
    });
    const streams: Promise<void>[] = [];
    if (io.stdin && child.stdin) streams.push(pipeline(io.stdin, child.stdin));
    if (io.stdout && child.stdout) streams.push(pipeline(child.stdout, io.stdout));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new OperationError(`${program} was not found: install the PostgreSQL client programs (Debian: apt-get install postgresql-client)`)
          : error,
      ),
    );
    child.on('close', (code) => {
      // The streams settle either way, so that a failed write (a full disk) is never left unhandled.
      void Promise.allSettled(streams).then((settled) => {
        const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (code !== 0) reject(new OperationError(`${program} failed: ${errors.trim() || `exit code ${code}`}`));
        else if (failed) reject(failed.reason);
        else resolve();
      });
    });
  });
}

export type BackupResult = { file: string; header: BackupHeader; bytes: number };

/**
 * `createBackup` in a child process (`hifazat backup`), for the running server: SQLite's VACUUM INTO
 * is synchronous and would hold the server's event loop for as long as the copy takes (seconds on a
 * large database). Resolves with the file's size; rejects with the command's own error message.
 */
export function createBackupInChild(config: Config, file: string): Promise<{ file: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, DATA_DIR: config.dataDir, DATABASE_URL: config.databaseUrl ?? '', BACKUP_PASSPHRASE: config.backup.passphrase ?? '' };
    const child = spawn(process.execPath, [HIFAZAT_BIN, 'backup', file], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      if (errors.length < 4000) errors += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve({ file, bytes: fs.statSync(file).size });
      else reject(new OperationError(errors.trim().replace(/^Error: /, '') || `hifazat backup exited with ${code}`));
    });
  });
}

/**
 * A consistent backup of the live database into `file`, while the server keeps running.
 * SQLite: VACUUM INTO takes a snapshot in one read transaction (writers are not blocked), checked
 * with integrity_check before it is packed. PostgreSQL: pg_dump in the snapshot the row counts were read in.
 */
export async function createBackup(target: DatabaseTarget, file: string, options: { passphrase?: string | undefined } = {}): Promise<BackupResult> {
  const output = path.resolve(file);
  if (fs.existsSync(output)) throw new OperationError(`${output} already exists: choose a new file name`);
  if (!fs.existsSync(path.dirname(output))) throw new OperationError(`The folder ${path.dirname(output)} does not exist`);
  const handle = openTarget(target);
  try {
    const base = { engine: handle.engine, createdAt: new Date().toISOString(), appVersion: API_VERSION };
    removeStaleScratch(path.dirname(output));
    const header =
      handle.engine === 'sqlite'
        ? await backupSqlite(handle, target.dataDir, output, base, options.passphrase)
        : await backupPostgres(handle, target.databaseUrl ?? '', target.dataDir, output, base, options.passphrase);
    return { file: output, header, bytes: fs.statSync(output).size };
  } finally {
    await handle.close();
  }
}

type HeaderBase = Pick<BackupHeader, 'engine' | 'createdAt' | 'appVersion'>;

/** The data folder's files as the header lists them (the payload carries them first). */
const listed = (files: ReturnType<typeof dataFilesOf>) => files.map(({ path: name, bytes, sha256 }) => ({ path: name, bytes, sha256 }));

async function backupSqlite(handle: DatabaseHandle, dataDir: string, output: string, base: HeaderBase, passphrase: string | undefined): Promise<BackupHeader> {
  const scratch = scratchDir(dataDir);
  try {
    const snapshot = path.join(scratch.dir, 'snapshot.sqlite');
    await repo.sqliteVacuumInto(handle.db, snapshot);
    const copy = openSqlite(snapshot);
    let facts: { counts: Record<string, number>; migrations: string[] };
    try {
      const integrity = await repo.sqliteIntegrity(copy.db);
      if (integrity.problems.length > 0)
        throw new OperationError(`The database copy failed its integrity check (${integrity.problems[0]}): run npx hifazat doctor`);
      facts = { counts: await repo.countContentRows(copy.db), migrations: await repo.recordedMigrations(copy.db) };
    } finally {
      await copy.close();
    }
    const files = dataFilesOf(dataDir);
    return await writeBackupFile(output, { ...base, payload: 'sqlite-gzip', ...facts, files: listed(files) }, passphrase, async (sink) => {
      await writeDataFiles(files, sink);
      await pipeline(fs.createReadStream(snapshot), createGzip(), sink);
    });
  } finally {
    scratch.done();
  }
}

async function backupPostgres(
  handle: DatabaseHandle,
  url: string,
  dataDir: string,
  output: string,
  base: HeaderBase,
  passphrase: string | undefined,
): Promise<BackupHeader> {
  return repo.withExportedSnapshot(handle.db, async (snapshot, trx) => {
    const facts = { counts: await repo.countContentRows(trx), migrations: await repo.recordedMigrations(trx) };
    const files = dataFilesOf(dataDir);
    return writeBackupFile(output, { ...base, payload: 'pg_dump-custom', ...facts, files: listed(files) }, passphrase, async (sink) => {
      await writeDataFiles(files, sink);
      await runPgTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`], url, { stdout: sink });
    });
  });
}

export type RestoreResult = { header: BackupHeader; counts: Record<string, number>; migrated: string[]; files: DataFilesRestored };

/**
 * Restores a backup into the configured database. Refuses a database that holds anything unless
 * `force`; refuses a backup made by a newer version (it would hold tables this one does not know).
 * The backup is decrypted and checked in a scratch place first, so a wrong passphrase or a damaged
 * file changes nothing. Sessions are dropped afterwards: everyone signs in again.
 */
export async function restoreBackup(
  target: DatabaseTarget,
  file: string,
  options: { passphrase?: string | undefined; force?: boolean } = {},
): Promise<RestoreResult> {
  const input = path.resolve(file);
  const { header } = await readBackupHeader(input);
  const engine = target.databaseUrl ? 'postgres' : 'sqlite';
  if (header.engine !== engine) {
    throw new OperationError(
      `This is a ${header.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup and the configured database is ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}: set DATABASE_URL (or unset it) to match`,
    );
  }
  const unknown = header.migrations.filter((name) => !(name in knownMigrations));
  if (unknown.length > 0) throw new OperationError(`This backup was made by a newer version of Hifazat (it has ${unknown.join(', ')}): upgrade Hifazat first`);
  if (header.encryption && options.passphrase === undefined) throw new OperationError('This backup is encrypted: give its passphrase');
  const stranger = header.files.find((f) => !isDataFilePath(f.path));
  if (stranger) throw new OperationError(`The backup is damaged: it lists a file Hifazat does not keep (${stranger.path})`);

  // The counters of the database being replaced: the restored ones move past them (below).
  let seenCounters: repo.Counters = { change: null, reportCopy: null };
  if (engine === 'postgres' || fs.existsSync(sqliteFileOf(target))) {
    let counts: Record<string, number> | null = null;
    let unreadable = '';
    let existing: DatabaseHandle | undefined;
    try {
      existing = openTarget(target);
      counts = await repo.countContentRows(existing.db);
      seenCounters = await repo.readCountersIfAny(existing.db);
    } catch (error) {
      unreadable = error instanceof Error ? error.message : 'unknown error';
    } finally {
      await existing?.close().catch(() => undefined);
    }
    if (counts && Object.values(counts).some((n) => n > 0) && !options.force) {
      const parts = Object.entries(counts)
        .filter(([, n]) => n > 0)
        .map(([table, n]) => `${n} ${table}`);
      throw new OperationError(`The database is not empty (${parts.join(', ')}); restoring would replace it. Add --force to replace it, after a backup of it.`);
    }
    if (!counts && !options.force)
      throw new OperationError(
        `The database cannot be read (${unreadable}). Add --force to replace it with the backup${engine === 'sqlite' ? ' (the damaged file is kept beside it)' : ''}.`,
      );
    // A damaged SQLite file is kept for whoever investigates, and the backup goes into a new one.
    if (!counts && engine === 'sqlite') setAsideDamaged(sqliteFileOf(target));
  } else {
    fs.mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
  }

  const scratch = scratchDir(engine === 'sqlite' ? target.dataDir : os.tmpdir());
  let files: DataFilesRestored;
  try {
    const plain = path.join(scratch.dir, 'payload');
    const filesDir = path.join(scratch.dir, 'files');
    fs.mkdirSync(filesDir, { mode: 0o700 });
    await readBackupPayload(input, options.passphrase, async (source) => {
      // The data folder's files first, then the database.
      const rest = new PassThrough();
      const database =
        header.payload === 'sqlite-gzip'
          ? pipeline(rest, createGunzip(), fs.createWriteStream(plain, { mode: 0o600 }))
          : pipeline(rest, fs.createWriteStream(plain, { mode: 0o600 }));
      const split = splitPayload(source, header.files, filesDir, rest).catch((error: unknown) => {
        rest.destroy(error instanceof Error ? error : new Error(String(error)));
        throw error;
      });
      await Promise.all([split, database]);
    }).catch((error: unknown) => {
      if (error instanceof BackupFileError || !(error instanceof Error)) throw error;
      throw new OperationError(`The backup is damaged and could not be read (${error.message})`);
    });
    if (engine === 'sqlite') await restoreSqliteFile(plain, sqliteFileOf(target));
    else
      await runPgTool(
        'pg_restore',
        ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', '--clean', '--if-exists', plain],
        target.databaseUrl ?? '',
        {},
      );
    // Only once the database is back: a backup that fails to restore changes no file either.
    files = putBackDataFiles(target.dataDir, filesDir, header.files);
  } finally {
    scratch.done();
  }

  const restored = openTarget(target);
  try {
    const migrated = await migrateToLatest(restored.db);
    await repo.deleteAllSessions(restored.db);
    // The backup's counters are older than the ones replaced: moved past both, they never again name
    // an answer a running server keeps, a browser's tag from before the restore (http/live-cache.ts)
    // or a copy of the report columns a running server holds (report-columns.ts).
    await repo.moveCountersPast(restored.db, seenCounters);
    return { header, counts: await repo.countContentRows(restored.db), migrated, files };
  } finally {
    await restored.close();
  }
}

async function restoreSqliteFile(plain: string, targetFile: string): Promise<void> {
  if (!repo.sqliteFileLooksLikeDatabase(plain)) throw new OperationError('The backup does not hold a SQLite database');
  const check = openSqlite(plain);
  try {
    const integrity = await repo.sqliteIntegrity(check.db);
    if (integrity.problems.length > 0) throw new OperationError(`The database in the backup is damaged (${integrity.problems[0]}); use an older backup`);
  } finally {
    await check.close();
  }
  await repo.sqliteCopyInto(plain, targetFile);
  // The backup API writes into the file as it finds it; the data is personal, so it is ours alone.
  fs.chmodSync(targetFile, 0o600);
}

function setAsideDamaged(file: string): void {
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${file}${suffix}`)) fs.renameSync(`${file}${suffix}`, `${file}.damaged-${stamp}${suffix}`);
  }
}
