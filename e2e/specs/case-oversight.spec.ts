import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { E2E_ADMIN } from '../playwright.config';

// Issue 12, the oversight around case files: an administrator sets a supervisor's agency on the Users
// page, reviews break-glass openings on the System page (and is refused the review of their own), and
// an analyst signs in with a second factor on a phone in Urdu and reads the case statistics, where a
// cell of one case is withheld (a citizenship with a withheld count is not named).
const STAMP = Date.now().toString(36);
const PASSWORD = 'oversight-password-2026';
const OFFICER = { email: `e2e.oversight.officer.${STAMP}@hifazat.example`, password: PASSWORD };
const SECOND_ADMIN = { email: `e2e.second.admin.${STAMP}@hifazat.example`, password: PASSWORD };
const ANALYST = { email: `e2e.analyst.${STAMP}@hifazat.example`, password: PASSWORD };
// The administrator who reviews: break-glass openings (and their reasons) are shown only to an administrator with a second factor.
const REVIEWER = { email: `e2e.reviewer.${STAMP}@hifazat.example`, password: PASSWORD };
const SUPERVISOR = { email: `e2e.supervisor.${STAMP}@hifazat.example`, password: PASSWORD };
const AGENCY = `Anti-Human Trafficking Circle Karachi ${STAMP}`;
const REASON = 'The victim called the night helpline; the officer on the case cannot be reached until morning';

const codeOf = (secret: string, ahead = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + ahead * 30_000 });
const ids: { agency?: string; supervisor?: string; othersOpening?: string; ownOpening?: string; othersReference?: string } = {};
let analystSecret = '';
let reviewerSecret = '';

async function ok(response: Awaited<ReturnType<APIRequestContext['post']>>, status = 201) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json() as Promise<Record<string, unknown>>;
}

/** An administrator (full session) enrols a second factor of their own, as from the account menu: its secret. */
async function enrolOwn(request: APIRequestContext, account: { email: string; password: string }): Promise<string> {
  await ok(await request.post('/api/auth/login', { data: account }), 200);
  const { secret } = (await ok(await request.post('/api/auth/mfa/enrol'), 200)) as { secret: string };
  await ok(await request.post('/api/auth/mfa/enrol/confirm', { data: { code: codeOf(secret) } }), 200);
  return secret;
}

/** Signs a case role in for the first time and enrols its second factor, as the app would: its secret. */
async function enrol(request: APIRequestContext, account: { email: string; password: string }): Promise<string> {
  expect((await ok(await request.post('/api/auth/login', { data: account }), 200)).mfa).toBe('setup_required');
  const { secret } = (await ok(await request.post('/api/auth/mfa/setup'), 200)) as { secret: string };
  await ok(await request.post('/api/auth/mfa/confirm', { data: { code: codeOf(secret) } }), 200);
  return secret;
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const as = () => playwright.request.newContext({ baseURL });
  const admin = await as();
  await ok(await admin.post('/api/auth/login', { data: E2E_ADMIN }), 200);
  ids.agency = (await ok(await admin.post('/api/organizations', { data: { name: AGENCY, acronym: 'AHTC', type: 'law_enforcement', countryCode: 'PK' } })))
    .id as string;
  await ok(
    await admin.post('/api/users', { data: { ...OFFICER, name: 'Oversight Officer', role: 'data_officer', countries: ['PK'], organizationId: ids.agency } }),
  );
  await ok(await admin.post('/api/users', { data: { ...SECOND_ADMIN, name: `Second Admin ${STAMP}`, role: 'admin' } }));
  await ok(await admin.post('/api/users', { data: { ...REVIEWER, name: `Reviewer Admin ${STAMP}`, role: 'admin' } }));
  await ok(await admin.post('/api/users', { data: { ...ANALYST, name: 'Oversight Analyst', role: 'analyst', countries: ['PK'] } }));
  ids.supervisor = (
    await ok(await admin.post('/api/users', { data: { ...SUPERVISOR, name: `Agencyless Supervisor ${STAMP}`, role: 'supervisor', countries: ['PK'] } }))
  ).id as string;

  // Six cases of the officer's agency: five women from Pakistan, one man from Nepal (a cell of one).
  const officer = await as();
  await enrol(officer, OFFICER);
  const cases: Array<{ id: string; reference: string }> = [];
  for (const [i, [sex, citizenship]] of [...Array.from({ length: 5 }, () => ['female', 'PK'] as const), ['male', 'NP'] as const].entries()) {
    const made = await ok(
      await officer.post('/api/cases', {
        data: { countryCode: 'PK', province: 'Sindh', victim: { fullName: `Oversight Person ${i} ${STAMP}`, sex, citizenship, estimatedAge: 19 + i } },
      }),
    );
    cases.push({ id: made.id as string, reference: made.reference as string });
  }
  // Another administrator breaks the glass on one case, the reviewing administrator on another (their own, which they
  // may not review); both need a second factor to break the glass.
  const second = await as();
  await enrolOwn(second, SECOND_ADMIN);
  const reviewer = await as();
  reviewerSecret = await enrolOwn(reviewer, REVIEWER);
  ids.othersOpening = (await ok(await second.post(`/api/cases/${cases[0]?.id}/break-glass`, { data: { reason: REASON } }))).id as string;
  ids.othersReference = cases[0]?.reference;
  ids.ownOpening = (await ok(await reviewer.post(`/api/cases/${cases[1]?.id}/break-glass`, { data: { reason: 'Checking a complaint about this file' } })))
    .id as string;

  analystSecret = await enrol(await as(), ANALYST);
});

async function signIn(page: Page, account: { email: string; password: string }) {
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
}

test('an administrator gives a supervisor an agency, and reviews break-glass openings (not their own)', async ({ page }, testInfo) => {
  await page.goto('/');
  await signIn(page, REVIEWER);
  await expect(page.getByTestId('mfa-verify')).toBeVisible();
  await page.getByTestId('mfa-code').fill(codeOf(reviewerSecret, 1));
  await page.getByTestId('mfa-verify-submit').click();
  await expect(page.getByTestId('nav-users')).toBeVisible();

  // Users: the supervisor without an agency is flagged; an agency set, the flag goes.
  await page.getByTestId('nav-users').click();
  await expect(page.getByTestId(`user-no-agency-${ids.supervisor}`)).toHaveText('No agency: cannot open cases until an agency is set');
  await page.getByTestId(`user-edit-${ids.supervisor}`).click();
  await expect(page.getByTestId('user-form-no-agency')).toBeVisible();
  await page.getByTestId('user-form-agency').fill(`Karachi ${STAMP}`);
  await page.getByRole('option', { name: new RegExp(`^${AGENCY}`) }).click();
  await expect(page.getByTestId('user-form-no-agency')).toHaveCount(0);
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/users/${ids.supervisor}`) && r.request().method() === 'PATCH');
  await page.getByTestId('user-form-submit').click();
  expect(((await (await saved).json()) as { organizationId: string }).organizationId).toBe(ids.agency);
  await expect(page.getByTestId(`user-agency-${ids.supervisor}`)).toContainText(AGENCY);
  await expect(page.getByTestId(`user-no-agency-${ids.supervisor}`)).toHaveCount(0);

  // System: the openings awaiting review, with who, when, why and until when.
  await page.getByTestId('nav-system').click();
  const others = page.locator(`[data-testid="break-glass-row"][data-id="${ids.othersOpening}"]`);
  await expect(others.getByTestId('break-glass-reference')).toHaveText(ids.othersReference ?? '');
  await expect(others.getByTestId('break-glass-user')).toContainText(`Second Admin ${STAMP}`);
  await expect(others.getByTestId('break-glass-reason')).toContainText(REASON);
  await expect(others.getByTestId('break-glass-state')).toHaveText('Awaiting review');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: testInfo.outputPath('system-break-glass-en.png'), fullPage: true });

  // Their own opening: the server refuses, and the page says why, on that opening.
  const own = page.locator(`[data-testid="break-glass-row"][data-id="${ids.ownOpening}"]`);
  await own.getByTestId(`break-glass-review-${ids.ownOpening}`).click();
  await expect(own.getByTestId('break-glass-error')).toContainText('Another administrator reviews your own break-glass openings');

  await others.getByTestId(`break-glass-review-${ids.othersOpening}`).click();
  await expect(others).toHaveCount(0);
  await expect(own).toHaveCount(1);
  await page.getByTestId('break-glass-show-reviewed').click();
  await expect(others.getByTestId('break-glass-reviewed')).toContainText(`Reviewed by Reviewer Admin ${STAMP}`);
  expect(((await (await page.request.get('/api/break-glass?reviewed=false')).json()) as { items: Array<{ id: string }> }).items.map((e) => e.id)).not.toContain(
    ids.othersOpening,
  );
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('in Urdu, an analyst signs in with a code and reads the case statistics: a cell of one case is withheld', async ({ page }, testInfo) => {
    await page.goto('/');
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await signIn(page, ANALYST);
    await expect(page.getByTestId('mfa-verify')).toBeVisible();
    // The enrolment used this step's code: the next one signs in.
    await page.getByTestId('mfa-code').fill(codeOf(analystSecret, 1));
    await page.getByTestId('mfa-verify-submit').click();

    // Their home leads to the statistics.
    await page.getByTestId('case-home-statistics-link').click();
    await expect(page.getByTestId('page-title')).toHaveText('کیسز کے اعداد و شمار');
    // The one case from Nepal is a withheld cell: a citizenship (like a province) with a withheld count is not named at all.
    await expect(page.getByTestId('stats-byCitizenship').locator('[data-testid="stats-row"][data-key="PK"]')).toBeVisible();
    await expect(page.getByTestId('stats-byCitizenship').locator('[data-testid="stats-row"][data-key="NP"]')).toHaveCount(0);
    await expect(page.getByTestId('stats-byCitizenship')).not.toContainText('نیپال');
    await expect(page.getByTestId('stats-withheld-help')).toContainText('<5');
    // Never a name: nothing of the people entered reaches the analyst's page.
    await expect(page.locator('body')).not.toContainText('Oversight Person');
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: testInfo.outputPath('case-statistics-phone-ur.png'), fullPage: true });
  });
});
