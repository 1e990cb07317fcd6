import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { engineOf } from '../../db/dialect.js';
import type { RegisterKeys } from './imports.plan.js';

/** Keys per `IN` list: well under SQLite's and PostgreSQL's limits on bound values. */
const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

const registerColumns = [
  'id',
  'full_name',
  'name_key',
  'organization_id',
  'designation',
  'sex',
  'phone',
  'email',
  'phone_normalized',
  'email_normalized',
  'country_code',
] as const;

/**
 * The registered people who share a name key, phone or email with the file, with their match keys
 * and what a candidate shows. One indexed lookup per key kind and chunk (people_name_key_idx,
 * people_phone_idx, people_email_idx), each person once.
 */
export async function registerPeopleMatching(db: Db, keys: RegisterKeys) {
  const readBy = (column: 'name_key' | 'phone_normalized' | 'email_normalized', values: string[]) =>
    db.selectFrom('people').select(registerColumns).where(column, 'in', values).execute();
  type Person = Awaited<ReturnType<typeof readBy>>[number];
  const found = new Map<string, Person>();
  for (const [column, values] of [
    ['name_key', keys.nameKeys],
    ['phone_normalized', keys.phones],
    ['email_normalized', keys.emails],
  ] as const) {
    for (const chunk of chunks(values)) {
      for (const person of await readBy(column, chunk)) found.set(person.id, person);
      // SQLite answers at once, and awaiting an answered query never lets the server's other
      // requests in: a 90,000-row file's 540 lookups held every request for 100–250 ms.
      await nextTurn();
    }
  }
  return [...found.values()];
}

/**
 * Events each of these people attended (by the stored rule, see participations.recountAttendance)
 * in the countries given (null: all); absent: none. A user is told only of events they may see.
 */
export async function attendedEventCounts(db: Db, personIds: readonly string[], countries: readonly string[] | null): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (countries?.length === 0) return counts;
  for (const chunk of chunks(personIds)) {
    let query = db
      .selectFrom('participations')
      .select((eb) => ['person_id', eb.fn.countAll<number | string>().as('n')])
      .where('person_id', 'in', chunk)
      .where('attended', '=', true);
    if (countries) query = query.where('event_country', 'in', countries);
    const rows = await query.groupBy('person_id').execute();
    for (const r of rows) counts.set(r.person_id, Number(r.n));
  }
  return counts;
}

/** Which of these people still exist, with their names and countries: a plan made from a snapshot is checked again before it is written. */
export async function existingPeople(db: Db, ids: string[]): Promise<Map<string, { name: string; countryCode: string | null }>> {
  const found = new Map<string, { name: string; countryCode: string | null }>();
  for (const chunk of chunks(ids)) {
    const rows = await db.selectFrom('people').select(['id', 'full_name', 'country_code']).where('id', 'in', chunk).execute();
    for (const r of rows) found.set(r.id, { name: r.full_name, countryCode: r.country_code });
  }
  return found;
}

/**
 * Makes imports write one at a time, until the caller's transaction ends: each checks the register
 * against its snapshot and then adds people, and two doing that at once each added the same new
 * person. PostgreSQL: a transaction-scoped advisory lock (the number is Hifazat's own). SQLite runs
 * one write transaction at a time already.
 */
export async function takeImportTurn(db: Db): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`select pg_advisory_xact_lock(${IMPORT_LOCK})`.execute(db);
}

/** 'HZIM' as a number: the advisory lock imports take turns on. */
const IMPORT_LOCK = 0x485a494d;
