import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 10, "Feedback questionnaires": staff attach the standard post-workshop questionnaire from the
// event's Feedback tab in one click; on a 390×844 phone three participants fill it in through the
// public link (one switches to Urdu); a second questionnaire by the same person is refused (409);
// while the link is open the tab shows the number of responses only; two paper questionnaires make
// five; once the link is closed the event shows the results (n = 5) with every group by sex and
// organisation type withheld (fewer than 5), and the API says the same.

const STAMP = Date.now().toString(36);
const EVENT_TITLE = `E2E feedback ${STAMP}: referral of victims of trafficking — Peshawar`;
const ids: Record<string, string> = {};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

type Results = {
  responseCount: number;
  minGroupSize: number;
  items: Array<{
    kind: string;
    n: number;
    mean: number | null;
    distribution: Array<{ key: string; count: number }>;
    texts: string[];
    bySex: Array<{ n: number; distribution: unknown; mean: number | null }>;
    byOrganizationType: Array<{ n: number; distribution: unknown; mean: number | null }>;
  }>;
};

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const create = async (url: string, data: Record<string, unknown>) => {
    const response = await request.post(url, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const programme = await create('/api/programmes', { name: `E2E Feedback ${STAMP}`, countries: ['PK'] });
  const police = await create('/api/organizations', { name: `KP Police ${STAMP}`, type: 'law_enforcement', countryCode: 'PK' });
  const ngo = await create('/api/organizations', { name: `Legal Aid Society ${STAMP}`, type: 'civil_society', countryCode: 'PK' });
  ids.event = await create('/api/events', {
    programmeId: programme,
    title: EVENT_TITLE,
    type: 'workshop',
    startDate: '2026-06-08',
    endDate: '2026-06-09',
    city: 'Peshawar',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [key, fullName, sex, organizationId] of [
    ['farah', 'Farah Khattak', 'female', police],
    ['gul', 'Gul Zaman', 'male', police],
    ['hina', 'Hina Yousaf', 'female', ngo],
    ['imran', 'Imran Ali', 'male', police],
    ['javeria', 'Javeria Noor', 'female', ngo],
  ] as const) {
    ids[key] = await create('/api/people', { fullName, sex, countryCode: 'PK', organizationId });
    await create(`/api/events/${ids.event}/participants`, { personId: ids[key] });
  }
});

async function shot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** A participant's phone: a fresh browser with nobody signed in. */
async function phone(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  return { context, page: await context.newPage() };
}

/**
 * The standard questionnaire as the server makes it: (1–4) Likert, (5) would you recommend it
 * (yes / maybe / no), (6) most useful and (7) suggestions, free text.
 */
async function fillIn(page: Page, answers: { likert: number[]; recommend: number; useful?: string; suggestions?: string }) {
  for (const [i, value] of answers.likert.entries()) await page.getByTestId(`feedback-likert-${i + 1}-${value}`).click();
  await page.getByTestId(`feedback-option-5-${answers.recommend}`).click();
  if (answers.useful) await page.getByTestId('feedback-text-6').fill(answers.useful);
  if (answers.suggestions) await page.getByTestId('feedback-text-7').fill(answers.suggestions);
}

test('attach the standard questionnaire, fill it in on phones (one in Urdu), refuse a second, read the anonymous results', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);

  // The event's Feedback tab: the standard questionnaire in one click, its link and QR code.
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-feedback').click();
  await expect(page.getByTestId('feedback-anonymous-note')).toContainText('Answers are anonymous');
  await page.getByTestId('feedback-attach-standard').click();
  await expect(page.getByTestId('feedback-form-title')).toHaveText('Post-workshop questionnaire');
  await expect(page.getByTestId('feedback-link-state')).toHaveAttribute('data-open', 'true');
  await expect(page.getByTestId('feedback-link-qr')).toBeVisible();
  const url = await page.getByTestId('feedback-link-url').inputValue();
  expect(url).toMatch(/\/feedback\/[A-Za-z0-9_-]{22}$/);
  await expect(page.getByTestId('feedback-results-none')).toBeVisible();
  await shot(page, 'feedback-tab-desktop-en');

  // Farah answers everything in English.
  {
    const { context, page: farah } = await phone(browser);
    await farah.goto(url);
    await expect(farah.getByTestId('feedback-title')).toHaveText('Post-workshop questionnaire');
    await expect(farah.getByTestId('feedback-anonymous')).toBeVisible();
    await shot(farah, 'feedback-phone-identify-en');
    await farah.getByTestId('take-name').filter({ hasText: 'Farah K.' }).click();
    await fillIn(farah, { likert: [5, 4, 5, 3], recommend: 1, useful: 'The case studies from Peshawar', suggestions: 'More time for role plays' });
    await expect(farah.getByTestId('feedback-progress')).toHaveAttribute('data-answered', '7');
    await shot(farah, 'feedback-phone-answering-en');
    await farah.getByTestId('feedback-submit').click();
    await expect(farah.getByTestId('feedback-sent')).toBeVisible();
    await context.close();
  }

  // Gul switches to Urdu, leaves the free-text items empty and sends anyway.
  {
    const { context, page: gul } = await phone(browser);
    await gul.goto(url);
    await gul.getByTestId('lang-switch').click();
    await expect(gul.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(gul.getByTestId('feedback-title')).toHaveText('ورکشاپ کے اختتام پر سوالنامہ');
    await gul.getByTestId('take-name').filter({ hasText: 'Gul Z.' }).click();
    await fillIn(gul, { likert: [4, 4, 3, 2], recommend: 2 });
    await expect(gul.getByTestId('feedback-likert-1-4')).toContainText('متفق');
    await shot(gul, 'feedback-phone-answering-ur');
    await gul.getByTestId('feedback-submit').click();
    await expect(gul.getByTestId('feedback-confirm')).toBeVisible();
    await gul.getByTestId('feedback-submit').click();
    await expect(gul.getByTestId('feedback-sent')).toContainText('بھیج دیا گیا');
    await shot(gul, 'feedback-phone-sent-ur');
    await context.close();
  }

  // Hina answers in English.
  {
    const { context, page: hina } = await phone(browser);
    await hina.goto(url);
    await hina.getByTestId('take-name').filter({ hasText: 'Hina Y.' }).click();
    await fillIn(hina, { likert: [5, 5, 4, 4], recommend: 1, useful: 'Meeting the shelter staff' });
    await hina.getByTestId('feedback-submit').click();
    await hina.getByTestId('feedback-submit').click();
    await expect(hina.getByTestId('feedback-sent')).toBeVisible();
    await context.close();
  }

  // Farah again, on another phone: refused with a clear message (409).
  {
    const { context, page: again } = await phone(browser);
    await again.goto(url);
    await again.getByTestId('take-name').filter({ hasText: 'Farah K.' }).click();
    await again.getByTestId('feedback-likert-1-1').click();
    await again.getByTestId('feedback-submit').click();
    const refused = again.waitForResponse((r) => r.url().includes('/responses') && r.request().method() === 'POST');
    await again.getByTestId('feedback-submit').click();
    expect((await refused).status()).toBe(409);
    await expect(again.getByTestId('feedback-refused')).toHaveAttribute('data-reason', 'attempt_exists');
    await expect(again.getByTestId('feedback-refused')).toContainText('You have filled in this questionnaire already');
    await shot(again, 'feedback-phone-refused-en');
    await context.close();
  }

  // While the link is open, only the number of responses: each new one would show as a difference.
  await page.reload();
  await page.getByTestId('tab-feedback').click();
  await expect(page.getByTestId('feedback-response-count')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('feedback-results-held')).toHaveAttribute('data-reason', 'link_open');
  await expect(page.getByTestId('feedback-results-n')).toHaveAttribute('data-n', '3');
  await expect(page.getByTestId('feedback-results-held')).toContainText('Results are shown once the link is closed and at least 5 people have responded');
  await expect(page.getByTestId('feedback-result-1')).toHaveCount(0);
  await shot(page, 'feedback-results-held-desktop-en');
  const whileOpen = (await (await page.request.get(`/api/events/${ids.event}/feedback/results`)).json()) as Results & { withheld: string | null };
  expect(whileOpen).toMatchObject({ responseCount: 3, withheld: 'link_open', items: [] });

  // Two paper questionnaires, typed in by staff.
  const attached = (await (await page.request.get(`/api/events/${ids.event}/feedback`)).json()) as {
    form: { items: Array<{ id: string; kind: string; options: Array<{ id: string }> }> };
  };
  const [l1, l2, l3, l4, recommend, useful] = attached.form.items;
  for (const [personId, likert, option, text] of [
    [ids.imran, [4, 4, 4, 4], 0, undefined],
    [ids.javeria, [3, 4, 3, 5], 2, 'The referral role play'],
  ] as const) {
    const paper = await page.request.post(`/api/events/${ids.event}/feedback/responses`, {
      data: {
        personId,
        answers: [
          ...[l1, l2, l3, l4].map((item, i) => ({ itemId: item?.id, value: likert[i] })),
          { itemId: recommend?.id, optionId: recommend?.options[option]?.id },
          ...(text ? [{ itemId: useful?.id, text }] : []),
        ],
      },
    });
    expect(paper.status(), await paper.text()).toBe(201);
  }

  // Closing the link: a phone that opens it is told so (410), and the results show.
  await page.reload();
  await page.getByTestId('tab-feedback').click();
  await expect(page.getByTestId('feedback-results-held')).toHaveAttribute('data-reason', 'link_open');
  await page.getByTestId('feedback-link-toggle').click();
  await expect(page.getByTestId('feedback-link-state')).toHaveAttribute('data-open', 'false');
  {
    const { context, page: late } = await phone(browser);
    await late.goto(url);
    await expect(late.getByTestId('feedback-unavailable')).toHaveAttribute('data-reason', 'link_closed');
    await expect(late.getByTestId('feedback-unavailable')).toContainText('This questionnaire is closed');
    await context.close();
  }

  // The results on the event: n = 5; every group under 5 withheld, in words.
  await expect(page.getByTestId('feedback-results-held')).toHaveCount(0);
  await expect(page.getByTestId('feedback-response-count')).toHaveAttribute('data-count', '5');
  await expect(page.getByTestId('feedback-results-n')).toHaveAttribute('data-n', '5');
  await expect(page.getByTestId('feedback-result-1')).toHaveAttribute('data-n', '5');
  await expect(page.getByTestId('feedback-result-1-mean')).toHaveText('Mean 4.2 of 5');
  await expect(page.getByTestId('feedback-result-1-by-sex')).toContainText('fewer than 5 — withheld');
  await expect(page.getByTestId('feedback-result-1-by-organization-type')).toContainText('fewer than 5 — withheld');
  await expect(page.getByTestId('feedback-result-6-texts')).toContainText('The case studies from Peshawar');
  await shot(page, 'feedback-results-desktop-en');
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('feedback-result-1-by-sex')).toContainText('5 سے کم — ظاہر نہیں کیا گیا');
  await shot(page, 'feedback-results-desktop-ur');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'feedback-results-phone-ur');
  await page.getByTestId('lang-switch').click();

  // The API's results agree.
  const response = await page.request.get(`/api/events/${ids.event}/feedback/results`);
  expect(response.status()).toBe(200);
  const results = (await response.json()) as Results & { withheld: string | null };
  expect(results.withheld).toBeNull();
  expect(results.responseCount).toBe(5);
  expect(results.minGroupSize).toBe(5);
  expect(results.items.map((item) => item.kind)).toEqual(['likert', 'likert', 'likert', 'likert', 'choice', 'text', 'text']);
  expect(results.items[0]?.n).toBe(5);
  expect(results.items[0]?.mean).toBe(4.2);
  expect(results.items[0]?.distribution.map((d) => d.count)).toEqual([0, 0, 1, 2, 2]);
  expect(results.items[4]?.distribution.map((d) => d.count)).toEqual([3, 1, 1]);
  expect(results.items[5]?.texts).toEqual(['Meeting the shelter staff', 'The case studies from Peshawar', 'The referral role play']);
  for (const item of results.items) {
    for (const group of [...item.bySex, ...item.byOrganizationType]) {
      expect(group.distribution).toBeNull();
      expect(group.mean).toBeNull();
    }
  }
});
