import 'fake-indexeddb/auto';
import type { Participant, ParticipantList } from '@hifazat/contract';
import { afterEach, describe, expect, it } from 'vitest';
import { applyQueued, cellKey } from '../features/events/queuedOverlay';
import { addChange, clearQueue, getSnapshot, listChanges, removeChange, saveSnapshot, type QueuedChange } from './offlineQueue';

const EVENT = '01a2305d-0000-7000-8000-000000000001';
const AMINA = '01a2305d-0000-7000-8000-0000000000a1';
const BASHIR = '01a2305d-0000-7000-8000-0000000000b2';

const participant = (personId: string, fullName: string): Participant => ({
  personId,
  fullName,
  hidden: false,
  sex: 'female',
  designation: null,
  province: null,
  organization: null,
  role: 'participant',
  attendedDirect: false,
  presentDates: [],
  absentDates: [],
  attended: false,
});
const list: ParticipantList = { items: [participant(AMINA, 'Amina')], days: ['2025-07-14', '2025-07-15'] };

function mark(personId: string, date: string, present: boolean, clientId: string): QueuedChange {
  return {
    kind: 'setAttendance',
    eventId: EVENT,
    userId: 'u1',
    createdAt: new Date().toISOString(),
    state: 'pending',
    body: { personId, date, present, basePresent: null, clientId },
  };
}

afterEach(async () => clearQueue());

describe('the offline queue', () => {
  it('keeps changes in the order they were made, each with its own place, and removes one without touching the rest', async () => {
    await addChange(mark(AMINA, '2025-07-14', true, 'c1'));
    await addChange(mark(AMINA, '2025-07-14', false, 'c2'));
    await addChange(mark(AMINA, '2025-07-15', true, 'c3'));
    const queued = await listChanges();
    expect(queued.map((c) => c.body.clientId)).toEqual(['c1', 'c2', 'c3']);
    expect(new Set(queued.map((c) => c.seq)).size).toBe(3);
    await removeChange(queued[0]?.seq ?? -1);
    expect((await listChanges()).map((c) => c.body.clientId)).toEqual(['c2', 'c3']);
  });

  it("keeps an event's snapshot while it has changes queued, for its user only, and drops it with the last change", async () => {
    const first = await addChange(mark(AMINA, '2025-07-14', true, 'c1'));
    await saveSnapshot({ eventId: EVENT, userId: 'u1', event: { id: EVENT } as never, participants: list });
    expect((await getSnapshot(EVENT, 'u1'))?.participants).toEqual(list);
    expect(await getSnapshot(EVENT, 'someone-else')).toBeUndefined();
    await removeChange(first.seq ?? -1);
    expect(await getSnapshot(EVENT, 'u1')).toBeUndefined();
  });

  it('shows the register as it will be: later changes of a cell win, additions appear, conflicts show the server value', async () => {
    const changes: QueuedChange[] = [
      mark(AMINA, '2025-07-14', true, 'c1'),
      mark(AMINA, '2025-07-14', false, 'c2'),
      { ...mark(AMINA, '2025-07-15', true, 'c3'), state: 'conflict' },
      {
        kind: 'addParticipant',
        eventId: EVENT,
        userId: 'u1',
        createdAt: '',
        state: 'pending',
        body: { personId: BASHIR, role: 'participant', clientId: 'c4' },
        person: participant(BASHIR, 'Bashir'),
      },
      mark(BASHIR, '2025-07-15', true, 'c5'),
    ];
    const { list: shown, pendingCells, pendingRows } = applyQueued(list, changes);
    const amina = shown.items.find((p) => p.personId === AMINA);
    expect(amina?.absentDates).toEqual(['2025-07-14']);
    expect(amina?.presentDates).toEqual([]);
    expect(shown.items.find((p) => p.personId === BASHIR)).toMatchObject({ presentDates: ['2025-07-15'], attended: true });
    expect([...pendingCells].sort()).toEqual([cellKey(AMINA, '2025-07-14'), cellKey(BASHIR, '2025-07-15')].sort());
    expect([...pendingRows]).toEqual([BASHIR]);
  });
});
