import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

describe.each(testEngines())('writes to one event at the same moment on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  it('counts every day when five days of one person are marked at once', async () => {
    const { event } = await seedEvent(ctx, { startDate: '2025-05-05', endDate: '2025-05-09' });
    const person = json<{ id: string }>(
      await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload: { fullName: 'Busy Attendee', sex: 'female' } }),
    );
    const added = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants`,
      headers: ctx.as('admin'),
      payload: { personId: person.id, role: 'participant' },
    });
    expect(added.statusCode).toBe(201);
    const days = ['2025-05-05', '2025-05-06', '2025-05-07', '2025-05-08', '2025-05-09'];
    const answers = await Promise.all(
      days.map((date) =>
        ctx.app.inject({
          method: 'PUT',
          url: `/api/events/${event.id}/attendance`,
          headers: ctx.as('admin'),
          payload: { personId: person.id, date, present: true },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    const row = await ctx.db
      .selectFrom('participations')
      .select(['days_present'])
      .where('event_id', '=', event.id)
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.days_present)).toBe(5);
  });

  it('keeps both changes when two people edit different fields of one event at once', async () => {
    const { event } = await seedEvent(ctx);
    const [first, second] = await Promise.all([
      ctx.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: ctx.as('admin'), payload: { title: 'Renamed workshop' } }),
      ctx.app.inject({ method: 'PATCH', url: `/api/events/${event.id}`, headers: ctx.as('programme_manager'), payload: { venue: 'Police Training College' } }),
    ]);
    expect([first?.statusCode, second?.statusCode]).toEqual([200, 200]);
    const stored = json<{ title: string; venue: string | null }>(
      await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}`, headers: ctx.as('viewer') }),
    );
    expect(stored).toMatchObject({ title: 'Renamed workshop', venue: 'Police Training College' });
  });
});
