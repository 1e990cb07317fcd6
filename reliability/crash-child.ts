// Child process of the crash-safety suite: imports one participant list into a SQLite database,
// saying "start" just before the import and "committed" after it. The parent kills it in between.
import fs from 'node:fs';
import { openSqlite, parseImportFile, importParticipants } from '../packages/server/src/testing.js';

const [dbFile, eventId, csvFile, actorId] = process.argv.slice(2);
if (!dbFile || !eventId || !csvFile || !actorId) throw new Error('usage: crash-child <db> <event> <csv> <actor>');

const say = (word: string) => new Promise<void>((resolve) => process.stdout.write(`${word}\n`, () => resolve()));

// As the server opens it (main.ts): a thread copies the log into the file while the import runs and after it commits.
const handle = openSqlite(dbFile, { checkpointInBackground: true });
const parsed = await parseImportFile(fs.readFileSync(csvFile), 'list.csv');
await say('start');
const report = await importParticipants(
  handle.db,
  { id: actorId, name: 'Crash test', email: 'crash@hifazat.example', role: 'admin', countries: null },
  eventId,
  parsed,
  false,
);
await say(`committed ${report.errors.length}`);
await handle.close();
