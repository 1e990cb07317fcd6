import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { zCreatePersonBody, type User } from '@hifazat/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { OrganizationForm } from '../features/organizations/OrganizationForm';
import { PersonForm } from '../features/people/PersonForm';
import { ApiClientError } from './api';
import { i18n } from '../i18n';
import { answerApi, json } from '../test/setup';
import { renderWithProviders, testQueryClient } from '../test/render';
import { keys } from './queries';
import { loadFormSchemas, zodResolver } from './forms';

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

function renderOrganizationForm() {
  const queryClient = testQueryClient();
  queryClient.setQueryData(keys.me, admin);
  renderWithProviders(<OrganizationForm onSaved={() => {}} onCancel={() => {}} />, { queryClient });
}

// An input event, as typing makes in a browser (Preact's onChange listens to it, as React's does).
const fill = (testId: string, value: string) => fireEvent.input(screen.getByTestId(testId), { target: { value } });
const submit = () => fireEvent.click(screen.getByTestId('organization-form-submit'));

describe('forms on the contract schemas', () => {
  // The schemas' chunk arrives after a form draws; here it is fetched first (forms.lazy.test.tsx
  // covers a submit made before it has arrived).
  beforeAll(async () => {
    await loadFormSchemas();
  });

  it('shows the schema’s problems under their fields, in the reader’s language, and sends nothing', async () => {
    const sent: string[] = [];
    answerApi((path) => {
      sent.push(path);
      return json({});
    });
    renderOrganizationForm();
    fill('organization-form-acronym', 'X'.repeat(41));
    submit();
    expect(await screen.findByText('Please fill in this field')).toBeTruthy();
    expect(screen.getByText('At most 40 characters')).toBeTruthy();
    expect(sent).toEqual([]);
  });

  it('puts the server’s field errors under their fields, with the alert above the form', async () => {
    answerApi(() =>
      json(
        {
          error: {
            code: 'validation_failed',
            message: 'Please check the highlighted fields',
            details: [{ path: 'name', message: 'An organisation of this name exists already' }],
          },
        },
        400,
      ),
    );
    renderOrganizationForm();
    fill('organization-form-name', 'Federal Investigation Agency');
    submit();
    expect(await screen.findByText('An organisation of this name exists already')).toBeTruthy();
    expect(screen.getByTestId('organization-form-error')).toBeTruthy();
    // Typing in the field clears its error.
    fill('organization-form-name', 'Federal Investigation Agency (FIA)');
    await waitFor(() => expect(screen.queryByText('An organisation of this name exists already')).toBeNull());
  });

  it('translates zod’s issues: required, email, the phone rule, a year out of range', async () => {
    const resolve = zodResolver(zCreatePersonBody, (v: Record<string, unknown>) => v, i18n.t);
    expect(resolve({ fullName: ' ', sex: 'female', email: 'not-an-email', phone: 'call me', birthYear: 1800 })).toEqual({
      fullName: 'Please fill in this field',
      email: 'An email address looks like name@example.org',
      phone: 'A phone number has digits, spaces and + - ( ) only',
      birthYear: 'At least 1900',
    });
    await i18n.changeLanguage('ur');
    try {
      expect(resolve({ fullName: '', sex: 'female' })).toEqual({ fullName: 'براہِ کرم یہ خانہ پُر کریں' });
    } finally {
      await i18n.changeLanguage('en');
    }
  });

  it('a new person’s sex must be chosen: nothing is assumed "not recorded", nothing is sent', async () => {
    const sent: string[] = [];
    answerApi((path) => {
      sent.push(path);
      return json({ items: [], nextCursor: null });
    });
    const queryClient = testQueryClient();
    queryClient.setQueryData(keys.me, admin);
    renderWithProviders(<PersonForm onSaved={() => {}} />, { queryClient });
    fill('person-form-fullName', 'Sana Malik');
    fireEvent.click(screen.getByTestId('person-form-submit'));
    expect(await screen.findByText('Please fill in this field')).toBeTruthy();
    expect(sent.filter((path) => path.includes('/api/people'))).toEqual([]);
  });
});

describe('an error that never reached the server', () => {
  it('is explained in the reader’s language, without the browser’s English "Failed to fetch"', async () => {
    await i18n.changeLanguage('ur');
    try {
      renderWithProviders(<ErrorAlert error={new ApiClientError(0, 'network_error', 'Failed to fetch')} />);
      const alert = screen.getByTestId('error-alert');
      expect(alert.textContent).toContain('سرور سے رابطہ نہیں ہو سکا');
      expect(alert.textContent).toContain('کچھ محفوظ نہیں ہوا');
      expect(alert.textContent).not.toContain('Failed to fetch');
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
