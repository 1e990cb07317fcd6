import { randomUUID } from 'node:crypto';
import type { ApiError, Participant } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

/** Changes queued on a device while offline carry a client id (resent safely) and the value they were based on. */
describe.each(testEngines())('changes sent with a client id and a base, on %s', (engine) => {
  let ctx: TestContext;
  let eventId: string;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    eventId = (await make.event(ctx, { startDate: '2025-04-07', endDate: '2025-04-09', status: 'held', trainerUserIds: [ctx.users.trainer.id] })).id;
  });
  afterAll(async () => ctx.close());

  const auditCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity_id', '=', eventId)
          .where('action', '=', 'participants')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const listed = async () => (await callRoute(ctx, 'listParticipants', { params: { id: eventId } })).body.items;
  const errorOf = (raw: string) => (JSON.parse(raw) as ApiError).error;
  const currentOf = (raw: string) => (errorOf(raw).current as { participants: Participant[] }).participants;

  it('adds a participant once however often the same addition is sent, and audits it once', async () => {
    const person = await make.person(ctx);
    const clientId = randomUUID();
    const before = await auditCount();
    const first = await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant', clientId } }, 'trainer');
    expect(first.status).toBe(201);
    const again = await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant', clientId } }, 'trainer');
    // The original answer, not "already on the list".
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect((await listed()).filter((p) => p.personId === person.id)).toHaveLength(1);
    expect(await auditCount()).toBe(before + 1);
    // Without the id, a second addition is still refused as before.
    expect((await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } })).status).toBe(409);
  });

  it('applies a mark once: a resend after someone else changed it answers as now and changes nothing', async () => {
    const person = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } });
    const clientId = randomUUID();
    const mark = { personId: person.id, date: '2025-04-07', present: true, basePresent: null, clientId };
    expect((await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: mark }, 'trainer')).body.presentDates).toEqual(['2025-04-07']);
    await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: { personId: person.id, date: '2025-04-07', present: false } }, 'programme_manager');
    const resent = await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: mark }, 'trainer');
    expect(resent.status).toBe(200);
    expect(resent.body.absentDates).toEqual(['2025-04-07']);
    expect(resent.body.presentDates).toEqual([]);
  });

  it('refuses a mark whose base was changed by someone else: 409 edit_conflict with the current value, nothing changed', async () => {
    const person = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } });
    await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: { personId: person.id, date: '2025-04-08', present: false } }, 'programme_manager');
    // Made offline when the day was not yet marked.
    const clientId = randomUUID();
    const queued = { personId: person.id, date: '2025-04-08', present: true, basePresent: null, clientId };
    const answer = await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: queued }, 'trainer');
    expect(answer.status).toBe(409);
    expect(errorOf(answer.raw).code).toBe('edit_conflict');
    expect(currentOf(answer.raw)).toEqual([expect.objectContaining({ personId: person.id, absentDates: ['2025-04-08'], presentDates: [] })]);
    const now = (await listed()).find((p) => p.personId === person.id);
    expect(now).toMatchObject({ absentDates: ['2025-04-08'], presentDates: [], attended: false });
    // The refused change left no record of its id: "keep mine" sends it again on the current value, and it applies.
    const kept = await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: { ...queued, basePresent: false } }, 'trainer');
    expect(kept.status).toBe(200);
    expect(kept.body.presentDates).toEqual(['2025-04-08']);
    // Someone who made the same change meanwhile is no conflict.
    const same = await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: { ...queued, basePresent: null, clientId: randomUUID() } }, 'trainer');
    expect(same.status).toBe(200);
  });

  it('refuses a participant edit whose base changed, without changing it or auditing it; the same id for another change is refused', async () => {
    const person = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } });
    await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: { role: 'trainer' } }, 'programme_manager');
    const before = await auditCount();
    const clientId = randomUUID();
    const queued = { role: 'observer' as const, base: { role: 'participant' as const }, clientId };
    const answer = await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: queued }, 'trainer');
    expect(answer.status).toBe(409);
    expect(errorOf(answer.raw)).toMatchObject({ code: 'edit_conflict', details: [{ path: 'role' }] });
    expect(currentOf(answer.raw)[0]).toMatchObject({ personId: person.id, role: 'trainer' });
    expect((await listed()).find((p) => p.personId === person.id)?.role).toBe('trainer');
    expect(await auditCount()).toBe(before);

    // Based on the current value, it applies once; resent, it is not applied or audited again.
    const edit = { role: 'observer' as const, base: { role: 'trainer' as const }, clientId };
    expect((await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: edit }, 'trainer')).body.role).toBe('observer');
    await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: { role: 'participant' } }, 'programme_manager');
    const resent = await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: edit }, 'trainer');
    expect(resent.status).toBe(200);
    expect(resent.body.role).toBe('participant');
    expect(await auditCount()).toBe(before + 2);

    const reused = await callRoute(
      ctx,
      'setAttendance',
      { params: { id: eventId }, body: { personId: person.id, date: '2025-04-09', present: true, clientId } },
      'trainer',
    );
    expect(reused.status).toBe(409);
    expect(errorOf(reused.raw).code).toBe('conflict');
    expect((await listed()).find((p) => p.personId === person.id)?.presentDates).not.toContain('2025-04-09');
  });

  it('refuses "all present" on a day when a mark it was based on changed, marking nobody; resent after applying, changes nothing', async () => {
    const people = await listed();
    const base = people.flatMap((p) => (p.personId ? [{ personId: p.personId, present: p.presentDates.includes('2025-04-09') ? true : null }] : []));
    const [first] = base;
    if (!first) throw new Error('no participants');
    await callRoute(
      ctx,
      'setAttendance',
      { params: { id: eventId }, body: { personId: first.personId, date: '2025-04-09', present: false } },
      'programme_manager',
    );
    const clientId = randomUUID();
    const answer = await callRoute(
      ctx,
      'setDayAttendance',
      { params: { id: eventId }, body: { date: '2025-04-09', present: true, base, clientId } },
      'trainer',
    );
    expect(answer.status).toBe(409);
    expect(errorOf(answer.raw).code).toBe('edit_conflict');
    expect(currentOf(answer.raw).map((p) => p.personId)).toEqual([first.personId]);
    expect((await listed()).filter((p) => p.presentDates.includes('2025-04-09'))).toEqual([]);

    const rebased = base.map((b) => (b.personId === first.personId ? { ...b, present: false } : b));
    const applied = await callRoute(
      ctx,
      'setDayAttendance',
      { params: { id: eventId }, body: { date: '2025-04-09', present: true, base: rebased, clientId } },
      'trainer',
    );
    expect(applied.status).toBe(200);
    expect(applied.body.items.every((p) => p.presentDates.includes('2025-04-09'))).toBe(true);
    await callRoute(
      ctx,
      'setAttendance',
      { params: { id: eventId }, body: { personId: first.personId, date: '2025-04-09', present: false } },
      'programme_manager',
    );
    const resent = await callRoute(
      ctx,
      'setDayAttendance',
      { params: { id: eventId }, body: { date: '2025-04-09', present: true, base: rebased, clientId } },
      'trainer',
    );
    expect(resent.status).toBe(200);
    expect(resent.body.items.find((p) => p.personId === first.personId)?.absentDates).toContain('2025-04-09');
  });
});
