import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// History names records instead of showing ids, an import is one entry, and a merge lets the person
// choose, field by field, which values the merged record keeps; at desk and phone size, English and Urdu.

// Screenshots of long pages take a while on a busy machine.
test.setTimeout(180_000);

const NAMES = Array.from({ length: 24 }, (_, i) => `History Trainee ${String(i + 1).padStart(2, '0')}`);

async function setUp(api: APIRequestContext, tag: string) {
  expect((await api.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const programme = await (await api.post('/api/programmes', { data: { name: `History programme ${tag}`, countries: ['PK'] } })).json();
  const police = await (await api.post('/api/organizations', { data: { name: `Punjab Police ${tag}`, type: 'law_enforcement', countryCode: 'PK' } })).json();
  const fia = await (await api.post('/api/organizations', { data: { name: `FIA ${tag}`, type: 'law_enforcement', countryCode: 'PK' } })).json();
  const event = await (
    await api.post('/api/events', {
      data: {
        programmeId: programme.id,
        title: `History workshop ${tag}`,
        type: 'workshop',
        startDate: '2026-02-02',
        endDate: '2026-02-03',
        city: 'Lahore',
        province: 'Punjab',
        countryCode: 'PK',
        status: 'held',
      },
    })
  ).json();
  const csv = `full_name,sex\r\n${NAMES.map((n) => `${n} ${tag},f`).join('\r\n')}\r\n`;
  const imported = await api.post(`/api/events/${event.id}/participants/import?dryRun=false`, {
    multipart: { file: { name: 'list.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') } },
  });
  expect(imported.status(), await imported.text()).toBe(200);
  const person = async (data: Record<string, unknown>) =>
    (await (await api.post('/api/people', { data: { countryCode: 'PK', ...data } })).json()) as { id: string };
  const kept = await person({ fullName: `Nadia Khan ${tag}`, sex: 'female', birthYear: 1988, organizationId: police.id, phone: '0300 1234567' });
  const duplicate = await person({
    fullName: `Nadia K. ${tag}`,
    sex: 'female',
    birthYear: 1990,
    organizationId: fia.id,
    phone: '0300 7654321',
    email: `nadia.${tag}@example.pk`,
    designation: 'Inspector',
  });
  expect((await api.post(`/api/events/${event.id}/participants`, { data: { personId: duplicate.id } })).status()).toBe(201);
  return { event, kept, duplicate, police, fia };
}

const noOverflow = async (page: Page) =>
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(page.viewportSize()?.width ?? 0);

test('an event’s history shows an import as one entry with the names, linked, in English and Urdu', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { event } = await setUp(page.request, 'desk');
  await page.goto(`/events/${event.id}`);
  await page.getByTestId('tab-history').click();
  const batch = page.getByTestId('history-batch');
  await expect(batch).toHaveCount(1);
  await expect(page.getByTestId('history-batch-count')).toHaveText('24 participants added');
  await page.getByTestId('history-batch-toggle').click();
  const names = page.getByTestId('history-batch-names').getByTestId('history-ref');
  await expect(names).toHaveCount(24);
  await expect(names.first()).toHaveAttribute('href', /^\/people\/[0-9a-f-]{36}$/);
  // No raw id anywhere in the history.
  expect(await page.getByTestId('history-list').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await page.screenshot({ path: testInfo.outputPath('history-en-desk.png'), fullPage: true });

  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('history-batch-count')).toHaveText('24 شرکاء شامل کیے گئے');
  await page.screenshot({ path: testInfo.outputPath('history-ur-desk.png'), fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await noOverflow(page);
  await page.screenshot({ path: testInfo.outputPath('history-ur-phone.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await noOverflow(page);
  await page.screenshot({ path: testInfo.outputPath('history-en-phone.png'), fullPage: true });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('a merge shows both records side by side and keeps the values chosen, in Urdu', async ({ page }, testInfo) => {
    const api = page.request;
    const { kept, duplicate, fia } = await setUp(api, 'phone');
    // A value neither record holds is refused, and nothing changes.
    const refused = await api.post(`/api/people/${kept.id}/merge`, { data: { duplicateId: duplicate.id, values: { birthYear: 1975 } } });
    expect(refused.status()).toBe(400);
    expect((await api.get(`/api/people/${duplicate.id}`)).status()).toBe(200);

    await page.goto(`/people/${kept.id}`);
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await page.getByTestId('person-merge').click();
    await page.getByTestId('person-merge-search').fill('Nadia K.');
    await page.getByTestId(`person-merge-pick-${duplicate.id}`).click();
    const compare = page.getByTestId('merge-compare');
    await expect(compare).toBeVisible();
    await expect(page.getByTestId('merge-field-sex')).toHaveAttribute('data-differs', 'false');
    await expect(page.getByTestId('merge-field-birthYear')).toHaveAttribute('data-differs', 'true');
    // This record's values are chosen until the person picks the other.
    await expect(page.getByTestId('merge-choice-birthYear-kept')).toBeChecked();
    await page.getByTestId('merge-choice-birthYear-duplicate').check();
    await page.getByTestId('merge-choice-organizationId-duplicate').check();
    await noOverflow(page);
    await page.screenshot({ path: testInfo.outputPath('merge-ur-phone.png'), fullPage: true });
    await page.getByTestId('person-merge-confirm').click();
    await expect(page.getByTestId('merge-compare')).toBeHidden();

    const merged = await (await api.get(`/api/people/${kept.id}`)).json();
    expect(merged).toMatchObject({
      fullName: 'Nadia Khan phone',
      birthYear: 1990,
      organization: { id: fia.id },
      phone: '0300 1234567',
      email: 'nadia.phone@example.pk',
      designation: 'Inspector',
    });
    expect((await api.get(`/api/people/${duplicate.id}`)).status()).toBe(404);

    // The merge entry: the duplicate, now gone, is named "deleted person", not by its id.
    await page.getByTestId('tab-history').click();
    const entry = page.getByTestId('history-entry').first();
    await expect(entry.getByTestId('history-note')).toContainText('حذف شدہ فرد');
    expect(await page.getByTestId('history-list').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await noOverflow(page);
    await page.screenshot({ path: testInfo.outputPath('person-history-ur-phone.png'), fullPage: true });
  });

  test('the merge screen in English on a phone', async ({ page }, testInfo) => {
    const { kept, duplicate } = await setUp(page.request, 'phone-en');
    await page.goto(`/people/${kept.id}`);
    await page.getByTestId('person-merge').click();
    await page.getByTestId('person-merge-search').fill('Nadia K.');
    await page.getByTestId(`person-merge-pick-${duplicate.id}`).click();
    await expect(page.getByTestId('merge-compare')).toBeVisible();
    await noOverflow(page);
    await page.screenshot({ path: testInfo.outputPath('merge-en-phone.png'), fullPage: true });
  });
});

test('the merge screen side by side at desk size, English and Urdu', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const { kept, duplicate } = await setUp(page.request, 'desk-merge');
  await page.goto(`/people/${kept.id}`);
  await page.getByTestId('person-merge').click();
  await page.getByTestId('person-merge-search').fill('Nadia K.');
  await page.getByTestId(`person-merge-pick-${duplicate.id}`).click();
  await expect(page.getByTestId('merge-compare')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('merge-en-desk.png'), fullPage: true });
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('merge-compare')).toBeHidden();
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.getByTestId('person-merge').click();
  await page.getByTestId('person-merge-search').fill('Nadia K.');
  await page.getByTestId(`person-merge-pick-${duplicate.id}`).click();
  await expect(page.getByTestId('merge-compare')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('merge-ur-desk.png'), fullPage: true });
});
