import type { Db } from '../../db/database.js';
import { ruleViolation } from '../../http/errors.js';
import { assertAllowance, countAgainst, type AddressLimit } from '../address-limits/index.js';
import { normalizeCode, participantRef, pickListNames } from './assessments.names.js';
import * as repo from './assessments.repository.js';

/**
 * Who is sending through a public link of an event (a test's, or the event's questionnaire): the
 * pick-list of first names with per-link references, or a personal code. Shared by every public
 * form of an event, so that a participant names themselves the same way everywhere.
 */

/** What a link knows to name its participants: its event, and its own key for the references. */
export type EventLink = { eventId: string; refKey: string };

/** A participant of the event as a public link sees them (the caller shows the public only `pickList`). */
export type LinkParticipant = repo.EventParticipantRow;

/**
 * Names and codes that match nobody, per address: a few typing mistakes pass, guessing codes does not
 * (with 31⁶ codes, 30 guesses per 10 minutes find one of 40 participants' codes once in ~700 years).
 * One allowance for every public link, since the codes are the same on all of an event's links.
 */
export const WRONG_PARTICIPANT_LIMIT: AddressLimit = {
  name: 'take-wrong-participant',
  limit: 30,
  windowSeconds: 600,
  message: 'Too many wrong names or codes from this network address; wait a few minutes and try again',
};

/** The event's participants (role participant), sorted by name. */
export const linkParticipants = (db: Db, eventId: string): Promise<LinkParticipant[]> => repo.participantsOfEvent(db, eventId);

/** The names of the pick-list with their per-link references, sorted by name. */
export function pickList(refKey: string, participants: readonly LinkParticipant[]) {
  const names = pickListNames(participants.map((p) => ({ key: p.participation_id, fullName: p.full_name })));
  return participants
    .map((p) => ({ participationId: p.participation_id, ref: participantRef(refKey, p.participation_id), name: names.get(p.participation_id) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** How a sender names themselves: the `ref` of the name they picked, or their personal code. */
export type LinkSender = { participant?: string; personalCode?: string };

async function findSender(db: Db, link: EventLink, sender: LinkSender): Promise<LinkParticipant | undefined> {
  const participants = await linkParticipants(db, link.eventId);
  if (sender.personalCode !== undefined) {
    const id = await repo.participationByCode(db, link.eventId, normalizeCode(sender.personalCode));
    return participants.find((p) => p.participation_id === id);
  }
  return participants.find((p) => participantRef(link.refKey, p.participation_id) === sender.participant);
}

/**
 * The participant who sends through the link. An address that named nobody too often is refused
 * (429) even before it guesses right; a name or code that matches nobody is counted against it and
 * refused (422, on the field that was wrong).
 */
export async function identifySender(db: Db, link: EventLink, address: string, sender: LinkSender): Promise<LinkParticipant> {
  await assertAllowance(db, WRONG_PARTICIPANT_LIMIT, address);
  const found = await findSender(db, link, sender);
  if (found) return found;
  await countAgainst(db, WRONG_PARTICIPANT_LIMIT, address);
  const byCode = sender.personalCode !== undefined;
  throw ruleViolation(byCode ? 'No participant of this event has this code; check it and try again' : 'This name is not on the list any more; pick it again', [
    { path: byCode ? 'personalCode' : 'participant', message: 'Not on the list' },
  ]);
}

/** A person's place at the event, with their name, country, sex and organisation type; undefined when they are not on its list. */
export async function eventParticipation(db: Db, eventId: string, personId: string) {
  return repo.findParticipation(db, eventId, personId);
}
