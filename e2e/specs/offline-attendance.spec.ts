import { expect, test, type APIRequestContext } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 9: a trainer loses the network mid-register, keeps ticking and adds a participant, reloads
// the page without a network (the app shell comes from the service worker), and when the connection
// returns everything reaches the server exactly once.
const DAY1 = '2025-07-14';
const DAY2 = '2025-07-15';
const ids: Record<string, string> = {};

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

type Participants = { items: Array<{ personId: string | null; presentDates: string[]; absentDates: string[]; role: string }> };

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const programme = await create(request, '/api/programmes', { name: 'E2E Offline Programme', countries: ['PK'] });
  ids.event = await create(request, '/api/events', {
    programmeId: programme,
    title: 'E2E Skardu register without a network',
    type: 'training',
    startDate: DAY1,
    endDate: DAY2,
    city: 'Skardu',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [key, fullName, sex] of [
    ['a', 'Offline Amina Baig', 'female'],
    ['b', 'Offline Bashir Khan', 'male'],
    ['c', 'Offline Chandni Wali', 'female'],
  ] as const) {
    ids[key] = await create(request, '/api/people', { fullName, sex, countryCode: 'PK' });
    if (key !== 'c') await create(request, `/api/events/${ids.event}/participants`, { personId: ids[key] });
  }
});

test('offline mid-register: ticks and an addition are kept through a reload and saved once when the connection returns', async ({
  page,
  context,
  request,
}, testInfo) => {
  test.setTimeout(180_000);
  const started = Date.now();
  const at = (label: string) => console.log(label, Date.now() - started);
  // The checks through the API use a session of their own, outside the browser that goes offline.
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.goto('/');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`/events/${ids.event}`);
  // The service worker has kept the shell once it is active and controls the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

  // The person to add is found while the link still holds; then it drops.
  await page.getByTestId('participant-add').click();
  await page.getByTestId('participant-search').fill('Chandni');
  await expect(page.getByTestId(`participant-add-${ids.c}`)).toBeVisible();
  await context.setOffline(true);
  await page.getByTestId(`participant-add-${ids.c}`).click();
  await expect(page.getByText('Offline Chandni Wali will be added when the connection returns')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('offline-banner')).toHaveText('Offline — changes are kept on this device');
  await expect(page.getByTestId(`participant-not-saved-${ids.c}`)).toBeVisible();

  await page.getByTestId('tab-attendance').click();
  await page.getByTestId(`attendance-cell-${ids.a}-${DAY1}`).click();
  await page.getByTestId(`attendance-cell-${ids.b}-${DAY2}`).click();
  await page.getByTestId(`attendance-cell-${ids.c}-${DAY1}`).click();
  await expect(page.getByTestId(`attendance-not-saved-${ids.a}-${DAY1}`)).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '4');

  at('reload');
  // A reload without a network: the shell from the service worker, the register from the device.
  await page.reload();
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.getByTestId(`participant-not-saved-${ids.c}`)).toBeVisible();
  await page.getByTestId('tab-attendance').click();
  for (const [person, day] of [
    [ids.a, DAY1],
    [ids.b, DAY2],
    [ids.c, DAY1],
  ] as const) {
    await expect(page.getByTestId(`attendance-cell-${person}-${day}`)).toBeChecked();
    await expect(page.getByTestId(`attendance-not-saved-${person}-${day}`)).toHaveText('Not saved yet');
  }
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '4');
  await page.screenshot({ path: testInfo.outputPath('offline-register-after-reload.png'), fullPage: true });
  // The same in Urdu on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('offline-banner')).toHaveText('آف لائن — تبدیلیاں اسی آلے پر محفوظ ہیں');
  await page.screenshot({ path: testInfo.outputPath('offline-register-ur-phone.png'), fullPage: true });
  await page.getByTestId('lang-switch').click();
  at('before-check');
  // Nothing reached the server meanwhile.
  const before = (await (await request.get(`/api/events/${ids.event}/participants`)).json()) as Participants;
  expect(before.items.map((p) => p.personId).sort()).toEqual([ids.a, ids.b].sort());

  // The connection returns: everything is sent, in order, and the marks go.
  await context.setOffline(false);
  await expect(page.getByTestId('connection-status')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.locator('[data-not-saved="true"]')).toHaveCount(0);

  const after = (await (await request.get(`/api/events/${ids.event}/participants`)).json()) as Participants;
  expect(after.items.map((p) => p.personId).sort()).toEqual([ids.a, ids.b, ids.c].sort());
  const byId = new Map(after.items.map((p) => [p.personId ?? '', p]));
  expect(byId.get(ids.a ?? '')?.presentDates).toEqual([DAY1]);
  expect(byId.get(ids.b ?? '')?.presentDates).toEqual([DAY2]);
  expect(byId.get(ids.c ?? '')?.presentDates).toEqual([DAY1]);
  // One addition in the history: sent once, recorded once.
  const history = (await (await request.get(`/api/events/${ids.event}/history`)).json()) as { items: Array<{ changes: Record<string, unknown> }> };
  expect(history.items.filter((entry) => `participant:${ids.c}` in entry.changes)).toHaveLength(1);
});
