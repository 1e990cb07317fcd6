import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 9: a trainer on a phone marks a whole room present for the day with one tap, in Urdu.
const ids: Record<string, string> = {};
const DAY = '2025-06-03';

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const create = async (url: string, data: Record<string, unknown>) => {
    const response = await request.post(url, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const programme = await create('/api/programmes', { name: 'E2E Attendance Programme', countries: ['PK'] });
  ids.event = await create('/api/events', {
    programmeId: programme,
    title: 'E2E Gilgit awareness session',
    type: 'awareness_session',
    startDate: DAY,
    endDate: '2025-06-04',
    city: 'Gilgit',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [fullName, sex] of [
    ['Nargis Baig', 'female'],
    ['Karim Shah', 'male'],
    ['Zainab Ali', 'female'],
  ] as const) {
    const personId = await create('/api/people', { fullName, sex, countryCode: 'PK' });
    await create(`/api/events/${ids.event}/participants`, { personId });
  }
});

test.use({ viewport: { width: 390, height: 844 } });

test('"all present" marks everyone on the day with one tap, on a phone in Urdu; "all absent" undoes it', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-attendance').click();
  const cells = page.locator(`[data-testid^="attendance-cell-"][data-testid$="-${DAY}"]`);
  await expect(cells).toHaveCount(3);

  await page.getByTestId(`attendance-all-present-${DAY}`).click();
  await expect(page.getByTestId(`attendance-all-present-${DAY}`)).toHaveText('سب حاضر');
  for (let i = 0; i < 3; i += 1) await expect(cells.nth(i)).toBeChecked();
  await page.screenshot({ path: testInfo.outputPath('attendance-all-present-ur-phone.png'), fullPage: true });
  const afterPresent = await page.request.get(`/api/events/${ids.event}/summary`);
  expect(((await afterPresent.json()) as { participants: { total: number } }).participants.total).toBe(3);

  await page.getByTestId(`attendance-all-absent-${DAY}`).click();
  for (let i = 0; i < 3; i += 1) await expect(cells.nth(i)).not.toBeChecked();
  const afterAbsent = await page.request.get(`/api/events/${ids.event}/summary`);
  expect(((await afterAbsent.json()) as { participants: { total: number } }).participants.total).toBe(0);
});
