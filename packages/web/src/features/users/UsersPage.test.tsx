import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Organization, User, UserListItem } from '@hifazat/contract';
import { keys } from '../../lib/queries';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders, testQueryClient } from '../../test/render';
import UsersPage from './UsersPage';

const FIA = '0190f0a1-0000-4000-8000-0000000000a1';
const account = (id: string, role: User['role'], extra: Partial<UserListItem> = {}): UserListItem => ({
  id: `0190f0a1-0000-4000-8000-0000000000${id}`,
  email: `${role}.${id}@example.org`,
  name: `${role} ${id}`,
  role,
  countries: ['PK'],
  organizationId: null,
  organizationName: null,
  provinces: null,
  justiceAccess: false,
  active: true,
  secondFactorEnrolled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const ADMIN = account('01', 'admin', { countries: null });
const SUPERVISOR = account('02', 'supervisor');
const OFFICER = account('03', 'data_officer', { organizationId: FIA, organizationName: 'Federal Investigation Agency', provinces: ['Sindh'] });
const ANALYST = account('04', 'analyst');
const ORGANIZATION: Organization = {
  id: FIA,
  name: 'Federal Investigation Agency',
  acronym: 'FIA',
  type: 'law_enforcement',
  countryCode: 'PK',
  province: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function open() {
  const patches: Array<Record<string, unknown>> = [];
  answerApi((path, init) => {
    if (path === '/api/users') return json({ items: [ADMIN, SUPERVISOR, OFFICER, ANALYST], nextCursor: null });
    if (path.startsWith('/api/organizations')) return json({ items: [ORGANIZATION], nextCursor: null });
    if (path === `/api/users/${OFFICER.id}` && init?.method === 'PATCH') {
      const body = JSON.parse(String(init.body)) as Record<string, unknown>;
      patches.push(body);
      return json({ ...OFFICER, ...body });
    }
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, ADMIN);
  renderWithProviders(<UsersPage />, { queryClient, route: '/users' });
  return patches;
}

describe('the Users page: agencies and provinces', () => {
  it('names each case account’s agency and provinces, and warns where a data officer or supervisor has none', async () => {
    open();
    expect((await screen.findByTestId(`user-no-agency-${SUPERVISOR.id}`)).textContent).toBe('No agency: cannot open cases until an agency is set');
    const agency = screen.getByTestId(`user-agency-${OFFICER.id}`);
    expect(agency.textContent).toContain('Federal Investigation Agency');
    expect(agency.textContent).toContain('Sindh');
    // An analyst needs no agency; an administrator none at all.
    expect(screen.queryByTestId(`user-no-agency-${ANALYST.id}`)).toBeNull();
    expect(screen.queryByTestId(`user-no-agency-${ADMIN.id}`)).toBeNull();
  });

  it('edits a data officer: adds a province typed in any case, then clears the agency with the warning shown', async () => {
    const patches = open();
    fireEvent.click(await screen.findByTestId(`user-edit-${OFFICER.id}`));
    const form = await screen.findByTestId('user-form');
    await waitFor(() => expect((within(form).getByTestId('user-form-agency') as HTMLInputElement).value).toBe('Federal Investigation Agency (FIA)'));
    expect(
      within(form)
        .getAllByTestId('user-form-province')
        .map((pill) => pill.textContent),
    ).toEqual(['Sindh']);
    expect(within(form).queryByTestId('user-form-no-agency')).toBeNull();

    const provinces = within(form).getByTestId('user-form-provinces');
    // Typed (Mantine takes a change only from the focused field: autofill writes without focusing).
    provinces.focus();
    fireEvent.input(provinces, { target: { value: 'punjab' } });
    fireEvent.keyDown(provinces, { key: 'Enter' });
    await waitFor(() =>
      expect(
        within(form)
          .getAllByTestId('user-form-province')
          .map((pill) => pill.textContent),
      ).toEqual(['Sindh', 'Punjab']),
    );
    fireEvent.click(within(form).getByTestId('user-form-submit'));
    await waitFor(() => expect(patches).toHaveLength(1));
    expect(patches[0]).toMatchObject({ organizationId: FIA, provinces: ['Sindh', 'Punjab'] });

    fireEvent.click(await screen.findByTestId(`user-edit-${OFFICER.id}`));
    const again = await screen.findByTestId('user-form');
    await waitFor(() => expect((within(again).getByTestId('user-form-agency') as HTMLInputElement).value).not.toBe(''));
    // The agency's clear button (the one button of its field).
    const agencyField = within(again).getByTestId('user-form-agency').closest('.mantine-InputWrapper-root');
    fireEvent.click(agencyField?.querySelector('button') as Element);
    expect((await within(again).findByTestId('user-form-no-agency')).textContent).toBe('This account cannot open cases until an agency is set.');
    fireEvent.click(within(again).getByTestId('user-form-submit'));
    await waitFor(() => expect(patches).toHaveLength(2));
    expect(patches[1]).toMatchObject({ organizationId: null });
  });
});
