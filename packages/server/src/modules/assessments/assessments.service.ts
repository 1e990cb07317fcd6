import {
  questionOptionProblems,
  type CreateQuestionBody,
  type CreateTestBody,
  type HistoryEntry,
  type Page,
  type Question,
  type QuestionListQuery,
  type QuestionType,
  type Test,
  type TestLinkBody,
  type TestList,
  type TestSummary,
  type UpdateQuestionBody,
  type UpdateTestBody,
} from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { managesAllEvents, seesCountry, seesOrganizationCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { normalizeText } from '../../shared/normalize.js';
import { decodeCursor, encodeCursor } from '../../shared/pagination.js';
import { diff, listHistory, presentHistory, recordAudit } from '../audit/index.js';
import { getEditableEventRow, getVisibleEventRow } from '../events/index.js';
import { newLinkToken, newRefKey } from './assessments.names.js';
import * as repo from './assessments.repository.js';

/** An event as the events module reads it. */
export type EventRowWithProgramme = Awaited<ReturnType<typeof getVisibleEventRow>>;

// The question bank

/** A question of no country is shared by every country's users, like an international organisation. */
const seesQuestion = (actor: Actor, countryCode: string | null) => seesOrganizationCountry(actor, countryCode);

export async function getVisibleQuestion(db: Db, actor: Actor, id: string): Promise<repo.QuestionWithVersion> {
  const row = await repo.findQuestion(db, id);
  if (!row || !seesQuestion(actor, row.country_code)) throw notFound('Question');
  return row;
}

/**
 * Who may change a question: managers any they see, trainers those they wrote (the bank is shared:
 * another trainer's test may ask it); a question of every country only users of every country.
 */
function assertMayChangeQuestion(actor: Actor, row: repo.QuestionRow) {
  if (row.country_code === null && actor.countries !== null) {
    throw forbidden('Only a user who works in all countries may change a question shared by every country');
  }
  if (!managesAllEvents(actor) && row.created_by !== actor.id) {
    throw forbidden('A trainer may change only the questions they wrote; ask a programme manager');
  }
}

/** The country a new question belongs to: the one given, else the user's only country, else (users of every country) none. */
function questionCountry(actor: Actor, given: string | null | undefined): string | null {
  const country = given !== undefined ? given : actor.countries === null ? null : actor.countries.length === 1 ? (actor.countries[0] ?? null) : undefined;
  if (country === undefined) throw invalid('Choose the country of the question', [{ path: 'countryCode', message: 'Required' }]);
  if (country === null && actor.countries !== null) {
    throw forbidden('Only a user who works in all countries may add a question shared by every country');
  }
  if (country !== null && !seesCountry(actor, country)) throw forbidden('You may not add records for this country');
  return country;
}

type OptionContent = { text: { en: string; ur?: string | null }; correct: boolean };

const optionRows = (versionId: string, options: ReadonlyArray<OptionContent & { id?: string }>): repo.OptionRow[] =>
  options.map((o, position) => ({
    id: o.id ?? newId(),
    version_id: versionId,
    position,
    text_en: o.text.en,
    text_ur: o.text.ur ?? null,
    correct: o.correct,
  }));

const textNormalized = (en: string, ur: string | null) => normalizeText(`${en} ${ur ?? ''}`);

async function presentQuestions(db: Db, rows: repo.QuestionWithVersion[]): Promise<Question[]> {
  const versionIds = rows.map((r) => r.current_version_id);
  const [options, answered, testCounts] = await Promise.all([
    repo.optionsOfVersions(db, versionIds),
    repo.answeredVersions(db, versionIds),
    repo.testCountsOfQuestions(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    versionId: r.current_version_id,
    version: r.version,
    type: r.type,
    text: { en: r.text_en, ur: r.text_ur },
    options: (options.get(r.current_version_id) ?? []).map((o) => ({ id: o.id, text: { en: o.text_en, ur: o.text_ur }, correct: toBoolean(o.correct) })),
    topic: r.topic,
    objective: r.objective,
    points: r.points,
    countryCode: r.country_code,
    answered: answered.has(r.current_version_id),
    testCount: testCounts.get(r.id) ?? 0,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function presentQuestion(db: Db, row: repo.QuestionWithVersion): Promise<Question> {
  const [question] = await presentQuestions(db, [row]);
  if (!question) throw notFound('Question');
  return question;
}

/** What a question's history records: its content and metadata, options without their ids. */
const questionHistoryView = (q: Question) => ({
  version: q.version,
  type: q.type,
  text: q.text,
  options: q.options.map((o) => ({ text: o.text, correct: o.correct })),
  points: q.points,
  topic: q.topic,
  objective: q.objective,
  countryCode: q.countryCode,
});

export async function listQuestions(db: Db, actor: Actor, query: QuestionListQuery): Promise<Page<Question>> {
  const rows = await repo.listQuestions(db, {
    countries: actor.countries,
    qNormalized: query.q ? normalizeText(query.q) : undefined,
    topicNormalized: query.topic ? normalizeText(query.topic) : undefined,
    type: query.type,
    countryCode: query.countryCode,
    after: decodeCursor(query.cursor),
    limit: query.limit,
  });
  // Newest first by id (UUIDv7): the id is the sort key and the tie-breaker at once.
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentQuestions(db, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ sort: last.id, id: last.id }) : null,
  };
}

export async function questionTopics(db: Db, actor: Actor): Promise<{ topics: string[] }> {
  return { topics: await repo.questionTopics(db, actor.countries) };
}

export async function getQuestion(db: Db, actor: Actor, id: string): Promise<Question> {
  return presentQuestion(db, await getVisibleQuestion(db, actor, id));
}

export async function createQuestion(db: Db, actor: Actor, body: CreateQuestionBody): Promise<Question> {
  const countryCode = questionCountry(actor, body.countryCode);
  return db.transaction().execute(async (trx) => {
    const now = nowIso();
    const id = newId();
    const versionId = newId();
    const topic = body.topic ?? null;
    await repo.insertQuestion(trx, {
      id,
      country_code: countryCode,
      current_version_id: versionId,
      topic,
      topic_normalized: topic ? normalizeText(topic) : null,
      objective: body.objective ?? null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    await repo.insertVersion(trx, {
      id: versionId,
      question_id: id,
      version: 1,
      type: body.type,
      text_en: body.text.en,
      text_ur: body.text.ur ?? null,
      text_normalized: textNormalized(body.text.en, body.text.ur ?? null),
      points: body.points,
      created_by: actor.id,
      created_at: now,
    });
    await repo.insertOptions(trx, optionRows(versionId, body.options ?? []));
    const created = await getQuestion(trx, actor, id);
    await recordAudit(trx, { entityType: 'question', entityId: id, action: 'create', userId: actor.id, changes: diff(null, questionHistoryView(created)) });
    return created;
  });
}

const sameContent = (
  before: { type: QuestionType; text: { en: string; ur: string | null }; points: number; options: ReadonlyArray<OptionContent> },
  after: typeof before,
) =>
  JSON.stringify([before.type, before.text.en, before.text.ur, before.points, before.options.map((o) => [o.text.en, o.text.ur ?? null, o.correct])]) ===
  JSON.stringify([after.type, after.text.en, after.text.ur, after.points, after.options.map((o) => [o.text.en, o.text.ur ?? null, o.correct])]);

/**
 * Changes a question. What it asks (type, text, options, points) changes in place while nobody has
 * answered its current version; once someone has, the change becomes the next version, the
 * attempts keep the version they answered (and their scores), tests nobody answered move to the new
 * version, and tests with attempts keep theirs (their questions are fixed once answered).
 */
export async function updateQuestion(db: Db, actor: Actor, id: string, body: UpdateQuestionBody): Promise<Question> {
  return db.transaction().execute(async (trx) => {
    const row = await getVisibleQuestion(trx, actor, id);
    assertMayChangeQuestion(actor, row);
    const before = await presentQuestion(trx, row);
    const countryCode = body.countryCode !== undefined ? questionCountry(actor, body.countryCode) : row.country_code;
    // Tests ask questions of their event's country or of none: a question in use stays where it is.
    if (countryCode !== row.country_code && before.testCount > 0) {
      throw ruleViolation('A question that tests ask keeps its country', [{ path: 'countryCode', message: 'Asked by tests' }]);
    }

    const type = body.type ?? before.type;
    const options: Array<OptionContent & { id?: string }> = body.options ?? before.options;
    const problems = questionOptionProblems(type, options);
    if (problems.length > 0) throw invalid('The options do not fit the type of question', problems);
    const known = new Set(before.options.map((o) => o.id));
    const strangers = (body.options ?? []).flatMap((o, i) =>
      o.id !== undefined && !known.has(o.id) ? [{ path: `options.${i}.id`, message: 'Not an option of this question' }] : [],
    );
    if (strangers.length > 0) throw invalid('Unknown option', strangers);

    const next = { type, text: body.text ? { en: body.text.en, ur: body.text.ur ?? null } : before.text, points: body.points ?? before.points, options };
    const now = nowIso();
    let note: string | null = null;
    if (!sameContent(before, next)) {
      if (before.answered) {
        // The answered version stays as it is; the change is a new version with new options.
        const versionId = newId();
        await repo.insertVersion(trx, {
          id: versionId,
          question_id: id,
          version: before.version + 1,
          type,
          text_en: next.text.en,
          text_ur: next.text.ur,
          text_normalized: textNormalized(next.text.en, next.text.ur),
          points: next.points,
          created_by: actor.id,
          created_at: now,
        });
        await repo.insertOptions(
          trx,
          optionRows(
            versionId,
            options.map(({ text, correct }) => ({ text, correct })),
          ),
        );
        await repo.updateQuestionRow(trx, id, { current_version_id: versionId });
        const moved = await repo.moveUnansweredTests(trx, before.versionId, versionId, now);
        note = `Version ${before.version + 1}: answers to version ${before.version} keep it and their points; ${moved.length} tests without attempts moved to the new version`;
        for (const testId of moved) {
          await recordAudit(trx, {
            entityType: 'test',
            entityId: testId,
            action: 'update',
            userId: actor.id,
            changes: { [`question:${id}`]: { from: { version: before.version }, to: { version: before.version + 1 } } },
          });
        }
      } else {
        await repo.updateVersionRow(trx, before.versionId, {
          type,
          text_en: next.text.en,
          text_ur: next.text.ur,
          text_normalized: textNormalized(next.text.en, next.text.ur),
          points: next.points,
        });
        await repo.replaceOptions(trx, before.versionId, optionRows(before.versionId, options));
      }
    }
    const topic = body.topic !== undefined ? body.topic : row.topic;
    await repo.updateQuestionRow(trx, id, {
      country_code: countryCode,
      topic: topic ?? null,
      topic_normalized: topic ? normalizeText(topic) : null,
      objective: body.objective !== undefined ? (body.objective ?? null) : row.objective,
      updated_at: now,
    });
    const after = await getQuestion(trx, actor, id);
    await recordAudit(trx, {
      entityType: 'question',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(questionHistoryView(before), questionHistoryView(after)),
      note,
    });
    return after;
  });
}

export async function deleteQuestion(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getVisibleQuestion(trx, actor, id);
    assertMayChangeQuestion(actor, row);
    const before = await presentQuestion(trx, row);
    if (before.testCount > 0) throw conflict(`This question is asked by ${before.testCount} tests; take it out of them first`);
    // Answers belong to tests' questions, so a question no test asks has none; checked all the same.
    if (await repo.questionHasAnswers(trx, id)) throw conflict('This question has been answered; it cannot be deleted');
    await repo.deleteQuestionRows(trx, id);
    await recordAudit(trx, { entityType: 'question', entityId: id, action: 'delete', userId: actor.id, changes: diff(questionHistoryView(before), null) });
  });
}

export async function questionHistory(db: Db, actor: Actor, id: string): Promise<HistoryEntry[]> {
  await getVisibleQuestion(db, actor, id);
  return presentHistory(db, actor, await listHistory(db, 'question', id));
}

// Tests

/** The test, when the actor may see its event (another country's answers 404, as the event would). */
export async function getVisibleTest(db: Db, actor: Actor, id: string): Promise<{ test: repo.TestRow; event: EventRowWithProgramme }> {
  const test = await repo.findTest(db, id);
  if (!test) throw notFound('Test');
  const event = await getVisibleEventRow(db, actor, test.event_id).catch(() => {
    throw notFound('Test');
  });
  return { test, event };
}

/** The test, when the actor may change its event: managers, and the event's own trainers. */
export async function getEditableTest(db: Db, actor: Actor, id: string): Promise<{ test: repo.TestRow; event: EventRowWithProgramme }> {
  const { test } = await getVisibleTest(db, actor, id);
  return { test, event: await getEditableEventRow(db, actor, test.event_id) };
}

export const linkPath = (token: string) => `/take/${token}`;

function presentTestSummary(row: repo.TestRow, figures: repo.TestFigures | undefined): TestSummary {
  return {
    id: row.id,
    eventId: row.event_id,
    kind: row.kind,
    form: row.form === '' ? null : row.form,
    title: row.title,
    passMark: row.pass_mark,
    questionCount: figures?.questionCount ?? 0,
    maxScore: figures?.maxScore ?? 0,
    link: { token: row.link_token, open: toBoolean(row.link_open), path: linkPath(row.link_token), identifyBy: row.identify_by },
    attemptCount: figures?.attemptCount ?? 0,
    attemptsToMark: figures?.attemptsToMark ?? 0,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function presentTest(db: Db, row: repo.TestRow): Promise<Test> {
  const [figures, questions] = await Promise.all([repo.figuresOfTests(db, [row.id]), repo.questionsOfTest(db, row.id)]);
  const options = await repo.optionsOfVersions(
    db,
    questions.map((q) => q.version_id),
  );
  return {
    ...presentTestSummary(row, figures.get(row.id)),
    questions: questions.map((q) => ({
      position: q.position,
      questionId: q.question_id,
      versionId: q.version_id,
      version: q.version,
      latestVersion: q.version_id === q.current_version_id,
      type: q.type,
      text: { en: q.text_en, ur: q.text_ur },
      options: (options.get(q.version_id) ?? []).map((o) => ({ id: o.id, text: { en: o.text_en, ur: o.text_ur }, correct: toBoolean(o.correct) })),
      points: q.points,
      topic: q.topic,
      objective: q.objective,
    })),
  };
}

/** What a test's history records of it (its link's token stays out: it is a key to the test). */
const testHistoryView = (t: Test) => ({
  eventId: t.eventId,
  kind: t.kind,
  form: t.form,
  title: t.title,
  passMark: t.passMark,
  questionIds: t.questions.map((q) => q.questionId),
  linkOpen: t.link.open,
  identifyBy: t.link.identifyBy,
});

/**
 * The questions named, in order, as a test of `event` may ask them: ones the actor sees, of no
 * country or of the event's own (a test in Pakistan does not borrow another country's questions).
 */
async function questionsForTest(db: Db, actor: Actor, event: EventRowWithProgramme, ids: readonly string[]) {
  const found = new Map((await repo.findQuestions(db, ids)).map((q) => [q.id, q]));
  const usable = (q: repo.QuestionWithVersion | undefined): q is repo.QuestionWithVersion =>
    q !== undefined && seesQuestion(actor, q.country_code) && (q.country_code === null || q.country_code === event.country_code);
  const rows: Array<{ position: number; question_id: string; version_id: string }> = [];
  const problems: Array<{ path: string; message: string }> = [];
  ids.forEach((id, position) => {
    const q = found.get(id);
    if (usable(q)) rows.push({ position, question_id: q.id, version_id: q.current_version_id });
    else problems.push({ path: `questionIds.${position}`, message: `No question ${id} for an event in ${event.country_code}` });
  });
  if (problems.length > 0) throw invalid('Unknown question', problems);
  return rows;
}

/** One test of each kind per event, or one per parallel form; never both kinds of setting for one kind. */
async function assertFormFree(db: Db, eventId: string, kind: CreateTestBody['kind'], form: '' | 'A' | 'B', exceptTestId?: string) {
  const others = (await repo.testsOfEvent(db, eventId)).filter((t) => t.kind === kind && t.id !== exceptTestId);
  if (others.some((t) => t.form === form)) {
    throw conflict(form === '' ? `This event has a ${kind}-test already` : `This event has form ${form} of its ${kind}-test already`, [
      { path: 'kind', message: 'Taken' },
    ]);
  }
  if (others.some((t) => (t.form === '') !== (form === ''))) {
    throw conflict(`The ${kind}-test of this event is either one test or parallel forms A and B, not both`, [{ path: 'form', message: 'Taken' }]);
  }
}

export async function listEventTests(db: Db, actor: Actor, eventId: string): Promise<TestList> {
  await getVisibleEventRow(db, actor, eventId);
  const rows = await repo.testsOfEvent(db, eventId);
  const figures = await repo.figuresOfTests(
    db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentTestSummary(r, figures.get(r.id))) };
}

export async function getTest(db: Db, actor: Actor, id: string): Promise<Test> {
  return presentTest(db, (await getVisibleTest(db, actor, id)).test);
}

export async function createTest(db: Db, actor: Actor, eventId: string, body: CreateTestBody): Promise<Test> {
  return db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    const form = body.form ?? '';
    await assertFormFree(trx, eventId, body.kind, form);
    const questions = await questionsForTest(trx, actor, event, body.questionIds);
    const now = nowIso();
    const id = newId();
    await repo.insertTest(trx, {
      id,
      event_id: eventId,
      kind: body.kind,
      form,
      title: body.title,
      pass_mark: body.passMark ?? null,
      link_token: newLinkToken(),
      link_open: body.linkOpen ?? true,
      ref_key: newRefKey(),
      // A post-test's score decides training certificates: only a personal code answers it.
      identify_by: body.kind === 'post' ? 'code' : 'list',
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    await repo.replaceTestQuestions(
      trx,
      id,
      questions.map((q) => ({ ...q, test_id: id })),
    );
    const created = await getTest(trx, actor, id);
    await recordAudit(trx, { entityType: 'test', entityId: id, action: 'create', userId: actor.id, changes: diff(null, testHistoryView(created)) });
    return created;
  });
}

export async function updateTest(db: Db, actor: Actor, id: string, body: UpdateTestBody): Promise<Test> {
  return db.transaction().execute(async (trx) => {
    const { test, event } = await getEditableTest(trx, actor, id);
    const before = await presentTest(trx, test);
    const form = body.form !== undefined ? (body.form ?? '') : test.form;
    const questionsChange = body.questionIds !== undefined && JSON.stringify(body.questionIds) !== JSON.stringify(before.questions.map((q) => q.questionId));
    if ((questionsChange || form !== test.form) && before.attemptCount > 0) {
      throw ruleViolation('The questions and form of a test stay as they are once it has been answered; make a new test instead', [
        { path: questionsChange ? 'questionIds' : 'form', message: 'Answered already' },
      ]);
    }
    if (form !== test.form) await assertFormFree(trx, test.event_id, test.kind, form, id);
    if (questionsChange && body.questionIds) {
      const questions = await questionsForTest(trx, actor, event, body.questionIds);
      await repo.replaceTestQuestions(
        trx,
        id,
        questions.map((q) => ({ ...q, test_id: id })),
      );
    }
    await repo.updateTestRow(trx, id, {
      title: body.title ?? test.title,
      form,
      pass_mark: body.passMark !== undefined ? (body.passMark ?? null) : test.pass_mark,
      updated_at: nowIso(),
    });
    const after = await getTest(trx, actor, id);
    await recordAudit(trx, {
      entityType: 'test',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: diff(testHistoryView(before), testHistoryView(after)),
    });
    return after;
  });
}

export async function deleteTest(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { test } = await getEditableTest(trx, actor, id);
    const before = await presentTest(trx, test);
    if (before.attemptCount > 0) throw conflict(`This test has ${before.attemptCount} attempts; a test that has been answered stays`);
    await repo.deleteTestRow(trx, id);
    await recordAudit(trx, { entityType: 'test', entityId: id, action: 'delete', userId: actor.id, changes: diff(testHistoryView(before), null) });
  });
}

/**
 * Opens or closes the public link; `renew` gives it a new token, so that the old address stops
 * working; `identifyBy` sets how people name themselves on it (a name from the list, or a code only).
 */
export async function setTestLink(db: Db, actor: Actor, id: string, body: TestLinkBody): Promise<Test> {
  return db.transaction().execute(async (trx) => {
    const { test } = await getEditableTest(trx, actor, id);
    const wasOpen = toBoolean(test.link_open);
    const identifyBy = body.identifyBy ?? test.identify_by;
    await repo.updateTestRow(trx, id, {
      link_open: body.open,
      identify_by: identifyBy,
      ...(body.renew ? { link_token: newLinkToken() } : {}),
      updated_at: nowIso(),
    });
    await recordAudit(trx, {
      entityType: 'test',
      entityId: id,
      action: 'update',
      userId: actor.id,
      changes: {
        ...(wasOpen !== body.open ? { linkOpen: { from: wasOpen, to: body.open } } : {}),
        ...(identifyBy !== test.identify_by ? { identifyBy: { from: test.identify_by, to: identifyBy } } : {}),
        ...(body.renew ? { linkRenewed: { from: false, to: true } } : {}),
      },
    });
    return getTest(trx, actor, id);
  });
}

export async function testHistory(db: Db, actor: Actor, id: string): Promise<HistoryEntry[]> {
  await getVisibleTest(db, actor, id);
  return presentHistory(db, actor, await listHistory(db, 'test', id));
}
