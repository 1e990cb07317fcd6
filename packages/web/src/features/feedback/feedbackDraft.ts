import type { FeedbackReceipt, PublicFeedbackForm, PublicFeedbackResponseBody } from '@hifazat/contract';
import { api } from '../../lib/api';
import { draftStore } from '../../lib/draftStore';
import { usePublicDraft, type PublicDraft, type PublicDraftSource } from '../../lib/usePublicDraft';

/** One item's answer as given: a Likert point, an option, or written text. */
export type FeedbackAnswer = { value?: number; optionId?: string; text?: string };
export type FeedbackDraft = PublicDraft<PublicFeedbackForm, FeedbackAnswer, FeedbackReceipt>;

/** Longest free-text answer the server takes (MAX_FEEDBACK_TEXT in the contract, not imported: the page carries no zod). */
export const FEEDBACK_TEXT_MAX = 2000;

/** The questionnaire being filled in through its link, kept on the phone: one record per link. */
export const feedbackStore = draftStore<FeedbackDraft>('hifazat-feedback');

/** Whether an item has an answer that counts. */
export function isGiven(answer: FeedbackAnswer | undefined): boolean {
  return answer?.value !== undefined || answer?.optionId !== undefined || (answer?.text?.trim() ?? '') !== '';
}

/** The answers to items the questionnaire asks (an item or option gone meanwhile is left out). */
export function feedbackSubmission(draft: FeedbackDraft): PublicFeedbackResponseBody {
  const items = new Map((draft.form?.items ?? []).map((item) => [item.id, item]));
  const answers = Object.entries(draft.answers).flatMap(([itemId, answer]): PublicFeedbackResponseBody['answers'] => {
    const item = items.get(itemId);
    if (!item) return [];
    if (item.kind === 'likert') return answer.value !== undefined ? [{ itemId, value: answer.value }] : [];
    if (item.kind === 'choice') return item.options.some((o) => o.id === answer.optionId) ? [{ itemId, optionId: answer.optionId }] : [];
    const text = answer.text?.trim() ?? '';
    return text ? [{ itemId, text: text.slice(0, FEEDBACK_TEXT_MAX) }] : [];
  });
  const who = draft.personalCode !== null ? { personalCode: draft.personalCode } : { participant: draft.participant?.ref ?? '' };
  return { ...who, answers, clientId: draft.clientId };
}

const feedbackSource: PublicDraftSource<PublicFeedbackForm, FeedbackAnswer, FeedbackReceipt> = {
  store: feedbackStore,
  load: (token) => api.call('getPublicFeedback', { params: { token } }),
  submit: (token, draft) => api.call('submitPublicFeedback', { params: { token }, body: feedbackSubmission(draft) }),
};

/** A questionnaire filled in through its link: kept on the phone as it is answered, sent until the server says yes. */
export function useFeedbackDraft(token: string) {
  return usePublicDraft(token, feedbackSource);
}
