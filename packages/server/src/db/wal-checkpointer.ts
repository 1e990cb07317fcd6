/**
 * Checkpoints of the SQLite write-ahead log in a worker thread of their own, for the server.
 *
 * Why: SQLite checkpoints when a commit leaves the log past 1,000 pages, inside that commit and on
 * the thread that commits, which is the server's event loop (better-sqlite3 is synchronous). A
 * 50,000-row import's commit spent 0.3-0.45 s copying its pages into the database file, and every
 * other request waited (docs/benchmarks.md, import_rows_per_s). Here the server's connection
 * never checkpoints (`wal_autocheckpoint = 0`) while the thread's own connection copies what was
 * committed, on the other core. Commits stay durable: they are fsynced in the log as before.
 *
 * If the thread ends for any reason but stop(), the server's connection goes back to checkpointing
 * for itself, so the log can never grow without end.
 */
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** How often the thread checkpoints: an idle round only reads the log's header. */
export const CHECKPOINT_EVERY_MS = 200;
/** SQLite's own threshold, in pages, restored if the thread ends. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

// Compiled (packages/server/dist), the worker is a bundle of its own beside this code; run from the
// TypeScript sources (vitest, tsx), the boot file registers the TypeScript loader first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./wal-checkpointer.worker-boot.mjs', import.meta.url)
  : new URL('./wal-checkpointer.worker.js', import.meta.url);

export type WalCheckpointer = {
  /** Whether the thread is running (false once it ended, and the connection checkpoints for itself). */
  readonly running: () => boolean;
  /** Copies what is left in the log and ends the thread: before the server's connection closes. */
  readonly stop: () => Promise<void>;
};

export function startWalCheckpointer(file: string, sqlite: SqliteDatabase.Database, everyMs = CHECKPOINT_EVERY_MS): WalCheckpointer {
  sqlite.pragma('wal_autocheckpoint = 0');
  // execArgv empty: the boot file registers the TypeScript loader itself, whatever the parent had.
  const worker = new Worker(WORKER_ENTRY, { execArgv: [], workerData: { file, everyMs } });
  // The thread does not keep the process alive: a command that forgets to close still exits.
  worker.unref();
  let running = true;
  let stopping = false;
  const ended = new Promise<void>((resolve) => {
    worker.on('exit', () => {
      running = false;
      if (!stopping && sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
      resolve();
    });
  });
  // A failure is followed by 'exit', which hands checkpoints back to the connection.
  worker.on('error', () => undefined);
  return {
    running: () => running,
    stop: async () => {
      if (!running) return;
      stopping = true;
      // Kept alive until the thread has closed: nothing else may be left to hold the process open.
      worker.ref();
      worker.postMessage('stop');
      await ended;
    },
  };
}
