import { expect, test, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 10, "Feedback questionnaires": templates of agree-or-disagree (1–5), single-choice and
// written items in English and Urdu. On the Questionnaires page staff make one of each kind; the
// event's Feedback tab attaches it (not the standard one); two paper questionnaires are typed in with
// the keyboard alone; a participant answers through the public link on a 390 px phone in Urdu; the
// results count all three; a change of the answered template becomes its version 2, with its history;
// and the page and its form fit a 390 px phone in Urdu.

const STAMP = Date.now().toString(36);
const TITLE = { en: `Referral workshop feedback ${STAMP}`, ur: `ریفرل ورکشاپ پر رائے ${STAMP}` };
const ITEMS = {
  likert: { en: 'The case studies were close to my daily work.', ur: 'کیس اسٹڈیز میرے روزمرہ کام کے قریب تھیں۔' },
  choice: { en: 'Which session helped you most?', ur: 'کس نشست نے آپ کی سب سے زیادہ مدد کی؟' },
  text: { en: 'What should the next workshop add?', ur: 'اگلی ورکشاپ میں کیا شامل ہونا چاہیے؟' },
};
const OPTIONS = [
  { en: 'Victim identification', ur: 'متاثرین کی شناخت' },
  { en: 'Referral to shelters', ur: 'پناہ گاہوں کو بھیجنا' },
  { en: 'Prosecution', ur: 'استغاثہ' },
];
const ids: Record<string, string> = {};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const create = async (url: string, data: Record<string, unknown>) => {
    const response = await request.post(url, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  const programme = await create('/api/programmes', { name: `E2E Questionnaires ${STAMP}`, countries: ['PK'] });
  const police = await create('/api/organizations', { name: `Sindh Police ${STAMP}`, type: 'law_enforcement', countryCode: 'PK' });
  ids.event = await create('/api/events', {
    programmeId: programme,
    title: `E2E questionnaires ${STAMP}: referral of victims — Hyderabad`,
    type: 'workshop',
    startDate: '2026-05-11',
    endDate: '2026-05-12',
    city: 'Hyderabad',
    countryCode: 'PK',
    status: 'held',
  });
  for (const [key, fullName, sex] of [
    ['amina', 'Amina Baig', 'female'],
    ['bashir', 'Bashir Khan', 'male'],
    ['chandni', 'Chandni Wali', 'female'],
  ] as const) {
    ids[key] = await create('/api/people', { fullName, sex, countryCode: 'PK', organizationId: police });
    await create(`/api/events/${ids.event}/participants`, { personId: ids[key] });
  }
});

async function shot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** Nothing reaches beyond the screen's edges sideways (wide tables scroll inside their own box). */
async function fitsTheScreen(page: Page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
  expect(widths.page, `the page is ${widths.page}px wide on a ${widths.screen}px screen`).toBeLessThanOrEqual(widths.screen + 1);
}

type Results = {
  responseCount: number;
  items: Array<{ kind: string; n: number; mean: number | null; distribution: Array<{ count: number }>; texts: string[] }>;
};

test('make a questionnaire of three kinds in English and Urdu, attach it, type two paper ones, answer one on a phone in Urdu', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);

  // The Questionnaires page, from the menu beside the question bank.
  await page.goto('/');
  await page.getByTestId('nav-questionnaires').click();
  await expect(page).toHaveURL(/\/questionnaires$/);
  await expect(page.getByTestId('page-title')).toHaveText('Questionnaires');

  // A new template: one item of each kind, each in English and Urdu.
  await page.getByTestId('template-create').click();
  await expect(page.getByTestId('template-form')).toBeVisible();
  await page.getByTestId('template-title-en').fill(TITLE.en);
  await page.getByTestId('template-title-ur').fill(TITLE.ur);
  await page.getByTestId('template-item-1-en').fill(ITEMS.likert.en);
  await page.getByTestId('template-item-1-ur').fill(ITEMS.likert.ur);
  await page.getByTestId('template-add-choice').click();
  await expect(page.getByTestId('template-item-2-en')).toBeFocused();
  await page.getByTestId('template-item-2-en').fill(ITEMS.choice.en);
  await page.getByTestId('template-item-2-ur').fill(ITEMS.choice.ur);
  await page.getByTestId('template-item-2-option-add').click();
  for (const [i, option] of OPTIONS.entries()) {
    await page.getByTestId(`template-item-2-option-${i + 1}-en`).fill(option.en);
    await page.getByTestId(`template-item-2-option-${i + 1}-ur`).fill(option.ur);
  }
  await page.getByTestId('template-add-text').click();
  await page.getByTestId('template-item-3-en').fill(ITEMS.text.en);
  await page.getByTestId('template-item-3-ur').fill(ITEMS.text.ur);
  await shot(page, 'questionnaire-form-desktop-en');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/feedback-templates') && r.request().method() === 'POST');
  await page.getByTestId('template-form-submit').click();
  expect((await created).status()).toBe(201);
  const template = (await (await created).json()) as { id: string; items: Array<{ kind: string }> };
  ids.template = template.id;
  expect(template.items.map((item) => item.kind)).toEqual(['likert', 'choice', 'text']);
  const row = page.locator(`[data-testid="template-row"][data-template-id="${template.id}"]`);
  await expect(row).toContainText(TITLE.en);
  await expect(row).toContainText('1 agree or disagree, 1 single choice, 1 written');
  await shot(page, 'questionnaires-desktop-en');

  // The event's Feedback tab: this template, not the standard one.
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-feedback').click();
  await page.getByTestId('feedback-template').click();
  await page.getByTestId('feedback-template').fill(STAMP);
  await page.getByRole('option', { name: new RegExp(`^${TITLE.en}`) }).click();
  await page.getByTestId('feedback-attach-template').click();
  await expect(page.getByTestId('feedback-form-title')).toHaveText(TITLE.en);
  const url = await page.getByTestId('feedback-link-url').inputValue();

  // Two paper questionnaires, typed with the keyboard alone: a few letters of the name and Enter,
  // then a point, an option's number, a written answer; Enter on the last saves and starts the next.
  await page.getByTestId('feedback-paper-open').click();
  const who = page.getByTestId('feedback-paper-who');
  const cell = (n: number) => page.getByTestId(`feedback-paper-cell-${n}`);
  await who.click();
  await who.pressSequentially('Ami');
  await page.keyboard.press('Enter');
  await expect(cell(1)).toBeFocused();
  await page.keyboard.type('5');
  await expect(page.getByTestId('feedback-paper-meaning-1')).toHaveText('Strongly agree');
  await page.keyboard.press('Enter');
  await page.keyboard.type('2');
  await expect(page.getByTestId('feedback-paper-meaning-2')).toHaveText(OPTIONS[1]?.en ?? '');
  await page.keyboard.press('Enter');
  await expect(cell(3)).toBeFocused();
  await page.keyboard.type('More time for the referral exercise');
  await shot(page, 'feedback-paper-desktop-en');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('feedback-paper-status')).toHaveText('Saved: the questionnaire of Amina Baig.');
  await expect(who).toBeFocused();
  await who.pressSequentially('Bas');
  await page.keyboard.press('Enter');
  await expect(cell(1)).toBeFocused();
  // Urdu keyboards give Urdu digits; letters name options as on a test's answer sheet.
  await page.keyboard.type('۳');
  await page.keyboard.press('Enter');
  await page.keyboard.type('c');
  await expect(cell(2)).toHaveValue('3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('feedback-paper-status')).toHaveText('Saved: the questionnaire of Bashir Khan.');
  await expect(page.getByTestId('feedback-paper-typed')).toHaveAttribute('data-n', '2');
  await expect(page.getByTestId('feedback-response-count')).toHaveAttribute('data-count', '2');

  // Chandni answers through the link on a 390 px phone, in Urdu.
  {
    const context = await browser.newContext(PHONE);
    await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
    const phone = await context.newPage();
    await phone.goto(url);
    await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(phone.getByTestId('feedback-title')).toHaveText(TITLE.ur);
    await phone.getByTestId('take-name').filter({ hasText: 'Chandni' }).click();
    await expect(phone.getByTestId('feedback-item-1')).toContainText(ITEMS.likert.ur);
    await expect(phone.getByTestId('feedback-item-2')).toContainText(OPTIONS[0]?.ur ?? '');
    await phone.getByTestId('feedback-likert-1-4').click();
    await phone.getByTestId('feedback-option-2-1').click();
    await phone.getByTestId('feedback-text-3').fill('خواتین اہلکاروں کے لیے الگ نشست');
    await fitsTheScreen(phone);
    await shot(phone, 'questionnaire-phone-answering-ur');
    await phone.getByTestId('feedback-submit').click();
    await expect(phone.getByTestId('feedback-sent')).toContainText('بھیج دیا گیا');
    await shot(phone, 'questionnaire-phone-sent-ur');
    await context.close();
  }

  // All three counted: two from paper, one through the link. While the link is open only their number
  // shows (each new response would be the difference between two readings); closed, still the number
  // only, as fewer than 5 responded. (The figures themselves: feedback.test.ts.)
  const read = async () => {
    const response = await page.request.get(`/api/events/${ids.event}/feedback/results`);
    expect(response.status()).toBe(200);
    return (await response.json()) as Results & { withheld: string | null };
  };
  expect(await read()).toMatchObject({ responseCount: 3, withheld: 'link_open', items: [] });
  expect((await page.request.put(`/api/events/${ids.event}/feedback/link`, { data: { open: false } })).status()).toBe(200);
  expect(await read()).toMatchObject({ responseCount: 3, withheld: 'too_few', items: [] });

  // The template has responses now: a change becomes its version 2, and the history says so.
  await page.goto('/questionnaires');
  await page.getByTestId(`template-edit-${ids.template}`).first().click();
  await expect(page.getByTestId('template-form-answered')).toContainText('Saving makes version 2');
  await page.getByTestId('template-item-1-ur').fill('کیس اسٹڈیز میرے روزانہ کے کام سے ملتی جلتی تھیں۔');
  await page.getByTestId('template-form-submit').click();
  await expect(page.getByTestId('template-new-version')).toContainText('Saved as version 2');
  await expect(page.getByTestId(`template-version-${ids.template}`).first()).toHaveText('Version 2');
  await expect(page.getByTestId(`template-delete-${ids.template}`)).toHaveCount(0);
  await page.getByTestId(`template-history-${ids.template}`).first().click();
  await expect(page.getByTestId('template-history-entry')).toHaveCount(2);
  await expect(page.getByTestId('template-history-entry').first()).toContainText('کیس اسٹڈیز میرے روزانہ');
  await expect(page.getByTestId('template-history-entry').last()).toHaveAttribute('data-action', 'create');
  await page.keyboard.press('Escape');

  // The page, its form and the paper questionnaires on a 390 px phone in Urdu.
  {
    const context = await browser.newContext(PHONE);
    await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
    expect((await context.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
    const phone = await context.newPage();
    await phone.goto('/questionnaires');
    await expect(phone.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(phone.getByTestId('page-title')).toHaveText('سوالنامے');
    await expect(phone.locator(`[data-template-id="${ids.template}"]`).first()).toContainText(TITLE.ur);
    await fitsTheScreen(phone);
    await shot(phone, 'questionnaires-phone-ur');
    await phone.getByTestId(`template-edit-${ids.template}`).first().click();
    await expect(phone.getByTestId('template-form')).toBeVisible();
    await phone.waitForTimeout(400);
    await fitsTheScreen(phone);
    await shot(phone, 'questionnaire-form-phone-ur');
    await phone.keyboard.press('Escape');
    await phone.getByTestId(`template-history-${ids.template}`).first().click();
    await expect(phone.getByTestId('template-history-entry')).toHaveCount(2);
    await phone.waitForTimeout(400);
    await shot(phone, 'questionnaire-history-phone-ur');
    await phone.goto(`/events/${ids.event}`);
    await phone.getByTestId('tab-feedback').click();
    await phone.getByTestId('feedback-paper-open').click();
    await expect(phone.getByTestId('feedback-paper')).toBeVisible();
    await fitsTheScreen(phone);
    await shot(phone, 'feedback-paper-phone-ur');
    // What a typed cell says, in Urdu.
    await phone.getByTestId('feedback-paper-cell-1').fill('4');
    await phone.getByTestId('feedback-paper-cell-2').fill('1');
    await expect(phone.getByTestId('feedback-paper-meaning-1')).toHaveText('متفق');
    await expect(phone.getByTestId('feedback-paper-meaning-2')).toHaveText(OPTIONS[0]?.ur ?? '');
    await fitsTheScreen(phone);
    await phone.getByTestId('feedback-paper').screenshot({ path: test.info().outputPath('feedback-paper-panel-phone-ur.png') });
    await context.close();
  }
});
