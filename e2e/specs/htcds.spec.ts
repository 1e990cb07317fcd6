import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { Secret, TOTP } from 'otpauth';
import { E2E_ADMIN } from '../playwright.config';

// Issue 13, HTCDS exchange: a data officer on a phone exports the case list (its filters) as the HTCDS
// Excel case sheet, checks it on the import page (a dry run that saves nothing), imports it, and
// downloads one case as HTCDS JSON — in English and in Urdu.

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const PASSWORD = 'officer-htcds-2026';
const RUNS = [
  { lang: 'en' as const, email: 'e2e.htcds.officer@hifazat.example', name: 'Parveen Akhtar' },
  { lang: 'ur' as const, email: 'e2e.htcds.officer.ur@hifazat.example', name: 'Zainab Bibi' },
];

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  for (const run of RUNS) {
    // An agency each: each officer's list holds only their own case.
    const agency = await request.post('/api/organizations', {
      data: { name: `Shelter ${run.lang} ${Date.now().toString(36)}`, type: 'civil_society', countryCode: 'PK', province: 'Punjab' },
    });
    expect(agency.status(), await agency.text()).toBe(201);
    const organizationId = ((await agency.json()) as { id: string }).id;
    const created = await request.post('/api/users', {
      data: { email: run.email, password: PASSWORD, name: `HTCDS officer ${run.lang}`, role: 'data_officer', countries: ['PK'], organizationId },
    });
    expect(created.status(), await created.text()).toBe(201);
  }
});

async function signInAndEnrol(page: Page, email: string) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('mfa-enrol')).toBeVisible();
  const secret = ((await page.getByTestId('mfa-secret').textContent()) ?? '').replace(/\s+/g, '');
  await page.getByTestId('mfa-code').fill(TOTP.generate({ secret: Secret.fromBase32(secret) }));
  await page.getByTestId('mfa-confirm').click();
  await expect(page.getByTestId('mfa-recovery')).toBeVisible();
  await page.getByTestId('mfa-saved').click();
}

async function fitsThePhone(page: Page) {
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(1);
}

for (const run of RUNS) {
  test(`a data officer on a phone in ${run.lang === 'en' ? 'English' : 'Urdu'} exports the HTCDS sheet, checks it, imports it and downloads a case's HTCDS JSON`, async ({
    browser,
  }, testInfo) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ ...PHONE, acceptDownloads: true });
    await context.addInitScript((lang) => localStorage.setItem('hifazat.lang', lang), run.lang);
    const page = await context.newPage();
    const photo = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-phone-${run.lang}.png`), fullPage: true });
    await signInAndEnrol(page, run.email);

    // A case with a decision and a care file, opened through the API as the officer.
    const opened = await page.request.post('/api/cases', {
      data: { countryCode: 'PK', province: 'Punjab', victim: { fullName: run.name, sex: 'female', estimatedAge: 24, citizenship: 'PK' } },
    });
    expect(opened.status(), await opened.text()).toBe(201);
    const caseId = ((await opened.json()) as { id: string }).id;
    const care = await page.request.put(`/api/cases/${caseId}/care-file`, {
      data: { exploitationTypes: ['ForcedLabour'], forcedLabourIndustries: ['C_Manufacturing'], methodsOfControl: ['DebtBondage'] },
    });
    expect(care.status(), await care.text()).toBe(200);

    // The list's export menu, filtered to cases at identification.
    await page.goto('/cases?status=identification');
    await expect(page.locator(`[data-testid="case-row"][data-case-id="${caseId}"]`)).toBeVisible();
    await page.getByTestId('cases-htcds-export').click();
    const item = page.getByTestId('cases-htcds-htcds-xlsx-include');
    await expect(item).toBeVisible();
    await expect(item).toHaveAttribute('href', /format=htcds-xlsx.*identity=include.*status=identification|status=identification.*format=htcds-xlsx/);
    await fitsThePhone(page);
    await photo('htcds-export-menu');
    const [download] = await Promise.all([page.waitForEvent('download'), item.click()]);
    const sheetPath = testInfo.outputPath(`cases-${run.lang}.xlsx`);
    await download.saveAs(sheetPath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(sheetPath);
    const sheet = workbook.getWorksheet('Case Sheet');
    if (!sheet) throw new Error('no Case Sheet in the download');
    expect(sheet.getRow(1).getCell(20).value).toBe('vic_TraffickinStatusDecisionMakingOrg');
    expect(sheet.rowCount).toBe(3);
    expect(String(sheet.getRow(3).getCell(25).value)).toBe('ForcedLabour');

    // The import page: the dry run's report, then Import.
    await page.keyboard.press('Escape');
    await page.getByTestId('cases-htcds-import').click();
    await expect(page.getByTestId('page-title')).toBeVisible();
    await expect(page.getByTestId('htcds-import')).toBeDisabled();
    // A cell outside its pick-list first: the problem by row and column, nothing imported.
    sheet.getRow(3).getCell(25).value = 'ForcedLabour; Slavery';
    const badPath = testInfo.outputPath(`cases-bad-${run.lang}.xlsx`);
    await workbook.xlsx.writeFile(badPath);
    await page.getByTestId('htcds-file').setInputFiles(badPath);
    await page.getByTestId('htcds-check').click();
    await expect(page.getByTestId('htcds-problem')).toContainText('Y vic_TypeOfExploitation');
    await expect(page.getByTestId('htcds-problem')).toContainText('Slavery');
    await expect(page.getByTestId('htcds-import')).toBeDisabled();
    await fitsThePhone(page);
    await photo('htcds-import-problem');
    await page.getByTestId('htcds-file').setInputFiles(sheetPath);
    await page.getByTestId('htcds-check').click();
    const report = page.getByTestId('htcds-report');
    await expect(report).toHaveAttribute('data-dry-run', 'true');
    await expect(page.getByTestId('htcds-created')).toHaveText(/^[1۱]$/);
    await expect(page.getByTestId('htcds-ready')).toBeVisible();
    await fitsThePhone(page);
    await photo('htcds-import-checked');
    await page.getByTestId('htcds-import').click();
    await expect(report).toHaveAttribute('data-dry-run', 'false');
    const link = page.getByTestId('htcds-opened').getByRole('link');
    await expect(link).toHaveCount(1);
    await fitsThePhone(page);
    await photo('htcds-import-done');

    // The imported case, and its HTCDS JSON from the case page.
    await link.click();
    await expect(page.getByTestId('case-fullName')).toContainText(run.name);
    const json = page.getByTestId('case-htcds-json');
    await expect(json).toBeVisible();
    const [file] = await Promise.all([page.waitForEvent('download'), json.click()]);
    const body = JSON.parse(await (await import('node:fs/promises')).readFile(await file.path(), 'utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({ vic_TypeOfExploitation: ['ForcedLabour'], vic_MethodsOfControl: ['DebtBondage'], prs_FirstName: null });
    await fitsThePhone(page);
    await photo('htcds-case-page');
    await context.close();
  });
}
