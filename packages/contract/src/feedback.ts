import { z } from 'zod';
import { zClientId, zCountryCode, zId, zOptionalText, zPageQuery, zSex, zText, zTimestamp } from './common.js';
import { checkEventSelection, eventSelectionFields } from './events.js';
import { zLocalText } from './tests.js';
import { MAX_FEEDBACK_ITEMS, MAX_FEEDBACK_OPTIONS, MAX_FEEDBACK_TEXT, feedbackItemKinds } from './vocabulary.js';

/**
 * Feedback questionnaires (issue 10, "Feedback questionnaires"): reusable templates of Likert,
 * single-choice and free-text items in English and Urdu; one questionnaire (form) per event, filled
 * in through a public link without an account, or typed in by staff from paper; results per event
 * and across events.
 *
 * Anonymous but one per participant: a response holds the answers, the day it came and the
 * respondent's sex and organisation type (copied at submission, for breakdowns), never who gave it.
 * A separate record says only that a participation has answered. Breakdowns show figures only for
 * groups of at least `FEEDBACK_MIN_GROUP_SIZE` responses.
 */

export const FEEDBACK_MIN_GROUP_SIZE = 5;
export { MAX_FEEDBACK_ITEMS, MAX_FEEDBACK_OPTIONS, MAX_FEEDBACK_TEXT, feedbackItemKinds } from './vocabulary.js';

export const zFeedbackItemKind = z.enum(feedbackItemKinds);
export type FeedbackItemKind = z.infer<typeof zFeedbackItemKind>;

export const LIKERT_VALUES = [1, 2, 3, 4, 5] as const;
/** The five points of every Likert item: how far the respondent agrees with its statement. */
export const likertScale: ReadonlyArray<{ value: number; text: { en: string; ur: string } }> = [
  { value: 1, text: { en: 'Strongly disagree', ur: 'بالکل متفق نہیں' } },
  { value: 2, text: { en: 'Disagree', ur: 'متفق نہیں' } },
  { value: 3, text: { en: 'Neither agree nor disagree', ur: 'نہ متفق نہ غیر متفق' } },
  { value: 4, text: { en: 'Agree', ur: 'متفق' } },
  { value: 5, text: { en: 'Strongly agree', ur: 'پوری طرح متفق' } },
];

const zLocalTextInput = (max: number) => z.object({ en: zText(max), ur: zOptionalText(max) });

// Templates

const zOptionInput = z.object({
  /** Keeps an option of the template (its answers are counted together across versions); left out: a new option. */
  id: zId.optional(),
  text: zLocalTextInput(200),
});

export const zFeedbackItemInput = z
  .object({
    /** Keeps an item of the template (the same kind; its answers are counted together across versions); left out: a new item. */
    id: zId.optional(),
    kind: zFeedbackItemKind,
    /** A Likert item's statement, a choice item's question, a free-text item's prompt. */
    text: zLocalTextInput(500),
    /** Single-choice items only: 2 to 10 options. */
    options: z.array(zOptionInput).max(MAX_FEEDBACK_OPTIONS).optional(),
  })
  .superRefine((item, ctx) => {
    const count = item.options?.length ?? 0;
    if (item.kind === 'choice' && count < 2) ctx.addIssue({ code: 'custom', path: ['options'], message: 'A choice item needs at least 2 options' });
    if (item.kind !== 'choice' && count > 0) ctx.addIssue({ code: 'custom', path: ['options'], message: 'Only a choice item has options' });
    const seen = new Set<string>();
    item.options?.forEach((o, i) => {
      if (o.id !== undefined && seen.has(o.id)) ctx.addIssue({ code: 'custom', path: ['options', i, 'id'], message: 'The same option twice' });
      if (o.id !== undefined) seen.add(o.id);
    });
  });
export type FeedbackItemInput = z.infer<typeof zFeedbackItemInput>;

const uniqueItems = (items: ReadonlyArray<{ id?: string }> | undefined, ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items?.forEach((item, i) => {
    if (item.id !== undefined && seen.has(item.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: 'The same item twice' });
    if (item.id !== undefined) seen.add(item.id);
  });
};

const zItemsInput = z.array(zFeedbackItemInput).min(1).max(MAX_FEEDBACK_ITEMS);

export const zCreateFeedbackTemplateBody = z
  .object({
    title: zLocalTextInput(300),
    /** In the order the questionnaire asks them. */
    items: zItemsInput,
    /** Null: shared by every country (only users of every country may add or change such a template). Default: the user's one country. */
    countryCode: zCountryCode.nullable().optional(),
  })
  .superRefine((v, ctx) => uniqueItems(v.items, ctx))
  .meta({ description: 'A new questionnaire template: Likert (1–5), single-choice and free-text items, in English and optionally Urdu.' });
export type CreateFeedbackTemplateBody = z.infer<typeof zCreateFeedbackTemplateBody>;

export const zStandardFeedbackTemplateBody = z
  .object({ countryCode: zCountryCode.nullable().optional() })
  .meta({ description: 'The standard post-workshop questionnaire, made as a new template of the user (or the given) country.' });
export type StandardFeedbackTemplateBody = z.infer<typeof zStandardFeedbackTemplateBody>;

export const zUpdateFeedbackTemplateBody = z
  .object({
    title: zLocalTextInput(300).optional(),
    /** The whole list of items, in order: items and options given with their `id` are kept, others are new, those left out are dropped. */
    items: zItemsInput.optional(),
    countryCode: zCountryCode.nullable().optional(),
  })
  .superRefine((v, ctx) => uniqueItems(v.items, ctx))
  .meta({
    description:
      'The fields to change. A template whose current version has responses is never changed in place: the change becomes its next version; ' +
      'questionnaires with responses keep the version they were answered in, those without move to the new one. An item keeps its kind.',
  });
export type UpdateFeedbackTemplateBody = z.infer<typeof zUpdateFeedbackTemplateBody>;

export const zFeedbackOption = z.object({ id: zId, text: zLocalText });
export const zFeedbackItem = z.object({ id: zId, kind: zFeedbackItemKind, text: zLocalText, options: z.array(zFeedbackOption) });
export type FeedbackItem = z.infer<typeof zFeedbackItem>;

export const zFeedbackTemplate = z.object({
  id: zId,
  /** The current version: what new questionnaires use. */
  versionId: zId,
  version: z.number().int(),
  title: zLocalText,
  items: z.array(zFeedbackItem),
  countryCode: z.string().nullable(),
  /** The current version has responses: the next change makes a new version. */
  answered: z.boolean(),
  /** Events whose questionnaire uses any version of it. */
  formCount: z.number().int(),
  createdBy: zId.nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type FeedbackTemplate = z.infer<typeof zFeedbackTemplate>;

export const zFeedbackTemplateListQuery = zPageQuery.extend({ countryCode: zCountryCode.optional() });
export type FeedbackTemplateListQuery = z.infer<typeof zFeedbackTemplateListQuery>;

// The questionnaire of an event

export const zCreateFeedbackFormBody = z.object({
  templateId: zId,
  /** Whether the public link takes responses from the start (default: yes). */
  linkOpen: z.boolean().optional(),
});
export type CreateFeedbackFormBody = z.infer<typeof zCreateFeedbackFormBody>;

export const zFeedbackLinkBody = z.object({
  open: z.boolean(),
  /** A new token: the old link stops working. */
  renew: z.boolean().optional(),
});
export type FeedbackLinkBody = z.infer<typeof zFeedbackLinkBody>;

export const zFeedbackForm = z.object({
  id: zId,
  eventId: zId,
  templateId: zId,
  versionId: zId,
  version: z.number().int(),
  /** False when the template has a newer version than the one this questionnaire asks (one with responses keeps its version). */
  latestVersion: z.boolean(),
  title: zLocalText,
  items: z.array(zFeedbackItem),
  /** The public link: `/feedback/{token}` in the web app (shown with a QR code). */
  link: z.object({ token: z.string(), open: z.boolean(), path: z.string() }),
  responseCount: z.number().int(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type FeedbackForm = z.infer<typeof zFeedbackForm>;
export const zEventFeedback = z.object({ form: zFeedbackForm.nullable() });
export type EventFeedback = z.infer<typeof zEventFeedback>;

// Answers

export const zFeedbackAnswerInput = z.strictObject({
  itemId: zId,
  /** Likert items: 1 (strongly disagree) to 5 (strongly agree). */
  value: z.number().int().min(1).max(5).optional(),
  /** Choice items: the option chosen. */
  optionId: zId.optional(),
  /** Free-text items. */
  text: z.string().trim().min(1).max(MAX_FEEDBACK_TEXT).optional(),
});
export type FeedbackAnswerInput = z.infer<typeof zFeedbackAnswerInput>;

const zAnswersInput = z
  .array(zFeedbackAnswerInput)
  .min(1)
  .max(MAX_FEEDBACK_ITEMS)
  .superRefine((answers, ctx) => {
    const seen = new Set<string>();
    answers.forEach((a, i) => {
      if (seen.has(a.itemId)) ctx.addIssue({ code: 'custom', path: [i, 'itemId'], message: 'The same item twice' });
      seen.add(a.itemId);
      const given = [a.value, a.optionId, a.text].filter((x) => x !== undefined).length;
      if (given !== 1) ctx.addIssue({ code: 'custom', path: [i], message: 'One of value, optionId or text' });
    });
  });

export const zStaffFeedbackResponseBody = z
  .strictObject({
    personId: zId,
    /** Items left out are unanswered. */
    answers: zAnswersInput,
    clientId: zClientId.optional(),
  })
  .meta({ description: "A participant's paper questionnaire typed in by staff; stored as anonymously as one sent through the link." });
export type StaffFeedbackResponseBody = z.infer<typeof zStaffFeedbackResponseBody>;

/**
 * What a sent questionnaire is answered with: that it was received, nothing of what it said (a resend
 * is answered from the "has answered" record alone, which knows nothing of the response).
 */
export const zFeedbackReceipt = z.object({ clientId: zId.nullable(), received: z.literal(true) });
export type FeedbackReceipt = z.infer<typeof zFeedbackReceipt>;

// Filling in through the public link (no account)

export const zFeedbackLinkParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{22}$/, 'Not a feedback link')
    .meta({ description: "The questionnaire link's token (128 random bits, base64url)" }),
});

export const zPublicFeedbackForm = z.object({
  event: z.object({ title: z.string() }),
  form: z.object({ title: zLocalText }),
  /** The labels of the five Likert points, in English and Urdu. */
  scale: z.array(z.object({ value: z.number().int(), text: zLocalText })),
  items: z.array(zFeedbackItem),
  /** The event's participants to pick from: a first name and the family name's initial, and a reference that works for this questionnaire only. */
  participants: z.array(z.object({ ref: z.string(), name: z.string() })),
});
export type PublicFeedbackForm = z.infer<typeof zPublicFeedbackForm>;

export const zPublicFeedbackResponseBody = z
  .strictObject({
    /** The `ref` of the name picked from the list… */
    participant: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16}$/, 'Not a reference from this list')
      .optional(),
    /** …or the personal code printed on the attendance sheet. */
    personalCode: z.string().trim().min(1).max(20).optional(),
    answers: zAnswersInput,
    /** Made once on the device: sending the same questionnaire again is answered as the first time. */
    clientId: zClientId,
  })
  .superRefine((v, ctx) => {
    if ((v.participant === undefined) === (v.personalCode === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['participant'], message: 'Pick your name or type your personal code (one of the two)' });
    }
  });
export type PublicFeedbackResponseBody = z.infer<typeof zPublicFeedbackResponseBody>;

// Results

/** One bar of a distribution: a Likert point ('1'…'5') or a choice option (its id), with its label. */
export const zFeedbackCount = z.object({ key: z.string(), text: zLocalText, count: z.number().int() });
export type FeedbackCount = z.infer<typeof zFeedbackCount>;

const groupFigures = {
  /** Responses of the group that answered the item (always shown). */
  n: z.number().int(),
  /** Null when withheld: the group has fewer than 5 responses to the item, or showing it would let a smaller group be worked out. */
  distribution: z.array(zFeedbackCount).nullable(),
  mean: z.number().nullable(),
};
export const zFeedbackSexGroup = z.object({ group: zSex, ...groupFigures });
/** `group`: an organisation type, or null for respondents registered without an organisation. */
export const zFeedbackOrganizationTypeGroup = z.object({ group: z.string().nullable(), ...groupFigures });

export const zFeedbackItemResult = z.object({
  itemId: zId,
  kind: zFeedbackItemKind,
  text: zLocalText,
  /** Responses that answered the item. */
  n: z.number().int(),
  /** Likert: the five points; choice: each option; free text: empty. */
  distribution: z.array(zFeedbackCount),
  /** Likert items: the mean of the points (two decimals); null otherwise or without answers. */
  mean: z.number().nullable(),
  /** Free-text items: every answer, sorted (the order says nothing of who wrote which). */
  texts: z.array(z.string()),
  bySex: z.array(zFeedbackSexGroup),
  byOrganizationType: z.array(zFeedbackOrganizationTypeGroup),
});
export type FeedbackItemResult = z.infer<typeof zFeedbackItemResult>;

const resultsFields = {
  template: z.object({ id: zId, title: zLocalText }),
  /** Events whose questionnaires are counted. */
  eventCount: z.number().int(),
  responseCount: z.number().int(),
  minGroupSize: z.number().int(),
  items: z.array(zFeedbackItemResult),
};
export const zFeedbackResults = z.object(resultsFields).meta({
  description:
    'Per item: n, distribution, mean (Likert), free-text answers; by sex and by organisation type, figures only for groups of at least 5 ' +
    'responses (smaller groups show their count only).',
});
export type FeedbackResults = z.infer<typeof zFeedbackResults>;

/**
 * Why an event's results show the number of responses only: `link_open`, the questionnaire still
 * takes responses (each new one would show as the difference between two readings); `too_few`, it
 * is closed with fewer than `FEEDBACK_MIN_GROUP_SIZE` responses. Null: everything is shown.
 */
export const feedbackResultsWithheld = ['link_open', 'too_few'] as const;
export const zFeedbackResultsWithheld = z.enum(feedbackResultsWithheld);
export type FeedbackResultsWithheld = z.infer<typeof zFeedbackResultsWithheld>;

export const zEventFeedbackResults = zFeedbackResults
  .extend({
    /** Not null: `items` is empty and only `responseCount` is given. */
    withheld: zFeedbackResultsWithheld.nullable(),
  })
  .meta({
    description:
      'While the link is open, only the number of responses; once it is closed with at least 5 responses, per item: n, distribution, ' +
      'mean (Likert), free-text answers, and by sex and by organisation type (groups under 5: counts only). Closed with fewer than 5: ' +
      'the number of responses only.',
  });
export type EventFeedbackResults = z.infer<typeof zEventFeedbackResults>;

/**
 * Results across events (issue 10, "Feedback results … across events"): one template's questionnaires
 * over a selection of events, each version's answers counted together item by item. Without
 * `templateId`, the template the most events of the selection use (the first by title on a tie);
 * `templates` lists every template the selection's questionnaires use, to choose another.
 */
export const zFeedbackResultsQuery = z
  .object({ templateId: zId.optional(), ...eventSelectionFields })
  .superRefine((v, ctx) => checkEventSelection(v, ctx, v.templateId !== undefined))
  .meta({ description: 'A template, and/or a selection of events: at least one of templateId, programmeId, series, from or to.' });
export type FeedbackResultsQuery = z.infer<typeof zFeedbackResultsQuery>;

export const zFeedbackResultsAcross = z
  .object({
    ...resultsFields,
    /** The template counted; null when no questionnaire of the selection's events has one to count (no questionnaire at all). */
    template: z.object({ id: zId, title: zLocalText }).nullable(),
    /**
     * Questionnaires of the template not counted: their link is still open, or fewer than 5 responded
     * (an event's own results withhold them too, `withheld`).
     */
    withheldEventCount: z.number().int(),
    /** Every template the questionnaires of the selection's events use, the most used first. */
    templates: z.array(z.object({ id: zId, title: zLocalText, eventCount: z.number().int() })),
  })
  .meta({
    description:
      "One template's results over a selection of events (programme, series, period), within the user's countries; per item as for one " +
      'event, groups under 5 responses show their count only.',
  });
export type FeedbackResultsAcross = z.infer<typeof zFeedbackResultsAcross>;
