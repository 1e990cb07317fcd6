import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { E2E_ADMIN } from '../playwright.config';

// Issue 10, "Certificates": staff open the event's Certificates tab, issue for everyone (two attended,
// one did not: skipped with the reason in words), download a PDF through the page and it renders
// (pdftoppm); anyone opens /verify/<number> on a 390×844 phone in Urdu and sees "valid", pastes the
// certificate's QR text and sees "genuine", changes one character and sees "not genuine"; a link
// carrying the QR text after # is checked on opening. Staff issue for the people they tick, download the
// event's ZIP (one PDF per valid certificate, read entry by entry) and a certificate's Open Badge (an
// OpenBadgeCredential with its proof), revoke one with a reason (its history says who, when and why), and
// the public page then says "revoked"; the tab and its dialogs fit a 390 px phone in Urdu.

const DAY = '2026-06-15';
const STAMP = Date.now().toString(36);
const EVENT_TITLE = `E2E certificates ${STAMP}: referral of trafficking victims — Multan`;
const ids: Record<string, string> = {};
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
type Listed = { items: Array<{ number: string; holderName: string; qr: string; revoked: boolean }> };
// The second event: three who attended; certificates are issued for two of them, ticked by hand.
const CHOSEN_EVENT_TITLE = `E2E chosen certificates ${STAMP} — Lahore`;
const CHOSEN = ['Iqra Aziz', 'جمیلہ بانو'] as const;
const NOT_CHOSEN = 'Kamran Akmal';

async function create(request: APIRequestContext, url: string, data: Record<string, unknown>): Promise<string> {
  const response = await request.post(url, { data });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

test.beforeAll(async ({ request }) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const programme = await create(request, '/api/programmes', { name: `E2E Certificates ${STAMP}`, countries: ['PK'] });
  ids.event = await create(request, '/api/events', {
    programmeId: programme,
    title: EVENT_TITLE,
    type: 'training',
    startDate: DAY,
    endDate: DAY,
    city: 'Multan',
    countryCode: 'PK',
    status: 'held',
  });
  // Two attended (one with an Urdu name), one did not.
  for (const [key, fullName, sex, attended] of [
    ['farah', 'Farah Naz', 'female', true],
    ['ghulam', 'غلام مصطفیٰ', 'male', true],
    ['hina', 'Hina Javed', 'female', false],
  ] as const) {
    ids[key] = await create(request, '/api/people', { fullName, sex, countryCode: 'PK' });
    await create(request, `/api/events/${ids.event}/participants`, { personId: ids[key] });
    if (attended) {
      const marked = await request.put(`/api/events/${ids.event}/attendance`, { data: { personId: ids[key], date: DAY, present: true } });
      expect(marked.status(), await marked.text()).toBe(200);
    }
  }
  ids.chosenEvent = await create(request, '/api/events', {
    programmeId: programme,
    title: CHOSEN_EVENT_TITLE,
    type: 'workshop',
    startDate: DAY,
    endDate: DAY,
    city: 'Lahore',
    countryCode: 'PK',
    status: 'held',
  });
  for (const fullName of [...CHOSEN, NOT_CHOSEN]) {
    const personId = await create(request, '/api/people', { fullName, sex: 'female', countryCode: 'PK' });
    await create(request, `/api/events/${ids.chosenEvent}/participants`, { personId });
    const marked = await request.put(`/api/events/${ids.chosenEvent}/attendance`, { data: { personId, date: DAY, present: true } });
    expect(marked.status(), await marked.text()).toBe(200);
  }
});

/** The names of a ZIP file's entries, and the first bytes of each (zipinfo and unzip: Info-ZIP). */
function zipEntries(file: string): Array<{ name: string; head: string }> {
  expect(fs.readFileSync(file).subarray(0, 4).toString('latin1')).toBe('PK\x03\x04');
  const names = execFileSync('zipinfo', ['-1', file], { encoding: 'utf8' }).split('\n').filter(Boolean);
  return names.map((name) => ({ name, head: execFileSync('unzip', ['-p', file, name]).subarray(0, 5).toString('latin1') }));
}

async function download(page: Page, click: () => Promise<void>, name: string): Promise<{ file: string; suggested: string }> {
  const [started] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = test.info().outputPath(name);
  await started.saveAs(file);
  return { file, suggested: started.suggestedFilename() };
}

/** A photograph to look at: the whole page, or (a dialog over it) what the screen shows. */
async function shot(page: Page, name: string, fullPage = true) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage });
}

async function listed(request: APIRequestContext): Promise<Listed['items']> {
  const response = await request.get(`/api/events/${ids.event}/certificates`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as Listed).items;
}

test('staff issue the certificates from the event page and download one as a PDF that renders', async ({ page }) => {
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.goto(`/events/${ids.event}`);
  await page.getByTestId('tab-certificates').click();
  await expect(page.getByTestId('certificates-none')).toBeVisible();
  await page.getByTestId('certificates-issue').click();
  await page.getByTestId('certificates-issue-confirm-ok').click();
  await expect(page.getByTestId('certificates-issue-counts')).toHaveText('Issued: 2 · already had one: 0 · no certificate: 1');
  await expect(page.getByTestId('certificates-skipped')).toContainText('did not attend');
  await expect(page.getByTestId('certificates-skipped')).toContainText('Hina Javed');
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
  await shot(page, 'certificates-tab-desktop-en');

  // Issuing again gives nobody a second number.
  await page.getByTestId('certificates-issue').click();
  await page.getByTestId('certificates-issue-confirm-ok').click();
  await expect(page.getByTestId('certificates-issue-counts')).toHaveText('Issued: 0 · already had one: 2 · no certificate: 1');
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);

  // The Urdu PDF of the Urdu-named holder, downloaded as a person would.
  const items = await listed(page.request);
  const ghulam = items.find((c) => c.holderName === 'غلام مصطفیٰ');
  expect(ghulam).toBeDefined();
  const row = page.locator(`[data-testid="certificate-row"][data-number="${ghulam?.number ?? ''}"]`);
  const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('certificate-pdf-ur').click()]);
  expect(download.suggestedFilename()).toBe(`${ghulam?.number ?? ''}.pdf`);
  const pdf = test.info().outputPath('certificate-ur.pdf');
  await download.saveAs(pdf);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const prefix = test.info().outputPath('certificate-ur');
  execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', pdf, prefix]);
  const png = `${prefix}.png`;
  expect(fs.existsSync(png)).toBe(true);
  // A blank A4 page at 50 dpi compresses to about 1 kB; a drawn certificate is many times that.
  expect(fs.statSync(png).size).toBeGreaterThan(8000);

  // Urdu screen.
  await page.evaluate(() => localStorage.setItem('hifazat.lang', 'ur'));
  await page.reload();
  await page.getByTestId('tab-certificates').click();
  await expect(page.getByTestId('tab-certificates')).toHaveText('سرٹیفکیٹ');
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
  await shot(page, 'certificates-tab-desktop-ur');
});

test('anyone checks a certificate on a phone in Urdu: valid by its number, genuine by its QR text, not genuine with one character changed', async ({
  browser,
  request,
}) => {
  expect((await request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const certificate = (await listed(request)).find((c) => c.holderName === 'غلام مصطفیٰ');
  expect(certificate).toBeDefined();
  const number = certificate?.number ?? '';
  const qr = certificate?.qr ?? '';

  // Nobody signed in: a phone that scanned the certificate.
  const context = await browser.newContext(PHONE);
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  const page = await context.newPage();
  await page.goto(`/verify/${number}`);
  await expect(page.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'valid');
  await expect(page.getByTestId('verify-number-result-verdict')).toHaveText('درست');
  await expect(page.getByTestId('verify-holder')).toHaveText('غلام مصطفیٰ');
  await expect(page.getByTestId('verify-event')).toHaveText(EVENT_TITLE);
  await expect(page.getByTestId('verify-address-warning')).toContainText('127.0.0.1');
  await shot(page, 'verify-phone-ur');

  await page.getByTestId('verify-qr-input').fill(qr);
  await page.getByTestId('verify-qr-submit').click();
  await expect(page.getByTestId('verify-qr-result')).toHaveAttribute('data-state', 'genuine');
  await expect(page.getByTestId('verify-qr-result-verdict')).toHaveText('اصلی');
  await shot(page, 'verify-phone-ur-genuine');

  // One character of the signed part changed, to another character of the base45 alphabet.
  const at = 20;
  const changed = qr.slice(0, at) + (qr[at] === 'A' ? 'B' : 'A') + qr.slice(at + 1);
  expect(changed).not.toBe(qr);
  await page.getByTestId('verify-qr-input').fill(changed);
  await page.getByTestId('verify-qr-submit').click();
  await expect(page.getByTestId('verify-qr-result')).toHaveAttribute('data-state', 'not_genuine');
  await expect(page.getByTestId('verify-qr-result-verdict')).toHaveText('اصلی نہیں');
  await shot(page, 'verify-phone-ur-not-genuine');

  // A link that carries the QR text after # (never sent to the server) is checked as it opens.
  await page.goto(`/verify/${number}#${encodeURIComponent(qr)}`);
  await expect(page.getByTestId('verify-qr-result')).toHaveAttribute('data-state', 'genuine');
  await expect(page.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'valid');

  // An unknown number: "not found" in words, no error page.
  await page.goto('/verify/HZ-2026-2222-3333');
  await expect(page.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'notFound');
  await expect(page.getByTestId('verify-number-result-verdict')).toHaveText('نہیں ملا');
  await context.close();
});

test('staff issue for the people they tick, download the ZIP and an Open Badge, revoke one with a reason: its history and the public page say so', async ({
  page,
  browser,
}) => {
  expect((await page.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  await page.goto(`/events/${ids.chosenEvent}`);
  await page.getByTestId('tab-certificates').click();
  await expect(page.getByTestId('certificates-none')).toBeVisible();

  // Tick two of the three: one found by name, one straight from the list.
  await page.getByTestId('certificates-issue-chosen').click();
  const chooser = page.getByTestId('certificates-choose-modal');
  await expect(chooser.getByTestId('certificates-choose-person')).toHaveCount(3);
  await chooser.getByTestId('certificates-choose-search').fill('iqra');
  await expect(chooser.getByTestId('certificates-choose-person')).toHaveCount(1);
  await chooser.getByLabel(CHOSEN[0]).check();
  await chooser.getByTestId('certificates-choose-search').fill('');
  await chooser.getByLabel(CHOSEN[1]).check();
  await expect(chooser.getByTestId('certificates-choose-count')).toHaveText('Selected: 2');
  await shot(page, 'certificates-choose-desktop-en');
  await chooser.getByTestId('certificates-choose-issue').click();
  await expect(page.getByTestId('certificates-issue-counts')).toHaveText('Issued: 2 · already had one: 0 · no certificate: 0');
  await expect(chooser).toHaveCount(0);
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
  const items = await (async () => {
    const response = await page.request.get(`/api/events/${ids.chosenEvent}/certificates`);
    return ((await response.json()) as Listed).items;
  })();
  expect(items.map((c) => c.holderName).sort()).toEqual([...CHOSEN].sort());
  const [iqra, jamila] = CHOSEN.map((name) => items.find((c) => c.holderName === name)?.number ?? '');
  const rowOf = (number: string | undefined) => page.locator(`[data-testid="certificate-row"][data-number="${number ?? ''}"]`);
  await expect(rowOf(iqra).getByTestId('certificate-issued-by')).toHaveText('By E2E Admin');

  // The ZIP: one PDF per certificate, named by its number.
  await page.getByTestId('certificates-zip').click();
  const zip = await download(page, () => page.getByTestId('certificates-zip-en').click(), 'certificates.zip');
  expect(zip.suggested).toBe(`certificates-${ids.chosenEvent}.zip`);
  const entries = zipEntries(zip.file);
  expect(entries.map((e) => e.name).sort()).toEqual([`${iqra}.pdf`, `${jamila}.pdf`].sort());
  for (const entry of entries) expect(entry.head, entry.name).toBe('%PDF-');

  // The Open Badge: an OpenBadgeCredential of the holder, with its Data Integrity proof.
  const badge = await download(page, () => rowOf(iqra).getByTestId('certificate-badge').click(), 'badge.json');
  expect(badge.suggested).toBe(`${iqra}.json`);
  const credential = JSON.parse(fs.readFileSync(badge.file, 'utf8')) as {
    type: string[];
    credentialSubject: { name: string };
    proof?: { type: string; cryptosuite: string; proofPurpose: string; proofValue: string };
  };
  expect(credential.type).toContain('OpenBadgeCredential');
  expect(credential.credentialSubject.name).toBe(CHOSEN[0]);
  expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod' });
  expect(credential.proof?.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{80,}$/);

  // Revoked with a reason: the row and the certificate's history say who, when and why.
  const reason = 'Name misspelt on the attendance sheet';
  await rowOf(jamila).getByTestId('certificate-revoke').click();
  await page.getByTestId('certificate-revoke-reason').fill(reason);
  await page.getByTestId('certificate-revoke-ok').click();
  await expect(rowOf(jamila).getByTestId('certificate-status')).toHaveText('Revoked');
  await expect(rowOf(jamila).getByTestId('certificate-revoked-note')).toContainText(`By E2E Admin · Reason: ${reason}`);
  await rowOf(jamila).getByTestId('certificate-history-open').click();
  const history = page.getByTestId('certificate-history-modal');
  await expect(history.getByTestId('certificate-history-entry')).toHaveCount(2);
  await expect(history.getByTestId('certificate-history-entry').nth(0)).toHaveAttribute('data-step', 'issued');
  await expect(history.getByTestId('certificate-history-entry').nth(1)).toHaveAttribute('data-step', 'revoked');
  await expect(history.getByTestId('certificate-history-author')).toHaveText(['By E2E Admin', 'By E2E Admin']);
  await expect(history.getByTestId('certificate-history-reason')).toHaveText(`Reason: ${reason}`);
  await shot(page, 'certificate-history-desktop-en');
  await page.keyboard.press('Escape');

  // The ZIP leaves the revoked one out.
  await page.getByTestId('certificates-zip').click();
  const after = await download(page, () => page.getByTestId('certificates-zip-en').click(), 'certificates-after.zip');
  expect(zipEntries(after.file).map((e) => e.name)).toEqual([`${iqra}.pdf`]);

  // Anyone, not signed in, checking the number sees "revoked" (never the reason).
  const publicContext = await browser.newContext(PHONE);
  const checker = await publicContext.newPage();
  await checker.goto(`/verify/${jamila}`);
  await expect(checker.getByTestId('verify-number-result')).toHaveAttribute('data-state', 'revoked');
  await expect(checker.getByTestId('verify-number-result-verdict')).toHaveText('Revoked');
  await expect(checker.getByTestId('verify-number-result')).not.toContainText(reason);
  await publicContext.close();
});

test('the Certificates tab, its chooser and a history fit a 390 px phone in Urdu', async ({ browser }) => {
  const context = await browser.newContext(PHONE);
  await context.addInitScript(() => localStorage.setItem('hifazat.lang', 'ur'));
  expect((await context.request.post('/api/auth/login', { data: E2E_ADMIN })).status()).toBe(200);
  const page = await context.newPage();
  const fits = async () => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.goto(`/events/${ids.chosenEvent}`);
  await page.getByTestId('tab-certificates').click();
  await expect(page.getByTestId('certificate-row')).toHaveCount(2);
  await expect(page.getByTestId('certificates-issue-chosen')).toHaveText('منتخب افراد کے لیے جاری کریں');
  await fits();
  await shot(page, 'certificates-tab-phone-ur');

  await page.getByTestId('certificates-issue-chosen').click();
  const chooser = page.getByTestId('certificates-choose-modal');
  await expect(chooser.getByTestId('certificates-choose-person')).toHaveCount(3);
  await chooser.getByLabel(NOT_CHOSEN).check();
  await expect(chooser.getByTestId('certificates-choose-issue')).toHaveText('منتخب کے لیے جاری کریں (1)');
  await fits();
  await shot(page, 'certificates-choose-phone-ur', false);
  await chooser.getByTestId('certificates-choose-cancel').click();

  await page.getByTestId('certificate-history-open').first().click();
  await expect(page.getByTestId('certificate-history-entry').first()).toBeVisible();
  await fits();
  await shot(page, 'certificate-history-phone-ur', false);
  await context.close();
});
