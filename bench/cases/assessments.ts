/**
 * assessment_analysis (issue 10): the analysis of one event's pre- and post-tests — 30 people, 40
 * questions each — against a hand-written computation of the same headline figures.
 *
 * The baseline is the arithmetic a careful analyst would write by hand in one pass per figure (means,
 * medians, paired gain, Hake's ⟨g⟩, t and d_z, facility, item–rest correlation, Cronbach's α) for the
 * whole event. The app computes those and more: p-values (t distribution, exact Wilcoxon), the
 * breakdowns by sex and organisation type, item flags, suppression. The ratio is therefore the price of
 * the complete analysis over the bare arithmetic; the target is absolute (under 50 ms — Moodle's
 * statistics page takes minutes for a few hundred attempts, training_anchors.md §1.3). Both are checked
 * to agree on the shared figures before anything is timed.
 *
 * The analysis is pure (it reads nothing), so the function is passed in: run.ts hands it
 * `analyseAssessment` from the server's testing entry.
 */
import type { AssessmentAnalysis } from '@hifazat/contract';
import { compareMs, timingResult, type Result } from '../lib/measure.js';
import { Rng } from '../lib/prng.js';

type Attempt = { personId: string; score: number; maxScore: number; items: Array<{ questionId: string; awarded: number; maxPoints: number }> };
type Person = { personId: string; sex: 'female' | 'male' | 'other' | 'unknown'; organizationType: string | null };
type Input = { pre: Attempt[]; post: Attempt[]; people: Person[] };
export type AnalyseAssessment = (input: Input) => AssessmentAnalysis;

const PEOPLE = 30;
const QUESTIONS = 40;

/** One event: 30 people of varied ability; 2 miss the post-test and 1 the pre-test; a quarter of the questions are worth 2 points. */
export function assessmentBenchInput(seed = 10): Input {
  const rng = new Rng(seed);
  const people: Person[] = Array.from({ length: PEOPLE }, (_, i) => ({
    personId: `person-${String(i).padStart(2, '0')}`,
    sex: rng.weighted({ male: 70, female: 27, other: 1, unknown: 2 }),
    organizationType: rng.chance(0.9) ? rng.pick(['law_enforcement', 'prosecution', 'government', 'civil_society']) : null,
  }));
  const points = Array.from({ length: QUESTIONS }, (_, j) => (j % 4 === 3 ? 2 : 1));
  const difficulty = Array.from({ length: QUESTIONS }, () => rng.next() * 4 - 2);
  const take = (personId: string, ability: number, prefix: string): Attempt => {
    const items = points.map((maxPoints, j) => {
      const chance = 1 / (1 + Math.exp(-(ability - (difficulty[j] as number)) * 1.5));
      const awarded = maxPoints === 1 ? Number(rng.chance(chance)) : Number(rng.chance(chance)) + Number(rng.chance(chance));
      return { questionId: `${prefix}-q${String(j).padStart(2, '0')}`, awarded, maxPoints };
    });
    return { personId, score: items.reduce((a, item) => a + item.awarded, 0), maxScore: points.reduce((a, b) => a + b, 0), items };
  };
  const pre: Attempt[] = [];
  const post: Attempt[] = [];
  people.forEach((person, i) => {
    const ability = rng.next() * 3 - 1.5;
    if (i !== 0) pre.push(take(person.personId, ability, 'pre'));
    if (i !== 1 && i !== 2) post.push(take(person.personId, ability + 0.3 + rng.next(), 'post'));
  });
  return { pre, post, people };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const variance = (xs: number[]) => {
  const m = mean(xs);
  return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
};
function correlation(xs: number[], ys: number[]): number | null {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] as number) - my);
    sxx += (x - mx) ** 2;
    syy += ((ys[i] as number) - my) ** 2;
  });
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** The baseline: the whole event's shared figures, written out directly (one test form per side, one maximum). */
export function handWrittenFigures(input: Input) {
  const max = input.pre[0]?.maxScore ?? 0;
  const preBy = new Map(input.pre.map((a) => [a.personId, a.score]));
  const pairs = input.post.filter((a) => preBy.has(a.personId)).map((a) => [preBy.get(a.personId) as number, a.score] as const);
  const d = pairs.map(([before, after]) => after - before);
  const meanPre = mean(pairs.map(([before]) => before));
  const meanPost = mean(pairs.map(([, after]) => after));
  const sd = Math.sqrt(variance(d));
  const items = (attempts: Attempt[], testKind: string) =>
    (attempts[0]?.items ?? []).map((first, j) => {
      const awarded = attempts.map((a) => (a.items[j] as { awarded: number }).awarded);
      const rest = attempts.map((a, i) => a.score - (awarded[i] as number));
      return { questionId: first.questionId, testKind, facility: mean(awarded) / first.maxPoints, discrimination: correlation(awarded, rest) };
    });
  const alpha = (attempts: Attempt[]) => {
    const k = attempts[0]?.items.length ?? 0;
    let itemVariance = 0;
    for (let j = 0; j < k; j += 1) itemVariance += variance(attempts.map((a) => (a.items[j] as { awarded: number }).awarded));
    return (k / (k - 1)) * (1 - itemVariance / variance(attempts.map((a) => a.score)));
  };
  return {
    pre: { n: input.pre.length, mean: mean(input.pre.map((a) => a.score)), median: median(input.pre.map((a) => a.score)) },
    post: { n: input.post.length, mean: mean(input.post.map((a) => a.score)), median: median(input.post.map((a) => a.score)) },
    paired: {
      n: pairs.length,
      meanGain: mean(d),
      normalizedGain: (meanPost - meanPre) / (max - meanPre),
      t: mean(d) / (sd / Math.sqrt(d.length)),
      effectSizeDz: mean(d) / sd,
    },
    items: [...items(input.pre, 'pre'), ...items(input.post, 'post')],
    cronbachAlpha: { pre: alpha(input.pre), post: alpha(input.post) },
  };
}

/** The app's figures in the baseline's shape. */
function sharedFigures(a: AssessmentAnalysis): ReturnType<typeof handWrittenFigures> {
  return {
    pre: { n: a.pre.n, mean: a.pre.mean as number, median: a.pre.median as number },
    post: { n: a.post.n, mean: a.post.mean as number, median: a.post.median as number },
    paired: {
      n: a.paired.n,
      meanGain: a.paired.meanGain as number,
      normalizedGain: a.paired.normalizedGain as number,
      t: a.paired.tTest.t as number,
      effectSizeDz: a.paired.effectSizeDz as number,
    },
    items: a.items.map(({ questionId, testKind, facility, discrimination }) => ({ questionId, testKind, facility: facility as number, discrimination })),
    cronbachAlpha: { pre: a.cronbachAlpha.pre as number, post: a.cronbachAlpha.post as number },
  };
}

/** Equal to 10 significant digits: the two sum in different orders. */
function assertAgree(app: unknown, baseline: unknown): void {
  const canonical = (value: unknown) => JSON.stringify(value, (_, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v));
  const a = canonical(app);
  const b = canonical(baseline);
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i += 1;
    throw new Error(
      `assessment_analysis: the app and the hand-written figures disagree near …${a.slice(Math.max(0, i - 80), i + 80)}… vs …${b.slice(Math.max(0, i - 80), i + 80)}…`,
    );
  }
}

export async function benchAssessmentAnalysis(analyse: AnalyseAssessment, runs: number, log: (line: string) => void): Promise<Result[]> {
  const input = assessmentBenchInput();
  const analysis = analyse(input);
  assertAgree(sharedFigures(analysis), handWrittenFigures(input));
  log(
    `assessment_analysis: ${PEOPLE} people, ${QUESTIONS} questions, ${analysis.pre.n} pre and ${analysis.post.n} post attempts, ${analysis.paired.n} paired, ` +
      `Wilcoxon ${analysis.paired.wilcoxon.method ?? 'none'} — same figures by hand-written arithmetic`,
  );
  // Each call takes well under a millisecond: many runs, so that the median is steady.
  const t = await compareMs(
    async () => analyse(input),
    async () => handWrittenFigures(input),
    runs * 50,
    50,
  );
  return [timingResult('assessment_analysis', t.app, t.baseline)];
}
