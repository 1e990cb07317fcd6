import { expect, request as apiRequest, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { E2E_ADMIN, E2E_PORT } from '../playwright.config';

// Issue 9: a change made offline meets someone else's change of the same value. The device shows
// both values, the person chooses, and the server ends up with what they chose.
const DAY = '2025-08-04';
const OTHER = { email: 'e2e.conflict.manager@hifazat.example', password: 'conflict-manager-password-2026' };
const ids: Record<string, string> = {};

type Participants = { items: Array<{ personId: string | null; role: string; presentDates: string[]; absentDates: string[] }> };

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await create(request, '/api/users', { ...OTHER, name: 'E2E Other Manager', role: 'programme_manager', countries: ['PK'] });
  const programme = await create(request, '/api/programmes', { name: 'E2E Conflict Programme', countries: ['PK'] });
  ids.event = await create(request, '/api/events', {
    programmeId: programme,
    title: 'E2E Gilgit register changed twice',
    type: 'training',
    startDate: DAY,
    endDate: DAY,
    city: 'Gilgit',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [key, fullName, sex] of [
    ['mine', 'Conflict Mehwish Keeps', 'female'],
    ['theirs', 'Conflict Tariq Yields', 'male'],
  ] as const) {
    ids[key] = await create(request, '/api/people', { fullName, sex, countryCode: 'PK' });
    await create(request, `/api/events/${ids.event}/participants`, { personId: ids[key] });
  }
});

/** The other user: a session of their own, outside the browser that goes offline. */
async function otherUser(): Promise<APIRequestContext> {
  const other = await apiRequest.newContext({ baseURL: `http://127.0.0.1:${E2E_PORT}` });
  expect((await other.post('/api/auth/login', { data: OTHER })).status()).toBe(200);
  return other;
}

async function signIn(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
  await page.goto(`/events/${ids.event}`);
}

async function serverList(request: APIRequestContext): Promise<Map<string, Participants['items'][number]>> {
  const response = await request.get(`/api/events/${ids.event}/participants`);
  expect(response.status()).toBe(200);
  return new Map(((await response.json()) as Participants).items.map((p) => [p.personId ?? '', p]));
}

/** The conflict card of one person: their name is in its rows. */
const conflictOf = (page: Page, name: string): Locator => page.getByTestId('offline-conflict').filter({ hasText: name });

test('a role changed offline and by someone else meanwhile: both values shown; "keep mine" and "keep theirs" each end on the server', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const other = await otherUser();
  await signIn(page);
  await expect(page.getByTestId(`participant-role-${ids.mine}`)).toHaveValue('participant');

  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await page.getByTestId(`participant-role-${ids.mine}`).selectOption('observer');
  await page.getByTestId(`participant-role-${ids.theirs}`).selectOption('observer');
  await expect(page.getByTestId(`participant-not-saved-${ids.mine}`)).toBeVisible();
  await expect(page.getByTestId('sync-pending')).toHaveAttribute('data-count', '2');

  // Meanwhile the other user makes both of them trainers.
  for (const personId of [ids.mine, ids.theirs]) {
    const changed = await other.patch(`/api/events/${ids.event}/participants/${personId}`, { data: { role: 'trainer' } });
    expect(changed.status(), await changed.text()).toBe(200);
  }

  await context.setOffline(false);
  await expect(page.getByTestId('offline-conflict')).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId('sync-conflicts')).toHaveAttribute('data-count', '2');
  for (const name of ['Conflict Mehwish Keeps', 'Conflict Tariq Yields']) {
    await expect(conflictOf(page, name).getByTestId('offline-conflict-yours')).toHaveText('Observer');
    await expect(conflictOf(page, name).getByTestId('offline-conflict-theirs')).toHaveText('Trainer');
  }
  // Nothing of the device's reached the server yet: both are the other user's trainers.
  let now = await serverList(request);
  expect([now.get(ids.mine ?? '')?.role, now.get(ids.theirs ?? '')?.role]).toEqual(['trainer', 'trainer']);

  // "Keep theirs" first: nothing is sent, and the list shows the server's value, not the one read before going offline.
  await conflictOf(page, 'Conflict Tariq Yields').getByTestId('offline-keep-theirs').click();
  await expect(page.getByTestId('offline-conflict')).toHaveCount(1);
  await expect(page.getByTestId(`participant-role-${ids.theirs}`)).toHaveValue('trainer', { timeout: 2_000 });
  await conflictOf(page, 'Conflict Mehwish Keeps').getByTestId('offline-keep-mine').click();
  await expect(page.getByTestId('offline-conflict')).toHaveCount(0);
  // The queue is empty once "keep mine" is saved.
  await expect(page.getByTestId('connection-status')).toHaveCount(0, { timeout: 20_000 });
  now = await serverList(request);
  expect(now.get(ids.mine ?? '')?.role).toBe('observer');
  expect(now.get(ids.theirs ?? '')?.role).toBe('trainer');
  // And the page shows what the server has.
  await expect(page.getByTestId(`participant-role-${ids.mine}`)).toHaveValue('observer');
  await expect(page.getByTestId(`participant-role-${ids.theirs}`)).toHaveValue('trainer');
  await other.dispose();
});

test('a mark ticked offline and changed by someone else meanwhile: "keep mine" marks present, "keep theirs" leaves absent', async ({
  page,
  context,
  request,
}) => {
  test.setTimeout(120_000);
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const other = await otherUser();
  await signIn(page);
  await page.getByTestId('tab-attendance').click();
  await expect(page.getByTestId(`attendance-cell-${ids.mine}-${DAY}`)).not.toBeChecked();

  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await page.getByTestId(`attendance-cell-${ids.mine}-${DAY}`).click();
  await page.getByTestId(`attendance-cell-${ids.theirs}-${DAY}`).click();
  await expect(page.getByTestId(`attendance-not-saved-${ids.theirs}-${DAY}`)).toBeVisible();

  for (const personId of [ids.mine, ids.theirs]) {
    const marked = await other.put(`/api/events/${ids.event}/attendance`, { data: { personId, date: DAY, present: false } });
    expect(marked.status(), await marked.text()).toBe(200);
  }

  await context.setOffline(false);
  await expect(page.getByTestId('offline-conflict')).toHaveCount(2, { timeout: 20_000 });
  for (const name of ['Conflict Mehwish Keeps', 'Conflict Tariq Yields']) {
    await expect(conflictOf(page, name).getByTestId('offline-conflict-yours')).toHaveText('Present');
    await expect(conflictOf(page, name).getByTestId('offline-conflict-theirs')).toHaveText('Absent');
  }

  await conflictOf(page, 'Conflict Mehwish Keeps').getByTestId('offline-keep-mine').click();
  await conflictOf(page, 'Conflict Tariq Yields').getByTestId('offline-keep-theirs').click();
  await expect(page.getByTestId('offline-conflict')).toHaveCount(0);
  await expect(page.getByTestId('connection-status')).toHaveCount(0, { timeout: 20_000 });
  const now = await serverList(request);
  expect(now.get(ids.mine ?? '')).toMatchObject({ presentDates: [DAY], absentDates: [] });
  expect(now.get(ids.theirs ?? '')).toMatchObject({ presentDates: [], absentDates: [DAY] });
  await expect(page.getByTestId(`attendance-cell-${ids.mine}-${DAY}`)).toBeChecked();
  await expect(page.getByTestId(`attendance-cell-${ids.theirs}-${DAY}`)).not.toBeChecked();
  await other.dispose();
});
