import type { CreateEventBody, ParticipantRole, Sex } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

const sexes = (total: number, female: number, male: number) => ({ total, female, male, other: 0, unknown: 0 });

/** The day `days` before today, YYYY-MM-DD: activity is measured against today. */
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

describe.each(testEngines())('GET /api/cascades/summary, on %s', (engine) => {
  let ctx: TestContext;
  const people: Record<string, string> = {};
  const events: Record<string, string> = {};

  // Everyone but the administrator works in Pakistan only.
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  async function event(name: string, programmeId: string, fields: Partial<CreateEventBody>, list: Array<[string, ParticipantRole]>) {
    events[name] = (await make.event(ctx, { programmeId, title: `Event ${name}`, type: 'training', status: 'held', ...fields })).id;
    for (const [who, role] of list) {
      const added = await callRoute(ctx, 'addParticipant', { params: { id: events[name] }, body: { personId: people[who] ?? '', role, attended: true } });
      expect(added.status, added.raw).toBe(201);
    }
  }
  async function graduate(tot: string, who: string) {
    const done = await callRoute(ctx, 'addEventGraduate', { params: { id: events[tot] ?? '' }, body: { personId: people[who] ?? '' } });
    expect(done.status, done.raw).toBe(201);
  }

  beforeAll(async () => {
    const first = (await make.programme(ctx, { countries: ['PK', 'AF'] })).id;
    const second = (await make.programme(ctx, { countries: ['PK'] })).id;
    for (const [name, sex, country] of [
      ['M1', 'female', 'PK'],
      ['M2', 'male', 'PK'],
      ['M3', 'female', 'PK'],
      ['M4', 'male', 'PK'],
      ['S', 'female', 'PK'],
      ['T1', 'male', 'PK'],
      ['T2', 'female', 'PK'],
      ['T3', 'male', 'PK'],
      ['af', 'male', 'AF'],
    ] as const) {
      people[name] = (await make.person(ctx, { fullName: `Person ${name}`, sex: sex as Sex, countryCode: country })).id;
    }
    // Two trainings of trainers in two programmes: M1 and M2 graduate from the first, M3 and M4 from the second.
    await event('totA', first, { type: 'training_of_trainers', startDate: '2024-01-08', endDate: '2024-01-10' }, [
      ['M1', 'participant'],
      ['M2', 'participant'],
    ]);
    await event('totB', second, { type: 'training_of_trainers', startDate: '2024-02-05', endDate: '2024-02-07' }, [
      ['M3', 'participant'],
      ['M4', 'participant'],
    ]);
    for (const [tot, who] of [
      ['totA', 'M1'],
      ['totA', 'M2'],
      ['totB', 'M3'],
      ['totB', 'M4'],
    ] as const) {
      await graduate(tot, who);
    }
    // A ToT without graduates is no cascade.
    await event('totEmpty', second, { type: 'training_of_trainers', startDate: '2024-03-01', endDate: '2024-03-01' }, [['T3', 'participant']]);

    // M1 trained S and T1 long ago; M3 trained S (again: in both cascades) and T2 a month ago.
    await event('byM1', first, { startDate: '2024-05-01', endDate: '2024-05-01' }, [
      ['M1', 'trainer'],
      ['S', 'participant'],
      ['T1', 'participant'],
    ]);
    await event('byM3', second, { startDate: daysAgo(30), endDate: daysAgo(30) }, [
      ['M3', 'trainer'],
      ['S', 'participant'],
      ['T2', 'participant'],
    ]);
    // M2 trained someone in Afghanistan only, last week: a Pakistan-only user sees M2 as idle and not active.
    await event('byM2', first, { startDate: daysAgo(7), endDate: daysAgo(7), countryCode: 'AF', city: 'Kabul', province: null }, [
      ['M2', 'trainer'],
      ['af', 'participant'],
    ]);
    // M4 delivered an event nobody attended: active, but still idle (trained nobody yet).
    await event('byM4', second, { startDate: daysAgo(3), endDate: daysAgo(3) }, [['M4', 'trainer']]);
  });

  it('counts the cascades, master trainers (active, idle) and the people reached, a person in two cascades once', async () => {
    const summary = await callRoute(ctx, 'cascadeSummary', {}, 'admin');
    expect(summary.status, summary.raw).toBe(200);
    expect(summary.body).toEqual({
      cascades: 2,
      masterTrainers: 4,
      // M3 (a month ago), M2 (last week) and M4 (three days ago); M1 last trained in 2024.
      activeMasterTrainers: 3,
      // M4's event had nobody attending.
      idleMasterTrainers: 1,
      // S (in both cascades, once), T1, T2 and af.
      reach: sexes(4, 2, 2),
    });
    // The list reads the same walk: the same reach and master trainers.
    const list = await callRoute(ctx, 'listCascades', { query: {} }, 'admin');
    expect(list.body.reach).toEqual(summary.body.reach);
    expect(list.body.masterTrainers).toBe(summary.body.masterTrainers);
    expect(list.body.idle).toHaveLength(summary.body.idleMasterTrainers);
  });

  it('counts only the events of the user’s countries', async () => {
    const summary = await callRoute(ctx, 'cascadeSummary', {}, 'viewer');
    expect(summary.status, summary.raw).toBe(200);
    expect(summary.body).toEqual({
      cascades: 2,
      masterTrainers: 4,
      // M2's only event is in Afghanistan.
      activeMasterTrainers: 2,
      idleMasterTrainers: 2,
      reach: sexes(3, 2, 1),
    });
  });

  it('answers a signed-in user of every role, and nobody else', async () => {
    for (const role of ['programme_manager', 'trainer'] as const) expect((await callRoute(ctx, 'cascadeSummary', {}, role)).status).toBe(200);
    const anonymous = await ctx.app.inject({ method: 'GET', url: '/api/cascades/summary' });
    expect(anonymous.statusCode).toBe(401);
  });
});
