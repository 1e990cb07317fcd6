// What each page of the built web app makes a browser download on its first load (JS and CSS, gzip),
// computed from Vite's manifest (packages/web/dist/.vite/manifest.json). Used by specs/bundle-budget.spec.ts;
// `npm run bundle:size` prints the table after `npm run build`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { PUBLIC_PAGES, SIGN_IN_PAGE as SIGN_IN_ENTRY, SIGNED_IN_FRAME, SIGNED_IN_PAGES } from '../packages/web/src/app/page-table';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../packages/web/dist');
/**
 * The sign-in page a visitor without a session gets (packages/web/signin.html): an entry of its own,
 * without the app's. (The app's own sign-in page, SIGN_IN_ENTRY, draws only inside an app already loaded.)
 */
export const SIGN_IN_PAGE = 'signin.html';
/** The app's page (index.html), whose entry every other page loads. */
const APP_HTML = 'index.html';
/** Urdu's strings, fetched when Urdu is the reader's language (src/i18n/index.ts). */
export const URDU_STRINGS = 'src/i18n/ur.json';
/** The signed-in frame (menu, header) around every page but sign-in; lazy itself so sign-in never loads it. */
export const APP_LAYOUT = SIGNED_IN_FRAME;
/** Pages opened without an account (a test's link): drawn without the signed-in frame, like sign-in. */
export const PUBLIC_PAGE_MODULES: readonly string[] = PUBLIC_PAGES.map((entry) => entry.module);

type ManifestChunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
type Manifest = Record<string, ManifestChunk>;

export type PageLoad = {
  page: string;
  /** The reader's language: Urdu adds its strings' chunk (src/i18n/index.ts); English is in the entry. */
  language: 'en' | 'ur';
  files: string[];
  jsBytes: number;
  cssBytes: number;
  totalBytes: number;
};

function gzipSize(file: string): number {
  // Level 9, as scripts/precompress.mjs writes the .gz copies the server sends.
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** The chunk's file, its static imports' files (transitively) and every CSS file they carry. */
function staticClosure(manifest: Manifest, key: string, into: Set<string>, seen = new Set<string>()): Set<string> {
  if (seen.has(key)) return into;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`manifest has no chunk ${key}`);
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into, seen);
  return into;
}

/**
 * One row per route page: the HTML's entry with its static imports, the signed-in layout (except for
 * sign-in and the public pages), the page's own lazy chunk with its static imports, and all their CSS. Lazy chunks a page
 * loads later (a tab, a dialog) are not part of its first load.
 */
export function measurePages(dist = WEB_DIST): PageLoad[] {
  const manifestFile = path.join(dist, '.vite/manifest.json');
  if (!fs.existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run \`npm run build\` first`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  const entryKey = manifest[APP_HTML]?.isEntry ? APP_HTML : undefined;
  const entry = entryKey ? manifest[entryKey] : undefined;
  if (!entryKey || !entry) throw new Error('manifest has no entry chunk');
  const base = staticClosure(manifest, entryKey, new Set());
  const layout = manifest[APP_LAYOUT]?.isDynamicEntry ? staticClosure(manifest, APP_LAYOUT, new Set()) : new Set<string>();
  // The route pages, as the app's page table names them (packages/web/src/app/page-table.ts).
  const pages = [...new Set([SIGN_IN_ENTRY.module, ...PUBLIC_PAGE_MODULES, ...SIGNED_IN_PAGES.map((page) => page.module)])];
  const notLazy = pages.filter((key) => !manifest[key]?.isDynamicEntry);
  if (!manifest[SIGN_IN_PAGE]?.isEntry) throw new Error(`the build has no ${SIGN_IN_PAGE} entry`);
  if (notLazy.length > 0) throw new Error(`pages not in a lazy chunk of their own: ${notLazy.join(', ')}`);
  const urdu = manifest[URDU_STRINGS]?.isDynamicEntry ? URDU_STRINGS : undefined;
  const rows: PageLoad[] = [];
  for (const key of [SIGN_IN_PAGE, ...pages]) {
    for (const language of ['en', 'ur'] as const) {
      // The sign-in page is its own entry; every other page loads the app's, and signed-in ones its frame.
      const files = key === SIGN_IN_PAGE ? new Set<string>() : new Set(base);
      if (key !== SIGN_IN_PAGE && key !== SIGN_IN_ENTRY.module && !PUBLIC_PAGE_MODULES.includes(key)) for (const file of layout) files.add(file);
      staticClosure(manifest, key, files);
      if (language === 'ur' && urdu) staticClosure(manifest, urdu, files);
      let jsBytes = 0;
      let cssBytes = 0;
      for (const file of files) {
        const size = gzipSize(path.join(dist, file));
        if (file.endsWith('.css')) cssBytes += size;
        else jsBytes += size;
      }
      rows.push({ page: key, language, files: [...files].sort(), jsBytes, cssBytes, totalBytes: jsBytes + cssBytes });
    }
  }
  return rows;
}

const kb = (bytes: number) => (bytes / 1000).toFixed(1);

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = measurePages(process.argv[2] ? path.resolve(process.argv[2]) : WEB_DIST);
  console.log('| page | JS (kB gzip) | CSS (kB gzip) | total, English (kB gzip) | total, Urdu (kB gzip) | files |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  const english = rows.filter((row) => row.language === 'en').sort((a, b) => b.totalBytes - a.totalBytes);
  for (const row of english) {
    const inUrdu = rows.find((other) => other.page === row.page && other.language === 'ur');
    const name = row.page === SIGN_IN_PAGE ? 'sign-in (signin.html)' : path.basename(row.page).replace(/\.tsx?$/, '');
    console.log(`| ${name} | ${kb(row.jsBytes)} | ${kb(row.cssBytes)} | ${kb(row.totalBytes)} | ${kb(inUrdu?.totalBytes ?? 0)} | ${row.files.length} |`);
  }
}
