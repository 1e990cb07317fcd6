// First loads on a slow link (issue 9, "Slow links"): Chromium's own network emulation at 400 kbit/s
// each way with 400 ms latency, in a fresh browser context so that nothing comes from a cache.
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };

async function throttle(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  return page;
}

// The targets: the sign-in page usable within 3 s, the dashboard's figures within 5 s (measured
// 2.5 s and 4.4 s with both cores busy; docs/benchmarks.md). Each is the faster of two fresh loads, so
// that a moment of a busy machine does not decide it; the bytes and round trips set the floor either way.
const SIGN_IN_TARGET_S = 3;
const DASHBOARD_TARGET_S = 5;

async function signInUsableAfter(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  const page = await throttle(context);
  const started = Date.now();
  await page.goto('/login', { waitUntil: 'commit' });
  // Checked at every frame the page draws: an assertion's retries would add up to a second of their own.
  await page.waitForFunction(
    () => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="login-email"]');
      return Boolean(input && !input.disabled && input.getClientRects().length > 0);
    },
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const seconds = (Date.now() - started) / 1000;
  const email = page.getByTestId('login-email');
  await expect(email).toBeEnabled();
  // Usable means usable: what is typed is kept, and signing in opens the app.
  await email.fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('dashboard-events')).toBeVisible({ timeout: 60_000 });
  await context.close();
  return seconds;
}

async function dashboardFiguresAfter(browser: Browser): Promise<number> {
  const context = await browser.newContext();
  // Signed in through the API before the link is slowed: only the page's own load is timed.
  const signIn = await context.request.post('/api/auth/login', { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
  expect(signIn.ok()).toBe(true);
  const page = await throttle(context);
  const started = Date.now();
  await page.goto('/', { waitUntil: 'commit' });
  await page.waitForFunction(
    () => ['dashboard-events', 'dashboard-people'].every((id) => /\d/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '')),
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  const seconds = (Date.now() - started) / 1000;
  await expect(page.getByTestId('dashboard-events')).toContainText(/\d/);
  await expect(page.getByTestId('dashboard-people')).toContainText(/\d/);
  await context.close();
  return seconds;
}

test('on a 400 kbit/s link the sign-in page can be used within 3 s', async ({ browser }, testInfo) => {
  const runs = [await signInUsableAfter(browser), await signInUsableAfter(browser)];
  const best = Math.min(...runs);
  testInfo.annotations.push({ type: 'sign-in usable after (s)', description: runs.map((s) => s.toFixed(2)).join(', ') });
  console.log(`slow link: sign-in page usable after ${runs.map((s) => s.toFixed(2)).join(' s and ')} s`);
  expect(best).toBeLessThanOrEqual(SIGN_IN_TARGET_S);
});

test('on a 400 kbit/s link a signed-in person sees the dashboard’s figures within 5 s', async ({ browser }, testInfo) => {
  const runs = [await dashboardFiguresAfter(browser), await dashboardFiguresAfter(browser)];
  const best = Math.min(...runs);
  testInfo.annotations.push({ type: 'dashboard figures after (s)', description: runs.map((s) => s.toFixed(2)).join(', ') });
  console.log(`slow link: dashboard figures after ${runs.map((s) => s.toFixed(2)).join(' s and ')} s`);
  expect(best).toBeLessThanOrEqual(DASHBOARD_TARGET_S);
});
