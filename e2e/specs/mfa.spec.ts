import { expect, test, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { E2E_ADMIN } from '../playwright.config';

// Issue 12: the case roles sign in with a second factor. A data officer enrols at the first sign-in
// (reading the key from the page, as a person would type it into an app), signs out, and signs in
// again with a code; then the same on a phone in Urdu.
const PASSWORD = 'officer-password-2026';
const OFFICER = { email: 'e2e.officer@hifazat.example', password: PASSWORD };
const OFFICER_UR = { email: 'e2e.officer.ur@hifazat.example', password: PASSWORD };

/** The code an authenticator app would show now (`ahead` steps later: the enrolment used this step's). */
const codeOf = (secret: string, ahead = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + ahead * 30_000 });

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  for (const [account, name] of [
    [OFFICER, 'E2E Data Officer'],
    [OFFICER_UR, 'E2E Urdu Officer'],
  ] as const) {
    const created = await request.post('/api/users', { data: { ...account, name, role: 'data_officer', countries: ['PK'] } });
    expect(created.status(), await created.text()).toBe(201);
  }
});

async function signInWithPassword(page: Page, account: { email: string; password: string }) {
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

/** Enrols from the page: the key shown as text, a code of it, then the recovery codes once. Answers the key. */
async function enrol(page: Page): Promise<{ secret: string; recoveryCodes: string[] }> {
  await expect(page.getByTestId('mfa-enrol')).toBeVisible();
  await expect(page.getByTestId('mfa-qr')).toBeVisible();
  // The key as a person reads it off the screen (groups of four), spaces removed.
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByTestId('mfa-code').fill(codeOf(secret));
  await page.getByTestId('mfa-confirm').click();
  await expect(page.getByTestId('mfa-recovery')).toBeVisible();
  const recoveryCodes = await page.getByTestId('mfa-recovery-codes').locator('code').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await page.getByTestId('mfa-saved').click();
  return { secret, recoveryCodes };
}

async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await expect(page.getByTestId('login-email')).toBeVisible();
}

test('a data officer enrols at the first sign-in, signs out, and signs in again with a code; the register stays closed', async ({ page }) => {
  await page.goto('/');
  await signInWithPassword(page, OFFICER);
  const { secret } = await enrol(page);

  // Signed in: the case roles' home page (a new case, the case files, the screening aid), and no training register in the menu.
  await expect(page.getByTestId('case-home')).toContainText('Case files');
  await expect(page.getByTestId('case-home-new')).toBeVisible();
  await expect(page.getByTestId('nav-events')).toHaveCount(0);
  expect((await page.request.get('/api/events')).status()).toBe(403);

  await signOut(page);
  await signInWithPassword(page, OFFICER);
  await expect(page.getByTestId('mfa-verify')).toBeVisible();
  // Before the code, the half session reaches nothing.
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  await page.getByTestId('mfa-code').fill(codeOf(secret, 1));
  await page.getByTestId('mfa-verify-submit').click();
  await expect(page.getByTestId('case-home')).toBeVisible();
  expect((await page.request.get('/api/auth/me')).status()).toBe(200);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('in Urdu: enrolment, sign-out, and a recovery code at the next sign-in, nothing wider than the screen', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await signInWithPassword(page, OFFICER_UR);
    await expect(page.getByTestId('mfa-enrol')).toContainText('اپنا دوسرا مرحلہ ترتیب دیں');
    await page.evaluate(() => document.fonts.ready);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: testInfo.outputPath('mfa-enrol-phone-ur.png'), fullPage: true });
    const { recoveryCodes } = await enrol(page);
    await expect(page.getByTestId('case-home')).toContainText('کیس فائلیں');

    // The menu folds behind the burger; sign out from the account menu.
    await signOut(page);
    await signInWithPassword(page, OFFICER_UR);
    await expect(page.getByTestId('mfa-verify')).toContainText('اپنا کوڈ درج کریں');
    await page.getByTestId('mfa-toggle-recovery').click();
    await page.getByTestId('mfa-code').fill(recoveryCodes[0] ?? '');
    await page.getByTestId('mfa-verify-submit').click();
    await expect(page.getByTestId('case-home')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
  });
});
