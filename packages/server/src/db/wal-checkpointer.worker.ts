/**
 * The WAL checkpointer's thread (wal-checkpointer.ts): its own connection to the SQLite file, which
 * copies committed pages from the write-ahead log into the database every CHECKPOINT_EVERY_MS.
 * PASSIVE: it never waits for the server's connection nor makes it wait; pages a reader still needs,
 * or a transaction has not committed, are left for the next round.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

if (!parentPort) throw new Error('wal-checkpointer.worker.ts runs only as a worker thread');
const port = parentPort;
const { file, everyMs } = workerData as { file: string; everyMs: number };

const sqlite = new SqliteDatabase(file, { fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
// The pages it copies are made durable in the database file before the log is reused.
sqlite.pragma('synchronous = FULL');

const checkpoint = (): void => {
  try {
    sqlite.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // Another connection's checkpoint (a backup's, say) holds the log for now: the next round copies.
    // Anything else ends the thread, and the server's connection checkpoints for itself again.
    const code = (error as { code?: unknown }).code;
    if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw error;
  }
};

const timer = setInterval(checkpoint, everyMs);

port.on('message', (message: 'stop') => {
  if (message !== 'stop') return;
  clearInterval(timer);
  // What the server committed last is copied before it closes (its own close would do it otherwise).
  checkpoint();
  sqlite.close();
  port.postMessage('stopped');
  port.close();
});
