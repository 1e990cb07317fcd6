import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { createMigrator, migrateToLatest } from './migrator.js';
import { createTestDatabase, testEngines } from './test-db.js';

const NOW = '2026-01-02T03:04:05.000Z';

/** 0017 gives every existing blind-index token its case's agency, and takes the column away again on the way down. */
describe.each(testEngines())('migration 0017-case-tokens-by-agency on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { migrate: false });
    const before = await createMigrator(handle.db).migrateTo('0016-cases');
    expect(before.error).toBeUndefined();
  });
  afterAll(async () => handle.destroy());

  it("fills each token's agency from its case", async () => {
    const db = handle.db;
    const agencies = [newId(), newId()];
    const cases = [newId(), newId()];
    for (const [i, id] of agencies.entries()) {
      await sql`INSERT INTO organizations (id, name, name_normalized, type, country_code, created_at, updated_at)
                VALUES (${id}, ${`Agency ${i}`}, ${`agency ${i}`}, 'law_enforcement', 'PK', ${NOW}, ${NOW})`.execute(db);
    }
    for (const [i, id] of cases.entries()) {
      await sql`INSERT INTO cases (id, reference, country_code, organization_id, identified_on, status, victim_sex, victim_age_estimated, created_at, updated_at)
                VALUES (${id}, ${`PK-2026-00000${i + 1}`}, 'PK', ${agencies[i]}, '2026-01-01', 'identification', 'female', ${engine === 'postgres' ? sql`false` : 0}, ${NOW}, ${NOW})`.execute(
        db,
      );
      for (const token of ['tokenA', `token${i}`]) await sql`INSERT INTO case_name_tokens (token, case_id) VALUES (${token}, ${id})`.execute(db);
    }
    expect(await migrateToLatest(db)).toContain('0017-case-tokens-by-agency');
    const rows = await db.selectFrom('case_name_tokens').select(['token', 'case_id', 'organization_id']).execute();
    const key = (r: { token: string; case_id: string }) => `${r.case_id} ${r.token}`;
    expect(rows.sort((a, b) => key(a).localeCompare(key(b)))).toEqual(
      [
        { token: 'token0', case_id: cases[0]!, organization_id: agencies[0] },
        { token: 'tokenA', case_id: cases[0]!, organization_id: agencies[0] },
        { token: 'token1', case_id: cases[1]!, organization_id: agencies[1] },
        { token: 'tokenA', case_id: cases[1]!, organization_id: agencies[1] },
      ].sort((a, b) => key(a).localeCompare(key(b))),
    );

    const down = await createMigrator(db).migrateTo('0016-cases');
    expect(down.error).toBeUndefined();
    const after = await sql<Record<string, unknown>>`SELECT * FROM case_name_tokens`.execute(db);
    expect(after.rows.map((r) => Object.keys(r).sort())).toEqual(rows.map(() => ['case_id', 'token']));
  });
});
