import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * Records kept in IndexedDB on a phone that is not signed in (a test taken or a questionnaire filled
 * in through a public link), one per link, so that a dropped connection, a reload or a closed tab
 * loses nothing. Apart from the staff's queue (lib/offlineQueue.ts): nobody is signed in here.
 */
export type DraftStore<T extends { token: string }> = {
  get: (token: string) => Promise<T | undefined>;
  put: (draft: T) => Promise<void>;
  /** Forgets the link's record (another person answers on this phone). */
  remove: (token: string) => Promise<void>;
};

/** A store of records by link token in its own IndexedDB database, opened on first use. */
export function draftStore<T extends { token: string }>(databaseName: string): DraftStore<T> {
  interface Schema extends DBSchema {
    drafts: { key: string; value: T };
  }
  let opened: Promise<IDBPDatabase<Schema>> | null = null;
  const database = () => {
    opened ??= openDB<Schema>(databaseName, 1, {
      upgrade(db) {
        db.createObjectStore('drafts', { keyPath: 'token' });
      },
    });
    return opened;
  };
  return {
    get: async (token) => (await database()).get('drafts', token),
    put: async (draft) => {
      await (await database()).put('drafts', draft);
    },
    remove: async (token) => {
      await (await database()).delete('drafts', token);
    },
  };
}
