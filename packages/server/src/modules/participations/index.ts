/**
 * Who took part in which event, with the facts of the person and the event copied on each row so
 * that reports read one table. Several modules change participations inside their own transactions
 * (an event's edit, an import, a merge of two people): they call these functions with that transaction.
 */
export * from './participations.repository.js';
// What other modules hang on a place at an event, moved when a merge joins two places (see place-links.ts).
export { movePlaceLinks, placeLinkOwners, registerPlaceLinks, type PlaceLinkMover } from './place-links.js';
