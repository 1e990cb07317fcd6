import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseDuplicate, Role, User } from '@hifazat/contract';
import { changeLanguage } from '../../i18n';
import { keys } from '../../lib/queries';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders, testQueryClient } from '../../test/render';
import CaseDuplicatesPage from './CaseDuplicatesPage';

const user = (role: Role): User => ({
  id: '0190f0a1-0000-4000-8000-00000000aa03',
  email: `${role}@example.org`,
  name: 'Supervisor',
  role,
  countries: ['PK'],
  organizationId: '0190f0a1-0000-4000-8000-0000000000a1',
  provinces: null,
  justiceAccess: false,
  active: true,
  secondFactorEnrolled: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const OWN = '0190f0a1-0000-4000-8000-0000000000c1';
const OTHER = '0190f0a1-0000-4000-8000-0000000000c2';
const PAIR: CaseDuplicate = {
  id: '0190f0a1-0000-4000-8000-0000000000d1',
  countryCode: 'PK',
  signals: ['birth_date', 'name'],
  score: 50,
  level: 'medium',
  status: 'open',
  cases: [
    {
      id: OWN,
      reference: 'PK-2026-000001',
      agency: { id: '0190f0a1-0000-4000-8000-0000000000a1', name: 'FIA Lahore' },
      province: 'Punjab',
      status: 'screening',
      ownAgency: true,
      fullName: 'Muhammad Shahid',
      identifiedOn: '2026-02-01',
    },
    {
      id: OTHER,
      reference: 'PK-2026-000002',
      agency: { id: '0190f0a1-0000-4000-8000-0000000000a2', name: 'Women protection centre' },
      province: 'Sindh',
      status: 'identification',
      ownAgency: false,
      fullName: null,
      identifiedOn: null,
    },
  ],
  mergeRequest: null,
  keptCaseId: null,
  detectedAt: '2026-02-02T00:00:00.000Z',
  decidedAt: null,
};

function open(role: Role) {
  const sent: Array<{ path: string; body: unknown }> = [];
  answerApi((path, init) => {
    if (path === '/api/case-duplicates') return json({ items: [PAIR] });
    if (path.endsWith('/merge')) {
      sent.push({ path, body: JSON.parse(String(init?.body)) });
      return json({
        ...PAIR,
        status: 'merge_requested',
        mergeRequest: { keepCaseId: OWN, agency: PAIR.cases[0].agency, byOwnAgency: true, at: PAIR.detectedAt },
      });
    }
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, user(role));
  renderWithProviders(
    <Routes>
      <Route path="/case-duplicates" element={<CaseDuplicatesPage />} />
      <Route path="/" element={<p data-testid="home">home</p>} />
    </Routes>,
    { queryClient, route: '/case-duplicates' },
  );
  return sent;
}

describe('CaseDuplicatesPage', () => {
  afterEach(() => changeLanguage('en'));

  it('shows the pair with its signals; another agency’s case without a name; merging across agencies asks the other agency', async () => {
    const sent = open('supervisor');
    const pair = await screen.findByTestId('duplicate-pair');
    expect(
      within(pair)
        .getAllByTestId('duplicate-signal')
        .map((s) => s.textContent),
    ).toEqual(['Date of birth', 'Name']);
    const [own, other] = within(pair).getAllByTestId('duplicate-side');
    expect(own?.textContent).toContain('Muhammad Shahid');
    expect(other?.textContent).toContain("Another agency's case");
    expect(other?.textContent).toContain('Women protection centre');
    expect(within(other as HTMLElement).queryByTestId('duplicate-name')).toBeNull();
    fireEvent.click(within(pair).getByTestId('duplicate-merge'));
    const modal = await screen.findByTestId('duplicate-merge-modal');
    expect(modal?.textContent).toContain('the cases are merged when they confirm it');
    fireEvent.click(within(modal).getByTestId('duplicate-merge-confirm'));
    await waitFor(() => expect(sent).toEqual([{ path: `/api/case-duplicates/${PAIR.id}/merge`, body: { keep: OWN } }]));
    expect((await screen.findByTestId('duplicates-message')).textContent).toContain("the other agency's supervisor confirms");
  });

  it('in Urdu', async () => {
    changeLanguage('ur');
    open('supervisor');
    const pair = await screen.findByTestId('duplicate-pair');
    expect(
      within(pair)
        .getAllByTestId('duplicate-signal')
        .map((s) => s.textContent),
    ).toEqual(['تاریخ پیدائش', 'نام']);
    changeLanguage('en');
  });

  it('a data officer is sent home', async () => {
    open('data_officer');
    expect((await screen.findByTestId('home')).textContent).toBe('home');
  });
});
