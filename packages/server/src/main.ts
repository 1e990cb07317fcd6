import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';

/** Opens and migrates the database, then serves until SIGINT/SIGTERM, finishing requests in flight. */
export async function serve(config: Config = loadConfig()): Promise<void> {
  const handle = openDatabase(config);
  await migrateToLatest(handle.db);
  const app = await createApp({ config, db: handle.db, engine: handle.engine }, { logger: { level: config.logLevel } });
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: handle.engine }, `Hifazat listening on ${address}`);
  const stop = async (signal: string) => {
    app.log.info(`${signal}: finishing requests in flight`);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
