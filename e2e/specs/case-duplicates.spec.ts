import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { E2E_ADMIN } from '../playwright.config';

// Issue 13, possible duplicates across agencies, on a phone in English and in Urdu: the same person opened
// twice by one agency (an Urdu and a Latin spelling, one phone) and once more by another agency (the same
// identity number). The supervisor sees both pairs with what matched, the other agency's case without its
// name, and merges the pair of their own agency; the kept case's history shows the merged case's entries.
const STAMP = Date.now().toString(36);
const DIGITS = String(Date.now()).slice(-7);
const PASSWORD = 'duplicates-password-2026';
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const codeOf = (secret: string, ahead = 0) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + ahead * 30_000 });

async function ok(response: Awaited<ReturnType<APIRequestContext['post']>>, status = 201) {
  expect(response.status(), await response.text()).toBe(status);
  return response.json() as Promise<Record<string, unknown>>;
}

async function enrol(request: APIRequestContext, account: { email: string; password: string }): Promise<string> {
  expect((await ok(await request.post('/api/auth/login', { data: account }), 200)).mfa).toBe('setup_required');
  const { secret } = (await ok(await request.post('/api/auth/mfa/setup'), 200)) as { secret: string };
  await ok(await request.post('/api/auth/mfa/confirm', { data: { code: codeOf(secret) } }), 200);
  return secret;
}

async function signIn(page: Page, account: { email: string; password: string }, secret: string) {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('mfa-verify')).toBeVisible();
  await page.getByTestId('mfa-code').fill(codeOf(secret, 1));
  await page.getByTestId('mfa-verify-submit').click();
  await expect(page.getByTestId('case-home')).toBeVisible();
}

for (const [index, lang] of (['en', 'ur'] as const).entries()) {
  test.describe(`possible duplicates on a phone (${lang})`, () => {
    test.use(PHONE);
    const supervisor = { email: `e2e.duplicates.supervisor.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
    let secret = '';
    const ids = { kept: '', merged: '', other: '' };
    const references = { kept: '', merged: '', other: '' };
    // One phone and one identity number per language and run: no other test's cases pair with these.
    const phone = `0300${index}${DIGITS.slice(1)}`;
    const cnic = `35202-${DIGITS}-${index}`;

    test.beforeAll(async ({ playwright, baseURL }) => {
      const as = () => playwright.request.newContext({ baseURL });
      const admin = await as();
      await ok(await admin.post('/api/auth/login', { data: E2E_ADMIN }), 200);
      const agency = async (name: string) =>
        (await ok(await admin.post('/api/organizations', { data: { name: `${name} ${lang} ${STAMP}`, type: 'law_enforcement', countryCode: 'PK' } })))
          .id as string;
      const own = await agency('Duplicates police');
      const other = await agency('Duplicates shelter');
      const officer = async (organizationId: string, name: string) => {
        const account = { email: `e2e.duplicates.${name}.${lang}.${STAMP}@hifazat.example`, password: PASSWORD };
        await ok(await admin.post('/api/users', { data: { ...account, name: `Duplicates ${name}`, role: 'data_officer', countries: ['PK'], organizationId } }));
        const api = await as();
        await enrol(api, account);
        return api;
      };
      await ok(
        await admin.post('/api/users', {
          data: { ...supervisor, name: `Duplicates Supervisor ${lang}`, role: 'supervisor', countries: ['PK'], organizationId: own },
        }),
      );
      secret = await enrol(await as(), supervisor);
      const ownOfficer = await officer(own, 'officer');
      const otherOfficer = await officer(other, 'shelter-officer');
      const open = async (api: APIRequestContext, province: string, victim: Record<string, unknown>) => {
        const made = await ok(await api.post('/api/cases', { data: { countryCode: 'PK', province, victim: { sex: 'female', ...victim } } }));
        return { id: made.id as string, reference: made.reference as string };
      };
      const kept = await open(ownOfficer, 'Punjab', { fullName: 'Shazia Parveen', birthDate: `1996-04-1${index + 2}`, phone, identityNumber: cnic });
      const merged = await open(ownOfficer, 'Punjab', { fullName: 'شازیہ پروین', birthDate: `1996-04-1${index + 2}`, phone: `+92${phone.slice(1)}` });
      const elsewhere = await open(otherOfficer, 'Sindh', { fullName: 'Rubina Bano', identityNumber: cnic.replace(/-/g, '') });
      Object.assign(ids, { kept: kept.id, merged: merged.id, other: elsewhere.id });
      Object.assign(references, { kept: kept.reference, merged: merged.reference, other: elsewhere.reference });
    });

    test('a supervisor sees what matched, merges the pair of their agency, and the kept case keeps both histories', async ({ browser }, testInfo) => {
      const context = await browser.newContext(PHONE);
      await context.addInitScript((language) => localStorage.setItem('hifazat.lang', language), lang);
      const page = await context.newPage();
      await signIn(page, supervisor, secret);
      await page.getByTestId('case-home-duplicates-link').click();
      const pairs = page.getByTestId('duplicate-pair');
      await expect(pairs).toHaveCount(2);
      const ownPair = pairs.filter({ has: page.locator(`a[href="/cases/${ids.merged}"]`) });
      await expect(ownPair.getByTestId('duplicate-signal')).toHaveCount(3);
      await expect(ownPair).toHaveAttribute('data-level', 'strong');
      // The other agency's case: reference, agency and province, never its name.
      const acrossPair = pairs.filter({ has: page.locator(`a[href="/cases/${ids.other}"]`) }).filter({ has: page.locator(`a[href="/cases/${ids.kept}"]`) });
      await expect(acrossPair.getByTestId('duplicate-signal')).toHaveAttribute('data-signal', 'identity_number');
      const otherSide = acrossPair.locator('[data-testid="duplicate-side"][data-own="false"]');
      await expect(otherSide).toContainText(references.other);
      await expect(otherSide.getByTestId('duplicate-name')).toHaveCount(0);
      await expect(page.getByTestId('duplicates-page')).not.toContainText('Rubina');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: testInfo.outputPath(`duplicates-${lang}.png`), fullPage: true });

      await ownPair.getByTestId('duplicate-merge').click();
      const modal = page.getByRole('dialog');
      await expect(modal.getByTestId('duplicate-merge-confirm')).toBeVisible();
      await modal.getByRole('radio', { name: references.kept }).check();
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: testInfo.outputPath(`duplicates-merge-${lang}.png`) });
      await modal.getByTestId('duplicate-merge-confirm').click();
      await expect(page.getByTestId('duplicates-message')).toContainText(references.kept);
      // The merged case leaves: its pair with the other agency's case goes with it.
      await expect(pairs).toHaveCount(1);

      await page.goto(`/cases/${ids.kept}`);
      await page.getByTestId('case-tab-history').click();
      await expect(page.getByTestId('case-history-from').first()).toContainText(references.merged);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: testInfo.outputPath(`duplicates-history-${lang}.png`), fullPage: true });
      await page.goto(`/cases/${ids.merged}`);
      await expect(page.getByTestId('case-merged')).toBeVisible();
      await context.close();
    });
  });
}
