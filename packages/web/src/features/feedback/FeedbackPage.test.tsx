import 'fake-indexeddb/auto';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { FeedbackReceipt, PublicFeedbackForm } from '@hifazat/contract';
import { changeLanguage } from '../../i18n';
import { json } from '../../test/setup';
import { PARTICIPANTS, draftFor, offline, renderLinkPage, serveLink, type Reply } from '../../test/publicLink';
import FeedbackPage from './FeedbackPage';
import { feedbackStore, type FeedbackAnswer } from './feedbackDraft';

const TOKEN = 'Fb_test-0123456789abcd';
const CLIENT_ID = '0190f0a1-0000-4000-8000-000000000002';
const FORM: PublicFeedbackForm = {
  event: { title: 'Victim identification workshop — Gilgit' },
  form: { title: { en: 'Post-workshop questionnaire', ur: 'ورکشاپ کے اختتام پر سوالنامہ' } },
  scale: [
    { value: 1, text: { en: 'Strongly disagree', ur: 'بالکل متفق نہیں' } },
    { value: 2, text: { en: 'Disagree', ur: 'متفق نہیں' } },
    { value: 3, text: { en: 'Neither agree nor disagree', ur: 'نہ متفق نہ غیر متفق' } },
    { value: 4, text: { en: 'Agree', ur: 'متفق' } },
    { value: 5, text: { en: 'Strongly agree', ur: 'پوری طرح متفق' } },
  ],
  items: [
    { id: 'i1', kind: 'likert', text: { en: 'The workshop was relevant to my work.', ur: 'یہ ورکشاپ میرے کام سے متعلق تھی۔' }, options: [] },
    {
      id: 'i2',
      kind: 'choice',
      text: { en: 'Would you recommend this workshop to a colleague?', ur: null },
      options: [
        { id: 'o-yes', text: { en: 'Yes', ur: 'جی ہاں' } },
        { id: 'o-no', text: { en: 'No', ur: 'جی نہیں' } },
      ],
    },
    { id: 'i3', kind: 'text', text: { en: 'What was most useful?', ur: null }, options: [] },
  ],
  participants: PARTICIPANTS,
};

const draft = draftFor<PublicFeedbackForm, FeedbackAnswer, FeedbackReceipt>(TOKEN, FORM, CLIENT_ID);
const receipt = () => json({ clientId: CLIENT_ID, received: true }, 201);

/** Answers the public feedback routes: the questionnaire, and responses by `submit`; returns every body sent. */
const serve = (submit: (body: unknown) => Response | Promise<Response>, form: Reply = () => json(FORM)) =>
  serveLink(`/api/feedback/${TOKEN}`, '/responses', submit, form);

const renderFeedback = () => renderLinkPage('/feedback/:token', `/feedback/${TOKEN}`, <FeedbackPage />);

afterEach(async () => {
  await feedbackStore.remove(TOKEN);
  await act(() => changeLanguage('en'));
});

describe('the public feedback page', () => {
  it('says the answers are anonymous and keeps each answer on the phone as it is given', async () => {
    serve(() => json({}, 500));
    renderFeedback();
    expect((await screen.findByTestId('feedback-anonymous')).textContent).toContain('stored without your name');
    fireEvent.click(await screen.findByRole('button', { name: 'Amina B.' }));
    fireEvent.click(await screen.findByTestId('feedback-likert-1-4'));
    fireEvent.click(screen.getByTestId('feedback-option-2-1'));
    fireEvent.input(screen.getByTestId('feedback-text-3'), { target: { value: 'The case studies' } });
    await waitFor(async () => {
      const stored = await feedbackStore.get(TOKEN);
      expect(stored?.answers).toEqual({ i1: { value: 4 }, i2: { optionId: 'o-yes' }, i3: { text: 'The case studies' } });
      expect(stored?.participant).toEqual({ ref: 'refAmina000000000', name: 'Amina B.' });
    });
    expect(screen.getByTestId('feedback-likert-1-4').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('feedback-likert-1-5').getAttribute('aria-checked')).toBe('false');
  });

  it('restores the kept answers without a network, keeps an unconfirmed response, and sends it again when the connection returns', async () => {
    await feedbackStore.put(draft({ answers: { i1: { value: 5 }, i2: { optionId: 'o-no' }, i3: { text: '  More role plays ' } } }));
    let up = false;
    const sent = serve(
      () => (up ? receipt() : offline()),
      () => (up ? json(FORM) : offline()),
    );
    renderFeedback();
    expect((await screen.findByTestId('feedback-who')).textContent).toBe('Answering as \u2068Amina B.\u2069');
    expect(screen.getByTestId('feedback-likert-1-5').getAttribute('aria-checked')).toBe('true');
    expect((screen.getByTestId('feedback-text-3') as HTMLTextAreaElement).value).toBe('  More role plays ');
    expect(screen.getByTestId('feedback-progress').textContent).toBe('3 of 3 answered');

    fireEvent.click(screen.getByTestId('feedback-submit'));
    await waitFor(() => expect(screen.getByTestId('feedback-status').getAttribute('data-state')).toBe('queued'));
    expect(screen.getByText('Not sent yet')).toBeTruthy();
    expect((await feedbackStore.get(TOKEN))?.state).toBe('sending');

    up = true;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    expect((await screen.findByTestId('feedback-sent')).textContent).toContain('Sent');
    expect((await feedbackStore.get(TOKEN))?.state).toBe('sent');
    // The same response, with the same client id, both times: the server stores it once.
    const body = {
      participant: 'refAmina000000000',
      answers: [
        { itemId: 'i1', value: 5 },
        { itemId: 'i2', optionId: 'o-no' },
        { itemId: 'i3', text: 'More role plays' },
      ],
      clientId: CLIENT_ID,
    };
    expect(sent).toEqual([body, body]);
  });

  it('sends again at once a response left unconfirmed when the page was closed', async () => {
    await feedbackStore.put(draft({ state: 'sending', answers: { i1: { value: 2 } } }));
    const sent = serve(receipt);
    renderFeedback();
    expect(await screen.findByTestId('feedback-sent')).toBeTruthy();
    expect(sent).toEqual([{ participant: 'refAmina000000000', answers: [{ itemId: 'i1', value: 2 }], clientId: CLIENT_ID }]);
  });

  it('sends nothing before an answer, and asks before sending with items left unanswered', async () => {
    await feedbackStore.put(draft({}));
    const sent = serve(receipt);
    renderFeedback();
    expect((await screen.findByTestId('feedback-submit')).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('feedback-likert-1-3'));
    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect(screen.getByTestId('feedback-confirm').textContent).toBe('2 questions have no answer. Send anyway?');
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect(await screen.findByTestId('feedback-sent')).toBeTruthy();
  });

  it('says in Urdu that the questionnaire was answered already (409) and that a closed link (410) takes no answers', async () => {
    await act(() => changeLanguage('ur'));
    await feedbackStore.put(draft({ answers: { i1: { value: 4 } } }));
    serve(() => json({ error: { code: 'attempt_exists', message: 'You have answered this questionnaire already; one per person', details: [] } }, 409));
    const view = renderFeedback();
    // The Likert words come in the reader's language.
    expect((await screen.findByTestId('feedback-likert-1-4')).textContent).toContain('متفق');
    fireEvent.click(screen.getByTestId('feedback-submit'));
    fireEvent.click(screen.getByTestId('feedback-submit'));
    expect((await screen.findByTestId('feedback-refused')).getAttribute('data-reason')).toBe('attempt_exists');
    expect(screen.getByText('آپ یہ سوالنامہ پہلے ہی پُر کر چکے ہیں')).toBeTruthy();
    view.unmount();

    await feedbackStore.remove(TOKEN);
    serve(
      () => json({}, 500),
      () => json({ error: { code: 'link_closed', message: 'This questionnaire is closed', details: [] } }, 410),
    );
    renderFeedback();
    expect((await screen.findByTestId('feedback-unavailable')).getAttribute('data-reason')).toBe('link_closed');
    expect(screen.getByText('یہ سوالنامہ بند ہو چکا ہے')).toBeTruthy();
  });
});
