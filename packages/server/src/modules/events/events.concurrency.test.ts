import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, openSecondConnection, seedEvent, type SecondConnection, type TestContext } from '../../../test/helpers.js';
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

/**
 * A participant removed while a mark for them is being saved (PostgreSQL runs the two side by side;
 * SQLite one after the other). The mark is played by a second connection doing what setAttendance
 * does, its transaction held open: the participation touched (locked), a day written. The removal
 * deleted the days first, did not see the uncommitted one, then waited for the row: the day stayed
 * behind with no participation, and came back as an unrecounted day when the person was added again.
 */
describe.each(testEngines().filter((engine) => engine === 'postgres'))('a removal racing a mark on %s', (engine) => {
  let ctx: TestContext;
  let mark: SecondConnection;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    mark = await openSecondConnection(engine, ctx.databaseAddress);
  });
  afterAll(async () => {
    await mark.close();
    await ctx.close();
  });

  it('leaves no day of a removed participant behind', async () => {
    const { event } = await seedEvent(ctx, { startDate: '2025-05-05', endDate: '2025-05-06' });
    const person = json<{ id: string }>(
      await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload: { fullName: 'Removed Mid Mark', sex: 'male' } }),
    );
    const added = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants`,
      headers: ctx.as('admin'),
      payload: { personId: person.id },
    });
    expect(added.statusCode).toBe(201);
    await mark.run('begin');
    await mark.run('update participations set updated_at = $1 where event_id = $2 and person_id = $3', ['2025-05-05T09:00:00.000Z', event.id, person.id]);
    await mark.run('insert into attendance (event_id, person_id, date, present) values ($1, $2, $3, true)', [event.id, person.id, '2025-05-05']);
    const removal = ctx.app.inject({ method: 'DELETE', url: `/api/events/${event.id}/participants/${person.id}`, headers: ctx.as('admin') });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await mark.run('commit');
    expect((await removal).statusCode).toBe(204);
    const days = await ctx.db.selectFrom('attendance').select('date').where('event_id', '=', event.id).where('person_id', '=', person.id).execute();
    expect(days).toEqual([]);
    // Added again, the person starts with no days, as the list shows.
    const again = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants`,
      headers: ctx.as('admin'),
      payload: { personId: person.id },
    });
    expect(json<{ presentDates: string[]; attended: boolean }>(again)).toMatchObject({ presentDates: [], attended: false });
  });
});
