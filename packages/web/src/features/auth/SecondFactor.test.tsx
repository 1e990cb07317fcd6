import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import DashboardPage from '../dashboard/DashboardPage';
import { keys } from '../../lib/queries';
import { testQueryClient } from '../../test/render';
import SecondFactor from './SecondFactor';

const OFFICER: User = {
  id: '01900000-0000-7000-8000-000000000009',
  email: 'officer@example.org',
  name: 'Data Officer',
  role: 'data_officer',
  countries: ['PK'],
  active: true,
  secondFactorEnrolled: true,
  organizationId: null,
  provinces: null,
  justiceAccess: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const CODES = ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2', 'k7mq-2xpt-9wde'];

type Call = { path: string; method: string; body: unknown };

/** Answers the second-factor routes; `codeOk` decides whether a code is taken. */
function serve(codeOk: (code: string) => boolean) {
  const calls: Call[] = [];
  answerApi((path, init) => {
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : null;
    calls.push({ path, method: init?.method ?? 'GET', body });
    const code = (body as { code?: string } | null)?.code ?? '';
    if (path === '/api/auth/mfa/setup')
      return json({ secret: SECRET, otpauthUrl: `otpauth://totp/Hifazat:officer%40example.org?secret=${SECRET}&issuer=Hifazat` });
    if (path === '/api/auth/mfa/confirm') {
      return codeOk(code) ? json({ recoveryCodes: CODES }) : json({ error: { code: 'validation_failed', message: 'The code is not right', details: [] } }, 400);
    }
    if (path === '/api/auth/mfa/verify') {
      if (code === 'late') return json({ error: { code: 'unauthorized', message: 'Sign in first', details: [] } }, 401);
      return codeOk(code) ? json({ user: OFFICER }) : json({ error: { code: 'validation_failed', message: 'The code is not right', details: [] } }, 400);
    }
    return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
  });
  return calls;
}

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('enrolment at the first sign-in', () => {
  it('shows the QR code and the key once, takes a code, then the recovery codes once until "I have saved them"', async () => {
    const calls = serve((code) => code === '123456');
    const onDone = vi.fn();
    renderWithProviders(<SecondFactor state="setup_required" onDone={onDone} onRestart={() => undefined} />);
    // The key as text for typing in, grouped by four, and the QR code of the otpauth address.
    const secret = await screen.findByTestId('mfa-secret');
    expect(secret.getAttribute('data-secret')).toBe(SECRET);
    expect(secret.textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(await screen.findByTestId('mfa-qr')).toBeTruthy();
    // One setup call only, even under strict mode's double effects.
    expect(calls.filter((c) => c.path === '/api/auth/mfa/setup')).toHaveLength(1);

    fireEvent.input(screen.getByTestId('mfa-code'), { target: { value: '999999' } });
    fireEvent.click(screen.getByTestId('mfa-confirm'));
    expect((await screen.findByTestId('mfa-error')).textContent).toContain('not right');

    fireEvent.input(screen.getByTestId('mfa-code'), { target: { value: ' 123456 ' } });
    fireEvent.click(screen.getByTestId('mfa-confirm'));
    const list = await screen.findByTestId('mfa-recovery-codes');
    for (const code of CODES) expect(list.textContent).toContain(code);
    expect(calls.find((c) => c.path === '/api/auth/mfa/confirm' && (c.body as { code: string }).code === '123456')).toBeTruthy();
    expect(onDone).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('mfa-saved'));
    expect(onDone).toHaveBeenCalledWith(null);
  });

  it('reads in Urdu, right to left, with the key and codes kept left to right', async () => {
    await i18n.changeLanguage('ur');
    serve(() => true);
    renderWithProviders(<SecondFactor state="setup_required" onDone={() => undefined} onRestart={() => undefined} />);
    expect(await screen.findByText('اپنا دوسرا مرحلہ ترتیب دیں')).toBeTruthy();
    const secret = await screen.findByTestId('mfa-secret');
    expect(secret.getAttribute('dir')).toBe('ltr');
    expect(screen.getByTestId('mfa-confirm').textContent).toBe('تصدیق کریں');
  });
});

describe('the code at later sign-ins', () => {
  it('takes a code of the app and hands back the user', async () => {
    serve((code) => code === '654321');
    const onDone = vi.fn();
    renderWithProviders(<SecondFactor state="required" onDone={onDone} onRestart={() => undefined} />);
    fireEvent.input(await screen.findByTestId('mfa-code'), { target: { value: '654321' } });
    fireEvent.click(screen.getByTestId('mfa-verify-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(OFFICER));
  });

  it('"use a recovery code" switches the field, and a recovery code goes to the same route', async () => {
    const calls = serve((code) => code === 'abcd-efgh-jkmn');
    const onDone = vi.fn();
    renderWithProviders(<SecondFactor state="required" onDone={onDone} onRestart={() => undefined} />);
    fireEvent.click(await screen.findByTestId('mfa-toggle-recovery'));
    expect(screen.getByText('Recovery code')).toBeTruthy();
    expect(screen.getByTestId('mfa-code').getAttribute('inputmode')).toBe('text');
    fireEvent.input(screen.getByTestId('mfa-code'), { target: { value: 'abcd-efgh-jkmn' } });
    fireEvent.click(screen.getByTestId('mfa-verify-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(OFFICER));
    expect(calls.filter((c) => c.path === '/api/auth/mfa/verify').map((c) => c.body)).toEqual([{ code: 'abcd-efgh-jkmn' }]);
  });

  it('a half session that ran out offers to sign in again', async () => {
    serve(() => false);
    const onRestart = vi.fn();
    renderWithProviders(<SecondFactor state="required" onDone={() => undefined} onRestart={onRestart} />);
    fireEvent.input(await screen.findByTestId('mfa-code'), { target: { value: 'late' } });
    fireEvent.click(screen.getByTestId('mfa-verify-submit'));
    expect((await screen.findByTestId('mfa-error')).textContent).toContain('took too long');
    fireEvent.click(screen.getByTestId('mfa-restart'));
    expect(onRestart).toHaveBeenCalled();
  });
});

describe('the home page of a case role', () => {
  function renderHome(user: User) {
    const asked: string[] = [];
    answerApi((path) => {
      asked.push(path);
      return json({ error: { code: 'forbidden', message: path, details: [] } }, 403);
    });
    const queryClient = testQueryClient();
    queryClient.setQueryData(keys.me, user);
    renderWithProviders(<DashboardPage />, { queryClient });
    return asked;
  }

  it('takes a data officer to a new case, the case files and the screening aid, in English and Urdu, asking nothing of the register', async () => {
    const asked = renderHome(OFFICER);
    expect((await screen.findByTestId('case-home-new')).getAttribute('href')).toBe('/cases/new');
    expect(screen.getByTestId('case-home-list').getAttribute('href')).toBe('/cases');
    expect(screen.getByTestId('case-home-screening-aid').getAttribute('href')).toBe('/screening-aid');
    expect(screen.getByText('Welcome, Data Officer')).toBeTruthy();
    await i18n.changeLanguage('ur');
    expect((await screen.findByTestId('case-home-new')).textContent).toBe('نیا کیس');
    await i18n.changeLanguage('en');
    // Only the officer's own overdue tasks: nothing of the training register.
    expect([...new Set(asked)]).toEqual(['/api/case-tasks/overdue']);
  });

  it('offers a supervisor the case files but no new case; a service provider its own services to update', async () => {
    renderHome({ ...OFFICER, role: 'supervisor', name: 'Supervisor' });
    expect((await screen.findByTestId('case-home-list')).getAttribute('href')).toBe('/cases');
    expect(screen.queryByTestId('case-home-new')).toBeNull();
    cleanup();
    renderHome({ ...OFFICER, role: 'service_provider', name: 'Shelter' });
    expect((await screen.findByTestId('case-home-services-link')).getAttribute('href')).toBe('/services?mine=true');
    expect(screen.queryByTestId('case-home-list')).toBeNull();
  });
});
