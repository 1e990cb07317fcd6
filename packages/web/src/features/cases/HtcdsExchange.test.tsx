import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { HtcdsImportReport, User } from '@hifazat/contract';
import { keys } from '../../lib/queries';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders, testQueryClient } from '../../test/render';
import CaseImportPage from './CaseImportPage';
import CasesPage from './CasesPage';

const officer: User = {
  id: '01900000-0000-7000-8000-0000000000d1',
  email: 'officer@example.org',
  name: 'Officer Asma',
  role: 'data_officer',
  countries: ['PK'],
  organizationId: '01900000-0000-7000-8000-0000000000a1',
  provinces: null,
  justiceAccess: false,
  active: true,
  secondFactorEnrolled: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function render(route: string, user: User = officer) {
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, user);
  return renderWithProviders(
    <Routes>
      <Route path="/cases" element={<CasesPage />} />
      <Route path="/cases/import" element={<CaseImportPage />} />
    </Routes>,
    { queryClient, route },
  );
}

describe('HTCDS exchange in the web app', () => {
  it('the list’s export menu carries the filters shown, pseudonymised or with names', async () => {
    answerApi((path) => (path.startsWith('/api/cases') ? json({ items: [], nextCursor: null }) : json({}, 404)));
    render('/cases?status=screening&childrenOnly=true&q=Bilal');
    fireEvent.click(await screen.findByTestId('cases-htcds-export'));
    const sheet = new URL((await screen.findByTestId('cases-htcds-htcds-xlsx-withhold')).getAttribute('href') ?? '', 'http://x');
    expect(sheet.pathname).toBe('/api/cases/export');
    expect(Object.fromEntries(sheet.searchParams)).toEqual({
      format: 'htcds-xlsx',
      identity: 'withhold',
      query: 'Bilal',
      status: 'screening',
      childrenOnly: 'true',
    });
    const named = new URL(screen.getByTestId('cases-htcds-htcds-json-include').getAttribute('href') ?? '', 'http://x');
    expect(named.searchParams.get('identity')).toBe('include');
    expect(named.searchParams.get('format')).toBe('htcds-json');
    expect(screen.getByTestId('cases-htcds-import').getAttribute('href')).toBe('/cases/import');
  });

  it('a supervisor exports but is not offered the import', async () => {
    answerApi((path) => (path.startsWith('/api/cases') ? json({ items: [], nextCursor: null }) : json({}, 404)));
    render('/cases', { ...officer, role: 'supervisor' });
    expect(await screen.findByTestId('cases-htcds-export')).toBeTruthy();
    expect(screen.queryByTestId('cases-htcds-import')).toBeNull();
  });

  it('checks the sheet (dry run), then imports it; a 422 lists each problem’s row and column', async () => {
    const asked: string[] = [];
    let reject = true;
    answerApi((path, init) => {
      asked.push(`${init?.method ?? 'GET'} ${path}`);
      if (!path.startsWith('/api/cases/import')) return json({}, 404);
      if (reject) {
        return json(
          {
            error: {
              code: 'import_invalid',
              message: '1 rows have problems; nothing was imported',
              details: [{ line: 4, column: 'Y vic_TypeOfExploitation', message: '"Slavery" is not in the HTCDS pick-list' }],
            },
          },
          422,
        );
      }
      const dryRun = path.includes('dryRun=true');
      const report: HtcdsImportReport = {
        dryRun,
        rows: 2,
        created: 2,
        cases: dryRun
          ? []
          : [
              { line: 3, id: '01900000-0000-7000-8000-000000000c01', reference: 'PK-2026-000010' },
              { line: 4, id: '01900000-0000-7000-8000-000000000c02', reference: 'PK-2026-000011' },
            ],
        notKept: [{ column: 'AL hfz_CaseReference', lines: [3, 4] }],
      };
      return json(report);
    });
    render('/cases/import');
    const input = await screen.findByTestId('htcds-file');
    fireEvent.change(input, { target: { files: [new File(['x'], 'cases.xlsx')] } });
    expect(screen.getByTestId('htcds-import').hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByTestId('htcds-check'));
    const problem = await screen.findByTestId('htcds-problem');
    expect(problem.textContent).toContain('4');
    expect(problem.textContent).toContain('Y vic_TypeOfExploitation');
    expect(screen.getByTestId('htcds-rejected')).toBeTruthy();
    expect(screen.getByTestId('htcds-import').hasAttribute('disabled')).toBe(true);

    reject = false;
    fireEvent.click(screen.getByTestId('htcds-check'));
    const report = await screen.findByTestId('htcds-report');
    expect(report.getAttribute('data-dry-run')).toBe('true');
    expect(screen.getByTestId('htcds-created').textContent).toBe('2');
    expect(screen.queryByTestId('htcds-problem')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('htcds-import').hasAttribute('disabled')).toBe(false));
    fireEvent.click(screen.getByTestId('htcds-import'));
    await waitFor(() => expect(screen.getByTestId('htcds-report').getAttribute('data-dry-run')).toBe('false'));
    expect(
      within(screen.getByTestId('htcds-opened'))
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/cases/01900000-0000-7000-8000-000000000c01', '/cases/01900000-0000-7000-8000-000000000c02']);
    expect(asked).toEqual(['POST /api/cases/import?dryRun=true', 'POST /api/cases/import?dryRun=true', 'POST /api/cases/import?dryRun=false']);
  });
});
