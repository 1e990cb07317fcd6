import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import zlib from 'node:zlib';
import { E2E_ADMIN } from '../playwright.config';

// Issue 11, awareness campaigns: a programme manager records a campaign in Gilgit-Baltistan, adds media
// outputs, links an awareness session (its attendees are counted) and a large gathering (estimated),
// uploads a photo from the phone's camera input (a thumbnail appears) and sees the reach as two figures
// that are never added together; a file that is not an image is refused; the page fits a 390 px phone in Urdu.

const STAMP = Date.now().toString(36);
const PROGRAMME = `E2E Campaigns ${STAMP}`;
const TITLE = `Safe migration ${STAMP} — Gilgit-Baltistan`;
const SESSION_TITLE = `Police and community awareness session ${STAMP} — Gilgit`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const ids: Record<string, string> = {};

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A small PNG of one colour, as a phone's camera would hand over a JPEG: a real image the server checks by its bytes. */
function png(): Buffer {
  const [width, height] = [24, 16];
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) row.set([20, 120, 90], 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  ids.programme = await create(request, '/api/programmes', { name: PROGRAMME, countries: ['PK'] });
  ids.event = await create(request, '/api/events', {
    programmeId: ids.programme,
    title: SESSION_TITLE,
    type: 'awareness_session',
    startDate: '2026-05-12',
    endDate: '2026-05-12',
    city: 'Gilgit',
    province: 'Gilgit-Baltistan',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [fullName, sex] of [
    ['Shabana Karim', 'female'],
    ['نسرین اختر', 'female'],
    ['Ali Madad', 'male'],
  ] as const) {
    const personId = await create(request, '/api/people', { fullName: `${fullName} ${STAMP}`, sex, countryCode: 'PK' });
    await create(request, `/api/events/${ids.event}/participants`, { personId, attended: true });
  }
  // The phone's campaign, made through the API: a session of the register, a gathering, an output and a photo.
  ids.phoneCampaign = await create(request, '/api/campaigns', {
    programmeId: ids.programme,
    countryCode: 'PK',
    title: `Phone campaign ${STAMP} — Hunza and Nagar`,
    province: 'Gilgit-Baltistan',
    startDate: '2026-05-01',
    endDate: '2026-05-31',
    languages: ['ur', 'bsk'],
  });
  await create(request, `/api/campaigns/${ids.phoneCampaign}/sessions`, { eventId: ids.event });
  await create(request, `/api/campaigns/${ids.phoneCampaign}/sessions`, { date: '2026-05-20', place: 'Karimabad', estimatedAudience: 450 });
  await create(request, `/api/campaigns/${ids.phoneCampaign}/outputs`, { kind: 'pamphlet', quantity: 2000, language: 'ur', estimatedReach: 1500 });
  const photo = await request.post(`/api/campaigns/${ids.phoneCampaign}/evidence`, {
    multipart: { caption: 'Pamphlets at Aliabad', file: { name: 'pamphlets.png', mimeType: 'image/png', buffer: png() } },
  });
  expect(photo.status(), await photo.text()).toBe(201);
});

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(E2E_ADMIN.email);
  await page.getByTestId('login-password').fill(E2E_ADMIN.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('nav-events')).toBeVisible();
}

test('records a campaign with outputs, sessions and a photo, and shows reach counted apart from estimated', async ({ page }) => {
  // A long path through four forms: over a minute when the machine's two cores are busy.
  test.setTimeout(180_000);
  await signIn(page);
  await page.getByTestId('nav-campaigns').click();
  await page.getByTestId('campaign-create').click();
  await page.getByTestId('campaign-form-title').fill(TITLE);
  await page.getByTestId('campaign-form-programme').click();
  await page.getByRole('listbox').getByRole('option', { name: PROGRAMME }).click();
  await page.getByTestId('campaign-form-province').fill('Gilgit-Baltistan');
  await page.getByTestId('campaign-form-district').fill('Gilgit');
  await page.getByTestId('campaign-form-startDate').fill('2026-05-01');
  await page.getByTestId('campaign-form-endDate').fill('2026-06-30');
  // Another field closes the calendar.
  await page.getByTestId('campaign-form-area').fill('Gilgit city and Jutial');
  await page.getByTestId('campaign-form-languages').click();
  await page.getByRole('listbox').getByRole('option', { name: 'Shina' }).click();
  await page.getByRole('listbox').getByRole('option', { name: 'Urdu' }).click();
  await page.getByTestId('campaign-form-notes').click();
  await page.getByTestId('campaign-form-submit').click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  ids.campaign = page.url().split('/').pop() ?? '';
  await expect(page.getByTestId('page-title')).toContainText(TITLE);

  // Two media outputs.
  await page.getByTestId('tab-outputs').click();
  for (const output of [
    { kind: 'Radio PSA', quantity: '40', reach: '120000', description: '60-second PSA on Radio Pakistan Gilgit' },
    { kind: 'Poster', quantity: '500', reach: '', description: 'Know the signs of trafficking' },
  ]) {
    await page.getByTestId('output-add').click();
    await page.getByTestId('output-form-kind').click();
    await page.getByRole('listbox').getByRole('option', { name: output.kind, exact: true }).click();
    await page.getByTestId('output-form-quantity').fill(output.quantity);
    await page.getByTestId('output-form-description').fill(output.description);
    if (output.reach) await page.getByTestId('output-form-reach').fill(output.reach);
    await page.getByTestId('output-form-places').fill('Gilgit');
    await page.keyboard.press('Enter');
    await page.getByTestId('output-form-submit').click();
    await expect(page.getByTestId('output-form')).toHaveCount(0);
  }
  await expect(page.getByTestId('output-row')).toHaveCount(2);

  // Sessions: the awareness session of the register (3 attended) and a gathering of about 800.
  await page.getByTestId('tab-sessions').click();
  await page.getByTestId('session-link-event').click();
  await page.getByTestId('session-link-event').fill(STAMP);
  await expect(page.getByRole('listbox').getByRole('option', { name: new RegExp(SESSION_TITLE) })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-counted')).toHaveText('3 participants (2 female, 1 male)');
  await page.getByTestId('session-add-estimated').click();
  await page.getByTestId('session-form-place').fill('Jutial bazaar, Gilgit');
  await page.getByTestId('session-form-audience').fill('800');
  await page.getByTestId('session-form-female').fill('300');
  await page.getByTestId('session-form-submit').click();
  await expect(page.getByTestId('session-row')).toHaveCount(2);

  // A photo of the radio PSA's recording, attached to it; then a text file dressed as a photo is refused.
  await page.getByTestId('tab-evidence').click();
  await expect(page.getByTestId('evidence-file')).toHaveAttribute('accept', 'image/*,application/pdf');
  await page.getByTestId('evidence-caption').fill('Recording the PSA at Radio Pakistan Gilgit');
  await page.getByTestId('evidence-output').click();
  await page
    .getByRole('listbox')
    .getByRole('option', { name: /Radio PSA/ })
    .click();
  await page.getByTestId('evidence-file').setInputFiles({ name: 'IMG_2041.png', mimeType: 'image/png', buffer: png() });
  await expect(page.getByTestId('evidence-item')).toHaveCount(1);
  const thumbnail = page.getByTestId('evidence-thumbnail');
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(24);
  await expect(page.getByTestId('evidence-item')).toContainText('Recording the PSA at Radio Pakistan Gilgit');
  await page.getByTestId('evidence-file').setInputFiles({ name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not really a photo') });
  await expect(page.getByTestId('evidence-error')).toBeVisible();
  await expect(page.getByTestId('evidence-item')).toHaveCount(1);

  // Reach: two figures and a sentence that keeps them apart; nothing says 120,803.
  await expect(page.getByTestId('reach-counted-total')).toHaveText('3');
  await expect(page.getByTestId('reach-estimated-total')).toHaveText('~120,800');
  await expect(page.getByTestId('reach-sentence')).toHaveText(
    'Counted: 3 people at 1 session (2 female, 1 male). Estimated: about 120,800 reached (sessions 800, media outputs 120,000). ' +
      'The estimate is not added to the count: the same people may be in both.',
  );
  await expect(page.getByTestId('campaign-reach')).toContainText('Outputs with no estimate: 1');
  await expect(page.locator('body')).not.toContainText('120,803');

  // The API says the same (the contract's `reach: { counted, estimated }`).
  const answer = await page.request.get(`/api/campaigns/${ids.campaign}`);
  const campaign = (await answer.json()) as { reach: { counted: { total: number; female: number }; estimated: { total: number } }; evidence: unknown[] };
  expect(campaign.reach.counted).toMatchObject({ total: 3, female: 2 });
  expect(campaign.reach.estimated.total).toBe(120800);
  expect(campaign.evidence).toHaveLength(1);

  // The list shows it with its counts, and finds it by province.
  await page.goto(`/campaigns?province=Gilgit-Baltistan&programmeId=${ids.programme}&q=safe`);
  await expect(page.getByTestId('campaign-row')).toHaveCount(1);
  await expect(page.getByTestId('campaign-row')).toContainText('Sessions: 2 · Outputs: 2');
});

test('the campaign page in Urdu on a 390 px phone: reach in two figures, nothing beyond the screen', async ({ browser }) => {
  const context = await browser.newContext({ ...PHONE });
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  const page = await context.newPage();
  await signIn(page);
  await page.goto(`/campaigns/${ids.phoneCampaign}`);
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.getByTestId('reach-sentence')).toContainText('شمار شدہ');
  await expect(page.getByTestId('reach-sentence')).toContainText('اندازہ شمار میں جمع نہیں کیا گیا');
  await expect(page.getByTestId('campaign-reach')).toContainText('نشستوں میں شمار شدہ افراد');
  for (const tab of ['tab-sessions', 'tab-outputs', 'tab-evidence']) {
    await page.getByTestId(tab).click();
    await page.waitForTimeout(200);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, tab).toBeLessThanOrEqual(391);
  }
  await expect(page.getByTestId('evidence-thumbnail')).toBeVisible();
  await page.goto('/campaigns');
  await expect(page.getByTestId('page-title')).toHaveText('آگاہی مہمات');
  await expect(page.getByTestId('campaigns-cards')).toBeVisible();
  await context.close();
});
