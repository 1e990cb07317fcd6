import { preparedStatement, runPrepared, type Db, type PreparedStatement } from './database.js';
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

const READ_REPORT_COPY_COUNTER_IN_TRANSACTION: PreparedStatement = {
  name: 'hifazat_report_copy_counter_in_transaction',
  sqlite: 'select value, 1 as unwritten from report_copy_counter where id = 1',
  postgres: 'select value, pg_current_xact_id_if_assigned() is null as unwritten from report_copy_counter where id = 1',
};

/**
 * The report copy's counter as a transaction sees it, or null when it cannot tell whether a copy
 * read earlier in the transaction still holds: on PostgreSQL the counters move at commit, so after
 * the transaction's first write (it then has a transaction id) its own changes leave them as they
 * were. On SQLite they move with each write, the transaction's own included.
 */
export async function readReportCopyCounterInTransaction(trx: Db): Promise<number | null> {
  const rows = await runPrepared<{ value: unknown; unwritten: unknown }>(trx, READ_REPORT_COPY_COUNTER_IN_TRANSACTION, []);
  const row = rows[0];
  if (!row) throw new Error('report_copy_counter has no row 1 (migration 0024)');
  return row.unwritten === true || row.unwritten === 1 ? toCount(row.value) : null;
}
