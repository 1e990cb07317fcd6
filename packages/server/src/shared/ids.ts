import { v7 as uuidv7 } from 'uuid';

/** Ids are made by the application (UUIDv7: time-ordered, so inserts stay index-friendly), never by the database. */
export const newId = (): string => uuidv7();

export const nowIso = (): string => new Date().toISOString();
