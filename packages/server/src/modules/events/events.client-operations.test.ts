import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { deleteClientOperationsBefore, findClientOperation, insertClientOperation } from './events.repository.js';
import { CLIENT_OPERATION_RETENTION_DAYS, pruneClientOperations } from './events.service.js';

const DAY_MS = 86_400_000;

/** `client_operations` keeps a change's client id for 30 days, then forgets it: the table does not grow for ever. */
describe.each(testEngines())('client ids forgotten after the retention period, on %s', (engine) => {
  let ctx: TestContext;
  let eventId: string;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    eventId = (await make.event(ctx, { startDate: '2025-05-05', endDate: '2025-05-06', status: 'held', trainerUserIds: [ctx.users.trainer.id] })).id;
  });
  afterAll(async () => ctx.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const ago = (days: number, from = Date.now()) => new Date(from - days * DAY_MS).toISOString();
  const recorded = (clientId: string, createdAt: string) =>
    insertClientOperation(ctx.db, {
      client_id: clientId,
      user_id: ctx.users.trainer.id,
      route: 'setAttendance',
      event_id: eventId,
      person_id: null,
      created_at: createdAt,
    });
  const backdate = (clientId: string, createdAt: string) =>
    ctx.db.updateTable('client_operations').set({ created_at: createdAt }).where('client_id', '=', clientId).execute();
  const known = async (ids: string[]) => {
    const found = await Promise.all(ids.map((id) => findClientOperation(ctx.db, id)));
    return ids.filter((_, i) => found[i] !== undefined);
  };
  const auditCount = async () =>
    Number(
      (
        await ctx.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('the repository forgets the ids recorded before the time given and keeps the others', async () => {
    const [older, old, recent, now] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await recorded(older, ago(400));
    await recorded(old, ago(31));
    await recorded(recent, ago(29));
    await recorded(now, ago(0));
    expect(await deleteClientOperationsBefore(ctx.db, ago(30))).toBe(2);
    expect(await known([older, old, recent, now])).toEqual([recent, now]);
    expect(await deleteClientOperationsBefore(ctx.db, ago(30))).toBe(0);
  });

  it(`forgets ids older than ${CLIENT_OPERATION_RETENTION_DAYS} days; a change resent within them is still applied once`, async () => {
    expect(CLIENT_OPERATION_RETENTION_DAYS).toBe(30);
    const person = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } });
    // Sent from a device 29 days ago (its answer lost), and another 31 days ago.
    const edit = { role: 'observer' as const, base: { role: 'participant' as const }, clientId: randomUUID() };
    expect((await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: edit }, 'trainer')).body.role).toBe('observer');
    await backdate(edit.clientId, ago(29));
    const mark = { personId: person.id, date: '2025-05-05', present: true, basePresent: null, clientId: randomUUID() };
    expect((await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body: mark }, 'trainer')).status).toBe(200);
    await backdate(mark.clientId, ago(31));

    expect(await pruneClientOperations(ctx.db)).toBeGreaterThanOrEqual(1);
    expect(await known([edit.clientId, mark.clientId])).toEqual([edit.clientId]);

    // Someone else changes the role; the device sends its 29-day-old edit again: answered as now, not applied again.
    await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: { role: 'trainer' } }, 'programme_manager');
    const before = await auditCount();
    const resent = await callRoute(ctx, 'updateParticipant', { params: { id: eventId, personId: person.id }, body: edit }, 'trainer');
    expect(resent.status).toBe(200);
    expect(resent.body.role).toBe('trainer');
    expect(await auditCount()).toBe(before);
  });

  it('prunes when a change with a client id comes in, at most once an hour per database', async () => {
    const person = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId: person.id, role: 'participant' } });
    const send = async (present: boolean) => {
      const body = { personId: person.id, date: '2025-05-06', present, clientId: randomUUID() };
      expect((await callRoute(ctx, 'setAttendance', { params: { id: eventId }, body }, 'trainer')).status).toBe(200);
    };
    // Two hours on: whatever earlier tests did, a prune is due.
    const start = Date.now() + 2 * 3_600_000;
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const stale = randomUUID();
    await recorded(stale, ago(31, start));
    await send(true);
    expect(await known([stale])).toEqual([]);

    // Within the hour: not again.
    const staleToo = randomUUID();
    await recorded(staleToo, ago(31, start));
    vi.setSystemTime(start + 30 * 60_000);
    await send(false);
    expect(await known([staleToo])).toEqual([staleToo]);

    // An hour later: again.
    vi.setSystemTime(start + 61 * 60_000);
    await send(true);
    expect(await known([staleToo])).toEqual([]);
  });
});
