import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { AssessmentAcross, FeedbackResultsAcross, PairedFigures, ScoreSummary } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { answerApi, json, setPhone } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import LearningPage from './LearningPage';

const PROGRAMME = '0190f0a1-0000-4000-8000-0000000000a1';
const E1 = '0190f0a1-0000-4000-8000-0000000000e1';
const E2 = '0190f0a1-0000-4000-8000-0000000000e2';
const Q1 = '0190f0a1-0000-4000-8000-0000000000c1';
const STANDARD = '0190f0a1-0000-4000-8000-0000000000f1';
const OTHER = '0190f0a1-0000-4000-8000-0000000000f2';

const summary = (n: number, mean: number | null): ScoreSummary => ({
  n,
  mean,
  median: mean,
  sd: mean === null ? null : 10,
  meanPercent: mean,
  medianPercent: mean,
});
const paired: PairedFigures = {
  n: 6,
  onlyPre: 0,
  onlyPost: 0,
  meanPre: 175 / 6,
  meanPost: 475 / 6,
  meanGain: 50,
  meanGainPercent: 50,
  normalizedGain: 12 / 17,
  normalizedGainBand: 'high',
  tTest: { t: 3.87, df: 5, p: 0.0117 },
  wilcoxon: { statistic: 0, p: 0.0625, method: 'exact' },
  effectSizeDz: 1.58,
  improved: 5,
};
const withheld: PairedFigures = {
  ...paired,
  n: 1,
  meanPre: null,
  meanPost: null,
  meanGain: null,
  meanGainPercent: null,
  normalizedGain: null,
  normalizedGainBand: null,
  tTest: { t: null, df: null, p: null },
  wilcoxon: { statistic: null, p: null, method: null },
  effectSizeDz: null,
  improved: null,
};

const ANALYSIS: AssessmentAcross = {
  maxScore: 100,
  scale: 'percent',
  minGroupSize: 5,
  pre: summary(6, 175 / 6),
  post: summary(6, 475 / 6),
  paired,
  items: [{ questionId: Q1, testKind: 'pre', n: 6, maxPoints: 1, facility: 4 / 6, discrimination: 0.32, flags: [] }],
  cronbachAlpha: { pre: null, post: null },
  bySex: [
    { group: 'female', ...paired, n: 5, pre: summary(5, 35), post: summary(5, 85) },
    { group: 'male', ...withheld, pre: summary(1, null), post: summary(1, null) },
  ],
  byOrganizationType: [],
  eventCount: 3,
  events: [
    { id: E1, title: 'Victim identification, Lahore', startDate: '2025-01-10', preN: 3, postN: 3, pairedN: 3, normalizedGain: null },
    { id: E2, title: 'Victim identification, Multan', startDate: '2025-02-10', preN: 6, postN: 5, pairedN: 5, normalizedGain: 0.6 },
  ],
  questions: [{ id: Q1, text: { en: 'Which law covers trafficking in persons?', ur: 'انسانی اسمگلنگ کا قانون کون سا ہے؟' } }],
};

const scale = [1, 2, 3, 4, 5].map((value) => ({ key: String(value), text: { en: `Point ${value}`, ur: null }, count: 0 }));
const FEEDBACK: FeedbackResultsAcross = {
  template: { id: STANDARD, title: { en: 'Post-workshop questionnaire', ur: 'ورکشاپ کے اختتام پر سوالنامہ' } },
  withheldEventCount: 1,
  templates: [
    { id: STANDARD, title: { en: 'Post-workshop questionnaire', ur: 'ورکشاپ کے اختتام پر سوالنامہ' }, eventCount: 2 },
    { id: OTHER, title: { en: 'Short questionnaire', ur: null }, eventCount: 1 },
  ],
  eventCount: 2,
  responseCount: 6,
  minGroupSize: 5,
  items: [
    {
      itemId: 'i1',
      kind: 'likert',
      text: { en: 'The workshop was relevant to my work.', ur: null },
      n: 6,
      distribution: scale.map((p) => ({ ...p, count: ({ '2': 1, '3': 1, '4': 2, '5': 2 } as Record<string, number>)[p.key] ?? 0 })),
      mean: 3.83,
      texts: [],
      bySex: [
        { group: 'female', n: 5, distribution: null, mean: null },
        { group: 'male', n: 1, distribution: null, mean: null },
      ],
      byOrganizationType: [],
    },
  ],
};

/** Answers the page's calls, and records the query of each pooled one. */
function answer(calls: string[]) {
  answerApi((path) => {
    calls.push(path);
    if (path.startsWith('/api/programmes?')) return json({ items: [{ id: PROGRAMME, name: 'Criminal justice response' }], nextCursor: null });
    if (path === '/api/events/facets') return json({ topics: [], series: ['S-1'], provinces: [], cities: [] });
    if (path.startsWith('/api/assessment?')) return json(ANALYSIS);
    if (path.startsWith('/api/feedback/results?')) {
      const other = new URLSearchParams(path.split('?')[1]).get('templateId') === OTHER;
      return json(
        other
          ? { ...FEEDBACK, template: FEEDBACK.templates[1] && { id: OTHER, title: FEEDBACK.templates[1].title }, eventCount: 1, responseCount: 0, items: [] }
          : FEEDBACK,
      );
    }
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
}

const render = () =>
  renderWithProviders(
    <Routes>
      <Route path="/learning" element={<LearningPage />} />
    </Routes>,
    { route: `/learning?programmeId=${PROGRAMME}&from=2025-01-01&to=2025-12-31` },
  );

describe('the Learning page (tests and questionnaires across events)', () => {
  it('asks for the programme and period chosen and shows the events, the pooled figures and the questionnaire results', async () => {
    const calls: string[] = [];
    answer(calls);
    render();
    expect((await screen.findByTestId('learning-event-count')).textContent).toBe('3 events in this selection; 2 with marked tests.');
    const asked = calls.find((c) => c.startsWith('/api/assessment?')) ?? '';
    expect(Object.fromEntries(new URLSearchParams(asked.split('?')[1]))).toEqual({ programmeId: PROGRAMME, from: '2025-01-01', to: '2025-12-31' });
    // Each event linked, with its own ⟨g⟩ (withheld under 5 pairs).
    const events = screen.getByTestId('learning-events');
    expect(within(events).getByText('Victim identification, Lahore').closest('a')?.getAttribute('href')).toBe(`/events/${E1}`);
    expect(screen.getByTestId(`learning-event-${E1}-g`).textContent).toBe('—');
    expect(screen.getByTestId(`learning-event-${E2}-g`).textContent).toContain('0.60');
    // The pooled analysis: per cents, six pairs, ⟨g⟩ 12/17, and the pooled explanations.
    expect(screen.getByTestId('results-n-paired').getAttribute('data-n')).toBe('6');
    expect(screen.getByTestId('results-mean-pre').textContent).toContain('29%');
    expect(screen.getByTestId('results-g-value').textContent).toContain('0.71');
    expect(screen.getByTestId('results').textContent).toContain('someone who took part in two events counts once for each');
    expect(screen.getByTestId('results').textContent).toContain('Which law covers trafficking in persons?');
    expect(screen.getByTestId('results-by-sex-male').getAttribute('data-withheld')).toBe('true');
    // The questionnaire most events used, its mean, and groups under 5 withheld.
    expect((await screen.findByTestId('learning-feedback-counted')).textContent).toContain('2 events · 6 responses');
    expect(screen.getByTestId('feedback-result-1-mean').textContent).toBe('Mean 3.83 of 5');
    expect(within(screen.getByTestId('feedback-result-1-by-sex')).getAllByText('fewer than 5 — withheld')).toHaveLength(2);
    // A questionnaire still open (or under 5 responses) is left out, and the page says so.
    expect(screen.getByTestId('learning-feedback-withheld').textContent).toContain('Not counted: 1 questionnaires');
  });

  it('asks for another questionnaire when the user picks it', async () => {
    const calls: string[] = [];
    answer(calls);
    render();
    const picker = (await screen.findByTestId('learning-feedback-template')) as HTMLSelectElement;
    const option = within(picker).getByText('Short questionnaire — 1 events') as HTMLOptionElement;
    fireEvent.change(picker, { target: { value: option.value } });
    expect(await screen.findByTestId('learning-feedback-none')).toBeTruthy();
    expect(calls.some((c) => c.startsWith('/api/feedback/results?') && c.includes(`templateId=${OTHER}`))).toBe(true);
  });

  it('shows each event as a card on a phone, in Urdu', async () => {
    setPhone(true);
    await i18n.changeLanguage('ur');
    try {
      answer([]);
      render();
      // The phone's layout follows the first drawing (the media query is read in an effect).
      await waitFor(() => expect(screen.getByTestId(`learning-event-${E2}`).textContent).toContain('ابتدائی ٹیسٹ 6'));
      expect(screen.getByTestId('learning-events').tagName).toBe('DIV');
      expect(screen.getByTestId('page-title').textContent).toBe('سیکھنے کے نتائج');
      await waitFor(() => expect(screen.getByTestId('learning-feedback-counted').textContent).toContain('ورکشاپ کے اختتام پر سوالنامہ'));
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
