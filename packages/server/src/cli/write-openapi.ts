/**
 * Writes docs/openapi.json from the routes the server registers: `npm run openapi:write`.
 * A test compares the served document with the committed file, so run this after changing a route.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openSqlite } from '../db/database.js';

export const OPENAPI_FILE = path.resolve(import.meta.dirname, '../../../../docs/openapi.json');

/** The document as committed: 2-space JSON and a final newline. */
export const formatOpenApi = (document: unknown): string => `${JSON.stringify(document, null, 2)}\n`;

async function main(): Promise<void> {
  // The document depends on the routes only: an empty in-memory database is enough to build the app.
  const handle = openSqlite(':memory:');
  try {
    const config = loadConfig({ DATA_DIR: path.join(import.meta.dirname, 'unused'), WEB_DIST: path.join(import.meta.dirname, 'no-web-dist') });
    const app = await createApp({ config, db: handle.db, engine: handle.engine });
    await app.ready();
    const document = app.swagger();
    await app.close();
    fs.mkdirSync(path.dirname(OPENAPI_FILE), { recursive: true });
    fs.writeFileSync(OPENAPI_FILE, formatOpenApi(document));
    console.log(`Wrote ${path.relative(process.cwd(), OPENAPI_FILE)}`);
  } finally {
    await handle.close();
  }
}

await main();
