import { z } from 'zod';
import { zCountryCode, zId, zIsoDate, zOptionalText, zPageQuery, zSexCounts, zText, zTimestamp, type SexCounts } from './common.js';
import { campaignEvidenceTypes, campaignLanguages, campaignOutputKinds, campaignTargetGroups } from './campaign-vocabulary.js';
import { zEventStatus, zEventType } from './event-enums.js';
import { zOrganizationRef } from './people.js';

export * from './campaign-vocabulary.js';

export const zCampaignOutputKind = z.enum(campaignOutputKinds);
export type CampaignOutputKind = z.infer<typeof zCampaignOutputKind>;
export const zCampaignTargetGroup = z.enum(campaignTargetGroups);
export type CampaignTargetGroup = z.infer<typeof zCampaignTargetGroup>;
export const zCampaignLanguage = z.enum(campaignLanguages);
export type CampaignLanguage = z.infer<typeof zCampaignLanguage>;
export const zCampaignEvidenceType = z.enum(campaignEvidenceTypes);
export type CampaignEvidenceType = z.infer<typeof zCampaignEvidenceType>;

/** A head count someone estimated (a crowd, a radio audience): never a count of people. */
const zEstimate = z.number().int().min(0).max(1_000_000_000);

type DateRange = { startDate?: string | null; endDate?: string | null };
const datesInOrder = (v: DateRange, ctx: z.RefinementCtx) => {
  if (v.startDate && v.endDate && v.endDate < v.startDate)
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date' });
};

// Needs assessments

export const zNeedsAssessment = z.object({
  id: zId,
  countryCode: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  /** The place assessed, in the assessors' words (a valley, a town, a border crossing). */
  area: z.string(),
  assessedOn: z.string(),
  findings: z.string(),
  recommendations: z.string().nullable(),
  /** Campaigns that name it, in the user's countries. */
  campaignCount: z.number().int(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type NeedsAssessment = z.infer<typeof zNeedsAssessment>;

const needsAssessmentFields = z.object({
  countryCode: zCountryCode,
  province: zOptionalText(100),
  district: zOptionalText(100),
  area: zText(300),
  assessedOn: zIsoDate,
  findings: zText(20_000),
  recommendations: zOptionalText(20_000),
});
export const zCreateNeedsAssessmentBody = needsAssessmentFields;
export type CreateNeedsAssessmentBody = z.infer<typeof zCreateNeedsAssessmentBody>;
export const zUpdateNeedsAssessmentBody = needsAssessmentFields.partial();
export type UpdateNeedsAssessmentBody = z.infer<typeof zUpdateNeedsAssessmentBody>;
export const zNeedsAssessmentListQuery = zPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  province: z.string().trim().max(100).optional(),
});
export type NeedsAssessmentListQuery = z.infer<typeof zNeedsAssessmentListQuery>;

// Sessions, outputs, evidence

/** The event a session is, as far as a campaign's page shows it. */
export const zCampaignEventRef = z.object({
  id: zId,
  title: z.string(),
  type: zEventType,
  status: zEventStatus,
  startDate: z.string(),
  endDate: z.string(),
  city: z.string(),
});

export const zCampaignSession = z.discriminatedUnion('kind', [
  z.object({
    id: zId,
    /** An event of the register: its attended participants are counted, unique people, by sex. */
    kind: z.literal('event'),
    event: zCampaignEventRef,
    /** Attended participants (role participant) of this event. */
    counted: zSexCounts,
  }),
  z.object({
    id: zId,
    /** A gathering too large to register (a meeting in a square, a school assembly): an estimate only. */
    kind: z.literal('estimated'),
    date: z.string(),
    place: z.string(),
    estimatedAudience: z.number().int(),
    /** Optional parts of the estimate by sex; the rest is not told apart. */
    estimatedFemale: z.number().int().nullable(),
    estimatedMale: z.number().int().nullable(),
    notes: z.string().nullable(),
  }),
]);
export type CampaignSession = z.infer<typeof zCampaignSession>;

const estimatedSessionFields = z.object({
  date: zIsoDate,
  place: zText(300),
  estimatedAudience: zEstimate,
  estimatedFemale: zEstimate.nullable().optional(),
  estimatedMale: zEstimate.nullable().optional(),
  notes: zOptionalText(2000),
});

/** A session with an estimated audience; its parts by sex are no more than the whole. */
export const zEstimatedCampaignSessionBody = estimatedSessionFields.strict().superRefine((v, ctx) => {
  if ((v.estimatedFemale ?? 0) + (v.estimatedMale ?? 0) > v.estimatedAudience) {
    ctx.addIssue({ code: 'custom', path: ['estimatedAudience'], message: 'The estimate by sex is more than the whole audience' });
  }
});
export type EstimatedCampaignSessionBody = z.infer<typeof zEstimatedCampaignSessionBody>;

/** Either an event to link (`eventId`) or a session with an estimated audience. */
export const zAddCampaignSessionBody = z.union([z.object({ eventId: zId }).strict(), zEstimatedCampaignSessionBody]);
export type AddCampaignSessionBody = z.infer<typeof zAddCampaignSessionBody>;

export const zCampaignOutput = z.object({
  id: zId,
  kind: zCampaignOutputKind,
  /** What it is ("Poster: 'Know the signs'", "60-second PSA on Radio Pakistan Gilgit"). */
  description: z.string().nullable(),
  quantity: z.number().int(),
  language: zCampaignLanguage.nullable(),
  places: z.array(z.string()),
  /** The day it went out, or the first day of a run (a PSA broadcast for two weeks). */
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** People it is thought to have reached: an estimate (listeners, passers-by), never a count. */
  estimatedReach: z.number().int().nullable(),
  notes: z.string().nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type CampaignOutput = z.infer<typeof zCampaignOutput>;

const outputFields = z.object({
  kind: zCampaignOutputKind,
  description: zOptionalText(500),
  quantity: z.number().int().min(1).max(100_000_000),
  language: zCampaignLanguage.nullable().optional(),
  places: z.array(zText(200)).max(50).optional(),
  startDate: zIsoDate.nullable().optional(),
  endDate: zIsoDate.nullable().optional(),
  estimatedReach: zEstimate.nullable().optional(),
  notes: zOptionalText(2000),
});
export const zCreateCampaignOutputBody = outputFields.superRefine(datesInOrder);
export type CreateCampaignOutputBody = z.infer<typeof zCreateCampaignOutputBody>;
export const zUpdateCampaignOutputBody = outputFields.partial().superRefine(datesInOrder);
export type UpdateCampaignOutputBody = z.infer<typeof zUpdateCampaignOutputBody>;

export const zCampaignEvidence = z.object({
  id: zId,
  /** The output it shows (a photo of a banner), or null: the campaign as a whole. */
  outputId: zId.nullable(),
  caption: z.string().nullable(),
  /** The uploaded file's name, as the uploader's device gave it (shown, never used as a path). */
  fileName: z.string(),
  contentType: zCampaignEvidenceType,
  bytes: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: zTimestamp,
});
export type CampaignEvidence = z.infer<typeof zCampaignEvidence>;

// Reach

/**
 * Who a campaign reached, in two figures that are never added together: people **counted** at its
 * sessions that are events of the register (unique people: one person at two sessions is one), and
 * audiences **estimated** (large sessions, media outputs), which may overlap each other and the count.
 */
export const zCampaignReach = z.object({
  counted: zSexCounts.extend({
    /** Sessions that are events of the register (their attended participants are the count). */
    sessions: z.number().int(),
  }),
  estimated: z.object({
    total: z.number().int(),
    /** Sum of the estimated audiences of sessions that are not events. */
    sessions: z.number().int(),
    /** Sum of the outputs' estimated reach. */
    outputs: z.number().int(),
    /** The part of the sessions' estimates told by sex (the rest is not). */
    female: z.number().int(),
    male: z.number().int(),
    byKind: z.array(z.object({ kind: zCampaignOutputKind, outputs: z.number().int(), estimatedReach: z.number().int() })),
    /** Outputs with no estimate of their reach (not in the figures above). */
    outputsWithoutEstimate: z.number().int(),
  }),
  /** The two figures in a sentence that keeps them apart. */
  text: z.object({ en: z.string(), ur: z.string() }),
});
export type CampaignReach = z.infer<typeof zCampaignReach>;

// Campaigns

const zCampaignBase = z.object({
  id: zId,
  programmeId: zId,
  programmeName: z.string(),
  countryCode: z.string(),
  title: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  /** The places the campaign covers, in its own words. */
  area: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});

export const zCampaignListItem = zCampaignBase.extend({
  sessionCount: z.number().int(),
  outputCount: z.number().int(),
});
export type CampaignListItem = z.infer<typeof zCampaignListItem>;

export const zCampaign = zCampaignBase.extend({
  partners: z.array(zOrganizationRef),
  /** Partner organisations of countries the user does not work in: counted, never named. */
  hiddenPartners: z.number().int(),
  /** Partners not in the register, in the campaign's own words. */
  otherPartners: z.string().nullable(),
  targetGroups: z.array(zCampaignTargetGroup),
  targetGroupsOther: z.string().nullable(),
  languages: z.array(zCampaignLanguage),
  notes: z.string().nullable(),
  needsAssessment: z.object({ id: zId, area: z.string(), assessedOn: z.string() }).nullable(),
  sessions: z.array(zCampaignSession),
  outputs: z.array(zCampaignOutput),
  evidence: z.array(zCampaignEvidence),
  reach: zCampaignReach,
});
export type Campaign = z.infer<typeof zCampaign>;

const campaignFields = z.object({
  programmeId: zId,
  countryCode: zCountryCode,
  title: zText(300),
  province: zOptionalText(100),
  district: zOptionalText(100),
  area: zOptionalText(500),
  startDate: zIsoDate,
  endDate: zIsoDate,
  partnerIds: z.array(zId).max(30).optional(),
  otherPartners: zOptionalText(1000),
  targetGroups: z.array(zCampaignTargetGroup).max(campaignTargetGroups.length).optional(),
  targetGroupsOther: zOptionalText(300),
  languages: z.array(zCampaignLanguage).max(campaignLanguages.length).optional(),
  notes: zOptionalText(5000),
  needsAssessmentId: zId.nullable().optional(),
});
export const zCreateCampaignBody = campaignFields.superRefine(datesInOrder);
export type CreateCampaignBody = z.infer<typeof zCreateCampaignBody>;
export const zUpdateCampaignBody = campaignFields.partial().superRefine(datesInOrder);
export type UpdateCampaignBody = z.infer<typeof zUpdateCampaignBody>;

export const zCampaignListQuery = zPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  programmeId: zId.optional(),
  province: z.string().trim().max(100).optional(),
  /** Campaigns running on or after this day (ending on or after it). */
  from: zIsoDate.optional(),
  /** Campaigns running on or before this day (starting on or before it). */
  to: zIsoDate.optional(),
});
export type CampaignListQuery = z.infer<typeof zCampaignListQuery>;

/** A calendar year; left out: the current one. */
export const zCampaignSummaryQuery = z.object({
  year: z.coerce.number().int().min(1990).max(2100).optional().meta({ description: 'A calendar year (YYYY); left out: the current year', example: 2025 }),
});
export type CampaignSummaryQuery = z.infer<typeof zCampaignSummaryQuery>;

/**
 * Every campaign the user sees (all programmes, the user's countries) in one calendar year, in figures:
 * the campaigns running in it, what their outputs put out by kind, and their reach, counted and
 * estimated, never added together (the same rules as a campaign's own page, over a period).
 */
export const zCampaignSummary = z.object({
  year: z.number().int(),
  /** Campaigns running at some time in the year. */
  campaigns: z.number().int(),
  /** Outputs that went out in the year (on their start date, or their campaign's), by kind: how many were recorded and their total quantity. */
  outputs: z.array(z.object({ kind: zCampaignOutputKind, outputs: z.number().int(), quantity: z.number().int() })),
  /** Counted at event sessions held in the year (unique people) and estimated, kept apart. */
  reach: zCampaignReach,
});
export type CampaignSummary = z.infer<typeof zCampaignSummary>;

export const zCampaignSessionParams = z.object({ id: zId, sessionId: zId });
export const zCampaignOutputParams = z.object({ id: zId, outputId: zId });
export const zCampaignEvidenceParams = z.object({ id: zId, evidenceId: zId });
/** `inline=1`: for an <img> or the browser's PDF viewer; otherwise the file is a download. */
export const zCampaignEvidenceFileQuery = z.object({ inline: z.enum(['0', '1']).optional() });

/** The sentence under a campaign's reach: the count and the estimate side by side, never one total. */
export function campaignReachText(reach: Pick<CampaignReach, 'counted' | 'estimated'>, language: 'en' | 'ur'): string {
  const format = new Intl.NumberFormat(language === 'en' ? 'en-US' : 'ur-PK').format;
  const bySex = (counts: Pick<SexCounts, 'female' | 'male' | 'other' | 'unknown'>) => {
    const words = language === 'en' ? { female: 'female', male: 'male', other: 'other', unknown: 'not recorded' } : URDU_SEX;
    const parts = (['female', 'male', 'other', 'unknown'] as const).filter((k) => counts[k] > 0).map((k) => `${format(counts[k])} ${words[k]}`);
    return parts.length > 0 ? ` (${parts.join(language === 'en' ? ', ' : '، ')})` : '';
  };
  const { counted, estimated } = reach;
  if (language === 'en') {
    const people = `${format(counted.total)} ${counted.total === 1 ? 'person' : 'people'}`;
    const sessions = `${format(counted.sessions)} ${counted.sessions === 1 ? 'session' : 'sessions'}`;
    return (
      `Counted: ${people} at ${sessions}${bySex(counted)}. ` +
      `Estimated: about ${format(estimated.total)} reached (sessions ${format(estimated.sessions)}, media outputs ${format(estimated.outputs)}). ` +
      'The estimate is not added to the count: the same people may be in both.'
    );
  }
  return (
    `شمار شدہ: ${format(counted.sessions)} نشستوں میں ${format(counted.total)} افراد${bySex(counted)}۔ ` +
    `اندازہ: تقریباً ${format(estimated.total)} افراد تک رسائی (نشستیں ${format(estimated.sessions)}، میڈیا ${format(estimated.outputs)})۔ ` +
    'اندازہ شمار میں جمع نہیں کیا گیا: ممکن ہے وہی لوگ دونوں میں ہوں۔'
  );
}

const URDU_SEX = { female: 'خواتین', male: 'مرد', other: 'دیگر', unknown: 'غیر درج شدہ' } as const;
