import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:4600';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--no-first-run'] });
for (const [w, h, lang] of [[390, 844, 'ur'], [1280, 800, 'en']]) {
  const ctx = await browser.newContext({ viewport: { width: w, height: h } });
  await ctx.request.post(base + '/api/auth/login', { data: { email: 'e2e.admin@hifazat.example', password: 'e2e-password-2026' } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log('pageerror', e.message));
  await page.addInitScript((l) => localStorage.setItem('hifazat.lang', l), lang);
  await page.goto(base + '/');
  await page.getByTestId('dashboard-people').waitFor();
  await page.evaluate(() => document.fonts.ready);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `/tmp/menu-${lang}-${w}.png` });
  await ctx.close();
}
await browser.close();
