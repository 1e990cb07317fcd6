import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparedStatement, runPrepared } from './database.js';
import { toBoolean } from './dialect.js';
import { createTestDatabase, testEngines, type TestDatabase } from './test-db.js';

const INSERT = preparedStatement('hifazat_test_prepared_insert', 'insert into prepared_probe (id, flag, note) values (?, ?, ?)');
const INSERT_RETURNING = preparedStatement(
  'hifazat_test_prepared_insert_returning',
  'insert into prepared_probe (id, flag, note) values (?, ?, ?) returning id, flag',
);
const BY_ID = preparedStatement('hifazat_test_prepared_by_id', 'select id, flag, note from prepared_probe where id = ?');

describe.each(testEngines())('runPrepared (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine, { migrate: false });
    await sql`create table prepared_probe (id text primary key, flag boolean not null, note text)`.execute(database.db);
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('runs a write without RETURNING outside a transaction, gives no rows, and binds booleans as the engine stores them', async () => {
    expect(await runPrepared(database.db, INSERT, ['a', true, 'first'])).toEqual([]);
    const [row] = await runPrepared<{ id: string; flag: unknown; note: string }>(database.db, BY_ID, ['a']);
    expect(row?.note).toBe('first');
    expect(toBoolean(row?.flag)).toBe(true);
    // A key taken: the engine's error, and nothing written.
    await expect(runPrepared(database.db, INSERT, ['a', false, 'again'])).rejects.toThrow(/unique|constraint/i);
    expect((await runPrepared<{ note: string }>(database.db, BY_ID, ['a']))[0]?.note).toBe('first');
  });

  it('gives the rows a write returns, and inside a transaction sees that transaction’s rows and rolls back with it', async () => {
    const returned = await runPrepared<{ id: string; flag: unknown }>(database.db, INSERT_RETURNING, ['b', false, 'second']);
    expect(returned.map((r) => [r.id, toBoolean(r.flag)])).toEqual([['b', false]]);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await runPrepared(trx, INSERT, ['c', true, 'inside']);
        expect((await runPrepared<{ note: string }>(trx, BY_ID, ['c']))[0]?.note).toBe('inside');
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await runPrepared(database.db, BY_ID, ['c'])).toEqual([]);
  });
});
