import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError, isNetworkError } from './api';
import { newClientId } from './clientId';
import type { DraftStore } from './draftStore';

/**
 * Answers given through a public link (a test, a feedback questionnaire), kept on the phone: what was
 * read from the server, who answers, the answers as given, and whether the server has said yes.
 */
export type PublicDraft<Form, Answer, Result> = {
  token: string;
  /** What the link asks, as last read from the server: what a reload without a network shows. */
  form: Form | null;
  /** Who answers: a name picked from the list… */
  participant: { ref: string; name: string } | null;
  /** …or a personal code typed. */
  personalCode: string | null;
  answers: Record<string, Answer>;
  /** Made once for this submission on this phone: the server answers a resend as it did the first send. */
  clientId: string;
  /**
   * answering → sending (sent, the server's yes not yet heard: sent again until it comes) → sent;
   * refused when the server will not take it (answered already, link closed).
   */
  state: 'answering' | 'sending' | 'sent' | 'refused';
  result: Result | null;
  refusal: 'attempt_exists' | 'link_closed' | null;
  updatedAt: string;
};

export type PublicDraftView<D> =
  | { phase: 'loading' }
  | { phase: 'unavailable'; reason: 'not_found' | 'link_closed' | 'offline' | 'rate_limited' | 'error'; message?: string }
  | { phase: 'ready'; draft: D; fromDevice: boolean };

/** Why the last send did not get the server's yes: no answer (kept, sent again), too many requests, or refused with a message. */
export type SendProblem =
  { kind: 'offline' | 'rate_limited' } | { kind: 'rejected'; message: string } | { kind: 'identify'; field: 'participant' | 'personalCode' };

export type PublicDraftSource<Form, Answer, Result> = {
  store: DraftStore<PublicDraft<Form, Answer, Result>>;
  /** Reads what the link asks. */
  load: (token: string) => Promise<Form>;
  /** Sends the submission; resolves with the server's yes. */
  submit: (token: string, draft: PublicDraft<Form, Answer, Result>) => Promise<Result>;
};

const freshDraft = <F, A, R>(token: string, form: F | null): PublicDraft<F, A, R> => ({
  token,
  form,
  participant: null,
  personalCode: null,
  answers: {},
  clientId: newClientId(),
  state: 'answering',
  result: null,
  refusal: null,
  updatedAt: new Date().toISOString(),
});

/** Waits between tries of a send without an answer: 3 s, doubling, at most a minute (a room of phones on one Wi-Fi shares the server's allowance). */
const retryDelay = (failures: number) => Math.min(60_000, 3000 * 2 ** failures);

/**
 * A public link's form: read from the server (or, without a network, from the phone), every answer
 * kept on the phone as it is given, and the submission sent until the server says yes. `source`
 * must be the same object on every render (a module constant).
 */
export function usePublicDraft<Form, Answer, Result>(token: string, source: PublicDraftSource<Form, Answer, Result>) {
  type Draft = PublicDraft<Form, Answer, Result>;
  const { store, load, submit } = source;
  const [view, setView] = useState<PublicDraftView<Draft>>({ phase: 'loading' });
  const [problem, setProblem] = useState<SendProblem | null>(null);
  const [attempt, setAttempt] = useState(0);
  const draftRef = useRef<Draft | null>(null);
  const inFlight = useRef(false);
  const failures = useRef(0);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const commit = useCallback(
    (draft: Draft, fromDevice?: boolean) => {
      draftRef.current = draft;
      setView((current) => ({ phase: 'ready', draft, fromDevice: fromDevice ?? (current.phase === 'ready' ? current.fromDevice : false) }));
      // Kept on the phone; a browser that refuses storage (a private window) still answers in memory.
      void store.put(draft).catch(() => undefined);
    },
    [store],
  );

  useEffect(() => {
    let live = true;
    void (async () => {
      const stored = await store.get(token).catch(() => undefined);
      let form: Form | null = null;
      let error: unknown = null;
      try {
        form = await load(token);
      } catch (caught) {
        error = caught;
      }
      if (!live) return;
      if (form) return commit({ ...(stored ?? freshDraft<Form, Answer, Result>(token, form)), form }, false);
      // What the server said before stands: sent, or refused.
      if (stored && (stored.state === 'sent' || stored.state === 'refused')) return commit(stored, true);
      if (isApiError(error) && error.code === 'link_closed') {
        if (stored?.state === 'sending') return commit({ ...stored, state: 'refused', refusal: 'link_closed' }, true);
        return setView({ phase: 'unavailable', reason: 'link_closed' });
      }
      if (isNetworkError(error) && stored?.form) return commit(stored, true);
      if (isNetworkError(error)) return setView({ phase: 'unavailable', reason: 'offline' });
      if (isApiError(error) && error.status === 404) return setView({ phase: 'unavailable', reason: 'not_found' });
      if (isApiError(error) && error.status === 429) return setView({ phase: 'unavailable', reason: 'rate_limited', message: error.message });
      setView({ phase: 'unavailable', reason: 'error', message: isApiError(error) ? error.message : undefined });
    })();
    return () => {
      live = false;
    };
  }, [token, attempt, commit, store, load]);

  const update = useCallback(
    (change: (draft: Draft) => Draft) => {
      const draft = draftRef.current;
      if (draft) commit({ ...change(draft), updatedAt: new Date().toISOString() });
    },
    [commit],
  );

  const send = useCallback(async () => {
    const draft = draftRef.current;
    if (!draft?.form || inFlight.current || draft.state === 'sent' || draft.state === 'refused') return;
    clearTimeout(retryTimer.current);
    inFlight.current = true;
    if (draft.state !== 'sending') commit({ ...draft, state: 'sending' });
    try {
      const result = await submit(token, draft);
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
  }, [token, commit, submit]);
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
    /** Reads the form again (after "no connection" or "too many requests"). */
    reload: () => setAttempt((n) => n + 1),
    setAnswer: (itemId: string, answer: Answer) => update((d) => ({ ...d, answers: { ...d.answers, [itemId]: answer } })),
    identify: (who: { participant: { ref: string; name: string } } | { personalCode: string }) => {
      setProblem(null);
      update((d) =>
        'participant' in who ? { ...d, participant: who.participant, personalCode: null } : { ...d, participant: null, personalCode: who.personalCode },
      );
    },
    changePerson: () => update((d) => ({ ...d, participant: null, personalCode: null })),
    send: () => void send(),
    /** Another person answers on this phone: the record of the last one is forgotten. */
    startOver: async () => {
      const form = draftRef.current?.form ?? null;
      await store.remove(token).catch(() => undefined);
      setProblem(null);
      commit(freshDraft<Form, Answer, Result>(token, form));
    },
  };
}
