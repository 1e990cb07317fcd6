import { z } from 'zod';
import { zId, zIsoDate, zOptionalText, zSexCounts, zText, zTimestamp } from './common.js';
import { zCampaignOutputKind } from './campaigns.js';
import { zEventType } from './events.js';
import { zLabelLanguage, type LabelLanguage } from './labels.js';
import { zOrganizationType } from './organizations.js';

/**
 * The logframe (issue 11): per programme, results (outcomes, and outputs under them) and indicators,
 * each with a baseline, targets per reporting period and a computation from Hifazat's own data (or
 * values entered by hand with evidence); reporting periods that can be locked; the donor report.
 */

// ---------------------------------------------------------------- periods

/** A reporting period: a calendar quarter ('2025-Q1') or a calendar year ('2025'). */
export const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4]))?$/;
export const zPeriod = z
  .string()
  .regex(PERIOD_PATTERN, 'A period is a year (2025) or a calendar quarter (2025-Q1)')
  .refine((p) => Number(p.slice(0, 4)) >= 1990 && Number(p.slice(0, 4)) <= 2100, 'The year is between 1990 and 2100')
  .meta({ description: 'YYYY (a calendar year) or YYYY-Qn (a calendar quarter, n = 1…4)', example: '2025-Q1' });
export type Period = z.infer<typeof zPeriod>;

/** The first and last day of a period ('2025-Q2' → 2025-04-01 … 2025-06-30); null if it is not one. */
export function periodRange(period: string): { from: string; to: string } | null {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) return null;
  const year = match[1] as string;
  if (!match[2]) return { from: `${year}-01-01`, to: `${year}-12-31` };
  const q = Number(match[2]);
  const lastDay = ['03-31', '06-30', '09-30', '12-31'][q - 1] as string;
  return { from: `${year}-${String(q * 3 - 2).padStart(2, '0')}-01`, to: `${year}-${lastDay}` };
}

export const isQuarter = (period: string) => /-Q[1-4]$/.test(period);

/** Periods in reading order: a year before its quarters, quarters in order. */
export const comparePeriods = (a: string, b: string) => a.localeCompare(b);

export const zPeriodParams = z.object({ id: zId, period: zPeriod });
export const zPeriodQuery = z.object({ period: zPeriod });

// ---------------------------------------------------------------- computations

/**
 * How an indicator's value is found. A small registry on the server (indicators.computations.ts)
 * holds one entry per kind: a new kind is one member here and one entry there.
 * - people_trained_unique: unique people who attended as participants (a person at three events is one);
 * - participations: attended participant places (that person is three);
 * - events_held: held events;
 * each of the programme's held events starting within the period, optionally of one type and/or topic
 * (the same counts as the programme report for that programme and period);
 * - mean_normalised_gain: Hake's ⟨g⟩ of the pre- and post-tests pooled over the programme's events of
 *   the period (as the Learning page), null under 5 paired people;
 * - master_trainers_certified: unique people certified as master trainers within the period by the
 *   programme's trainings of trainers;
 * - cascade_reach: unique people reached by the cascades of the programme's trainings of trainers, at
 *   events starting within the period (attended participants, each once however many generations);
 * - campaign_outputs_delivered: the quantity of the programme's campaign media outputs dated within
 *   the period (posters printed, PSAs broadcast …), optionally of one kind only;
 * - manual: a value entered per period with its evidence.
 */
export const computationKinds = [
  'people_trained_unique',
  'participations',
  'events_held',
  'mean_normalised_gain',
  'master_trainers_certified',
  'cascade_reach',
  'campaign_outputs_delivered',
  'manual',
] as const;
export const zComputationKind = z.enum(computationKinds);
export type ComputationKind = z.infer<typeof zComputationKind>;

const eventFilter = {
  /** Only events of this type. */
  eventType: zEventType.optional(),
  /** Only events with this topic (as written on them; case and accents ignored). */
  topic: z.string().trim().min(1).max(80).optional(),
};

const zComputationObject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('people_trained_unique'), ...eventFilter }),
  z.object({ kind: z.literal('participations'), ...eventFilter }),
  z.object({ kind: z.literal('events_held'), ...eventFilter }),
  z.object({ kind: z.literal('mean_normalised_gain') }),
  z.object({ kind: z.literal('master_trainers_certified') }),
  z.object({ kind: z.literal('cascade_reach') }),
  /** Only outputs of this kind (a sum over kinds adds posters to broadcasts). */
  z.object({ kind: z.literal('campaign_outputs_delivered'), outputKind: zCampaignOutputKind.optional() }),
  z.object({ kind: z.literal('manual') }),
]);
/** A computation: `{ kind, …its options }`, or only the kind's name as a string. */
export const zComputation = z.preprocess((value) => (typeof value === 'string' ? { kind: value } : value), zComputationObject);
export type Computation = z.output<typeof zComputationObject>;

/** Whether a computation counts people (and so has a split by sex). */
export const computationHasSex = (c: Computation) =>
  c.kind === 'people_trained_unique' ||
  c.kind === 'participations' ||
  c.kind === 'master_trainers_certified' ||
  c.kind === 'cascade_reach' ||
  c.kind === 'manual';

// ---------------------------------------------------------------- results and indicators

export const resultKinds = ['outcome', 'output'] as const;
export const zResultKind = z.enum(resultKinds);
export type ResultKind = z.infer<typeof zResultKind>;

const zCode = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}.\-_]*$/u, 'A code is letters, digits, dots, hyphens or underscores (e.g. 1.2 or OC1)');

export const zLogframeResult = z.object({
  id: zId,
  programmeId: zId,
  kind: zResultKind,
  code: z.string(),
  statement: z.string(),
  statementUr: z.string().nullable(),
  /** An output's outcome. */
  parentId: zId.nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type LogframeResult = z.infer<typeof zLogframeResult>;

export const zCreateResultBody = z.object({
  kind: zResultKind,
  code: zCode,
  statement: zText(1000),
  statementUr: zOptionalText(1000),
  parentId: zId.nullable().optional(),
});
export type CreateResultBody = z.infer<typeof zCreateResultBody>;
export const zUpdateResultBody = zCreateResultBody.partial();
export type UpdateResultBody = z.infer<typeof zUpdateResultBody>;

/** Units offered by the forms; any short unit is taken. */
export const indicatorUnits = ['people', 'participations', 'events', 'percent', 'ratio', 'number', 'items'] as const;
export type IndicatorUnit = (typeof indicatorUnits)[number];

export const zBaseline = z.object({
  value: z.number().finite(),
  /** The period or day the baseline was measured (YYYY, YYYY-Qn or YYYY-MM-DD). */
  period: z.union([zPeriod, zIsoDate]).nullable().optional(),
  note: zOptionalText(500),
});
/** A baseline: `{ value, period?, note? }`, or only its value. */
export const zBaselineInput = z.preprocess((value) => (typeof value === 'number' ? { value } : value), zBaseline);
export type Baseline = { value: number; period: string | null; note: string | null };

export const zTarget = z.object({ period: zPeriod, value: z.number().finite() });
export type Target = z.infer<typeof zTarget>;

export const zDisaggregation = z.object({
  /** By sex: on for every computation that counts people. */
  sex: z.boolean(),
  organizationType: z.boolean(),
  province: z.boolean(),
});
export type Disaggregation = z.infer<typeof zDisaggregation>;

export const zIndicator = z.object({
  id: zId,
  programmeId: zId,
  /** The outcome or output it measures (null: the programme as a whole). */
  resultId: zId.nullable(),
  code: z.string(),
  name: z.string(),
  nameUr: z.string().nullable(),
  definition: z.string().nullable(),
  unit: z.string(),
  computation: zComputationObject,
  baseline: z.object({ value: z.number(), period: z.string().nullable(), note: z.string().nullable() }).nullable(),
  targets: z.array(zTarget),
  meansOfVerification: z.string().nullable(),
  disaggregation: zDisaggregation,
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Indicator = z.infer<typeof zIndicator>;

const uniqueTargets = (targets: Target[] | undefined) => !targets || new Set(targets.map((t) => t.period)).size === targets.length;
const indicatorFields = {
  code: zCode,
  name: zText(300),
  nameUr: zOptionalText(300),
  definition: zOptionalText(2000),
  unit: zText(40),
  computation: zComputation,
  resultId: zId.nullable().optional(),
  baseline: zBaselineInput.nullable().optional(),
  targets: z
    .array(zTarget)
    .max(100)
    .optional()
    .refine(uniqueTargets, { message: 'One target per period', path: ['targets'] }),
  meansOfVerification: zOptionalText(1000),
  disaggregation: zDisaggregation.partial().optional(),
};
export const zCreateIndicatorBody = z.object(indicatorFields);
export type CreateIndicatorBody = z.infer<typeof zCreateIndicatorBody>;
/** Targets, when given, replace all the indicator's targets. */
export const zUpdateIndicatorBody = z.object(indicatorFields).partial();
export type UpdateIndicatorBody = z.infer<typeof zUpdateIndicatorBody>;

// ---------------------------------------------------------------- values

const zGroupCounts = z.object({ key: z.string().nullable(), counts: zSexCounts });

/** A value's breakdowns: by sex (when it counts people), by organisation type and province (when asked). */
export const zValueBreakdowns = z.object({
  bySex: zSexCounts.nullable(),
  byOrganizationType: z.array(zGroupCounts.extend({ key: zOrganizationType.nullable() })).nullable(),
  byProvince: z.array(zGroupCounts).nullable(),
});
export type ValueBreakdowns = z.infer<typeof zValueBreakdowns>;

export const zIndicatorValue = z.object({
  indicatorId: zId,
  period: z.string(),
  /** The value now, computed from the records as they are (null: nothing to compute, e.g. under 5 paired people or no value entered). */
  value: z.number().nullable(),
  bySex: zSexCounts.nullable(),
  byOrganizationType: zValueBreakdowns.shape.byOrganizationType,
  byProvince: zValueBreakdowns.shape.byProvince,
  /** The programme's period is locked: its values are kept as reported. */
  locked: z.boolean(),
  /** The value as reported when the period was locked (null when it is not locked, or the indicator came later). */
  reportedValue: z.number().nullable(),
  reportedBySex: zSexCounts.nullable(),
  /** value − reportedValue (null unless both are known): "reported 57, now 58". */
  difference: z.number().nullable(),
  lockedAt: zTimestamp.nullable(),
  target: z.number().nullable(),
  /** Manual indicators: the evidence given with the value. */
  evidence: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
});
export type IndicatorValue = z.infer<typeof zIndicatorValue>;

export const zManualValueBody = z.object({
  value: z.number().finite(),
  bySex: z
    .object({ female: z.number().int().min(0), male: z.number().int().min(0), other: z.number().int().min(0), unknown: z.number().int().min(0) })
    .nullable()
    .optional(),
  /** What shows the value (a note on the source: attendance sheets, a partner's report…). */
  evidence: zText(2000),
  evidenceUrl: z
    .url({ protocol: /^https?$/ })
    .max(1000)
    .nullable()
    .optional(),
});
export type ManualValueBody = z.infer<typeof zManualValueBody>;

export const zIndicatorValueParams = z.object({ id: zId, period: zPeriod });

export const zPeriodLock = z.object({
  programmeId: zId,
  period: z.string(),
  locked: z.boolean(),
  lockedAt: zTimestamp.nullable(),
  lockedBy: z.string().nullable(),
  /** Indicators whose values were kept. */
  indicators: z.number().int(),
});
export type PeriodLock = z.infer<typeof zPeriodLock>;

export const zLockBody = z.object({ note: zOptionalText(1000) }).optional();
/** Why the period is opened again (written into the history). */
export const zUnlockBody = z.object({ reason: zOptionalText(1000) }).optional();

export const zLogframe = z.object({
  programme: z.object({ id: zId, name: z.string(), donor: z.string().nullable() }),
  results: z.array(zLogframeResult),
  indicators: z.array(zIndicator),
  /** Locked periods, newest first. */
  locks: z.array(zPeriodLock),
});
export type Logframe = z.infer<typeof zLogframe>;

export const zProgrammeValues = z.object({ period: z.string(), locked: z.boolean(), lockedAt: zTimestamp.nullable(), values: z.array(zIndicatorValue) });
export type ProgrammeValues = z.infer<typeof zProgrammeValues>;

// ---------------------------------------------------------------- donor report

export const zLocalisedText = z.object({ en: z.string(), ur: z.string() });
export type LocalisedText = z.infer<typeof zLocalisedText>;

export const zDonorReportRow = z.object({
  indicatorId: zId,
  code: z.string(),
  name: zLocalisedText,
  resultCode: z.string().nullable(),
  unit: z.string(),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  /** As reported when the period is locked, else as computed now. */
  actual: z.number().nullable(),
  /** Locked: the value now when it differs from the reported one. */
  now: z.number().nullable(),
  difference: z.number().nullable(),
  /** actual ÷ target × 100, one decimal; null without a target. */
  percentAchieved: z.number().nullable(),
  bySex: zSexCounts.nullable(),
});
export type DonorReportRow = z.infer<typeof zDonorReportRow>;

export const zDonorReportFacts = z.object({
  events: z.number().int(),
  participations: zSexCounts,
  people: zSexCounts,
  /** Events by type, each with the places (cities) in the order of their first event, and attended participations. */
  byEventType: z.array(z.object({ type: zEventType, events: z.number().int(), places: z.array(z.string()), participations: zSexCounts })),
  meanNormalisedGain: z.number().nullable(),
});
export type DonorReportFacts = z.infer<typeof zDonorReportFacts>;

export const zDonorReport = z.object({
  programme: z.object({ id: zId, name: z.string(), donor: z.string().nullable() }),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  locked: z.boolean(),
  lockedAt: zTimestamp.nullable(),
  rows: z.array(zDonorReportRow),
  facts: zDonorReportFacts,
  highlights: z.object({ en: z.array(z.string()), ur: z.array(z.string()) }),
  narrative: z.object({
    /** Drafted from the data, in the programme's style. */
    drafted: zLocalisedText,
    /** As edited and saved (null: never saved; the draft is used). */
    saved: zLocalisedText.nullable(),
    savedAt: zTimestamp.nullable(),
    savedBy: z.string().nullable(),
  }),
});
export type DonorReport = z.infer<typeof zDonorReport>;

export const zSaveNarrativeBody = z.object({ en: z.string().trim().max(20_000), ur: z.string().trim().max(20_000) });
export type SaveNarrativeBody = z.infer<typeof zSaveNarrativeBody>;

export const zDonorReportFileQuery = z.object({ period: zPeriod, lang: zLabelLanguage.default('en') });

// ---------------------------------------------------------------- words of the donor report's files

export type DonorReportText = {
  title: string;
  indicators: string;
  highlights: string;
  narrative: string;
  code: string;
  indicator: string;
  result: string;
  unit: string;
  baseline: string;
  target: string;
  actual: string;
  reported: string;
  now: string;
  difference: string;
  achieved: string;
  female: string;
  male: string;
  locked: (at: string) => string;
  open: string;
  targetVsActual: string;
  bySex: string;
  /** The XLSX's sheet of charts, and the line at its head. */
  charts: string;
  chartsNote: string;
  /** The units the forms offer, as the screen names them (indicators:units); another unit is shown as typed. */
  units: Record<IndicatorUnit, string>;
  donor: string;
  page: (n: number, of: number) => string;
  /** "reported 57, now 58" */
  reportedNow: (reported: string, now: string) => string;
  noIndicators: string;
};

export const donorReportText: Record<LabelLanguage, DonorReportText> = {
  en: {
    title: 'Donor report',
    indicators: 'Indicators',
    highlights: 'Highlights',
    narrative: 'Narrative',
    code: 'Code',
    indicator: 'Indicator',
    result: 'Result',
    unit: 'Unit',
    baseline: 'Baseline',
    target: 'Target',
    actual: 'Actual',
    reported: 'Reported',
    now: 'Now',
    difference: 'Difference',
    achieved: '% achieved',
    female: 'Female',
    male: 'Male',
    locked: (at) => `Locked on ${at}: values as reported`,
    open: 'Not locked: values as they are now',
    targetVsActual: 'Target and actual',
    bySex: 'By sex',
    charts: 'Charts',
    chartsNote: 'Each chart draws the figures beside it: change a figure and its chart follows.',
    units: { people: 'People', participations: 'Participations', events: 'Events', percent: 'Per cent', ratio: 'Ratio', number: 'Number', items: 'Items' },
    donor: 'Donor',
    page: (n, of) => `Page ${n} of ${of}`,
    reportedNow: (reported, now) => `reported ${reported}, now ${now}`,
    noIndicators: 'No indicators yet.',
  },
  ur: {
    title: 'ڈونر رپورٹ',
    indicators: 'اشاریے',
    highlights: 'نمایاں نکات',
    narrative: 'بیانیہ',
    code: 'کوڈ',
    indicator: 'اشاریہ',
    result: 'نتیجہ',
    unit: 'اکائی',
    baseline: 'بنیادی قدر',
    target: 'ہدف',
    actual: 'حاصل شدہ',
    reported: 'رپورٹ شدہ',
    now: 'اب',
    difference: 'فرق',
    achieved: '٪ حصول',
    female: 'خواتین',
    male: 'مرد',
    locked: (at) => `${at} کو مقفل: قدریں جیسی رپورٹ کی گئیں`,
    open: 'مقفل نہیں: قدریں جیسی اب ہیں',
    targetVsActual: 'ہدف اور حاصل شدہ',
    bySex: 'جنس کے لحاظ سے',
    charts: 'چارٹ',
    chartsNote: 'ہر چارٹ اپنے ساتھ درج اعداد دکھاتا ہے: کوئی عدد بدلیں تو اس کا چارٹ بھی بدل جاتا ہے۔',
    units: { people: 'افراد', participations: 'شرکتیں', events: 'تقریبات', percent: 'فیصد', ratio: 'تناسب', number: 'تعداد', items: 'اشیاء' },
    donor: 'ڈونر',
    page: (n, of) => `صفحہ \u2066${n} / ${of}\u2069`,
    reportedNow: (reported, now) => `رپورٹ شدہ ${reported}، اب ${now}`,
    noIndicators: 'ابھی کوئی اشاریہ نہیں۔',
  },
};
