import type { ErrorDetail, QuestionType } from '@hifazat/contract';

/**
 * Marking an answer sheet against the versions of the questions its test asks. Pure: the service
 * reads the versions and stores what this returns.
 */

/** A question of a test as marking needs it: its pinned version, points and options. */
export type MarkableQuestion = {
  questionId: string;
  versionId: string;
  position: number;
  type: QuestionType;
  points: number;
  options: ReadonlyArray<{ id: string; correct: boolean }>;
};

export type GivenAnswer = { questionId: string; optionIds?: string[]; text?: string; awarded?: number };

export type MarkedAnswer = {
  questionId: string;
  versionId: string;
  position: number;
  optionIds: string[];
  text: string | null;
  /** Null: a short answer waiting for a person to mark it. */
  awarded: number | null;
  maxPoints: number;
};

export type MarkedSheet = { answers: MarkedAnswer[]; score: number; maxScore: number; pendingMarks: number };

const isChoice = (type: QuestionType) => type !== 'short_answer';

/**
 * Points for the options ticked: single choice and true/false score when the one ticked is the
 * correct one; multiple choice scores all or nothing, when exactly the correct options are ticked
 * (no partial credit: a guess at every option must not earn part of the points).
 */
export function choicePoints(question: MarkableQuestion, optionIds: readonly string[]): number {
  const correct = new Set(question.options.filter((o) => o.correct).map((o) => o.id));
  const ticked = new Set(optionIds);
  if (ticked.size !== correct.size) return 0;
  for (const id of ticked) if (!correct.has(id)) return 0;
  return correct.size > 0 ? question.points : 0;
}

/**
 * Checks every answer against its question (problems name the field, `answers.<i>.<field>`) and
 * marks the sheet: choice questions at once, short answers with the points given (`awarded`) or
 * left for marking; a blank short answer scores nothing without waiting. Questions of the test
 * that were not answered score nothing.
 */
export function markSheet(questions: readonly MarkableQuestion[], given: readonly GivenAnswer[]): { sheet: MarkedSheet; problems: ErrorDetail[] } {
  const byId = new Map(questions.map((q) => [q.questionId, q]));
  const answered = new Map<string, GivenAnswer>();
  const problems: ErrorDetail[] = [];
  given.forEach((answer, i) => {
    const at = (field: string) => `answers.${i}.${field}`;
    const question = byId.get(answer.questionId);
    if (!question) {
      problems.push({ path: at('questionId'), message: 'Not a question of this test' });
      return;
    }
    const optionIds = answer.optionIds ?? [];
    if (isChoice(question.type)) {
      const known = new Set(question.options.map((o) => o.id));
      if (optionIds.some((id) => !known.has(id))) problems.push({ path: at('optionIds'), message: 'Not an option of this question' });
      else if (new Set(optionIds).size !== optionIds.length) problems.push({ path: at('optionIds'), message: 'The same option twice' });
      else if (question.type !== 'multiple_choice' && optionIds.length > 1) problems.push({ path: at('optionIds'), message: 'Only one option may be chosen' });
      if (answer.text !== undefined && answer.text !== '') problems.push({ path: at('text'), message: 'A choice question takes options, not text' });
      if (answer.awarded !== undefined) problems.push({ path: at('awarded'), message: 'Choice questions are marked automatically' });
    } else {
      if (optionIds.length > 0) problems.push({ path: at('optionIds'), message: 'A short-answer question takes text, not options' });
      if (answer.awarded !== undefined && answer.awarded > question.points) {
        problems.push({ path: at('awarded'), message: `At most ${question.points} points` });
      }
    }
    answered.set(question.questionId, answer);
  });
  const answers = [...questions]
    .sort((a, b) => a.position - b.position)
    .map((question): MarkedAnswer => {
      const answer = answered.get(question.questionId);
      const optionIds = answer?.optionIds ?? [];
      const text = answer?.text ? answer.text : null;
      const base = { questionId: question.questionId, versionId: question.versionId, position: question.position, maxPoints: question.points };
      if (isChoice(question.type)) return { ...base, optionIds, text: null, awarded: choicePoints(question, optionIds) };
      return { ...base, optionIds: [], text, awarded: answer?.awarded ?? (text === null ? 0 : null) };
    });
  return { sheet: totals(answers), problems };
}

/** Score, maximum and answers still to mark, from the answers as they stand. */
export function totals(answers: MarkedAnswer[]): MarkedSheet {
  return {
    answers,
    score: answers.reduce((sum, a) => sum + (a.awarded ?? 0), 0),
    maxScore: answers.reduce((sum, a) => sum + a.maxPoints, 0),
    pendingMarks: answers.filter((a) => a.awarded === null).length,
  };
}

/** score / maxScore as a percentage with one decimal (0 for a test worth nothing). */
export const percentOf = (score: number, maxScore: number): number => (maxScore > 0 ? Math.round((score / maxScore) * 1000) / 10 : 0);

/**
 * Passed against the pass mark (per cent), compared exactly (59.96 % does not pass a mark of 60 % by
 * rounding); null without a pass mark or while answers wait for marking.
 */
export const passedOf = (score: number, maxScore: number, passMark: number | null, pendingMarks: number): boolean | null =>
  passMark === null || pendingMarks > 0 ? null : score * 100 >= passMark * maxScore;
