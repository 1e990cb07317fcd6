import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cronbachAlpha,
  effectSizeDz,
  gainBand,
  itemDiscrimination,
  itemFacility,
  lnGamma,
  normalizedGain,
  normalTwoSidedP,
  pairedTTest,
  regularizedIncompleteBeta,
  studentTTwoSidedP,
  summarise,
  wilcoxonSignedRank,
  type Summary,
  type TTestResult,
  type WilcoxonResult,
} from './assessment.statistics.js';

/** Written by packages/server/scripts/statistics-fixtures.py (SciPy and NumPy); see that script. */
type Fixtures = {
  python: string;
  scipy: string;
  numpy: string;
  pairedSets: Array<{
    name: string;
    note: string;
    pre: number[];
    post: number[];
    differences: number[];
    summaryPre: Summary;
    summaryPost: Summary;
    summaryDifferences: Summary;
    tTest: TTestResult | null;
    tTestScipyRaw: { t: number | string; p: number | string } | null;
    wilcoxon: WilcoxonResult | null;
    effectSizeDz: number | null;
    gain: { meanPre: number; meanPost: number; maxScore: number; g: number | null; band: 'low' | 'medium' | 'high' | null };
  }>;
  itemSets: Array<{
    name: string;
    note: string;
    matrix: number[][];
    maxPoints: number[];
    facility: number[];
    discrimination: Array<number | null>;
    cronbachAlpha: number | null;
  }>;
  tDistribution: Array<{ t: number; df: number; p: number }>;
  normalDistribution: Array<{ z: number; p: number }>;
  lnGamma: Array<{ x: number; lnGamma: number }>;
};

const fixtures = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'statistics.fixtures.json'), 'utf8')) as Fixtures;

/** Relative tolerance for every figure, the normal approximation included (the same formula as SciPy's). */
const RELATIVE = 1e-9;
function expectClose(actual: number | null | undefined, expected: number | null, what: string) {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).toBeTypeOf('number');
  const error = Math.abs((actual as number) - expected);
  expect(error, `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.abs(expected) + 1e-15);
}
function expectSummary(actual: Summary, expected: Summary, what: string) {
  expect(actual.n, what).toBe(expected.n);
  expectClose(actual.mean, expected.mean, `${what} mean`);
  expectClose(actual.median, expected.median, `${what} median`);
  expectClose(actual.sd, expected.sd, `${what} sd`);
}

describe(`assessment statistics against SciPy ${fixtures.scipy} and NumPy ${fixtures.numpy} (Python ${fixtures.python})`, () => {
  it('has the datasets the fixtures promise', () => {
    expect(fixtures.pairedSets.length).toBeGreaterThanOrEqual(12);
    const methods = new Set(fixtures.pairedSets.map((s) => s.wilcoxon?.method ?? 'none'));
    expect(methods).toEqual(new Set(['exact', 'normal', 'none']));
  });

  describe.each(fixtures.pairedSets)('paired set $name ($note)', (set) => {
    it('summarises pre, post and the differences like NumPy (ddof = 1)', () => {
      expectSummary(summarise(set.pre), set.summaryPre, 'pre');
      expectSummary(summarise(set.post), set.summaryPost, 'post');
      expectSummary(summarise(set.differences), set.summaryDifferences, 'differences');
    });

    it('gives the paired t-test of scipy.stats.ttest_rel (null where SciPy answers inf or nan)', () => {
      const result = pairedTTest(set.differences);
      if (set.tTest === null) {
        expect(result).toBeNull();
        return;
      }
      expect(result?.df).toBe(set.tTest.df);
      expectClose(result?.t, set.tTest.t, 't');
      expectClose(result?.p, set.tTest.p, 'p');
    });

    it('gives the Wilcoxon signed-rank test of scipy.stats.wilcoxon for the method our rule picks', () => {
      const result = wilcoxonSignedRank(set.differences);
      if (set.wilcoxon === null) {
        expect(result).toBeNull();
        return;
      }
      expect(result?.method).toBe(set.wilcoxon.method);
      expect(result?.statistic).toBe(set.wilcoxon.statistic);
      expectClose(result?.p, set.wilcoxon.p, 'p');
    });

    it('gives d_z, Hake gain and its band like NumPy', () => {
      expectClose(effectSizeDz(set.differences), set.effectSizeDz, 'd_z');
      const g = normalizedGain(set.gain.meanPre, set.gain.meanPost, set.gain.maxScore);
      expectClose(g, set.gain.g, 'g');
      expect(g === null ? null : gainBand(g)).toBe(set.gain.band);
    });
  });

  describe.each(fixtures.itemSets)('item set $name ($note)', (set) => {
    const columns = set.maxPoints.map((_, j) => set.matrix.map((row) => row[j] as number));
    const totals = set.matrix.map((row) => row.reduce((a, b) => a + b, 0));

    it('gives facility as NumPy does', () => {
      columns.forEach((column, j) => expectClose(itemFacility(column, set.maxPoints[j] as number), set.facility[j] as number, `item ${j}`));
    });
    it('gives discrimination as scipy.stats.pearsonr of item and rest (null where SciPy answers nan)', () => {
      columns.forEach((column, j) => expectClose(itemDiscrimination(column, totals), set.discrimination[j] as number | null, `item ${j}`));
    });
    it("gives Cronbach's alpha as the NumPy formula", () => {
      expectClose(cronbachAlpha(set.matrix), set.cronbachAlpha, 'alpha');
    });
  });

  it("matches Student's t two-sided p of scipy.stats.t.sf across df and t, far tails included", () => {
    for (const row of fixtures.tDistribution) expectClose(studentTTwoSidedP(row.t, row.df), row.p, `t=${row.t} df=${row.df}`);
  });
  it('matches the normal two-sided p of scipy.stats.norm.sf, far tails included', () => {
    for (const row of fixtures.normalDistribution) expectClose(normalTwoSidedP(row.z), row.p, `z=${row.z}`);
  });
  it("matches Python's math.lgamma", () => {
    for (const row of fixtures.lnGamma) {
      // lnΓ crosses zero at 1 and 2: there an absolute error is the meaningful one.
      expect(Math.abs(lnGamma(row.x) - row.lnGamma), `x=${row.x}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(row.lnGamma)));
    }
  });
});

describe('assessment statistics: edges', () => {
  it('summarises nothing and one value without inventing a spread', () => {
    expect(summarise([])).toEqual({ n: 0, mean: null, median: null, sd: null });
    expect(summarise([7])).toEqual({ n: 1, mean: 7, median: 7, sd: null });
    expect(summarise([4, 1, 3, 2])).toMatchObject({ median: 2.5 });
  });

  it('answers null, never NaN or Infinity, where a figure is undefined', () => {
    expect(pairedTTest([])).toBeNull();
    expect(pairedTTest([2])).toBeNull();
    expect(pairedTTest([2, 2, 2])).toBeNull();
    expect(pairedTTest([0, 0, 0])).toBeNull();
    // Equal differences that floating point would not make exactly equal when averaged still count as equal.
    expect(pairedTTest([0.1, 0.1, 0.1])).toBeNull();
    expect(effectSizeDz([0.1, 0.1, 0.1])).toBeNull();
    expect(wilcoxonSignedRank([])).toBeNull();
    expect(wilcoxonSignedRank([0, 0])).toBeNull();
    expect(normalizedGain(10, 8, 10)).toBeNull();
    expect(normalizedGain(11, 8, 10)).toBeNull();
    expect(normalizedGain(Number.NaN, 8, 10)).toBeNull();
    expect(itemFacility([], 1)).toBeNull();
    expect(itemFacility([1, 0], 0)).toBeNull();
    expect(itemDiscrimination([1], [3])).toBeNull();
    expect(itemDiscrimination([1, 1, 1], [3, 4, 5])).toBeNull();
    expect(itemDiscrimination([1, 0, 1], [2, 1, 2])).toBeNull(); // the rest of the test does not vary
    expect(cronbachAlpha([])).toBeNull();
    expect(cronbachAlpha([[1, 0, 1]])).toBeNull();
    expect(cronbachAlpha([[1], [0]])).toBeNull();
  });

  it('refuses mismatched shapes, a programming error rather than data', () => {
    expect(() => itemDiscrimination([1, 0], [1])).toThrow(RangeError);
    expect(() => cronbachAlpha([[1, 0], [1]])).toThrow(RangeError);
  });

  it('puts the band edges where Hake puts them', () => {
    expect(gainBand(-0.4)).toBe('low');
    expect(gainBand(0.2999)).toBe('low');
    expect(gainBand(0.3)).toBe('medium');
    expect(gainBand(0.6999)).toBe('medium');
    expect(gainBand(0.7)).toBe('high');
    expect(gainBand(1)).toBe('high');
  });

  it('uses the exact Wilcoxon distribution up to 49 distinct differences and the normal one from 50', () => {
    const distinct = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -(i + 1) : i + 1));
    expect(wilcoxonSignedRank(distinct(49))?.method).toBe('exact');
    expect(wilcoxonSignedRank(distinct(50))?.method).toBe('normal');
    // Zeros are dropped before counting: 49 non-zero differences and a zero are still exact.
    expect(wilcoxonSignedRank([...distinct(49), 0])?.method).toBe('exact');
    expect(wilcoxonSignedRank([1, 2, 2, 3])?.method).toBe('normal');
    // Exact counts stay exact at n = 49: the two most extreme outcomes have probability 2 / 2^49 each side.
    const allUp = Array.from({ length: 49 }, (_, i) => i + 1);
    expect(wilcoxonSignedRank(allUp)?.p).toBe(2 / 2 ** 49);
  });

  it('keeps the incomplete beta within [0, 1] and symmetric', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    const x = 0.37;
    expect(regularizedIncompleteBeta(x, 2.5, 4) + regularizedIncompleteBeta(1 - x, 4, 2.5)).toBeCloseTo(1, 14);
    // I_x(1, 1) = x (the uniform distribution).
    expect(regularizedIncompleteBeta(x, 1, 1)).toBeCloseTo(x, 14);
  });
});
