import type { Participant, ParticipantList } from '@hifazat/contract';
import { api, isApiError, isNetworkError } from './api';
import { newClientId } from './clientId';
import { addChange, listChanges, putChange, removeChange, type QueuedChange } from './offlineQueue';

/**
 * Sends the queued changes (offlineQueue.ts) to the server one after the other, in the order they
 * were made: at once when a change is made, when the browser says it is online again, and on a
 * timer that waits longer after each failed try (2 s, 4 s … up to a minute).
 */

/** What became of a change: on the server, kept on the device for later, or refused as changed meanwhile. */
export type Outcome = 'saved' | 'queued' | 'conflict';
/** A new change: the queue gives it its order, time, user and state. */
export type NewChange = QueuedChange extends infer C ? (C extends QueuedChange ? Omit<C, 'seq' | 'userId' | 'createdAt' | 'state' | 'current'> : never) : never;

type Hooks = {
  userId: string;
  /** The server has the change; `answer` is what it answered (none for an addition already on the list). */
  onSaved: (change: QueuedChange, answer: Participant | ParticipantList | undefined) => void;
  /** A change the server refused for good (and nobody waited for it): it is dropped and the person told. */
  onRefused: (change: QueuedChange, error: unknown) => void;
  /**
   * Refused as changed meanwhile: `now` is those participants as the server has them, for the list
   * to show (the list read before going offline still has the value someone else changed).
   */
  onConflict: (change: QueuedChange, now: Participant[]) => void;
};

let hooks: Hooks | null = null;
let running: Promise<void> | null = null;
let again = false;
let failures = 0;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
const waiters = new Map<string, { resolve: (outcome: Outcome) => void; reject: (error: unknown) => void }>();

const clientIdOf = (change: QueuedChange) => change.body.clientId;

function settle(change: QueuedChange, outcome: Outcome | { error: unknown }): boolean {
  const waiter = waiters.get(clientIdOf(change));
  if (!waiter) return false;
  waiters.delete(clientIdOf(change));
  if (typeof outcome === 'string') waiter.resolve(outcome);
  else waiter.reject(outcome.error);
  return true;
}

function send(change: QueuedChange): Promise<Participant | ParticipantList> {
  const params = { id: change.eventId };
  switch (change.kind) {
    case 'setAttendance':
      return api.call('setAttendance', { params, body: change.body });
    case 'setDayAttendance':
      return api.call('setDayAttendance', { params, body: change.body });
    case 'addParticipant':
      return api.call('addParticipant', { params, body: change.body });
    case 'updateParticipant':
      return api.call('updateParticipant', { params: { ...params, personId: change.personId }, body: change.body });
  }
}

/**
 * Not refused, only not answered or not yet allowed (signed out, busy, two tabs sending the same
 * change at once: the server's plain `conflict`): the change stays and is tried again later.
 */
const tryLater = (error: unknown) =>
  isNetworkError(error) || (isApiError(error) && (error.status === 401 || error.status === 429 || error.status >= 500 || error.code === 'conflict'));

function currentParticipants(error: unknown): Participant[] {
  if (!isApiError(error) || typeof error.current !== 'object' || error.current === null || !('participants' in error.current)) return [];
  const { participants } = error.current;
  return Array.isArray(participants) ? (participants as Participant[]) : [];
}

function scheduleRetry(): void {
  clearTimeout(retryTimer);
  const delay = Math.min(60_000, 2000 * 2 ** failures) * (0.75 + Math.random() * 0.5);
  failures += 1;
  retryTimer = setTimeout(() => void flush(), delay);
}

async function drain(): Promise<void> {
  for (;;) {
    const current = hooks;
    if (!current) return;
    const next = (await listChanges()).find((c) => c.state === 'pending' && c.userId === current.userId);
    if (!next || next.seq === undefined) return;
    try {
      const answer = await send(next);
      await removeChange(next.seq);
      failures = 0;
      current.onSaved(next, answer);
      settle(next, 'saved');
    } catch (error) {
      if (next.kind === 'addParticipant' && isApiError(error) && error.code === 'conflict') {
        // Already on the list (someone else added the same person meanwhile, or another tab sent it): done.
        await removeChange(next.seq);
        current.onSaved(next, undefined);
        settle(next, 'saved');
      } else if (tryLater(error)) {
        // Everyone waiting learns that their change is kept on the device; it goes when the server answers.
        for (const change of await listChanges()) settle(change, 'queued');
        scheduleRetry();
        return;
      } else if (isApiError(error) && error.code === 'edit_conflict') {
        const now = currentParticipants(error);
        await putChange({ ...next, state: 'conflict', current: now });
        current.onConflict(next, now);
        settle(next, 'conflict');
      } else {
        await removeChange(next.seq);
        if (!settle(next, { error })) current.onRefused(next, error);
      }
    }
  }
}

/** Sends what is queued now; a call while sending makes one more pass afterwards. */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  clearTimeout(retryTimer);
  running = drain().finally(() => {
    running = null;
    if (again) {
      again = false;
      void flush();
    }
  });
  return running;
}

/** Queues a change and sends it: resolves when the server has it, or when it is kept for later; rejects when the server refused it. */
export async function submit(change: NewChange): Promise<Outcome> {
  const outcome = new Promise<Outcome>((resolve, reject) => waiters.set(change.body.clientId, { resolve, reject }));
  if (!hooks) throw new Error('offline sync not started');
  await addChange({ ...change, userId: hooks.userId, createdAt: new Date().toISOString(), state: 'pending' } as QueuedChange);
  void flush();
  return outcome;
}

/** Starts sending for the signed-in user; the returned function stops. */
export function startSync(next: Hooks): () => void {
  hooks = next;
  failures = 0;
  const online = () => {
    failures = 0;
    void flush();
  };
  window.addEventListener('online', online);
  void flush();
  return () => {
    window.removeEventListener('online', online);
    clearTimeout(retryTimer);
    if (hooks === next) hooks = null;
  };
}

/** A conflict decided: "keep mine" sends the change again on the server's value now; "keep theirs" drops it. */
export async function resolveConflict(change: QueuedChange, keep: 'mine' | 'theirs'): Promise<void> {
  if (change.seq === undefined) return;
  if (keep === 'theirs') {
    if (change.kind === 'setDayAttendance') {
      // The day's mark still goes for everyone else on the list: one mark each, queued now.
      await keepDayForOthers(change);
    }
    await removeChange(change.seq);
    return;
  }
  const now = change.current ?? [];
  const newId = newClientId();
  const rebased = ((): QueuedChange => {
    switch (change.kind) {
      case 'setAttendance': {
        const p = now.find((x) => x.personId === change.body.personId);
        return { ...change, body: { ...change.body, clientId: newId, basePresent: p ? markOf(p, change.body.date) : change.body.basePresent } };
      }
      case 'setDayAttendance': {
        const base = (change.body.base ?? []).map((b) => {
          const p = now.find((x) => x.personId === b.personId);
          return p ? { personId: b.personId, present: markOf(p, change.body.date) } : b;
        });
        return { ...change, body: { ...change.body, clientId: newId, base } };
      }
      case 'updateParticipant': {
        const p = now.find((x) => x.personId === change.personId);
        const base = p
          ? { ...(change.body.role !== undefined ? { role: p.role } : {}), ...(change.body.attended !== undefined ? { attended: p.attendedDirect } : {}) }
          : change.body.base;
        return { ...change, body: { ...change.body, clientId: newId, base } };
      }
      case 'addParticipant':
        return change;
    }
  })();
  // A new client id: the refused one was not recorded by the server, but a new decision is a new change.
  await putChange({ ...rebased, state: 'pending', current: undefined });
  void flush();
}

async function keepDayForOthers(change: Extract<QueuedChange, { kind: 'setDayAttendance' }>): Promise<void> {
  const theirs = new Set((change.current ?? []).map((p) => p.personId));
  for (const b of change.body.base ?? []) {
    if (theirs.has(b.personId)) continue;
    await addChange({
      kind: 'setAttendance',
      eventId: change.eventId,
      userId: change.userId,
      createdAt: new Date().toISOString(),
      state: 'pending',
      body: { personId: b.personId, date: change.body.date, present: change.body.present, basePresent: b.present, clientId: newClientId() },
    });
  }
  void flush();
}

/** A participant's mark of one day: true present, false absent, null not marked. */
export function markOf(p: Pick<Participant, 'presentDates' | 'absentDates'>, date: string): boolean | null {
  return p.presentDates.includes(date) ? true : p.absentDates.includes(date) ? false : null;
}

/** The list with a saved change's answer in it, so that the grid shows the server's value before the list is read again. */
export function withAnswer(list: ParticipantList, answer: Participant | ParticipantList | undefined): ParticipantList {
  if (!answer) return list;
  if ('items' in answer) return answer;
  const at = list.items.findIndex((p) => p.personId === answer.personId);
  if (at < 0) return { ...list, items: [...list.items, answer] };
  return { ...list, items: list.items.map((p, i) => (i === at ? answer : p)) };
}
