import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { FeedbackTemplate, User } from '@hifazat/contract';
import { keys } from '../../lib/queries';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders, testQueryClient } from '../../test/render';
import QuestionnairesPage from './QuestionnairesPage';
import { TemplateForm } from './TemplateForm';

const TRAINER: User = {
  id: '0190f0a1-0000-4000-8000-00000000aa01',
  email: 'trainer@example.org',
  name: 'Trainer',
  role: 'trainer',
  countries: ['PK'],
  active: true,
  secondFactorEnrolled: false,
  organizationId: null,
  provinces: null,
  justiceAccess: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const TEMPLATE_ID = '0190f0a1-0000-4000-8000-0000000000f1';
// Ids as the server makes them (the form's schema checks them).
const [V1, I1, I2, O1, O2] = [
  '0190f0a1-0000-4000-8000-0000000000b1',
  '0190f0a1-0000-4000-8000-0000000000c1',
  '0190f0a1-0000-4000-8000-0000000000c2',
  '0190f0a1-0000-4000-8000-0000000000d1',
  '0190f0a1-0000-4000-8000-0000000000d2',
];

const TEMPLATE: FeedbackTemplate = {
  id: TEMPLATE_ID,
  versionId: V1,
  version: 2,
  title: { en: 'Referral workshop feedback', ur: 'ریفرل ورکشاپ پر رائے' },
  items: [
    { id: I1, kind: 'likert', text: { en: 'The cases were realistic.', ur: null }, options: [] },
    {
      id: I2,
      kind: 'choice',
      text: { en: 'Would you recommend it?', ur: 'کیا آپ تجویز کریں گے؟' },
      options: [
        { id: O1, text: { en: 'Yes', ur: 'ہاں' } },
        { id: O2, text: { en: 'No', ur: 'نہیں' } },
      ],
    },
  ],
  countryCode: 'PK',
  answered: true,
  formCount: 3,
  createdBy: TRAINER.id,
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
};

function signedIn(user: User = TRAINER) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, user);
  return queryClient;
}
const type = (testId: string, value: string) => fireEvent.input(screen.getByTestId(testId), { target: { value } });

describe('the questionnaire template editor', () => {
  it('makes a template of the three kinds of item, in English and Urdu, reordered and trimmed, and sends them in order', async () => {
    const bodies: unknown[] = [];
    answerApi(async (path, init) => {
      if (path === '/api/feedback-templates' && init?.method === 'POST') {
        bodies.push(JSON.parse(String(init.body)));
        return json({ ...TEMPLATE, version: 1, answered: false, formCount: 0 }, 201);
      }
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    const onDone = vi.fn();
    renderWithProviders(<TemplateForm onDone={onDone} onCancel={() => {}} />, { queryClient: signedIn() });

    type('template-title-en', 'Victim identification feedback');
    type('template-title-ur', 'متاثرین کی شناخت پر رائے');
    // A new template starts with one agree-or-disagree item.
    expect(screen.getByTestId('template-item-1').getAttribute('data-kind')).toBe('likert');
    type('template-item-1-en', 'The workshop was relevant to my work.');
    type('template-item-1-ur', 'ورکشاپ میرے کام سے متعلق تھی۔');
    fireEvent.click(screen.getByTestId('template-add-text'));
    type('template-item-2-en', 'What was most useful?');
    fireEvent.click(screen.getByTestId('template-add-choice'));
    type('template-item-3-en', 'Would you recommend this workshop?');
    type('template-item-3-option-1-en', 'Yes');
    type('template-item-3-option-1-ur', 'ہاں');
    type('template-item-3-option-2-en', 'Maybe');
    fireEvent.click(screen.getByTestId('template-item-3-option-add'));
    type('template-item-3-option-3-en', 'No');
    // A fourth item, removed again; the choice moved up above the written answer.
    fireEvent.click(screen.getByTestId('template-add-likert'));
    expect(screen.getAllByTestId(/^template-item-\d$/)).toHaveLength(4);
    fireEvent.click(screen.getByTestId('template-item-4-remove'));
    fireEvent.click(screen.getByTestId('template-item-3-up'));
    expect(screen.getByTestId('template-item-2').getAttribute('data-kind')).toBe('choice');
    expect((screen.getByTestId('template-item-3-en') as HTMLTextAreaElement).value).toBe('What was most useful?');

    fireEvent.click(screen.getByTestId('template-form-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bodies).toEqual([
      {
        title: { en: 'Victim identification feedback', ur: 'متاثرین کی شناخت پر رائے' },
        items: [
          { kind: 'likert', text: { en: 'The workshop was relevant to my work.', ur: 'ورکشاپ میرے کام سے متعلق تھی۔' } },
          {
            kind: 'choice',
            text: { en: 'Would you recommend this workshop?', ur: '' },
            options: [{ text: { en: 'Yes', ur: 'ہاں' } }, { text: { en: 'Maybe', ur: '' } }, { text: { en: 'No', ur: '' } }],
          },
          { kind: 'text', text: { en: 'What was most useful?', ur: '' } },
        ],
      },
    ]);
    expect(onDone.mock.calls[0]?.[1]).toBe(false);
  });

  it('sends nothing while an item or an option has no English text, and says where', async () => {
    const calls: string[] = [];
    answerApi((path, init) => {
      calls.push(`${init?.method ?? 'GET'} ${path}`);
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<TemplateForm onDone={() => {}} onCancel={() => {}} />, { queryClient: signedIn() });
    type('template-title-en', 'Feedback');
    type('template-item-1-en', 'Relevant');
    fireEvent.click(screen.getByTestId('template-add-choice'));
    type('template-item-2-en', 'Recommend?');
    type('template-item-2-option-1-en', 'Yes');
    fireEvent.click(screen.getByTestId('template-form-submit'));
    expect((await screen.findByTestId('template-item-2-options-error')).textContent).toBe(
      'A single-choice item needs 2 to 10 options, each with its English text.',
    );
    expect(screen.getByTestId('template-items-error').textContent).toContain('not complete');
    // The last item removed: none left is an error of its own.
    fireEvent.click(screen.getByTestId('template-item-2-remove'));
    fireEvent.click(screen.getByTestId('template-item-1-remove'));
    fireEvent.click(screen.getByTestId('template-form-submit'));
    await waitFor(() => expect(screen.getByTestId('template-items-error').textContent).toBe('Add at least one item.'));
    expect(calls.filter((c) => !c.startsWith('GET'))).toEqual([]);
  });

  it('changes an answered template as its next version, keeping the ids of the items and options it keeps', async () => {
    const bodies: unknown[] = [];
    answerApi(async (path, init) => {
      if (path === `/api/feedback-templates/${TEMPLATE_ID}` && init?.method === 'PATCH') {
        bodies.push(JSON.parse(String(init.body)));
        return json({ ...TEMPLATE, version: 3, answered: false });
      }
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    const onDone = vi.fn();
    renderWithProviders(<TemplateForm template={TEMPLATE} onDone={onDone} onCancel={() => {}} />, { queryClient: signedIn() });
    expect(screen.getByTestId('template-form-answered').textContent).toContain('Saving makes version 3');
    type('template-item-1-ur', 'مقدمات حقیقت کے قریب تھے۔');
    // Two options at least: one is removed only once a third is there.
    expect(screen.queryByTestId('template-item-2-option-2-remove')).toBeNull();
    fireEvent.click(screen.getByTestId('template-item-2-option-add'));
    type('template-item-2-option-3-en', 'Maybe');
    fireEvent.click(screen.getByTestId('template-item-2-option-2-remove'));
    fireEvent.click(screen.getByTestId('template-form-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(bodies[0]).toEqual({
      title: { en: 'Referral workshop feedback', ur: 'ریفرل ورکشاپ پر رائے' },
      items: [
        { id: I1, kind: 'likert', text: { en: 'The cases were realistic.', ur: 'مقدمات حقیقت کے قریب تھے۔' } },
        {
          id: I2,
          kind: 'choice',
          text: { en: 'Would you recommend it?', ur: 'کیا آپ تجویز کریں گے؟' },
          options: [{ id: O1, text: { en: 'Yes', ur: 'ہاں' } }, { text: { en: 'Maybe', ur: '' } }],
        },
      ],
      countryCode: 'PK',
    });
    expect(onDone.mock.calls[0]?.[1]).toBe(true);
  });
});

describe('the Questionnaires page', () => {
  it('lists templates with their kinds and versions; a trainer changes and deletes only their own, and an unused one only', async () => {
    const other: FeedbackTemplate = { ...TEMPLATE, id: '0190f0a1-0000-4000-8000-0000000000f2', createdBy: 'someone-else', formCount: 0, answered: false };
    const unused: FeedbackTemplate = { ...TEMPLATE, id: '0190f0a1-0000-4000-8000-0000000000f3', formCount: 0, answered: false, version: 1 };
    answerApi((path) => {
      if (path.startsWith('/api/feedback-templates?')) return json({ items: [TEMPLATE, other, unused], nextCursor: null });
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<QuestionnairesPage />, { queryClient: signedIn() });
    const rows = await screen.findAllByTestId('template-row');
    expect(rows).toHaveLength(3);
    expect(screen.getAllByTestId(`template-kinds-${TEMPLATE_ID}`)[0]?.textContent).toBe('1 agree or disagree, 1 single choice');
    expect(screen.getAllByTestId(`template-version-${TEMPLATE_ID}`)[0]?.textContent).toBe('Version 2');
    // Their own answered template: changed, not deleted (events use it); another trainer's: neither.
    expect(screen.queryAllByTestId(`template-edit-${TEMPLATE_ID}`).length).toBeGreaterThan(0);
    expect(screen.queryAllByTestId(`template-delete-${TEMPLATE_ID}`)).toHaveLength(0);
    expect(screen.queryAllByTestId(`template-edit-${other.id}`)).toHaveLength(0);
    expect(screen.queryAllByTestId(`template-delete-${other.id}`)).toHaveLength(0);
    expect(screen.queryAllByTestId(`template-delete-${unused.id}`).length).toBeGreaterThan(0);
    expect(within(rows[1] as HTMLElement).queryAllByTestId(`template-history-${other.id}`).length).toBeGreaterThan(0);
  });
});
