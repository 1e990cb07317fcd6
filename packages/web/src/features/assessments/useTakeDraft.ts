import type { TakeAttemptBody, TakeResult, TakeTest } from '@hifazat/contract';
import { api } from '../../lib/api';
import { usePublicDraft, type PublicDraftSource } from '../../lib/usePublicDraft';
import { takeStore, type TakeAnswer, type TakeDraft } from './takeStore';

export type { SendProblem } from '../../lib/usePublicDraft';

/** The answers given to questions the test asks (a question dropped or an option gone meanwhile is left out). */
export function submissionOf(draft: TakeDraft): TakeAttemptBody {
  const questions = new Map((draft.form?.questions ?? []).map((q) => [q.id, q]));
  const answers = Object.entries(draft.answers).flatMap(([questionId, answer]): TakeAttemptBody['answers'] => {
    const question = questions.get(questionId);
    if (!question) return [];
    if (question.type === 'short_answer') {
      const text = answer.text?.trim() ?? '';
      return text ? [{ questionId, text: text.slice(0, 2000) }] : [];
    }
    const known = new Set(question.options.map((o) => o.id));
    const optionIds = (answer.optionIds ?? []).filter((id) => known.has(id));
    return optionIds.length > 0 ? [{ questionId, optionIds }] : [];
  });
  const who = draft.personalCode !== null ? { personalCode: draft.personalCode } : { participant: draft.participant?.ref ?? '' };
  return { ...who, answers, clientId: draft.clientId };
}

/** Whether a question has an answer that counts. */
export function isAnswered(answer: TakeAnswer | undefined): boolean {
  return (answer?.optionIds?.length ?? 0) > 0 || (answer?.text?.trim() ?? '') !== '';
}

const takeSource: PublicDraftSource<TakeTest, TakeAnswer, TakeResult> = {
  store: takeStore,
  load: (token) => api.call('takeTest', { params: { token } }),
  submit: (token, draft) => api.call('submitTakeAttempt', { params: { token }, body: submissionOf(draft) }),
};

/** A test taken through its link: kept on the phone as it is answered, sent until the server says yes. */
export function useTakeDraft(token: string) {
  return usePublicDraft(token, takeSource);
}
