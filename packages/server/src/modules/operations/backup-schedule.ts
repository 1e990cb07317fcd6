import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { startRecurring } from '../../shared/recurring.js';
import { createBackupInChild, OperationError } from './backup.js';

export type BackupKind = 'daily' | 'manual';

// `hifazat-20260301T080000Z.hzb` (scheduled) and `hifazat-manual-20260301T080000Z.hzb` ("Back up
// now"): kept apart, so that a few clicks never push the daily history out.
const BACKUP_NAME = /^hifazat-(manual-)?(\d{8}T\d{6}Z)\.hzb$/;
const DAY_MS = 24 * 3_600_000;
/** A daily backup older than this means the schedule is not working (doctor and the System page say so). */
export const BACKUP_OVERDUE_HOURS = 48;
// Checked hourly rather than at a fixed time: a laptop that was asleep or off at that time still
// gets its backup within the hour after it wakes.
const CHECK_EVERY_MS = 3_600_000;
const FIRST_CHECK_AFTER_MS = 60_000;

export const backupName = (kind: BackupKind, at: Date) =>
  `hifazat-${kind === 'manual' ? 'manual-' : ''}${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.hzb`;

export type BackupEntry = { file: string; at: Date; kind: BackupKind };

/** Backups in `dir` made by the schedule or from the web app (of one kind, when given), newest first. */
export function listBackups(dir: string, kind?: BackupKind): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, match: BACKUP_NAME.exec(name) }))
    .filter((e): e is { name: string; match: RegExpExecArray } => e.match !== null)
    .map(({ name, match }): BackupEntry => {
      const s = match[2] ?? '';
      const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
      return { file: path.join(dir, name), at: new Date(iso), kind: match[1] ? 'manual' : 'daily' };
    })
    .filter((b) => kind === undefined || b.kind === kind)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

/** Refused while another backup of this server runs. */
export class BackupBusyError extends OperationError {}

// One backup at a time per server, scheduled or from the web app; shutdown waits for it.
let running: Promise<unknown> | null = null;

/** Resolves when no backup of this process is running (shutdown waits for it). */
export async function backupFinished(): Promise<void> {
  await running?.catch(() => undefined);
}

/**
 * A backup into the backup folder now, then only the newest `BACKUP_KEEP` of its kind are kept.
 * Backups dated in the future (made while the clock was wrong) are removed with the old ones.
 */
export async function makeBackupNow(config: Config, kind: BackupKind, now: Date): Promise<{ file: string; bytes: number; removed: string[] }> {
  if (running) throw new BackupBusyError('A backup is being made; wait until it is done');
  const work = (async () => {
    const { dir, keep } = config.backup;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = path.join(dir, backupName(kind, now));
    if (fs.existsSync(file)) throw new BackupBusyError('A backup was made this very second; wait a moment');
    const made = await createBackupInChild(config, file);
    const all = listBackups(dir, kind);
    const removed = [...all.filter((b) => b.at.getTime() > now.getTime()), ...all.filter((b) => b.at.getTime() <= now.getTime()).slice(keep)].map((old) => {
      fs.rmSync(old.file, { force: true });
      return old.file;
    });
    return { ...made, removed };
  })();
  running = work;
  try {
    return await work;
  } finally {
    running = null;
  }
}

/**
 * Makes the daily backup when the newest one is a day old or more (or there is none). Returns the
 * file made, or null; throws when the backup fails (the caller logs it).
 */
export async function runScheduledBackupIfDue(config: Config, now: Date): Promise<string | null> {
  // A backup dated in the future (a clock that was wrong) does not count: the schedule goes on.
  const newest = listBackups(config.backup.dir, 'daily').find((b) => b.at.getTime() <= now.getTime());
  if (newest && now.getTime() - newest.at.getTime() < DAY_MS) return null;
  return (await makeBackupNow(config, 'daily', now)).file;
}

/** Starts the daily backup of the embedded database; returns a function that stops it. */
export function startBackupSchedule(config: Config, log: FastifyBaseLogger): () => void {
  if (config.databaseUrl || config.backup.schedule === 'off') return () => undefined;
  const check = async () => {
    try {
      const made = await runScheduledBackupIfDue(config, new Date());
      if (made) log.info({ backup: path.basename(made) }, 'scheduled backup made');
    } catch (error) {
      if (error instanceof BackupBusyError) return;
      log.error({ reason: error instanceof Error ? error.message : 'unknown' }, 'scheduled backup failed: run npx hifazat doctor');
    }
  };
  const stop = startRecurring(check, { firstAfterMs: FIRST_CHECK_AFTER_MS, everyMs: CHECK_EVERY_MS });
  // Shutdown waits for a backup in progress through backupFinished().
  return () => void stop();
}
