import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

const VIEWER = { email: 'e2e.viewer@hifazat.example', password: 'viewer-password-2026' };

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const created = await request.post('/api/users', { data: { ...VIEWER, name: 'E2E Viewer', role: 'viewer' } });
  expect([201, 409]).toContain(created.status());
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a viewer signs in, reads in Urdu right to left, navigates by the menu and is offered no write controls', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByTestId('login-email').fill(VIEWER.email);
    await page.getByTestId('login-password').fill(VIEWER.password);
    await page.getByTestId('login-submit').click();

    // The navigation folds behind the burger on a phone.
    await expect(page.getByTestId('nav-burger')).toBeVisible();
    await page.getByTestId('nav-burger').click();
    await page.getByTestId('nav-events').click();
    await expect(page).toHaveURL(/\/events/);
    await expect(page.getByTestId('page-title')).toHaveText('تقریبات');
    await expect(page.getByTestId('event-create')).toHaveCount(0);

    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: testInfo.outputPath('events-phone-ur.png'), fullPage: true });
  });
});

test('a wrong password is refused with a message and no session', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toHaveAttribute('data-status', '401');
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});
