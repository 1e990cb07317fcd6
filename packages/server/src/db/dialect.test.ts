import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { normalizeText, personNameKey } from '../shared/normalize.js';
import type { Db } from './database.js';
import { engineOf, fromJson, quarterOf, toBoolean, toCount, toJson } from './dialect.js';
import { createTestDatabase, testEngines } from './test-db.js';

const NOW = '2024-05-06T07:08:09.123Z';

async function insertProgramme(db: Db): Promise<string> {
  const id = newId();
  await db
    .insertInto('programmes')
    .values({
      id,
      name: 'Programme',
      name_normalized: 'programme',
      donor: null,
      start_date: '2024-01-01',
      end_date: '2024-12-31',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

async function insertEvent(db: Db, programmeId: string, startDate: string, extra: { title?: string } = {}): Promise<string> {
  const id = newId();
  const title = extra.title ?? `Event ${startDate}`;
  await db
    .insertInto('events')
    .values({
      id,
      programme_id: programmeId,
      title,
      title_normalized: normalizeText(title),
      type: 'training',
      series: null,
      start_date: startDate,
      end_date: startDate,
      city: 'Lahore',
      province: 'Punjab',
      country_code: 'PK',
      venue: null,
      status: 'held',
      learning_objectives: null,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

async function insertPerson(db: Db, fullName: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('people')
    .values({
      id,
      full_name: fullName,
      name_normalized: normalizeText(fullName),
      name_key: personNameKey(fullName),
      sex: 'female',
      birth_year: null,
      organization_id: null,
      designation: null,
      province: null,
      district: null,
      phone: null,
      phone_normalized: null,
      email: null,
      email_normalized: null,
      country_code: 'PK',
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

async function insertUser(db: Db, email: string, countries: unknown): Promise<string> {
  const id = newId();
  await db
    .insertInto('users')
    .values({
      id,
      email,
      email_normalized: email.toLowerCase(),
      name: 'User',
      role: 'viewer',
      password_hash: 'x',
      justice_access: false,
      countries: countries === null ? null : toJson(countries),
      active: true,
      created_at: NOW,
      updated_at: NOW,
    })
    .execute();
  return id;
}

describe('toBoolean, toCount and fromJson read every driver form', () => {
  it('reads 1, true, "1" and "t" as true and everything else as false', () => {
    for (const yes of [true, 1, '1', 't']) expect(toBoolean(yes)).toBe(true);
    for (const no of [false, 0, '0', 'f', null, undefined, '', 'true']) expect(toBoolean(no)).toBe(false);
  });

  it('reads counts given as numbers, bigints and strings as numbers', () => {
    expect(toCount(7)).toBe(7);
    expect(toCount(7n)).toBe(7);
    expect(toCount('12')).toBe(12);
    expect(toCount(null)).toBe(0);
  });

  it('parses JSON text, passes parsed values through and falls back on null or junk', () => {
    expect(fromJson<string[]>('["PK","AF"]', [])).toEqual(['PK', 'AF']);
    expect(fromJson<string[]>(['PK'], [])).toEqual(['PK']);
    expect(fromJson<string[]>(null, ['x'])).toEqual(['x']);
    expect(fromJson<string[]>('{not json', ['x'])).toEqual(['x']);
  });
});

describe.each(testEngines())('runtime types on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let programmeId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    programmeId = await insertProgramme(db);
  });
  afterAll(async () => handle.destroy());

  it('knows which engine it talks to', () => {
    expect(engineOf(db)).toBe(engine);
  });

  it('stores booleans written as true/false and reads them back through toBoolean', async () => {
    const yes = newId();
    const no = newId();
    await db
      .insertInto('login_attempts')
      .values([
        { id: yes, email_normalized: 'bool@test', at: NOW, success: true },
        { id: no, email_normalized: 'bool@test', at: NOW, success: false },
      ])
      .execute();
    const rows = await db.selectFrom('login_attempts').select(['id', 'success']).where('email_normalized', '=', 'bool@test').execute();
    const byId = new Map(rows.map((r) => [r.id, toBoolean(r.success)]));
    expect(byId.get(yes)).toBe(true);
    expect(byId.get(no)).toBe(false);
    // Filtering on a boolean literal works the same way on both engines.
    const successes = await db.selectFrom('login_attempts').select('id').where('email_normalized', '=', 'bool@test').where('success', '=', true).execute();
    expect(successes.map((r) => r.id)).toEqual([yes]);
    const failures = await db.selectFrom('login_attempts').select('id').where('email_normalized', '=', 'bool@test').where('success', 'in', [false]).execute();
    expect(failures.map((r) => r.id)).toEqual([no]);
  });

  it('updates a boolean column with a boolean and reads the new value', async () => {
    const id = newId();
    await db.insertInto('login_attempts').values({ id, email_normalized: 'flip@test', at: NOW, success: false }).execute();
    await db.updateTable('login_attempts').set({ success: true }).where('id', '=', id).execute();
    const row = await db.selectFrom('login_attempts').select('success').where('id', '=', id).executeTakeFirstOrThrow();
    expect(toBoolean(row.success)).toBe(true);
  });

  it('returns counts and distinct counts as numbers through toCount', async () => {
    await db
      .insertInto('login_attempts')
      .values([
        { id: newId(), email_normalized: 'count-a@test', at: NOW, success: true },
        { id: newId(), email_normalized: 'count-a@test', at: NOW, success: true },
        { id: newId(), email_normalized: 'count-b@test', at: NOW, success: true },
      ])
      .execute();
    const row = await db
      .selectFrom('login_attempts')
      .select([(eb) => eb.fn.countAll().as('n'), sql<number>`count(distinct email_normalized)`.as('distinct_n')])
      .where('email_normalized', 'like', 'count-%')
      .executeTakeFirstOrThrow();
    expect(toCount(row.n)).toBe(3);
    expect(toCount(row.distinct_n)).toBe(2);
    expect(typeof toCount(row.n)).toBe('number');
    const grouped = await db
      .selectFrom('login_attempts')
      .select(['email_normalized', (eb) => eb.fn.countAll().as('n')])
      .where('email_normalized', 'like', 'count-%')
      .groupBy('email_normalized')
      .orderBy('email_normalized')
      .execute();
    expect(grouped.map((g) => [g.email_normalized, toCount(g.n)])).toEqual([
      ['count-a@test', 2],
      ['count-b@test', 1],
    ]);
  });

  it('reads dates and timestamps back as the same strings, and compares them as text', async () => {
    const id = await insertEvent(db, programmeId, '2024-02-29');
    const row = await db.selectFrom('events').select(['start_date', 'end_date', 'created_at', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ start_date: '2024-02-29', end_date: '2024-02-29', created_at: NOW, updated_at: NOW });
    for (const value of Object.values(row)) expect(typeof value).toBe('string');
    const inRange = await db
      .selectFrom('events')
      .select('id')
      .where('id', '=', id)
      .where('start_date', '>=', '2024-02-01')
      .where('start_date', '<=', '2024-02-29')
      .execute();
    expect(inRange).toHaveLength(1);
  });

  it('round-trips JSON values through toJson and fromJson, including Urdu and nested objects', async () => {
    const countries = ['PK', 'AF'];
    const userId = await insertUser(db, `json-${engine}@test`, countries);
    const nobody = await insertUser(db, `json-null-${engine}@test`, null);
    const users = await db.selectFrom('users').select(['id', 'countries']).where('id', 'in', [userId, nobody]).execute();
    const byId = new Map(users.map((u) => [u.id, fromJson<string[] | null>(u.countries, null)]));
    expect(byId.get(userId)).toEqual(countries);
    expect(byId.get(nobody)).toBeNull();

    const changes = {
      fullName: { from: 'علی', to: 'محمد علی' },
      birthYear: { from: null, to: 1990 },
      active: { from: true, to: false },
      nested: { from: { a: [1, 2] }, to: { a: [] } },
    };
    const id = newId();
    // A raw row (not chained: this checks the JSON column only).
    await db
      .insertInto('audit_log')
      .values({
        id,
        seq: 1_000_000,
        entity_type: 'person',
        entity_id: id,
        action: 'update',
        user_id: null,
        at: NOW,
        changes: toJson(changes),
        note: null,
        prev_hash: '-',
        hash: '-',
      })
      .execute();
    const row = await db.selectFrom('audit_log').select('changes').where('id', '=', id).executeTakeFirstOrThrow();
    expect(fromJson(row.changes, {})).toEqual(changes);
  });

  it('gives the year-quarter of a date the same way for every month boundary', async () => {
    const cases: Array<[string, string]> = [
      ['2024-01-01', '2024-Q1'],
      ['2024-02-29', '2024-Q1'],
      ['2024-03-31', '2024-Q1'],
      ['2024-04-01', '2024-Q2'],
      ['2024-06-30', '2024-Q2'],
      ['2024-07-01', '2024-Q3'],
      ['2024-09-30', '2024-Q3'],
      ['2024-10-01', '2024-Q4'],
      ['2024-11-15', '2024-Q4'],
      ['2024-12-31', '2024-Q4'],
      ['2025-01-01', '2025-Q1'],
    ];
    const ids = new Map<string, string>();
    for (const [date] of cases) ids.set(await insertEvent(db, programmeId, date, { title: `Quarter ${date}` }), date);
    const rows = await db
      .selectFrom('events')
      .select(['id', quarterOf('start_date').as('quarter')])
      .where('id', 'in', [...ids.keys()])
      .execute();
    const found = new Map(rows.map((r) => [ids.get(r.id), r.quarter]));
    for (const [date, quarter] of cases) expect({ date, quarter: found.get(date) }).toEqual({ date, quarter });
    // Grouping on the quarter expression yields one group per quarter.
    const groups = await db
      .selectFrom('events')
      .select([quarterOf('start_date').as('quarter'), (eb) => eb.fn.countAll().as('n')])
      .where('id', 'in', [...ids.keys()])
      .groupBy(sql`1`)
      .orderBy(sql`1`)
      .execute();
    expect(groups.map((g) => [g.quarter, toCount(g.n)])).toEqual([
      ['2024-Q1', 3],
      ['2024-Q2', 2],
      ['2024-Q3', 2],
      ['2024-Q4', 3],
      ['2025-Q1', 1],
    ]);
  });

  it('keeps Urdu text byte for byte and finds it by its normalised prefix', async () => {
    // Vowel marks, the Urdu yeh and heh, a zero-width non-joiner and Urdu digits must all come back unchanged.
    const names = ['مُحَمَّد علی خان', 'فاطمہ بی بی', 'عائشہ‌صدیقہ ۱۲۳', 'Zainab علی'];
    const ids = new Map<string, string>();
    for (const name of names) ids.set(await insertPerson(db, name), name);
    const rows = await db
      .selectFrom('people')
      .select(['id', 'full_name', 'name_normalized'])
      .where('id', 'in', [...ids.keys()])
      .execute();
    for (const row of rows) {
      expect(row.full_name).toBe(ids.get(row.id));
      expect(Buffer.from(row.full_name, 'utf8').equals(Buffer.from(ids.get(row.id) ?? '', 'utf8'))).toBe(true);
      expect(row.name_normalized).toBe(normalizeText(row.full_name));
    }
    const exact = await db.selectFrom('people').select('id').where('full_name', '=', 'فاطمہ بی بی').execute();
    expect(exact.map((r) => ids.get(r.id))).toEqual(['فاطمہ بی بی']);
    // The same letters typed on an Arabic keyboard (ي for ی) find the Urdu record by prefix.
    const prefix = normalizeText('محمد علي');
    const found = await db
      .selectFrom('people')
      .select('id')
      .where('name_normalized', 'like', `${prefix}%`)
      .where('id', 'in', [...ids.keys()])
      .execute();
    expect(found.map((r) => ids.get(r.id))).toEqual(['مُحَمَّد علی خان']);
  });

  it('enforces foreign keys, on SQLite through PRAGMA foreign_keys as on PostgreSQL', async () => {
    if (engine === 'sqlite') {
      const pragma = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
      expect(pragma.rows[0]?.foreign_keys).toBe(1);
    }
    await expect(
      db.insertInto('sessions').values({ id: newId(), user_id: 'no-such-user', created_at: NOW, expires_at: NOW, last_seen_at: NOW }).execute(),
    ).rejects.toThrow(/foreign key/i);
    await expect(insertEvent(db, 'no-such-programme', '2024-01-01')).rejects.toThrow(/foreign key/i);
    // A person with participations cannot be deleted out from under them.
    const personId = await insertPerson(db, 'Referenced Person');
    const eventId = await insertEvent(db, programmeId, '2024-08-08');
    await db.insertInto('attendance').values({ event_id: eventId, person_id: personId, date: '2024-08-08', present: true }).execute();
    await expect(db.deleteFrom('people').where('id', '=', personId).execute()).rejects.toThrow(/foreign key/i);
  });

  it('cascades deletes the same way on both engines', async () => {
    const userId = await insertUser(db, `cascade-${engine}@test`, null);
    await db.insertInto('sessions').values({ id: newId(), user_id: userId, created_at: NOW, expires_at: NOW, last_seen_at: NOW }).execute();
    const eventId = await insertEvent(db, programmeId, '2024-09-09');
    await db.insertInto('event_trainers').values({ event_id: eventId, user_id: userId }).execute();
    await db.updateTable('events').set({ created_by: userId }).where('id', '=', eventId).execute();
    await db.deleteFrom('users').where('id', '=', userId).execute();
    expect(await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).toEqual([]);
    expect(await db.selectFrom('event_trainers').select('event_id').where('user_id', '=', userId).execute()).toEqual([]);
    const event = await db.selectFrom('events').select('created_by').where('id', '=', eventId).executeTakeFirstOrThrow();
    expect(event.created_by).toBeNull();
  });

  it('rejects a second user with the same normalised e-mail', async () => {
    await insertUser(db, `Twice-${engine}@test`, null);
    await expect(insertUser(db, `twice-${engine}@test`, null)).rejects.toThrow(/unique/i);
  });
});
