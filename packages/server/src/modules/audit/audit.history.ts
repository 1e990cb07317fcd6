import type { HistoryEntry, HistoryRef } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { seesCountry, seesOrganizationCountry, seesUserCountries, type Actor } from '../../http/permissions.js';
import { findRecordFacts, type RecordFacts, type RecordType } from './audit.repository.js';

/**
 * History as a reader sees it: the audit entries hold ids (and never change), so the records they
 * refer to are named when the history is read, and only for readers who may see them.
 */

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const ONE_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** What a note says in place of the id of a record the reader may not see. */
export const HIDDEN_IN_NOTE = '[hidden]';

/** Fields whose values are records (objects with an id) or ids, and the type of those records. */
const REF_FIELDS: Record<string, RecordType> = {
  organization: 'organization',
  organizers: 'organization',
  partners: 'organization',
  organizationId: 'organization',
  trainers: 'user',
  trainerUserIds: 'user',
  programmeId: 'programme',
  personId: 'person',
  eventId: 'event',
};

const idIn = (value: unknown): string | null => {
  if (typeof value === 'string') return ONE_UUID.test(value) ? value : null;
  if (typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string') return value.id;
  return null;
};
const valuesOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]);

/** The ids an entry refers to: its author, `participant:<id>` keys, record-valued fields, ids in its note. */
function idsOf(entry: HistoryEntry): string[] {
  const ids: string[] = [];
  if (entry.userId) ids.push(entry.userId);
  for (const [key, change] of Object.entries(entry.changes)) {
    if (key.startsWith('participant:')) ids.push(key.slice('participant:'.length));
    if (key in REF_FIELDS) for (const v of [...valuesOf(change.from), ...valuesOf(change.to)]) ids.push(idIn(v) ?? '');
  }
  for (const match of entry.note?.matchAll(UUID) ?? []) ids.push(match[0]);
  return ids.filter((id) => id !== '' && !id.startsWith('hidden-'));
}

/** Whether the reader may see the record: each type by the rule its own pages use. */
export function seesRecord(actor: Actor, facts: RecordFacts): boolean {
  switch (facts.type) {
    case 'person':
    case 'event':
      return seesCountry(actor, facts.countryCode);
    case 'organization':
      return seesOrganizationCountry(actor, facts.countryCode);
    case 'user':
      return seesUserCountries(actor, facts.countries);
    case 'programme':
      return actor.countries === null || (facts.countries ?? []).length === 0 || (facts.countries ?? []).some((c) => actor.countries?.includes(c));
  }
}

/** A value with records the reader may not see masked: `{ hidden: true }` in place of a record, ids left out. */
function maskValue(value: unknown, hidden: (id: string) => boolean): unknown {
  if (Array.isArray(value)) {
    return value.flatMap((v) => {
      const id = idIn(v);
      if (!id || !hidden(id)) return [v];
      return typeof v === 'string' ? [] : [{ hidden: true }];
    });
  }
  const id = idIn(value);
  return id && hidden(id) ? { hidden: true } : value;
}

/**
 * Names the records `items` refer to (in `refs`), for `actor`: records of countries they do not work
 * in are left out of `refs`, masked in the changes, cut from the note, and an author they may not see
 * is not named. Callers mask what only they know first (an event's participants).
 */
export async function presentHistory(db: Db, actor: Actor, items: HistoryEntry[]): Promise<HistoryEntry[]> {
  const facts = await findRecordFacts(db, items.flatMap(idsOf));
  const visible = (id: string) => {
    const f = facts.get(id);
    return f !== undefined && seesRecord(actor, f);
  };
  // An id nothing is known of (no record, no entry removing it) is hidden from users limited to some countries.
  const hidden = (id: string) => !visible(id) && (actor.countries !== null || facts.has(id));
  return items.map((entry) => {
    const refs: Record<string, HistoryRef> = {};
    for (const id of idsOf(entry)) {
      const f = facts.get(id);
      if (f && seesRecord(actor, f)) refs[id] = { type: f.type, name: f.exists ? f.name : null, exists: f.exists };
    }
    const changes: HistoryEntry['changes'] = {};
    for (const [key, change] of Object.entries(entry.changes)) {
      changes[key] = key in REF_FIELDS ? { from: maskValue(change.from, hidden), to: maskValue(change.to, hidden) } : change;
    }
    const authorHidden = entry.userId !== null && hidden(entry.userId);
    return {
      ...entry,
      userId: authorHidden ? null : entry.userId,
      userName: authorHidden ? null : entry.userName,
      userHidden: authorHidden,
      changes,
      note: entry.note?.replace(UUID, (id) => (hidden(id) ? HIDDEN_IN_NOTE : id)) ?? null,
      refs,
    };
  });
}
