import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { emptySexCounts, type CampaignSummary, type CascadeSummary, type Dashboard, type SexCounts, type User } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { keys } from '../../lib/queries';
import { answerApi, json, setPhone } from '../../test/setup';
import { renderWithProviders, testQueryClient } from '../../test/render';
import DashboardPage from './DashboardPage';

const counts = (female: number, male: number): SexCounts => ({ ...emptySexCounts(), total: female + male, female, male });
const quarters = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const DASHBOARD: Dashboard = {
  events: 12,
  upcomingEvents: 2,
  people: 140,
  organizations: 9,
  participationsThisYear: counts(9, 51),
  // Nothing in the first quarter; women 3 of 24 in the last.
  quarters: quarters.map((quarter, i) => ({
    quarter,
    events: i === 0 ? 0 : 1,
    participations: i === 0 ? emptySexCounts() : i === 7 ? counts(3, 21) : counts(2, 8),
  })),
  byProvince: [
    { province: 'Punjab', participations: counts(5, 31) },
    { province: null, participations: counts(4, 20) },
  ],
};

const VIEWER: User = {
  id: '01900000-0000-7000-8000-000000000001',
  email: 'viewer@example.org',
  name: 'A viewer',
  role: 'viewer',
  countries: ['PK'],
  active: true,
  secondFactorEnrolled: false,
  organizationId: null,
  provinces: null,
  justiceAccess: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const CASCADES: CascadeSummary = { cascades: 3, masterTrainers: 8, activeMasterTrainers: 6, idleMasterTrainers: 2, reach: counts(412, 1021) };
const THIS_YEAR = new Date().getFullYear();
const CAMPAIGNS: CampaignSummary = {
  year: THIS_YEAR,
  campaigns: 4,
  outputs: [
    { kind: 'poster', outputs: 3, quantity: 1200 },
    { kind: 'radio_psa', outputs: 1, quantity: 40 },
  ],
  reach: {
    counted: { ...counts(31, 45), sessions: 5 },
    estimated: { total: 52_300, sessions: 300, outputs: 52_000, female: 0, male: 0, byKind: [], outputsWithoutEstimate: 0 },
    text: { en: '', ur: '' },
  },
};

/** The dashboard for `user` (null: nobody signed in); the paths the page asked for. */
function render(user: User | null = VIEWER) {
  const asked: string[] = [];
  answerApi((path) => {
    asked.push(path);
    if (path === '/api/reports/dashboard') return json(DASHBOARD);
    if (path === '/api/cascades/summary') return json(CASCADES);
    if (path.startsWith('/api/campaigns/summary?')) {
      // The year before this one had one campaign and no output.
      const year = Number(new URLSearchParams(path.split('?')[1]).get('year'));
      return json(year === THIS_YEAR ? CAMPAIGNS : { ...CAMPAIGNS, year, campaigns: 1, outputs: [] });
    }
    if (path.startsWith('/api/events?')) return json({ items: [], nextCursor: null });
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, user);
  renderWithProviders(
    <Routes>
      <Route path="/" element={<DashboardPage />} />
    </Routes>,
    { route: '/', queryClient },
  );
  return asked;
}

describe('the dashboard', () => {
  it('shows the quarters’ trend, newest first, with the share of women, and this year by province', async () => {
    render();
    const table = await screen.findByTestId('dashboard-quarters');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(8);
    expect(rows[0]?.textContent).toContain('Q4 2026');
    // 3 of 24: 13 %; a quarter without anyone has no share.
    expect(rows[0]?.textContent).toContain('13%');
    expect(rows[7]?.textContent).toContain('Q1 2025');
    expect(rows[7]?.textContent).toContain('–');
    const provinces = within(screen.getByTestId('dashboard-by-province')).getAllByRole('row').slice(1);
    expect(provinces.map((row) => row.textContent?.slice(0, 14))).toEqual([expect.stringContaining('Punjab'), expect.stringContaining('Not recorded')]);
  });

  it('shows the quarters as cards on a phone, in Urdu', async () => {
    setPhone(true);
    await i18n.changeLanguage('ur');
    try {
      render();
      await waitFor(() => expect(screen.getAllByTestId('dashboard-quarters-card')).toHaveLength(8));
      expect(screen.getAllByTestId('dashboard-quarters-card')[0]?.textContent).toContain('چوتھی سہ ماہی 2026');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('shows the cascades’ reach by sex and their master trainers, with a way to every cascade', async () => {
    render();
    const card = await screen.findByTestId('dashboard-cascades');
    await waitFor(() => expect(within(card).getByTestId('dashboard-cascades-reach').textContent).toBe('1,433 (412 female, 1,021 male)'));
    expect(within(card).getByTestId('dashboard-cascades-count').textContent).toBe('3');
    expect(within(card).getByTestId('dashboard-cascades-trainers').textContent).toBe('8');
    expect(within(card).getByTestId('dashboard-cascades-active').textContent).toBe('6 of 8 (75%)');
    expect(within(card).getByTestId('dashboard-cascades-idle').textContent).toBe('2');
    expect(within(card).getByTestId('dashboard-cascades-link').getAttribute('href')).toBe('/cascades');
  });

  it('shows this year’s campaign outputs by kind, and the counted and the estimated reach apart; another year when picked', async () => {
    const asked = render();
    const card = await screen.findByTestId('dashboard-campaigns');
    const outputs = await within(card).findByTestId('dashboard-campaigns-outputs');
    const rows = within(outputs).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))).toEqual([
      ['Poster', '1,200', '3'],
      ['Radio PSA', '40', '1'],
    ]);
    expect(within(card).getByTestId('dashboard-campaigns-count').textContent).toBe('4');
    const counted = within(card).getByTestId('dashboard-campaigns-counted').textContent ?? '';
    const estimated = within(card).getByTestId('dashboard-campaigns-estimated').textContent ?? '';
    expect(counted).toBe('Counted at sessions76(31 female, 45 male)');
    expect(estimated).toBe('Estimated audience~52,300');
    // Never one figure of the two together.
    expect(card.textContent).not.toContain('52,376');
    expect(within(card).getByTestId('dashboard-campaigns-link').getAttribute('href')).toBe('/campaigns');

    const year = within(card).getByTestId('dashboard-campaigns-year') as HTMLSelectElement;
    expect(year.value).toBe(String(THIS_YEAR));
    expect(asked).toContain(`/api/campaigns/summary?year=${THIS_YEAR}`);
    fireEvent.change(year, { target: { value: String(THIS_YEAR - 1) } });
    await waitFor(() => expect(within(card).getByTestId('dashboard-campaigns-count').textContent).toBe('1'));
    expect(asked).toContain(`/api/campaigns/summary?year=${THIS_YEAR - 1}`);
    expect(within(card).queryByTestId('dashboard-campaigns-outputs')).toBeNull();
    expect(card.textContent).toContain(`No media outputs went out in ${THIS_YEAR - 1}.`);
  });

  it('shows the cards in Urdu on a phone', async () => {
    setPhone(true);
    await i18n.changeLanguage('ur');
    try {
      render();
      const cascades = await screen.findByTestId('dashboard-cascades');
      await waitFor(() => expect(within(cascades).getByTestId('dashboard-cascades-active').textContent).toBe('8 میں سے 6 (75%)'));
      expect(within(cascades).getByTestId('dashboard-cascades-reach').textContent).toContain('(412 خواتین، 1,021 مرد)');
      const campaigns = await screen.findByTestId('dashboard-campaigns');
      expect((await within(campaigns).findByTestId('dashboard-campaigns-outputs')).textContent).toContain('ریڈیو پیغام');
      expect(within(campaigns).getByRole('heading').textContent).toBe('آگاہی مہمات');
      expect(within(campaigns).getByTestId('dashboard-campaigns-estimated').textContent).toContain('اندازاً سامعین');
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('shows no card, and asks for neither summary, without a user who may read them', async () => {
    const asked = render(null);
    await screen.findByTestId('dashboard-quarters');
    expect(screen.queryByTestId('dashboard-cascades')).toBeNull();
    expect(screen.queryByTestId('dashboard-campaigns')).toBeNull();
    expect(asked).toContain('/api/reports/dashboard');
    expect(asked.filter((path) => path.includes('/summary'))).toEqual([]);
  });

  it("leads an analyst's home to the case statistics, and asks for none of the register", async () => {
    const asked = render({ ...VIEWER, role: 'analyst', secondFactorEnrolled: true });
    const link = await screen.findByTestId('case-home-statistics-link');
    expect(link.getAttribute('href')).toBe('/case-statistics');
    expect(screen.getByTestId('case-home')).toBeTruthy();
    expect(asked).toEqual([]);
  });

  it('gives a data officer no statistics card (their role has none)', async () => {
    render({ ...VIEWER, role: 'data_officer', secondFactorEnrolled: true });
    await screen.findByTestId('case-home');
    expect(screen.queryByTestId('case-home-statistics')).toBeNull();
  });
});
