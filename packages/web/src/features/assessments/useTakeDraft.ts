import { useCallback, useEffect, useRef, useState } from 'react';
import type { TakeAttemptBody, TakeTest } from '@hifazat/contract';
import { api, isApiError, isNetworkError } from '../../lib/api';
import { newClientId } from '../../lib/clientId';
import { deleteDraft, getDraft, putDraft, type TakeAnswer, type TakeDraft } from './takeStore';

export type TakeView =
  | { phase: 'loading' }
  | { phase: 'unavailable'; reason: 'not_found' | 'link_closed' | 'offline' | 'rate_limited' | 'error'; message?: string }
  | { phase: 'ready'; draft: TakeDraft; fromDevice: boolean };

/** Why the last send did not get the server's yes: no answer (kept, sent again), too many requests, or refused with a message. */
export type SendProblem =
  { kind: 'offline' | 'rate_limited' } | { kind: 'rejected'; message: string } | { kind: 'identify'; field: 'participant' | 'personalCode' };

const freshDraft = (token: string, test: TakeTest | null): TakeDraft => ({
  token,
  test,
  participant: null,
  personalCode: null,
  answers: {},
  clientId: newClientId(),
  state: 'answering',
  result: null,
  refusal: null,
  updatedAt: new Date().toISOString(),
});

/** The answers given to questions the test asks (a question dropped or an option gone meanwhile is left out). */
export function submissionOf(draft: TakeDraft): TakeAttemptBody {
  const questions = new Map((draft.test?.questions ?? []).map((q) => [q.id, q]));
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

/** Waits between tries of a send without an answer: 3 s, doubling, at most a minute (a room of phones on one Wi-Fi shares the server's allowance). */
const retryDelay = (failures: number) => Math.min(60_000, 3000 * 2 ** failures);

/**
 * A test taken through its link: read from the server (or, without a network, from the phone),
 * every answer kept on the phone as it is given, and the submission sent until the server says yes.
 */
export function useTakeDraft(token: string) {
  const [view, setView] = useState<TakeView>({ phase: 'loading' });
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const draftRef = useRef<TakeDraft | null>(null);
  const inFlight = useRef(false);
  const failures = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const commit = useCallback((draft: TakeDraft, fromDevice?: boolean) => {
    draftRef.current = draft;
    setView((current) => ({ phase: 'ready', draft, fromDevice: fromDevice ?? (current.phase === 'ready' ? current.fromDevice : false) }));
    // Kept on the phone; a browser that refuses storage (a private window) still answers in memory.
    void putDraft(draft).catch(() => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      const stored = await getDraft(token).catch(() => undefined);
      let test: TakeTest | null = null;
      let error: unknown = null;
      try {
        test = await api.call('takeTest', { params: { token } });
      } catch (caught) {
        error = caught;
      }
      if (!live) return;
      if (test) return commit({ ...(stored ?? freshDraft(token, test)), test }, false);
      // What the server said before stands: sent, or refused.
      if (stored && (stored.state === 'sent' || stored.state === 'refused')) return commit(stored, true);
      if (isApiError(error) && error.code === 'link_closed') {
        if (stored?.state === 'sending') return commit({ ...stored, state: 'refused', refusal: 'link_closed' }, true);
        return setView({ phase: 'unavailable', reason: 'link_closed' });
      }
      if (isNetworkError(error) && stored?.test) return commit(stored, true);
      if (isNetworkError(error)) return setView({ phase: 'unavailable', reason: 'offline' });
      if (isApiError(error) && error.status === 404) return setView({ phase: 'unavailable', reason: 'not_found' });
      if (isApiError(error) && error.status === 429) return setView({ phase: 'unavailable', reason: 'rate_limited', message: error.message });
      setView({ phase: 'unavailable', reason: 'error', message: isApiError(error) ? error.message : undefined });
    })();
    return () => {
      live = false;
    };
  }, [token, attempt, commit]);

  const update = useCallback(
    (change: (draft: TakeDraft) => TakeDraft) => {
      const draft = draftRef.current;
      if (draft) commit({ ...change(draft), updatedAt: new Date().toISOString() });
    },
    [commit],
  );

  const send = useCallback(async () => {
    const draft = draftRef.current;
    if (!draft?.test || inFlight.current || draft.state === 'sent' || draft.state === 'refused') return;
    clearTimeout(retryTimer.current);
    inFlight.current = true;
    if (draft.state !== 'sending') commit({ ...draft, state: 'sending' });
    try {
      const result = await api.call('submitTakeAttempt', { params: { token }, body: submissionOf(draft) });
      failures.current = 0;
      setProblem(null);
      commit({ ...(draftRef.current ?? draft), state: 'sent', result, refusal: null });
    } catch (error) {
      const current = draftRef.current ?? draft;
      if (isApiError(error) && (error.code === 'attempt_exists' || error.code === 'link_closed')) {
        setProblem(null);
        commit({ ...current, state: 'refused', refusal: error.code });
      } else if (isApiError(error) && error.status === 422) {
        // The name is no longer on the list, or no participant has the code: choose again, answers kept.
        const field = error.details.some((d) => d.path === 'personalCode') ? 'personalCode' : 'participant';
        setProblem({ kind: 'identify', field });
        commit({ ...current, state: 'answering', participant: null, personalCode: null });
      } else if (isNetworkError(error) || (isApiError(error) && (error.status === 429 || error.status >= 500))) {
        // Not answered: kept as sent-but-not-confirmed, and sent again later.
        setProblem({ kind: isApiError(error) && error.status === 429 ? 'rate_limited' : 'offline' });
        retryTimer.current = setTimeout(() => void sendRef.current(), retryDelay(failures.current));
        failures.current += 1;
      } else {
        setProblem({ kind: 'rejected', message: isApiError(error) ? error.message : String(error) });
        commit({ ...current, state: 'answering' });
      }
    } finally {
      inFlight.current = false;
    }
  }, [token, commit]);
  // The retry timer and the 'online' listener call the latest send.
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  const state = view.phase === 'ready' ? view.draft.state : null;
  useEffect(() => {
    if (state !== 'sending') return undefined;
    // Opened again with a submission the server has not confirmed (a reload, a closed tab): sent at once.
    void sendRef.current();
    const now = () => {
      failures.current = 0;
      void sendRef.current();
    };
    window.addEventListener('online', now);
    return () => window.removeEventListener('online', now);
  }, [state]);
  useEffect(() => () => clearTimeout(retryTimer.current), []);

  return {
    view,
    problem,
    /** Reads the test again (after "no connection" or "too many requests"). */
    reload: () => setAttempt((n) => n + 1),
    setAnswer: (questionId: string, answer: TakeAnswer) => update((d) => ({ ...d, answers: { ...d.answers, [questionId]: answer } })),
    identify: (who: { participant: { ref: string; name: string } } | { personalCode: string }) => {
      setProblem(null);
      update((d) =>
        'participant' in who ? { ...d, participant: who.participant, personalCode: null } : { ...d, participant: null, personalCode: who.personalCode },
      );
    },
    changePerson: () => update((d) => ({ ...d, participant: null, personalCode: null })),
    send: () => void send(),
    /** Another person takes the test on this phone: the record of the last one is forgotten. */
    startOver: async () => {
      const test = draftRef.current?.test ?? null;
      await deleteDraft(token).catch(() => undefined);
      setProblem(null);
      commit(freshDraft(token, test));
    },
  };
}
