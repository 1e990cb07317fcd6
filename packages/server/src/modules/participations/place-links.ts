import type { Db } from '../../db/database.js';

/**
 * Moves what one module keeps on a person's place at an event (a graduation, test attempts, a
 * feedback "has answered", a certificate) from one place to another at the same event, keeping the
 * target's own where both have one.
 */
export type PlaceLinkMover = (db: Db, fromParticipationId: string, toParticipationId: string) => Promise<void>;

const movers = new Map<string, PlaceLinkMover>();

/**
 * Modules that hang rows on participations register here (from their index.ts), so that a merge of
 * two people who were both at one event keeps the duplicate's rows on the place kept, instead of
 * losing them with the duplicate's place. The arrow stays module → participations: this module
 * never names their tables.
 */
export function registerPlaceLinks(owner: string, move: PlaceLinkMover): void {
  movers.set(owner, move);
}

/** The modules registered (for the test that every table hanging on participations has its mover). */
export const placeLinkOwners = (): string[] => [...movers.keys()].sort();

/** Called with the merge's transaction, before the duplicate's place is deleted. */
export async function movePlaceLinks(db: Db, fromParticipationId: string, toParticipationId: string): Promise<void> {
  for (const move of movers.values()) await move(db, fromParticipationId, toParticipationId);
}
