import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { placeLinkOwners } from './index.js';

/**
 * Every table that hangs rows on a participation must be moved by a merge (place-links.ts): a new
 * such table fails here until its module registers a mover and the table is named below.
 */
const TABLES_ON_PLACES: Record<string, string> = {
  attempts: 'assessments',
  participant_codes: 'assessments',
  certificates: 'certificates',
  feedback_answered: 'feedback',
  master_trainers: 'cascades',
};

describe('what hangs on a person’s place at an event', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
  });
  afterAll(async () => ctx.close());

  it('is moved by a merge: each table referencing participations has its module’s mover registered', async () => {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(ctx.db);
    const referencing: string[] = [];
    for (const { name } of tables.rows) {
      const keys = await sql<{ table: string }>`select * from pragma_foreign_key_list(${name})`.execute(ctx.db);
      if (keys.rows.some((k) => k.table === 'participations')) referencing.push(name);
    }
    expect(referencing.sort()).toEqual(Object.keys(TABLES_ON_PLACES).sort());
    expect(placeLinkOwners()).toEqual([...new Set(Object.values(TABLES_ON_PLACES))].sort());
  });
});
