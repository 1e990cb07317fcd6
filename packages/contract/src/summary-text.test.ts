import { describe, expect, it } from 'vitest';
import { emptySexCounts } from './common.js';
import { participantSummaryText, sexBreakdownText } from './summary-text.js';

const counts = (female: number, male: number, other = 0, unknown = 0) => ({ total: female + male + other + unknown, female, male, other, unknown });

describe('the summary sentence', () => {
  it('says participants by sex, empty categories left out', () => {
    expect(participantSummaryText(counts(3, 21), 'en')).toBe('24 participants (3 female, 21 male)');
    expect(participantSummaryText(counts(1, 0, 0, 2), 'en')).toBe('3 participants (1 female, 2 not recorded)');
    expect(participantSummaryText(emptySexCounts(), 'en')).toBe('0 participants');
    expect(participantSummaryText(counts(3, 21), 'ur')).toBe('24 شرکاء (3 خواتین، 21 مرد)');
  });

  it('gives the part by sex alone, in the same words, for figures that are not participants', () => {
    expect(sexBreakdownText(counts(5, 6), 'en')).toBe('(5 female, 6 male)');
    expect(sexBreakdownText(counts(0, 0, 1), 'en')).toBe('(1 other)');
    expect(sexBreakdownText(counts(1, 2), 'ur')).toBe('(1 خاتون، 2 مرد)');
    expect(sexBreakdownText(emptySexCounts(), 'ur')).toBe('');
  });
});
