import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 10, "Certificates": staff open the event's Certificates tab, issue for everyone (two attended,
// one did not: skipped with the reason in words), download a PDF through the page and it renders
// (pdftoppm); anyone opens /verify/<number> on a 390×844 phone in Urdu and sees "valid", pastes the
// certificate's QR text and sees "genuine", changes one character and sees "not genuine"; a link
// carrying the QR text after # is checked on opening.

const DAY = '2026-06-15';
const STAMP = Date.now().toString(36);
const EVENT_TITLE = `E2E certificates ${STAMP}: referral of trafficking victims — Multan`;
const ids: Record<string, string> = {};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
type Listed = { items: Array<{ number: string; holderName: string; qr: string; revoked: boolean }> };

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const programme = await create(request, '/api/programmes', { name: `E2E Certificates ${STAMP}`, countries: ['PK'] });
  ids.event = await create(request, '/api/events', {
    programmeId: programme,
    title: EVENT_TITLE,
    type: 'training',
    startDate: DAY,
    endDate: DAY,
    city: 'Multan',
    countryCode: 'PK',
    status: 'held',
  });
  // Two attended (one with an Urdu name), one did not.
  for (const [key, fullName, sex, attended] of [
    ['farah', 'Farah Naz', 'female', true],
    ['ghulam', 'غلام مصطفیٰ', 'male', true],
    ['hina', 'Hina Javed', 'female', false],
  ] as const) {
    ids[key] = await create(request, '/api/people', { fullName, sex, countryCode: 'PK' });
    await create(request, `/api/events/${ids.event}/participants`, { personId: ids[key] });
    if (attended) {
      const marked = await request.put(`/api/events/${ids.event}/attendance`, { data: { personId: ids[key], date: DAY, present: true } });
      expect(marked.status(), await marked.text()).toBe(200);
    }
  }
});

async function shot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

async function listed(request: APIRequestContext): Promise<Listed['items']> {
  const response = await request.get(`/api/events/${ids.event}/certificates`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as Listed).items;
}

test('staff issue the certificates from the event page and download one as a PDF that renders', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-certificates').click();
  await expect(page.getByTestId('certificates-none')).toBeVisible();
  await page.getByTestId('certificates-issue').click();
  await page.getByTestId('certificates-issue-confirm-ok').click();
  await expect(page.getByTestId('certificates-issue-counts')).toHaveText('Issued: 2 · already had one: 0 · no certificate: 1');
  await expect(page.getByTestId('certificates-skipped')).toContainText('did not attend');
  await expect(page.getByTestId('certificates-skipped')).toContainText('Hina Javed');
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
  await shot(page, 'certificates-tab-desktop-en');

  // Issuing again gives nobody a second number.
  await page.getByTestId('certificates-issue').click();
  await page.getByTestId('certificates-issue-confirm-ok').click();
  await expect(page.getByTestId('certificates-issue-counts')).toHaveText('Issued: 0 · already had one: 2 · no certificate: 1');
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);

  // The Urdu PDF of the Urdu-named holder, downloaded as a person would.
  const items = await listed(page.request);
  const ghulam = items.find((c) => c.holderName === 'غلام مصطفیٰ');
  expect(ghulam).toBeDefined();
  const row = page.locator(`[data-testid="certificate-row"][data-number="${ghulam?.number ?? ''}"]`);
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('certificate-pdf-ur').click()]);
  expect(download.suggestedFilename()).toBe(`${ghulam?.number ?? ''}.pdf`);
  const pdf = test.info().outputPath('certificate-ur.pdf');
  await download.saveAs(pdf);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const prefix = test.info().outputPath('certificate-ur');
  execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', pdf, prefix]);
  const png = `${prefix}.png`;
  expect(fs.existsSync(png)).toBe(true);
  // A blank A4 page at 50 dpi compresses to about 1 kB; a drawn certificate is many times that.
  expect(fs.statSync(png).size).toBeGreaterThan(8000);

  // Urdu screen.
  await page.evaluate(() => localStorage.setItem('hifazat.lang', 'ur'));
  await page.reload();
  await page.getByTestId('tab-certificates').click();
  await expect(page.getByTestId('tab-certificates')).toHaveText('سرٹیفکیٹ');
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
  await shot(page, 'certificates-tab-desktop-ur');
});

test('anyone checks a certificate on a phone in Urdu: valid by its number, genuine by its QR text, not genuine with one character changed', async ({
  browser,
  request,
}) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const certificate = (await listed(request)).find((c) => c.holderName === 'غلام مصطفیٰ');
  expect(certificate).toBeDefined();
  const number = certificate?.number ?? '';
  const qr = certificate?.qr ?? '';

  // Nobody signed in: a phone that scanned the certificate.
  const context = await browser.newContext(PHONE);
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  const page = await context.newPage();
  await page.goto(`/verify/${number}`);
  await expect(page.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'valid');
  await expect(page.getByTestId('verify-number-result-verdict')).toHaveText('درست');
  await expect(page.getByTestId('verify-holder')).toHaveText('غلام مصطفیٰ');
  await expect(page.getByTestId('verify-event')).toHaveText(EVENT_TITLE);
  await expect(page.getByTestId('verify-address-warning')).toContainText('127.0.0.1');
  await shot(page, 'verify-phone-ur');

  await page.getByTestId('verify-qr-input').fill(qr);
  await page.getByTestId('verify-qr-submit').click();
  await expect(page.getByTestId('verify-qr-result')).toHaveAttribute('data-state', 'genuine');
  await expect(page.getByTestId('verify-qr-result-verdict')).toHaveText('اصلی');
  await shot(page, 'verify-phone-ur-genuine');

  // One character of the signed part changed, to another character of the base45 alphabet.
  const at = 20;
  const changed = qr.slice(0, at) + (qr[at] === 'A' ? 'B' : 'A') + qr.slice(at + 1);
  expect(changed).not.toBe(qr);
  await page.getByTestId('verify-qr-input').fill(changed);
  await page.getByTestId('verify-qr-submit').click();
  await expect(page.getByTestId('verify-qr-result')).toHaveAttribute('data-state', 'not_genuine');
  await expect(page.getByTestId('verify-qr-result-verdict')).toHaveText('اصلی نہیں');
  await shot(page, 'verify-phone-ur-not-genuine');

  // A link that carries the QR text after # (never sent to the server) is checked as it opens.
  await page.goto(`/verify/${number}#${encodeURIComponent(qr)}`);
  await expect(page.getByTestId('verify-qr-result')).toHaveAttribute('data-state', 'genuine');
  await expect(page.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'valid');

  // An unknown number: "not found" in words, no error page.
  await page.goto('/verify/HZ-2026-2222-3333');
  await expect(page.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'notFound');
  await expect(page.getByTestId('verify-number-result-verdict')).toHaveText('نہیں ملا');
  await context.close();
});
