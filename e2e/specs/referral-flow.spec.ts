import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { enrol, fitsThePhone, moveCaseTo, ok, PHONE, signIn } from '../lib/case-roles';

// Issue 13, the closed loop on a phone, in English and in Urdu: a data officer screens the person,
// records their consent and refers them to a shelter; the shelter's provider accepts and records the
// service delivered; the officer closes the referral and brings the case to its plan; a supervisor
// approves the plan and closes the case.
const STAMP = Date.now().toString(36);
const PASSWORD = 'referral-password-2026';

async function phonePage(browser: Browser, lang: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  await context.addInitScript((language) => localStorage.setItem('hifazat.lang', language), lang);
  return context.newPage();
}

/** Picks an option of a Mantine select by (part of) its label. */
async function choose(page: Page, testId: string, label: string | RegExp) {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: label }).first().click();
}

for (const lang of ['en', 'ur'] as const) {
  test.describe(`consent-first referral on a phone (${lang})`, () => {
    test.use(PHONE);
    const officer = { email: `e2e.referral.officer.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
    const supervisor = { email: `e2e.referral.supervisor.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
    const provider = { email: `e2e.referral.provider.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
    const secrets = { officer: '', supervisor: '', provider: '' };
    const shelter = `Safe House ${lang} ${STAMP}`;
    const person = `Referral Person ${lang} ${STAMP}`;
    let caseId = '';

    test.beforeAll(async ({ playwright, baseURL }) => {
      const as = () => playwright.request.newContext({ baseURL });
      const admin = await as();
      await ok(await admin.post('/api/auth/login', { data: E2E_ADMIN }), 200);
      const agency = (
        await ok(await admin.post('/api/organizations', { data: { name: `Referral agency ${lang} ${STAMP}`, type: 'law_enforcement', countryCode: 'PK' } }))
      ).id as string;
      await ok(
        await admin.post('/api/users', {
          data: { ...officer, name: `Referral Officer ${lang}`, role: 'data_officer', countries: ['PK'], organizationId: agency },
        }),
      );
      await ok(
        await admin.post('/api/users', {
          data: { ...supervisor, name: `Referral Supervisor ${lang}`, role: 'supervisor', countries: ['PK'], organizationId: agency },
        }),
      );
      const providerId = (
        await ok(await admin.post('/api/users', { data: { ...provider, name: `Shelter Intake ${lang}`, role: 'service_provider', countries: ['PK'] } }))
      ).id as string;
      await ok(
        await admin.post('/api/services', {
          data: {
            name: shelter,
            type: 'shelter',
            countryCode: 'PK',
            province: 'Punjab',
            eligibility: { sexes: ['female'], minimumAge: 18 },
            bedsTotal: 12,
            address: { address1: 'Lane 5, Model Town', city: 'Lahore' },
            providerUserIds: [providerId],
          },
        }),
      );
      const officerApi = await as();
      secrets.officer = await enrol(officerApi, officer);
      secrets.supervisor = await enrol(await as(), supervisor);
      secrets.provider = await enrol(await as(), provider);
      caseId = (
        await ok(
          await officerApi.post('/api/cases', {
            data: { countryCode: 'PK', province: 'Punjab', victim: { fullName: person, sex: 'female', estimatedAge: 23, languages: ['ur'] } },
          }),
        )
      ).id as string;
    });

    test('screening → consent → referral to a shelter → accepted → delivered → plan approved → closed', async ({ browser }, testInfo) => {
      const shot = async (page: Page, name: string) => {
        await fitsThePhone(page);
        await page.screenshot({ path: testInfo.outputPath(`${name}-${lang}.png`), fullPage: true });
      };
      // The officer screens the person in, then records consent and refers.
      const page = await phonePage(browser, lang);
      await signIn(page, officer, secrets.officer);
      await page.goto(`/cases/${caseId}`);
      await page.getByTestId('case-tab-workflow').click();
      await moveCaseTo(page, 'screening');
      await moveCaseTo(page, 'assistance');
      // Without consent, the SOP's referral step is refused.
      await page.getByTestId('case-move-referral').click();
      await expect(page.getByTestId('case-workflow')).toHaveAttribute('data-status', 'assistance');
      await page.getByTestId('case-tab-referrals').click();
      await expect(page.getByTestId('case-consents')).toBeVisible();
      await choose(page, 'case-consent-service', new RegExp(shelter));
      await page.getByTestId('case-consent-save').click();
      await expect(page.getByTestId('case-consent')).toHaveCount(1);
      await choose(page, 'referral-form-service', new RegExp(shelter));
      await expect(page.getByTestId('referral-form-consent')).toBeVisible();
      await page.getByTestId('referral-form-reason').fill('Needs a safe place to stay while the case is investigated');
      await page.getByTestId('referral-form-send').click();
      await expect(page.getByTestId('referral-sent')).toBeVisible();
      await expect(page.getByTestId('referral-card')).toHaveAttribute('data-status', 'sent');
      await shot(page, 'referral-sent');
      // Sending the referral from immediate assistance moved the case to the referral step.
      await page.getByTestId('case-tab-workflow').click();
      await expect(page.getByTestId('case-workflow')).toHaveAttribute('data-status', 'referral');

      // The shelter's provider: the referral waits for its answer; the name shows once accepted.
      const intake = await phonePage(browser, lang);
      await signIn(intake, provider, secrets.provider);
      await intake.getByTestId('case-home-referrals-link').click();
      const card = intake.getByTestId('referrals-awaiting').getByTestId('referral-card');
      await expect(card).toHaveCount(1);
      await expect(card.getByTestId('referral-person-name')).toHaveCount(0);
      await expect(intake.getByText(person)).toHaveCount(0);
      await shot(intake, 'referral-provider-inbox');
      await card.getByTestId('referral-accept').click();
      const accepted = intake.getByTestId('referrals-all').getByTestId('referral-card');
      await expect(accepted).toHaveAttribute('data-status', 'accepted');
      await expect(accepted.getByTestId('referral-person-name')).toHaveText(person);
      await accepted.getByTestId('referral-delivered').click();
      await expect(accepted).toHaveAttribute('data-status', 'delivered');
      await shot(intake, 'referral-provider-delivered');
      await intake.context().close();

      // The officer sees the shelter's address now, closes the loop and brings the case to its plan.
      await page.reload();
      await page.getByTestId('case-tab-referrals').click();
      const mine = page.getByTestId('referral-card');
      await expect(mine).toHaveAttribute('data-status', 'delivered');
      await expect(mine.getByTestId('referral-address')).toContainText('Model Town');
      await mine.getByTestId('referral-close').click();
      await mine.getByTestId('referral-confirm').click();
      await expect(mine).toHaveAttribute('data-status', 'closed');
      await shot(page, 'referral-closed');
      await page.getByTestId('case-tab-workflow').click();
      await moveCaseTo(page, 'case_plan');
      await page.getByTestId('case-ask-approval').click();
      await expect(page.getByTestId('case-approval-asked')).toBeVisible();
      await page.context().close();

      // The supervisor approves the plan and, after the follow-up, closes the case.
      const boss = await phonePage(browser, lang);
      await signIn(boss, supervisor, secrets.supervisor);
      await boss.goto(`/cases/${caseId}`);
      await boss.getByTestId('case-tab-workflow').click();
      await moveCaseTo(boss, 'follow_up');
      await moveCaseTo(boss, 'closed');
      await expect(boss.getByTestId('case-workflow-transition')).toHaveCount(6);
      await shot(boss, 'referral-case-closed');
      await boss.context().close();
    });
  });
}
