import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 12, the screening aid in a workshop: a trainer answers a case study on a phone, in English and in
// Urdu, and sees the suggestion, the elements with the answers that support them, each law's reading and
// the legal basis with its texts. Nothing is stored.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav-events')).toBeAttached();
}

async function answer(page: Page, answers: Record<string, 'yes' | 'no' | 'unknown' | 'declined'>) {
  for (const [id, value] of Object.entries(answers)) {
    const button = page.getByTestId(`q-${id}-${value}`);
    await button.scrollIntoViewIfNeeded();
    await button.tap();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
  }
}

async function fitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(391);
}

test('case study in English on a phone: smuggled, then held by a debt and made to work → both, FIA', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE });
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'en'));
  const page = await context.newPage();
  await signIn(page);
  await page.goto('/screening-aid');
  await expect(page.getByTestId('screening-disclaimer')).toContainText('nothing is stored');
  await expect(page.getByTestId('screening-start')).toBeVisible();

  await page.getByTestId('screening-age').fill('22');
  await answer(page, {
    border_crossed: 'yes',
    entry_false_documents: 'yes',
    facilitation_arranged: 'yes',
    benefit_paid: 'yes',
    act_harboured: 'yes',
    means_debt_documents: 'yes',
    purpose_labour: 'yes',
  });
  await page.getByTestId('screening-result').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('screening-suggestion')).toHaveText('Possible victim of trafficking and smuggled migrant');
  for (const element of ['act', 'means', 'purpose', 'irregularEntry', 'facilitation', 'benefit']) {
    await expect(page.getByTestId(`element-${element}`)).toHaveAttribute('data-status', 'met');
  }
  await expect(page.getByTestId('element-means-support')).toContainText('held by a debt');
  await expect(page.getByTestId('evaluation-PK-PTPA')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('evaluation-UN-SOM')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('screening-agency-name')).toHaveText('FIA — Anti-Human Trafficking Circle');
  await expect(page.getByTestId('screening-rules-version')).toContainText('PK-2018.1');

  // The legal basis: a provision opens to its text; the national law's are marked unconfirmed.
  await expect(page.getByTestId('provision-PTPA-3-1-unconfirmed')).toHaveText('unconfirmed');
  await page.getByTestId('provision-PTPA-3-1').getByRole('button').tap();
  await expect(page.getByTestId('provision-PTPA-3-1-text')).toContainText('recruits, harbours, transports, provides or obtains');
  await page.getByTestId('provision-SOM-3a').getByRole('button').tap();
  await expect(page.getByTestId('provision-SOM-3a-text')).toContainText('financial or other material benefit');
  await fitsThePhone(page);
  await context.close();
});

test('case study in Urdu on a phone: an unaccompanied 14-year-old moved for work without any means → emergency first, tip under the Protocol only', async ({
  browser,
}) => {
  const context = await browser.newContext({ ...PHONE });
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  const page = await context.newPage();
  await signIn(page);
  await page.goto('/screening-aid');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('page-title')).toHaveText('اسکریننگ معاون');

  await page.getByTestId('screening-age').fill('14');
  await answer(page, {
    emergency_unaccompanied_child: 'yes',
    act_transported: 'yes',
    purpose_labour: 'yes',
    means_force: 'no',
    means_threats: 'no',
    means_deception: 'no',
    means_abduction: 'no',
    means_debt_documents: 'no',
    means_vulnerability: 'no',
    means_payment_to_controller: 'no',
    border_crossed: 'no',
    entry_without_requirements: 'no',
    entry_false_documents: 'no',
  });
  await page.getByTestId('screening-result').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('screening-emergency')).toContainText('پہلے ہنگامی ریفرل');
  await expect(page.getByTestId('screening-emergency')).toContainText('اکیلا بچہ');
  await expect(page.getByTestId('screening-suggestion')).toHaveText('ممکنہ طور پر انسانی تجارت کا شکار');
  await expect(page.getByTestId('element-means')).toContainText('ضروری نہیں — بچہ');
  await expect(page.getByTestId('element-act')).toHaveAttribute('data-status', 'met');
  await expect(page.getByTestId('element-irregularEntry')).toHaveAttribute('data-status', 'notMet');
  // The Protocol and the national law side by side: met under one, not under the other.
  await expect(page.getByTestId('evaluation-UN-TIP')).toHaveAttribute('data-met', 'true');
  await expect(page.getByTestId('evaluation-PK-PTPA')).toHaveAttribute('data-met', 'false');
  await expect(page.getByTestId('evaluation-PK-PTPA')).toContainText('یہ تشریح بچے کے لیے بھی ذرائع مانگتی ہے۔');
  await expect(page.getByTestId('screening-differs')).toBeVisible();
  await expect(page.getByTestId('screening-agency-name')).toHaveText('صوبائی پولیس');
  await page.getByTestId('provision-TIP-3c').getByRole('button').tap();
  await expect(page.getByTestId('provision-TIP-3c-text')).toContainText('even if this does not involve any of the means');
  await expect(page.getByTestId('provision-TIP-3c')).toContainText('بچے کے معاملے میں عمل اور استحصال کا مقصد کافی ہیں۔');
  await fitsThePhone(page);
  await context.close();
});
