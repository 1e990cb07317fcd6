/**
 * The WAL checkpointer's thread (wal-checkpointer.ts): its own connection to the SQLite file, which
 * copies committed pages from the write-ahead log into the database every `everyMs`.
 *
 * PASSIVE rounds never wait for the server's connection nor make it wait; pages a reader still
 * needs, or a transaction has not committed, are left for the next round. But SQLite starts the log
 * again from its beginning only when a write begins while every page of it is copied, and under
 * writes that never pause a round never ends in that state: the log grew without end (458 MB beside
 * a 31 MB database in 80 s of eight writers, found by the review of this thread). So once the log
 * holds `restartAtFrames` pages, the round asks the server's connection to copy the rest itself
 * (`copyRestAsked`, and a `copy-rest` message), between two of its writes: little is left by then, and its next write starts the
 * log again.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

if (!parentPort) throw new Error('wal-checkpointer.worker.ts runs only as a worker thread');
const port = parentPort;
const { file, everyMs, restartAtFrames, copyRestAsked } = workerData as { file: string; everyMs: number; restartAtFrames: number; copyRestAsked: Int32Array };

const sqlite = new SqliteDatabase(file, { fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
// The pages it copies are made durable in the database file before the log is reused.
sqlite.pragma('synchronous = FULL');

/**
 * Failures that pass: another connection's checkpoint (a backup's) holds the log (BUSY, LOCKED), or
 * the disk is full or failing for now (FULL, IOERR): the next round tries again. Anything else ends
 * the thread, and the server's connection checkpoints for itself again.
 */
const PASSING = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/;

const checkpoint = (): void => {
  try {
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
    if ((result?.log ?? 0) >= restartAtFrames) {
      // Read by the connection after its next commit; the message is for a connection that is idle.
      Atomics.store(copyRestAsked, 0, 1);
      port.postMessage('copy-rest');
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !PASSING.test(code)) throw error;
  }
};

const timer = setInterval(checkpoint, everyMs);
port.postMessage('ready');

port.on('message', (message: 'stop') => {
  if (message !== 'stop') return;
  clearInterval(timer);
  // What the server committed last is copied before it closes (its own close would do it otherwise).
  checkpoint();
  sqlite.close();
  port.postMessage('stopped');
  port.close();
});
