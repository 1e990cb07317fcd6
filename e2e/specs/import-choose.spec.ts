import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// A row that matches several registered people is not linked by guesswork: the person importing
// compares the candidates side by side, on a phone and in Urdu, and chooses.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

/** A held training in Lahore on `date`, in a programme of its own. */
async function heldEvent(api: APIRequestContext, title: string, date: string): Promise<{ id: string }> {
  const programme = await (await api.post('/api/programmes', { data: { name: `E2E ${title}`, countries: ['PK'] } })).json();
  const data = {
    programmeId: programme.id,
    title,
    type: 'training',
    startDate: date,
    endDate: date,
    city: 'Lahore',
    province: 'Punjab',
    countryCode: 'PK',
    status: 'held',
  };
  return (await api.post('/api/events', { data })).json();
}

test('an import row matching two namesakes waits for a choice, and imports the one chosen', async ({ page }, testInfo) => {
  const api = page.request;
  expect((await api.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const fia = await (
    await api.post('/api/organizations', { data: { name: 'FIA Choices Wing', acronym: 'FIACW', type: 'law_enforcement', countryCode: 'PK' } })
  ).json();
  const person = async (designation: string, phone: string | null) =>
    (
      await (
        await api.post('/api/people', { data: { fullName: 'Aamir Abbasi', sex: 'male', countryCode: 'PK', organizationId: fia.id, designation, phone } })
      ).json()
    ).id as string;
  const subInspector = await person('Sub-Inspector', '0300 7654321');
  const assistantDirector = await person('Assistant Director', null);
  const event = await heldEvent(api, 'Import choices', '2026-01-05');

  await page.goto(`/events/${event.id}`);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('tab-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'list.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('full_name,sex,organization\r\nAamir Abbasi,m,FIACW\r\nنئی شریک,f,FIACW\r\n', 'utf8'),
  });
  await page.getByTestId('import-dry-run').click();

  // The dry run says, row by row, what it will do: line 2 waits for a choice, line 3 is a new person.
  await expect(page.locator('[data-testid="import-plan-row"][data-line="2"]')).toHaveAttribute('data-action', 'choose');
  await expect(page.locator('[data-testid="import-plan-row"][data-line="3"]')).toHaveAttribute('data-action', 'create');
  await expect(page.getByTestId('import-submit')).toBeDisabled();
  await expect(page.getByTestId('import-choose-first')).toBeVisible();

  // Both namesakes, side by side (one above the other on a phone), with designation and a masked phone.
  const chooser = page.locator('[data-testid="import-choose"][data-line="2"]');
  await expect(chooser).toContainText('یہ کون ہے؟');
  const candidates = chooser.getByTestId('import-candidate');
  await expect(candidates).toHaveCount(2);
  const si = chooser.locator(`[data-testid="import-candidate"][data-person-id="${subInspector}"]`);
  await expect(si).toContainText('Sub-Inspector');
  await expect(si).toContainText('•••321');
  await expect(si).not.toContainText('7654321');
  const ad = chooser.locator(`[data-testid="import-candidate"][data-person-id="${assistantDirector}"]`);
  await expect(ad).toContainText('Assistant Director');
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('import-choose-ur-phone.png'), fullPage: true });

  await ad.getByTestId('import-choose-person').click();
  await expect(page.getByTestId('import-ready')).toBeVisible();
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('import-report')).toHaveAttribute('data-dry-run', 'false');

  const listed = (await (await api.get(`/api/events/${event.id}/participants`)).json()) as { items: Array<{ personId: string; fullName: string }> };
  expect(listed.items.map((p) => p.personId)).toContain(assistantDirector);
  expect(listed.items.map((p) => p.personId)).not.toContain(subInspector);
  expect(listed.items).toHaveLength(2);
});

test('a list with a quote read two ways is refused in Urdu with its line, on a phone', async ({ page }, testInfo) => {
  const api = page.request;
  expect((await api.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const event = await heldEvent(api, 'Import quotes', '2026-01-06');

  await page.goto(`/events/${event.id}`);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('tab-import').click();
  // A space before the quote on line 3: read as text it would put "Lahore" in the designation column.
  await page.getByTestId('import-file').setInputFiles({
    name: 'list.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('full_name,sex,organization,designation\r\nسارہ خان,f,FIA,Inspector\r\nAli Raza,m, "FIA, Lahore",Inspector\r\n', 'utf8'),
  });
  await page.getByTestId('import-dry-run').click();
  const row = page.getByTestId('import-error-row');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td').first()).toHaveText('3');
  await expect(row).toContainText('واوین سے پہلے کی خالی جگہ ہٹا دیں');
  await expect(page.getByTestId('import-report')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: testInfo.outputPath('import-quote-refused-ur-phone.png'), fullPage: true });
  // Nothing was written.
  const listed = (await (await api.get(`/api/events/${event.id}/participants`)).json()) as { items: unknown[] };
  expect(listed.items).toHaveLength(0);
});
