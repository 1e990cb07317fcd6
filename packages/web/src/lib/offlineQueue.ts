import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { AddParticipantBody, AttendanceBody, DayAttendanceBody, Event, Participant, ParticipantList, UpdateParticipantBody } from '@hifazat/contract';

/**
 * Changes made on this device and not yet saved on the server, kept in IndexedDB so that they
 * outlive a reload and a closed tab, and sent in the order they were made. Each carries its own
 * client id (the server applies a resent one once) and the value it was based on (the server
 * refuses it when someone else changed that value meanwhile: an `edit_conflict` to decide).
 */
export type QueuedChange = (
  | { kind: 'setAttendance'; body: AttendanceBody & { clientId: string } }
  | { kind: 'setDayAttendance'; body: DayAttendanceBody & { clientId: string } }
  /** `person`: the row shown until the server has it (what the person chose in the search). */
  | { kind: 'addParticipant'; body: AddParticipantBody & { clientId: string }; person: Participant }
  | { kind: 'updateParticipant'; personId: string; body: UpdateParticipantBody & { clientId: string } }
) & {
  /** Order of making; given by the store. */
  seq?: number;
  /** Whose change: sent only while that user is signed in. */
  userId: string;
  eventId: string;
  createdAt: string;
  /** pending: to send; conflict: refused as changed meanwhile (`current` is the server's now). */
  state: 'pending' | 'conflict';
  current?: Participant[];
};

/**
 * The event and its list as last read from the server, kept only while the event has changes in
 * the queue: what a reload without a network needs to show the register and the unsaved changes.
 */
export type EventSnapshot = { eventId: string; userId: string; event: Event; participants: ParticipantList };

interface QueueDb extends DBSchema {
  changes: { key: number; value: QueuedChange };
  snapshots: { key: string; value: EventSnapshot };
}

const DB_NAME = 'hifazat-offline';
let opened: Promise<IDBPDatabase<QueueDb>> | null = null;

function database(): Promise<IDBPDatabase<QueueDb>> {
  opened ??= openDB<QueueDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('changes', { keyPath: 'seq', autoIncrement: true });
      db.createObjectStore('snapshots', { keyPath: 'eventId' });
    },
  });
  return opened;
}

const listeners = new Set<() => void>();
// Other tabs of the app learn of changes to the queue through this channel.
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('hifazat-offline');
channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

function changed(): void {
  listeners.forEach((listener) => listener());
  channel?.postMessage('changed');
}

export function subscribeQueue(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every queued change, in the order it was made. */
export async function listChanges(): Promise<QueuedChange[]> {
  return (await database()).getAll('changes');
}

export async function addChange(change: QueuedChange): Promise<QueuedChange> {
  // The store numbers the change (its place in the order); one given by the caller is not kept.
  const rest = { ...change };
  delete rest.seq;
  const seq = await (await database()).add('changes', rest);
  changed();
  return { ...rest, seq };
}

export async function putChange(change: QueuedChange): Promise<void> {
  await (await database()).put('changes', change);
  changed();
}

/** Removes a change (saved, or given up); the event's snapshot goes with its last change. */
export async function removeChange(seq: number): Promise<void> {
  const db = await database();
  const tx = db.transaction(['changes', 'snapshots'], 'readwrite');
  const changes = tx.objectStore('changes');
  const gone = await changes.get(seq);
  await changes.delete(seq);
  if (gone && !(await changes.getAll()).some((c) => c.eventId === gone.eventId)) await tx.objectStore('snapshots').delete(gone.eventId);
  await tx.done;
  changed();
}

export async function saveSnapshot(snapshot: EventSnapshot): Promise<void> {
  await (await database()).put('snapshots', snapshot);
}

export async function getSnapshot(eventId: string, userId: string): Promise<EventSnapshot | undefined> {
  const found = await (await database()).get('snapshots', eventId);
  return found?.userId === userId ? found : undefined;
}

/** Everything queued, for tests and for a user who chooses to drop it. */
export async function clearQueue(): Promise<void> {
  const db = await database();
  await db.clear('changes');
  await db.clear('snapshots');
  changed();
}
