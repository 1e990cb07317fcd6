import { zAssessmentAnalysis } from '@hifazat/contract';
import { describe, expect, it } from 'vitest';
import { analyseAssessment, type AnalysisOptions, type AnalysisPerson, type AssessmentAnalysisInput, type ScoredAttempt } from './assessment.analysis.js';
import { pairedTTest, wilcoxonSignedRank } from './assessment.statistics.js';

/** An attempt at a test of `of` one-point questions q1…q<of>, the first `score` of them right. */
function attempt(personId: string, score: number, of: number, prefix = 'q'): ScoredAttempt {
  return {
    personId,
    score,
    maxScore: of,
    items: Array.from({ length: of }, (_, i) => ({ questionId: `${prefix}${i + 1}`, awarded: i < score ? 1 : 0, maxPoints: 1 })),
  };
}
/** An attempt given item by item (one-point questions q1…). */
function answered(personId: string, awarded: number[]): ScoredAttempt {
  return {
    personId,
    score: awarded.reduce((a, b) => a + b, 0),
    maxScore: awarded.length,
    items: awarded.map((value, i) => ({ questionId: `q${i + 1}`, awarded: value, maxPoints: 1 })),
  };
}
const person = (personId: string, sex: AnalysisPerson['sex'] = 'female', organizationType: string | null = null): AnalysisPerson => ({
  personId,
  sex,
  organizationType,
});

/** The result must be what the route declares, and survive JSON unchanged (no NaN, no Infinity). */
function analyse(input: AssessmentAnalysisInput, options: AnalysisOptions = {}) {
  const result = analyseAssessment(input, options);
  expect(zAssessmentAnalysis.parse(result)).toEqual(result);
  expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  return result;
}

describe('assessment analysis', () => {
  it('pairs people by their first attempt and counts who took only one test', () => {
    const pre = [
      attempt('p1', 3, 10),
      attempt('p2', 4, 10),
      attempt('p3', 5, 10),
      attempt('p4', 2, 10),
      attempt('p5', 6, 10),
      attempt('p6', 7, 10),
      attempt('p7', 1, 10),
    ];
    // p1's second post attempt is refused by the service; should one reach the analysis, the first counts.
    const post = [
      attempt('p1', 7, 10),
      attempt('p2', 6, 10),
      attempt('p3', 9, 10),
      attempt('p4', 5, 10),
      attempt('p5', 6, 10),
      attempt('p8', 8, 10),
      attempt('p1', 0, 10),
    ];
    const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8'].map((id) => person(id));
    const r = analyse({ pre, post, people });

    expect(r.maxScore).toBe(10);
    expect(r.scale).toBe('points');
    expect(r.pre).toMatchObject({ n: 7, mean: 4, median: 4, meanPercent: 40, medianPercent: 40 });
    expect(r.post).toMatchObject({ n: 6, median: 6.5 });
    expect(r.post.mean).toBeCloseTo(41 / 6, 12);

    // Paired: p1…p5, differences 4, 2, 4, 3, 0.
    const differences = [4, 2, 4, 3, 0];
    expect(r.paired).toMatchObject({ n: 5, onlyPre: 2, onlyPost: 1, meanPre: 4, improved: 4, normalizedGainBand: 'medium' });
    expect(r.paired.meanPost).toBeCloseTo(6.6, 12);
    expect(r.paired.meanGain).toBeCloseTo(2.6, 12);
    expect(r.paired.meanGainPercent).toBeCloseTo(26, 12);
    // Hake over the paired people: (6.6 − 4) / (10 − 4).
    expect(r.paired.normalizedGain).toBeCloseTo(2.6 / 6, 12);
    expect(r.paired.tTest).toEqual(pairedTTest(differences));
    expect(r.paired.tTest.df).toBe(4);
    expect(r.paired.wilcoxon).toEqual(wilcoxonSignedRank(differences));
    expect(r.paired.wilcoxon.method).toBe('normal'); // the two 4s tie
    expect(r.paired.effectSizeDz).toBeCloseTo(2.6 / Math.sqrt(2.8), 12);
  });

  it('shows counts only, for the whole event, when fewer than 5 people took a test', () => {
    const pre = ['a', 'b', 'c', 'd'].map((id, i) => attempt(id, i + 1, 5));
    const post = ['a', 'b', 'c', 'd'].map((id, i) => attempt(id, i + 2, 5));
    const r = analyse({ pre, post, people: ['a', 'b', 'c', 'd'].map((id) => person(id)) });
    expect(r.maxScore).toBe(5);
    expect(r.pre).toEqual({ n: 4, mean: null, median: null, sd: null, meanPercent: null, medianPercent: null });
    expect(r.paired).toEqual({
      n: 4,
      onlyPre: 0,
      onlyPost: 0,
      meanPre: null,
      meanPost: null,
      meanGain: null,
      meanGainPercent: null,
      normalizedGain: null,
      normalizedGainBand: null,
      tTest: { t: null, df: null, p: null },
      wilcoxon: { statistic: null, p: null, method: null },
      effectSizeDz: null,
      improved: null,
    });
    expect(r.items).toHaveLength(10);
    for (const item of r.items) expect(item).toMatchObject({ n: 4, facility: null, discrimination: null, flags: [] });
    expect(r.cronbachAlpha).toEqual({ pre: null, post: null });
  });

  it('breaks every figure down by sex and organisation type, suppressing groups under 5 people', () => {
    const women = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7'];
    const men = ['m1', 'm2', 'm3'];
    const people = [
      ...women.map((id, i) => person(id, 'female', i < 4 ? 'law_enforcement' : 'civil_society')),
      ...men.map((id) => person(id, 'male', 'law_enforcement')),
      person('u1', 'unknown', null),
      // u2 took the tests but is missing from the list: unknown sex, no organisation.
    ];
    const everyone = [...women, ...men, 'u1', 'u2'];
    const preScores = [2, 3, 4, 5, 3, 2, 6, 4, 5, 6, 3, 4];
    const postScores = [6, 7, 5, 8, 9, 4, 9, 7, 5, 9, 6, 3];
    const pre = everyone.map((id, i) => attempt(id, preScores[i] as number, 10));
    const post = everyone.map((id, i) => attempt(id, postScores[i] as number, 10));
    const r = analyse({ pre, post, people });

    expect(r.bySex.map((g) => [g.group, g.n])).toEqual([
      ['female', 7],
      ['male', 3],
      ['unknown', 2],
    ]);
    const female = r.bySex[0];
    // The women's figures are the whole-event figures of the women alone.
    const womenOnly = analyseAssessment({ pre: pre.slice(0, 7), post: post.slice(0, 7), people });
    expect(female).toEqual({ group: 'female', ...womenOnly.paired, pre: womenOnly.pre, post: womenOnly.post });
    expect(female?.tTest.p).toBeTypeOf('number');
    expect(female?.wilcoxon.p).toBeTypeOf('number');

    for (const small of r.bySex.slice(1)) {
      expect(small.pre).toMatchObject({ mean: null, median: null });
      expect(small.post).toMatchObject({ mean: null, median: null });
      expect(small).toMatchObject({ meanGain: null, normalizedGain: null, tTest: { p: null }, wilcoxon: { p: null }, effectSizeDz: null, improved: null });
      expect(small.pre.n).toBe(small.n);
    }

    // By organisation type, in code order with "no organisation" last: 7 law enforcement, 3 civil society, 2 without.
    expect(r.byOrganizationType.map((g) => [g.group, g.n, g.meanGain === null])).toEqual([
      ['civil_society', 3, true],
      ['law_enforcement', 7, false],
      [null, 2, true],
    ]);
  });

  it('counts people who took only one test within their group', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const people = ids.map((id) => person(id, 'male'));
    const r = analyse({ pre: ids.slice(0, 5).map((id) => attempt(id, 2, 4)), post: ids.slice(1).map((id) => attempt(id, 3, 4)), people });
    expect(r.bySex).toHaveLength(1);
    expect(r.bySex[0]).toMatchObject({ group: 'male', n: 4, onlyPre: 1, onlyPost: 1, pre: { n: 5, mean: 2 }, post: { n: 5, mean: 3 }, meanGain: null });
  });

  it('flags items too easy, too hard and discriminating negatively, with facility and discrimination per test', () => {
    const post = [
      answered('a', [1, 0, 0, 1, 1, 1]),
      answered('b', [1, 0, 0, 1, 1, 1]),
      answered('c', [1, 1, 0, 1, 1, 1]),
      answered('d', [1, 0, 1, 0, 0, 0]),
      answered('e', [1, 0, 1, 1, 0, 1]),
      answered('f', [1, 0, 1, 0, 0, 0]),
    ];
    const pre = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => attempt(id, 1, 6));
    const r = analyse({ pre, post, people: [] });
    const postItems = r.items.filter((item) => item.testKind === 'post');
    expect(postItems.map((item) => [item.questionId, item.flags])).toEqual([
      ['q1', ['too_easy']],
      ['q2', ['too_hard']],
      ['q3', ['negative_discrimination']],
      ['q4', []],
      ['q5', []],
      ['q6', []],
    ]);
    // Reference values from NumPy / scipy.stats.pearsonr on the same matrix.
    const facility = [1, 1 / 6, 0.5, 2 / 3, 0.5, 2 / 3];
    const discrimination = [null, 0.316227766016838, -0.8728715609439697, 0.8574929257125442, 0.4082482904638631, 0.8574929257125442];
    postItems.forEach((item, j) => {
      expect(item.n).toBe(6);
      expect(item.maxPoints).toBe(1);
      expect(item.facility).toBeCloseTo(facility[j] as number, 12);
      if (discrimination[j] === null) expect(item.discrimination).toBeNull();
      else expect(item.discrimination).toBeCloseTo(discrimination[j] as number, 12);
    });
    expect(r.cronbachAlpha.post).toBeCloseTo(0.16, 12);
    // Pre-test: everyone got only q1 right, so q1 is too easy and the others too hard; the items do not vary, so no discrimination and no α.
    const preItems = r.items.filter((item) => item.testKind === 'pre');
    expect(preItems.map((item) => item.flags)).toEqual([['too_easy'], ['too_hard'], ['too_hard'], ['too_hard'], ['too_hard'], ['too_hard']]);
    expect(preItems.every((item) => item.discrimination === null)).toBe(true);
    expect(r.cronbachAlpha.pre).toBeNull();
    // Pre items come first, then post, each in the order the questions first appear.
    expect(r.items.map((item) => item.testKind)).toEqual([...Array<string>(6).fill('pre'), ...Array<string>(6).fill('post')]);
  });

  it('compares per cents, with maxScore 100, when the pre- and post-tests have different maxima', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const pre = ids.map((id, i) => attempt(id, [1, 2, 3, 2, 2][i] as number, 5)); // 20, 40, 60, 40, 40 %
    const post = ids.map((id, i) => attempt(id, [6, 8, 9, 5, 7][i] as number, 10, 'r')); // 60, 80, 90, 50, 70 %
    const r = analyse({ pre, post, people: [] });
    expect(r.scale).toBe('percent');
    expect(r.maxScore).toBe(100);
    expect(r.pre).toMatchObject({ n: 5, mean: 40, median: 40, meanPercent: 40 });
    expect(r.post).toMatchObject({ n: 5, mean: 70, median: 70, meanPercent: 70 });
    expect(r.paired.meanGain).toBeCloseTo(30, 12);
    expect(r.paired.meanGainPercent).toBeCloseTo(30, 12);
    // (70 − 40) / (100 − 40); on points it would have been a meaningless (7 − 2) / (10 − 2).
    expect(r.paired.normalizedGain).toBeCloseTo(0.5, 12);
    expect(r.paired.normalizedGainBand).toBe('medium');
    // Items keep their own points.
    expect(r.items.filter((item) => item.testKind === 'post')).toHaveLength(10);

    // The same maxima on both sides keep points.
    const samePoints = analyse({ pre, post: ids.map((id, i) => attempt(id, [3, 4, 5, 2, 4][i] as number, 5)), people: [] });
    expect(samePoints).toMatchObject({ scale: 'points', maxScore: 5, pre: { mean: 2, meanPercent: 40 } });
  });

  it('treats per-cent differences equal up to floating point as equal (t-test and d_z null, one tie for Wilcoxon)', () => {
    // Each person gains exactly a third of the test: 1/3 → 4/6, 2/3 → 6/6, 0/3 → 2/6.
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const pre = ids.map((id, i) => attempt(id, [1, 2, 0, 1, 2][i] as number, 3));
    const post = ids.map((id, i) => attempt(id, [4, 6, 2, 4, 6][i] as number, 6, 'r'));
    const r = analyse({ pre, post, people: [] });
    expect(r.scale).toBe('percent');
    expect(r.paired.meanGain).toBeCloseTo(100 / 3, 9);
    expect(r.paired.tTest).toEqual({ t: null, df: null, p: null });
    expect(r.paired.effectSizeDz).toBeNull();
    expect(r.paired.wilcoxon).toMatchObject({ statistic: 0, method: 'normal' });
    expect(r.paired.improved).toBe(5);
  });

  it('computes alpha over the form most people took when a test has parallel forms', () => {
    const formA = [
      [1, 1, 1],
      [1, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
      [1, 1, 1],
    ];
    const pre = [
      ...formA.map((row, i) => answered(`a${i}`, row)),
      // Form B (other questions) by two people: not in the same matrix.
      ...[0, 1].map((i) => ({
        ...answered(`b${i}`, [1, 0]),
        items: [
          { questionId: 'x1', awarded: 1, maxPoints: 1 },
          { questionId: 'x2', awarded: i, maxPoints: 1 },
        ],
      })),
    ];
    const r = analyse({ pre, post: [], people: [] });
    // α of form A alone, by the formula: item variances 0.2, 0.3, 0.3; total variance 1.7; k = 3.
    expect(r.cronbachAlpha.pre).toBeCloseTo(1.5 * (1 - 0.8 / 1.7), 12);
    expect(r.items.find((item) => item.questionId === 'x1')).toMatchObject({ n: 2, facility: null });
    expect(r.paired).toMatchObject({ n: 0, onlyPre: 7, onlyPost: 0 });
  });

  it('answers an event without attempts with counts of zero', () => {
    const r = analyse({ pre: [], post: [], people: [person('a')] });
    expect(r).toMatchObject({
      maxScore: null,
      pre: { n: 0, mean: null },
      post: { n: 0 },
      paired: { n: 0, onlyPre: 0, onlyPost: 0 },
      items: [],
      bySex: [],
      byOrganizationType: [],
    });
  });
  describe('pooled across events', () => {
    const formA = [
      [1, 1, 1],
      [1, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
      [1, 1, 1],
    ];

    it('keeps per cents and maxScore 100 even when every test has the same maximum, and α when every attempt held the same questions', () => {
      const pre = formA.map((row, i) => answered(`a${i}`, row));
      const post = formA.map((_, i) => answered(`a${i}`, [1, 1, 1]));
      const r = analyse({ pre, post, people: [] }, { pooled: true });
      expect(r).toMatchObject({ scale: 'percent', maxScore: 100 });
      // 3, 2, 1, 0 and 3 of 3 points: (100 + 66.7 + 33.3 + 0 + 100) / 5 = 60 per cent.
      expect(r.pre.mean).toBeCloseTo(60, 10);
      expect(r.paired.normalizedGain).toBeCloseTo(1, 10);
      expect(r.cronbachAlpha.pre).toBeCloseTo(1.5 * (1 - 0.8 / 1.7), 12);
      // Not pooled, the same attempts stay in points.
      expect(analyse({ pre, post, people: [] })).toMatchObject({ scale: 'points', maxScore: 3 });
    });

    it('gives no α when the attempts held different questions, and takes items as shares of their points', () => {
      const pre = [
        ...formA.map((row, i) => answered(`a${i}`, row)),
        // Another event's test: q1 worth 2 points there, with a question of its own.
        ...[2, 0].map((q1, i) => ({
          personId: `b${i}`,
          score: q1 + 1,
          maxScore: 3,
          items: [
            { questionId: 'q1', awarded: q1, maxPoints: 2 },
            { questionId: 'y1', awarded: 1, maxPoints: 1 },
          ],
        })),
      ];
      const r = analyse({ pre, post: [], people: [] }, { pooled: true });
      expect(r.cronbachAlpha.pre).toBeNull();
      // q1: 1 1 1 0 1 of one point, then 2 of 2 and 0 of 2 → shares 1 1 1 0 1 1 0: facility 5/7.
      const q1 = r.items.find((item) => item.questionId === 'q1');
      expect(q1).toMatchObject({ n: 7, maxPoints: 1 });
      expect(q1?.facility).toBeCloseTo(5 / 7, 12);
      // Not pooled, the most taken form's α stays.
      expect(analyse({ pre, post: [], people: [] }).cronbachAlpha.pre).toBeCloseTo(1.5 * (1 - 0.8 / 1.7), 12);
    });
  });
});
