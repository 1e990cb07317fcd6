import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

async function signIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

test('a new user changes their own password from the account menu, in Urdu on a phone; the old password stops working', async ({ browser }, testInfo) => {
  const admin = await browser.newPage();
  await signIn(admin, E2E_ADMIN.email, E2E_ADMIN.password);
  await admin.getByTestId('nav-users').click();
  await admin.getByTestId('user-create').click();
  await admin.getByTestId('user-form-email').fill('e2e.changer@hifazat.example');
  await admin.getByTestId('user-form-name').fill('Password Changer');
  await admin.getByTestId('user-form-password').fill('first password 2026');
  await admin.getByTestId('user-form-submit').click();
  await expect(admin.getByText('e2e.changer@hifazat.example')).toBeVisible();
  await admin.close();

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await phone.newPage();
  await signIn(page, 'e2e.changer@hifazat.example', 'first password 2026');
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('user-menu').click();
  // The menu loads at this first click: its dropdown must open under its button, not at a corner.
  await expect(page.getByTestId('change-password')).toBeVisible();
  const button = await page.getByTestId('user-menu').boundingBox();
  const item = await page.getByTestId('change-password').boundingBox();
  expect(button && item && item.y >= button.y + button.height - 1 && item.y < button.y + button.height + 120).toBe(true);
  expect(button && item && item.x < button.x + button.width + 40 && item.x + item.width > button.x - 40).toBe(true);
  await page.getByTestId('change-password').click();
  await expect(page.getByRole('dialog')).toContainText('پاس ورڈ تبدیل کریں');
  await expect(page.getByTestId('change-password-current')).toBeFocused();

  // A wrong current password is refused, in Urdu, next to the field.
  await page.getByTestId('change-password-current').fill('not my password');
  await page.getByTestId('change-password-new').fill('second password 2026');
  await page.getByTestId('change-password-submit').click();
  await expect(page.getByTestId('change-password-form')).toContainText('موجودہ پاس ورڈ درست نہیں');

  await page.getByTestId('change-password-current').fill('first password 2026');
  await page.getByTestId('change-password-submit').click();
  await expect(page.getByTestId('change-password-form')).toHaveCount(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: testInfo.outputPath('password-changed-ur-phone.png') });

  // Still signed in here; the old password no longer opens the account, the new one does.
  await page.reload();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await phone.close();
  const later = await browser.newPage();
  await signIn(later, 'e2e.changer@hifazat.example', 'first password 2026');
  await expect(later.getByTestId('login-error')).toHaveAttribute('data-status', '401');
  await later.getByTestId('login-password').fill('second password 2026');
  await later.getByTestId('login-submit').click();
  await expect(later.getByTestId('user-menu')).toBeVisible();
  await later.close();
});
