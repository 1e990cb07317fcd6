import { z } from 'zod';
import { zCountryCode, zId, zIsoDate, zOptionalText, zPage, zSex, zText, zTimestamp } from './common.js';
import { zEvaluateScreeningBody, zScreeningEvaluation } from './screening.js';
import { caseStatuses, decisionMakingOrgs, identifyingAgencyTypes, identityDocumentKinds, traffickingStatuses } from './case-vocabulary.js';

export * from './case-vocabulary.js';

export const zCaseStatus = z.enum(caseStatuses);
export const zIdentifyingAgencyType = z.enum(identifyingAgencyTypes);
export const zTraffickingStatus = z.enum(traffickingStatuses);
export const zDecisionMakingOrg = z.enum(decisionMakingOrgs);

export const zIdentityDocument = z.object({ kind: z.enum(identityDocumentKinds), number: zText(60) });
export type IdentityDocument = z.infer<typeof zIdentityDocument>;

const zLanguageList = z.array(zText(40)).max(10);

/** What identifies the victim: encrypted at rest, searched through the blind index only. */
export const zVictimInput = z.object({
  /** In Latin or Urdu script. */
  fullName: zText(200),
  /** The same name in the other script, when known (both are indexed for search). */
  otherScriptName: zOptionalText(200),
  aliases: z.array(zText(200)).max(10).optional(),
  sex: zSex,
  birthDate: zIsoDate.nullable().optional(),
  /** Years, when the date of birth is not known. */
  estimatedAge: z.number().int().min(0).max(120).nullable().optional(),
  citizenship: zCountryCode.nullable().optional(),
  phone: zOptionalText(40),
  /** One number (a CNIC like 35202-1234567-1 is recognised as such); `identityNumbers` for several. */
  identityNumber: zOptionalText(60),
  identityNumbers: z.array(zIdentityDocument).max(5).optional(),
  languages: zLanguageList.optional(),
  address: zOptionalText(500),
});
export type VictimInput = z.input<typeof zVictimInput>;

export const zCreateCaseBody = z.object({
  countryCode: zCountryCode,
  province: zOptionalText(100),
  district: zOptionalText(100),
  /** The day the person was identified (left out: today). */
  identifiedOn: zIsoDate.optional(),
  identificationPlace: zOptionalText(300),
  identifiedByAgencyType: zIdentifyingAgencyType.optional(),
  /** What happened, in the responder's words: encrypted at rest. */
  narrative: zOptionalText(20000),
  victim: zVictimInput,
});
export type CreateCaseBody = z.input<typeof zCreateCaseBody>;

export const zUpdateCaseBody = z
  .object({
    province: zOptionalText(100),
    district: zOptionalText(100),
    identifiedOn: zIsoDate,
    identificationPlace: zOptionalText(300),
    identifiedByAgencyType: zIdentifyingAgencyType.nullable(),
    narrative: zOptionalText(20000),
    victim: zVictimInput.partial(),
  })
  .partial();
export type UpdateCaseBody = z.input<typeof zUpdateCaseBody>;

export const zVictim = z.object({
  fullName: z.string(),
  otherScriptName: z.string().nullable(),
  aliases: z.array(z.string()),
  sex: zSex,
  birthDate: z.string().nullable(),
  estimatedAge: z.number().nullable(),
  citizenship: z.string().nullable(),
  phone: z.string().nullable(),
  identityNumbers: z.array(zIdentityDocument),
  languages: z.array(z.string()),
  address: z.string().nullable(),
});
export type Victim = z.infer<typeof zVictim>;

const zNamedRef = z.object({ id: zId, name: z.string() });

export const zCaseListItem = z.object({
  id: zId,
  reference: z.string(),
  countryCode: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  status: zCaseStatus,
  agency: zNamedRef.nullable(),
  /** Null once the case is anonymised. */
  fullName: z.string().nullable(),
  sex: zSex,
  /** Age today (from the date of birth, or the estimate at identification carried forward); null when unknown. */
  age: z.number().nullable(),
  /** Under 18 today. */
  child: z.boolean(),
  identifiedOn: z.string(),
  traffickingStatus: zTraffickingStatus.nullable(),
  /** 'break_glass': the reader sees it only through a break-glass grant; 'referral': a provider, the parts a live referral shares. */
  access: z.enum(['scope', 'break_glass', 'referral']),
  createdAt: zTimestamp,
});
export type CaseListItem = z.infer<typeof zCaseListItem>;
export const zCaseList = zPage(zCaseListItem);

export const zCaseListQuery = z.object({
  /** Part of the person's name in Latin or Urdu script (whole words), or the case reference. */
  query: z.string().trim().max(200).optional(),
  status: zCaseStatus.optional(),
  countryCode: zCountryCode.optional(),
  childrenOnly: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});
export type CaseListQuery = z.input<typeof zCaseListQuery>;

export const zTraffickingDecision = z.object({
  traffickingStatus: zTraffickingStatus,
  decisionMakingOrg: zDecisionMakingOrg,
});
export type TraffickingDecision = z.infer<typeof zTraffickingDecision>;

/** A stored screening: the aid's input and answer, kept with the rules version it ran with. Never changed. */
export const zCaseScreening = z.object({
  id: zId,
  caseId: zId,
  /** 1, 2, …: a correction is a new version. */
  version: z.number().int(),
  correctsId: zId.nullable(),
  rulesVersion: z.string(),
  input: z.record(z.string(), z.unknown()),
  result: zScreeningEvaluation,
  decision: zTraffickingDecision.nullable(),
  createdBy: zNamedRef.nullable(),
  createdAt: zTimestamp,
});
export type CaseScreening = z.infer<typeof zCaseScreening>;

export const zCreateCaseScreeningBody = z.intersection(
  zEvaluateScreeningBody,
  z.object({
    /** The person's decision beside the aid's suggestion (HTCDS vic_TraffickingStatus and who decided). */
    decision: zTraffickingDecision.optional(),
    /** The earlier screening this one corrects (it stays as it was). */
    corrects: zId.optional(),
  }),
);
export type CreateCaseScreeningBody = z.input<typeof zCreateCaseScreeningBody>;

export const zBreakGlassEntry = z.object({
  id: zId,
  caseId: zId,
  caseReference: z.string(),
  user: zNamedRef.nullable(),
  reason: z.string(),
  at: zTimestamp,
  expiresAt: zTimestamp,
  reviewedAt: zTimestamp.nullable(),
  reviewedBy: zNamedRef.nullable(),
});
export type BreakGlassEntry = z.infer<typeof zBreakGlassEntry>;
export const zBreakGlassList = z.object({ items: z.array(zBreakGlassEntry) });
export const zBreakGlassListQuery = z.object({ reviewed: z.enum(['true', 'false']).optional() });
export const zBreakGlassBody = z.object({ reason: zText(1000).refine((text) => text.length >= 10, 'Say why, in at least 10 characters') });

export const zCaseDetail = zCaseListItem.extend({
  identificationPlace: z.string().nullable(),
  identifiedByAgencyType: zIdentifyingAgencyType.nullable(),
  narrative: z.string().nullable(),
  /** Null once anonymised (retention) or erased on request. */
  victim: zVictim.nullable(),
  openedBy: zNamedRef.nullable(),
  traffickingDecision: zTraffickingDecision.extend({ decidedBy: zNamedRef.nullable(), decidedAt: zTimestamp }).nullable(),
  screenings: z.array(zCaseScreening),
  breakGlass: z.array(zBreakGlassEntry),
  closedAt: zTimestamp.nullable(),
  anonymisedAt: zTimestamp.nullable(),
  /** The case this one was merged into (a possible duplicate, issue 13): this one is read, that one changed. */
  mergedIntoId: zId.nullable().optional(),
  updatedAt: zTimestamp,
});
export type CaseDetail = z.infer<typeof zCaseDetail>;

export const zCaseHistoryEntry = z.object({
  id: zId,
  at: zTimestamp,
  action: z.string(),
  user: zNamedRef.nullable(),
  /** The fields that changed (names only: values that identify the person are never in the history). */
  fields: z.array(z.string()),
  note: z.string().nullable(),
  /** The entry is of a case merged into this one: that case's reference (possible duplicates, issue 13). */
  fromReference: z.string().nullable().optional(),
});
export const zCaseHistory = z.object({ items: z.array(zCaseHistoryEntry) });

export const zCaseExport = z.object({
  fileName: z.string(),
  /** Shown once: the archive (AES-256 ZIP) opens with it; the server keeps no copy. */
  password: z.string(),
  /** The archive, base64. */
  archive: z.string(),
});
export type CaseExport = z.infer<typeof zCaseExport>;

/**
 * The erasure is confirmed by typing the case's reference (no free text: a reason written here would
 * outlive the data it erased, in the audit trail).
 */
export const zEraseCaseBody = z.object({ confirmReference: zText(40) });

/**
 * A count that may be withheld: 0 as it is, 1 to CASE_STATISTICS_MIN_CELL − 1 null, any other rounded to
 * the nearest multiple of `rounding` (so that subtracting counts cannot recover a withheld one).
 */
const zCell = z.number().int().nullable();
export const zCaseStatistics = z.object({
  /** Null when 1 to 4 (withheld like any small cell); rounded like every count. */
  total: zCell,
  minimumCell: z.number().int(),
  /** Every count shown is a multiple of this. */
  rounding: z.number().int(),
  bySex: z.record(z.string(), zCell),
  byAgeGroup: z.object({ child: zCell, adult: zCell, unknown: zCell }),
  byStatus: z.record(z.string(), zCell),
  /** Only provinces (and citizenships) whose count is shown are named: one with 1 to 4 cases is left out. */
  byProvince: z.array(z.object({ province: z.string().nullable(), count: zCell })),
  byCitizenship: z.array(z.object({ citizenship: z.string().nullable(), count: zCell })),
  byTraffickingStatus: z.record(z.string(), zCell),
  bySuggestion: z.record(z.string(), zCell),
});
export type CaseStatistics = z.infer<typeof zCaseStatistics>;
export const zCaseStatisticsQuery = z.object({ countryCode: zCountryCode.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
