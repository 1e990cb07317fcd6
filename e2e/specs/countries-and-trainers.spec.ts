import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 7: a Pakistan-only user reads a Pakistani event with an Afghan participant; a trainer is
// offered no controls they cannot use.
const PK_VIEWER = { email: 'e2e.pk.viewer@hifazat.example', password: 'pk-viewer-password-2026' };
const TRAINER = { email: 'e2e.trainer@hifazat.example', password: 'trainer-password-2026' };
const ids: Record<string, string> = {};

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const create = async (url: string, data: Record<string, unknown>) => {
    const response = await request.post(url, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  ids.viewer = await create('/api/users', { ...PK_VIEWER, name: 'E2E Pakistan Viewer', role: 'viewer', countries: ['PK'] });
  ids.trainer = await create('/api/users', { ...TRAINER, name: 'E2E Trainer', role: 'trainer', countries: ['PK'] });
  const programme = await create('/api/programmes', { name: 'E2E Border Programme', countries: ['PK', 'AF'] });
  const afOrg = await create('/api/organizations', { name: 'Afghan Border Police', acronym: 'ABP', type: 'law_enforcement', countryCode: 'AF' });
  const pkOrg = await create('/api/organizations', { name: 'E2E Punjab Police', type: 'law_enforcement', countryCode: 'PK' });
  ids.event = await create('/api/events', {
    programmeId: programme,
    title: 'E2E Border workshop',
    type: 'workshop',
    startDate: '2025-03-10',
    endDate: '2025-03-10',
    city: 'Lahore',
    countryCode: 'PK',
    status: 'held',
    organizerIds: [afOrg],
    trainerUserIds: [ids.trainer],
  });
  ids.ayesha = await create('/api/people', { fullName: 'Ayesha Border', sex: 'female', organizationId: pkOrg, countryCode: 'PK' });
  ids.zarmina = await create('/api/people', { fullName: 'Zarmina Afghan', sex: 'female', organizationId: afOrg, designation: 'Commander', countryCode: 'AF' });
  ids.org = pkOrg;
  for (const personId of [ids.ayesha, ids.zarmina]) await create(`/api/events/${ids.event}/participants`, { personId, attended: true });
});

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto('/');
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav-events')).toBeVisible();
}

test('a Pakistan-only viewer sees an Afghan participant masked, in English and Urdu, with no link to them', async ({ page }, testInfo) => {
  await signIn(page, PK_VIEWER);
  await page.goto(`/events/${ids.event}`);
  await expect(page.getByTestId('participant-row')).toHaveCount(2);
  await expect(page.getByTestId('participant-hidden')).toHaveText('A participant from another country');
  await expect(page.getByTestId('event-organizers')).toContainText('from another country: 1');
  await expect(page.getByTestId('event-summary-text')).toHaveText('2 participants (2 female)');
  const body = page.locator('body');
  await expect(body).not.toContainText('Zarmina');
  await expect(body).not.toContainText('Afghan Border');
  await expect(page.locator('[data-hidden="true"] a')).toHaveCount(0);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-list')).toContainText('from another country (not shown)');
  await expect(body).not.toContainText('Zarmina');
  await page.getByTestId('lang-switch').click();
  await page.getByTestId('tab-participants').click();
  await expect(page.getByTestId('participant-hidden')).toHaveText('کسی دوسرے ملک سے ایک شریک');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: testInfo.outputPath('masked-participant-ur.png'), fullPage: true });
});

test('a trainer is offered no delete for the event they train, no edit for an organisation, and edits only people on their events', async ({ page }) => {
  await signIn(page, TRAINER);
  await page.goto(`/events/${ids.event}`);
  await expect(page.getByTestId('event-edit')).toBeVisible();
  await expect(page.getByTestId('event-delete')).toHaveCount(0);
  await page.goto(`/organizations/${ids.org}`);
  await expect(page.getByTestId('organization-details')).toBeVisible();
  await expect(page.getByTestId('organization-edit')).toHaveCount(0);
  await page.goto(`/people/${ids.ayesha}`);
  await expect(page.getByTestId('person-edit')).toBeVisible();
});
