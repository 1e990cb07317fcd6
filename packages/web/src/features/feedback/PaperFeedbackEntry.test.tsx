import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { likertScale, type FeedbackForm, type Participant } from '@hifazat/contract';
import en from '../../i18n/questionnaires.en.json';
import ur from '../../i18n/questionnaires.ur.json';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import PaperFeedbackEntry from './PaperFeedbackEntry';
import { feedbackAnswers, feedbackCell, type PaperItem } from './paperFeedback';

const EVENT_ID = '0190f0a1-0000-4000-8000-0000000000e1';
const [AMINA, BASHIR, TRAINER] = ['0190f0a1-0000-4000-8000-0000000000a1', '0190f0a1-0000-4000-8000-0000000000a2', '0190f0a1-0000-4000-8000-0000000000a3'];

const FORM: FeedbackForm = {
  id: 'form1',
  eventId: EVENT_ID,
  templateId: 'template1',
  versionId: 'v1',
  version: 1,
  latestVersion: true,
  title: { en: 'Referral workshop feedback', ur: null },
  items: [
    { id: 'likert1', kind: 'likert', text: { en: 'The cases were realistic.', ur: 'مقدمات حقیقت کے قریب تھے۔' }, options: [] },
    {
      id: 'choice1',
      kind: 'choice',
      text: { en: 'Would you recommend it?', ur: null },
      options: [
        { id: 'yes', text: { en: 'Yes', ur: 'ہاں' } },
        { id: 'maybe', text: { en: 'Maybe', ur: 'شاید' } },
        { id: 'no', text: { en: 'No', ur: 'نہیں' } },
      ],
    },
    { id: 'text1', kind: 'text', text: { en: 'What was most useful?', ur: null }, options: [] },
  ],
  link: { token: 'Fb_test-0123456789abcd', open: false, path: '/feedback/Fb_test-0123456789abcd' },
  responseCount: 0,
  createdAt: '2026-03-09T08:00:00.000Z',
  updatedAt: '2026-03-09T08:00:00.000Z',
};

const person = (personId: string, fullName: string, role: Participant['role'] = 'participant'): Participant => ({
  personId,
  fullName,
  hidden: false,
  sex: 'female',
  designation: null,
  province: null,
  organization: null,
  role,
  attendedDirect: false,
  presentDates: [],
  absentDates: [],
  attended: true,
});

/** The names the participant list offers for what is typed. */
const options = () => [...document.querySelectorAll('[data-combobox-option]')].map((o) => o.textContent);
/** A few letters of the name and Enter: the first name that matches is taken. */
async function pick(input: HTMLInputElement, typed: string, name: string) {
  fireEvent.input(input, { target: { value: typed } });
  await waitFor(() => expect(document.querySelector('[data-combobox-selected]')?.textContent).toBe(name));
  fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' });
}

const ITEMS: PaperItem[] = FORM.items.map((item) => ({ id: item.id, kind: item.kind, optionIds: item.options.map((o) => o.id) }));

describe('what a paper questionnaire cell keeps', () => {
  it('names the five points in the words of the public questionnaire (the contract’s scale), in English and Urdu', () => {
    const words = (strings: { scale: Record<string, string> }) => likertScale.map((p) => strings.scale[String(p.value)]);
    expect(words(en)).toEqual(likertScale.map((p) => p.text.en));
    expect(words(ur)).toEqual(likertScale.map((p) => p.text.ur));
  });

  it('a point from 1 to 5 (Urdu digits too), an option by number, letter or abjad letter, a written answer as it is', () => {
    const [likert, choice, text] = ITEMS as [PaperItem, PaperItem, PaperItem];
    expect(['4', '۳', '٥', '6', '0', 'x', '24', '4x'].map((typed) => feedbackCell(likert, typed))).toEqual(['4', '3', '5', '', '', '', '4', '4']);
    expect(['2', 'c', 'ب', '4', 'd', '13'].map((typed) => feedbackCell(choice, typed))).toEqual(['2', '3', '2', '', '', '3']);
    expect(feedbackCell(text, ' Role plays\nand cases ')).toBe(' Role plays\nand cases ');
    expect(feedbackAnswers(ITEMS, { likert1: '5', choice1: '3', text1: '  ' })).toEqual([
      { itemId: 'likert1', value: 5 },
      { itemId: 'choice1', optionId: 'no' },
    ]);
  });
});

describe('typing paper questionnaires in, one after another', () => {
  it('saves with Enter on the last answer, starts the next at the name, and says when a person has one already', async () => {
    const sent: Array<{ personId: string; answers: unknown; clientId: string }> = [];
    answerApi((path, init) => {
      if (path === `/api/events/${EVENT_ID}/participants`) {
        return json({ items: [person(AMINA, 'Amina Baig'), person(BASHIR, 'Bashir Khan'), person(TRAINER, 'Tahira Trainer', 'trainer')], days: [] });
      }
      if (path === `/api/events/${EVENT_ID}/feedback/responses` && init?.method === 'POST') {
        const body = JSON.parse(String(init.body)) as { personId: string; answers: unknown; clientId: string };
        sent.push(body);
        if (body.personId === BASHIR) return json({ error: { code: 'attempt_exists', message: 'exists', details: [] } }, 409);
        return json({ clientId: body.clientId, received: true }, 201);
      }
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<PaperFeedbackEntry form={FORM} />);
    const who = (await screen.findByTestId('feedback-paper-who')) as HTMLInputElement;
    const cell = (n: number) => screen.getByTestId(`feedback-paper-cell-${n}`) as HTMLInputElement;
    const key = (n: number, name: string, extra: Record<string, boolean> = {}) => fireEvent.keyDown(cell(n), { key: name, ...extra });

    // Saving before choosing anyone: told so.
    fireEvent.click(screen.getByTestId('feedback-paper-save'));
    expect(screen.getByTestId('feedback-paper-status').textContent).toBe('Choose the participant first.');

    // Participants only: the trainer is not on the list.
    fireEvent.input(who, { target: { value: 'a' } });
    await waitFor(() => expect(options()).toEqual(['Amina Baig', 'Bashir Khan']));
    await pick(who, 'ami', 'Amina Baig');
    await waitFor(() => expect(who.value).toBe('Amina Baig'));
    await waitFor(() => expect(document.activeElement).toBe(cell(1)));

    fireEvent.input(cell(1), { target: { value: '4' } });
    expect(screen.getByTestId('feedback-paper-meaning-1').textContent).toBe('Agree');
    key(1, 'Enter');
    expect(document.activeElement).toBe(cell(2));
    fireEvent.input(cell(2), { target: { value: 'b' } });
    expect(cell(2).value).toBe('2');
    expect(screen.getByTestId('feedback-paper-meaning-2').textContent).toBe('Maybe');
    // Backspace in an empty cell goes back; Enter moves on again.
    key(2, 'Enter');
    key(3, 'Backspace');
    expect(document.activeElement).toBe(cell(2));
    key(2, 'Enter');
    fireEvent.input(cell(3), { target: { value: 'The role plays' } });
    key(3, 'Enter');

    await waitFor(() => expect(screen.getByTestId('feedback-paper-status').textContent).toBe('Saved: the questionnaire of Amina Baig.'));
    expect(sent[0]?.personId).toBe(AMINA);
    expect(sent[0]?.answers).toEqual([
      { itemId: 'likert1', value: 4 },
      { itemId: 'choice1', optionId: 'maybe' },
      { itemId: 'text1', text: 'The role plays' },
    ]);
    expect(sent[0]?.clientId).toMatch(/^[0-9a-f-]{36}$/);
    // The next questionnaire: empty cells, the focus on the name, Amina off the list.
    expect(screen.getByTestId('feedback-paper-typed').getAttribute('data-n')).toBe('1');
    expect(cell(1).value).toBe('');
    await waitFor(() => expect(document.activeElement).toBe(who));
    expect(who.value).toBe('');
    fireEvent.input(who, { target: { value: 'a' } });
    await waitFor(() => expect(options()).toEqual(['Bashir Khan']));

    // Bashir has a questionnaire already (409): said in words, the answers kept to choose another name.
    await pick(who, 'bash', 'Bashir Khan');
    await waitFor(() => expect(document.activeElement).toBe(cell(1)));
    fireEvent.input(cell(1), { target: { value: '2' } });
    key(1, 'Enter', { ctrlKey: true });
    await waitFor(() => expect(screen.getByTestId('feedback-paper-status').textContent).toBe('Bashir Khan has a questionnaire already (one per person).'));
    expect(cell(1).value).toBe('2');
    expect(screen.getByTestId('feedback-paper-typed').getAttribute('data-n')).toBe('1');
    expect(sent).toHaveLength(2);
  });
});
