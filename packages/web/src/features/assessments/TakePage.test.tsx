import 'fake-indexeddb/auto';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { TakeResult, TakeTest } from '@hifazat/contract';
import { json } from '../../test/setup';
import { PARTICIPANTS, draftFor, offline, renderLinkPage, serveLink, type Reply } from '../../test/publicLink';
import TakePage from './TakePage';
import { deleteDraft, getDraft, putDraft, type TakeAnswer } from './takeStore';

const TOKEN = 'Tk_test-0123456789abcd';
const CLIENT_ID = '0190f0a1-0000-4000-8000-000000000001';
const TEST: TakeTest = {
  event: { title: 'Victim identification workshop — Gilgit' },
  test: { title: 'Pre-test', kind: 'pre', form: null },
  questions: [
    {
      id: 'q1',
      type: 'single_choice',
      text: { en: 'Which is an indicator of trafficking?', ur: 'انسانی اسمگلنگ کی علامت کون سی ہے؟' },
      points: 1,
      options: [
        { id: 'q1a', text: { en: 'Holding the passport of a worker', ur: 'کارکن کا پاسپورٹ رکھ لینا' } },
        { id: 'q1b', text: { en: 'A signed contract', ur: 'دستخط شدہ معاہدہ' } },
      ],
    },
    { id: 'q2', type: 'short_answer', text: { en: 'Name one referral partner.', ur: null }, points: 2, options: [] },
    {
      id: 'q3',
      type: 'true_false',
      text: { en: 'Consent makes exploitation lawful.', ur: null },
      points: 1,
      options: [
        { id: 'q3t', text: { en: 'True', ur: 'درست' } },
        { id: 'q3f', text: { en: 'False', ur: 'غلط' } },
      ],
    },
  ],
  identifyBy: 'list',
  participants: PARTICIPANTS,
};

const draft = draftFor<TakeTest, TakeAnswer, TakeResult>(TOKEN, TEST, CLIENT_ID);

/** Answers the take routes: the test, and submissions by `submit`; returns every body sent. */
const serve = (submit: (body: unknown) => Response | Promise<Response>, test: Reply = () => json(TEST)) =>
  serveLink(`/api/take/${TOKEN}`, '/attempts', submit, test);

const renderTake = () => renderLinkPage('/take/:token', `/take/${TOKEN}`, <TakePage />);

afterEach(async () => {
  await deleteDraft(TOKEN);
});

describe('the public test page', () => {
  it('keeps each answer on the phone as it is given', async () => {
    serve(() => json({}, 500));
    renderTake();
    fireEvent.click(await screen.findByRole('button', { name: 'Amina B.' }));
    fireEvent.click(await screen.findByTestId('take-option-1-1'));
    fireEvent.input(screen.getByTestId('take-text-2'), { target: { value: 'District police' } });
    await waitFor(async () => {
      const stored = await getDraft(TOKEN);
      expect(stored?.answers).toEqual({ q1: { optionIds: ['q1a'] }, q2: { text: 'District police' } });
      expect(stored?.participant).toEqual({ ref: 'refAmina000000000', name: 'Amina B.' });
    });
  });

  it('restores the answers kept on the phone when opened again, without a network too', async () => {
    await putDraft(draft({ answers: { q1: { optionIds: ['q1a'] }, q2: { text: 'District police' } } }));
    // The link opened again with no connection: the test as kept, with its answers.
    serve(() => json({}, 500), offline);
    renderTake();
    // The name is a bidi isolate (U+2068 … U+2069) in the sentence.
    expect((await screen.findByTestId('take-who')).textContent).toBe('Answering as \u2068Amina B.\u2069');
    expect(screen.getByTestId('take-option-1-1').getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('take-option-1-2').getAttribute('aria-checked')).toBe('false');
    expect((screen.getByTestId('take-text-2') as HTMLTextAreaElement).value).toBe('District police');
    expect(screen.getByTestId('take-progress').textContent).toBe('2 of 3 answered');
  });

  it('keeps a submission the server has not confirmed, says it is not sent, and sends it again when the connection returns', async () => {
    await putDraft(draft({ answers: { q1: { optionIds: ['q1a'] }, q2: { text: 'FIA' }, q3: { optionIds: ['q3f'] } } }));
    let up = false;
    const sent = serve(() => (up ? json({ id: 'a1', score: 2, maxScore: 4, percent: 50, pendingMarks: 1 }, 201) : offline()));
    renderTake();
    fireEvent.click(await screen.findByTestId('take-submit'));
    await waitFor(() => expect(screen.getByTestId('take-status').getAttribute('data-state')).toBe('queued'));
    expect(screen.getByText('Not sent yet')).toBeTruthy();
    expect((await getDraft(TOKEN))?.state).toBe('sending');

    up = true;
    await act(async () => {
      window.dispatchEvent(new Event('online'));
    });
    expect((await screen.findByTestId('take-sent')).textContent).toContain('Sent');
    expect(screen.getByTestId('take-score').textContent).toBe('Your score: 2 of 4 (50%)');
    expect((await getDraft(TOKEN))?.state).toBe('sent');
    // The same submission both times: the server stores it once.
    expect(sent).toEqual(
      [
        {
          participant: 'refAmina000000000',
          answers: [
            { questionId: 'q1', optionIds: ['q1a'] },
            { questionId: 'q2', text: 'FIA' },
            { questionId: 'q3', optionIds: ['q3f'] },
          ],
          clientId: CLIENT_ID,
        },
      ].flatMap((body) => [body, body]),
    );
  });

  it('sends again at once a submission left unconfirmed when the page was closed', async () => {
    await putDraft(draft({ state: 'sending', answers: { q1: { optionIds: ['q1b'] } } }));
    const sent = serve(() => json({ id: 'a1', score: 0, maxScore: 4, percent: 0, pendingMarks: 0 }, 201));
    renderTake();
    expect(await screen.findByTestId('take-sent')).toBeTruthy();
    expect(sent).toHaveLength(1);
  });

  it('asks before sending with questions left unanswered', async () => {
    await putDraft(draft({ answers: { q1: { optionIds: ['q1a'] } } }));
    const sent = serve(() => json({ id: 'a1', score: 1, maxScore: 4, percent: 25, pendingMarks: 0 }, 201));
    renderTake();
    fireEvent.click(await screen.findByTestId('take-submit'));
    expect(screen.getByTestId('take-confirm').textContent).toBe('2 questions have no answer. Send anyway?');
    expect(sent).toEqual([]);
    fireEvent.click(screen.getByTestId('take-submit'));
    expect(await screen.findByTestId('take-sent')).toBeTruthy();
  });

  it('says clearly, in the reader’s language, that a second attempt is refused and that a closed link takes no answers', async () => {
    await putDraft(draft({ answers: { q1: { optionIds: ['q1a'] } } }));
    serve(() => json({ error: { code: 'attempt_exists', message: 'You have answered this test already; one attempt per person', details: [] } }, 409));
    const view = renderTake();
    fireEvent.click(await screen.findByTestId('take-submit'));
    fireEvent.click(screen.getByTestId('take-submit'));
    expect((await screen.findByTestId('take-refused')).getAttribute('data-reason')).toBe('attempt_exists');
    expect(screen.getByText('You have answered this test already')).toBeTruthy();
    view.unmount();

    await deleteDraft(TOKEN);
    serve(
      () => json({}, 500),
      () => json({ error: { code: 'link_closed', message: 'This test is closed; ask your trainer', details: [] } }, 410),
    );
    renderTake();
    expect((await screen.findByTestId('take-unavailable')).getAttribute('data-reason')).toBe('link_closed');
    expect(screen.getByText('This test is closed')).toBeTruthy();
  });

  it('sends a personal code instead of a name, and asks again when no participant has it', async () => {
    const sent = serve(() =>
      json(
        {
          error: {
            code: 'rule_violation',
            message: 'No participant of this event has this code',
            details: [{ path: 'personalCode', message: 'Not on the list' }],
          },
        },
        422,
      ),
    );
    renderTake();
    fireEvent.input(await screen.findByTestId('take-code'), { target: { value: 'kp4-x7q' } });
    fireEvent.click(screen.getByTestId('take-code-submit'));
    fireEvent.click(await screen.findByTestId('take-option-3-2'));
    fireEvent.click(screen.getByTestId('take-submit'));
    fireEvent.click(screen.getByTestId('take-submit'));
    expect((await screen.findByTestId('take-identify-error')).textContent).toContain('No participant has this code');
    expect(sent[0]).toMatchObject({ personalCode: 'kp4-x7q', answers: [{ questionId: 'q3', optionIds: ['q3f'] }] });
    // The answers stay for the next try.
    expect((await getDraft(TOKEN))?.answers).toEqual({ q3: { optionIds: ['q3f'] } });
  });

  it('shows only the code field on a link that takes personal codes only, and says so when a name kept on the phone is refused', async () => {
    const codesOnly: TakeTest = { ...TEST, test: { ...TEST.test, title: 'Post-test', kind: 'post' }, identifyBy: 'code', participants: [] };
    const sent = serve(
      () =>
        json(
          {
            error: {
              code: 'rule_violation',
              message: 'This link takes personal codes only; type the code next to your name on the attendance sheet',
              details: [{ path: 'participant', message: 'Type your personal code' }],
            },
          },
          422,
        ),
      () => json(codesOnly),
    );
    const view = renderTake();
    expect((await screen.findByTestId('take-code-form')).getAttribute('data-code-only')).toBe('true');
    expect(screen.queryByTestId('take-names')).toBeNull();
    expect(screen.queryByTestId('take-name')).toBeNull();
    expect(screen.getByText('Type the personal code printed next to your name on the attendance sheet.')).toBeTruthy();
    view.unmount();

    // A name picked before the trainer switched the link to codes: refused, and the page asks for the code.
    await putDraft(draft({ form: codesOnly, answers: { q1: { optionIds: ['q1a'] } } }));
    renderTake();
    fireEvent.click(await screen.findByTestId('take-submit'));
    fireEvent.click(screen.getByTestId('take-submit'));
    expect((await screen.findByTestId('take-identify-error')).textContent).toBe(
      'This test now takes personal codes only. Type the code next to your name on the attendance sheet.',
    );
    expect(screen.queryByTestId('take-names')).toBeNull();
    expect(sent[0]).toMatchObject({ participant: 'refAmina000000000' });
    expect((await getDraft(TOKEN))?.answers).toEqual({ q1: { optionIds: ['q1a'] } });
  });
});
