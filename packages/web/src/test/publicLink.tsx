import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import type { PublicDraft } from '../lib/usePublicDraft';
import { renderWithProviders } from './render';
import { answerApi, json } from './setup';

/**
 * What the tests of the pages opened by link without an account (a test, a feedback questionnaire)
 * share: a draft as kept on the phone, a server answering the link's two routes, and the page drawn
 * at its address.
 */

/** The network down: fetch fails as a browser's does. */
export const offline = () => Promise.reject(new TypeError('Failed to fetch'));

/** The event's participants a link lists; the drafts below are Amina's. */
export const PARTICIPANTS = [
  { ref: 'refAmina000000000', name: 'Amina B.' },
  { ref: 'refBashir00000000', name: 'Bashir K.' },
];

/** A draft kept on the phone for `form`, answered by Amina B., with `changes`. */
export function draftFor<F, A, R>(token: string, form: F, clientId: string) {
  return (changes: Partial<PublicDraft<F, A, R>>): PublicDraft<F, A, R> => ({
    token,
    form,
    participant: { ref: 'refAmina000000000', name: 'Amina B.' },
    personalCode: null,
    answers: {},
    clientId,
    state: 'answering',
    result: null,
    refusal: null,
    updatedAt: '2026-03-09T08:00:00.000Z',
    ...changes,
  });
}

/** What the fake server answers a request with. */
export type Reply = () => Response | Promise<Response>;

/**
 * Answers a link's routes: GET `path` by `form`, POST `path` + `submitPath` by `submit`. Returns
 * every body POSTed, in order.
 */
export function serveLink(path: string, submitPath: string, submit: (body: unknown) => Response | Promise<Response>, form: Reply) {
  const sent: unknown[] = [];
  answerApi((url, init) => {
    if (url === path && (init?.method ?? 'GET') === 'GET') return form();
    if (url === `${path}${submitPath}` && init?.method === 'POST') {
      const body: unknown = JSON.parse(String(init.body));
      sent.push(body);
      return submit(body);
    }
    return json({ error: { code: 'not_found', message: url, details: [] } }, 404);
  });
  return sent;
}

/** Draws `page` at `address`, routed by `pattern` ('/take/:token') as the app routes it. */
export function renderLinkPage(pattern: string, address: string, page: ReactElement) {
  return renderWithProviders(
    <Routes>
      <Route path={pattern} element={page} />
    </Routes>,
    { route: address },
  );
}
