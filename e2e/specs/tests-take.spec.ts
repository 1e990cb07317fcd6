import { expect, test, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 10, "Tests" and "Analysis": staff build a pre- and a post-test from new questions of the bank;
// on a 390×844 phone three participants take both through the link (one in Urdu; one types their
// personal code and loses the connection mid-test, reloads and sends when it is back; the post-test
// takes personal codes only, its page lists no names); a second
// attempt is refused; staff mark the short answers and see the analysis with its figures withheld
// (3 people); two paper sheets of each test typed in with the keyboard bring it to 5, and the
// event's figures show while the groups by sex and organisation type (under 5) stay withheld.

const DAYS = ['2026-05-11', '2026-05-12'];
const STAMP = Date.now().toString(36);
const EVENT_TITLE = `E2E tests ${STAMP}: identifying victims of trafficking — Quetta`;
const ids: Record<string, string> = {};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

type Attempts = { items: Array<{ personId: string | null; source: string; score: number; maxScore: number; pendingMarks: number }> };

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const programme = await create(request, '/api/programmes', { name: `E2E Learning ${STAMP}`, countries: ['PK'] });
  const police = await create(request, '/api/organizations', { name: `Balochistan Police ${STAMP}`, type: 'law_enforcement', countryCode: 'PK' });
  const ngo = await create(request, '/api/organizations', { name: `Shelter Trust ${STAMP}`, type: 'civil_society', countryCode: 'PK' });
  ids.event = await create(request, '/api/events', {
    programmeId: programme,
    title: EVENT_TITLE,
    type: 'workshop',
    startDate: DAYS[0],
    endDate: DAYS[1],
    city: 'Quetta',
    countryCode: 'PK',
    status: 'held',
  });
  // Three women and two men; three of the police, two of a shelter: every group under 5.
  for (const [key, fullName, sex, organizationId] of [
    ['amina', 'Amina Baig', 'female', police],
    ['bilal', 'Bilal Ahmed', 'male', police],
    ['chandni', 'Chandni Wali', 'female', ngo],
    ['danish', 'Danish Raza', 'male', ngo],
    ['erum', 'Erum Shah', 'female', police],
  ] as const) {
    ids[key] = await create(request, '/api/people', { fullName, sex, countryCode: 'PK', organizationId });
    await create(request, `/api/events/${ids.event}/participants`, { personId: ids[key] });
  }
});

async function signIn(page: Page) {
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
}

async function shot(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
}

/** A participant's phone: a fresh browser with nobody signed in, in English or Urdu. */
async function phone(browser: Browser, lang: 'en' | 'ur'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  await context.addInitScript((language) => localStorage.setItem('hifazat.lang', language), lang);
  return { context, page: await context.newPage() };
}

/** The test's questions as this spec writes them: (1) single choice, (2) true/false, (3) multiple choice, (4) short answer. */
async function answer(page: Page, choices: { q1: number; q2: number; q3: number[]; q4: string }) {
  await page.getByTestId(`take-option-1-${choices.q1}`).click();
  await page.getByTestId(`take-option-2-${choices.q2}`).click();
  for (const option of choices.q3) await page.getByTestId(`take-option-3-${option}`).click();
  await page.getByTestId('take-text-4').fill(choices.q4);
}

async function attemptsOf(request: APIRequestContext, testId: string): Promise<Attempts['items']> {
  const response = await request.get(`/api/tests/${testId}/attempts`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as Attempts).items;
}

test('build a test, take it on phones (one offline mid-test), mark it, type in paper sheets and read the analysis', async ({ page, browser, request }) => {
  test.setTimeout(300_000);
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page);

  // The question bank: four new questions, one of each type.
  await page.goto('/questions');
  await expect(page.getByTestId('page-title')).toHaveText('Question bank');
  const newQuestion = async (type: string, en: string, ur: string, options: Array<[string, string, boolean]>, points?: string) => {
    await page.getByTestId('question-create').click();
    await page.getByTestId('question-form-type').click();
    await page.getByRole('listbox').getByRole('option', { name: type, exact: true }).click();
    await page.getByTestId('question-form-text-en').fill(en);
    await page.getByTestId('question-form-text-ur').fill(ur);
    if (points) await page.getByTestId('question-form-points').fill(points);
    for (const [i, [optionEn, optionUr, correct]] of options.entries()) {
      if (i >= 2 && type !== 'True / false') await page.getByTestId('question-option-add').click();
      await page.getByTestId(`question-option-${i}-en`).fill(optionEn);
      await page.getByTestId(`question-option-${i}-ur`).fill(optionUr);
      if (correct) await page.getByTestId(`question-option-${i}-correct`).check();
    }
    await page.getByTestId('question-form-topic').fill('victim identification');
    await page.getByTestId('question-form-topic').press('Escape');
    await page.getByTestId('question-form-submit').click();
    await expect(page.getByTestId('question-form')).toHaveCount(0);
    await expect(page.getByTestId('question-row').filter({ hasText: en })).toHaveCount(1);
  };
  await newQuestion('Single choice', `E2E ${STAMP} Which of these is an indicator of trafficking?`, 'ان میں سے کون سی بات انسانی اسمگلنگ کی علامت ہے؟', [
    ['A signed work contract', 'دستخط شدہ ملازمت کا معاہدہ', false],
    ['The employer keeps the worker’s passport', 'آجر کارکن کا پاسپورٹ اپنے پاس رکھتا ہے', true],
    ['Wages paid every month', 'ہر مہینے تنخواہ کی ادائیگی', false],
  ]);
  await newQuestion('True / false', `E2E ${STAMP} A victim’s consent makes the exploitation lawful.`, 'متاثرہ فرد کی رضامندی استحصال کو جائز بنا دیتی ہے۔', [
    ['True', 'درست', false],
    ['False', 'غلط', true],
  ]);
  await newQuestion('Multiple choice', `E2E ${STAMP} Where can a victim be referred?`, 'متاثرہ فرد کو کہاں بھیجا جا سکتا ہے؟', [
    ['A shelter', 'دارالامان', true],
    ['The trafficker', 'اسمگلر', false],
    ['Free legal aid', 'مفت قانونی امداد', true],
  ]);
  await newQuestion(
    'Short answer',
    `E2E ${STAMP} Name one sign that a person is not free to leave.`,
    'کوئی ایک علامت بتائیں کہ فرد جانے کے لیے آزاد نہیں۔',
    [],
    '2',
  );
  await shot(page, 'question-bank-desktop-en');

  // The event's Tests tab: the pre-test from the four questions, in order; the post-test asks the same.
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-tests').click();
  await expect(page.getByTestId('tests-none')).toBeVisible();
  await page.getByTestId('tests-create').click();
  await page.getByTestId('test-builder-kind-pre').check();
  await page.getByTestId('test-builder-search').fill(`E2E ${STAMP}`);
  const bank = page.getByTestId('test-builder-bank');
  for (const words of ['indicator of trafficking', 'consent makes', 'victim be referred', 'not free to leave']) {
    await bank.getByRole('checkbox', { name: new RegExp(words) }).check();
  }
  await expect(page.getByTestId('test-builder-count')).toHaveText('4 questions · 5 points');
  await page.getByTestId('test-builder-passmark').fill('60');
  await page.getByTestId('test-builder-submit').click();
  await expect(page.getByTestId('test-card')).toHaveCount(1);
  await page.getByTestId('tests-create').click();
  await page.getByTestId('test-builder-kind-post').check();
  await page.getByTestId('test-builder-copy-pre').click();
  await expect(page.getByTestId('test-builder-count')).toHaveText('4 questions · 5 points');
  await page.getByTestId('test-builder-submit').click();
  await expect(page.getByTestId('test-card')).toHaveCount(2);
  const tests = ((await (await request.get(`/api/events/${ids.event}/tests`)).json()) as { items: Array<{ id: string; kind: string; link: { path: string } }> })
    .items;
  const pre = tests.find((t) => t.kind === 'pre');
  const post = tests.find((t) => t.kind === 'post');
  if (!pre || !post) throw new Error('both tests made');
  const full = (await (await request.get(`/api/tests/${pre.id}`)).json()) as { questions: Array<{ text: { en: string } }>; passMark: number };
  expect(full.questions.map((q) => q.text.en.replace(`E2E ${STAMP} `, '').slice(0, 20))).toEqual([
    'Which of these is an',
    'A victim’s consent m',
    'Where can a victim b',
    'Name one sign that a',
  ]);
  expect(full.passMark).toBe(60);

  // The link and its QR code; the personal codes for the attendance sheet.
  await page.getByTestId(`test-link-${pre.id}`).click();
  await expect(page.getByTestId('test-link-url')).toHaveValue(new RegExp(`${pre.link.path}$`));
  await expect(page.getByTestId('test-link-qr').locator('svg path')).toHaveCount(1);
  await shot(page, 'tests-tab-desktop-en');
  await page.getByTestId('tests-codes').click();
  await expect(page.getByTestId(`code-${ids.chandni}`)).toBeVisible();
  const chandniCode = (await page.getByTestId(`code-${ids.chandni}`).textContent()) ?? '';
  expect(chandniCode).toMatch(/^[A-Z0-9-]{4,}$/);
  await page.keyboard.press('Escape');

  // The page a participant opens names its own files and first data, and nothing of the signed-in app.
  const shell = await (await request.get(pre.link.path)).text();
  expect(shell).toContain(`<link rel="preload" as="fetch" crossorigin href="/api/take/${pre.link.path.split('/').pop() ?? ''}">`);
  expect(shell).toMatch(/<link rel="modulepreload" crossorigin href="\/assets\/TakePage-[\w-]+\.js">/);
  expect(shell).not.toContain('SignedIn');

  // Amina, in English, on her phone; the page never asks who is signed in.
  {
    const { context, page: amina } = await phone(browser, 'en');
    const sessionChecks: string[] = [];
    amina.on('request', (r) => {
      if (r.url().includes('/api/auth/')) sessionChecks.push(r.url());
    });
    await amina.goto(pre.link.path);
    await expect(amina.getByTestId('take-title')).toHaveText(`Pre-test — ${EVENT_TITLE}`);
    await amina.getByRole('button', { name: 'Amina B.' }).click();
    await answer(amina, { q1: 2, q2: 1, q3: [1], q4: 'Her passport was taken' });
    await expect(amina.getByTestId('take-progress')).toHaveText('4 of 4 answered');
    await shot(amina, 'take-phone-en');
    await amina.getByTestId('take-submit').click();
    await expect(amina.getByTestId('take-sent')).toContainText('Sent');
    await expect(amina.getByTestId('take-score')).toHaveText('Your score: 1 of 5 (20%)');
    await shot(amina, 'take-sent-phone-en');
    expect(sessionChecks).toEqual([]);
    await context.close();
  }

  // Bilal, in Urdu.
  {
    const { context, page: bilal } = await phone(browser, 'ur');
    await bilal.goto(pre.link.path);
    await expect(bilal.locator('html')).toHaveAttribute('dir', 'rtl');
    await bilal.getByRole('button', { name: 'Bilal A.' }).click();
    await expect(bilal.getByTestId('take-question-1')).toContainText('ان میں سے کون سی بات انسانی اسمگلنگ کی علامت ہے؟');
    await expect(bilal.getByTestId('take-option-1-2')).toContainText('آجر کارکن کا پاسپورٹ اپنے پاس رکھتا ہے');
    await answer(bilal, { q1: 2, q2: 2, q3: [1, 3], q4: 'کام کی جگہ پر تالا لگا تھا' });
    await shot(bilal, 'take-phone-ur');
    await bilal.getByTestId('take-submit').click();
    await expect(bilal.getByTestId('take-sent')).toContainText('بھیج دیا گیا');
    await shot(bilal, 'take-sent-phone-ur');
    await context.close();
  }

  // Chandni types her personal code; the connection drops mid-test; she reloads; it comes back; she sends.
  {
    const { context, page: chandni } = await phone(browser, 'en');
    await chandni.goto(pre.link.path);
    await chandni.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    await chandni.getByTestId('take-code').fill(chandniCode.toLowerCase());
    await chandni.getByTestId('take-code-submit').click();
    await chandni.getByTestId('take-option-1-2').click();
    await chandni.getByTestId('take-option-2-2').click();
    await context.setOffline(true);
    await chandni.getByTestId('take-option-3-1').click();
    await chandni.reload();
    await expect(chandni.getByTestId('take-offline')).toBeVisible();
    await expect(chandni.getByTestId('take-option-1-2')).toHaveAttribute('aria-checked', 'true');
    await expect(chandni.getByTestId('take-option-3-1')).toHaveAttribute('aria-checked', 'true');
    await expect(chandni.getByTestId('take-progress')).toHaveText('3 of 4 answered');
    await chandni.getByTestId('take-option-3-3').click();
    await chandni.getByTestId('take-text-4').fill('She could not keep her phone');
    await chandni.getByTestId('take-submit').click();
    await expect(chandni.getByTestId('take-status')).toHaveAttribute('data-state', 'queued');
    await expect(chandni.getByTestId('take-status')).toContainText('Not sent yet');
    await shot(chandni, 'take-not-sent-phone-en');
    expect((await attemptsOf(request, pre.id)).filter((a) => a.personId === ids.chandni)).toHaveLength(0);
    await context.setOffline(false);
    await expect(chandni.getByTestId('take-sent')).toBeVisible({ timeout: 30_000 });
    await expect(chandni.getByTestId('take-score')).toHaveText('Your score: 3 of 5 (60%)');
    await context.close();
  }
  const preAttempts = await attemptsOf(request, pre.id);
  expect(preAttempts.map((a) => a.personId).sort()).toEqual([ids.amina, ids.bilal, ids.chandni].sort());
  expect(preAttempts.every((a) => a.source === 'link' && a.pendingMarks === 1)).toBe(true);

  // A second attempt is refused, in the reader's language.
  {
    const { context, page: again } = await phone(browser, 'ur');
    await again.goto(pre.link.path);
    await again.getByRole('button', { name: 'Amina B.' }).click();
    await again.getByTestId('take-option-1-1').click();
    await again.getByTestId('take-submit').click();
    await again.getByTestId('take-submit').click();
    await expect(again.getByTestId('take-refused')).toHaveAttribute('data-reason', 'attempt_exists');
    await expect(again.getByTestId('take-refused')).toContainText('آپ اس ٹیسٹ کا جواب پہلے ہی دے چکے ہیں');
    await context.close();
  }

  // The post-test decides training certificates: its link takes personal codes only, unless the
  // trainer chooses otherwise on the link's panel (here: to the list and back).
  await page.getByTestId(`test-link-${post.id}`).first().click();
  await expect(page.getByTestId('test-link-identify')).toHaveAttribute('data-value', 'code');
  await page.getByTestId('test-link-identify-list').click();
  await expect(page.getByTestId('test-link-identify')).toHaveAttribute('data-value', 'list');
  await page.getByTestId('test-link-identify-code').click();
  await expect(page.getByTestId('test-link-identify')).toHaveAttribute('data-value', 'code');
  await shot(page, 'test-link-codes-only-desktop-en');
  const codes = ((await (await request.get(`/api/events/${ids.event}/participant-codes`)).json()) as { items: Array<{ personId: string; code: string }> })
    .items;
  const codeOf = (personId: string | undefined) => codes.find((c) => c.personId === personId)?.code ?? '';

  // The post-test: the same three, doing better, each with their personal code.
  for (const [who, lang, choices] of [
    [ids.amina, 'en', { q1: 2, q2: 2, q3: [1, 3], q4: 'Passport kept by the employer' }],
    [ids.bilal, 'ur', { q1: 2, q2: 2, q3: [1, 3], q4: 'دروازہ باہر سے بند تھا' }],
    [ids.chandni, 'en', { q1: 2, q2: 2, q3: [1, 3], q4: 'Debts she could never pay' }],
  ] as const) {
    const { context, page: participant } = await phone(browser, lang);
    await participant.goto(post.link.path);
    await expect(participant.getByTestId('take-code-form')).toHaveAttribute('data-code-only', 'true');
    await expect(participant.getByTestId('take-name')).toHaveCount(0);
    if (who === ids.amina) await shot(participant, 'take-codes-only-phone-en');
    await participant.getByTestId('take-code').fill(codeOf(who));
    await participant.getByTestId('take-code-submit').click();
    await answer(participant, { ...choices, q3: [...choices.q3] });
    await participant.getByTestId('take-submit').click();
    await expect(participant.getByTestId('take-sent')).toBeVisible();
    await context.close();
  }

  // Staff mark the short answers of both tests.
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-tests').click();
  for (const [testId, points] of [
    [pre.id, ['1', '0', '2']],
    [post.id, ['2', '2', '2']],
  ] as const) {
    await page.getByTestId(`test-mark-${testId}`).click();
    const marking = page.getByTestId(`marking-${testId}`);
    const inputs = marking.locator('[data-testid^="marking-points-"]');
    await expect(inputs).toHaveCount(3);
    for (let i = 0; i < 3; i += 1) await inputs.nth(i).fill(points[i] ?? '0');
    await marking.getByTestId('marking-save').click();
    await expect(marking.getByTestId('marking-pending')).toHaveAttribute('data-count', '0');
  }
  for (const testId of [pre.id, post.id]) expect((await attemptsOf(request, testId)).every((a) => a.pendingMarks === 0)).toBe(true);

  // The analysis of three people: counts only.
  await page.getByTestId('tab-results').click();
  await expect(page.getByTestId('results-n-paired')).toHaveAttribute('data-n', '3');
  await expect(page.getByTestId('results-withheld')).toContainText('Fewer than 5 people — figures withheld');
  await expect(page.getByTestId('results-mean-gain-value')).toHaveText('—');

  // Two paper sheets of each test, typed in with the keyboard alone.
  await page.getByTestId('tab-tests').click();
  for (const [testId, sheets] of [
    [
      pre.id,
      [
        [ids.danish, ['A', 'B', 'AC', '0']],
        [ids.erum, ['B', 'A', 'A', '1']],
      ],
    ],
    [
      post.id,
      [
        [ids.danish, ['B', 'B', 'AC', '2']],
        [ids.erum, ['B', 'B', 'AC', '1']],
      ],
    ],
  ] as const) {
    await page.getByTestId(`test-paper-${testId}`).click();
    for (const [personId, cells] of sheets) {
      await page.getByTestId(`sheet-cell-${personId}-1`).click();
      for (const [i, value] of cells.entries()) {
        await page.keyboard.type(value);
        await page.keyboard.press(i < cells.length - 1 ? 'Tab' : 'Enter');
      }
      await expect(page.getByTestId(`sheet-row-${personId}`)).toHaveAttribute('data-state', 'saved');
    }
    if (testId === pre.id) await shot(page, 'paper-sheets-desktop-en');
  }
  const staffSheets = (await attemptsOf(request, post.id)).filter((a) => a.source === 'staff');
  expect(staffSheets.map((a) => [a.personId, a.score]).sort()).toEqual(
    [
      [ids.danish, 5],
      [ids.erum, 4],
    ].sort(),
  );

  // The analysis of five: the event's figures shown, every group (under 5) withheld.
  const analysis = (await (await request.get(`/api/events/${ids.event}/assessment`)).json()) as {
    paired: { n: number; meanGain: number | null; normalizedGain: number | null; tTest: { p: number | null } };
    bySex: Array<{ group: string; n: number; meanGain: number | null }>;
    byOrganizationType: Array<{ group: string | null; n: number; meanGain: number | null }>;
  };
  expect(analysis.paired.n).toBe(5);
  expect(analysis.paired.meanGain).not.toBeNull();
  expect(analysis.paired.tTest.p).not.toBeNull();
  expect(analysis.bySex.map((g) => [g.group, g.n, g.meanGain])).toEqual([
    ['female', 3, null],
    ['male', 2, null],
  ]);
  expect(analysis.byOrganizationType.every((g) => g.meanGain === null)).toBe(true);
  await page.getByTestId('tab-results').click();
  await expect(page.getByTestId('results-n-paired')).toHaveAttribute('data-n', '5');
  await expect(page.getByTestId('results-withheld')).toHaveCount(0);
  await expect(page.getByTestId('results-mean-gain-value')).not.toHaveText('—');
  await expect(page.getByTestId('results-g-band')).toBeVisible();
  await expect(page.getByTestId('results-t-value')).toContainText('p =');
  await expect(page.getByTestId('results-slope')).toHaveAttribute('data-people', '5');
  await expect(page.getByTestId('results-facility-pre')).toBeVisible();
  await expect(page.getByTestId('results-by-sex-female')).toHaveAttribute('data-withheld', 'true');
  await expect(page.getByTestId('results-by-sex-female')).toContainText('Fewer than 5 — figures withheld');
  await expect(page.getByTestId('results-by-type-civil_society')).toHaveAttribute('data-withheld', 'true');
  await shot(page, 'results-desktop-en');

  // A question with answers changed: a new version, the answers keep theirs.
  const scoresBefore = (await attemptsOf(request, pre.id)).map((a) => a.score);
  await page.goto('/questions');
  const row = page.getByTestId('question-row').filter({ hasText: 'indicator of trafficking' });
  const questionId = (await row.getAttribute('data-question-id')) ?? '';
  await row.getByTestId(`question-edit-${questionId}`).click();
  await expect(page.getByTestId('question-form-answered')).toBeVisible();
  await page.getByTestId('question-form-text-en').fill(`E2E ${STAMP} Which of these is the clearest indicator of trafficking?`);
  await page.getByTestId('question-form-submit').click();
  await expect(page.getByTestId('question-new-version')).toContainText('Saved as version 2');
  await expect(page.getByTestId(`question-version-${questionId}`)).toHaveText('v2');
  expect((await attemptsOf(request, pre.id)).map((a) => a.score)).toEqual(scoresBefore);

  // The trainer closes the post-test's link: a phone opening it is told so, in its language.
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-tests').click();
  await page.getByTestId(`test-link-${post.id}`).click();
  await page.getByTestId('test-link-toggle').click();
  await expect(page.getByTestId('test-link-state')).toHaveAttribute('data-open', 'false');
  {
    const { context, page: late } = await phone(browser, 'ur');
    await late.goto(post.link.path);
    await expect(late.getByTestId('take-unavailable')).toHaveAttribute('data-reason', 'link_closed');
    await expect(late.getByTestId('take-unavailable')).toContainText('یہ ٹیسٹ بند ہو چکا ہے');
    await context.close();
  }
});
