import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../config.js';
import { openDatabase, type DatabaseHandle } from '../../db/database.js';
import { migrations as knownMigrations } from '../../db/migrator.js';
import { BACKUP_OVERDUE_HOURS, listBackups } from './backup-schedule.js';
import { diskFacts } from './disk.js';
import { sqliteFileOf } from './backup.js';
import * as repo from './operations.repository.js';
import { openDemoAccounts } from '../users/index.js';
import { verifyAuditChain } from '../audit/index.js';
import { reportAggregateDrift } from '../reports/index.js';
import { CERTIFICATE_KEY_ENV, CERTIFICATE_KEY_FOLDER, CERTIFICATE_SIGNING_FILE } from '../certificates/index.js';
import { readBackupHeader } from './backup-file.js';
import { dataKeyExportState } from '../data-protection/index.js';

export type Finding = { check: string; status: 'ok' | 'warning' | 'problem'; message: string; action?: string };

const GiB = 1024 ** 3;
const ok = (check: string, message: string): Finding => ({ check, status: 'ok', message });
const warning = (check: string, message: string, action: string): Finding => ({ check, status: 'warning', message, action });
const problem = (check: string, message: string, action: string): Finding => ({ check, status: 'problem', message, action });

/**
 * Looks the installation over and says, in plain words, what is wrong and what to do. Read-only:
 * it never changes the database (a pending migration is reported, not applied).
 */
export async function runDoctor(env: NodeJS.ProcessEnv = process.env): Promise<Finding[]> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    return [
      problem(
        'settings',
        error instanceof Error ? error.message : 'The settings could not be read',
        'Correct the environment variables named above (see the README, "Settings").',
      ),
    ];
  }
  const findings: Finding[] = [];
  if (!config.databaseUrl && !fs.existsSync(sqliteFileOf(config))) {
    return [
      problem(
        'database',
        `There is no database at ${sqliteFileOf(config)}.`,
        'Check DATA_DIR; a new installation starts with npx hifazat migrate and npx hifazat user add.',
      ),
    ];
  }
  let handle: DatabaseHandle;
  try {
    handle = openDatabase(config);
    await repo.databaseResponds(handle.db);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown error';
    return [
      problem(
        'database',
        `The database does not answer (${reason}).`,
        config.databaseUrl
          ? 'Check that PostgreSQL runs and that DATABASE_URL (host, port, user, database) is right.'
          : 'Check that DATA_DIR is right and readable by this user; if the file is damaged, restore the newest backup: npx hifazat restore <file> --force (the damaged file is kept).',
      ),
    ];
  }
  try {
    findings.push(ok('database', `${handle.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database answers (${handle.location}).`));
    if (handle.engine === 'sqlite') findings.push(...(await sqliteChecks(handle)));
    const migrations = await unlessUnreadable('migrations', () => migrationCheck(handle));
    findings.push(migrations);
    findings.push(
      migrations.status === 'ok'
        ? await unlessUnreadable('audit', () => auditCheck(handle))
        : warning('audit', 'The audit chain is checked once the schema is up to date.', 'Run npx hifazat migrate, then npx hifazat doctor again.'),
    );
    if (migrations.status === 'ok') findings.push(await unlessUnreadable('report aggregates', () => reportAggregatesCheck(handle)));
    findings.push(await unlessUnreadable('accounts', () => accountsCheck(handle)));
    findings.push(await unlessUnreadable('demo accounts', () => demoAccountsCheck(handle)));
  } finally {
    await handle.close();
  }
  findings.push(...fileProtectionChecks(config));
  findings.push(diskCheck(config));
  findings.push(backupCheck(config));
  findings.push(await certificateKeyCheck(config, env));
  findings.push(...dataKeyChecks(config));
  return findings;
}

/** A check that could not read what it needed is itself a finding (a damaged file), never a crash. */
async function unlessUnreadable(check: string, run: () => Promise<Finding>): Promise<Finding> {
  try {
    return await run();
  } catch (error) {
    return problem(
      check,
      `Could not be read (${error instanceof Error ? error.message : 'unknown error'}).`,
      'Restore the newest backup: npx hifazat restore <file> --force (the damaged file is kept).',
    );
  }
}

async function sqliteChecks(handle: DatabaseHandle): Promise<Finding[]> {
  const integrity = await repo.sqliteIntegrity(handle.db);
  const findings: Finding[] = [];
  findings.push(
    integrity.problems.length === 0
      ? ok('integrity', 'SQLite integrity check passed.')
      : problem(
          'integrity',
          `SQLite integrity check found ${integrity.problems.length} problem(s), e.g. "${integrity.problems[0]}".`,
          'Stop the server and restore the newest backup: npx hifazat restore <file> --force (the damaged file is kept beside it).',
        ),
  );
  findings.push(
    integrity.foreignKeyViolations === 0
      ? ok('references', 'Every record points at records that exist.')
      : problem(
          'references',
          `${integrity.foreignKeyViolations} record(s) point at records that do not exist.`,
          'Restore the newest backup, or ask a developer to look at PRAGMA foreign_key_check.',
        ),
  );
  return findings;
}

async function migrationCheck(handle: DatabaseHandle): Promise<Finding> {
  const recorded = await repo.recordedMigrations(handle.db);
  const known = Object.keys(knownMigrations);
  const unknown = recorded.filter((name) => !known.includes(name));
  const pending = known.filter((name) => !recorded.includes(name));
  if (unknown.length > 0)
    return problem(
      'migrations',
      `The database was changed by a newer version of Hifazat (${unknown.join(', ')}).`,
      'Install that newer version again; an older version must not run on this database.',
    );
  if (pending.length > 0)
    return warning(
      'migrations',
      `${pending.length} schema change(s) are not applied yet (${pending.join(', ')}).`,
      'Run npx hifazat migrate (the server also applies them when it starts).',
    );
  return ok('migrations', `The schema is up to date (${recorded.length} migration(s)).`);
}

/** The audit log's hash chain, walked from the first entry to the last (as npx hifazat audit verify). */
async function auditCheck(handle: DatabaseHandle): Promise<Finding> {
  const check = await verifyAuditChain(handle.db);
  return check.intact
    ? ok('audit', `The audit chain is intact (${check.entries} ${check.entries === 1 ? 'entry' : 'entries'}).`)
    : problem(
        'audit',
        `The audit log was changed outside Hifazat: ${check.text.replace(/^audit chain /, '')}.`,
        'Treat it as a security incident: stop the server, keep this database as evidence (npx hifazat backup <file>), find out who has direct access to the database, and compare with the newest backup whose chain is intact (restore it elsewhere and run npx hifazat audit verify).',
      );
}

/** The report aggregates (migration 0022) against the raw participations they summarise. */
async function reportAggregatesCheck(handle: DatabaseHandle): Promise<Finding> {
  const drift = await reportAggregateDrift(handle.db);
  const off = drift.eventCounts + drift.factsMissing + drift.factsExtra + drift.staleCopies;
  return off === 0
    ? ok('report aggregates', 'The report aggregates agree with the participations.')
    : problem(
        'report aggregates',
        `The report aggregates disagree with the participations (${drift.eventCounts} event count(s), ${drift.factsMissing} missing and ${drift.factsExtra} extra participation row(s), ${drift.staleCopies} participation(s) with an old copy of the person's sex or organisation type): reports would be wrong.`,
        'Rebuild them: npx hifazat reports rebuild (safe while the server runs). If it happens again, someone writes to the database with the triggers off.',
      );
}

/** The "keys" to the installation: someone must be able to sign in as an administrator. */
async function accountsCheck(handle: DatabaseHandle): Promise<Finding> {
  const admins = await repo.countActiveAdmins(handle.db);
  return admins > 0
    ? ok('accounts', `${admins} active administrator account(s).`)
    : problem(
        'accounts',
        'No active administrator account: nobody can manage users.',
        'Create one: npx hifazat user add --email you@example.org --name "Your name" --role admin',
      );
}

/** The demo's accounts, open with the password the README publishes, are a way in for anyone. */
async function demoAccountsCheck(handle: DatabaseHandle): Promise<Finding> {
  const open = await openDemoAccounts(handle.db);
  return open.length === 0
    ? ok('demo accounts', 'No demo account is open with the published password.')
    : warning(
        'demo accounts',
        `${open.length} demo account(s) can be signed in to with the password published in the README: ${open.join(', ')}.`,
        'If this installation holds real data, deactivate them on the Users page or give them new passwords.',
      );
}

function fileProtectionChecks(config: Config): Finding[] {
  const findings: Finding[] = [];
  if (config.backup.passphrase === undefined && !config.databaseUrl && config.backup.schedule === 'daily') {
    findings.push(
      warning(
        'backup key',
        'Scheduled backups are not encrypted (BACKUP_PASSPHRASE is not set).',
        'Set BACKUP_PASSPHRASE to a passphrase of 12 characters or more and keep it somewhere safe apart from this computer.',
      ),
    );
  } else if (config.backup.passphrase !== undefined) {
    findings.push(ok('backup key', 'Backups are encrypted with BACKUP_PASSPHRASE.'));
  }
  if (config.databaseUrl) return findings;
  const file = sqliteFileOf(config);
  const mode = fs.statSync(file).mode & 0o777;
  findings.push(
    (mode & 0o077) === 0
      ? ok('file access', 'Only this account can read the database file.')
      : warning(
          'file access',
          `Other accounts on this computer can read the database file (mode ${mode.toString(8)}).`,
          `Run chmod 600 ${file} and chmod 700 ${path.dirname(file)}.`,
        ),
  );
  return findings;
}

function diskCheck(config: Config): Finding {
  const { checkedAt, freeBytes, advisedBytes } = diskFacts(config);
  const freeText = `${(freeBytes / GiB).toFixed(1)} GiB free on the disk of ${checkedAt}`;
  if (freeBytes < advisedBytes / 4)
    return problem(
      'disk',
      `${freeText}; the database and its backups need about ${(advisedBytes / GiB).toFixed(1)} GiB.`,
      'Free disk space now: writes and backups fail when the disk is full.',
    );
  if (freeBytes < advisedBytes)
    return warning(
      'disk',
      `${freeText}; less than the ${(advisedBytes / GiB).toFixed(1)} GiB advised.`,
      'Free some disk space, or move BACKUP_DIR to another disk.',
    );
  return ok('disk', `${freeText}.`);
}

function backupCheck(config: Config): Finding {
  if (config.databaseUrl) {
    const found = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
    return found.status === 0
      ? ok('backups', `npx hifazat backup can use ${found.stdout.trim()}; schedule it daily with cron or a systemd timer.`)
      : problem(
          'backups',
          'pg_dump is not installed: npx hifazat backup cannot back up PostgreSQL.',
          'Install the PostgreSQL client programs (Debian: apt-get install postgresql-client).',
        );
  }
  if (config.backup.schedule === 'off')
    return warning('backups', 'Scheduled backups are off (BACKUP_SCHEDULE=off).', 'Set BACKUP_SCHEDULE=daily, or back up by hand: npx hifazat backup <file>.');
  const newest = listBackups(config.backup.dir, 'daily')[0];
  if (!newest)
    return warning(
      'backups',
      `No scheduled backup in ${config.backup.dir} yet.`,
      'Keep the server running: the first backup is made a minute after it starts; or run npx hifazat backup <file>.',
    );
  const ageHours = (Date.now() - newest.at.getTime()) / 3_600_000;
  if (ageHours < -1)
    return problem(
      'backups',
      `The newest scheduled backup is dated in the future (${path.basename(newest.file)}): the computer's clock was or is wrong.`,
      'Set the clock right; new backups are made as usual, and the misdated file goes once it is no longer among the newest.',
    );
  if (ageHours > BACKUP_OVERDUE_HOURS)
    return problem(
      'backups',
      `The newest scheduled backup is ${Math.floor(ageHours / 24)} days old (${path.basename(newest.file)}).`,
      'Check that the server runs and that BACKUP_DIR is writable; look for "scheduled backup failed" in the server log.',
    );
  return ok('backups', `Newest scheduled backup: ${path.basename(newest.file)} (${Math.round(ageHours)} h ago).`);
}

/** Backup headers read to find the signing key (the newest first): enough to cover a few days of backups. */
const KEY_BACKUPS_READ = 5;

/**
 * The certificate signing key lives in the data folder, not in the database's tables: a backup holds
 * it only since backups hold the data folder's files. Until a backup in the backup folder holds this
 * very key (by its SHA-256), losing the disk loses the key, and with it the installation's signature.
 */
async function certificateKeyCheck(config: Config, env: NodeJS.ProcessEnv): Promise<Finding> {
  if (env[CERTIFICATE_KEY_ENV]?.trim()) {
    return ok(
      'certificate key',
      `Certificates are signed with the key in ${CERTIFICATE_KEY_ENV}; backups hold its public keyring only, so keep a copy of the key apart from this computer.`,
    );
  }
  const keyFile = path.join(config.dataDir, CERTIFICATE_KEY_FOLDER, CERTIFICATE_SIGNING_FILE);
  if (!fs.existsSync(keyFile)) return ok('certificate key', 'No certificate has been signed yet (the signing key is made with the first one).');
  if (config.databaseUrl || config.backup.schedule === 'off') {
    return ok('certificate key', `The certificate signing key is ${keyFile}; npx hifazat backup copies it into each backup.`);
  }
  const sha256 = crypto.createHash('sha256').update(fs.readFileSync(keyFile)).digest('hex');
  for (const backup of listBackups(config.backup.dir).slice(0, KEY_BACKUPS_READ)) {
    const header = await readBackupHeader(backup.file).catch(() => null);
    const held = header?.header.files.some((f) => f.path === `${CERTIFICATE_KEY_FOLDER}/${CERTIFICATE_SIGNING_FILE}` && f.sha256 === sha256);
    if (held) return ok('certificate key', `The certificate signing key is in the backup ${path.basename(backup.file)}.`);
  }
  return warning(
    'certificate key',
    `The certificate signing key (${keyFile}) is in no backup yet: if this disk fails, certificates can no longer be signed with it and their offline check loses its key.`,
    'Make a backup now (the System page, or npx hifazat backup <file>) and keep a copy of the certificate-keys folder apart from this computer.',
  );
}

/**
 * The data key (victims' data at rest) is never in a backup, so that a stolen backup does not open
 * itself: it must be kept apart, by `npx hifazat keys export`, once after each rotation.
 */
function dataKeyChecks(config: Config): Finding[] {
  let state: ReturnType<typeof dataKeyExportState>;
  try {
    state = dataKeyExportState(config);
  } catch (error) {
    return [
      problem(
        'data key',
        error instanceof Error ? error.message : 'The data keyring could not be read.',
        'Restore DATA_DIR/keys/data-keys.json from the copy made with npx hifazat keys export (npx hifazat keys import FILE).',
      ),
    ];
  }
  if (state.source === 'environment')
    return [ok('data key', 'The data key comes from HIFAZAT_DATA_KEY; keep a copy of it apart from the backups (they never hold it).')];
  if (state.source === 'none') return [ok('data key', "No data key yet (it is made when victims' data is first sealed).")];
  const findings: Finding[] = [];
  findings.push(
    state.exportedCurrent
      ? ok('data key', `The data key was exported on ${state.exportedAt ?? '?'} (backups never hold it; keep that file apart from them).`)
      : warning(
          'data key',
          `The data key is not backed up apart from the database${state.exportedAt ? ` (the last export, ${state.exportedAt}, was before the last rotation)` : ''}: backups never hold it, so if this disk fails, victims' data in every backup is lost.`,
          'Run npx hifazat keys export --out FILE and keep the file somewhere other than the backups (another USB stick, a safe).',
        ),
  );
  if ((state.mode & 0o077) !== 0)
    findings.push(
      warning('data key access', `Other accounts on this computer can read the data key (mode ${state.mode.toString(8)}).`, `Run chmod 600 ${state.file}.`),
    );
  return findings;
}

/** The report as lines a person reads, and whether any problem was found. */
export function formatFindings(findings: Finding[]): { text: string; healthy: boolean } {
  const mark = { ok: 'OK     ', warning: 'WARNING', problem: 'PROBLEM' } as const;
  const lines = findings.map((f) => `${mark[f.status]}  ${f.check}: ${f.message}${f.action ? `\n         What to do: ${f.action}` : ''}`);
  const problems = findings.filter((f) => f.status === 'problem').length;
  const warnings = findings.filter((f) => f.status === 'warning').length;
  lines.push('', problems === 0 && warnings === 0 ? 'All checks passed.' : `${problems} problem(s), ${warnings} warning(s).`);
  return { text: lines.join('\n'), healthy: problems === 0 };
}
