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
/**
 * Past this many pages in the log (64 MB of 4 KB pages), the server's connection copies what is left
 * itself, between two writes, so that its next write starts the log again (see the worker): the
 * bound on the log under writes that never pause. A larger transaction (a 50,000-row import writes
 * about 100 MB) is copied by the thread's round first; little is left for the connection.
 */
export const RESTART_AT_FRAMES = 16_384;
/** What the log file is cut back to when it starts again (SQLite keeps it at its largest otherwise). */
const LOG_FILE_LIMIT_BYTES = 64 * 1024 * 1024;
/** SQLite's own threshold, in pages, restored if the thread ends. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

// Compiled (packages/server/dist), the worker is a bundle of its own beside this code; run from the
// TypeScript sources (vitest, tsx), the boot file registers the TypeScript loader first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./wal-checkpointer.worker-boot.mjs', import.meta.url)
  : new URL('./wal-checkpointer.worker.js', import.meta.url);

export type WalCheckpointer = {
  /** Settled once the thread has opened its connection and runs its rounds (or has ended). */
  readonly ready: Promise<void>;
  /** To be called after each COMMIT on the connection: copies the rest if the thread asked meanwhile. */
  readonly afterCommit: () => void;
  /** Whether the thread is running (false once it ended, and the connection checkpoints for itself). */
  readonly running: () => boolean;
  /** Copies what is left in the log and ends the thread: before the server's connection closes. */
  readonly stop: () => Promise<void>;
};

export type CheckpointerOptions = {
  everyMs?: number;
  restartAtFrames?: number;
  /** Told when the thread ended by itself (the connection checkpoints for itself from then on), with the reason. */
  onEnd?: (reason: string) => void;
};

export function startWalCheckpointer(file: string, sqlite: SqliteDatabase.Database, options: CheckpointerOptions = {}): WalCheckpointer {
  const { everyMs = CHECKPOINT_EVERY_MS, restartAtFrames = RESTART_AT_FRAMES, onEnd } = options;
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.pragma(`journal_size_limit = ${LOG_FILE_LIMIT_BYTES}`);
  // The thread's request to copy the rest, as a flag in shared memory rather than only a message:
  // afterCommit reads it at once. A message waits for the event loop to turn, and requests whose
  // awaits all resolve at once (a loop of writes, a burst of them) never let it turn: the log then
  // grew without end (418 MB in 40 s of back-to-back writes, each commit extending the file).
  const copyRestAsked = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  // execArgv empty: the boot file registers the TypeScript loader itself, whatever the parent had.
  const worker = new Worker(WORKER_ENTRY, { execArgv: [], workerData: { file, everyMs, restartAtFrames, copyRestAsked } });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  // Done between two transactions, never inside one (another request's, between its awaits): then
  // after that transaction's COMMIT (afterCommit). The flag stays set if another checkpoint (the
  // thread's own round, a backup's) held the log: the next commit tries again.
  const copyRest = (): void => {
    if (!sqlite.open || sqlite.inTransaction) return;
    try {
      const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number }>;
      if (result?.busy === 0) Atomics.store(copyRestAsked, 0, 0);
    } catch {
      // A statement still being read (an open iterator), a full disk: the next commit tries again.
    }
  };
  worker.on('message', (message: 'ready' | 'copy-rest' | 'stopped') => {
    if (message === 'ready') markReady();
    if (message === 'copy-rest') copyRest();
  });
  // The thread does not keep the process alive: a command that forgets to close still exits.
  worker.unref();
  let running = true;
  let stopping = false;
  let failure = 'it exited';
  const ended = new Promise<void>((resolve) => {
    worker.on('exit', () => {
      running = false;
      if (!stopping) {
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
        onEnd?.(failure);
      }
      resolve();
    });
  });
  // A failure is followed by 'exit', which hands checkpoints back to the connection.
  worker.on('error', (error: unknown) => {
    // Errors from a thread arrive as copies: an Error, or only the SQLite error's code.
    const { name, message, code } = error as { name?: unknown; message?: unknown; code?: unknown };
    if (typeof message === 'string') failure = `${typeof name === 'string' ? name : 'Error'}: ${message}`;
    else if (typeof code === 'string') failure = code;
  });
  // A thread that ends before it was ready is ready too: nothing more will come of it.
  void ended.then(markReady);
  return {
    ready,
    afterCommit: () => {
      if (Atomics.load(copyRestAsked, 0) === 1) copyRest();
    },
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
