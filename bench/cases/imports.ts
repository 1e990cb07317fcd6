import { spawnSync } from 'node:child_process';
import {
  parseImportFile,
  importParticipants,
  newId,
  normalizeEmail,
  normalizePhone,
  normalizeText,
  personNameKey,
  type Db,
  type Actor,
} from '../../packages/server/src/testing.js';
import { PARTICIPATION_COLUMNS, PERSON_COLUMNS, type Generated } from '../lib/generate.js';
import { median, throughputResult, type Result } from '../lib/measure.js';
import { Rng } from '../lib/prng.js';
import type { RawDb } from '../lib/raw.js';
import { DESIGNATIONS, FEMALE_FIRST, LAST, MALE_FIRST, MIDDLE, PROVINCES, PROVINCE_WEIGHTS } from '../lib/reference.js';

type Row = {
  fullName: string;
  sex: string;
  sexText: string;
  org: Generated['organizations'][number] | null;
  designation: string | null;
  province: string;
  district: string;
  phone: string;
  email: string | null;
  birthYear: number | null;
};

/** A family name added to every name of a later round, so that no name matches one of an earlier round's sheet. */
const ROUND_NAMES = ['Qureshi', 'Siddiqui', 'Abbasi', 'Durrani', 'Lodhi', 'Niazi', 'Kazmi', 'Yousafzai'];

/**
 * A sign-in sheet of `n` new people: three-part names (never in the generated register, so every row
 * creates a person), unique phones, an existing organisation for most rows, sex written several ways.
 * Round 0 is the sheet of every earlier stop; each later round's names carry a family name of its
 * own and its phones and emails another prefix, so that it creates `n` people again in a register
 * that holds the earlier rounds' people.
 */
export function importSheet(generated: Generated, n: number, round = 0): { csv: Buffer; rows: Row[] } {
  if (round > ROUND_NAMES.length) throw new Error(`importSheet: at most ${ROUND_NAMES.length + 1} rounds`);
  const rng = new Rng(4242 + round);
  const roundName = round === 0 ? '' : ` ${ROUND_NAMES[round - 1]}`;
  const rows: Row[] = [];
  const lines = ['Name,Gender,Organisation,Designation,Province,District,Mobile,Email,Year of birth,Attended'];
  const quote = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  for (let i = 0; i < n; i += 1) {
    const sex = rng.weighted({ male: 78, female: 20, other: 1, unknown: 1 });
    const first = sex === 'female' ? rng.pick(FEMALE_FIRST) : rng.pick(MALE_FIRST);
    const fullName = `${first} ${rng.pick(MIDDLE)} ${rng.pick(LAST)}${roundName}`;
    const sexText = sex === 'male' ? rng.pick(['Male', 'M', 'male']) : sex === 'female' ? rng.pick(['Female', 'F', 'female']) : sex === 'other' ? 'Other' : '';
    const org = rng.chance(0.9) ? rng.pick(generated.organizations) : null;
    const province = rng.weighted(PROVINCE_WEIGHTS);
    const row: Row = {
      fullName,
      sex,
      sexText,
      org,
      designation: org ? rng.pick(DESIGNATIONS[org.type]) : null,
      province,
      district: rng.pick(PROVINCES[province].cities),
      phone: `03${45 + round}-${String(i).padStart(7, '0')}`,
      email: rng.chance(0.5) ? `${fullName.replace(/ /g, '.').toLowerCase()}.${i}@example.org` : null,
      birthYear: rng.chance(0.7) ? rng.int(1965, 2003) : null,
    };
    rows.push(row);
    lines.push(
      [row.fullName, row.sexText, row.org?.name ?? null, row.designation, row.province, row.district, row.phone, row.email, row.birthYear, 'yes']
        .map(quote)
        .join(','),
    );
  }
  return { csv: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), rows };
}

async function insertEmptyEvent(db: Db, generated: Generated, title: string): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  await db
    .insertInto('events')
    .values({
      id,
      programme_id: generated.programmeIds[0] as string,
      title,
      title_normalized: normalizeText(title),
      type: 'training',
      series: null,
      start_date: '2025-06-10',
      end_date: '2025-06-12',
      city: 'Lahore',
      province: 'Punjab',
      country_code: 'PK',
      venue: null,
      status: 'held',
      learning_objectives: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/**
 * Lets the disk finish what came before: the register was built (1.5 GB at full scale) just before
 * this case, and the commit's fsync otherwise waited behind the kernel writing that out (about 2 s
 * of the app's 9 s in one run; the baseline, measured second, found it written). On SQLite the WAL is
 * checkpointed into the file first, as a long-running server's would have been.
 */
async function settle(raw: RawDb): Promise<void> {
  if (raw.engine === 'sqlite') await raw.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  spawnSync('sync');
}

/**
 * The app: parse the CSV and import it for real into an empty event of the full register.
 * The baseline: the same people and participations written with prepared statements in one
 * transaction, rows built beforehand (the floor for writing this data, with no checking at all).
 * `rounds` sheets, app and baseline in turn, each round into events of its own: the figures are the
 * medians, as for the other benchmarks, since one import is one sample of a machine whose speed
 * swings by a third from minute to minute (docs/benchmarks.md, import_rows_per_s).
 */
export async function benchImport(
  db: Db,
  raw: RawDb,
  actor: Actor,
  generated: Generated,
  n: number,
  rounds: number,
  log: (line: string) => void,
): Promise<Result[]> {
  const appSeconds: number[] = [];
  const baseSeconds: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const { app, baseline } = await importRound(db, raw, actor, generated, n, round, log);
    appSeconds.push(app);
    baseSeconds.push(baseline);
  }
  if (rounds > 1) {
    const list = (seconds: number[]) => seconds.map((s) => `${Math.round(n / s)}`).join(' / ');
    log(`import: ${list(appSeconds)} rows/s; baseline ${list(baseSeconds)} rows/s (medians below)`);
  }
  return [throughputResult('import_rows_per_s', n / median(appSeconds), n / median(baseSeconds), 'rows/s')];
}

async function importRound(
  db: Db,
  raw: RawDb,
  actor: Actor,
  generated: Generated,
  n: number,
  round: number,
  log: (line: string) => void,
): Promise<{ app: number; baseline: number }> {
  const { csv, rows } = importSheet(generated, n, round);
  const appEvent = await insertEmptyEvent(db, generated, `Bench import (app) ${round + 1}`);
  const baseEvent = await insertEmptyEvent(db, generated, `Bench import (baseline) ${round + 1}`);

  await settle(raw);
  const started = performance.now();
  const parsed = await parseImportFile(csv, 'participants.csv');
  const report = await importParticipants(db, actor, appEvent, parsed, false);
  const appSeconds = (performance.now() - started) / 1000;
  if (report.createdPeople !== n || report.addedParticipants !== n || report.errors.length > 0) {
    throw new Error(
      `import_rows_per_s: expected ${n} new people, got ${JSON.stringify({ ...report, errors: report.errors.slice(0, 3), duplicates: report.duplicates.length })}`,
    );
  }
  log(
    `import ${round + 1}: ${n} rows (${(csv.length / 1e6).toFixed(1)} MB CSV) → ${report.createdPeople} people created and listed in ${appSeconds.toFixed(2)} s`,
  );
  const now = new Date().toISOString();
  const people: unknown[][] = [];
  const places: unknown[][] = [];
  for (const r of rows) {
    const id = newId();
    const email = normalizeEmail(r.email);
    people.push([
      id,
      r.fullName,
      normalizeText(r.fullName),
      personNameKey(r.fullName),
      r.sex,
      r.birthYear,
      r.org?.id ?? null,
      r.designation,
      r.province,
      r.district,
      r.phone,
      normalizePhone(r.phone),
      email,
      email,
      'PK',
      now,
      now,
    ]);
    places.push([
      newId(),
      baseEvent,
      id,
      'participant',
      true,
      0,
      true,
      r.sex,
      r.org?.type ?? null,
      '2025-06-10',
      'Punjab',
      'training',
      'held',
      'PK',
      generated.programmeIds[0],
      now,
      now,
    ]);
  }
  const insertPerson = `INSERT INTO people (${PERSON_COLUMNS.join(', ')}) VALUES (${PERSON_COLUMNS.map(() => '?').join(', ')})`;
  const insertPlace = `INSERT INTO participations (${PARTICIPATION_COLUMNS.join(', ')}) VALUES (${PARTICIPATION_COLUMNS.map(() => '?').join(', ')})`;
  await settle(raw);
  const baseStarted = performance.now();
  await raw.transaction(async (run) => {
    for (const p of people) await run(insertPerson, p);
    for (const p of places) await run(insertPlace, p);
  });
  const baseSeconds = (performance.now() - baseStarted) / 1000;
  log(`import ${round + 1} baseline: ${n} people + ${n} participations inserted in ${baseSeconds.toFixed(2)} s`);
  return { app: appSeconds, baseline: baseSeconds };
}
