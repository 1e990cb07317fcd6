import type {
  Attempt,
  AttemptList,
  CreateAttemptBody,
  ErrorDetail,
  MarkAttemptBody,
  OrganizationType,
  ParticipantCodes,
  Sex,
  TakeAttemptBody,
  TakeResult,
  TakeTest,
  TestKind,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { AppError, conflict, databaseRefusal, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { seesCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { countRequest, type AddressLimit } from '../address-limits/index.js';
import { recordAudit } from '../audit/index.js';
import { getEditableEventRow, getVisibleEventRow } from '../events/index.js';
import { analyseAssessment, type AssessmentAnalysis } from './assessment.analysis.js';
import { markSheet, passedOf, percentOf, totals, type GivenAnswer, type MarkableQuestion, type MarkedAnswer, type MarkedSheet } from './assessments.marking.js';
import { identifySender, linkParticipants, pickList } from './assessments.link.js';
import { newPersonalCode } from './assessments.names.js';
import * as repo from './assessments.repository.js';
import { getEditableTest, getVisibleTest } from './assessments.service.js';

/** The questions of a test as marking needs them: pinned versions, points, options and which are correct. */
async function markableQuestions(db: Db, testId: string): Promise<MarkableQuestion[]> {
  const questions = await repo.questionsOfTest(db, testId);
  const options = await repo.optionsOfVersions(
    db,
    questions.map((q) => q.version_id),
  );
  return questions.map((q) => ({
    questionId: q.question_id,
    versionId: q.version_id,
    position: q.position,
    type: q.type,
    points: q.points,
    options: (options.get(q.version_id) ?? []).map((o) => ({ id: o.id, correct: toBoolean(o.correct) })),
  }));
}

const attemptExists = (message: string) => new AppError('attempt_exists', message);

/** 'pre' → 'pre-test', for messages. */
const kindName = (kind: TestKind) => `${kind}-test`;

function presentAttempt(row: repo.AttemptWithPerson, answers: repo.AnswerRow[], passMark: number | null, viewer: Actor): Attempt {
  // A participant of a country the viewer does not work in: scores shown, name and written answers not.
  const hidden = !seesCountry(viewer, row.country_code);
  return {
    id: row.id,
    testId: row.test_id,
    personId: hidden ? null : row.person_id,
    fullName: hidden ? null : row.full_name,
    hidden,
    source: row.source,
    score: row.score,
    maxScore: row.max_score,
    percent: percentOf(row.score, row.max_score),
    passed: passedOf(row.score, row.max_score, passMark, row.pending_marks),
    pendingMarks: row.pending_marks,
    answers: answers.map((a) => ({
      questionId: a.question_id,
      versionId: a.version_id,
      optionIds: a.option_ids,
      text: hidden ? null : a.text,
      awarded: a.awarded,
      maxPoints: a.max_points,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadAttempt(db: Db, attemptId: string, passMark: number | null, viewer: Actor): Promise<Attempt> {
  const [row] = await repo.attemptsWithPeople(db, { attemptId });
  if (!row) throw notFound('Attempt');
  const answers = await repo.answersOfAttempts(db, [attemptId]);
  return presentAttempt(row, answers.get(attemptId) ?? [], passMark, viewer);
}

const answerRows = (attemptId: string, answers: MarkedAnswer[]): repo.AnswerRow[] =>
  answers.map((a) => ({
    attempt_id: attemptId,
    question_id: a.questionId,
    version_id: a.versionId,
    position: a.position,
    option_ids: a.optionIds,
    text: a.text,
    awarded: a.awarded,
    max_points: a.maxPoints,
  }));

type NewAttempt = {
  test: repo.TestRow;
  participationId: string;
  source: 'staff' | 'link';
  clientId: string | null;
  userId: string | null;
  sheet: MarkedSheet;
};

/**
 * The answers marked against the test's questions; answers that do not fit them are refused (400).
 * Checked before anything about the person (whether they have answered already), so that a sheet
 * that would be refused anyway says nothing about them.
 */
async function markAnswers(db: Db, testId: string, answers: readonly GivenAnswer[]): Promise<MarkedSheet> {
  const { sheet, problems } = markSheet(await markableQuestions(db, testId), answers);
  if (problems.length > 0) throw invalid('The answers do not fit the questions of this test', problems);
  return sheet;
}

/** Stores the marked attempt with its answers (in the caller's transaction). */
async function storeAttempt(trx: Db, attempt: NewAttempt): Promise<{ id: string; score: number; maxScore: number; pendingMarks: number }> {
  const { sheet } = attempt;
  const id = newId();
  const now = nowIso();
  await repo.insertAttempt(trx, {
    id,
    test_id: attempt.test.id,
    participation_id: attempt.participationId,
    kind: attempt.test.kind,
    source: attempt.source,
    client_id: attempt.clientId,
    score: sheet.score,
    max_score: sheet.maxScore,
    pending_marks: sheet.pendingMarks,
    created_by: attempt.userId,
    created_at: now,
    updated_at: now,
  });
  await repo.insertAnswers(trx, answerRows(id, sheet.answers));
  return { id, score: sheet.score, maxScore: sheet.maxScore, pendingMarks: sheet.pendingMarks };
}

/**
 * Runs `write`; when the database refuses it because another request stored the same attempt
 * meanwhile (a resend racing the first send, two staff typing one sheet), runs `explain` to answer
 * as if the other had come first: the same result for a resend, `attempt_exists` otherwise.
 */
export async function withRaceExplained<T>(write: () => Promise<T>, explain: () => Promise<T | undefined>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (databaseRefusal(code) !== 'conflict') throw error;
    const answer = await explain();
    if (answer === undefined) throw error;
    return answer;
  }
}

// Staff: attempts typed in, marked, listed, deleted

export async function listAttempts(db: Db, actor: Actor, testId: string): Promise<AttemptList> {
  const { test } = await getVisibleTest(db, actor, testId);
  const rows = await repo.attemptsWithPeople(db, { testId });
  const answers = await repo.answersOfAttempts(
    db,
    rows.map((r) => r.id),
  );
  // Participants of other countries come last, so that their place in the list says nothing of their names.
  const visible = (r: repo.AttemptWithPerson) => seesCountry(actor, r.country_code);
  const ordered = [...rows.filter(visible), ...rows.filter((r) => !visible(r))];
  return { items: ordered.map((r) => presentAttempt(r, answers.get(r.id) ?? [], test.pass_mark, actor)) };
}

export async function createAttempt(db: Db, actor: Actor, testId: string, body: CreateAttemptBody): Promise<Attempt> {
  const replay = async (trx: Db): Promise<Attempt | undefined> => {
    if (!body.clientId) return undefined;
    const found = await repo.findAttemptByClientId(trx, body.clientId);
    if (!found) return undefined;
    const [row] = await repo.attemptsWithPeople(trx, { attemptId: found.id });
    if (found.test_id !== testId || row?.person_id !== body.personId) {
      throw conflict('This change id was already used for another change', [{ path: 'clientId', message: 'Already used' }]);
    }
    const { test } = await getVisibleTest(trx, actor, testId);
    return loadAttempt(trx, found.id, test.pass_mark, actor);
  };
  /** The person's attempt of this kind, if any: this very sheet (stored by a resend that got here first), or a refusal. */
  const alreadyAnswered = async (trx: Db, test: repo.TestRow, participationId: string, fullName: string): Promise<Attempt | undefined> => {
    const existing = await repo.findAttemptOf(trx, participationId, test.kind);
    if (!existing) return undefined;
    if (body.clientId !== undefined && existing.client_id === body.clientId) return loadAttempt(trx, existing.id, test.pass_mark, actor);
    throw attemptExists(`${fullName} has answered the ${kindName(test.kind)} of this event already; one attempt per person`);
  };
  return withRaceExplained(
    () =>
      db.transaction().execute(async (trx) => {
        const { test, event } = await getEditableTest(trx, actor, testId);
        const replayed = await replay(trx);
        if (replayed) return replayed;
        const sheet = await markAnswers(trx, test.id, body.answers);
        const place = await repo.findParticipation(trx, event.id, body.personId);
        // Someone of a country the user does not work in is nobody they can type a sheet for.
        if (!place || !seesCountry(actor, place.country_code) || place.role !== 'participant') {
          throw ruleViolation('This person is not a participant of the event', [{ path: 'personId', message: 'Not a participant' }]);
        }
        const resent = await alreadyAnswered(trx, test, place.id, place.full_name);
        if (resent) return resent;
        const stored = await storeAttempt(trx, {
          test,
          participationId: place.id,
          source: 'staff',
          clientId: body.clientId ?? null,
          userId: actor.id,
          sheet,
        });
        await recordAudit(trx, {
          entityType: 'test',
          entityId: testId,
          action: 'update',
          userId: actor.id,
          changes: {
            [`attempt:${stored.id}`]: {
              from: null,
              to: { source: 'staff', score: stored.score, maxScore: stored.maxScore, pendingMarks: stored.pendingMarks },
            },
          },
        });
        return loadAttempt(trx, stored.id, test.pass_mark, actor);
      }),
    async () => {
      const replayed = await replay(db);
      if (replayed) return replayed;
      const { test, event } = await getEditableTest(db, actor, testId);
      const place = await repo.findParticipation(db, event.id, body.personId);
      return place ? alreadyAnswered(db, test, place.id, place.full_name) : undefined;
    },
  );
}

/** An attempt the actor may change: of a test they may change, of a participant they may see. */
async function getEditableAttempt(db: Db, actor: Actor, attemptId: string) {
  const [row] = await repo.attemptsWithPeople(db, { attemptId });
  if (!row) throw notFound('Attempt');
  const { test } = await getVisibleTest(db, actor, row.test_id).catch(() => {
    throw notFound('Attempt');
  });
  if (!seesCountry(actor, row.country_code)) throw notFound('Attempt');
  await getEditableTest(db, actor, row.test_id);
  return { row, test };
}

/** Marks short answers (the points a person gives each); the attempt's score and what is left to mark follow. */
export async function markAttempt(db: Db, actor: Actor, attemptId: string, body: MarkAttemptBody): Promise<Attempt> {
  return db.transaction().execute(async (trx) => {
    const { row, test } = await getEditableAttempt(trx, actor, attemptId);
    const answers = (await repo.answersOfAttempts(trx, [attemptId])).get(attemptId) ?? [];
    const byQuestion = new Map(answers.map((a) => [a.question_id, a]));
    const versions = new Map(
      (
        await repo.findVersions(
          trx,
          answers.map((a) => a.version_id),
        )
      ).map((v) => [v.id, v]),
    );
    const problems: ErrorDetail[] = [];
    const seen = new Set<string>();
    body.marks.forEach((mark, i) => {
      const answer = byQuestion.get(mark.questionId);
      if (!answer) problems.push({ path: `marks.${i}.questionId`, message: 'Not a question of this attempt' });
      else if (seen.has(mark.questionId)) problems.push({ path: `marks.${i}.questionId`, message: 'The same question twice' });
      else if (versions.get(answer.version_id)?.type !== 'short_answer')
        problems.push({ path: `marks.${i}.questionId`, message: 'Choice questions are marked automatically' });
      else if (mark.awarded > answer.max_points) problems.push({ path: `marks.${i}.awarded`, message: `At most ${answer.max_points} points` });
      seen.add(mark.questionId);
    });
    if (problems.length > 0) throw invalid('These marks do not fit the attempt', problems);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const mark of body.marks) {
      const answer = byQuestion.get(mark.questionId);
      if (!answer || answer.awarded === mark.awarded) continue;
      changes[`mark:${attemptId}:${mark.questionId}`] = { from: answer.awarded, to: mark.awarded };
      answer.awarded = mark.awarded;
      await repo.setAwarded(trx, attemptId, mark.questionId, mark.awarded);
    }
    const sheet = totals(
      answers.map((a) => ({
        questionId: a.question_id,
        versionId: a.version_id,
        position: a.position,
        optionIds: a.option_ids,
        text: a.text,
        awarded: a.awarded,
        maxPoints: a.max_points,
      })),
    );
    if (Object.keys(changes).length > 0) {
      await repo.updateAttemptRow(trx, attemptId, { score: sheet.score, pending_marks: sheet.pendingMarks, updated_at: nowIso() });
      changes[`attempt:${attemptId}`] = {
        from: { score: row.score, pendingMarks: row.pending_marks },
        to: { score: sheet.score, pendingMarks: sheet.pendingMarks },
      };
    }
    await recordAudit(trx, { entityType: 'test', entityId: row.test_id, action: 'update', userId: actor.id, changes });
    return loadAttempt(trx, attemptId, test.pass_mark, actor);
  });
}

export async function deleteAttempt(db: Db, actor: Actor, attemptId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { row } = await getEditableAttempt(trx, actor, attemptId);
    await repo.deleteAttemptRow(trx, attemptId);
    await recordAudit(trx, {
      entityType: 'test',
      entityId: row.test_id,
      action: 'update',
      userId: actor.id,
      changes: {
        [`attempt:${attemptId}`]: { from: { source: row.source, score: row.score, maxScore: row.max_score, pendingMarks: row.pending_marks }, to: null },
      },
    });
  });
}

// Personal codes

/** Gives every participant of the event a personal code who has none yet (codes never change once given). */
async function ensureCodes(db: Db, eventId: string): Promise<void> {
  const participants = await repo.participantsOfEvent(db, eventId);
  const missing = participants.filter((p) => p.code === null);
  if (missing.length === 0) return;
  const taken = await repo.codesOfEvent(db, eventId);
  const rows = missing.map((p) => {
    let code = newPersonalCode();
    while (taken.has(code)) code = newPersonalCode();
    taken.add(code);
    return { participation_id: p.participation_id, event_id: eventId, code };
  });
  await repo.insertCodes(db, rows);
}

export async function listParticipantCodes(db: Db, actor: Actor, eventId: string): Promise<ParticipantCodes> {
  return db.transaction().execute(async (trx) => {
    await getEditableEventRow(trx, actor, eventId);
    await ensureCodes(trx, eventId);
    const participants = await repo.participantsOfEvent(trx, eventId);
    const visible = participants.filter((p) => seesCountry(actor, p.country_code));
    return {
      items: visible.map((p) => ({ personId: p.person_id, fullName: p.full_name, code: p.code ?? '' })),
      hidden: participants.length - visible.length,
    };
  });
}

// Taking a test through its public link

/**
 * Requests to the public routes per network address. A room of participants often shares one
 * address (the venue's Wi-Fi), so the allowance is a room's worth: each phone opens the test, maybe
 * reloads, and sends once or twice.
 */
export const TAKE_LIMIT: AddressLimit = {
  name: 'take',
  limit: 600,
  windowSeconds: 600,
  message: 'Too many requests from this network address; wait a few minutes and send again',
};
export { WRONG_PARTICIPANT_LIMIT } from './assessments.link.js';

const linkClosed = () => new AppError('link_closed', 'This test is closed; ask your trainer');

/** The test of a link, open or not; an unknown token answers 404. */
async function testOfLink(db: Db, token: string): Promise<repo.TestRow> {
  const test = await repo.findTestByToken(db, token);
  if (!test) throw notFound('Test link');
  return test;
}

/** The test of an open link; an unknown token answers 404, a closed link 410. */
async function openTest(db: Db, token: string): Promise<repo.TestRow> {
  const test = await testOfLink(db, token);
  if (!toBoolean(test.link_open)) throw linkClosed();
  return test;
}

/** The test's link as the sender's identification sees it. */
const eventLinkOf = (test: repo.TestRow) => ({ eventId: test.event_id, refKey: test.ref_key, scope: `test:${test.id}`, identifyBy: test.identify_by });

export async function takeTest(db: Db, token: string, address: string): Promise<TakeTest> {
  await countRequest(db, TAKE_LIMIT, address);
  const test = await openTest(db, token);
  const [title, questions, participants] = await Promise.all([
    repo.eventTitle(db, test.event_id),
    repo.questionsOfTest(db, test.id),
    // A link that takes personal codes only names nobody.
    test.identify_by === 'code' ? [] : linkParticipants(db, test.event_id),
  ]);
  const options = await repo.optionsOfVersions(
    db,
    questions.map((q) => q.version_id),
  );
  return {
    event: { title },
    test: { title: test.title, kind: test.kind, form: test.form === '' ? null : test.form },
    questions: questions.map((q) => ({
      id: q.question_id,
      type: q.type,
      text: { en: q.text_en, ur: q.text_ur },
      points: q.points,
      // Never which are correct: the page is public.
      options: (options.get(q.version_id) ?? []).map((o) => ({ id: o.id, text: { en: o.text_en, ur: o.text_ur } })),
    })),
    identifyBy: test.identify_by,
    participants: pickList(test.ref_key, participants).map(({ ref, name }) => ({ ref, name })),
  };
}

const takeResult = (a: Pick<repo.AttemptRow, 'id' | 'score' | 'max_score' | 'pending_marks'>): TakeResult => ({
  id: a.id,
  score: a.score,
  maxScore: a.max_score,
  percent: percentOf(a.score, a.max_score),
  pendingMarks: a.pending_marks,
});

/**
 * An attempt sent through the public link. The same submission sent again (its `clientId`) is
 * answered as the first time, even after the link was closed (it did arrive); another by the same
 * person is refused. In this order: a resend; the link open (410); the answers fit the test (400);
 * who sends (422, 429); whether they have answered already (409): a sheet refused for its answers
 * says nothing about anyone. Not written to the history: no staff member made it, and the attempt
 * itself records that it came through the link.
 */
export async function submitTakeAttempt(db: Db, token: string, address: string, body: TakeAttemptBody): Promise<TakeResult> {
  await countRequest(db, TAKE_LIMIT, address);
  const test = await testOfLink(db, token);
  const replay = async (reader: Db): Promise<TakeResult | undefined> => {
    const found = await repo.findAttemptByClientId(reader, body.clientId);
    if (!found) return undefined;
    if (found.test_id !== test.id) throw conflict('This submission id was already used for another test', [{ path: 'clientId', message: 'Already used' }]);
    return takeResult(found);
  };
  const replayed = await replay(db);
  if (replayed) return replayed;
  if (!toBoolean(test.link_open)) throw linkClosed();
  const sheet = await markAnswers(db, test.id, body.answers);
  const participationId = (await identifySender(db, eventLinkOf(test), address, body)).participation_id;
  const sameSubmission = (existing: repo.AttemptRow): TakeResult => {
    if (existing.client_id === body.clientId) return takeResult(existing);
    throw attemptExists('You have answered this test already; one attempt per person');
  };
  return withRaceExplained(
    () =>
      db.transaction().execute(async (trx) => {
        // The person's attempt may be this very submission, stored by a resend that got here first.
        const existing = await repo.findAttemptOf(trx, participationId, test.kind);
        if (existing) return sameSubmission(existing);
        const stored = await storeAttempt(trx, { test, participationId, source: 'link', clientId: body.clientId, userId: null, sheet });
        return {
          id: stored.id,
          score: stored.score,
          maxScore: stored.maxScore,
          percent: percentOf(stored.score, stored.maxScore),
          pendingMarks: stored.pendingMarks,
        };
      }),
    async () => {
      const again = await replay(db);
      if (again) return again;
      const existing = await repo.findAttemptOf(db, participationId, test.kind);
      return existing ? sameSubmission(existing) : undefined;
    },
  );
}

// For the analysis

export type ScoredAttempt = { personId: string; score: number; maxScore: number; items: Array<{ questionId: string; awarded: number; maxPoints: number }> };
export type EventAttempts = {
  pre: ScoredAttempt[];
  post: ScoredAttempt[];
  /** Everyone on the list as a participant (and anyone else with an attempt), to break figures down by. */
  people: Array<{ personId: string; sex: Sex; organizationType: OrganizationType | null }>;
};

/** The analysis of an event's tests, for anyone who may see the event (figures only, no names). */
export async function eventAssessment(db: Db, actor: Actor, eventId: string): Promise<AssessmentAnalysis> {
  await getVisibleEventRow(db, actor, eventId);
  return analyseAssessment(await scoredAttemptsForEvent(db, eventId));
}

/**
 * The scored attempts of an event's pre- and post-tests (every form of each), for the analysis. Only
 * attempts with every answer marked: one waiting for a marker has no score yet. Items follow each
 * test's order; an attempt answered a question's version as it was then, and keeps its points. The
 * caller checks that the reader may see the event.
 */
export async function scoredAttemptsForEvent(db: Db, eventId: string): Promise<EventAttempts> {
  return (await scoredAttemptsOfEvents(db, [eventId])).get(eventId) ?? { pre: [], post: [], people: [] };
}

/** The same for several events at once (a statement per 500 events, not one per event), by event. */
export async function scoredAttemptsOfEvents(db: Db, eventIds: readonly string[]): Promise<Map<string, EventAttempts>> {
  const [attempts, people] = await Promise.all([repo.markedAttemptsOfEvents(db, eventIds), repo.peopleOfEvents(db, eventIds)]);
  const answers = await repo.answersOfAttempts(
    db,
    attempts.map((a) => a.id),
  );
  const byEvent = new Map<string, EventAttempts>(eventIds.map((id) => [id, { pre: [], post: [], people: [] }]));
  for (const a of attempts) {
    byEvent.get(a.event_id)?.[a.kind].push({
      personId: a.person_id,
      score: a.score,
      maxScore: a.max_score,
      items: (answers.get(a.id) ?? []).map((x) => ({ questionId: x.question_id, awarded: x.awarded ?? 0, maxPoints: x.max_points })),
    });
  }
  for (const p of people) byEvent.get(p.event_id)?.people.push({ personId: p.person_id, sex: p.person_sex, organizationType: p.organization_type });
  return byEvent;
}

/**
 * The same for the events among `eventIds` that have marked attempts (the others are left out): for
 * pooling across many events, most of which have no tests (a training cascade's generations).
 */
export async function scoredAttemptsOfTestedEvents(db: Db, eventIds: readonly string[]): Promise<Map<string, EventAttempts>> {
  const tested = [...new Set((await repo.markedAttemptsOfEvents(db, eventIds)).map((a) => a.event_id))];
  return tested.length === 0 ? new Map() : scoredAttemptsOfEvents(db, tested);
}

/** A person's result on one of an event's tests, against the test's pass mark. */
export type TestResult = {
  personId: string;
  testId: string;
  kind: TestKind;
  passMark: number | null;
  percent: number;
  /** Null without a pass mark, or while short answers wait for marking. */
  passed: boolean | null;
};

/**
 * Every participant's result on each of an event's tests (for rules such as "passed the post-test
 * at the pass mark"). The caller checks that the reader may see the event.
 */
export async function testResultsForEvent(db: Db, eventId: string): Promise<TestResult[]> {
  return (await repo.attemptsOfEventTests(db, eventId)).map((a) => ({
    personId: a.person_id,
    testId: a.test_id,
    kind: a.kind,
    passMark: a.pass_mark,
    percent: percentOf(a.score, a.max_score),
    passed: passedOf(a.score, a.max_score, a.pass_mark, a.pending_marks),
  }));
}
