import { z } from 'zod';
import { zId, zOptionalText, zText, zTimestamp } from './common.js';
import { zServiceType } from './services.js';
import { referralShares, referralStatuses, referralUrgencies } from './case-referral-vocabulary.js';

export * from './case-referral-vocabulary.js';

const zNamedRef = z.object({ id: zId, name: z.string() });

// ---- Consent ----

export const zCreateConsentBody = z.object({
  /** For what the person agreed their information be shared (e.g. "referral to a shelter"). Sealed at rest. */
  purpose: zText(300),
  /** The service the consent is for; left out: any service for this purpose. */
  serviceId: zId.optional(),
  /** Who gave it: `person`, `parent`, `guardian`, `legal_representative`, or the name of whoever did (sealed). */
  givenBy: zText(200),
  /** The language it was explained in (a code such as `ur`, `pa`, `ps`, `en`, or its name). */
  explainedInLanguage: zText(40),
});
export type CreateConsentBody = z.input<typeof zCreateConsentBody>;

export const zConsent = z.object({
  id: zId,
  caseId: zId,
  purpose: z.string().nullable(),
  service: zNamedRef.nullable(),
  givenBy: z.string().nullable(),
  explainedInLanguage: z.string(),
  explainedBy: zNamedRef.nullable(),
  givenAt: zTimestamp,
  withdrawnAt: zTimestamp.nullable(),
  withdrawnBy: zNamedRef.nullable(),
});
export type Consent = z.infer<typeof zConsent>;
export const zConsentList = z.object({ items: z.array(zConsent) });
export const zConsentParams = z.object({ id: zId, consentId: zId });

// ---- Referral ----

/** 'routine' and 'emergency' are read as the two urgencies a form elsewhere may call them. */
const zUrgency = z.preprocess((value) => (value === 'emergency' ? 'urgent' : value === 'routine' ? 'normal' : value), z.enum(referralUrgencies));

export const zCreateReferralBody = z.object({
  serviceId: zId,
  /** Why the person is referred (sealed at rest; the provider reads it). */
  reason: zText(2000),
  urgency: zUrgency,
  /** The consent it is sent under; left out: the case's consent for this service, if one stands. */
  consentId: zId.optional(),
  /** Without consent: only for an urgent referral or a child, with the reason (sealed, flagged for review). */
  override: z
    .object({ reason: zText(1000) })
    .strict()
    .optional(),
  /** What the provider may see beyond the reason, urgency, sex and age (default: name and languages). */
  shares: z.array(z.enum(referralShares)).max(referralShares.length).optional(),
});
export type CreateReferralBody = z.input<typeof zCreateReferralBody>;

export const zRespondReferralBody = z
  .object({ decision: z.enum(['accepted', 'declined']), reason: zOptionalText(1000) })
  .refine((body) => body.decision === 'accepted' || (body.reason ?? '') !== '', { message: 'Say why the referral is declined', path: ['reason'] });
export const zReferralOutcomeBody = z.object({ delivered: z.boolean(), note: zOptionalText(2000) });
export const zCloseReferralBody = z.object({ note: zOptionalText(2000) });
export const zWithdrawReferralBody = z.object({ reason: zText(1000) });

/** The person as the reader of the referral may see them: the provider, only the parts shared (name and phone once accepted). */
export const zReferredPerson = z.object({
  sex: z.string(),
  age: z.number().nullable(),
  child: z.boolean(),
  fullName: z.string().nullable(),
  otherScriptName: z.string().nullable(),
  phone: z.string().nullable(),
  languages: z.array(z.string()).nullable(),
  supportPlan: z.string().nullable(),
});

export const zReferral = z.object({
  id: zId,
  caseId: zId,
  caseReference: z.string(),
  service: z.object({ id: zId, name: z.string(), type: zServiceType }),
  referringAgency: zNamedRef.nullable(),
  reason: z.string().nullable(),
  urgency: z.enum(referralUrgencies),
  shares: z.array(z.enum(referralShares)),
  status: z.enum(referralStatuses),
  /** Why it was declined or withdrawn. */
  answer: z.string().nullable(),
  consent: z.object({ id: zId, givenAt: zTimestamp, explainedInLanguage: z.string() }).nullable(),
  /** The override's reason: shown to the referring agency only (the provider sees that there was one). */
  override: z.object({ reason: z.string().nullable() }).nullable(),
  person: zReferredPerson,
  referredBy: zNamedRef.nullable(),
  referredAt: zTimestamp,
  respondBy: zTimestamp,
  /** Still waiting for the service's answer after `respondBy`. */
  overdue: z.boolean(),
  respondedBy: zNamedRef.nullable(),
  respondedAt: zTimestamp.nullable(),
  delivered: z.boolean().nullable(),
  outcomeNote: z.string().nullable(),
  outcomeAt: zTimestamp.nullable(),
  closedAt: zTimestamp.nullable(),
  /** A confidential address: to the referring agency once the service accepted (its own providers see it on the service). */
  serviceAddress: z.object({ address1: z.string(), city: z.string().nullable(), postalCode: z.string().nullable() }).nullable(),
  /** What the reader may do now. */
  may: z.object({ respond: z.boolean(), outcome: z.boolean(), close: z.boolean(), withdraw: z.boolean() }),
});
export type Referral = z.infer<typeof zReferral>;
export const zReferralList = z.object({ items: z.array(zReferral) });

export const zReferralListQuery = z.object({
  status: z.enum(referralStatuses).optional(),
  /** Only referrals still waiting for an answer past their due time. */
  overdue: z.enum(['true', 'false']).optional(),
});

/** The referral dashboard: overdue answers, what awaits the reader's follow-up, and the counts by status. */
export const zReferralDashboard = z.object({
  overdue: z.array(zReferral),
  /** Declined (refer elsewhere) or delivered (confirm and close): the referring agency's next step. */
  followUps: z.array(zReferral),
  /** For a provider: referrals waiting for its answer. */
  awaitingAnswer: z.array(zReferral),
  counts: z.record(z.enum(referralStatuses), z.number()),
});
export type ReferralDashboard = z.infer<typeof zReferralDashboard>;
