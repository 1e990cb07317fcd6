import type { FeedbackItem } from '@hifazat/contract';
import { describe, expect, it } from 'vitest';
import { itemResults, withheldGroups, type CountRow } from './feedback.results.js';

const likert: FeedbackItem = { id: '00000000-0000-4000-8000-000000000001', kind: 'likert', text: { en: 'Relevant', ur: 'متعلق' }, options: [] };
const choice: FeedbackItem = {
  id: '00000000-0000-4000-8000-000000000002',
  kind: 'choice',
  text: { en: 'Recommend?', ur: null },
  options: [
    { id: '00000000-0000-4000-8000-0000000000a1', text: { en: 'Yes', ur: 'جی ہاں' } },
    { id: '00000000-0000-4000-8000-0000000000a2', text: { en: 'No', ur: 'جی نہیں' } },
  ],
};
const open: FeedbackItem = { id: '00000000-0000-4000-8000-000000000003', kind: 'text', text: { en: 'Suggestions', ur: null }, options: [] };

const row = (
  itemId: string,
  answer: { value?: number; optionId?: string },
  sex: CountRow['sex'],
  organizationType: CountRow['organizationType'],
  n: number,
): CountRow => ({
  itemId,
  value: answer.value ?? null,
  optionId: answer.optionId ?? null,
  sex,
  organizationType,
  n,
});

describe('withheldGroups: which groups of a breakdown show their counts only', () => {
  it('shows every group of at least 5, and withholds none when none is small', () => {
    expect(withheldGroups([5, 9, 12])).toEqual([false, false, false]);
  });

  it('withholds a small group and, when it could be worked out from the total, the smallest shown group too', () => {
    // 2 withheld alone would be total − 5 − 7: the 5 goes with it (7 withheld together).
    expect(withheldGroups([5, 2, 7])).toEqual([true, true, false]);
    // Two small groups of 3 make 6 together: withheld, nothing more needed.
    expect(withheldGroups([3, 3, 8])).toEqual([true, true, false]);
    // A small group beside a single other group: both withheld (the total would give either away).
    expect(withheldGroups([4, 20])).toEqual([true, true]);
    expect(withheldGroups([1])).toEqual([true]);
  });

  it('takes the smallest shown groups first, and no more than needed', () => {
    expect(withheldGroups([9, 1, 6, 5, 8])).toEqual([false, true, false, true, false]);
    expect(withheldGroups([1, 1, 2, 10, 10], 5)).toEqual([true, true, true, true, false]);
  });
});

describe('itemResults', () => {
  // 6 women (law enforcement), 5 men (4 civil society, 1 without an organisation) answered the Likert item.
  const counts: CountRow[] = [
    row(likert.id, { value: 5 }, 'female', 'law_enforcement', 4),
    row(likert.id, { value: 4 }, 'female', 'law_enforcement', 2),
    row(likert.id, { value: 2 }, 'male', 'civil_society', 3),
    row(likert.id, { value: 3 }, 'male', 'civil_society', 1),
    row(likert.id, { value: 1 }, 'male', null, 1),
    row(choice.id, { optionId: choice.options[0]?.id }, 'female', 'law_enforcement', 6),
    row(choice.id, { optionId: choice.options[1]?.id }, 'male', 'civil_society', 4),
    // An option no version lists (cannot happen through the API) is not counted.
    row(choice.id, { optionId: '00000000-0000-4000-8000-0000000000ff' }, 'male', null, 1),
  ];
  const texts = [
    { itemId: open.id, text: 'More case studies' },
    { itemId: open.id, text: 'زیادہ مثالیں' },
    { itemId: open.id, text: 'A longer workshop' },
  ];
  const [l, c, t] = itemResults([likert, choice, open], counts, texts);

  it('counts the Likert points, their mean, and the breakdowns by sex (all groups of 5 or more shown)', () => {
    expect(l?.n).toBe(11);
    expect(l?.distribution.map((d) => [d.key, d.count])).toEqual([
      ['1', 1],
      ['2', 3],
      ['3', 1],
      ['4', 2],
      ['5', 4],
    ]);
    expect(l?.distribution[4]?.text).toEqual({ en: 'Strongly agree', ur: 'پوری طرح متفق' });
    // (1 + 6 + 3 + 8 + 20) / 11 = 38 / 11 = 3.4545…
    expect(l?.mean).toBe(3.45);
    expect(l?.bySex).toEqual([
      { group: 'female', n: 6, distribution: expect.any(Array), mean: 4.67 },
      { group: 'male', n: 5, distribution: expect.any(Array), mean: 2 },
    ]);
  });

  it('shows organisation types of 5 or more; a small one, and the smallest one beside it, count only', () => {
    // law enforcement 6, civil society 4, none 1: the two small ones make 5 together, so law enforcement stays shown.
    expect(l?.byOrganizationType).toEqual([
      { group: 'law_enforcement', n: 6, distribution: expect.any(Array), mean: 4.67 },
      { group: 'civil_society', n: 4, distribution: null, mean: null },
      { group: null, n: 1, distribution: null, mean: null },
    ]);
  });

  it('counts the options of a choice item by id, with their labels, and has no mean', () => {
    expect(c?.n).toBe(10);
    expect(c?.mean).toBeNull();
    expect(c?.distribution).toEqual([
      { key: choice.options[0]?.id, text: { en: 'Yes', ur: 'جی ہاں' }, count: 6 },
      { key: choice.options[1]?.id, text: { en: 'No', ur: 'جی نہیں' }, count: 4 },
    ]);
    // The 4 men are withheld, and the 6 women's figures would give theirs away (10 − 6): both withheld.
    expect(c?.bySex).toEqual([
      { group: 'female', n: 6, distribution: null, mean: null },
      { group: 'male', n: 4, distribution: null, mean: null },
    ]);
  });

  it('lists free text sorted, never broken down', () => {
    expect(t).toMatchObject({ n: 3, distribution: [], mean: null, bySex: [], byOrganizationType: [] });
    expect(t?.texts).toEqual(['A longer workshop', 'More case studies', 'زیادہ مثالیں']);
  });
});
