import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../packages/server/src/testing.js';

/**
 * What a request may change without changing data: failed sign-ins are recorded on purpose (the
 * lockout counts them), and reading with a session refreshes its expiry.
 */
// Sign-in attempts and their guard rows are written by every attempt, refused or not, by design; so are
// the per-address request counts of the public routes (a test's link, a questionnaire, verifying a
// certificate), which limit them. An event's personal codes are given out the first time staff ask
// for them and never change after (modules/assessments), so the first read writes them. The audit
// chain's head moves with every entry; the entries themselves are compared (below).
const IGNORED_TABLES = new Set([
  'login_attempts',
  'login_guards',
  'request_counts',
  'participant_codes',
  'audit_chain_head',
  'kysely_migration',
  'kysely_migration_lock',
]);
/** Rows a read writes on purpose: the audit trail of reads and exports (a change entry still counts). */
const IGNORED_ROWS: Record<string, (row: Record<string, unknown>) => boolean> = {
  audit_log: (row) => row.action === 'view' || row.action === 'export',
};
const IGNORED_COLUMNS: Record<string, ReadonlySet<string>> = { sessions: new Set(['last_seen_at', 'expires_at']) };

export type Fingerprint = { whole: string; tables: Record<string, string> };

/** Every row of every table (found by introspection, so a new table is covered), hashed per table. */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !IGNORED_TABLES.has(name))
    .sort();
  const hashes: Record<string, string> = {};
  const whole = createHash('sha256');
  for (const table of tables) {
    const result = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const ignored = IGNORED_COLUMNS[table];
    // Rows in a stable order whatever the engine returns: sorted by their canonical text.
    const skip = IGNORED_ROWS[table];
    const lines = result.rows
      .filter((row) => !skip?.(row))
      .map((row) => canonical(row, ignored))
      .sort();
    const hash = createHash('sha256').update(lines.join('\n')).digest('hex');
    hashes[table] = hash;
    whole.update(`${table}:${hash}\n`);
  }
  return { whole: whole.digest('hex'), tables: hashes };
}

function canonical(row: Record<string, unknown>, ignored: ReadonlySet<string> | undefined): string {
  const keys = Object.keys(row)
    .filter((k) => !ignored?.has(k))
    .sort();
  return JSON.stringify(keys.map((k) => [k, row[k] instanceof Date ? (row[k] as Date).toISOString() : row[k]]));
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before.tables), ...Object.keys(after.tables)]);
  return [...names].filter((t) => before.tables[t] !== after.tables[t]).sort();
}
