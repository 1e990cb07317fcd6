import { z } from 'zod';
import { zCountryCode, zIsoDate, zTimestamp } from './common.js';
import {
  agencyScopes,
  emergencyReasons,
  evaluationNotes,
  screeningAnswers,
  screeningElements,
  screeningQuestionIds,
  screeningSuggestions,
} from './screening-vocabulary.js';

/**
 * The screening aid (issue 12): indicator questions grouped by the legal elements of trafficking in
 * persons (act, means, purpose) and of the smuggling of migrants (irregular entry, facilitation,
 * benefit), evaluated against versioned rules per country. A decision aid, never a determination.
 */

export * from './screening-vocabulary.js';

export const zScreeningQuestionId = z.enum(screeningQuestionIds);

const zTri = z.boolean().nullable();
export const zLocalizedText = z.object({ en: z.string().trim().min(1).max(4000), ur: z.string().trim().min(1).max(4000) });
export type LocalizedText = z.infer<typeof zLocalizedText>;

// ── The rules: versioned data per country ────────────────────────────────────────────────────────

export const zLegalProvision = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,60}$/),
  /** 'Trafficking Protocol, art. 3(a)', 'PTPA 2018, s. 3(1)'. */
  citation: z.string().trim().min(1).max(200),
  title: zLocalizedText,
  /** The provision's words: the statute's own when `textKind` is 'quoted', otherwise ours. */
  text: z.string().trim().min(1).max(4000),
  textKind: z.enum(['quoted', 'paraphrase']),
  /** What it means for the screening, in plain words. */
  summary: zLocalizedText,
  penalty: zLocalizedText.nullable(),
  /** False until the words (or the section number) were checked against the statute's official text. */
  confirmed: z.boolean(),
  source: z.string().trim().max(500).nullable(),
});
export type LegalProvision = z.infer<typeof zLegalProvision>;

const questionList = z.array(zScreeningQuestionId).max(40);
export const zInstrumentRule = z.object({
  /** Which questions, answered yes, satisfy each element under this instrument. */
  elements: z.partialRecord(z.enum(screeningElements), questionList),
  /** Trafficking: a child (under 18) needs no means (Trafficking Protocol art. 3(c)). */
  childNeedsNoMeans: z.boolean(),
});
export type InstrumentRule = z.infer<typeof zInstrumentRule>;

export const zLegalInstrument = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/),
  kind: z.enum(['tip', 'som']),
  /** 'international': a Protocol (the reporting and interpretive basis); 'national': the country's law. */
  level: z.enum(['international', 'national']),
  title: zLocalizedText,
  rule: zInstrumentRule,
  /** What a reader must know about this instrument's rule (e.g. a provision not confirmed). */
  caveat: zLocalizedText.nullable(),
  provisions: z.array(zLegalProvision).min(1).max(40),
});
export type LegalInstrument = z.infer<typeof zLegalInstrument>;

export const zCompetentAgencyRule = z.object({
  scope: z.enum(agencyScopes),
  name: zLocalizedText,
  note: zLocalizedText.nullable(),
  confirmed: z.boolean(),
  source: z.string().trim().max(500).nullable(),
});
export type CompetentAgencyRule = z.infer<typeof zCompetentAgencyRule>;

export const zScreeningRuleContent = z.object({
  /** A country's version: the international version it is read with (its Protocols). */
  internationalVersion: z.string().max(40).nullable(),
  instruments: z.array(zLegalInstrument).max(20),
  agencies: z.array(zCompetentAgencyRule).max(10),
});
export type ScreeningRuleContent = z.infer<typeof zScreeningRuleContent>;

/** '*' (the international instruments) or an ISO country code. */
export const zRulesCountry = z.union([z.literal('*'), zCountryCode]);
export const zRulesVersionId = z.string().regex(/^(INTL|[A-Z]{2})-[0-9A-Za-z.]{1,30}$/, 'Like "PK-2018.1" or "INTL-2000.1"');

export const zScreeningRuleVersionSummary = z.object({
  id: z.string(),
  countryCode: z.string(),
  effectiveFrom: zIsoDate,
  title: z.string(),
  basedOn: z.string().nullable(),
  createdAt: zTimestamp,
  createdBy: z.string().nullable(),
  /** The version the aid uses for its country today. */
  current: z.boolean(),
});
export type ScreeningRuleVersionSummary = z.infer<typeof zScreeningRuleVersionSummary>;
export const zScreeningRuleVersion = zScreeningRuleVersionSummary.extend({ content: zScreeningRuleContent });
export type ScreeningRuleVersion = z.infer<typeof zScreeningRuleVersion>;
export const zScreeningRuleVersionList = z.object({ items: z.array(zScreeningRuleVersionSummary) });
export const zRulesVersionParams = z.object({ id: zRulesVersionId });

/** A new version: a copy of `basedOn` with edited content; versions never change once added. */
export const zCreateScreeningRuleVersionBody = z
  .object({
    id: zRulesVersionId,
    countryCode: zRulesCountry,
    effectiveFrom: zIsoDate,
    title: z.string().trim().min(1).max(200),
    basedOn: zRulesVersionId.nullable().optional(),
    content: zScreeningRuleContent,
  })
  .refine((body) => body.id.startsWith(body.countryCode === '*' ? 'INTL-' : `${body.countryCode}-`), {
    path: ['id'],
    message: 'The id begins with the country code (INTL- for the international rules)',
  });
export type CreateScreeningRuleVersionBody = z.input<typeof zCreateScreeningRuleVersionBody>;

// ── The evaluation ─────────────────────────────────────────────────────────────────────────────────

export const zScreeningElementsInput = z.object({
  act: zTri.default(null),
  means: zTri.default(null),
  purpose: zTri.default(null),
  irregularEntry: zTri.default(null),
  facilitation: zTri.default(null),
  benefit: zTri.default(null),
});

export const zEvaluateScreeningBody = z
  .object({
    countryCode: zCountryCode,
    /** Age in years, or an estimate; null or left out when not known. */
    age: z.number().int().min(0).max(130).nullable().optional(),
    /** Answers to the questions (any subset; a question left out is unanswered). */
    answers: z.partialRecord(zScreeningQuestionId, z.enum(screeningAnswers)).optional(),
    /** Or the elements directly, for systems that screen elsewhere. */
    elements: zScreeningElementsInput.optional(),
    /** With `elements`: whether an international border was crossed (left out: taken from irregularEntry). */
    crossBorder: z.boolean().nullable().optional(),
    /** With `elements`: immediate needs, which put an emergency referral first. */
    immediateNeeds: z.object({ medical: z.boolean().optional(), danger: z.boolean().optional(), unaccompaniedChild: z.boolean().optional() }).optional(),
    /** The day whose rules apply (left out: today). */
    asOf: zIsoDate.optional(),
  })
  .refine((body) => (body.answers === undefined) !== (body.elements === undefined), {
    path: ['answers'],
    message: 'Send either answers or elements, one of the two',
  });
export type EvaluateScreeningBody = z.input<typeof zEvaluateScreeningBody>;
export type EvaluateScreeningInput = z.output<typeof zEvaluateScreeningBody>;

export const zSupportingAnswer = z.object({ questionId: zScreeningQuestionId, answer: z.enum(screeningAnswers) });

export const zScreeningElementResult = z.object({
  element: z.enum(screeningElements),
  kind: z.enum(['tip', 'som']),
  /** As the broadest instrument reads it: met, not met, or open (null). */
  value: zTri,
  /** Means under the Protocol for a child: not required. */
  notRequired: z.boolean(),
  /** The answers that say yes to it (or, when not met, the answers that say no). */
  supportingAnswers: z.array(zSupportingAnswer),
  /** Its questions not answered yes or no. */
  openQuestions: z.array(zScreeningQuestionId),
  /** 'answers': from the questions; 'given': sent as an element. */
  source: z.enum(['answers', 'given']),
});
export type ScreeningElementResult = z.infer<typeof zScreeningElementResult>;

export const zInstrumentEvaluation = z.object({
  instrument: z.string(),
  kind: z.enum(['tip', 'som']),
  level: z.enum(['international', 'national']),
  title: zLocalizedText,
  met: zTri,
  elements: z.partialRecord(z.enum(screeningElements), zTri),
  meansRequired: z.boolean(),
  notes: z.array(z.enum(evaluationNotes)),
  caveat: zLocalizedText.nullable(),
  provisionIds: z.array(z.string()),
});
export type InstrumentEvaluation = z.infer<typeof zInstrumentEvaluation>;

export const zLegalBasisEntry = zLegalProvision.extend({
  instrument: z.string(),
  instrumentTitle: zLocalizedText,
  kind: z.enum(['tip', 'som']),
  level: z.enum(['international', 'national']),
  /** Whether its instrument's evaluation is met (null: open). */
  met: zTri,
});
export type LegalBasisEntry = z.infer<typeof zLegalBasisEntry>;

export const zCompetentAgency = zCompetentAgencyRule.extend({
  /** True when whether a border was crossed is not known: `alternative` is the agency if it was. */
  borderUnknown: z.boolean(),
  alternative: zCompetentAgencyRule.nullable(),
});
export type CompetentAgency = z.infer<typeof zCompetentAgency>;

export const zScreeningEvaluation = z.object({
  suggestion: z.enum(screeningSuggestions),
  elements: z.array(zScreeningElementResult),
  legalBasis: z.array(zLegalBasisEntry),
  competentAgency: zCompetentAgency.nullable(),
  /** The country version (or the international one when the country has none). */
  rulesVersion: z.string(),
  /** The international version read with it. */
  internationalRulesVersion: z.string(),
  countryCode: z.string(),
  /** True when the country has no rules of its own: the international instruments alone were applied. */
  fallbackToInternational: z.boolean(),
  /** Each legal instrument's own reading, side by side (a Protocol and the national law may differ). */
  evaluations: z.array(zInstrumentEvaluation),
  /** True when the instruments of one kind disagree (one met, another not). */
  instrumentsDiffer: z.boolean(),
  /** Immediate needs come before everything: an emergency referral first, screening later. */
  emergency: z.object({ referralFirst: z.boolean(), reasons: z.array(z.enum(emergencyReasons)) }),
  isChild: zTri,
  crossBorder: zTri,
  /** Neither trafficking nor smuggling, yet a migrant in need of protection (irregular entry, exploitation indicators). */
  vulnerableMigrant: z.boolean(),
  /** Questions whose answer could change the suggestion. */
  followUpQuestions: z.array(zScreeningQuestionId),
  /** False for POST /api/screenings/evaluate, which stores nothing. */
  stored: z.boolean(),
});
export type ScreeningEvaluation = z.infer<typeof zScreeningEvaluation>;
