import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TakeResult, TakeTest } from '@hifazat/contract';

/**
 * A test being taken through its link, kept in IndexedDB on the participant's phone as they answer,
 * so that a dropped connection, a reload or a closed tab loses nothing; one record per link. Apart
 * from the staff's queue (lib/offlineQueue.ts): nobody is signed in here.
 */

export type TakeAnswer = { optionIds?: string[]; text?: string };

export type TakeDraft = {
  token: string;
  /** The test as last read from the server: what a reload without a network shows. */
  test: TakeTest | null;
  /** Who answers: a name picked from the list… */
  participant: { ref: string; name: string } | null;
  /** …or a personal code typed. */
  personalCode: string | null;
  answers: Record<string, TakeAnswer>;
  /** Made once for this attempt on this phone: the server answers a resend as it did the first send. */
  clientId: string;
  /**
   * answering → sending (sent, the server's yes not yet heard: sent again until it comes) → sent;
   * refused when the server will not take it (answered already, link closed).
   */
  state: 'answering' | 'sending' | 'sent' | 'refused';
  result: TakeResult | null;
  refusal: 'attempt_exists' | 'link_closed' | null;
  updatedAt: string;
};

interface TakeDb extends DBSchema {
  drafts: { key: string; value: TakeDraft };
}

const DB_NAME = 'hifazat-take';
let opened: Promise<IDBPDatabase<TakeDb>> | null = null;

function database(): Promise<IDBPDatabase<TakeDb>> {
  opened ??= openDB<TakeDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('drafts', { keyPath: 'token' });
    },
  });
  return opened;
}

export async function getDraft(token: string): Promise<TakeDraft | undefined> {
  return (await database()).get('drafts', token);
}

export async function putDraft(draft: TakeDraft): Promise<void> {
  await (await database()).put('drafts', draft);
}

/** Forgets the link's record (another person takes the test on this phone). */
export async function deleteDraft(token: string): Promise<void> {
  await (await database()).delete('drafts', token);
}
