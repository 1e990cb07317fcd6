import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { emptySexCounts, type Dashboard, type SexCounts } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { answerApi, json, setPhone } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
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

function render() {
  answerApi((path) => {
    if (path === '/api/reports/dashboard') return json(DASHBOARD);
    if (path.startsWith('/api/events?')) return json({ items: [], nextCursor: null });
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  renderWithProviders(
    <Routes>
      <Route path="/" element={<DashboardPage />} />
    </Routes>,
    { route: '/' },
  );
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
});
