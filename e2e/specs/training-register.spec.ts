import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// A future event keeps a day register, so attendance decides who counts.
const EVENT = { title: 'Victim identification workshop — Lahore', start: '2027-02-10', end: '2027-02-12' };
const PROGRAMME = 'E2E Counter-Trafficking Programme';

const HEADER = 'full_name,sex,organization,designation,province,phone,email';
const GOOD_ROWS = [
  'Ayesha Siddiqui,female,FIA,Inspector,Punjab,0300-1111111,ayesha.e2e@example.org',
  'Bilal Ahmed,male,FIA,Sub-Inspector,Punjab,0300-2222222,',
  'عمران شاہ,male,Punjab Police,Inspector,Punjab,,',
  'Sana Malik,female,Punjab Police,Constable,Punjab,,sana.e2e@example.org',
];
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

async function apiSignIn(request: APIRequestContext) {
  const response = await request.post('/api/auth/login', { data: E2E_ADMIN });
  expect(response.status()).toBe(200);
}

test.beforeAll(async ({ request }) => {
  await apiSignIn(request);
  const programme = await request.post('/api/programmes', { data: { name: PROGRAMME, donor: 'European Union', countries: ['PK'] } });
  expect(programme.status()).toBe(201);
  for (const org of [
    { name: 'Federal Investigation Agency', acronym: 'FIA', type: 'law_enforcement', countryCode: 'PK' },
    { name: 'Punjab Police', type: 'law_enforcement', countryCode: 'PK', province: 'Punjab' },
  ]) {
    expect((await request.post('/api/organizations', { data: org })).status()).toBe(201);
  }
});

async function signIn(page: Page) {
  await page.goto('/');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav-events')).toBeVisible();
}

test('a trainer records an event, imports its list, takes attendance, reads the summary in English and Urdu, and exports the report', async ({
  page,
}, testInfo) => {
  await signIn(page);

  // Create the event.
  await page.getByTestId('nav-events').click();
  await page.getByTestId('event-create').click();
  await page.getByTestId('event-form-programme').click();
  await page.getByRole('option', { name: PROGRAMME }).click();
  await page.getByTestId('event-form-title').fill(EVENT.title);
  await page.getByTestId('event-form-type').click();
  await page.getByRole('option', { name: 'Workshop', exact: true }).click();
  await page.getByTestId('event-form-startDate').fill(EVENT.start);
  await page.getByTestId('event-form-endDate').fill(EVENT.end);
  await page.getByTestId('event-form-city').fill('Lahore');
  await page.getByTestId('event-form-province').fill('Punjab');
  await page.getByTestId('event-form-submit').click();
  await expect(page).toHaveURL(/\/events\/[0-9a-f-]{36}$/);
  const eventId = page.url().split('/').pop() ?? '';
  await expect(page.getByTestId('page-title')).toContainText(EVENT.title);

  // Import a list with a bad row: the dry run names the line and column, and nothing can be imported.
  await page.getByTestId('tab-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'participants.csv',
    mimeType: 'text/csv',
    buffer: csv([GOOD_ROWS[0] ?? '', 'Kamran Butt,mael,FIA,Inspector,Punjab,,', ...GOOD_ROWS.slice(1)]),
  });
  await page.getByTestId('import-dry-run').click();
  const errors = page.getByTestId('import-errors');
  await expect(errors).toBeVisible();
  await expect(errors.getByTestId('import-error-row')).toHaveCount(1);
  await expect(errors.getByTestId('import-error-row').first()).toContainText('3');
  await expect(errors.getByTestId('import-error-row').first()).toContainText('sex');
  await expect(page.getByTestId('import-submit')).toBeDisabled();

  // Fix the file, check it again, import it.
  await page.getByTestId('import-file').setInputFiles({ name: 'participants.csv', mimeType: 'text/csv', buffer: csv(GOOD_ROWS) });
  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-ready')).toBeVisible();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-dry-run', 'false');
  await expect(page.getByTestId('import-added')).toContainText('4');

  // Attendance: three of the four come on the first day.
  await page.getByTestId('tab-attendance').click();
  const firstDay = page.locator(`[data-testid^="attendance-cell-"][data-testid$="-${EVENT.start}"]`);
  await expect(firstDay).toHaveCount(4);
  const participants = (await page.request.get(`/api/events/${eventId}/participants`).then((r) => r.json())) as {
    items: Array<{ personId: string; fullName: string }>;
  };
  const cameIds = participants.items.filter((p) => p.fullName !== 'Sana Malik').map((p) => p.personId);
  for (const personId of cameIds) {
    const cell = page.getByTestId(`attendance-cell-${personId}-${EVENT.start}`);
    await cell.click();
    await expect(cell).toHaveAttribute('data-present', 'true');
  }

  // The summary line in the programme's own words.
  await expect(page.getByTestId('event-summary-text')).toHaveText('3 participants (1 female, 2 male)');

  // Urdu: right to left, Nastaliq, the same numbers.
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ur');
  await expect(page.getByTestId('event-summary-text')).toHaveText('3 شرکاء (1 خاتون، 2 مرد)');
  const font = await page.getByTestId('event-summary-text').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).toContain('Noto Nastaliq Urdu');
  const box = await page.getByTestId('page-title').boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box && box.x + box.width).toBeGreaterThan(width / 2); // the title sits on the right
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: testInfo.outputPath('event-page-ur.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

  // The programme report for 2027 counts held events unless asked otherwise; this one is still
  // planned. Asked for planned events, it counts the same three people, and exports to XLSX.
  await page.getByTestId('nav-reports').click();
  await page.getByTestId('report-filter-from').fill('2027-01-01');
  await expect(page).toHaveURL(/from=2027-01-01/);
  await page.getByTestId('report-filter-to').fill('2027-12-31');
  await expect(page).toHaveURL(/to=2027-12-31/);
  await expect(page).toHaveURL(/from=2027-01-01/);
  // The date's calendar stays open under the field and covers the next row: close it, as a person would.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('report-status-line')).toHaveText('Counts events with the status: Held. The exports say the same.');
  await expect(page.getByTestId('report-participations-text')).not.toHaveText('3 participants (1 female, 2 male)');
  await page.getByTestId('report-filter-status').click();
  await page.getByRole('option', { name: 'Planned events' }).click();
  await expect(page.getByTestId('report-status-line')).toHaveText('Counts events with the status: Planned. The exports say the same.');
  await expect(page.getByTestId('report-participations-text')).toHaveText('3 participants (1 female, 2 male)');
  // Export is a small menu: CSV or Excel. The workbook says what it holds, then a sheet per breakdown.
  await page.getByTestId('report-export').click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.worksheets.map((s) => s.name).slice(0, 3)).toEqual(['About this export', 'Total', 'By type of organisation']);
  const about = new Map(workbook.worksheets[0]?.getSheetValues().flatMap((row) => (Array.isArray(row) ? [[String(row[1]), row[2]] as const] : [])));
  expect(about.get('Events counted')).toBe('Planned');
  expect(about.get('Period')).toBe('2027-01-01 – 2027-12-31');
  const totals = (workbook.worksheets[1]?.getRow(2).values as unknown[]).slice(1);
  expect(totals.slice(0, 6)).toEqual(['Total', 1, 3, 1, 2, 0]);
});
