// The web bundle's budget (issue 9, "Slow links"), checked on the build this Playwright run serves:
// `npm run test:e2e` builds packages/web/dist first, so the files measured are the ones a browser gets.
// (`npm test` runs before any build; a check there would read a missing or stale dist.)
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { PUBLIC_PAGE_MODULES, SIGN_IN_PAGE, WEB_DIST, measurePages } from '../bundle-size';

// The budgets: sign-in ≤ 120 kB (measured 62/71 kB EN/UR: signin.html, its own entry), any page ≤ 200 kB (the largest, an
// event form, 186/195 kB). Dialogs, menus and tabs load when first opened, so they do not count here.
const SIGN_IN_BUDGET = 120_000;
const PAGE_BUDGET = 200_000;
// A test taken through its link is opened on participants' phones, often on slow links: the entry and
// the page alone (measured 123/131 kB EN/UR), no signed-in frame.
const PUBLIC_PAGE_BUDGET = 140_000;

const pages = measurePages();

test('the sign-in page’s first load stays within the 120 kB budget of JS and CSS (gzip), in English and Urdu', () => {
  const signIn = pages.filter((row) => row.page === SIGN_IN_PAGE);
  expect(signIn).toHaveLength(2);
  // Sign-in must not pull in the signed-in frame or another page.
  for (const row of signIn) expect(row.files.filter((file) => /SignedIn|AppLayout|DashboardPage/.test(file))).toEqual([]);
  const over = signIn.filter((row) => row.totalBytes > SIGN_IN_BUDGET).map((row) => `${row.language}: ${row.totalBytes} bytes`);
  expect(over).toEqual([]);
});

test('a public page’s first load (a test taken through its link) stays within 140 kB, without the signed-in frame, in English and Urdu', () => {
  const open = pages.filter((row) => PUBLIC_PAGE_MODULES.includes(row.page));
  expect(open.length).toBeGreaterThanOrEqual(2);
  for (const row of open) expect(row.files.filter((file) => /SignedIn|AppLayout/.test(file))).toEqual([]);
  expect(
    open.filter((row) => row.totalBytes > PUBLIC_PAGE_BUDGET).map((row) => `${path.basename(row.page)} (${row.language}): ${row.totalBytes} bytes`),
  ).toEqual([]);
});

test('every page’s first load stays within the 200 kB budget of JS and CSS (gzip), in English and Urdu', () => {
  const pageNames = new Set(pages.map((row) => row.page));
  // Every route of routes.tsx is measured (a dozen pages), not only the entry.
  expect(pageNames.size).toBeGreaterThanOrEqual(14);
  const over = pages.filter((row) => row.totalBytes > PAGE_BUDGET).map((row) => `${path.basename(row.page)} (${row.language}): ${row.totalBytes} bytes`);
  expect(over).toEqual([]);
});

test('no page’s first load includes zod: the forms fetch their schemas after the page has drawn', () => {
  // zod's schema objects keep their internals under `_zod`; a contract constant moved back beside a
  // schema (instead of contract/src/vocabulary.ts) would bring 30 kB of zod into the pages using it.
  const withZod = new Set<string>();
  for (const row of pages) {
    for (const file of row.files) {
      if (file.endsWith('.js') && fs.readFileSync(path.join(WEB_DIST, file), 'utf8').includes('._zod')) withZod.add(`${path.basename(row.page)}: ${file}`);
    }
  }
  expect([...withZod]).toEqual([]);
  // The check can fail: the forms' own schema chunk has zod.
  const assets = fs.readdirSync(path.join(WEB_DIST, 'assets')).filter((file) => file.endsWith('.js'));
  expect(assets.some((file) => fs.readFileSync(path.join(WEB_DIST, 'assets', file), 'utf8').includes('._zod'))).toBe(true);
});

test('every Mantine class the built JavaScript uses has its rules (or keyframes) in the built CSS', () => {
  // mantine-styles.ts imports Mantine's stylesheets one component at a time; a component added to a
  // page without its stylesheet would draw unstyled. Mantine's class names are m_ and 8 hex digits.
  const assets = fs.readdirSync(path.join(WEB_DIST, 'assets'));
  const read = (ext: string) => assets.filter((file) => file.endsWith(ext)).map((file) => fs.readFileSync(path.join(WEB_DIST, 'assets', file), 'utf8'));
  const used = new Set(read('.js').flatMap((code) => code.match(/\bm_[0-9a-f]{8}\b/g) ?? []));
  // Some names are animations: defined by @keyframes rather than a class rule.
  const styled = new Set(
    read('.css').flatMap((css) => css.match(/(?:\.|@keyframes )m_[0-9a-f]{8}\b/g)?.map((rule) => rule.replace(/^(\.|@keyframes )/, '')) ?? []),
  );
  expect(used.size).toBeGreaterThan(100);
  expect([...used].filter((name) => !styled.has(name))).toEqual([]);
});
