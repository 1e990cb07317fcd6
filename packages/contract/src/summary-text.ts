import type { SexCounts } from './common.js';

/**
 * The programme's own reporting sentence: "24 participants (3 female, 21 male)".
 * Categories with nobody in them are left out; "other" and "unknown" read "1 other", "2 not recorded".
 */
export function participantSummaryText(counts: SexCounts, language: 'en' | 'ur'): string {
  const words = language === 'en' ? english : urdu;
  const format = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'ur-PK').format;
  const head = `${format(counts.total)} ${words.participant(counts.total)}`;
  const bySex = sexBreakdownText(counts, language);
  return bySex ? `${head} ${bySex}` : head;
}

/**
 * The sentence's part by sex on its own, for a figure that is not of participants (people reached):
 * "(3 female, 21 male)", the same words and rules; '' when nobody is counted.
 */
export function sexBreakdownText(counts: Pick<SexCounts, 'female' | 'male' | 'other' | 'unknown'>, language: 'en' | 'ur'): string {
  const words = language === 'en' ? english : urdu;
  const format = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'ur-PK').format;
  const parts: string[] = [];
  for (const key of ['female', 'male', 'other', 'unknown'] as const) {
    const n = counts[key];
    if (n > 0) parts.push(`${format(n)} ${words[key](n)}`);
  }
  return parts.length > 0 ? `(${parts.join(words.separator)})` : '';
}

type Words = {
  participant: (n: number) => string;
  female: (n: number) => string;
  male: (n: number) => string;
  other: (n: number) => string;
  unknown: (n: number) => string;
  separator: string;
};

const english: Words = {
  participant: (n) => (n === 1 ? 'participant' : 'participants'),
  female: () => 'female',
  male: () => 'male',
  other: () => 'other',
  unknown: () => 'not recorded',
  separator: ', ',
};

const urdu: Words = {
  participant: (n) => (n === 1 ? 'شریک' : 'شرکاء'),
  female: (n) => (n === 1 ? 'خاتون' : 'خواتین'),
  male: () => 'مرد',
  other: () => 'دیگر',
  unknown: () => 'غیر درج شدہ',
  separator: '، ',
};
