import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { fitsThePhone, phonePage, signInAndEnrol } from '../lib/case-roles';

// Issue 13, the service directory: on a phone, in English and in Urdu, a supervisor (second factor
// enrolled at the first sign-in) adds a shelter and names its provider account; the provider, signed
// in with its own second factor, finds its shelter from its home page, sees the confidential address,
// and updates the free beds, which the directory then shows.

const PASSWORD = 'services-e2e-2026';

type Run = { lang: 'en' | 'ur'; supervisor: string; provider: string; providerId: string; shelter: string; bedsText: RegExp };

const stamp = Date.now().toString(36);
const RUNS: Run[] = [
  {
    lang: 'en',
    supervisor: `e2e.services.sup.${stamp}@hifazat.example`,
    provider: `e2e.services.prov.${stamp}@hifazat.example`,
    providerId: '',
    shelter: `Dar-ul-Aman Lahore ${stamp}`,
    bedsText: /7 of 12 beds free/,
  },
  {
    lang: 'ur',
    supervisor: `e2e.services.sup.ur.${stamp}@hifazat.example`,
    provider: `e2e.services.prov.ur.${stamp}@hifazat.example`,
    providerId: '',
    shelter: `دارالامان ملتان ${stamp}`,
    bedsText: /12 میں سے 7 بستر خالی/,
  },
];

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  for (const run of RUNS) {
    const supervisor = await request.post('/api/users', {
      data: { email: run.supervisor, password: PASSWORD, name: `Supervisor ${run.lang.toUpperCase()} ${stamp}`, role: 'supervisor', countries: ['PK'] },
    });
    expect(supervisor.status(), await supervisor.text()).toBe(201);
    const provider = await request.post('/api/users', {
      data: { email: run.provider, password: PASSWORD, name: `Shelter keeper ${run.lang.toUpperCase()} ${stamp}`, role: 'service_provider', countries: ['PK'] },
    });
    expect(provider.status(), await provider.text()).toBe(201);
    run.providerId = ((await provider.json()) as { id: string }).id;
  }
});

/** Password, then the second factor's enrolment from the page: the key as shown, a code of it, the recovery codes once. */
for (const run of RUNS) {
  test(`on a phone in ${run.lang === 'en' ? 'English' : 'Urdu'}: a supervisor adds a shelter and its provider, who updates the free beds`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(150_000);
    const photo = (page: Page, name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-phone-${run.lang}.png`), fullPage: true });

    // The supervisor: through the menu to the directory, then a new shelter.
    const supervisor = await phonePage(browser, run.lang);
    let page = supervisor.page;
    await signInAndEnrol(page, run.supervisor, PASSWORD);
    await expect(page.locator('html')).toHaveAttribute('dir', run.lang === 'ur' ? 'rtl' : 'ltr');
    await page.getByTestId('nav-burger').click();
    await page.getByTestId('nav-services').click();
    await page.getByTestId('service-create').click();
    await page.getByTestId('service-name').fill(run.shelter);
    await page.getByTestId('service-type').selectOption('shelter');
    await page.getByTestId('service-province').selectOption('Punjab');
    await page.getByTestId('service-district').fill('Lahore');
    await page.getByTestId('service-sexes-female').check();
    await page.getByTestId('service-min-age').fill('18');
    await page.getByTestId('service-languages-ur').check();
    await page.getByTestId('service-contact-phone').fill('+92 42 9999 0000');
    await page.getByTestId('service-address1').fill('House 7, Street 12, Model Town');
    await page.getByTestId('service-beds-total').fill('12');
    await page.getByTestId(`service-providers-${run.providerId}`).check();
    await fitsThePhone(page);
    await photo(page, 'service-new');
    await page.getByTestId('service-submit').click();
    await expect(page.getByTestId('service-page')).toBeVisible();
    await expect(page.getByTestId('service-address-text')).toContainText('Model Town');
    await expect(page.getByTestId('service-providers')).toContainText(`Shelter keeper ${run.lang.toUpperCase()}`);
    const serviceId = (await page.getByTestId('service-page').getAttribute('data-service-id')) ?? '';
    await fitsThePhone(page);
    await photo(page, 'service-page-supervisor');
    await supervisor.context.close();

    // The provider: its home leads to its own services; it updates the free beds.
    const provider = await phonePage(browser, run.lang);
    page = provider.page;
    await signInAndEnrol(page, run.provider, PASSWORD);
    await page.getByTestId('case-home-services-link').click();
    const row = page.locator(`[data-testid="service-row"][data-service-id="${serviceId}"]`);
    await expect(row).toBeVisible();
    await fitsThePhone(page);
    await photo(page, 'services-mine');
    await row.getByTestId(`service-link-${serviceId}`).click();
    await expect(page.getByTestId('service-address-text')).toContainText('Model Town');
    await page.getByTestId('capacity-beds-free').fill('7');
    await page.getByTestId('capacity-save').click();
    await expect(page.getByTestId('capacity-saved')).toBeVisible();
    await expect(page.getByTestId('service-capacity-card').getByTestId('service-capacity')).toHaveText(run.bedsText);
    await fitsThePhone(page);
    await photo(page, 'service-capacity-provider');
    // The directory shows the new capacity.
    await page.getByTestId('nav-burger').click();
    await page.getByTestId('nav-services').click();
    await expect(page.locator(`[data-testid="service-row"][data-service-id="${serviceId}"]`).getByTestId('service-capacity')).toHaveText(run.bedsText);
    await provider.context.close();
  });
}
