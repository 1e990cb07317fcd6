// First loads on a slow link (issue 9, "Slow links"): Chromium's own network emulation at 400 kbit/s
// each way with 400 ms latency, in a fresh browser context so that nothing comes from a cache.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

async function throttle(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  return page;
}

// The targets are 3 s (sign-in) and 5 s (dashboard); measured on a quiet machine: 3.4 s and 5.6 s
// (docs/benchmarks.md). Until the bundle work reaches them, these ceilings keep the first load from growing,
// with room for a CI machine busy with other suites.
const SIGN_IN_CEILING_S = 5;
const DASHBOARD_CEILING_S = 8;

test('on a 400 kbit/s link the sign-in page can be used within its 5 s ceiling', async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  const page = await throttle(context);
  const started = Date.now();
  await page.goto('/login', { waitUntil: 'commit' });
  const email = page.getByTestId('login-email');
  await expect(email).toBeVisible({ timeout: 30_000 });
  await expect(email).toBeEnabled();
  const seconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({ type: 'sign-in usable after (s)', description: seconds.toFixed(2) });
  console.log(`slow link: sign-in page usable after ${seconds.toFixed(2)} s`);
  expect(seconds).toBeLessThanOrEqual(SIGN_IN_CEILING_S);
  await context.close();
});

test('on a 400 kbit/s link a signed-in person sees the dashboard’s figures within its 8 s ceiling', async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  // Signed in through the API before the link is slowed: only the page's own load is timed.
  const signIn = await context.request.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(signIn.ok()).toBe(true);
  const page = await throttle(context);
  const started = Date.now();
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.getByTestId('dashboard-events')).toContainText(/\d/, { timeout: 30_000 });
  await expect(page.getByTestId('dashboard-people')).toContainText(/\d/);
  const seconds = (Date.now() - started) / 1000;
  testInfo.annotations.push({ type: 'dashboard figures after (s)', description: seconds.toFixed(2) });
  console.log(`slow link: dashboard figures after ${seconds.toFixed(2)} s`);
  expect(seconds).toBeLessThanOrEqual(DASHBOARD_CEILING_S);
  await context.close();
});
