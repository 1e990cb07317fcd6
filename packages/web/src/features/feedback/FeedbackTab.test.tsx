import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EventFeedbackResults, FeedbackForm } from '@hifazat/contract';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import FeedbackTab from './FeedbackTab';

const EVENT_ID = '0190f0a1-0000-4000-8000-0000000000e1';
const TEMPLATE_ID = '0190f0a1-0000-4000-8000-0000000000f1';
const scale = [1, 2, 3, 4, 5].map((value) => ({ key: String(value), text: { en: `Point ${value}`, ur: null }, count: 0 }));

const FORM: FeedbackForm = {
  id: 'form1',
  eventId: EVENT_ID,
  templateId: TEMPLATE_ID,
  versionId: 'v1',
  version: 1,
  latestVersion: true,
  title: { en: 'Post-workshop questionnaire', ur: 'ورکشاپ کے اختتام پر سوالنامہ' },
  items: [],
  link: { token: 'Fb_test-0123456789abcd', open: true, path: '/feedback/Fb_test-0123456789abcd' },
  responseCount: 3,
  createdAt: '2026-03-09T08:00:00.000Z',
  updatedAt: '2026-03-09T08:00:00.000Z',
};

const RESULTS: EventFeedbackResults = {
  template: { id: TEMPLATE_ID, title: FORM.title },
  eventCount: 1,
  responseCount: 3,
  minGroupSize: 5,
  withheld: null,
  items: [
    {
      itemId: 'i1',
      kind: 'likert',
      text: { en: 'The workshop was relevant to my work.', ur: null },
      n: 3,
      distribution: scale.map((p) => ({ ...p, count: p.key === '4' ? 2 : p.key === '5' ? 1 : 0 })),
      mean: 4.33,
      texts: [],
      bySex: [
        { group: 'female', n: 2, distribution: null, mean: null },
        { group: 'male', n: 1, distribution: null, mean: null },
      ],
      byOrganizationType: [{ group: 'law_enforcement', n: 3, distribution: null, mean: null }],
    },
    {
      itemId: 'i3',
      kind: 'text',
      text: { en: 'What was most useful?', ur: null },
      n: 2,
      distribution: [],
      mean: null,
      texts: ['Case studies', 'Role plays'],
      bySex: [],
      byOrganizationType: [],
    },
  ],
};

describe("the event's Feedback tab", () => {
  it('attaches the standard questionnaire in one click and shows its link', async () => {
    const calls: string[] = [];
    answerApi((path, init) => {
      const method = init?.method ?? 'GET';
      calls.push(`${method} ${path}`);
      if (path === `/api/events/${EVENT_ID}/feedback` && method === 'GET') return json({ form: null });
      if (path.startsWith('/api/feedback-templates?')) return json({ items: [], nextCursor: null });
      if (path === '/api/feedback-templates/standard' && method === 'POST') return json({ id: TEMPLATE_ID }, 201);
      if (path === `/api/events/${EVENT_ID}/feedback` && method === 'POST') return json({ ...FORM, responseCount: 0 }, 201);
      if (path === `/api/events/${EVENT_ID}/feedback/results`) return json({ ...RESULTS, responseCount: 0, items: [] });
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<FeedbackTab event={{ id: EVENT_ID }} editable />);
    expect((await screen.findByTestId('feedback-anonymous-note')).textContent).toContain('Answers are anonymous');
    fireEvent.click(await screen.findByTestId('feedback-attach-standard'));
    expect((await screen.findByTestId('feedback-form-title')).textContent).toBe('Post-workshop questionnaire');
    expect((screen.getByTestId('feedback-link-url') as HTMLInputElement).value).toBe(`${window.location.origin}/feedback/Fb_test-0123456789abcd`);
    expect(await screen.findByTestId('feedback-results-none')).toBeTruthy();
    expect(calls).toContain(`POST /api/events/${EVENT_ID}/feedback`);
    expect(calls.indexOf('POST /api/feedback-templates/standard')).toBeLessThan(calls.indexOf(`POST /api/events/${EVENT_ID}/feedback`));
  });

  it('shows only the number of responses while the link is open, and says when the results will show', async () => {
    answerApi((path) => {
      if (path === `/api/events/${EVENT_ID}/feedback`) return json({ form: FORM });
      if (path === `/api/events/${EVENT_ID}/feedback/results`) return json({ ...RESULTS, withheld: 'link_open', items: [] });
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    const view = renderWithProviders(<FeedbackTab event={{ id: EVENT_ID }} editable={false} />);
    const held = await screen.findByTestId('feedback-results-held');
    expect(held.getAttribute('data-reason')).toBe('link_open');
    expect(screen.getByTestId('feedback-results-n').getAttribute('data-n')).toBe('3');
    expect(held.textContent).toContain('Results are shown once the link is closed and at least 5 people have responded.');
    expect(screen.queryByTestId('feedback-result-1')).toBeNull();
    expect(screen.getByTestId('feedback-anonymous-note').textContent).toContain(
      'Results are shown only once the link is closed and at least 5 people have responded',
    );
    view.unmount();

    answerApi((path) => {
      if (path === `/api/events/${EVENT_ID}/feedback`) return json({ form: { ...FORM, link: { ...FORM.link, open: false } } });
      if (path === `/api/events/${EVENT_ID}/feedback/results`) return json({ ...RESULTS, withheld: 'too_few', items: [] });
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<FeedbackTab event={{ id: EVENT_ID }} editable={false} />);
    expect((await screen.findByTestId('feedback-results-held')).textContent).toContain('The link is closed with fewer than 5 responses');
  });

  it('shows the results: n, mean, free text, and groups under five withheld in words', async () => {
    answerApi((path) => {
      if (path === `/api/events/${EVENT_ID}/feedback`) return json({ form: { ...FORM, link: { ...FORM.link, open: false } } });
      if (path === `/api/events/${EVENT_ID}/feedback/results`) return json(RESULTS);
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<FeedbackTab event={{ id: EVENT_ID }} editable={false} />);
    expect((await screen.findByTestId('feedback-result-1-mean')).textContent).toBe('Mean 4.33 of 5');
    expect(screen.getByTestId('feedback-results-n').getAttribute('data-n')).toBe('3');
    const bySex = screen.getByTestId('feedback-result-1-by-sex');
    expect(bySex.textContent).toContain('Female');
    expect(bySex.querySelectorAll('[data-withheld="true"]').length).toBeGreaterThan(0);
    expect(bySex.textContent).toContain('fewer than 5 — withheld');
    expect(screen.getByTestId('feedback-result-1-by-organization-type').textContent).toContain('Law enforcement');
    expect(screen.getByTestId('feedback-result-2-texts').textContent).toBe('Case studiesRole plays');
    // Not the event's trainer: no opening or closing of the link.
    await waitFor(() => expect(screen.getByTestId('feedback-link-url')).toBeTruthy());
    expect(screen.queryByTestId('feedback-link-toggle')).toBeNull();
  });
});
