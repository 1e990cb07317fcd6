import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 11, "Indicators, periods and donor reports": a manager defines an indicator on the programme's
// Logframe page, locks the quarter, a participant is then added to an event of that quarter, and the
// indicator shows "reported 2, now 3"; the donor report shows the same difference, and its PDF and XLSX
// download in English and (on a 390 px phone) in Urdu; the PDFs render (pdftoppm).

const STAMP = Date.now().toString(36);
const PERIOD = '2026-Q1';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const ids: Record<string, string> = {};

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  ids.programme = await create(request, '/api/programmes', { name: `E2E Logframe ${STAMP}`, donor: 'European Union', countries: ['PK'] });
  ids.event = await create(request, '/api/events', {
    programmeId: ids.programme,
    title: `E2E indicators workshop ${STAMP} — Islamabad`,
    type: 'workshop',
    startDate: '2026-02-10',
    endDate: '2026-02-11',
    city: 'Islamabad',
    province: 'Islamabad',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [fullName, sex] of [
    ['Sadia Perveen', 'female'],
    ['Imran Qureshi', 'male'],
  ] as const) {
    const personId = await create(request, '/api/people', { fullName: `${fullName} ${STAMP}`, sex, countryCode: 'PK' });
    await create(request, `/api/events/${ids.event}/participants`, { personId, attended: true });
  }
});

async function signIn(page: Page) {
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
}

async function download(page: Page, testId: string, name: string): Promise<string> {
  const [started] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const file = test.info().outputPath(name);
  await started.saveAs(file);
  return file;
}

test('define an indicator, lock the quarter, change a record behind it, see the difference, export the donor report', async ({ page }) => {
  await signIn(page);
  await page.goto(`/programmes/${ids.programme}/logframe?period=${PERIOD}`);
  await expect(page.getByTestId('period-state')).toBeVisible();

  // Define the indicator with a target for the quarter.
  await page.getByTestId('indicator-create').click();
  await page.getByTestId('indicator-code').fill('OP1');
  await page.getByTestId('indicator-name').fill('Criminal-justice practitioners trained');
  await page.getByTestId('indicator-name-ur').fill('تربیت یافتہ فوجداری انصاف کے کارکن');
  await page.getByTestId('indicator-target-period-0').fill(PERIOD);
  await page.getByTestId('indicator-target-value-0').fill('5');
  await page.getByTestId('indicator-save').click();
  const card = page.getByTestId('indicator-card').filter({ hasText: 'OP1' });
  await expect(card.getByTestId('indicator-value')).toHaveText('2');

  // Lock the quarter (with a confirmation).
  await page.getByTestId('period-lock').click();
  await page.getByTestId('period-confirm-ok').click();
  await expect(page.getByTestId('period-unlock')).toBeVisible();

  // A participant added afterwards to the quarter's workshop: the locked value stays, the difference shows.
  const personId = await create(page.request, '/api/people', { fullName: `Late Arrival ${STAMP}`, sex: 'female', countryCode: 'PK' });
  await create(page.request, `/api/events/${ids.event}/participants`, { personId, attended: true });
  await page.reload();
  await expect(card.getByTestId('indicator-difference')).toHaveText('reported 2, now 3');

  // The donor report says the same, and its files download.
  await page.getByTestId('donor-report-link').click();
  const row = page.getByTestId('donor-row').filter({ hasText: 'OP1' });
  await expect(row.getByTestId('donor-difference')).toHaveText('reported 2, now 3');
  await expect(page.getByTestId('narrative-en')).toHaveValue(/One workshop in Islamabad was attended by 3 participants \(2 female, 1 male\)\./);
  // The quarter is locked: its narrative is kept as reported, and the page says how to change it.
  await expect(page.getByTestId('narrative-locked')).toBeVisible();
  await expect(page.getByTestId('chart-target')).toBeVisible();
  await expect(page.getByTestId('chart-sex')).toBeVisible();
  const pdf = await download(page, 'donor-pdf-en', 'donor-report-en.pdf');
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Donor report');
  expect(text).toContain('reported 2, now 3');
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, test.info().outputPath('donor-report-en')]);
  expect(fs.existsSync(test.info().outputPath('donor-report-en-1.png'))).toBe(true);
  const xlsx = await download(page, 'donor-xlsx-en', 'donor-report-en.xlsx');
  expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  await page.screenshot({ path: test.info().outputPath('donor-report-1280-en.png'), fullPage: true });
});

test.describe('on a phone, in Urdu', () => {
  test.use(PHONE);
  test('the donor report fits the screen, says the difference in Urdu, and its Urdu PDF renders', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
    await signIn(page);
    await page.goto(`/programmes/${ids.programme}/donor-report?period=${PERIOD}`);
    const row = page.getByTestId('donor-row').filter({ hasText: 'OP1' });
    await expect(row.getByTestId('donor-difference')).toHaveText('رپورٹ شدہ 2، اب 3');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: test.info().outputPath('donor-report-390-ur.png'), fullPage: true });
    const pdf = await download(page, 'donor-pdf-ur', 'donor-report-ur.pdf');
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, test.info().outputPath('donor-report-ur')]);
    expect(fs.statSync(test.info().outputPath('donor-report-ur-1.png')).size).toBeGreaterThan(10_000);
    await page.goto(`/programmes/${ids.programme}/logframe?period=${PERIOD}`);
    await expect(page.getByTestId('indicator-card').filter({ hasText: 'OP1' }).getByTestId('indicator-difference')).toHaveText('رپورٹ شدہ 2، اب 3');
    await page.screenshot({ path: test.info().outputPath('logframe-390-ur.png'), fullPage: true });
  });
});
