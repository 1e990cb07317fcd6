import type { LinkIdentification } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { ruleViolation } from '../../http/errors.js';
import { reserveFailure, type FailureAllowance } from '../address-limits/index.js';
import { normalizeCode, participantRef, pickListNames } from './assessments.names.js';
import * as repo from './assessments.repository.js';

/**
 * Who is sending through a public link of an event (a test's, or the event's questionnaire): the
 * pick-list of first names with per-link references, or a personal code. Shared by every public
 * form of an event, so that a participant names themselves the same way everywhere.
 */

/**
 * What a link knows to name its participants: its event, its own key for the references, its scope
 * for the wrong-code allowance ('test:<id>', 'feedback:<id>'), and whether it takes names from the
 * list or personal codes only.
 */
export type EventLink = { eventId: string; refKey: string; scope: string; identifyBy: LinkIdentification };

/** A participant of the event as a public link sees them (the caller shows the public only `pickList`). */
export type LinkParticipant = repo.EventParticipantRow;

/**
 * Names and codes that match nobody, per network address and link: a few typing mistakes pass,
 * guessing codes does not. 30 at once, then one more every 20 seconds (180 an hour) per link; with
 * 31⁶ ≈ 887 million codes and 40 participants, that finds a code about once in 14 years of
 * guessing at one link without a pause (docs/public-links.md). Per link, so that someone who locks
 * themselves out at a venue's shared address does not lock the room out of the event's other links;
 * drained gradually, so that the room gets its tries back one by one rather than after 10 minutes.
 */
export const WRONG_PARTICIPANT_LIMIT: FailureAllowance = {
  name: 'wrong-participant',
  capacity: 30,
  drainSeconds: 20,
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

const codesOnly = () =>
  ruleViolation('This link takes personal codes only; type the code next to your name on the attendance sheet', [
    { path: 'participant', message: 'Type your personal code' },
  ]);

/**
 * The participant who sends through the link. A link that takes codes only refuses a name from the
 * list (422) before anything else. Every other attempt reserves a failure of the address's
 * allowance for this link first (429 when it is used up, even for a right code: a guesser learns
 * nothing), given back when the name or code matches someone; one that matches nobody keeps it and
 * is refused (422, on the field that was wrong).
 */
export async function identifySender(db: Db, link: EventLink, address: string, sender: LinkSender): Promise<LinkParticipant> {
  if (link.identifyBy === 'code' && sender.participant !== undefined) throw codesOnly();
  const giveBack = await reserveFailure(db, WRONG_PARTICIPANT_LIMIT, address, link.scope);
  const found = await findSender(db, link, sender);
  if (found) {
    await giveBack();
    return found;
  }
  const byCode = sender.personalCode !== undefined;
  throw ruleViolation(byCode ? 'No participant of this event has this code; check it and try again' : 'This name is not on the list any more; pick it again', [
    { path: byCode ? 'personalCode' : 'participant', message: 'Not on the list' },
  ]);
}

/** A person's place at the event, with their name, country, sex and organisation type; undefined when they are not on its list. */
export async function eventParticipation(db: Db, eventId: string, personId: string) {
  return repo.findParticipation(db, eventId, personId);
}
