import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

test('an administrator sees what the installation needs and makes a backup from the System page, in English and Urdu', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav-system').click();
  await expect(page.getByTestId('page-title')).toHaveText('System');
  await expect(page.getByTestId('system-ready')).toHaveText(/ready/i);
  // The e2e server runs without BACKUP_PASSPHRASE: the page says so, with what to do.
  await expect(page.getByTestId('attention-backups_unencrypted')).toContainText('BACKUP_PASSPHRASE');

  const before = await page.getByTestId('backup-row').count();
  const made = page.waitForResponse((r) => r.url().endsWith('/api/system/backups') && r.request().method() === 'POST');
  await page.getByTestId('backup-now').click();
  const answer = await made;
  expect(answer.status()).toBe(201);
  const { name } = (await answer.json()) as { name: string };
  expect(name).toMatch(/^hifazat-manual-\d{8}T\d{6}Z\.hzb$/);
  await expect(page.getByTestId('backup-row').filter({ hasText: name })).toHaveCount(1);
  expect(await page.getByTestId('backup-row').count()).toBe(before + 1);
  await expect(page.getByTestId('attention-no_backup_yet')).toHaveCount(0);

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('page-title')).toHaveText('سسٹم');
  await expect(page.getByTestId('attention-backups_unencrypted')).toContainText('بیک اپ خفیہ نہیں ہیں');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: testInfo.outputPath('system-ur.png'), fullPage: true });
});
