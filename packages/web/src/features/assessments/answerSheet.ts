import type { AnswerInput, QuestionType } from '@hifazat/contract';

/**
 * A paper answer sheet typed in: one cell per question, options as letters (A, B, C… in the order the
 * question lists them), a short answer as the points the marker gives (empty: marked later).
 */
export const OPTION_LETTERS = 'ABCDEFGHIJ';

export type SheetQuestion = { questionId: string; type: QuestionType; optionIds: string[]; points: number };

/**
 * Urdu answer sheets letter options in the abjad order (الف، ب، ج، د، ہ، و، ز، ح، ط، ی), and a number
 * pad is quicker than letters: both are read as A, B, C… (1 is A).
 */
const ABJAD = ['ا', 'ب', 'ج', 'د', 'ہ', 'و', 'ز', 'ح', 'ط', 'ی'];
const ABJAD_VARIANTS: Record<string, string> = { ه: 'ہ', ة: 'ہ', ي: 'ی', ى: 'ی', أ: 'ا', آ: 'ا' };

/** The option a typed character names (0 for A), or null. */
export function optionIndexOfKey(key: string): number | null {
  const upper = key.toUpperCase();
  const latin = OPTION_LETTERS.indexOf(upper);
  if (upper.length === 1 && latin >= 0) return latin;
  if (/^[1-9]$/.test(key)) return Number(key) - 1;
  const abjad = ABJAD.indexOf(ABJAD_VARIANTS[key] ?? key);
  return abjad >= 0 ? abjad : null;
}

/** What a cell keeps of what was typed: the letters of options the question has (one for single choice), or the points' digits. */
export function normaliseCell(question: SheetQuestion, typed: string): string {
  if (question.type === 'short_answer') return typed.replace(/\D/g, '').slice(0, 3);
  const indices = [...typed].map(optionIndexOfKey).filter((i): i is number => i !== null && i < question.optionIds.length);
  if (question.type !== 'multiple_choice') {
    const last = indices.at(-1);
    return last === undefined ? '' : (OPTION_LETTERS[last] ?? '');
  }
  return [...new Set(indices)]
    .sort((a, b) => a - b)
    .map((i) => OPTION_LETTERS[i] ?? '')
    .join('');
}

export type CellProblem = { questionId: string; max: number };

/** The answers of a row of cells, or the cells whose points are more than their question gives. Empty cells are left out (no answer). */
export function rowAnswers(questions: readonly SheetQuestion[], cells: Readonly<Record<string, string>>): { answers: AnswerInput[]; problems: CellProblem[] } {
  const answers: AnswerInput[] = [];
  const problems: CellProblem[] = [];
  for (const question of questions) {
    const value = (cells[question.questionId] ?? '').trim();
    if (value === '') continue;
    if (question.type === 'short_answer') {
      const awarded = Number(value);
      if (awarded > question.points) problems.push({ questionId: question.questionId, max: question.points });
      else answers.push({ questionId: question.questionId, awarded });
      continue;
    }
    const optionIds = [...value].map((letter) => question.optionIds[OPTION_LETTERS.indexOf(letter)]).filter((id): id is string => id !== undefined);
    if (optionIds.length > 0) answers.push({ questionId: question.questionId, optionIds });
  }
  return { answers, problems };
}

/** A stored answer as the cell shows it. */
export function cellOfAnswer(question: SheetQuestion, answer: { optionIds: string[]; awarded: number | null } | undefined): string {
  if (!answer) return '';
  if (question.type === 'short_answer') return answer.awarded === null ? '' : String(answer.awarded);
  return answer.optionIds
    .map((id) => question.optionIds.indexOf(id))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b)
    .map((i) => OPTION_LETTERS[i] ?? '')
    .join('');
}
