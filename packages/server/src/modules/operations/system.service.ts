import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, SystemAttention, SystemStatus } from '@hifazat/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../http/types.js';
import { AppError, forbidden } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { openDemoAccounts } from '../users/index.js';
import { API_VERSION } from '../../version.js';
import { readiness } from './readiness.js';
import { BACKUP_OVERDUE_HOURS, BackupBusyError, listBackups, makeBackupNow } from './backup-schedule.js';
import { OperationError } from './backup.js';
import { diskFacts } from './disk.js';

const SHOWN_BACKUPS = 10;

function backupFiles(dir: string): BackupFile[] {
  return listBackups(dir)
    .slice(0, SHOWN_BACKUPS)
    .flatMap((b) => {
      // A file pruned between the listing and this look is simply not shown.
      const bytes = fs.statSync(b.file, { throwIfNoEntry: false })?.size;
      return bytes === undefined ? [] : [{ name: path.basename(b.file), at: b.at.toISOString(), bytes }];
    });
}

/**
 * The installation (its backups, which hold every country's records, and its state) is managed by
 * administrators of every country; an administrator limited to some countries manages their users only.
 */
export function assertManagesInstallation(actor: Actor): void {
  if (actor.countries !== null) throw forbidden('The installation is managed by administrators who work in every country');
}

/** The System page: readiness, backups and disk, and what needs an administrator's attention. */
export async function systemStatus(deps: AppDeps, now = new Date()): Promise<SystemStatus> {
  const { config, engine } = deps;
  const ready = await readiness(deps);
  const recent = backupFiles(config.backup.dir);
  const disk = diskFacts(config);
  const schedule = engine === 'postgres' ? 'external' : config.backup.schedule;
  const attention: SystemAttention[] = [];
  if (ready.checks.database !== 'ok') attention.push('database_unavailable');
  if (ready.checks.migrations === 'pending') attention.push('migrations_pending');
  if (schedule === 'off') attention.push('backups_off');
  if (schedule === 'daily') {
    // Any backup counts here (a manual one too); the doctor checks that the schedule itself works.
    const newest = listBackups(config.backup.dir).find((b) => b.at.getTime() <= now.getTime());
    if (!newest) attention.push('no_backup_yet');
    else if (now.getTime() - newest.at.getTime() > BACKUP_OVERDUE_HOURS * 3_600_000) attention.push('backup_old');
  }
  if (config.backup.passphrase === undefined) attention.push('backups_unencrypted');
  if (disk.freeBytes < disk.advisedBytes) attention.push('disk_low');
  if (ready.checks.database === 'ok' && (await openDemoAccounts(deps.db)).length > 0) attention.push('demo_accounts_open');
  return {
    version: API_VERSION,
    engine,
    ready: ready.ready,
    checks: { database: ready.checks.database, migrations: ready.checks.migrations },
    backups: { schedule, keep: config.backup.keep, encrypted: config.backup.passphrase !== undefined, directory: config.backup.dir, recent },
    disk: { freeBytes: disk.freeBytes, databaseBytes: disk.databaseBytes },
    attention,
  };
}

/**
 * "Back up now" from the web app: a manual backup into the backup folder (kept apart from the daily
 * ones). A failure is logged with its reason (ours, never personal data) and answered 422.
 */
export async function backUpNow(deps: AppDeps, log: FastifyBaseLogger): Promise<BackupFile> {
  const now = new Date();
  try {
    const made = await makeBackupNow(deps.config, 'manual', now);
    return { name: path.basename(made.file), at: now.toISOString(), bytes: made.bytes };
  } catch (error) {
    if (error instanceof BackupBusyError) throw new AppError('conflict', error.message);
    const reason = error instanceof OperationError ? error.message : 'unexpected error';
    log.error({ reason }, 'backup from the web app failed');
    throw new AppError('rule_violation', `The backup failed: ${reason}`);
  }
}
