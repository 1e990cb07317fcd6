import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '@hifazat/contract';
import { OrganizationForm } from '../features/organizations/OrganizationForm';
import { answerApi, json } from '../test/setup';
import { renderWithProviders, testQueryClient } from '../test/render';
import { keys } from './queries';

const admin: User = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'admin@example.org',
  name: 'Admin',
  role: 'admin',
  countries: null,
  active: true,
  secondFactorEnrolled: false,
  organizationId: null,
  provinces: null,
  justiceAccess: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('a form whose schema has not arrived yet', () => {
  it('waits for it on submit, then checks the values and sends nothing that is wrong', async () => {
    const sent: string[] = [];
    answerApi((path) => {
      sent.push(path);
      return json({});
    });
    const queryClient = testQueryClient();
    queryClient.setQueryData(keys.me, admin);
    renderWithProviders(<OrganizationForm onSaved={() => {}} onCancel={() => {}} />, { queryClient });
    // Submitted at once, in this file's fresh module state: the schemas' chunk is still on its way.
    fireEvent.input(screen.getByTestId('organization-form-acronym'), { target: { value: 'X'.repeat(41) } });
    fireEvent.click(screen.getByTestId('organization-form-submit'));
    expect(await screen.findByText('At most 40 characters', undefined, { timeout: 15_000 })).toBeTruthy();
    expect(sent).toEqual([]);
  });
});
