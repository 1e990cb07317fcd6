import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 11, master trainers and the training cascade: staff open a training of trainers' Master
// trainers tab, read the selection against the pool ("1 of 3 selected are women; the pool was 2 of 4"),
// graduate two attended participants (certification date, a specialism) through the web app; the events
// their graduates deliver are recorded two generations deep (one step-down ToT graduates a master trainer
// of its own); the cascade page shows each generation, and a person reached in both generations counted
// once in the reach; the cascades page lists it with its reach. On a 390 px phone in Urdu the cascade
// page reads right to left and fits the screen.

const STAMP = Date.now().toString(36);
const TOT_TITLE = `E2E cascade ${STAMP}: training of trainers for police instructors`;
const ids: Record<string, string> = {};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

// The phone test reads the cascade the first test builds.
test.describe.configure({ mode: 'serial' });

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function event(request: APIRequestContext, title: string, type: string, day: string, list: Array<[string, string]>): Promise<string> {
  const id = await create(request, '/api/events', {
    programmeId: ids.programme,
    title,
    type,
    startDate: day,
    endDate: day,
    city: 'Lahore',
    province: 'Punjab',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [who, role] of list) await create(request, `/api/events/${id}/participants`, { personId: ids[who], role, attended: who !== 'dua' });
  return id;
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  ids.programme = await create(request, '/api/programmes', { name: `E2E Cascades ${STAMP}`, countries: ['PK'] });
  for (const [key, fullName, sex] of [
    ['amina', 'Amina Rauf', 'female'],
    ['bilal', 'Bilal Chaudhry', 'male'],
    ['chand', 'Chand Mir', 'male'],
    ['dua', 'Dua Fatima', 'female'],
    ['erum', 'Erum Saleem', 'female'],
    ['p1', 'Faisal Javed', 'male'],
    ['p2', 'Gul Bano', 'female'],
    ['x', 'Haris Sohail', 'male'],
    ['g', 'Imran Tahir', 'male'],
    ['z', 'Jaweria Khan', 'female'],
  ] as const) {
    ids[key] = await create(request, '/api/people', { fullName, sex, countryCode: 'PK' });
  }
  // The pool: an earlier workshop of the programme (Amina, Bilal, Chand, Erum attended).
  await event(request, `E2E cascade ${STAMP}: earlier workshop`, 'workshop', '2026-01-12', [
    ['amina', 'participant'],
    ['bilal', 'participant'],
    ['chand', 'participant'],
    ['erum', 'participant'],
  ]);
  // The ToT: three candidates attended, Dua did not.
  ids.tot = await event(request, TOT_TITLE, 'training_of_trainers', '2026-02-10', [
    ['amina', 'participant'],
    ['bilal', 'participant'],
    ['chand', 'participant'],
    ['dua', 'participant'],
  ]);
});

async function graduate(page: Page, name: string, specialism: string) {
  await page.getByTestId('attended-row').filter({ hasText: name }).getByTestId('graduate-button').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('graduate-certified-on')).toBeVisible();
  await dialog.getByTestId('graduate-specialisms').fill(specialism);
  await dialog.getByTestId('graduate-specialisms').press('Enter');
  // Away from the field, as a person would, so that its list of suggestions closes.
  await dialog.locator('.mantine-Modal-title').click();
  await dialog.getByTestId('graduate-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('graduate-row').filter({ hasText: name })).toContainText(specialism);
}

test('graduate master trainers on the ToT, record two generations of their events, read the cascade', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.goto(`/events/${ids.tot}`);
  await page.getByTestId('tab-master-trainers').click();
  // Candidates Amina, Bilal, Chand, Dua (2 women of 4); the pool: Amina, Bilal, Chand, Erum (2 women of 4).
  await expect(page.getByTestId('selection-sentence')).toHaveText('2 of 4 selected are women; the pool was 2 of 4.');
  await expect(page.getByTestId('attended-row')).toHaveCount(3);
  await graduate(page, 'Amina Rauf', 'gender');
  await graduate(page, 'Bilal Chaudhry', 'victim identification');
  await expect(page.getByTestId('graduate-row')).toHaveCount(2);
  await expect(page.getByTestId('graduates-sentence')).toHaveText('2 graduated as master trainers (1 women, 1 men).');
  await page.screenshot({ path: test.info().outputPath('master-trainers-desktop-en.png'), fullPage: true });

  // Generation 1: Amina trains a step-down training; Bilal facilitates a step-down ToT whose participant Imran graduates.
  await event(page.request, `E2E cascade ${STAMP}: step-down training`, 'training', '2026-03-02', [
    ['amina', 'trainer'],
    ['p1', 'participant'],
    ['p2', 'participant'],
    ['x', 'participant'],
  ]);
  const stepDownTot = await event(page.request, `E2E cascade ${STAMP}: step-down ToT`, 'training_of_trainers', '2026-03-09', [
    ['bilal', 'facilitator'],
    ['g', 'participant'],
  ]);
  const graduated = await page.request.post(`/api/events/${stepDownTot}/graduates`, { data: { personId: ids.g } });
  expect(graduated.status(), await graduated.text()).toBe(201);
  // Generation 2: Imran trains Haris (reached in generation 1 too) and Jaweria.
  await event(page.request, `E2E cascade ${STAMP}: district training`, 'training', '2026-04-06', [
    ['g', 'trainer'],
    ['x', 'participant'],
    ['z', 'participant'],
  ]);

  await page.getByTestId('view-cascade').click();
  await expect(page).toHaveURL(new RegExp(`/cascades/${ids.tot}$`));
  await expect(page.getByTestId('cascade-generation')).toHaveCount(2);
  await expect(page.getByTestId('cascade-generation').nth(0).getByTestId('cascade-event')).toHaveCount(2);
  await expect(page.getByTestId('cascade-generation').nth(1).getByTestId('cascade-event')).toHaveCount(1);
  const rows = page.getByTestId('cascade-generation-row');
  // Generation 1: Faisal, Gul, Haris, Imran (4: 1 woman, 3 men); generation 2: Haris, Jaweria (2).
  await expect(rows.nth(0)).toContainText('Generation 1');
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText('4');
  await expect(rows.nth(1).locator('td').nth(2)).toHaveText('2');
  // Haris counts once: 5 people reached, not 6.
  await expect(page.getByTestId('cascade-reach')).toHaveAttribute('data-total', '5');
  await expect(page.getByTestId('cascade-master-trainers')).toHaveText('3');
  await expect(page.getByTestId('cascade-trainer-row')).toHaveCount(3);
  await page.screenshot({ path: test.info().outputPath('cascade-desktop-en.png'), fullPage: true });

  await page.goto(`/cascades?programmeId=${ids.programme}`);
  const card = page.getByTestId('cascade-card').filter({ hasText: TOT_TITLE });
  await expect(card).toBeVisible();
  await expect(card.locator('[data-total]')).toHaveAttribute('data-total', '5');
  await expect(page.getByTestId('cascades-reach')).toHaveAttribute('data-total', '5');
});

test('the cascade page on a 390 px phone in Urdu', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  const page = await context.newPage();
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.goto(`/events/${ids.tot}`);
  await page.getByTestId('tab-master-trainers').click();
  await expect(page.getByTestId('selection-sentence')).toContainText('خواتین');
  await page.goto(`/cascades/${ids.tot}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('cascade-generation').first()).toContainText('نسل 1');
  await expect(page.getByTestId('cascade-reach')).toHaveAttribute('data-total', '5');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: test.info().outputPath('cascade-phone-ur.png'), fullPage: true });
  await page.goto('/cascades');
  await expect(page.getByTestId('cascade-card').first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await context.close();
});
