import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { insertMany, statementTextsHeld } from './insert-many.js';
import { createTestDatabase, testEngines, type TestDatabase } from './test-db.js';
import type { OrganizationsTable } from './schema.js';

const NOW = '2025-03-04T05:06:07.000Z';

function organization(i: number): OrganizationsTable {
  return {
    id: newId(),
    name: `Agency ${i} "quoted", ’Urdu‘ ادارہ`,
    name_normalized: `agency ${i}`,
    acronym: i % 3 === 0 ? null : `A${i}`,
    acronym_normalized: i % 3 === 0 ? null : `a${i}`,
    type: i % 2 === 0 ? 'civil_society' : 'law_enforcement',
    country_code: i % 5 === 0 ? null : 'PK',
    province: null,
    created_at: NOW,
    updated_at: NOW,
  };
}

describe.each(testEngines())('insertMany on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
  });
  afterAll(async () => database.destroy());

  const stored = () => database.db.selectFrom('organizations').selectAll().orderBy('id').execute();
  /** These rows read back from the table exactly as given. */
  const expectStoredAsGiven = async (rows: OrganizationsTable[]) => {
    const ids = rows.map((r) => r.id);
    const written = await database.db.selectFrom('organizations').selectAll().where('id', 'in', ids).orderBy('id').execute();
    expect(written).toEqual([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)));
  };

  it('writes every row as given across several statements (500 rows each), the last one shorter', async () => {
    const rows = Array.from({ length: 1201 }, (_, i) => organization(i));
    await insertMany(database.db, 'organizations', rows);
    expect(await stored()).toEqual([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)));
    // A second call of another length reuses nothing it should not: 7 more rows, all of them there.
    const more = Array.from({ length: 7 }, (_, i) => organization(2000 + i));
    await insertMany(database.db, 'organizations', more);
    expect(await stored()).toHaveLength(1208);
  });

  it('writes values shared by every row of a statement (bound once on SQLite) to every row, batch by batch', async () => {
    // The first 500 rows share their type and country, the next 500 another type and no country
    // (null shared), the last 3 differ in both; the times are shared by all.
    const rows = Array.from({ length: 1003 }, (_, i) => ({
      ...organization(5000 + i),
      type: i < 500 ? ('government' as const) : i < 1000 ? ('international' as const) : i % 2 === 0 ? ('academia' as const) : ('media' as const),
      country_code: i < 500 ? 'PK' : i < 1000 ? null : `N${i % 3}`,
      acronym: null,
      acronym_normalized: null,
    }));
    const before = (await stored()).length;
    await insertMany(database.db, 'organizations', rows);
    await expectStoredAsGiven(rows);
    expect(await stored()).toHaveLength(before + 1003);
    // Every column the same but the id (and so the name) in one batch, and a batch of one row.
    const alike = Array.from({ length: 20 }, (_, i) => ({ ...organization(7000), id: newId(), name: `Alike ${i}` }));
    await insertMany(database.db, 'organizations', alike);
    await insertMany(database.db, 'organizations', [organization(7100)]);
    expect(await stored()).toHaveLength(before + 1024);
    expect((await database.db.selectFrom('organizations').select('name').where('name', 'like', 'Alike %').execute()).map((r) => r.name)).toHaveLength(20);
  });

  it('stores any mix of shared and varying values as given: every row read back equal', async () => {
    // Each column either shared by every row or drawn row by row, from values that include nulls,
    // quotes, Urdu and empty strings; several batches, some shorter than a statement.
    const text = fc.oneof(fc.constantFrom('', "O'Brien", 'ادارہ "X"', '?', 'column1'), fc.string({ maxLength: 12 }));
    // A column's values for `count` rows: one value for all, or one drawn for each.
    const column = <T>(count: number, values: fc.Arbitrary<T>) =>
      fc.oneof(
        values.map((v) => Array.from({ length: count }, () => v)),
        fc.array(values, { minLength: count, maxLength: count }),
      );
    const table = fc
      .integer({ min: 1, max: 1200 })
      .chain((count) =>
        fc.tuple(
          column(count, text),
          column(count, fc.option(text, { nil: null })),
          column(count, fc.constantFrom('law_enforcement' as const, 'media' as const, 'other' as const)),
          column(count, fc.option(fc.constantFrom('PK', 'NG', 'TH'), { nil: null })),
        ),
      );
    await fc.assert(
      fc.asyncProperty(table, async ([names, acronyms, types, countries]) => {
        const rows: OrganizationsTable[] = names.map((n, i) => {
          const a = acronyms[i] ?? null;
          return {
            id: newId(),
            name: n,
            name_normalized: n.toLowerCase(),
            acronym: a,
            acronym_normalized: a === null ? null : a.toLowerCase(),
            type: types[i] ?? 'other',
            country_code: countries[i] ?? null,
            province: null,
            created_at: NOW,
            updated_at: NOW,
          };
        });
        await insertMany(database.db, 'organizations', rows);
        await expectStoredAsGiven(rows);
      }),
      { numRuns: 25 },
    );
  });

  it('keeps a bounded number of statement texts, whatever the lengths and shared columns of the batches', async () => {
    // 400 calls of 1–700 rows, each sharing a different set of columns (a long-running server's
    // imports of every size): every row written, and no more than 128 texts held.
    const before = (await stored()).length;
    let written = 0;
    for (let call = 0; call < 400; call += 1) {
      const count = 1 + ((call * 7919) % 700);
      const rows = Array.from({ length: count }, (_, i) => ({
        ...organization(10_000 + i),
        province: call % 2 === 0 ? `P${call}` : `P${i}`,
        country_code: call % 3 === 0 ? null : call % 3 === 1 ? 'PK' : `C${i % 7}`,
        acronym: call % 5 === 0 ? 'X' : `A${i}`,
      }));
      await insertMany(database.db, 'organizations', rows);
      written += count;
      expect(statementTextsHeld()).toBeLessThanOrEqual(128);
    }
    expect(await stored()).toHaveLength(before + written);
  });

  it('refuses rows of different shapes before writing any of them', async () => {
    const before = (await stored()).length;
    const rows = Array.from({ length: 700 }, (_, i) => organization(3000 + i));
    const missing = { ...rows[650]! } as Partial<OrganizationsTable>;
    delete missing.province;
    await expect(insertMany(database.db, 'organizations', [...rows.slice(0, 650), missing as OrganizationsTable])).rejects.toThrow(
      'rows have different columns',
    );
    const blank = { ...rows[600]!, province: undefined } as unknown as OrganizationsTable;
    await expect(insertMany(database.db, 'organizations', [...rows.slice(0, 600), blank])).rejects.toThrow('a row has no value for province');
    // The same columns in another order: the values would go to the wrong columns.
    const { name, ...rest } = rows[680]!;
    const reordered = { ...rest, name } as OrganizationsTable;
    await expect(insertMany(database.db, 'organizations', [...rows.slice(0, 680), reordered])).rejects.toThrow('rows have different columns');
    const extra = { ...rows[690]!, venue: 'x' } as unknown as OrganizationsTable;
    await expect(insertMany(database.db, 'organizations', [...rows.slice(0, 690), extra])).rejects.toThrow('rows have different columns');
    expect(await stored()).toHaveLength(before);
  });

  it('writes nothing for no rows', async () => {
    const before = (await stored()).length;
    await insertMany(database.db, 'organizations', []);
    expect(await stored()).toHaveLength(before);
  });
});
