import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBoolean } from '../db/dialect.js';
import { createTestDatabase } from '../db/test-db.js';
import { loadDemo, type DemoProgress } from './demo.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const progress: DemoProgress[] = [];
beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  await loadDemo(database.db, { onProgress: (p) => progress.push(p) });
}, 300_000); // about 20 s of CPU: minutes on a loaded two-core machine
afterAll(async () => database.destroy());

describe('the demo programme', () => {
  it('holds several years of events of every kind in Pakistan', async () => {
    const events = await database.db.selectFrom('events').select(['type', 'start_date', 'country_code']).execute();
    expect(events.length).toBeGreaterThan(100);
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(['training', 'training_of_trainers', 'workshop', 'awareness_session']));
    expect(new Set(events.map((e) => e.start_date.slice(0, 4))).size).toBeGreaterThanOrEqual(6);
    expect(events.every((e) => e.country_code === 'PK')).toBe(true);
  });

  it('has realistic events: mostly 15 to 30 attended participants, mostly men', async () => {
    const places = await database.db
      .selectFrom('participations')
      .select(['event_id', 'person_sex', 'attended', 'role'])
      .where('role', '=', 'participant')
      .execute();
    const perEvent = new Map<string, number>();
    for (const p of places) if (toBoolean(p.attended)) perEvent.set(p.event_id, (perEvent.get(p.event_id) ?? 0) + 1);
    const sizes = [...perEvent.values()];
    const typical = sizes.filter((n) => n >= 12 && n <= 40).length;
    expect(typical / sizes.length).toBeGreaterThan(0.75);
    const male = places.filter((p) => p.person_sex === 'male').length;
    expect(male / places.length).toBeGreaterThan(0.65);
    expect(male / places.length).toBeLessThan(0.95);
  });

  it('brings back some people to later events, so unique people are fewer than participations', async () => {
    const rows = await database.db.selectFrom('participations').select('person_id').execute();
    expect(new Set(rows.map((r) => r.person_id)).size).toBeLessThan(rows.length * 0.9);
  });

  it('reports each step once it is done, with counts that add up to what was loaded', async () => {
    const done = progress.filter((p) => p.done);
    const years = new Date().getUTCFullYear() - 2019 + 1;
    expect(done.map((p) => p.step)).toEqual(Array.from({ length: 3 + years }, (_, i) => i + 1));
    expect(done.every((p) => p.steps === 3 + years)).toBe(true);
    expect(done.slice(0, 3).map((p) => p.label)).toEqual(['accounts', 'organisations', 'programmes']);
    expect(done[3]?.label).toBe('events of 2019');
    const count = async (table: 'events' | 'participations' | 'people' | 'organizations') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const sum = (key: 'events' | 'participations') => done.reduce((total, p) => total + (p.counts[key] ?? 0), 0);
    expect(sum('events')).toBe(await count('events'));
    expect(sum('participations')).toBe(await count('participations'));
    expect(done.at(-1)?.counts.people).toBe(await count('people'));
    expect(done[1]?.counts.organisations).toBe(await count('organizations'));
    // Within a year, the running count is reported as events are added, and only grows.
    const running = progress.filter((p) => !p.done && p.step === 4).map((p) => p.counts.events ?? 0);
    expect(running.length).toBeGreaterThan(5);
    expect(running).toEqual([...running].sort((a, b) => a - b));
  });

  it('records an awareness campaign in Gilgit-Baltistan with its needs assessment, sessions and outputs', async () => {
    const campaign = await database.db.selectFrom('campaigns').selectAll().executeTakeFirstOrThrow();
    expect(campaign).toMatchObject({ province: 'Gilgit-Baltistan', country_code: 'PK' });
    expect(campaign.needs_assessment_id).not.toBeNull();
    const outputs = await database.db.selectFrom('campaign_outputs').select(['kind', 'quantity']).where('campaign_id', '=', campaign.id).execute();
    expect(outputs.map((o) => o.kind).sort()).toEqual(['banner', 'pamphlet', 'poster', 'radio_psa', 'sms']);
    const sessions = await database.db
      .selectFrom('campaign_sessions')
      .select(['event_id', 'estimated_audience'])
      .where('campaign_id', '=', campaign.id)
      .execute();
    expect(sessions.filter((s) => s.event_id === null).map((s) => s.estimated_audience)).toEqual([900]);
  });

  it('loads only once', async () => {
    const before = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await loadDemo(database.db)).toContain('already loaded');
    const after = await database.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
