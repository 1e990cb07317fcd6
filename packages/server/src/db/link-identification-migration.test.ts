import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { createMigrator, migrateToLatest } from './migrator.js';
import { createTestDatabase, testEngines } from './test-db.js';

const NOW = '2026-01-02T03:04:05.000Z';

/** 0010 makes the post-tests that exist take personal codes only; pre-tests keep the list. */
describe.each(testEngines())('migration 0010-link-identification on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { migrate: false });
    const before = await createMigrator(handle.db).migrateTo('0009-feedback');
    expect(before.error).toBeUndefined();
  });
  afterAll(async () => handle.destroy());

  it('sets codes only on existing post-tests and the list on pre-tests, and makes the wrong-code allowances', async () => {
    const db = handle.db;
    const programmeId = newId();
    const eventId = newId();
    await db
      .insertInto('programmes')
      .values({ id: programmeId, name: 'P', name_normalized: 'p', donor: null, start_date: null, end_date: null, created_at: NOW, updated_at: NOW })
      .execute();
    await db
      .insertInto('events')
      .values({
        id: eventId,
        programme_id: programmeId,
        title: 'E',
        title_normalized: 'e',
        type: 'training',
        series: null,
        start_date: '2026-03-10',
        end_date: '2026-03-11',
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
    const ids: Record<string, string> = {};
    for (const [kind, form] of [
      ['pre', ''],
      ['post', 'A'],
      ['post', 'B'],
    ] as const) {
      const id = newId();
      ids[`${kind}${form}`] = id;
      // As the tests table was before 0010 (no identify_by).
      await db
        .insertInto('tests')
        .values({
          id,
          event_id: eventId,
          kind,
          form,
          title: `${kind} ${form}`,
          pass_mark: null,
          link_token: `${kind}${form}`.padEnd(22, 'x'),
          link_open: true,
          ref_key: 'k',
          created_by: null,
          created_at: NOW,
          updated_at: NOW,
        } as never)
        .execute();
    }
    expect(await migrateToLatest(db)).toContain('0010-link-identification');
    const rows = await db.selectFrom('tests').select(['id', 'identify_by']).execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.identify_by]))).toEqual({
      [ids.pre ?? '']: 'list',
      [ids.postA ?? '']: 'code',
      [ids.postB ?? '']: 'code',
    });
    await db
      .insertInto('failure_allowances')
      .values({ bucket: 'wrong-participant:test:x:10.0.0.1', empty_at: Date.parse(NOW) })
      .execute();
    const stored = await db.selectFrom('failure_allowances').select('empty_at').executeTakeFirstOrThrow();
    // Milliseconds since 1970 fit (PostgreSQL's bigint comes back as a string).
    expect(Number(stored.empty_at)).toBe(Date.parse(NOW));
  });
});
