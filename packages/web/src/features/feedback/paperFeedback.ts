import type { FeedbackAnswerInput, FeedbackItem } from '@hifazat/contract';
import { optionIndexOfKey } from '../assessments/answerSheet';

/**
 * A paper questionnaire typed in, one cell per item: an agree-or-disagree item takes its point (1 to
 * 5), a single-choice item the number of the option ticked (the letters A, B… and the Urdu abjad
 * letters of a test's answer sheet work too), a written answer its text. Digits may come from an
 * Urdu keyboard (۱۲۳, Eastern Arabic-Indic) as well.
 */
export type PaperItem = Pick<FeedbackItem, 'id' | 'kind'> & { optionIds: readonly string[] };

const EASTERN_DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
const westernDigits = (typed: string) => typed.replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0) ?? 0) & 0x0f));

/** What a cell keeps of what was typed: the last point or option typed that the item has ('' for none); a written answer as it is. */
export function feedbackCell(item: PaperItem, typed: string): string {
  if (item.kind === 'text') return typed;
  const keys = [...westernDigits(typed)];
  for (let i = keys.length - 1; i >= 0; i -= 1) {
    const key = keys[i] ?? '';
    if (item.kind === 'likert' && /^[1-5]$/.test(key)) return key;
    if (item.kind === 'choice') {
      const index = optionIndexOfKey(key);
      if (index !== null && index < item.optionIds.length) return String(index + 1);
    }
  }
  return '';
}

/** The answers of the cells, in the items' order; empty cells are left out (no answer). */
export function feedbackAnswers(items: readonly PaperItem[], cells: Readonly<Record<string, string>>): FeedbackAnswerInput[] {
  return items.flatMap((item): FeedbackAnswerInput[] => {
    const value = cells[item.id] ?? '';
    if (item.kind === 'text') return value.trim() === '' ? [] : [{ itemId: item.id, text: value.trim() }];
    if (value === '') return [];
    if (item.kind === 'likert') return [{ itemId: item.id, value: Number(value) }];
    const optionId = item.optionIds[Number(value) - 1];
    return optionId ? [{ itemId: item.id, optionId }] : [];
  });
}
