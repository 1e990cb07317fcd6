import type { QuestionType, TestKind } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { fromJson, toJson } from '../../db/dialect.js';
import type {
  AttemptAnswersTable,
  AttemptsTable,
  QuestionOptionsTable,
  QuestionsTable,
  QuestionVersionsTable,
  TestQuestionsTable,
  TestsTable,
} from '../../db/schema.js';
import type { Cursor } from '../../shared/pagination.js';

export type QuestionRow = QuestionsTable;
export type VersionRow = QuestionVersionsTable;
export type OptionRow = QuestionOptionsTable;
export type TestRow = TestsTable;
export type AttemptRow = AttemptsTable;
export type AnswerRow = Omit<AttemptAnswersTable, 'option_ids'> & { option_ids: string[] };

/** A question with its current version's content. */
export type QuestionWithVersion = QuestionRow & {
  version: number;
  type: QuestionType;
  text_en: string;
  text_ur: string | null;
  points: number;
};

const CHUNK = 500;
const chunks = <T>(list: readonly T[]): T[][] => Array.from({ length: Math.ceil(list.length / CHUNK) }, (_, i) => list.slice(i * CHUNK, (i + 1) * CHUNK));

// Questions

function selectQuestions(db: Db) {
  return db
    .selectFrom('questions')
    .innerJoin('question_versions', 'question_versions.id', 'questions.current_version_id')
    .selectAll('questions')
    .select(['question_versions.version', 'question_versions.type', 'question_versions.text_en', 'question_versions.text_ur', 'question_versions.points']);
}

export async function findQuestion(db: Db, id: string): Promise<QuestionWithVersion | undefined> {
  return selectQuestions(db).where('questions.id', '=', id).executeTakeFirst();
}

export async function findQuestions(db: Db, ids: readonly string[]): Promise<QuestionWithVersion[]> {
  const rows: QuestionWithVersion[] = [];
  for (const part of chunks([...new Set(ids)])) rows.push(...(await selectQuestions(db).where('questions.id', 'in', part).execute()));
  return rows;
}

export async function listQuestions(
  db: Db,
  query: {
    countries: string[] | null;
    qNormalized?: string;
    topicNormalized?: string;
    type?: QuestionType;
    countryCode?: string;
    after?: Cursor;
    limit: number;
  },
): Promise<QuestionWithVersion[]> {
  let q = selectQuestions(db);
  const countries = query.countries;
  // Questions of no country are shared by everyone; others are seen by the users of their country.
  if (countries) q = q.where((eb) => eb.or([eb('questions.country_code', 'is', null), eb('questions.country_code', 'in', countries)]));
  if (query.countryCode) q = q.where('questions.country_code', '=', query.countryCode);
  if (query.topicNormalized) q = q.where('questions.topic_normalized', '=', query.topicNormalized);
  if (query.type) q = q.where('question_versions.type', '=', query.type);
  if (query.qNormalized) q = q.where('question_versions.text_normalized', 'like', `%${query.qNormalized}%`);
  // Newest first: ids are UUIDv7, ordered by the time they were made.
  if (query.after) q = q.where('questions.id', '<', query.after.id);
  return q
    .orderBy('questions.id', 'desc')
    .limit(query.limit + 1)
    .execute();
}

export async function questionTopics(db: Db, countries: string[] | null): Promise<string[]> {
  let q = db.selectFrom('questions').select('topic').distinct().where('topic', 'is not', null);
  if (countries) q = q.where((eb) => eb.or([eb('country_code', 'is', null), eb('country_code', 'in', countries)]));
  const rows = await q.orderBy('topic').limit(1000).execute();
  return rows.flatMap((r) => (r.topic === null ? [] : [r.topic]));
}

export async function insertQuestion(db: Db, row: QuestionRow): Promise<void> {
  await db.insertInto('questions').values(row).execute();
}

export async function updateQuestionRow(db: Db, id: string, changes: Partial<Omit<QuestionRow, 'id'>>): Promise<void> {
  await db.updateTable('questions').set(changes).where('id', '=', id).execute();
}

export async function insertVersion(db: Db, row: VersionRow): Promise<void> {
  await db.insertInto('question_versions').values(row).execute();
}

export async function updateVersionRow(db: Db, id: string, changes: Partial<Omit<VersionRow, 'id' | 'question_id' | 'version'>>): Promise<void> {
  await db.updateTable('question_versions').set(changes).where('id', '=', id).execute();
}

export async function findVersions(db: Db, ids: readonly string[]): Promise<VersionRow[]> {
  const rows: VersionRow[] = [];
  for (const part of chunks([...new Set(ids)])) rows.push(...(await db.selectFrom('question_versions').selectAll().where('id', 'in', part).execute()));
  return rows;
}

/** The options of these versions, each version's in order. */
export async function optionsOfVersions(db: Db, versionIds: readonly string[]): Promise<Map<string, OptionRow[]>> {
  const byVersion = new Map<string, OptionRow[]>(versionIds.map((id) => [id, []]));
  for (const part of chunks([...new Set(versionIds)])) {
    const rows = await db.selectFrom('question_options').selectAll().where('version_id', 'in', part).orderBy('version_id').orderBy('position').execute();
    for (const row of rows) byVersion.get(row.version_id)?.push(row);
  }
  return byVersion;
}

export async function insertOptions(db: Db, rows: OptionRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('question_options').values(rows).execute();
}

/** The options of a version that nobody answered, replaced: kept ids updated, others deleted, new ones added. */
export async function replaceOptions(db: Db, versionId: string, rows: OptionRow[]): Promise<void> {
  const keep = rows.map((r) => r.id);
  let gone = db.deleteFrom('question_options').where('version_id', '=', versionId);
  if (keep.length > 0) gone = gone.where('id', 'not in', keep);
  await gone.execute();
  const existing = new Set((await db.selectFrom('question_options').select('id').where('version_id', '=', versionId).execute()).map((r) => r.id));
  for (const row of rows) {
    if (existing.has(row.id)) {
      await db
        .updateTable('question_options')
        .set({ position: row.position, text_en: row.text_en, text_ur: row.text_ur, correct: row.correct })
        .where('id', '=', row.id)
        .execute();
    } else {
      await db.insertInto('question_options').values(row).execute();
    }
  }
}

/** Versions among these that have answers (and so may never change again). */
export async function answeredVersions(db: Db, versionIds: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(versionIds)])) {
    const rows = await db.selectFrom('attempt_answers').select('version_id').distinct().where('version_id', 'in', part).execute();
    for (const r of rows) found.add(r.version_id);
  }
  return found;
}

/** How many tests use any version of each question. */
export async function testCountsOfQuestions(db: Db, questionIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const part of chunks([...new Set(questionIds)])) {
    const rows = await db
      .selectFrom('test_questions')
      .select(['question_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('question_id', 'in', part)
      .groupBy('question_id')
      .execute();
    for (const r of rows) counts.set(r.question_id, Number(r.n));
  }
  return counts;
}

/**
 * Tests that ask `fromVersionId` and nobody has answered move to `toVersionId` (a question's new
 * version); tests with attempts keep the version their attempts answered. Answers the moved tests.
 */
export async function moveUnansweredTests(db: Db, fromVersionId: string, toVersionId: string, now: string): Promise<string[]> {
  const rows = await db
    .selectFrom('test_questions')
    .select('test_id')
    .where('version_id', '=', fromVersionId)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('attempts').select('attempts.id').whereRef('attempts.test_id', '=', 'test_questions.test_id'))))
    .execute();
  const testIds = rows.map((r) => r.test_id);
  if (testIds.length > 0) {
    await db.updateTable('test_questions').set({ version_id: toVersionId }).where('version_id', '=', fromVersionId).where('test_id', 'in', testIds).execute();
    await db.updateTable('tests').set({ updated_at: now }).where('id', 'in', testIds).execute();
  }
  return testIds;
}

/** A question no test asks can go, with its versions and options (answers always belong to a test's question). */
export async function deleteQuestionRows(db: Db, id: string): Promise<void> {
  const versions = await db.selectFrom('question_versions').select('id').where('question_id', '=', id).execute();
  const versionIds = versions.map((v) => v.id);
  if (versionIds.length > 0) {
    await db.deleteFrom('question_options').where('version_id', 'in', versionIds).execute();
    await db.deleteFrom('question_versions').where('id', 'in', versionIds).execute();
  }
  await db.deleteFrom('questions').where('id', '=', id).execute();
}

/** Whether any attempt answered any version of the question (its versions must then stay). */
export async function questionHasAnswers(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('attempt_answers').select('attempt_id').where('question_id', '=', id).limit(1).executeTakeFirst();
  return row !== undefined;
}

// Tests

export async function insertTest(db: Db, row: TestRow): Promise<void> {
  await db.insertInto('tests').values(row).execute();
}

export async function findTest(db: Db, id: string): Promise<TestRow | undefined> {
  return db.selectFrom('tests').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findTestByToken(db: Db, token: string): Promise<TestRow | undefined> {
  return db.selectFrom('tests').selectAll().where('link_token', '=', token).executeTakeFirst();
}

export async function testsOfEvent(db: Db, eventId: string): Promise<TestRow[]> {
  return db.selectFrom('tests').selectAll().where('event_id', '=', eventId).orderBy('kind', 'desc').orderBy('form').orderBy('id').execute();
}

export async function updateTestRow(db: Db, id: string, changes: Partial<Omit<TestRow, 'id' | 'event_id'>>): Promise<void> {
  await db.updateTable('tests').set(changes).where('id', '=', id).execute();
}

export async function deleteTestRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('test_questions').where('test_id', '=', id).execute();
  await db.deleteFrom('tests').where('id', '=', id).execute();
}

export async function replaceTestQuestions(db: Db, testId: string, rows: TestQuestionsTable[]): Promise<void> {
  await db.deleteFrom('test_questions').where('test_id', '=', testId).execute();
  if (rows.length > 0) await db.insertInto('test_questions').values(rows).execute();
}

/** A test's questions in order, each with its pinned version, its question's metadata and current version. */
export async function questionsOfTest(db: Db, testId: string) {
  return db
    .selectFrom('test_questions')
    .innerJoin('question_versions', 'question_versions.id', 'test_questions.version_id')
    .innerJoin('questions', 'questions.id', 'test_questions.question_id')
    .select([
      'test_questions.position',
      'test_questions.question_id',
      'test_questions.version_id',
      'question_versions.version',
      'question_versions.type',
      'question_versions.text_en',
      'question_versions.text_ur',
      'question_versions.points',
      'questions.topic',
      'questions.objective',
      'questions.current_version_id',
    ])
    .where('test_questions.test_id', '=', testId)
    .orderBy('test_questions.position')
    .execute();
}
export type TestQuestionRow = Awaited<ReturnType<typeof questionsOfTest>>[number];

export type TestFigures = { questionCount: number; maxScore: number; attemptCount: number; attemptsToMark: number };

/** Questions, points and attempts of several tests in three queries. */
export async function figuresOfTests(db: Db, testIds: readonly string[]): Promise<Map<string, TestFigures>> {
  const figures = new Map<string, TestFigures>(testIds.map((id) => [id, { questionCount: 0, maxScore: 0, attemptCount: 0, attemptsToMark: 0 }]));
  if (testIds.length === 0) return figures;
  const ids = [...testIds];
  const [questions, attempts] = await Promise.all([
    db
      .selectFrom('test_questions')
      .innerJoin('question_versions', 'question_versions.id', 'test_questions.version_id')
      .select(['test_questions.test_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('question_versions.points').as('points')])
      .where('test_questions.test_id', 'in', ids)
      .groupBy('test_questions.test_id')
      .execute(),
    db
      .selectFrom('attempts')
      .select([
        'test_id',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>(eb.case().when('pending_marks', '>', 0).then(1).else(0).end()).as('to_mark'),
      ])
      .where('test_id', 'in', ids)
      .groupBy('test_id')
      .execute(),
  ]);
  for (const q of questions) {
    const f = figures.get(q.test_id);
    if (f) Object.assign(f, { questionCount: Number(q.n), maxScore: Number(q.points ?? 0) });
  }
  for (const a of attempts) {
    const f = figures.get(a.test_id);
    if (f) Object.assign(f, { attemptCount: Number(a.n), attemptsToMark: Number(a.to_mark ?? 0) });
  }
  return figures;
}

// Participants, codes

/** An event's participants (role participant) with what the pick-list, the codes and the attempts need. */
export async function participantsOfEvent(db: Db, eventId: string) {
  return db
    .selectFrom('participations')
    .innerJoin('people', 'people.id', 'participations.person_id')
    .leftJoin('participant_codes', 'participant_codes.participation_id', 'participations.id')
    .select([
      'participations.id as participation_id',
      'participations.person_id',
      'participations.person_sex',
      'participations.organization_type',
      'people.full_name',
      'people.country_code',
      'participant_codes.code',
    ])
    .where('participations.event_id', '=', eventId)
    .where('participations.role', '=', 'participant')
    .orderBy('people.name_normalized')
    .orderBy('participations.id')
    .execute();
}
export type EventParticipantRow = Awaited<ReturnType<typeof participantsOfEvent>>[number];

/** A person's place at an event, with the person's name and country (who may see them), sex and organisation type. */
export async function findParticipation(db: Db, eventId: string, personId: string) {
  return db
    .selectFrom('participations')
    .innerJoin('people', 'people.id', 'participations.person_id')
    .select([
      'participations.id',
      'participations.role',
      'participations.person_sex',
      'participations.organization_type',
      'people.full_name',
      'people.country_code',
    ])
    .where('participations.event_id', '=', eventId)
    .where('participations.person_id', '=', personId)
    .executeTakeFirst();
}

/** The title of the event a public test link belongs to: all the link shows of the event. */
export async function eventTitle(db: Db, eventId: string): Promise<string> {
  const row = await db.selectFrom('events').select('title').where('id', '=', eventId).executeTakeFirst();
  return row?.title ?? '';
}

/**
 * New codes; a row that meets one written meanwhile (the same participation, or by a one-in-a-billion
 * chance the same code) is left out: the caller reads the codes again afterwards.
 */
export async function insertCodes(db: Db, rows: Array<{ participation_id: string; event_id: string; code: string }>): Promise<void> {
  for (const part of chunks(rows))
    await db
      .insertInto('participant_codes')
      .values(part)
      .onConflict((oc) => oc.doNothing())
      .execute();
}

export async function codesOfEvent(db: Db, eventId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('participant_codes').select('code').where('event_id', '=', eventId).execute();
  return new Set(rows.map((r) => r.code));
}

/** The participation (role participant) whose personal code at this event is `code`. */
export async function participationByCode(db: Db, eventId: string, code: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('participant_codes')
    .innerJoin('participations', 'participations.id', 'participant_codes.participation_id')
    .select('participant_codes.participation_id')
    .where('participant_codes.event_id', '=', eventId)
    .where('participant_codes.code', '=', code)
    .where('participations.role', '=', 'participant')
    .executeTakeFirst();
  return row?.participation_id;
}

// Attempts

export async function insertAttempt(db: Db, row: AttemptRow): Promise<void> {
  await db.insertInto('attempts').values(row).execute();
}

export async function insertAnswers(db: Db, rows: AnswerRow[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('attempt_answers')
      .values(part.map((r) => ({ ...r, option_ids: toJson(r.option_ids) })))
      .execute();
  }
}

export async function findAttempt(db: Db, id: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('attempts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findAttemptByClientId(db: Db, clientId: string): Promise<AttemptRow | undefined> {
  return db.selectFrom('attempts').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export async function findAttemptOf(db: Db, participationId: string, kind: TestKind): Promise<AttemptRow | undefined> {
  return db.selectFrom('attempts').selectAll().where('participation_id', '=', participationId).where('kind', '=', kind).executeTakeFirst();
}

export async function testHasAttempts(db: Db, testId: string): Promise<boolean> {
  return (await db.selectFrom('attempts').select('id').where('test_id', '=', testId).limit(1).executeTakeFirst()) !== undefined;
}

function selectAttemptsWithPeople(db: Db) {
  return db
    .selectFrom('attempts')
    .innerJoin('participations', 'participations.id', 'attempts.participation_id')
    .innerJoin('people', 'people.id', 'participations.person_id')
    .selectAll('attempts')
    .select(['participations.person_id', 'people.full_name', 'people.country_code']);
}

/** A test's attempts (or one attempt) with the person who made each. */
export async function attemptsWithPeople(db: Db, where: { testId: string } | { attemptId: string }) {
  const q = selectAttemptsWithPeople(db);
  return ('testId' in where ? q.where('attempts.test_id', '=', where.testId) : q.where('attempts.id', '=', where.attemptId))
    .orderBy('people.name_normalized')
    .orderBy('attempts.id')
    .execute();
}
export type AttemptWithPerson = Awaited<ReturnType<typeof attemptsWithPeople>>[number];

export async function answersOfAttempts(db: Db, attemptIds: readonly string[]): Promise<Map<string, AnswerRow[]>> {
  const byAttempt = new Map<string, AnswerRow[]>(attemptIds.map((id) => [id, []]));
  for (const part of chunks([...new Set(attemptIds)])) {
    const rows = await db.selectFrom('attempt_answers').selectAll().where('attempt_id', 'in', part).orderBy('attempt_id').orderBy('position').execute();
    for (const r of rows) byAttempt.get(r.attempt_id)?.push({ ...r, option_ids: fromJson<string[]>(r.option_ids, []) });
  }
  return byAttempt;
}

export async function setAwarded(db: Db, attemptId: string, questionId: string, awarded: number): Promise<void> {
  await db.updateTable('attempt_answers').set({ awarded }).where('attempt_id', '=', attemptId).where('question_id', '=', questionId).execute();
}

export async function updateAttemptRow(db: Db, id: string, changes: Pick<AttemptRow, 'score' | 'pending_marks' | 'updated_at'>): Promise<void> {
  await db.updateTable('attempts').set(changes).where('id', '=', id).execute();
}

export async function deleteAttemptRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('attempt_answers').where('attempt_id', '=', id).execute();
  await db.deleteFrom('attempts').where('id', '=', id).execute();
}

/** Every fully marked attempt of the events' tests, with the event, the person and kind of test, for the analysis. */
export async function markedAttemptsOfEvents(db: Db, eventIds: readonly string[]) {
  const rows = [];
  for (const part of chunks([...new Set(eventIds)])) {
    rows.push(
      ...(await db
        .selectFrom('attempts')
        .innerJoin('tests', 'tests.id', 'attempts.test_id')
        .innerJoin('participations', 'participations.id', 'attempts.participation_id')
        .select(['attempts.id', 'attempts.kind', 'attempts.score', 'attempts.max_score', 'participations.person_id', 'tests.event_id'])
        .where('tests.event_id', 'in', part)
        .where('attempts.pending_marks', '=', 0)
        .orderBy('tests.event_id')
        .orderBy('participations.person_id')
        .execute()),
    );
  }
  return rows;
}

/** Every attempt of an event's tests with the test's kind and pass mark (marked or not). */
export async function attemptsOfEventTests(db: Db, eventId: string) {
  return db
    .selectFrom('attempts')
    .innerJoin('tests', 'tests.id', 'attempts.test_id')
    .innerJoin('participations', 'participations.id', 'attempts.participation_id')
    .select(['attempts.test_id', 'tests.kind', 'tests.pass_mark', 'attempts.score', 'attempts.max_score', 'attempts.pending_marks', 'participations.person_id'])
    .where('tests.event_id', '=', eventId)
    .orderBy('participations.person_id')
    .execute();
}

/** Everyone on the events' lists as a participant (or with an attempt), with the facts the analysis breaks figures down by. */
export async function peopleOfEvents(db: Db, eventIds: readonly string[]) {
  const rows = [];
  for (const part of chunks([...new Set(eventIds)])) {
    rows.push(
      ...(await db
        .selectFrom('participations')
        .select(['event_id', 'person_id', 'person_sex', 'organization_type'])
        .where('event_id', 'in', part)
        .where((eb) =>
          eb.or([
            eb('role', '=', 'participant'),
            eb.exists(eb.selectFrom('attempts').select('attempts.id').whereRef('attempts.participation_id', '=', 'participations.id')),
          ]),
        )
        .orderBy('event_id')
        .orderBy('person_id')
        .execute()),
    );
  }
  return rows;
}

/**
 * A merge joins two places at one event: the duplicate's attempts move to the place kept for each
 * kind (pre, post) the kept place has none of; its participant code, if the kept place has none.
 */
export async function moveAttemptsOfPlace(db: Db, fromParticipationId: string, toParticipationId: string): Promise<void> {
  const keptKinds = (await db.selectFrom('attempts').select('kind').where('participation_id', '=', toParticipationId).execute()).map((r) => r.kind);
  let moving = db.updateTable('attempts').set({ participation_id: toParticipationId }).where('participation_id', '=', fromParticipationId);
  if (keptKinds.length > 0) moving = moving.where('kind', 'not in', keptKinds);
  await moving.execute();
  const keptCode = await db.selectFrom('participant_codes').select('code').where('participation_id', '=', toParticipationId).executeTakeFirst();
  if (!keptCode) {
    await db.updateTable('participant_codes').set({ participation_id: toParticipationId }).where('participation_id', '=', fromParticipationId).execute();
  }
}
