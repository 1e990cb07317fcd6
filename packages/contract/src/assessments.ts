import { z } from 'zod';
import { zId, zSex } from './common.js';
import { checkEventSelection, eventSelectionFields } from './events.js';
import { zLocalText } from './tests.js';

/**
 * The analysis of an event's pre- and post-tests (issue 10, "Analysis"): `GET /api/events/{id}/assessment`.
 *
 * Scores are in points when every attempt, pre and post, has the same maximum; otherwise every score
 * is first turned into a per cent of its own test's maximum, and `maxScore` is 100 (`scale` says which).
 * Any figure computed from fewer than `minGroupSize` (5) people is null: such a set shows counts only —
 * for the whole event as for each group (no means, no gains, no p-values, no item figures).
 */

export const ASSESSMENT_MIN_GROUP_SIZE = 5;
export const assessmentScales = ['points', 'percent'] as const;
export const gainBands = ['low', 'medium', 'high'] as const;
export const zGainBand = z.enum(gainBands);
export type GainBand = z.infer<typeof zGainBand>;
export const assessmentTestKinds = ['pre', 'post'] as const;
export const itemFlags = ['too_easy', 'too_hard', 'negative_discrimination'] as const;
export const zItemFlag = z.enum(itemFlags);
export type ItemFlag = z.infer<typeof zItemFlag>;

const figure = z.number().nullable();

export const zScoreSummary = z.object({
  /** People who took this test (the first attempt of each counts). */
  n: z.number().int(),
  mean: figure,
  median: figure,
  /** Sample standard deviation (n − 1). */
  sd: figure,
  meanPercent: figure,
  medianPercent: figure,
});
export type ScoreSummary = z.infer<typeof zScoreSummary>;

/** The figures over the people who took both tests: all null below the minimum group size, except the counts. */
const pairedFields = {
  /** People who took both the pre- and the post-test. */
  n: z.number().int(),
  onlyPre: z.number().int(),
  onlyPost: z.number().int(),
  /** Means of the paired people's pre and post scores (Hake's gain uses these). */
  meanPre: figure,
  meanPost: figure,
  /** Mean of post − pre, in the scale's units; `meanGainPercent` in percentage points. */
  meanGain: figure,
  meanGainPercent: figure,
  /** Hake's class-average ⟨g⟩ = (mean post − mean pre) / (max − mean pre); null when mean pre = max. */
  normalizedGain: figure,
  normalizedGainBand: zGainBand.nullable(),
  /** Paired t-test, two-sided; null when the differences are all equal (t would be infinite or 0/0). */
  tTest: z.object({ t: figure, df: z.number().int().nullable(), p: figure }),
  /** Wilcoxon signed-rank, two-sided, zeros dropped; exact below 50 non-zero differences without ties. */
  wilcoxon: z.object({ statistic: figure, p: figure, method: z.enum(['exact', 'normal']).nullable() }),
  /** Mean difference / SD of the differences. */
  effectSizeDz: figure,
  /** How many of the paired people scored higher after than before. */
  improved: z.number().int().nullable(),
};
export const zPairedFigures = z.object(pairedFields);
export type PairedFigures = z.infer<typeof zPairedFigures>;

export const zAssessmentItem = z.object({
  questionId: z.string(),
  testKind: z.enum(assessmentTestKinds),
  /** Attempts of that kind that include the question. */
  n: z.number().int(),
  maxPoints: z.number(),
  /** Share of the points scored, 0–1. */
  facility: figure,
  /** Pearson correlation of the item with the rest of the test (the item left out). */
  discrimination: figure,
  /** too_easy: facility > 0.9; too_hard: facility < 0.2; negative_discrimination: discrimination < 0. */
  flags: z.array(zItemFlag),
});
export type AssessmentItem = z.infer<typeof zAssessmentItem>;

const groupFields = { ...pairedFields, pre: zScoreSummary, post: zScoreSummary };
export const zAssessmentSexGroup = z.object({ group: zSex, ...groupFields });
export type AssessmentSexGroup = z.infer<typeof zAssessmentSexGroup>;
/** `group`: an organisation type (organizationTypes), or null for people registered without an organisation. */
export const zAssessmentOrganizationTypeGroup = z.object({ group: z.string().nullable(), ...groupFields });
export type AssessmentOrganizationTypeGroup = z.infer<typeof zAssessmentOrganizationTypeGroup>;

const analysisFields = {
  /** The maximum score of the tests (points), or 100 when the tests' maxima differ and scores are per cents; null without attempts. */
  maxScore: figure,
  scale: z.enum(assessmentScales),
  minGroupSize: z.number().int(),
  pre: zScoreSummary,
  post: zScoreSummary,
  paired: zPairedFigures,
  items: z.array(zAssessmentItem),
  /** Cronbach's α of each test, over the attempts of its most taken form; null below the minimum group size. */
  cronbachAlpha: z.object({ pre: figure, post: figure }),
  bySex: z.array(zAssessmentSexGroup),
  byOrganizationType: z.array(zAssessmentOrganizationTypeGroup),
};
export const zAssessmentAnalysis = z.object(analysisFields).meta({
  description: 'Pre/post test analysis of one event: scores, paired gain and tests, item analysis, breakdowns; sets under 5 people show counts only.',
});
export type AssessmentAnalysis = z.infer<typeof zAssessmentAnalysis>;

/**
 * The analysis across events (issue 10, "per series and per programme over a period"):
 * `GET /api/assessment`. Pooling rule:
 * - people are paired per (event, person): someone at two events is two pairs, and every count of
 *   people (n, groups) counts such places;
 * - the events' tests have different maxima, so every score is a per cent of its own attempt's
 *   maximum (0–100) and `maxScore` is 100 (`scale` is always `percent`), Hake's ⟨g⟩ included;
 * - an item's facility and discrimination are per question id over every attempt that held it, in any
 *   event; the rest of the test, for discrimination, is a per cent of the rest's points;
 * - Cronbach's α of a kind of test only when every pooled attempt of that kind held the same questions,
 *   otherwise null;
 * - sets under `minGroupSize` (5) show counts only, as for one event.
 */
export const zAssessmentAcrossQuery = z
  .object(eventSelectionFields)
  .superRefine((v, ctx) => checkEventSelection(v, ctx))
  .meta({ description: 'At least one of programmeId, series, from or to.' });
export type AssessmentAcrossQuery = z.infer<typeof zAssessmentAcrossQuery>;

export const zAssessmentAcrossEvent = z.object({
  id: zId,
  title: z.string(),
  startDate: z.string(),
  /** People whose pre-test, post-test, or both, count (first fully marked attempt of each). */
  preN: z.number().int(),
  postN: z.number().int(),
  pairedN: z.number().int(),
  /** The event's own Hake's ⟨g⟩ on per cents; null under 5 paired people. */
  normalizedGain: figure,
});
export type AssessmentAcrossEvent = z.infer<typeof zAssessmentAcrossEvent>;

export const zAssessmentAcross = z
  .object({
    ...analysisFields,
    /** Events of the selection the user sees (with or without tests). */
    eventCount: z.number().int(),
    /** The events of the selection with at least one scored attempt, oldest first. */
    events: z.array(zAssessmentAcrossEvent),
    /** The items' questions as they read now (their current version). */
    questions: z.array(z.object({ id: zId, text: zLocalText })),
  })
  .meta({
    description:
      'Pre/post test analysis pooled over the events of a programme, a series and/or a period: per-cent scores, pairs per (event, person), ' +
      'items by question id; sets under 5 show counts only.',
  });
export type AssessmentAcross = z.infer<typeof zAssessmentAcross>;
