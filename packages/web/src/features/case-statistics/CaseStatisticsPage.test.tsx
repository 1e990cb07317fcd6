import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStatistics, Role, User } from '@hifazat/contract';
import { changeLanguage } from '../../i18n';
import { keys } from '../../lib/queries';
import { answerApi, json, setPhone } from '../../test/setup';
import { renderWithProviders, testQueryClient } from '../../test/render';
import CaseStatisticsPage from './CaseStatisticsPage';

const user = (role: Role): User => ({
  id: '0190f0a1-0000-4000-8000-00000000aa02',
  email: `${role}@example.org`,
  name: 'Analyst',
  role,
  countries: ['PK', 'AF'],
  organizationId: null,
  provinces: null,
  justiceAccess: false,
  active: true,
  secondFactorEnrolled: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const STATS: CaseStatistics = {
  total: 12,
  minimumCell: 5,
  rounding: 5,
  bySex: { female: 9, male: null, other: 0, unknown: 0 },
  byAgeGroup: { child: 5, adult: 7, unknown: 0 },
  byStatus: { identification: 7, screening: 5, assistance: 0, referral: 0, case_plan: 0, follow_up: 0, closed: 0 },
  byProvince: [{ province: 'Sindh', count: 12 }],
  byCitizenship: [
    { citizenship: 'PK', count: 8 },
    { citizenship: 'NP', count: null },
  ],
  byTraffickingStatus: { PossibleVictimOfTrafficking: 5, ActualVictimOfTrafficking: 0, NotAVictimOfTrafficking: 0, not_recorded: 7 },
  bySuggestion: { tip: 5, som: 0, both: 0, neither: 0, insufficient: 0, not_recorded: 7 },
};

function open(role: Role, route = '/case-statistics', stats: CaseStatistics = STATS) {
  const asked: string[] = [];
  answerApi((path) => {
    if (path.startsWith('/api/cases/statistics')) {
      asked.push(path);
      return json(stats);
    }
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, user(role));
  renderWithProviders(
    <Routes>
      <Route path="/case-statistics" element={<CaseStatisticsPage />} />
      <Route path="/" element={<p data-testid="home">home</p>} />
    </Routes>,
    { queryClient, route },
  );
  return asked;
}

afterEach(async () => changeLanguage('en'));

describe('the case statistics page', () => {
  it('shows the counts by dimension, a withheld cell as "<5" with what it means, and asks again for a year', async () => {
    const asked = open('analyst');
    expect((await screen.findByTestId('stats-total')).textContent).toBe('12');
    const male = within(screen.getByTestId('stats-bySex'))
      .getAllByTestId('stats-row')
      .find((row) => row.getAttribute('data-key') === 'male');
    const withheld = within(male as HTMLElement).getByTestId('stats-withheld');
    expect(withheld.textContent).toBe('<5');
    expect(withheld.getAttribute('title')).toBe('withheld: fewer than 5');
    expect(screen.getByTestId('stats-withheld-help').textContent).toContain('A count from 1 to 4 is withheld');
    expect(within(screen.getByTestId('stats-byCitizenship')).getByText('Nepal')).toBeTruthy();
    expect(asked).toEqual(['/api/cases/statistics']);

    fireEvent.change(screen.getByTestId('stats-filter-year'), { target: { value: '2026' } });
    await waitFor(() => expect(asked.at(-1)).toBe('/api/cases/statistics?year=2026'));
    fireEvent.change(screen.getByTestId('stats-filter-country'), { target: { value: 'PK' } });
    await waitFor(() => expect(asked.at(-1)).toMatch(/^\/api\/cases\/statistics\?(?=.*year=2026)(?=.*countryCode=PK)/));
  });

  it('on a phone in Urdu: Urdu labels, and "<5" written left to right', async () => {
    await changeLanguage('ur');
    setPhone(true);
    open('supervisor');
    expect((await screen.findByTestId('page-title')).textContent).toBe('کیسز کے اعداد و شمار');
    const withheld = within(await screen.findByTestId('stats-byCitizenship')).getByTestId('stats-withheld');
    expect(withheld.textContent).toBe('<5');
    expect(withheld.getAttribute('dir')).toBe('ltr');
    expect(withheld.getAttribute('aria-label')).toBe('ظاہر نہیں کیا گیا: 5 سے کم');
    expect(within(screen.getByTestId('stats-bySex')).getByText('خاتون')).toBeTruthy();
  });

  it('says so when nothing matches', async () => {
    open('analyst', '/case-statistics', { ...STATS, total: 0 });
    expect((await screen.findByTestId('stats-none')).textContent).toBe('No cases match this selection.');
  });

  it('says when the total itself is withheld', async () => {
    open('analyst', '/case-statistics', { ...STATS, total: null, bySex: { female: null, male: 0, other: 0, unknown: 0 } });
    expect((await screen.findByTestId('stats-total-withheld')).textContent).toBe('<5');
    expect(screen.getByTestId('stats-total-withheld-alert').textContent).toContain('Fewer than 5 cases match');
  });

  it('sends a role without case statistics home', async () => {
    open('data_officer');
    expect(await screen.findByTestId('home')).toBeTruthy();
  });
});
