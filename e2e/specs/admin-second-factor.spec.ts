import { expect, request as apiRequest, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { E2E_ADMIN } from '../playwright.config';

// Issue 12: an administrator reads a victim's case file only through break-glass, and breaking the
// glass needs a second factor. An administrator enrols one from the account menu; from then on every
// sign-in asks for a code.
const ADMIN = { email: 'e2e.admin.mfa@hifazat.example', password: 'admin-password-2026' };
const codeOf = (secret: string, ahead = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + ahead * 30_000 });

const OFFICER = { email: 'e2e.glass.officer@hifazat.example', password: 'officer-password-2026' };
let caseId = '';

test.beforeAll(async ({ request, baseURL }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const created = await request.post('/api/users', { data: { ...ADMIN, name: 'E2E Second Administrator', role: 'admin' } });
  expect(created.status(), await created.text()).toBe(201);
  // A case the administrator has no scope over: opened by a data officer of an agency (who enrols first).
  const agency = await request.post('/api/organizations', {
    data: { name: `Punjab Police AHTU ${Date.now().toString(36)}`, type: 'law_enforcement', countryCode: 'PK' },
  });
  const organizationId = ((await agency.json()) as { id: string }).id;
  const officerAccount = await request.post('/api/users', {
    data: { ...OFFICER, name: 'E2E Glass Officer', role: 'data_officer', countries: ['PK'], organizationId },
  });
  expect(officerAccount.status(), await officerAccount.text()).toBe(201);
  const officer = await apiRequest.newContext({ baseURL });
  expect((await officer.post('/api/auth/login', { data: OFFICER })).status()).toBe(200);
  const { secret } = (await (await officer.post('/api/auth/mfa/setup')).json()) as { secret: string };
  expect((await officer.post('/api/auth/mfa/confirm', { data: { code: codeOf(secret) } })).status()).toBe(200);
  const opened = await officer.post('/api/cases', {
    data: { countryCode: 'PK', province: 'Punjab', victim: { fullName: 'Sadia Noreen', sex: 'female', estimatedAge: 22 } },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  caseId = ((await opened.json()) as { id: string }).id;
  await officer.dispose();
});

test('an administrator sets up two-step sign-in from the account menu, the next sign-in asks for a code, and the glass then opens', async ({ page }) => {
  // Two sign-ins and an enrolment: past the default minute when the machine is busy.
  test.setTimeout(150_000);
  await page.goto('/');
  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').click();
  await page.getByTestId('own-second-factor').click();
  await expect(page.getByTestId('mfa-qr')).toBeVisible();
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
  await page.getByTestId('mfa-code').fill(codeOf(secret));
  await page.getByTestId('mfa-confirm').click();
  await expect(page.getByTestId('mfa-recovery-codes').locator('code')).toHaveCount(10);
  await page.getByTestId('mfa-saved').click();
  // Enrolled: the menu no longer offers it.
  await page.getByTestId('user-menu').click();
  await expect(page.getByTestId('change-password')).toBeVisible();
  await expect(page.getByTestId('own-second-factor')).toHaveCount(0);
  await page.getByTestId('sign-out').click();

  await page.getByTestId('login-email').fill(ADMIN.email);
  await page.getByTestId('login-password').fill(ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('mfa-verify')).toBeVisible();
  expect((await page.request.get('/api/users')).status()).toBe(401);
  await page.getByTestId('mfa-code').fill(codeOf(secret, 1));
  await page.getByTestId('mfa-verify-submit').click();
  await expect(page.getByTestId('nav-events')).toBeVisible();
  expect((await page.request.get('/api/users')).status()).toBe(200);

  // With the second factor, the glass opens: the reason, then the case with its banner, flagged for review.
  await page.goto(`/cases/${caseId}`);
  await page.getByTestId('break-glass-reason').fill('The shelter called at night about this person; the supervisor cannot be reached');
  await page.getByTestId('break-glass-submit').click();
  await expect(page.getByTestId('case-break-glass-banner')).toBeVisible();
  await expect(page.getByText('Sadia Noreen').first()).toBeVisible();
  const review = (await (await page.request.get('/api/break-glass?reviewed=false')).json()) as { items: Array<{ caseId: string }> };
  expect(review.items.map((g) => g.caseId)).toContain(caseId);
});
