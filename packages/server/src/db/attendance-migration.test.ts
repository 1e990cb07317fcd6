import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.js';
import { toBoolean } from './dialect.js';
import { createMigrator, migrateToLatest } from './migrator.js';
import { createTestDatabase, testEngines } from './test-db.js';

const NOW = '2025-01-02T03:04:05.000Z';

/** 0004 puts right the participations stored under the old rule (a direct "attended" outliving a register of absences). */
describe.each(testEngines())('migration 0004-attendance-days-decide on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { migrate: false });
    const before = await createMigrator(handle.db).migrateTo('0003-sign-in-guards');
    expect(before.error).toBeUndefined();
  });
  afterAll(async () => handle.destroy());

  it('recomputes attended: the days decide where the register holds any, the direct record elsewhere', async () => {
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
        start_date: '2025-03-10',
        end_date: '2025-03-11',
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
    // [name, attended_direct, days (date → present), attended as stored by the old rule]
    const places: Array<[string, boolean, Record<string, boolean>, boolean]> = [
      ['absent every day', true, { '2025-03-10': false, '2025-03-11': false }, true],
      ['present one day', true, { '2025-03-10': false, '2025-03-11': true }, true],
      ['no register, recorded', true, {}, true],
      ['no register, not recorded', false, {}, false],
      ['present, not recorded directly', false, { '2025-03-10': true }, true],
    ];
    const ids = new Map<string, string>();
    for (const [name, direct, days, stored] of places) {
      const personId = newId();
      ids.set(name, personId);
      await db
        .insertInto('people')
        .values({
          id: personId,
          full_name: name,
          name_normalized: name,
          name_key: name,
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
      const present = Object.values(days).filter(Boolean).length;
      await db
        .insertInto('participations')
        .values({
          id: newId(),
          event_id: eventId,
          person_id: personId,
          role: 'participant',
          attended_direct: direct,
          days_present: present,
          attended: stored,
          person_sex: 'female',
          organization_type: null,
          event_start_date: '2025-03-10',
          event_province: null,
          event_type: 'training',
          event_status: 'held',
          event_country: 'PK',
          programme_id: programmeId,
          created_at: NOW,
          updated_at: NOW,
        })
        .execute();
      for (const [date, isPresent] of Object.entries(days))
        await db.insertInto('attendance').values({ event_id: eventId, person_id: personId, date, present: isPresent }).execute();
    }

    expect(await migrateToLatest(db)).toContain('0004-attendance-days-decide');

    const rows = await db.selectFrom('participations').select(['person_id', 'attended']).where('event_id', '=', eventId).execute();
    const attended = new Map(rows.map((r) => [r.person_id, toBoolean(r.attended)]));
    expect(places.map(([name]) => [name, attended.get(ids.get(name) ?? '')])).toEqual([
      ['absent every day', false],
      ['present one day', true],
      ['no register, recorded', true],
      ['no register, not recorded', false],
      ['present, not recorded directly', true],
    ]);
  });
});
