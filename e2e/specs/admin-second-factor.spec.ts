import { expect, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { E2E_ADMIN } from '../playwright.config';

// Issue 12: an administrator reads a victim's case file only through break-glass, and breaking the
// glass needs a second factor. An administrator enrols one from the account menu; from then on every
// sign-in asks for a code.
const ADMIN = { email: 'e2e.admin.mfa@hifazat.example', password: 'admin-password-2026' };
const codeOf = (secret: string, ahead = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + ahead * 30_000 });

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const created = await request.post('/api/users', { data: { ...ADMIN, name: 'E2E Second Administrator', role: 'admin' } });
  expect(created.status(), await created.text()).toBe(201);
});

test('an administrator sets up two-step sign-in from the account menu, and the next sign-in asks for a code', async ({ page }) => {
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
});
