import type { Db } from '../../db/database.js';
import { startRecurring } from '../../shared/recurring.js';
import { anonymiseExpiredCases } from './cases.retention.js';

const DAY_MS = 24 * 3_600_000;
// As the daily backup: looked at hourly, run when the last run of this process is a day old, so that
// a laptop asleep at the usual time catches up within the hour after it wakes. A restart runs it
// again a minute after the start: harmless, a run with nothing due reads one indexed range and
// writes nothing.
const TIMING = { firstAfterMs: 60_000, everyMs: 3_600_000 };

/** What the schedule logs through (the server's logger). */
export type RetentionLog = { info: (details: object, message: string) => void; error: (details: object, message: string) => void };

/**
 * Starts the daily anonymisation of closed cases past CASE_RETENTION_YEARS in the server process.
 * Several server processes may each run it: a case is anonymised (and audited) once, under its row
 * lock. Returns a function that stops the schedule and waits for a run in progress to stop after its
 * current case (each case is its own transaction). The log names counts only, never a case's data.
 */
export function startCaseRetentionSchedule(
  db: Db,
  config: { caseRetentionYears: number },
  log: RetentionLog,
  timing: { firstAfterMs: number; everyMs: number } = TIMING,
): () => Promise<void> {
  let lastRun = 0;
  let stopping = false;
  const check = async () => {
    if (Date.now() - lastRun < DAY_MS) return;
    try {
      const anonymised = await anonymiseExpiredCases(db, { years: config.caseRetentionYears, stopRequested: () => stopping });
      lastRun = Date.now();
      if (anonymised > 0) log.info({ anonymised, retentionYears: config.caseRetentionYears }, 'retention: closed cases anonymised');
    } catch (error) {
      // Tried again at the next hourly look.
      log.error({ reason: error instanceof Error ? error.message : 'unknown' }, 'retention: anonymising closed cases failed: run npx hifazat cases anonymise');
    }
  };
  const stop = startRecurring(check, timing);
  return async () => {
    stopping = true;
    await stop();
  };
}
