import { preparedStatement, runPrepared, type Db } from './database.js';
import { toCount } from './dialect.js';

/** Migration 0023's counter: moves (at commit) with every write to the tables the cached answers read. */
const READ_COUNTER = preparedStatement('hifazat_change_counter', 'select value from change_counter where id = 1');

export async function readChangeCounter(db: Db): Promise<number> {
  const rows = await runPrepared<{ value: unknown }>(db, READ_COUNTER, []);
  if (rows.length === 0) throw new Error('change_counter has no row 1 (migration 0023)');
  return toCount(rows[0]?.value);
}

/** Migration 0024's counter: moves (at commit) only when something the report columns hold changes. */
const READ_REPORT_COPY_COUNTER = preparedStatement('hifazat_report_copy_counter', 'select value from report_copy_counter where id = 1');

export async function readReportCopyCounter(db: Db): Promise<number> {
  const rows = await runPrepared<{ value: unknown }>(db, READ_REPORT_COPY_COUNTER, []);
  if (rows.length === 0) throw new Error('report_copy_counter has no row 1 (migration 0024)');
  return toCount(rows[0]?.value);
}
