import { expect, test } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';
import { enrol, moveCaseTo, ok, PHONE, signIn } from '../lib/case-roles';

// Issue 13, case management by the SOPs, on a phone in English and in Urdu: a data officer moves a case
// from identification to its case plan and asks for approval; a supervisor of the agency sees the
// request on their home page, approves the plan and later closes the case.
const STAMP = Date.now().toString(36);
const PASSWORD = 'workflow-password-2026';

for (const lang of ['en', 'ur'] as const) {
  test.describe(`the SOP workflow on a phone (${lang})`, () => {
    test.use(PHONE);
    const officer = { email: `e2e.workflow.officer.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
    const supervisor = { email: `e2e.workflow.supervisor.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
    const secrets = { officer: '', supervisor: '' };
    let caseId = '';

    test.beforeAll(async ({ playwright, baseURL }) => {
      const as = () => playwright.request.newContext({ baseURL });
      const admin = await as();
      await ok(await admin.post('/api/auth/login', { data: E2E_ADMIN }), 200);
      const agency = (
        await ok(await admin.post('/api/organizations', { data: { name: `Workflow agency ${lang} ${STAMP}`, type: 'law_enforcement', countryCode: 'PK' } }))
      ).id as string;
      for (const [account, role, name] of [
        [officer, 'data_officer', `Workflow Officer ${lang}`],
        [supervisor, 'supervisor', `Workflow Supervisor ${lang}`],
      ] as const) {
        await ok(await admin.post('/api/users', { data: { ...account, name, role, countries: ['PK'], organizationId: agency } }));
      }
      const officerApi = await as();
      secrets.officer = await enrol(officerApi, officer);
      secrets.supervisor = await enrol(await as(), supervisor);
      const made = await ok(
        await officerApi.post('/api/cases', {
          data: { countryCode: 'PK', province: 'Punjab', victim: { fullName: `Workflow Person ${lang} ${STAMP}`, sex: 'female', estimatedAge: 20 } },
        }),
      );
      caseId = made.id as string;
    });

    test('an officer brings the case to its plan and asks for approval; a supervisor approves it and closes the case', async ({ browser }, testInfo) => {
      const contextFor = async () => {
        const context = await browser.newContext(PHONE);
        await context.addInitScript((language) => localStorage.setItem('hifazat.lang', language), lang);
        return context;
      };
      const officerContext = await contextFor();
      const page = await officerContext.newPage();
      await signIn(page, officer, secrets.officer);
      await page.goto(`/cases/${caseId}`);
      await page.getByTestId('case-tab-workflow').click();
      await expect(page.getByTestId('case-workflow')).toHaveAttribute('data-status', 'identification');
      await moveCaseTo(page, 'screening');
      await moveCaseTo(page, 'assistance');
      // No referral needed: the SOP lets the plan follow immediate assistance.
      await moveCaseTo(page, 'case_plan');
      // Approving the plan is a supervisor's: the officer sees no such button, and asks.
      await expect(page.getByTestId('case-move-follow_up')).toHaveCount(0);
      await page.getByTestId('case-ask-approval').click();
      await expect(page.getByTestId('case-approval-asked')).toBeVisible();
      await expect(page.getByTestId('case-workflow-pending')).toHaveAttribute('data-kind', 'case_plan');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: testInfo.outputPath(`workflow-officer-${lang}.png`), fullPage: true });
      await officerContext.close();

      const supervisorContext = await contextFor();
      const boss = await supervisorContext.newPage();
      await signIn(boss, supervisor, secrets.supervisor);
      const request = boss.getByTestId('case-home-approval').filter({ has: boss.locator(`a[href="/cases/${caseId}"]`) });
      await expect(request).toHaveAttribute('data-kind', 'case_plan');
      await boss.evaluate(() => document.fonts.ready);
      await boss.screenshot({ path: testInfo.outputPath(`workflow-approvals-${lang}.png`), fullPage: true });
      await request.getByRole('link').click();
      await boss.getByTestId('case-tab-workflow').click();
      await moveCaseTo(boss, 'follow_up');
      await expect(boss.getByTestId('case-workflow-pending')).toHaveCount(0);
      await moveCaseTo(boss, 'closed');
      await expect(boss.getByTestId('case-workflow-step')).toBeVisible();
      await expect(boss.getByTestId('case-workflow-transition')).toHaveCount(5);
      expect(await boss.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await boss.evaluate(() => document.fonts.ready);
      await boss.screenshot({ path: testInfo.outputPath(`workflow-closed-${lang}.png`), fullPage: true });
      await supervisorContext.close();
    });
  });
}
