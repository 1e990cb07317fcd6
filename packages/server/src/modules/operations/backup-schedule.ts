import fs from 'node:fs';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config.js';
import { createBackupInChild } from './backup.js';

const SCHEDULED_NAME = /^hifazat-(\d{8}T\d{6}Z)\.hzb$/;
const DAY_MS = 24 * 3_600_000;
// Checked hourly rather than at a fixed time: a laptop that was asleep or off at that time still
// gets its backup within the hour after it wakes.
const CHECK_EVERY_MS = 3_600_000;
const FIRST_CHECK_AFTER_MS = 60_000;

export const scheduledBackupName = (at: Date) => `hifazat-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')}.hzb`;

/** Scheduled backups in `dir`, newest first. */
export function listScheduledBackups(dir: string): { file: string; at: Date }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((name) => ({ name, match: SCHEDULED_NAME.exec(name) }))
    .filter((e): e is { name: string; match: RegExpExecArray } => e.match !== null)
    .map(({ name, match }) => {
      const s = match[1] ?? '';
      const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
      return { file: path.join(dir, name), at: new Date(iso) };
    })
    .sort((a, b) => b.at.getTime() - a.at.getTime());
}

export type ScheduledOutcome = { made: string | null; removed: string[] };

/**
 * Makes a backup when the newest one is a day old or more (or there is none), then keeps only the
 * newest `keep`. Returns what it did; throws when the backup fails (the caller logs it).
 */
export async function runScheduledBackupIfDue(config: Config, now: Date): Promise<ScheduledOutcome> {
  const { dir, keep } = config.backup;
  const newest = listScheduledBackups(dir)[0];
  let made: string | null = null;
  if (!newest || now.getTime() - newest.at.getTime() >= DAY_MS) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    made = (await createBackupInChild(config, path.join(dir, scheduledBackupName(now)))).file;
  }
  const removed = listScheduledBackups(dir)
    .slice(keep)
    .map((old) => {
      fs.rmSync(old.file, { force: true });
      return old.file;
    });
  return { made, removed };
}

/** Starts the daily backup of the embedded database; returns a function that stops it. */
export function startBackupSchedule(config: Config, log: FastifyBaseLogger): () => void {
  if (config.databaseUrl || config.backup.schedule === 'off') return () => undefined;
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const outcome = await runScheduledBackupIfDue(config, new Date());
      if (outcome.made) log.info({ backup: path.basename(outcome.made), removed: outcome.removed.length }, 'scheduled backup made');
    } catch (error) {
      log.error({ reason: error instanceof Error ? error.message : 'unknown' }, 'scheduled backup failed: run npx hifazat doctor');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void check(), FIRST_CHECK_AFTER_MS);
  const every = setInterval(() => void check(), CHECK_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
