/**
 * The statistics of pre/post tests (issue 10, "Analysis"): small pure functions, no database, no HTTP.
 * Every function returns null (never NaN or Infinity) where its figure is undefined, so that results
 * can go into JSON as they are. Tested against values computed by SciPy and NumPy
 * (scripts/statistics-fixtures.py → statistics.fixtures.json).
 *
 * Callers pass values already rounded to the precision they mean (see assessment.analysis.ts): ties
 * and "all equal" are decided by exact equality, as SciPy decides them.
 */

export type Summary = { n: number; mean: number | null; median: number | null; sd: number | null };
export type TTestResult = { t: number; df: number; p: number };
export type WilcoxonResult = { statistic: number; p: number; method: 'exact' | 'normal' };
export type GainBand = 'low' | 'medium' | 'high';

/** Below this many non-zero differences, without ties, the Wilcoxon test uses its exact distribution. */
export const WILCOXON_EXACT_BELOW = 50;

// ---------------------------------------------------------------------------------------------
// Descriptive statistics

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function mean(values: readonly number[]): number {
  return sum(values) / values.length;
}

/** Sum of squared deviations from the mean, in two passes (stable; the way NumPy's var does it). */
function sumOfSquares(values: readonly number[], centre: number): number {
  let total = 0;
  for (const value of values) total += (value - centre) * (value - centre);
  return total;
}

function allEqual(values: readonly number[]): boolean {
  for (const value of values) if (value !== values[0]) return false;
  return true;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Sample standard deviation (n − 1 in the denominator, NumPy's ddof=1); 0 when all values are equal. */
function sampleSd(values: readonly number[]): number {
  if (allEqual(values)) return 0;
  return Math.sqrt(sumOfSquares(values, mean(values)) / (values.length - 1));
}

/** n, mean, median and sample standard deviation with Bessel's n − 1 (NumPy's std(ddof=1)); sd null below two values. */
export function summarise(values: number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: null, median: null, sd: null };
  return { n, mean: mean(values), median: median(values), sd: n < 2 ? null : sampleSd(values) };
}

// ---------------------------------------------------------------------------------------------
// Special functions

// Lanczos approximation of ln Γ(x) for x > 0, g = 7 with Godfrey's nine coefficients (relative error
// about 1e-15); Numerical Recipes 3rd ed. §6.1 explains the method.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function lnGamma(x: number): number {
  // Reflection Γ(x)Γ(1−x) = π / sin(πx) (DLMF 5.5.3) keeps the series where it is accurate.
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const z = x - 1;
  let series = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i += 1) series += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LN_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

const EPSILON = 1e-16;
const TINY = 1e-300;
const MAX_ITERATIONS = 10_000;

/**
 * Continued fraction of the incomplete beta function (DLMF 8.17.22; Numerical Recipes 3rd ed. §6.4),
 * evaluated by the modified Lentz method (Numerical Recipes §5.2). Converges fast for x < (a+1)/(a+b+2).
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    // Even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return h;
  }
  throw new Error(`incomplete beta: no convergence for a=${a}, b=${b}, x=${x}`);
}

/**
 * The regularised incomplete beta function I_x(a, b) (DLMF 8.17.2), given x and y = 1 − x separately
 * so that callers can pass both without cancellation. Uses I_x(a,b) = 1 − I_{1−x}(b,a) (DLMF 8.17.4)
 * to stay where the continued fraction converges.
 */
export function regularizedIncompleteBeta(x: number, a: number, b: number, y = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // Prefactor x^a y^b / (a B(a, b)) of DLMF 8.17.22, in logarithms.
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(y);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaContinuedFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaContinuedFraction(b, a, y)) / b;
}

/**
 * Two-sided p-value of Student's t with df degrees of freedom: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2)
 * (DLMF 8.17.1 with the t distribution's relation to the beta, Abramowitz & Stegun 26.7.1/26.5.27).
 */
export function studentTTwoSidedP(t: number, df: number): number {
  const t2 = t * t;
  return Math.min(1, regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2)));
}

/**
 * The regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a) (DLMF 8.2.4): the series
 * of DLMF 8.7.3 below x = a + 1, the continued fraction of DLMF 8.9.2 (modified Lentz) above it,
 * as in Numerical Recipes 3rd ed. §6.2.
 */
export function regularizedUpperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnFront = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let total = term;
    for (let n = 1; n <= MAX_ITERATIONS; n += 1) {
      term *= x / (a + n);
      total += term;
      if (Math.abs(term) < Math.abs(total) * EPSILON) return 1 - total * Math.exp(lnFront);
    }
    throw new Error(`incomplete gamma series: no convergence for a=${a}, x=${x}`);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_ITERATIONS; i += 1) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) return Math.exp(lnFront) * h;
  }
  throw new Error(`incomplete gamma fraction: no convergence for a=${a}, x=${x}`);
}

/** Two-sided p-value of a standard normal z: 2Φ(−|z|) = erfc(|z|/√2) = Q(1/2, z²/2) (DLMF 7.2.2, 8.4.14). */
export function normalTwoSidedP(z: number): number {
  return Math.min(1, regularizedUpperGamma(0.5, (z * z) / 2));
}

// ---------------------------------------------------------------------------------------------
// Paired tests

/**
 * Paired t-test, two-sided, on the differences post − pre: t = d̄ / (s_d/√n), df = n − 1 (Student
 * 1908; training_anchors.md §6.2). Null below two differences, and when all differences are equal:
 * the standard deviation is 0, so t is ±∞ (SciPy: t = ±inf, p = 0) or 0/0 (SciPy: nan) — neither has a
 * place in JSON, and the mean gain and the count of people who improved already tell that story.
 */
export function pairedTTest(differences: number[]): TTestResult | null {
  const n = differences.length;
  if (n < 2 || allEqual(differences)) return null;
  const df = n - 1;
  const t = mean(differences) / (sampleSd(differences) / Math.sqrt(n));
  return { t, df, p: studentTTwoSidedP(t, df) };
}

/** Average ranks (1-based) of the values, ties sharing the mean of their positions (SciPy's rankdata 'average'). */
function averageRanks(values: readonly number[]): { ranks: number[]; tieSizes: number[] } {
  const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) end += 1;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k += 1) ranks[order[k] as number] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}

/**
 * P(W⁺ ≤ w) under H0 for n distinct ranks: the number of subsets of {1..n} with sum s, counted by
 * dynamic programming over the ranks, divided by 2ⁿ (Wilcoxon 1945). Below n = 50 the counts stay
 * under 2⁵³, so they are exact integers in a double.
 */
function wilcoxonExactCdf(n: number, w: number): number {
  const maxSum = (n * (n + 1)) / 2;
  const counts = new Array<number>(maxSum + 1).fill(0);
  counts[0] = 1;
  for (let rank = 1; rank <= n; rank += 1) {
    for (let s = (rank * (rank + 1)) / 2; s >= rank; s -= 1) counts[s] = (counts[s] as number) + (counts[s - rank] as number);
  }
  let below = 0;
  for (let s = 0; s <= w; s += 1) below += counts[s] as number;
  return below / 2 ** n;
}

/**
 * Wilcoxon signed-rank test, two-sided, on the differences post − pre (Wilcoxon 1945; Conover,
 * Practical Nonparametric Statistics §5.7). Zeros are dropped (SciPy's default zero_method='wilcox').
 * The statistic is min(W⁺, W⁻), as SciPy reports it for a two-sided test.
 *  - exact: fewer than 50 non-zero differences and no ties among their sizes — p = min(1, 2·P(W ≤ T));
 *  - normal otherwise: z = (T − n(n+1)/4) / √(n(n+1)(2n+1)/24 − Σ(t³ − t)/48), no continuity correction
 *    (SciPy's default correction=False), p = 2Φ(−|z|).
 * SciPy 1.10.1's method='auto' differs in three corners, where we follow the issue ("exact for small n
 * without ties") and R's wilcox.test: it keeps the exact method when there are ties (its exact p is then
 * not exact), it switches to the normal approximation when there are zeros (we drop them and stay exact),
 * and it is exact up to n = 50 inclusive (we from 50 use the normal). Null when no difference is non-zero.
 */
export function wilcoxonSignedRank(differences: number[]): WilcoxonResult | null {
  const nonZero = differences.filter((d) => d !== 0);
  const n = nonZero.length;
  if (n === 0) return null;
  const { ranks, tieSizes } = averageRanks(nonZero.map(Math.abs));
  let plus = 0;
  for (let i = 0; i < n; i += 1) if ((nonZero[i] as number) > 0) plus += ranks[i] as number;
  const total = (n * (n + 1)) / 2;
  const statistic = Math.min(plus, total - plus);
  if (n < WILCOXON_EXACT_BELOW && tieSizes.length === 0) {
    return { statistic, p: Math.min(1, 2 * wilcoxonExactCdf(n, statistic)), method: 'exact' };
  }
  let variance = n * (n + 1) * (2 * n + 1);
  for (const t of tieSizes) variance -= (t * (t * t - 1)) / 2;
  const z = (statistic - (n * (n + 1)) / 4) / Math.sqrt(variance / 24);
  return { statistic, p: normalTwoSidedP(z), method: 'normal' };
}

/** Effect size for paired samples d_z = mean difference / SD of the differences (Lakens 2013, eq. 6); null when the SD is 0 or undefined. */
export function effectSizeDz(differences: number[]): number | null {
  if (differences.length < 2 || allEqual(differences)) return null;
  return mean(differences) / sampleSd(differences);
}

// ---------------------------------------------------------------------------------------------
// Gain

/**
 * Hake's class-average normalised gain ⟨g⟩ = (⟨post⟩ − ⟨pre⟩) / (max − ⟨pre⟩) (Hake 1998, AJP 66:64):
 * what was learned over what could have been learned. Null when the pre-test mean is already the
 * maximum (nothing left to learn) or when an argument is not finite.
 */
export function normalizedGain(meanPre: number, meanPost: number, maxScore: number): number | null {
  if (!Number.isFinite(meanPre) || !Number.isFinite(meanPost) || !Number.isFinite(maxScore) || meanPre >= maxScore) return null;
  return (meanPost - meanPre) / (maxScore - meanPre);
}

/** Hake's bands: low < 0.3 ≤ medium < 0.7 ≤ high (Hake 1998; PhysPort's summary). */
export function gainBand(g: number): GainBand {
  if (g < 0.3) return 'low';
  if (g < 0.7) return 'medium';
  return 'high';
}

// ---------------------------------------------------------------------------------------------
// Item analysis

/** Facility: share of the item's points scored, 0–1 (Moodle's facility index F = mean mark / max mark). Null without attempts. */
export function itemFacility(awarded: number[], maxPoints: number): number | null {
  if (awarded.length === 0 || !(maxPoints > 0)) return null;
  return mean(awarded) / maxPoints;
}

/** Pearson's correlation coefficient; null below two pairs or when either side does not vary. */
function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 2 || allEqual(x) || allEqual(y)) return null;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  for (let i = 0; i < x.length; i += 1) sxy += ((x[i] as number) - mx) * ((y[i] as number) - my);
  const r = sxy / Math.sqrt(sumOfSquares(x, mx) * sumOfSquares(y, my));
  return Math.max(-1, Math.min(1, r));
}

/**
 * Discrimination: Pearson correlation of the item's score with the rest of the test (each person's total
 * minus this item), Moodle's discrimination index (question/classes/statistics/questions/calculator.php)
 * as a fraction rather than a per cent. Null when undefined (fewer than two people, or no variation).
 */
export function itemDiscrimination(itemScores: number[], totalScores: number[]): number | null {
  if (itemScores.length !== totalScores.length) throw new RangeError('itemDiscrimination: one total per item score');
  return itemRestCorrelation(
    itemScores,
    totalScores.map((total, i) => total - (itemScores[i] as number)),
  );
}

/**
 * The same correlation given each person's rest of the test directly, for a caller whose rests are not
 * points (across events, a per cent of each test's other points: tests of different lengths).
 */
export function itemRestCorrelation(itemScores: number[], restScores: number[]): number | null {
  if (itemScores.length !== restScores.length) throw new RangeError('itemRestCorrelation: one rest per item score');
  return pearson(itemScores, restScores);
}

/**
 * Cronbach's α = k/(k−1) · (1 − Σ s_j² / s_X²) over a people × items matrix (Cronbach 1951; KR-20 for
 * 0/1 items). Null with fewer than two people or two items, or when the totals do not vary.
 */
export function cronbachAlpha(matrix: number[][]): number | null {
  const people = matrix.length;
  const k = matrix[0]?.length ?? 0;
  if (matrix.some((row) => row.length !== k)) throw new RangeError('cronbachAlpha: every row needs one score per item');
  if (people < 2 || k < 2) return null;
  const totals = matrix.map(sum);
  if (allEqual(totals)) return null;
  let itemVariances = 0;
  for (let j = 0; j < k; j += 1) {
    const column = matrix.map((row) => row[j] as number);
    itemVariances += allEqual(column) ? 0 : sumOfSquares(column, mean(column)) / (people - 1);
  }
  const totalVariance = sumOfSquares(totals, mean(totals)) / (people - 1);
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}
