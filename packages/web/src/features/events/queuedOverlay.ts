import type { Participant, ParticipantList } from '@hifazat/contract';
import type { QueuedChange } from '../../lib/offlineQueue';

/** The participant list as it will be once the queued changes are saved, and which cells and rows are not saved yet. */
export type Overlaid = {
  list: ParticipantList;
  /** `${personId}|${date}` of marks not saved yet. */
  pendingCells: Set<string>;
  /** Participants added or edited, not saved yet. */
  pendingRows: Set<string>;
};

export const cellKey = (personId: string, date: string) => `${personId}|${date}`;

function mark(p: Participant, date: string, present: boolean): Participant {
  const presentDates = p.presentDates.filter((d) => d !== date);
  const absentDates = p.absentDates.filter((d) => d !== date);
  if (present) presentDates.push(date);
  else absentDates.push(date);
  // Once the register holds a day, the days decide whether the person attended (as the server counts).
  return { ...p, presentDates, absentDates, attended: presentDates.length > 0 };
}

/**
 * Applies the event's queued changes, in order, to the list the server sent. A change in conflict
 * is left out (the server's value shows, with the choice beside it), as is one for someone not on
 * the list any more.
 */
export function applyQueued(list: ParticipantList, changes: QueuedChange[]): Overlaid {
  const pendingCells = new Set<string>();
  const pendingRows = new Set<string>();
  let items = list.items;
  for (const change of changes) {
    if (change.state !== 'pending') continue;
    switch (change.kind) {
      case 'setAttendance': {
        const { personId, date, present } = change.body;
        items = items.map((p) => (p.personId === personId ? mark(p, date, present) : p));
        pendingCells.add(cellKey(personId, date));
        break;
      }
      case 'setDayAttendance': {
        const { date, present } = change.body;
        items = items.map((p) => {
          if (p.personId === null) return p;
          pendingCells.add(cellKey(p.personId, date));
          return mark(p, date, present);
        });
        break;
      }
      case 'addParticipant':
        if (!items.some((p) => p.personId === change.body.personId)) items = [...items, change.person];
        pendingRows.add(change.body.personId);
        break;
      case 'updateParticipant': {
        const { role, attended } = change.body;
        items = items.map((p) => {
          if (p.personId !== change.personId) return p;
          const attendedDirect = attended ?? p.attendedDirect;
          const hasDays = p.presentDates.length + p.absentDates.length > 0;
          return { ...p, role: role ?? p.role, attendedDirect, attended: hasDays ? p.presentDates.length > 0 : attendedDirect };
        });
        pendingRows.add(change.personId);
        break;
      }
    }
  }
  return { list: { ...list, items }, pendingCells, pendingRows };
}
