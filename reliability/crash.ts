import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, loadConfig, openSqlite, migrateToLatest, sqliteIntegrity, createUser, seededRandom } from '../packages/server/src/testing.js';
import type { ReliabilitySuite } from './lib/check.js';
import { participantCsv, REPO } from './lib/server.js';

const CHILD = path.join(REPO, 'reliability/crash-child.ts');
const ROWS = 2000;

type Outcome = { participations: number; people: number; integrityProblems: number };

/** Creates the database with an admin, a programme and `events` empty events, through the app itself. */
async function prepare(file: string, events: number): Promise<{ actorId: string; eventIds: string[] }> {
  const handle = openSqlite(file);
  try {
    await migrateToLatest(handle.db);
    const admin = await createUser(handle.db, null, {
      email: 'crash.admin@hifazat.example',
      name: 'Crash admin',
      role: 'admin',
      password: 'crash-test-password',
      countries: null,
    });
    const app = await createApp({ config: loadConfig({ DATA_DIR: path.dirname(file), WEB_DIST: '/nonexistent' }), db: handle.db, engine: 'sqlite' });
    try {
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'crash.admin@hifazat.example', password: 'crash-test-password' },
      });
      const cookie = `hifazat_session=${login.cookies.find((c) => c.name === 'hifazat_session')?.value ?? ''}`;
      const programme = (
        await app.inject({ method: 'POST', url: '/api/programmes', headers: { cookie }, payload: { name: 'Crash programme', donor: 'EU', countries: ['PK'] } })
      ).json<{ id: string }>();
      const eventIds: string[] = [];
      for (let i = 0; i < events; i += 1) {
        const response = await app.inject({
          method: 'POST',
          url: '/api/events',
          headers: { cookie },
          payload: {
            programmeId: programme.id,
            title: `Crash event ${i}`,
            type: 'training',
            startDate: '2026-01-10',
            endDate: '2026-01-11',
            city: 'Lahore',
            province: 'Punjab',
            countryCode: 'PK',
          },
        });
        if (response.statusCode !== 201) throw new Error(`event: ${response.statusCode} ${response.body}`);
        eventIds.push(response.json<{ id: string }>().id);
      }
      return { actorId: admin.id, eventIds };
    } finally {
      await app.close();
    }
  } finally {
    await handle.close();
  }
}

/** Opens the database as the server would after a power cut (WAL recovery) and reads what one batch left. */
async function inspect(file: string, eventId: string, batch: number): Promise<Outcome> {
  const handle = openSqlite(file);
  try {
    const integrity = await sqliteIntegrity(handle.db);
    const participations = await handle.db
      .selectFrom('participations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('event_id', '=', eventId)
      .executeTakeFirstOrThrow();
    const people = await handle.db
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email_normalized', 'like', `b${batch}.%`)
      .executeTakeFirstOrThrow();
    return {
      participations: Number(participations.n),
      people: Number(people.n),
      integrityProblems: integrity.problems.length + integrity.foreignKeyViolations,
    };
  } finally {
    await handle.close();
  }
}

/** Runs the child; kills it `killAfterMs` after it says "start" (never, when undefined). Resolves with how long the import ran and whether it committed. */
function runChild(
  file: string,
  eventId: string,
  csv: string,
  actorId: string,
  killAfterMs: number | undefined,
): Promise<{ importMs: number; committed: boolean; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, eventId, csv, actorId], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let started = 0;
    let committed = false;
    let killed = false;
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('start') && started === 0) {
        started = performance.now();
        if (killAfterMs !== undefined) {
          setTimeout(() => {
            if (child.exitCode === null) {
              killed = child.kill('SIGKILL');
            }
          }, killAfterMs);
        }
      }
      if (chunk.includes('committed')) committed = true;
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`crash child failed (${code}): ${errors.slice(0, 500)}`));
      else resolve({ importMs: started ? performance.now() - started : 0, committed, killed });
    });
  });
}

/**
 * Crash safety, after SQLite's own crash tests: a child process imports a participant list and is
 * killed with SIGKILL at a random moment of the import; the database must then pass its integrity
 * check and hold the whole list or none of it, and every earlier import must be as it was.
 */
export const crashSuite: ReliabilitySuite = async ({ log, quick }) => {
  const kills = quick ? 12 : 60;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-crash-'));
  const file = path.join(dir, 'hifazat.sqlite');
  const started = performance.now();
  try {
    const { actorId, eventIds } = await prepare(file, kills + 1);
    const random = seededRandom(20261123);
    // Calibrate: one import without a kill tells how long the window is.
    const csv0 = path.join(dir, 'batch-0.csv');
    fs.writeFileSync(csv0, participantCsv(0, ROWS));
    const calibration = await runChild(file, eventIds[0] ?? '', csv0, actorId, undefined);
    const first = await inspect(file, eventIds[0] ?? '', 0);
    if (!calibration.committed || first.participations !== ROWS)
      throw new Error(`the calibration import did not import ${ROWS} rows (${first.participations})`);
    log(`  crash: an uninterrupted import of ${ROWS} rows takes ${calibration.importMs.toFixed(0)} ms; killing ${kills} imports at random moments in it`);

    const expected = new Map<number, number>([[0, ROWS]]);
    let whole = 0;
    let none = 0;
    let partial = 0;
    let integrityFailures = 0;
    let earlierChanged = 0;
    let killedDuringImport = 0;
    const examples: string[] = [];
    for (let batch = 1; batch <= kills; batch += 1) {
      const csv = path.join(dir, `batch-${batch}.csv`);
      fs.writeFileSync(csv, participantCsv(batch, ROWS));
      const eventId = eventIds[batch] ?? '';
      const delay = random.next() * calibration.importMs * 1.15;
      const run = await runChild(file, eventId, csv, actorId, delay);
      fs.rmSync(csv);
      if (run.killed && !run.committed) killedDuringImport += 1;
      const outcome = await inspect(file, eventId, batch);
      if (outcome.integrityProblems > 0) integrityFailures += 1;
      if (outcome.participations === ROWS && outcome.people === ROWS) whole += 1;
      else if (outcome.participations === 0 && outcome.people === 0) none += 1;
      else {
        partial += 1;
        examples.push(`batch ${batch}: ${outcome.participations} participations, ${outcome.people} people after a kill at ${delay.toFixed(0)} ms`);
      }
      if (run.committed && outcome.participations !== ROWS) examples.push(`batch ${batch}: said committed but holds ${outcome.participations}`);
      expected.set(batch, outcome.participations);
      // Every earlier batch is as it was found (a later crash must not undo an earlier commit).
      if (batch % 10 === 0 || batch === kills) {
        for (const [earlier, count] of expected) {
          if (earlier === batch) continue;
          const again = await inspect(file, eventIds[earlier] ?? '', earlier);
          if (again.participations !== count) {
            earlierChanged += 1;
            examples.push(`batch ${earlier}: had ${count}, now ${again.participations}`);
          }
        }
      }
    }
    const passed = partial === 0 && integrityFailures === 0 && earlierChanged === 0 && killedDuringImport > 0;
    return [
      {
        name: 'crash safety (SQLite, SIGKILL during import)',
        passed,
        figures: {
          kills,
          'killed mid-import': killedDuringImport,
          'imports found whole': whole,
          'imports found none': none,
          'imports found partial': partial,
          'integrity check failures': integrityFailures,
          'earlier imports changed': earlierChanged,
          'rows per import': ROWS,
          'import ms': Math.round(calibration.importMs),
          seconds: Math.round((performance.now() - started) / 1000),
        },
        detail: examples.length > 0 ? examples.slice(0, 5).join('; ') : killedDuringImport === 0 ? 'no kill landed inside an import' : undefined,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
};
