import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, SystemAttention, SystemStatus } from '@hifazat/contract';
import type { AppDeps } from '../../http/types.js';
import { AppError } from '../../http/errors.js';
import { API_VERSION } from '../../version.js';
import { readiness } from '../health/health.service.js';
import { listScheduledBackups, scheduledBackupName } from './backup-schedule.js';
import { createBackupInChild, OperationError } from './backup.js';
import { diskFacts } from './disk.js';

const SHOWN_BACKUPS = 10;
const OLD_BACKUP_HOURS = 48;

function backupFiles(dir: string): BackupFile[] {
  return listScheduledBackups(dir)
    .slice(0, SHOWN_BACKUPS)
    .map((b) => ({ name: path.basename(b.file), at: b.at.toISOString(), bytes: fs.statSync(b.file).size }));
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
    const newest = recent[0];
    if (!newest) attention.push('no_backup_yet');
    else if (now.getTime() - Date.parse(newest.at) > OLD_BACKUP_HOURS * 3_600_000) attention.push('backup_old');
  }
  if (config.backup.passphrase === undefined) attention.push('backups_unencrypted');
  if (disk.freeBytes < disk.advisedBytes) attention.push('disk_low');
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
 * A backup made now from the web app, into the backup folder under the scheduled name, so that it
 * counts among the N kept. One at a time: a second request while one runs is refused.
 */
export function backupNowRunner(deps: AppDeps): () => Promise<BackupFile> {
  let running = false;
  return async () => {
    if (running) throw new AppError('conflict', 'A backup is being made; wait until it is done');
    running = true;
    try {
      const dir = deps.config.backup.dir;
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const now = new Date();
      const file = path.join(dir, scheduledBackupName(now));
      if (fs.existsSync(file)) throw new AppError('conflict', 'A backup was made this very second; wait a moment');
      const made = await createBackupInChild(deps.config, file).catch((error: unknown) => {
        throw new AppError('rule_violation', `The backup failed: ${error instanceof OperationError ? error.message : 'see the server log, or run npx hifazat doctor'}`);
      });
      for (const old of listScheduledBackups(dir).slice(deps.config.backup.keep)) fs.rmSync(old.file, { force: true });
      return { name: path.basename(made.file), at: now.toISOString(), bytes: made.bytes };
    } finally {
      running = false;
    }
  };
}
