import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../packages/server/src/testing.js';
import type { CheckResult, ReliabilitySuite } from './lib/check.js';
import { ADMIN, addAdmin, Client, hifazat, participantCsv, scratchDatabase, startServer } from './lib/server.js';

// Large enough that the import outlasts the drain second on a fast machine.
const ROWS = 20_000;
const READERS = 10;
type Outcome = 'ok' | 'refused' | 'broken';

/** A request's fate: answered 2xx, turned away at the door (503, or the connection refused/closed unread), or anything else. */
async function fate(request: Promise<{ status: number }>): Promise<Outcome> {
  try {
    const { status } = await request;
    return status >= 200 && status < 300 ? 'ok' : status === 503 ? 'refused' : 'broken';
  } catch (error) {
    const code = error instanceof Error && error.cause instanceof Error ? (error.cause as NodeJS.ErrnoException).code : undefined;
    return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' ? 'refused' : 'broken';
  }
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = performance.now() + ms;
  while (!condition() && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
}

/**
 * Graceful shutdown: SIGTERM while a large import is in flight and reads keep arriving. The import
 * must finish (2xx, every row stored); reads sent before and during the drain are all answered 2xx;
 * once the server says it is closing, a new request is turned away; the exit code is 0.
 */
async function shutdownDuringWork(engine: 'sqlite' | 'postgres', postgresUrl: string | undefined): Promise<CheckResult> {
  const db = await scratchDatabase(engine, postgresUrl, 'shutdown');
  try {
    await hifazat(['migrate'], db.env);
    await addAdmin(db.env);
    const server = await startServer(db.env);
    try {
      const client = new Client(server.url);
      await client.signIn(ADMIN.email, ADMIN.password);
      const eventId = await client.makeEvent('Shutdown', { city: 'Karachi', province: 'Sindh' });
      const importing = fate(client.upload(`/api/events/${eventId}/participants/import?dryRun=false`, 'list.csv', participantCsv(7, ROWS)));
      const reads: Promise<Outcome>[] = [];
      const reading = (async () => {
        for (let i = 0; i < READERS; i += 1) {
          reads.push(fate(client.request('GET', '/api/reports/programme?from=2020-01-01&to=2026-12-31')));
          await new Promise((resolve) => setTimeout(resolve, 15));
        }
      })();
      // Let the upload reach the server and the reads go out, then ask it to stop while it imports.
      await reading;
      const signalled = performance.now();
      server.child.kill('SIGTERM');
      const announced = await waitFor(() => server.logLines().some((line) => line.includes('closing: no new connections')), 20_000);
      const late = announced ? await fate(client.request('GET', '/api/health/live')) : 'broken';
      const importOutcome = await importing;
      const readOutcomes = await Promise.all(reads);
      const exitCode = await server.exited;
      const shutdownMs = performance.now() - signalled;
      // It exited after closing its database, not before: the log says so, and on SQLite the last
      // connection's close left no write-ahead log (the checkpointer thread had closed first).
      const closedCleanly = server.logLines().some((line) => line.includes('"msg":"stopped"'));
      const walLeft = engine === 'sqlite' && fs.existsSync(path.join(db.env.DATA_DIR, 'hifazat.sqlite-wal'));
      const handle = openDatabase({ dataDir: db.env.DATA_DIR, databaseUrl: db.env.DATABASE_URL || undefined });
      let stored = 0;
      try {
        stored = Number(
          (
            await handle.db
              .selectFrom('participations')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('event_id', '=', eventId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      } finally {
        await handle.close();
      }
      const count = (o: Outcome) => readOutcomes.filter((r) => r === o).length;
      // The server's own log shows the import answered after it began closing: it was in flight then.
      const closingLine = server.logLines().findIndex((line) => line.includes('closing: no new connections'));
      const importLine = server.logLines().findIndex((line) => line.includes('/participants/import') && line.includes('"status":200'));
      const importSpannedClose = closingLine >= 0 && importLine > closingLine;
      return {
        name: `graceful shutdown (${engine})`,
        // SQLite works synchronously: the signal is handled once the import's statements are done, so
        // only PostgreSQL can show an import still running when closing begins.
        passed:
          importOutcome === 'ok' &&
          (importSpannedClose || engine === 'sqlite') &&
          stored === ROWS &&
          count('ok') === READERS &&
          late === 'refused' &&
          exitCode === 0 &&
          closedCleanly &&
          !walLeft,
        figures: {
          'import in flight when the server closed': importSpannedClose
            ? 'yes'
            : engine === 'sqlite'
              ? 'no (SQLite runs it synchronously: the signal waits for it)'
              : 'no',
          'import answer': importOutcome === 'ok' ? '2xx' : importOutcome,
          'import rows stored': stored,
          'reads sent before SIGTERM': READERS,
          'reads answered 2xx': count('ok'),
          'reads turned away': count('refused'),
          'reads cut or failed': count('broken'),
          'request after "closing"': late === 'refused' ? 'turned away' : late,
          'exit code': String(exitCode),
          'database closed before exit': closedCleanly ? 'yes' : 'no',
          'write-ahead log left behind': walLeft ? 'yes' : 'no',
          'shutdown ms': Math.round(shutdownMs),
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}

export const shutdownSuite: ReliabilitySuite = async ({ postgresUrl }) => {
  const results = [await shutdownDuringWork('sqlite', postgresUrl)];
  if (postgresUrl) results.push(await shutdownDuringWork('postgres', postgresUrl));
  return results;
};
