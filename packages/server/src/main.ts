import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import type { Lifecycle } from './http/types.js';
import { startCaseRetentionSchedule } from './modules/cases/index.js';
import { backupFinished, startBackupSchedule } from './modules/operations/index.js';

// Requests still running after this long are cut off, so that a stuck one cannot block a restart.
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * Opens and migrates the database, then serves until SIGINT/SIGTERM. On a signal it reports "not
 * ready" and drains for SHUTDOWN_DRAIN_SECONDS, then stops taking connections, lets every request it
 * has received finish, closes the database and exits 0.
 */
export async function serve(config: Config = loadConfig()): Promise<void> {
  // The server's commits never wait for a checkpoint: a thread of its own does them (wal-checkpointer.ts).
  let warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`);
  const handle = openDatabase(config, {
    checkpointInBackground: true,
    onCheckpointerEnd: (reason) => warn(`the WAL checkpointer thread ended (${reason}); commits checkpoint for themselves from now on`),
  });
  await migrateToLatest(handle.db);
  const lifecycle: Lifecycle = { shuttingDown: false };
  const app = await createApp({ config, db: handle.db, engine: handle.engine, lifecycle }, { logger: { level: config.logLevel } });
  warn = (message) => app.log.warn(message);
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: handle.engine }, `Hifazat listening on ${address}`);
  const stopSchedule = startBackupSchedule(config, app.log);
  // Daily, on both engines: closed cases past CASE_RETENTION_YEARS lose what identifies the person.
  const stopRetention = startCaseRetentionSchedule(handle.db, config, app.log);
  const stop = async (signal: string) => {
    if (lifecycle.shuttingDown) return;
    lifecycle.shuttingDown = true;
    app.log.info({ signal, drainMs: config.shutdownDrainMs }, 'shutting down: not ready any more, still serving while draining');
    const cutOff = setTimeout(() => {
      app.log.error('requests still running after the grace period; exiting');
      process.exit(1);
    }, config.shutdownDrainMs + SHUTDOWN_GRACE_MS);
    cutOff.unref();
    stopSchedule();
    // A retention run stops after the case it is on (each case is its own transaction); awaited before the database closes.
    const retentionStopped = stopRetention();
    await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs));
    app.log.info('closing: no new connections; finishing requests in flight');
    await app.close();
    // A backup running in a child process finishes (within the grace period) rather than being cut off.
    await backupFinished();
    await retentionStopped;
    await handle.close();
    app.log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
