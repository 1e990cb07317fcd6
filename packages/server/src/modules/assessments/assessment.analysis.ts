/**
 * Turns an event's scored pre- and post-test attempts into the analysis of `GET /api/events/{id}/assessment`
 * (issue 10, "Analysis"). Pure: the caller reads the attempts and the people; this computes.
 */
import {
  ASSESSMENT_MIN_GROUP_SIZE,
  sexes,
  type AssessmentAnalysis,
  type AssessmentItem,
  type AssessmentOrganizationTypeGroup,
  type AssessmentSexGroup,
  type ItemFlag,
  type PairedFigures,
  type ScoreSummary,
  type Sex,
} from '@hifazat/contract';
import {
  cronbachAlpha,
  effectSizeDz,
  gainBand,
  itemDiscrimination,
  itemFacility,
  itemRestCorrelation,
  normalizedGain,
  pairedTTest,
  summarise,
  wilcoxonSignedRank,
} from './assessment.statistics.js';

export type { AssessmentAnalysis, AssessmentItem, AssessmentOrganizationTypeGroup, AssessmentSexGroup, PairedFigures, ScoreSummary } from '@hifazat/contract';

export type ScoredItem = { questionId: string; awarded: number; maxPoints: number };
/** One person's attempt at one test; `items` lists every question of the test (unanswered ones with 0 awarded). */
export type ScoredAttempt = { personId: string; score: number; maxScore: number; items: ScoredItem[] };
export type AnalysisPerson = { personId: string; sex: Sex; organizationType: string | null };
export type AssessmentAnalysisInput = { pre: ScoredAttempt[]; post: ScoredAttempt[]; people: AnalysisPerson[] };

/**
 * `pooled`: the attempts come from several events (`GET /api/assessment`; the rule is written in the
 * contract, packages/contract/src/assessments.ts). The caller makes each person id unique per event, so
 * that people are paired per (event, person). Then:
 * - scores are always per cents of each attempt's maximum, and `maxScore` is 100: the events' tests differ;
 * - an item's figures are over every attempt that held its question id; its points are taken as a share
 *   of the points it had in each attempt (a question's versions may differ in points), and the rest of
 *   the test, for discrimination, as a per cent of the rest's points (tests of different lengths);
 * - Cronbach's α of a kind only when every attempt of that kind held the same questions, otherwise null.
 */
export type AnalysisOptions = { pooled?: boolean };

/** Item thresholds of issue 10: too easy above 0.9, too hard below 0.2. */
export const TOO_EASY_ABOVE = 0.9;
export const TOO_HARD_BELOW = 0.2;

/**
 * Differences are rounded to 9 decimals before anything is compared: per cents of odd maxima (2/3)
 * would otherwise make equal differences unequal in the last bit, so that "all equal" and the ties of
 * the Wilcoxon ranks would depend on rounding (SciPy's wilcoxon documentation warns of the same).
 * Real scores (halves of points, per cents of maxima under a few thousand) never come near 1e-9.
 */
const DECIMALS = 1e9;
const tidy = (value: number) => Math.round(value * DECIMALS) / DECIMALS;

/** A person's score on the scale of the analysis (points or per cent). */
type Score = { personId: string; value: number };

/**
 * The scale. When every attempt, pre and post, has the same maximum, scores stay in points and
 * `maxScore` is that maximum. When the maxima differ (a post-test longer than the pre-test, parallel
 * forms of different lengths) points are not comparable, so every score becomes a per cent of its own
 * attempt's maximum and `maxScore` is 100; Hake's ⟨g⟩ is then computed on per cents, as Hake did.
 */
function chooseScale(attempts: readonly ScoredAttempt[], pooled: boolean): { scale: 'points' | 'percent'; maxScore: number | null } {
  const maxima = new Set(attempts.map((a) => a.maxScore));
  if (pooled) return { scale: 'percent', maxScore: maxima.size === 0 ? null : 100 };
  if (maxima.size === 0) return { scale: 'points', maxScore: null };
  if (maxima.size === 1) return { scale: 'points', maxScore: [...maxima][0] as number };
  return { scale: 'percent', maxScore: 100 };
}

/**
 * One attempt per person per test kind: the first one given counts (Moodle's item analysis also
 * uses each student's first attempt by default). Attempts of a test without points cannot be scored
 * and are left out.
 */
function firstAttempts(attempts: readonly ScoredAttempt[]): ScoredAttempt[] {
  const seen = new Set<string>();
  const kept: ScoredAttempt[] = [];
  for (const attempt of attempts) {
    if (seen.has(attempt.personId) || !(attempt.maxScore > 0)) continue;
    seen.add(attempt.personId);
    kept.push(attempt);
  }
  return kept;
}

const shown = (n: number) => n >= ASSESSMENT_MIN_GROUP_SIZE;

function scoreSummary(scores: readonly Score[], maxScore: number | null): ScoreSummary {
  const n = scores.length;
  if (!shown(n) || maxScore === null) return { n, mean: null, median: null, sd: null, meanPercent: null, medianPercent: null };
  const s = summarise(scores.map((x) => x.value));
  const percent = (value: number | null) => (value === null ? null : (value / maxScore) * 100);
  return { n, mean: s.mean, median: s.median, sd: s.sd, meanPercent: percent(s.mean), medianPercent: percent(s.median) };
}

function pairedFigures(pre: readonly Score[], post: readonly Score[], maxScore: number | null): PairedFigures {
  const postByPerson = new Map(post.map((s) => [s.personId, s.value]));
  const preIds = new Set(pre.map((s) => s.personId));
  const before: number[] = [];
  const after: number[] = [];
  const differences: number[] = [];
  for (const s of pre) {
    const value = postByPerson.get(s.personId);
    if (value === undefined) continue;
    before.push(s.value);
    after.push(value);
    differences.push(tidy(value - s.value));
  }
  const n = differences.length;
  const counts = { n, onlyPre: pre.length - n, onlyPost: post.filter((s) => !preIds.has(s.personId)).length };
  if (!shown(n) || maxScore === null) {
    return {
      ...counts,
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
    };
  }
  const meanPre = summarise(before).mean as number;
  const meanPost = summarise(after).mean as number;
  const meanGain = summarise(differences).mean as number;
  const g = normalizedGain(meanPre, meanPost, maxScore);
  const t = pairedTTest(differences);
  const w = wilcoxonSignedRank(differences);
  return {
    ...counts,
    meanPre,
    meanPost,
    meanGain,
    meanGainPercent: (meanGain / maxScore) * 100,
    normalizedGain: g,
    normalizedGainBand: g === null ? null : gainBand(g),
    tTest: t ?? { t: null, df: null, p: null },
    wilcoxon: w ?? { statistic: null, p: null, method: null },
    effectSizeDz: effectSizeDz(differences),
    improved: differences.filter((d) => d > 0).length,
  };
}

/**
 * Facility, discrimination and flags of every question of one test kind, in the order the questions
 * first appear. Pooled (see AnalysisOptions), an item's marks are shares of its points (0–1) and the
 * rest of the test a per cent of the rest's points; `maxPoints` is then its points in the first attempt.
 */
function itemFigures(attempts: readonly ScoredAttempt[], testKind: 'pre' | 'post', pooled: boolean): AssessmentItem[] {
  const byQuestion = new Map<string, { maxPoints: number; awarded: number[]; totals: number[]; rests: number[] }>();
  for (const attempt of attempts) {
    // The rest of the test is the attempt's other items (Moodle's "other marks"), whatever the stored total.
    let total = 0;
    let totalMax = 0;
    for (const item of attempt.items) {
      total += item.awarded;
      totalMax += item.maxPoints;
    }
    for (const item of attempt.items) {
      let entry = byQuestion.get(item.questionId);
      if (!entry) {
        // A question's points are fixed: editing one that has answers makes a new version (issue 10).
        entry = { maxPoints: item.maxPoints, awarded: [], totals: [], rests: [] };
        byQuestion.set(item.questionId, entry);
      }
      if (pooled) {
        const restMax = totalMax - item.maxPoints;
        entry.awarded.push(item.maxPoints > 0 ? tidy(item.awarded / item.maxPoints) : 0);
        entry.rests.push(restMax > 0 ? tidy(((total - item.awarded) / restMax) * 100) : 0);
      } else {
        entry.awarded.push(item.awarded);
        entry.totals.push(total);
      }
    }
  }
  return [...byQuestion.entries()].map(([questionId, entry]) => {
    const n = entry.awarded.length;
    const facility = !shown(n) ? null : pooled ? itemFacility(entry.awarded, 1) : itemFacility(entry.awarded, entry.maxPoints);
    const discrimination = !shown(n) ? null : pooled ? itemRestCorrelation(entry.awarded, entry.rests) : itemDiscrimination(entry.awarded, entry.totals);
    const flags: ItemFlag[] = [];
    if (facility !== null && facility > TOO_EASY_ABOVE) flags.push('too_easy');
    if (facility !== null && facility < TOO_HARD_BELOW) flags.push('too_hard');
    if (discrimination !== null && discrimination < 0) flags.push('negative_discrimination');
    return { questionId, testKind, n, maxPoints: entry.maxPoints, facility, discrimination, flags };
  });
}

/**
 * Cronbach's α needs everyone to have answered the same items: with parallel forms on one side, it is
 * computed over the form most people took (the first seen on a tie). Pooled, only when every attempt
 * held the same questions: the most taken of several events' tests would stand for none of them.
 */
function testAlpha(attempts: readonly ScoredAttempt[], pooled: boolean): number | null {
  const forms = new Map<string, ScoredAttempt[]>();
  for (const attempt of attempts) {
    const key = attempt.items
      .map((item) => item.questionId)
      .sort()
      .join('\n');
    const form = forms.get(key);
    if (form) form.push(attempt);
    else forms.set(key, [attempt]);
  }
  if (pooled && forms.size > 1) return null;
  let largest: ScoredAttempt[] = [];
  for (const form of forms.values()) if (form.length > largest.length) largest = form;
  if (!shown(largest.length)) return null;
  const order = (largest[0] as ScoredAttempt).items.map((item) => item.questionId);
  const matrix = largest.map((attempt) => {
    const awarded = new Map(attempt.items.map((item) => [item.questionId, item.awarded]));
    return order.map((questionId) => awarded.get(questionId) as number);
  });
  return cronbachAlpha(matrix);
}

/** The analysis of one event's tests, or of several pooled: see the contract (packages/contract/src/assessments.ts) for every field. */
export function analyseAssessment(input: AssessmentAnalysisInput, options: AnalysisOptions = {}): AssessmentAnalysis {
  const pooled = options.pooled ?? false;
  const preAttempts = firstAttempts(input.pre);
  const postAttempts = firstAttempts(input.post);
  const { scale, maxScore } = chooseScale([...preAttempts, ...postAttempts], pooled);
  const toScore = (attempt: ScoredAttempt): Score => ({
    personId: attempt.personId,
    value: scale === 'points' ? attempt.score : (attempt.score / attempt.maxScore) * 100,
  });
  const pre = preAttempts.map(toScore);
  const post = postAttempts.map(toScore);

  const figuresFor = (members: ReadonlySet<string>) => {
    const groupPre = pre.filter((s) => members.has(s.personId));
    const groupPost = post.filter((s) => members.has(s.personId));
    return {
      ...pairedFigures(groupPre, groupPost, maxScore),
      pre: scoreSummary(groupPre, maxScore),
      post: scoreSummary(groupPost, maxScore),
    };
  };

  // People who took either test, grouped; someone missing from the list counts as of unknown sex and without an organisation.
  const peopleById = new Map(input.people.map((p) => [p.personId, p]));
  const bySex = new Map<Sex, Set<string>>();
  const byType = new Map<string | null, Set<string>>();
  for (const { personId } of [...pre, ...post]) {
    const person = peopleById.get(personId);
    const sex = person?.sex ?? 'unknown';
    const type = person?.organizationType ?? null;
    bySex.set(sex, (bySex.get(sex) ?? new Set()).add(personId));
    byType.set(type, (byType.get(type) ?? new Set()).add(personId));
  }
  const sexGroups: AssessmentSexGroup[] = sexes.filter((sex) => bySex.has(sex)).map((sex) => ({ group: sex, ...figuresFor(bySex.get(sex) as Set<string>) }));
  const typeGroups: AssessmentOrganizationTypeGroup[] = [...byType.keys()]
    // Null (no organisation) last; the rest by code, the same on every machine.
    .sort((a, b) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1))
    .map((type) => ({ group: type, ...figuresFor(byType.get(type) as Set<string>) }));

  return {
    maxScore,
    scale,
    minGroupSize: ASSESSMENT_MIN_GROUP_SIZE,
    pre: scoreSummary(pre, maxScore),
    post: scoreSummary(post, maxScore),
    paired: pairedFigures(pre, post, maxScore),
    items: [...itemFigures(preAttempts, 'pre', pooled), ...itemFigures(postAttempts, 'post', pooled)],
    cronbachAlpha: { pre: testAlpha(preAttempts, pooled), post: testAlpha(postAttempts, pooled) },
    bySex: sexGroups,
    byOrganizationType: typeGroups,
  };
}
