import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { fitsThePhone, PHONE, signInAndEnrol } from '../lib/case-roles';

// Issue 12, "Done when": a data officer of an agency signs in with a second factor (TOTP, enrolled at the
// first sign-in) on a phone, opens a case, finds it again by the name in Urdu script though it was typed
// in Latin letters (names match by sound), screens the person with the screening aid's questions, sees
// the elements and the legal basis, and stores the screening with the decision — in English and in Urdu.

const PASSWORD = 'officer-cases-2026';

type Run = {
  lang: 'en' | 'ur';
  email: string;
  /** As typed into the form, in Latin letters; searched for in Urdu script. */
  name: string;
  urduName: string;
  age: string;
  child: boolean;
  answers: Record<string, 'yes' | 'no' | 'unknown' | 'declined'>;
  words: { suggestion: string; child: string; decision: string; tipCard: string };
};

const RUNS: Run[] = [
  {
    lang: 'en',
    email: 'e2e.cases.officer@hifazat.example',
    name: 'Imran Bashir',
    urduName: 'عمران بشیر',
    age: '16',
    child: true,
    // A child moved and made to work: no means needed under the Protocol.
    answers: { act_transported: 'yes', purpose_labour: 'yes', border_crossed: 'no' },
    words: {
      suggestion: 'Possible victim of trafficking in persons',
      child: 'Child',
      decision: 'Possible victim of trafficking',
      tipCard: 'Trafficking in persons',
    },
  },
  {
    lang: 'ur',
    email: 'e2e.cases.officer.ur@hifazat.example',
    name: 'Rukhsana Begum',
    urduName: 'رخسانہ بیگم',
    age: '30',
    child: false,
    // An adult recruited by deception for forced labour.
    answers: { act_recruited: 'yes', means_deception: 'yes', purpose_labour: 'yes', border_crossed: 'no' },
    words: {
      suggestion: 'ممکنہ طور پر انسانی تجارت کا شکار',
      child: 'بچہ',
      decision: 'ممکنہ طور پر انسانی تجارت کا شکار',
      tipCard: 'انسانی تجارت',
    },
  },
];

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const agency = await request.post('/api/organizations', {
    data: {
      name: `FIA Anti-Human Trafficking Circle ${Date.now().toString(36)}`,
      acronym: 'FIA',
      type: 'law_enforcement',
      countryCode: 'PK',
      province: 'Punjab',
    },
  });
  expect(agency.status(), await agency.text()).toBe(201);
  const organizationId = ((await agency.json()) as { id: string }).id;
  for (const run of RUNS) {
    const created = await request.post('/api/users', {
      data: { email: run.email, password: PASSWORD, name: `Officer ${run.lang.toUpperCase()}`, role: 'data_officer', countries: ['PK'], organizationId },
    });
    expect(created.status(), await created.text()).toBe(201);
  }
});

/** Password, then the second factor's enrolment from the page: the key as shown, a code of it, the recovery codes once. */
for (const run of RUNS) {
  test(`a data officer on a phone in ${run.lang === 'en' ? 'English' : 'Urdu'}: TOTP, a new case, found by the Urdu name, screened and stored with a decision`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ ...PHONE });
    await context.addInitScript((lang) => localStorage.setItem('hifazat.lang', lang), run.lang);
    const page = await context.newPage();
    const photo = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-phone-${run.lang}.png`), fullPage: true });

    await signInAndEnrol(page, run.email, PASSWORD);
    await expect(page.locator('html')).toHaveAttribute('dir', run.lang === 'ur' ? 'rtl' : 'ltr');
    // The home page leads to a new case (and the case files, and the screening aid).
    await page.getByTestId('case-home-new').click();

    // The form says what is encrypted; a case without a name or sex is not sent.
    await expect(page.getByTestId('case-form-sealed')).toBeVisible();
    await page.getByTestId('case-form-submit').click();
    await expect(page.getByTestId('case-form').locator('[aria-invalid="true"]').first()).toBeVisible();
    await page.getByTestId('case-form-fullName').fill(run.name);
    await page.getByTestId('case-form-sex').selectOption(run.lang === 'en' ? 'male' : 'female');
    await page.getByTestId('case-form-estimatedAge').fill(run.age);
    await page.getByTestId('case-form-phone').fill('+92 300 7654321');
    await page.getByTestId('case-form-document-number-0').fill('35202-7654321-3');
    await page.getByTestId('case-form-languages').fill('Urdu, Punjabi');
    await page.getByTestId('case-form-province').selectOption('Punjab');
    await page.getByTestId('case-form-district').fill('Lahore');
    await page.getByTestId('case-form-identificationPlace').fill('Badami Bagh bus terminal');
    await page.getByTestId('case-form-identifiedBy').selectOption('police');
    await fitsThePhone(page);
    await photo('case-new');
    await page.getByTestId('case-form-submit').click();

    // The case's page: its reference, the person as entered.
    await expect(page.getByTestId('case-person')).toBeVisible();
    await expect(page.getByTestId('case-reference')).toHaveText(/^PK-\d{4}-\d{6}$/);
    await expect(page.getByTestId('case-fullName')).toContainText(run.name);
    await expect(page.getByTestId('case-identity-numbers')).toContainText('35202-7654321-3');
    const caseId = page.url().split('/cases/')[1] ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);

    // Back to the list through the menu, and the name searched in Urdu script finds the case typed in Latin letters.
    await page.getByTestId('nav-burger').click();
    await page.getByTestId('nav-cases').click();
    await expect(page.getByTestId('page-title')).toBeVisible();
    await page.getByTestId('cases-filter-q').fill(run.urduName);
    const row = page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(run.name);
    if (run.child) await expect(row.getByTestId('case-child')).toHaveText(run.words.child);
    else await expect(row.getByTestId('case-child')).toHaveCount(0);
    await fitsThePhone(page);
    await photo('cases-search');
    await row.getByTestId(`case-link-${caseId}`).click();

    // Screen the person: the aid's questions, then the result.
    await page.getByTestId('case-tab-screenings').click();
    await expect(page.getByTestId('stored-screenings-empty')).toBeVisible();
    await page.getByTestId('case-screen').click();
    await expect(page.getByTestId('screening-age')).toHaveValue(run.age);
    for (const [question, answer] of Object.entries(run.answers)) {
      const button = page.getByTestId(`q-${question}-${answer}`);
      await button.scrollIntoViewIfNeeded();
      await button.tap();
      await expect(button).toHaveAttribute('aria-pressed', 'true');
    }
    await page.getByTestId('screen-see-result').tap();
    await expect(page.getByTestId('screening-suggestion')).toHaveText(run.words.suggestion);
    await expect(page.getByTestId('screening-result')).toContainText(run.words.tipCard);
    for (const element of ['act', 'purpose']) await expect(page.getByTestId(`element-${element}`)).toHaveAttribute('data-status', 'met');
    await expect(page.getByTestId('element-means')).toHaveAttribute('data-status', run.child ? 'notRequired' : 'met');
    await expect(page.getByTestId('screening-rules-version')).toContainText('PK-2018.1');
    // The legal basis: the Protocol's article opens to its text.
    await page.getByTestId('provision-TIP-3a').getByRole('button').tap();
    await expect(page.getByTestId('provision-TIP-3a-text')).toContainText('recruitment, transportation, transfer, harbouring or receipt');
    await fitsThePhone(page);
    await photo('case-screen-result');

    // The decision is the officer's: recorded beside the aid's suggestion, then stored.
    await page.getByTestId('screen-to-decision').tap();
    await page.getByTestId('screen-decision-status').selectOption('PossibleVictimOfTrafficking');
    await expect(page.getByTestId('screen-store')).toBeDisabled();
    await page.getByTestId('screen-decision-org').selectOption('Police');
    await page.getByTestId('screen-store').tap();
    await expect(page.getByTestId('screen-stored')).toBeVisible();

    // Stored: version 1 with the decision and the rules version, open on its elements and legal basis.
    const stored = page.getByTestId('stored-screening-1');
    await expect(stored).toHaveAttribute('data-suggestion', 'tip');
    await expect(stored.getByTestId('stored-screening-decision')).toContainText(run.words.decision);
    await expect(stored.getByTestId('stored-screening-meta')).toContainText('PK-2018.1');
    await expect(stored.getByTestId('element-act')).toHaveAttribute('data-status', 'met');
    await expect(stored.getByTestId('provision-TIP-3a')).toBeVisible();
    await fitsThePhone(page);
    await photo('case-screening-stored');

    // The case carries the decision and moved to screening; the history names the screening.
    await page.getByTestId('case-tab-details').click();
    await expect(page.getByTestId('case-decision-status')).toHaveAttribute('data-status', 'PossibleVictimOfTrafficking');
    await expect(page.getByTestId('case-status')).toHaveAttribute('data-status', 'screening');
    await page.getByTestId('case-tab-history').click();
    await expect(page.locator('[data-testid="case-history-entry"][data-action="screening"]')).toBeVisible();
    await expect(page.locator('[data-testid="case-history-entry"][data-action="create"]')).toBeVisible();
    await fitsThePhone(page);
    await context.close();
  });
}
