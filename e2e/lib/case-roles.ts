import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';

// Signing the case roles in (they need a second factor): shared by the case, workflow and referral specs.

export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** A TOTP code of the secret, `ahead` time steps later (the enrolment used the current one). */
export const codeOf = (secret: string, ahead = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + ahead * 30_000 });

export async function ok(response: Awaited<ReturnType<APIRequestContext['post']>>, status = 201) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json() as Promise<Record<string, unknown>>;
}

/** Signs a case role in for the first time through the API and enrols its second factor: its secret. */
export async function enrol(request: APIRequestContext, account: { email: string; password: string }): Promise<string> {
  expect((await ok(await request.post('/api/auth/login', { data: account }), 200)).mfa).toBe('setup_required');
  const { secret } = (await ok(await request.post('/api/auth/mfa/setup'), 200)) as { secret: string };
  await ok(await request.post('/api/auth/mfa/confirm', { data: { code: codeOf(secret) } }), 200);
  return secret;
}

/** Signs an enrolled case role in through the sign-in page, with a code of a later time step. */
export async function signIn(page: Page, account: { email: string; password: string }, secret: string) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('mfa-verify')).toBeVisible();
  await page.getByTestId('mfa-code').fill(codeOf(secret, 1));
  await page.getByTestId('mfa-verify-submit').click();
  await expect(page.getByTestId('case-home')).toBeVisible();
}

/** Nothing wider than the phone's screen. */
export async function fitsThePhone(page: Page, width = 390) {
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** Moves the case on its Workflow tab (open) and waits for the step to show. */
export async function moveCaseTo(page: Page, to: string) {
  await page.getByTestId(`case-move-${to}`).click();
  await expect(page.getByTestId('case-workflow')).toHaveAttribute('data-status', to);
}
