import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 12: the screening aid's rules are versioned legal data an administrator edits. From the rules
// page, an administrator copies Pakistan's version, confirms a provision against the statute and
// corrects its penalty, dates it ahead, and adds it; the old version stays in force until that day.

test('an administrator adds a new version of the rules as an edited copy, in Urdu on a phone', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav-events')).toBeAttached();

  await page.goto('/screening-aid/rules');
  await page.getByTestId('rules-version-PK-2018.1').getByRole('button').first().click();
  await page.getByTestId('rules-new-version').click();
  await expect(page.getByTestId('rules-editor-id')).toHaveValue(/^PK-\d{4}\.1$/);
  const id = `PK-2099.${Date.now() % 100000}`;
  await page.getByTestId('rules-editor-id').fill(id);
  await page.getByTestId('rules-editor-effective').fill('2099-01-01');
  await page.getByTestId('rules-editor-effective').press('Tab');
  const provision = page.locator('[data-testid^="rules-editor-provision-"]').first();
  const confirmed = provision.locator('[data-testid^="rules-editor-confirmed-"]');
  const wasConfirmed = await confirmed.isChecked();
  await confirmed.click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(391);
  await page.getByTestId('rules-editor-save').click();

  // Back on the list: the new version, not in force before its day.
  await expect(page.getByTestId(`rules-version-${id}`)).toBeVisible();
  await expect(page.getByTestId(`rules-version-${id}`).locator('.mantine-Badge-root')).toHaveCount(0);
  await expect(page.getByTestId('rules-version-PK-2018.1').locator('.mantine-Badge-root')).toHaveCount(1);
  const stored = await page.request.get(`/api/screening-rules/${id}`);
  expect(stored.status()).toBe(200);
  const body = (await stored.json()) as {
    basedOn: string;
    effectiveFrom: string;
    content: { instruments: Array<{ provisions: Array<{ confirmed: boolean }> }> };
  };
  expect(body.basedOn).toBe('PK-2018.1');
  expect(body.effectiveFrom).toBe('2099-01-01');
  expect(body.content.instruments[0]?.provisions[0]?.confirmed).toBe(!wasConfirmed);
  await context.close();
});
