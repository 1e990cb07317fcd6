import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

describe.each(testEngines())('all present (or absent) on one day, on %s', (engine) => {
  let ctx: TestContext;
  let eventId: string;
  let people: string[];
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    const event = await make.event(ctx, { startDate: '2025-04-07', endDate: '2025-04-09', status: 'held', trainerUserIds: [ctx.users.trainer.id] });
    eventId = event.id;
    people = [];
    for (const sex of ['female', 'male', 'male'] as const) {
      const person = await make.person(ctx, { sex });
      await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } });
      people.push(person.id);
    }
  });
  afterAll(async () => ctx.close());

  it('marks everyone on the list present on the day, in one request, and the summary counts them', async () => {
    const answer = await callRoute(ctx, 'setDayAttendance', { params: { id: eventId }, body: { date: '2025-04-08', present: true } }, 'trainer');
    expect(answer.status).toBe(200);
    expect(answer.body.items.map((p) => [p.personId, p.presentDates, p.attended]).sort()).toEqual(people.map((id) => [id, ['2025-04-08'], true]).sort());
    const summary = await callRoute(ctx, 'eventSummary', { params: { id: eventId } }, 'viewer');
    expect(summary.body.participants).toMatchObject({ total: 3, female: 1, male: 2 });
  });

  it('and absent: once the register holds only absent days, nobody counts as attended', async () => {
    await callRoute(ctx, 'setDayAttendance', { params: { id: eventId }, body: { date: '2025-04-08', present: false } });
    const list = await callRoute(ctx, 'listParticipants', { params: { id: eventId } });
    expect(list.body.items.every((p) => !p.attended && p.absentDates.includes('2025-04-08'))).toBe(true);
    expect((await callRoute(ctx, 'eventSummary', { params: { id: eventId } })).body.participants.total).toBe(0);
  });

  it('refuses a day outside the event (422), a trainer of other events (403) and a viewer (403), changing nothing', async () => {
    expect((await callRoute(ctx, 'setDayAttendance', { params: { id: eventId }, body: { date: '2025-04-10', present: true } })).status).toBe(422);
    const other = await make.event(ctx, { startDate: '2025-05-01', endDate: '2025-05-01' });
    expect((await callRoute(ctx, 'setDayAttendance', { params: { id: other.id }, body: { date: '2025-05-01', present: true } }, 'trainer')).status).toBe(403);
    expect((await callRoute(ctx, 'setDayAttendance', { params: { id: eventId }, body: { date: '2025-04-07', present: true } }, 'viewer')).status).toBe(403);
    const list = await callRoute(ctx, 'listParticipants', { params: { id: eventId } });
    expect(list.body.items.every((p) => !p.presentDates.includes('2025-04-07') && !p.presentDates.includes('2025-04-10'))).toBe(true);
  });
});
