import { z } from 'zod';
import { zClientId, zCountryCode, zId, zOptionalText, zPageQuery, zText, zTimestamp } from './common.js';
import { questionTypes, MAX_QUESTION_POINTS, MAX_QUESTION_OPTIONS, MAX_TEST_QUESTIONS, testKinds, testForms, questionOptionProblems } from './vocabulary.js';
export { questionTypes, MAX_QUESTION_POINTS, MAX_QUESTION_OPTIONS, MAX_TEST_QUESTIONS, testKinds, testForms, questionOptionProblems } from './vocabulary.js';

/**
 * Learning evidence, part one: a question bank, pre- and post-tests attached to an event, attempts
 * (typed in by staff from a paper sheet, or sent by a participant through the test's public link),
 * marking of short answers by a person, and personal codes a participant can type instead of
 * picking their name.
 */

export const zQuestionType = z.enum(questionTypes);
export type QuestionType = z.infer<typeof zQuestionType>;

/** Text a person reads, in English and (optionally) Urdu. */
export const zLocalText = z.object({ en: z.string(), ur: z.string().nullable() });
export type LocalText = z.infer<typeof zLocalText>;
const zLocalTextInput = (max: number) => z.object({ en: zText(max), ur: zOptionalText(max) });

const zOptionInput = z.object({ text: zLocalTextInput(500), correct: z.boolean() });
/** An option of a question being changed: `id` keeps an option of the current version (when no new version is made). */
const zOptionChange = zOptionInput.extend({ id: zId.optional() });

const checkOptions = (value: { type?: QuestionType; options?: ReadonlyArray<{ correct: boolean }> }, ctx: z.RefinementCtx) => {
  // A change of the options alone is checked by the server against the stored type.
  if (!value.type) return;
  for (const problem of questionOptionProblems(value.type, value.options)) ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
};

const optionsRule =
  'single_choice and true_false: exactly one option correct (true_false: exactly 2 options); multiple_choice: at least one correct, ' +
  'marked all-or-nothing; short_answer: no options (a person marks it).';

export const zCreateQuestionBody = z
  .object({
    type: zQuestionType,
    text: zLocalTextInput(2000),
    options: z.array(zOptionInput).max(MAX_QUESTION_OPTIONS).optional(),
    topic: zOptionalText(80),
    objective: zOptionalText(500),
    points: z.number().int().min(1).max(MAX_QUESTION_POINTS).default(1),
    /** Null: shared by every country (only users of every country may add or change such a question). Default: the user's one country. */
    countryCode: zCountryCode.nullable().optional(),
  })
  .superRefine(checkOptions)
  .meta({ description: `A new question of the bank. ${optionsRule}` });
export type CreateQuestionBody = z.infer<typeof zCreateQuestionBody>;

export const zUpdateQuestionBody = z
  .object({
    type: zQuestionType.optional(),
    text: zLocalTextInput(2000).optional(),
    options: z.array(zOptionChange).max(MAX_QUESTION_OPTIONS).optional(),
    topic: zOptionalText(80),
    objective: zOptionalText(500),
    points: z.number().int().min(1).max(MAX_QUESTION_POINTS).optional(),
    countryCode: zCountryCode.nullable().optional(),
  })
  .superRefine(checkOptions)
  .meta({
    description:
      'The fields to change. A change of the type, text, options or points of a question that has been answered makes a new version ' +
      '(new option ids): attempts keep the version they answered and their scores; tests without attempts move to the new version, ' +
      `tests with attempts keep theirs. Topic, objective and country change in place. ${optionsRule}`,
  });
export type UpdateQuestionBody = z.infer<typeof zUpdateQuestionBody>;

export const zQuestionOption = z.object({ id: zId, text: zLocalText, correct: z.boolean() });
export type QuestionOption = z.infer<typeof zQuestionOption>;

export const zQuestion = z.object({
  /** The question's id stays the same across its versions. */
  id: zId,
  /** The current version: what new tests use. */
  versionId: zId,
  version: z.number().int(),
  type: zQuestionType,
  text: zLocalText,
  options: z.array(zQuestionOption),
  topic: z.string().nullable(),
  objective: z.string().nullable(),
  points: z.number().int(),
  countryCode: z.string().nullable(),
  /** The current version has answers: the next change of its type, text, options or points makes a new version. */
  answered: z.boolean(),
  /** Tests that use any version of it. */
  testCount: z.number().int(),
  createdBy: zId.nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Question = z.infer<typeof zQuestion>;

export const zQuestionListQuery = zPageQuery.extend({
  /** Words of the English or Urdu text. */
  q: z.string().trim().max(200).optional(),
  topic: z.string().trim().max(80).optional(),
  type: zQuestionType.optional(),
  countryCode: zCountryCode.optional(),
});
export type QuestionListQuery = z.infer<typeof zQuestionListQuery>;

export const zQuestionTopics = z.object({ topics: z.array(z.string()) });
export type QuestionTopics = z.infer<typeof zQuestionTopics>;

// Tests

export const zTestKind = z.enum(testKinds);
export type TestKind = z.infer<typeof zTestKind>;
export const zTestForm = z.enum(testForms);
export type TestForm = z.infer<typeof zTestForm>;

const uniqueIds = (ids: readonly string[] | undefined, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  ids?.forEach((id, i) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['questionIds', i], message: 'The same question twice' });
    seen.add(id);
  });
};

export const zCreateTestBody = z
  .object({
    kind: zTestKind,
    title: zText(300),
    /** In the order the test asks them. */
    questionIds: z.array(zId).min(1).max(MAX_TEST_QUESTIONS),
    form: zTestForm.nullable().optional(),
    /** Per cent of the points needed to pass (the certificate rules read it); none: no pass mark. */
    passMark: z.number().int().min(0).max(100).nullable().optional(),
    /** Whether the public link takes answers from the start (default: yes). */
    linkOpen: z.boolean().optional(),
  })
  .superRefine((v, ctx) => uniqueIds(v.questionIds, ctx))
  .meta({
    description: 'A pre- or post-test of the event. One test of each kind per event, or one per form (A, B) of that kind; one attempt per person per kind.',
  });
export type CreateTestBody = z.infer<typeof zCreateTestBody>;

export const zUpdateTestBody = z
  .object({
    title: zText(300).optional(),
    questionIds: z.array(zId).min(1).max(MAX_TEST_QUESTIONS).optional(),
    form: zTestForm.nullable().optional(),
    passMark: z.number().int().min(0).max(100).nullable().optional(),
  })
  .superRefine((v, ctx) => uniqueIds(v.questionIds, ctx))
  .meta({ description: 'The fields to change. The questions (and form) of a test that has attempts stay as they are (422).' });
export type UpdateTestBody = z.infer<typeof zUpdateTestBody>;

/**
 * How people name themselves on a test's public link: `list`, by tapping their name on the event's
 * list or typing their personal code; `code`, by their personal code only (nobody can answer as
 * someone else by picking their name). A new post-test, whose score decides training certificates,
 * takes codes only; a new pre-test takes either.
 */
export const linkIdentifications = ['list', 'code'] as const;
export const zLinkIdentification = z.enum(linkIdentifications);
export type LinkIdentification = z.infer<typeof zLinkIdentification>;

export const zTestLinkBody = z.object({
  open: z.boolean(),
  /** A new token: the old link stops working (a link that went further than it should). */
  renew: z.boolean().optional(),
  /** How people name themselves on the link; left out, it stays as it is. */
  identifyBy: zLinkIdentification.optional(),
});
export type TestLinkBody = z.infer<typeof zTestLinkBody>;

/** The public link of a test: `/take/{token}` in the web app (shown with a QR code). */
export const zTestLink = z.object({ token: z.string(), open: z.boolean(), path: z.string(), identifyBy: zLinkIdentification });

export const zTestSummary = z.object({
  id: zId,
  eventId: zId,
  kind: zTestKind,
  form: zTestForm.nullable(),
  title: z.string(),
  passMark: z.number().int().nullable(),
  questionCount: z.number().int(),
  /** Points of all its questions. */
  maxScore: z.number().int(),
  link: zTestLink,
  attemptCount: z.number().int(),
  /** Attempts with short answers still to be marked. */
  attemptsToMark: z.number().int(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type TestSummary = z.infer<typeof zTestSummary>;

export const zTestQuestion = z.object({
  position: z.number().int(),
  questionId: zId,
  versionId: zId,
  version: z.number().int(),
  /** False when the question has a newer version than the one this test asks (a test with attempts keeps its version). */
  latestVersion: z.boolean(),
  type: zQuestionType,
  text: zLocalText,
  options: z.array(zQuestionOption),
  points: z.number().int(),
  topic: z.string().nullable(),
  objective: z.string().nullable(),
});
export type TestQuestion = z.infer<typeof zTestQuestion>;

export const zTest = zTestSummary.extend({ questions: z.array(zTestQuestion) });
export type Test = z.infer<typeof zTest>;
export const zTestList = z.object({ items: z.array(zTestSummary) });
export type TestList = z.infer<typeof zTestList>;

// Attempts

export const zAnswerInput = z.object({
  questionId: zId,
  /** Choice questions: the options ticked (single choice and true/false: at most one). */
  optionIds: z.array(zId).max(MAX_QUESTION_OPTIONS).optional(),
  /** Short answers: what the person wrote. */
  text: z.string().trim().max(2000).optional(),
  /** Short answers only: the points a marker gives (at most the question's points); left out, the answer waits for marking. */
  awarded: z.number().int().min(0).max(MAX_QUESTION_POINTS).optional(),
});
export type AnswerInput = z.infer<typeof zAnswerInput>;

const uniqueQuestions = (answers: ReadonlyArray<{ questionId: string }>, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  answers.forEach((a, i) => {
    if (seen.has(a.questionId)) ctx.addIssue({ code: 'custom', path: ['answers', i, 'questionId'], message: 'The same question twice' });
    seen.add(a.questionId);
  });
};

export const zCreateAttemptBody = z
  .object({
    personId: zId,
    /** Questions of the test left out are unanswered (no points). */
    answers: z.array(zAnswerInput).max(MAX_TEST_QUESTIONS),
    clientId: zClientId.optional(),
  })
  .superRefine((v, ctx) => uniqueQuestions(v.answers, ctx))
  .meta({ description: "A participant's answer sheet typed in by staff. Choice questions are marked at once; short answers when `awarded` is given." });
export type CreateAttemptBody = z.infer<typeof zCreateAttemptBody>;

export const attemptSources = ['staff', 'link'] as const;

export const zAttemptAnswer = z.object({
  questionId: zId,
  versionId: zId,
  optionIds: z.array(zId),
  text: z.string().nullable(),
  /** Null: a short answer not marked yet. */
  awarded: z.number().int().nullable(),
  maxPoints: z.number().int(),
});
export type AttemptAnswer = z.infer<typeof zAttemptAnswer>;

export const zAttempt = z.object({
  id: zId,
  testId: zId,
  /** Null, like the name and the answers' texts, for a participant of a country the user does not work in (`hidden`). */
  personId: zId.nullable(),
  fullName: z.string().nullable(),
  hidden: z.boolean(),
  source: z.enum(attemptSources),
  /** Points scored; short answers not marked yet count nothing until they are. */
  score: z.number().int(),
  maxScore: z.number().int(),
  /** score / maxScore × 100, one decimal. */
  percent: z.number(),
  /** Against the test's pass mark; null without one, or while answers wait for marking. */
  passed: z.boolean().nullable(),
  /** Short answers still to be marked. */
  pendingMarks: z.number().int(),
  answers: z.array(zAttemptAnswer),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Attempt = z.infer<typeof zAttempt>;
export const zAttemptList = z.object({ items: z.array(zAttempt) });
export type AttemptList = z.infer<typeof zAttemptList>;

export const zMarkAttemptBody = z.object({
  marks: z
    .array(z.object({ questionId: zId, awarded: z.number().int().min(0).max(MAX_QUESTION_POINTS) }))
    .min(1)
    .max(MAX_TEST_QUESTIONS),
});
export type MarkAttemptBody = z.infer<typeof zMarkAttemptBody>;

// Personal codes

export const zParticipantCode = z.object({ personId: zId, fullName: z.string(), code: z.string() });
export const zParticipantCodes = z.object({
  items: z.array(zParticipantCode),
  /** Participants of countries the user does not work in: their codes are not shown. */
  hidden: z.number().int(),
});
export type ParticipantCodes = z.infer<typeof zParticipantCodes>;

// Taking a test through its public link (no account)

export const zTakeParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/, 'Not a test link')
    .meta({ description: "The test link's token (128 random bits, base64url)" }),
});

export const zTakeQuestion = z.object({
  id: zId,
  type: zQuestionType,
  text: zLocalText,
  points: z.number().int(),
  /** Without which are correct. */
  options: z.array(z.object({ id: zId, text: zLocalText })),
});
export const zTakeTest = z.object({
  event: z.object({ title: z.string() }),
  test: z.object({ title: z.string(), kind: zTestKind, form: zTestForm.nullable() }),
  questions: z.array(zTakeQuestion),
  /** `code`: the link takes personal codes only, and `participants` is empty. */
  identifyBy: zLinkIdentification,
  /** The event's participants to pick from: a first name and the family name's initial, and a reference that works for this test only. */
  participants: z.array(z.object({ ref: z.string(), name: z.string() })),
});
export type TakeTest = z.infer<typeof zTakeTest>;

const zTakeAnswer = z.strictObject({
  questionId: zId,
  optionIds: z.array(zId).max(MAX_QUESTION_OPTIONS).optional(),
  text: z.string().trim().max(2000).optional(),
});

export const zTakeAttemptBody = z
  .strictObject({
    /** The `ref` of the name picked from the list… */
    participant: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16}$/, 'Not a reference from this list')
      .optional(),
    /** …or the personal code printed on the attendance sheet (letters and digits; case, spaces and dashes do not matter). */
    personalCode: z.string().trim().min(1).max(20).optional(),
    answers: z.array(zTakeAnswer).max(MAX_TEST_QUESTIONS),
    /** Made once on the device: sending the same submission again is answered as the first time. */
    clientId: zClientId,
  })
  .superRefine((v, ctx) => {
    if ((v.participant === undefined) === (v.personalCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['participant'], message: 'Pick your name or type your personal code (one of the two)' });
    }
    uniqueQuestions(v.answers, ctx);
  });
export type TakeAttemptBody = z.infer<typeof zTakeAttemptBody>;

export const zTakeResult = z.object({
  id: zId,
  score: z.number().int(),
  maxScore: z.number().int(),
  percent: z.number(),
  /** Short answers a trainer still marks: the score may go up. */
  pendingMarks: z.number().int(),
});
export type TakeResult = z.infer<typeof zTakeResult>;
