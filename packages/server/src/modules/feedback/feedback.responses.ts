import { randomInt, randomUUID } from 'node:crypto';
import {
  likertScale,
  type ErrorDetail,
  type FeedbackAnswerInput,
  type FeedbackReceipt,
  type PublicFeedbackForm,
  type PublicFeedbackResponseBody,
  type StaffFeedbackResponseBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { AppError, conflict, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { nowIso } from '../../shared/ids.js';
import { countRequest, type AddressLimit } from '../address-limits/index.js';
import { eventParticipation, identifySender, linkParticipants, pickList, withRaceExplained } from '../assessments/index.js';
import * as repo from './feedback.repository.js';
import { getEditableForm, presentItem } from './feedback.service.js';

/**
 * Responses to questionnaires: anonymous, but one per participant.
 *
 * Who answered and what they said are kept apart, and nothing joins them:
 * - `feedback_answered` (form, participation, client id, source) says only that this participation
 *   has answered; it has no time at all.
 * - `feedback_responses` and `feedback_answers` hold what was said, with the form, the day (not the
 *   moment) and the respondent's sex and organisation type copied at submission, for breakdowns.
 *   Their ids are random (UUIDv4): a UUIDv7, like every other id here, would carry the millisecond.
 * - The two share no column but the form, which every response of the event shares.
 * - Order does not join them either. Rows of a table sit in the order they were written (SQLite's
 *   rowid, PostgreSQL's ctid, and its xmin, the id of the writing transaction), so the nth response
 *   and the nth "has answered" record would belong together. Each submission therefore takes the
 *   questionnaire's existing responses (up to MIX_SIZE of them, drawn at random), deletes them and
 *   writes them again together with the new one, in a random order, in the same transaction as the
 *   "has answered" record: afterwards the new response is one of many written at the same moment,
 *   in no particular order.
 * - No history entry, no log line names a respondent with a response.
 * What remains: someone who copies the database between two submissions sees what changed, and the
 *   pages SQLite and PostgreSQL freed may hold old copies until they are reused or vacuumed. And sex
 *   with organisation type on a response can single out the one respondent of a rare kind to whoever
 *   reads the table itself; the API shows figures only for groups of at least 5 (feedback.results.ts).
 * A resend is recognised by its client id on the "has answered" record, and answered with a receipt
 * that says nothing of the response (`{ clientId, received }`), so no lookup ever crosses over.
 */

/** Responses written again with each new one: all of a questionnaire's up to this many, a random draw beyond. */
export const MIX_SIZE = 200;

/**
 * Requests to the public routes per network address. A room of participants often shares one
 * address (the venue's Wi-Fi), so the allowance is a room's worth, as for tests.
 */
export const FEEDBACK_LIMIT: AddressLimit = {
  name: 'feedback',
  limit: 600,
  windowSeconds: 600,
  message: 'Too many requests from this network address; wait a few minutes and send again',
};

const linkClosed = () => new AppError('link_closed', 'This questionnaire is closed; ask your trainer');
const answeredAlready = (message: string) => new AppError('attempt_exists', message);

/** Fisher–Yates with the system's secure random (Knuth, TAOCP vol. 2, 3.4.2, algorithm P). */
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
  return list;
}

/** The answers as stored, after checking each against its item: a Likert point, one of the item's options, or text. */
function answerRows(items: readonly repo.ItemRow[], answers: readonly FeedbackAnswerInput[], responseId: string): repo.AnswerRow[] {
  const byId = new Map(items.map((i) => [i.item_id, i]));
  const problems: ErrorDetail[] = [];
  const rows = answers.map((a, i): repo.AnswerRow => {
    const item = byId.get(a.itemId);
    const path = `answers.${i}`;
    if (!item) problems.push({ path: `${path}.itemId`, message: 'Not an item of this questionnaire' });
    else if (item.kind === 'likert' && a.value === undefined) problems.push({ path: `${path}.value`, message: 'A Likert item takes a value from 1 to 5' });
    else if (item.kind === 'choice' && (a.optionId === undefined || !item.options.some((o) => o.id === a.optionId))) {
      problems.push({ path: `${path}.optionId`, message: 'Not an option of this item' });
    } else if (item.kind === 'text' && a.text === undefined) problems.push({ path: `${path}.text`, message: 'A free-text item takes text' });
    return { response_id: responseId, item_id: a.itemId, value: a.value ?? null, option_id: a.optionId ?? null, text: a.text ?? null };
  });
  if (problems.length > 0) throw invalid('The answers do not fit the items of this questionnaire', problems);
  return rows;
}

type NewResponse = {
  form: repo.FormRow;
  participant: { participationId: string; sex: repo.ResponseRow['respondent_sex']; organizationType: repo.ResponseRow['respondent_organization_type'] };
  answers: repo.AnswerRow[];
  responseId: string;
  answered: Pick<repo.AnsweredRow, 'client_id' | 'source' | 'entered_by'>;
  /** The refusal when this participation has answered already (with another client id). */
  refusal: () => AppError;
};

const receipt = (clientId: string | null): FeedbackReceipt => ({ clientId, received: true });

/**
 * Stores a response and the "has answered" record in the caller's transaction (see the top of this
 * file for why the form's responses are written again). Answers the receipt; a participation that
 * has answered already gets the same receipt when this is a resend (its client id), else a refusal.
 */
async function storeResponse(trx: Db, r: NewResponse): Promise<FeedbackReceipt> {
  await repo.lockForm(trx, r.form.id);
  const existing = await repo.findAnswered(trx, r.form.id, r.participant.participationId);
  if (existing) {
    if (r.answered.client_id !== null && existing.client_id === r.answered.client_id) return receipt(existing.client_id);
    throw r.refusal();
  }
  await repo.insertAnswered(trx, { form_id: r.form.id, participation_id: r.participant.participationId, ...r.answered });

  const response: repo.ResponseRow = {
    id: r.responseId,
    form_id: r.form.id,
    answered_on: nowIso().slice(0, 10),
    respondent_sex: r.participant.sex,
    respondent_organization_type: r.participant.organizationType,
  };
  const earlier = await repo.responsesOfForm(trx, r.form.id);
  const mixed = shuffle(earlier).slice(0, MIX_SIZE - 1);
  const mixedAnswers = await repo.answersOfResponses(
    trx,
    mixed.map((m) => m.id),
  );
  await repo.deleteResponses(
    trx,
    mixed.map((m) => m.id),
  );
  const order = shuffle([...mixed, response]);
  const answersOf = new Map<string, repo.AnswerRow[]>(order.map((o) => [o.id, []]));
  for (const a of [...mixedAnswers, ...r.answers]) answersOf.get(a.response_id)?.push(a);
  await repo.insertResponses(
    trx,
    order,
    order.flatMap((o) => answersOf.get(o.id) ?? []),
  );
  return receipt(r.answered.client_id);
}

// Filling in through the public link

/** The questionnaire of a link, open or not; an unknown token answers 404. */
async function formOfLink(db: Db, token: string) {
  const form = await repo.findFormByToken(db, token);
  if (!form) throw notFound('Feedback link');
  return form;
}

export async function getPublicFeedback(db: Db, token: string, address: string): Promise<PublicFeedbackForm> {
  await countRequest(db, FEEDBACK_LIMIT, address);
  const form = await formOfLink(db, token);
  if (!toBoolean(form.link_open)) throw linkClosed();
  const [version, items, participants] = await Promise.all([
    repo.findVersion(db, form.version_id),
    repo.itemsOfVersions(db, [form.version_id]),
    linkParticipants(db, form.event_id),
  ]);
  return {
    event: { title: form.event_title },
    form: { title: { en: version?.title_en ?? '', ur: version?.title_ur ?? null } },
    scale: likertScale.map((p) => ({ value: p.value, text: p.text })),
    items: (items.get(form.version_id) ?? []).map(presentItem),
    participants: pickList(form.ref_key, participants).map(({ ref, name }) => ({ ref, name })),
  };
}

/**
 * A questionnaire sent through the public link. The same questionnaire sent again (its `clientId`) is
 * answered as the first time, even after the link was closed (it did arrive); another by the same
 * person is refused. Not written to the history: nobody on the staff made it.
 */
export async function submitPublicFeedback(db: Db, token: string, address: string, body: PublicFeedbackResponseBody): Promise<FeedbackReceipt> {
  await countRequest(db, FEEDBACK_LIMIT, address);
  const form = await formOfLink(db, token);
  const replay = async (reader: Db): Promise<FeedbackReceipt | undefined> => {
    const found = await repo.findAnsweredByClientId(reader, body.clientId);
    if (!found) return undefined;
    if (found.form_id !== form.id) {
      throw conflict('This submission id was already used for another questionnaire', [{ path: 'clientId', message: 'Already used' }]);
    }
    return receipt(found.client_id);
  };
  const replayed = await replay(db);
  if (replayed) return replayed;
  if (!toBoolean(form.link_open)) throw linkClosed();
  const items = (await repo.itemsOfVersions(db, [form.version_id])).get(form.version_id) ?? [];
  const responseId = randomUUID();
  const answers = answerRows(items, body.answers, responseId);
  const sender = await identifySender(db, { eventId: form.event_id, refKey: form.ref_key, scope: `feedback:${form.id}`, identifyBy: 'list' }, address, body);
  const refusal = () => answeredAlready('You have answered this questionnaire already; one per person');
  return withRaceExplained(
    () =>
      db.transaction().execute((trx) =>
        storeResponse(trx, {
          form,
          participant: { participationId: sender.participation_id, sex: sender.person_sex, organizationType: sender.organization_type },
          answers,
          responseId,
          answered: { client_id: body.clientId, source: 'link', entered_by: null },
          refusal,
        }),
      ),
    async () => {
      const again = await replay(db);
      if (again) return again;
      if (await repo.findAnswered(db, form.id, sender.participation_id)) throw refusal();
      return undefined;
    },
  );
}

// Paper questionnaires typed in by staff

export async function createStaffFeedbackResponse(db: Db, actor: Actor, eventId: string, body: StaffFeedbackResponseBody): Promise<FeedbackReceipt> {
  const form = await getEditableForm(db, actor, eventId);
  const place = await eventParticipation(db, eventId, body.personId);
  const replay = async (reader: Db): Promise<FeedbackReceipt | undefined> => {
    if (!body.clientId) return undefined;
    const found = await repo.findAnsweredByClientId(reader, body.clientId);
    if (!found) return undefined;
    if (found.form_id !== form.id || found.participation_id !== place?.id) {
      throw conflict('This change id was already used for another change', [{ path: 'clientId', message: 'Already used' }]);
    }
    return receipt(found.client_id);
  };
  const replayed = await replay(db);
  if (replayed) return replayed;
  // Someone of a country the user does not work in is nobody they can type a questionnaire for.
  if (!place || !seesCountry(actor, place.country_code) || place.role !== 'participant') {
    throw ruleViolation('This person is not a participant of the event', [{ path: 'personId', message: 'Not a participant' }]);
  }
  const items = (await repo.itemsOfVersions(db, [form.version_id])).get(form.version_id) ?? [];
  const responseId = randomUUID();
  const answers = answerRows(items, body.answers, responseId);
  const refusal = () => answeredAlready(`${place.full_name} has answered this event's questionnaire already; one per person`);
  return withRaceExplained(
    () =>
      db.transaction().execute((trx) =>
        storeResponse(trx, {
          form,
          participant: { participationId: place.id, sex: place.person_sex, organizationType: place.organization_type },
          answers,
          responseId,
          answered: { client_id: body.clientId ?? null, source: 'paper', entered_by: actor.id },
          refusal,
        }),
      ),
    async () => {
      const again = await replay(db);
      if (again) return again;
      if (await repo.findAnswered(db, form.id, place.id)) throw refusal();
      return undefined;
    },
  );
}
