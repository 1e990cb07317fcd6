// The built web app's HTML shell, with the files of the page asked for named in it: the browser then
// fetches the page's code together with the app's entry instead of after the entry has run (on a
// 400 kbit/s link with 400 ms round trips, about a second). The build lists them per address in
// dist/page-preloads.json (packages/web/vite.config.ts, src/app/page-table.ts).
import fs from 'node:fs';
import path from 'node:path';

export type PagePreloads = {
  signIn: { path: string; files: string[] };
  /** The signed-in frame around every other page. */
  frame: string[];
  /** `data`: the API addresses the page asks for as it first draws. */
  pages: { path: string; files: string[]; data?: string[] }[];
  /**
   * Pages anyone opens without an account (a test's link), outside the frame. In `data`, a ':name'
   * segment stands for the address's segment of that name. Absent in builds older than these pages.
   */
  public?: { path: string; files: string[]; data?: string[] }[];
};

/** Whether an address matches a page's path, where ':name' stands for one segment. */
export function matchesPagePath(pattern: string, pathname: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  return want.length === got.length && want.every((segment, i) => segment.startsWith(':') || segment === got[i]);
}

/** An API address of a page with the page address's ':name' segments put in ('/api/take/:token' at '/take/abc' → '/api/take/abc'). */
export function fillAddress(address: string, pattern: string, pathname: string): string {
  const names = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  return address.replace(/:(\w+)/g, (whole, name: string) => {
    const i = names.indexOf(`:${name}`);
    return i >= 0 ? (got[i] ?? whole) : whole;
  });
}

/** Only files the build wrote, by the names it gives them, and API addresses; anything else is ignored. */
const BUILT_FILE = /^\/assets\/[\w.-]+\.(js|css)$/;
const API_ADDRESS = /^\/api\/[\w/-]+(\?[\w=&-]*)?$/;

/**
 * The <link> tags for an address: a public page's files and first data for anyone; the sign-in page's
 * files for a visitor without a session cookie (or at the sign-in address); otherwise the frame's, the
 * page's and the signed-in user's details.
 */
export function preloadTags(preloads: PagePreloads, pathname: string, hasSessionCookie: boolean): string {
  // A public page is the same for everyone, signed in or not; its address's segments fill its data's.
  const open = preloads.public?.find((candidate) => matchesPagePath(candidate.path, pathname));
  if (open) {
    return linkTags(
      open.files,
      (open.data ?? []).map((address) => fillAddress(address, open.path, pathname)),
    );
  }
  const signingIn = !hasSessionCookie || matchesPagePath(preloads.signIn.path, pathname);
  const page = signingIn ? undefined : preloads.pages.find((candidate) => matchesPagePath(candidate.path, pathname));
  const files = signingIn ? preloads.signIn.files : [...preloads.frame, ...(page?.files ?? [])];
  // The app asks who is signed in before it draws anything: asked here, the answer is on its way with the code.
  return linkTags(files, signingIn ? [] : ['/api/auth/me', ...(page?.data ?? [])]);
}

function linkTags(files: readonly string[], data: readonly string[]): string {
  const tags = [...new Set(files)]
    .filter((file) => BUILT_FILE.test(file))
    .map((file) => (file.endsWith('.css') ? `<link rel="stylesheet" crossorigin href="${file}">` : `<link rel="modulepreload" crossorigin href="${file}">`));
  for (const address of data.filter((candidate) => API_ADDRESS.test(candidate))) tags.push(`<link rel="preload" as="fetch" crossorigin href="${address}">`);
  return tags.join('');
}

type Shell = {
  html: string;
  /** The sign-in page's own HTML (packages/web/signin.html): its form without the app. Absent in older builds. */
  signInHtml: string | null;
  preloads: PagePreloads | null;
  stamp: string;
};

/** Reads index.html and the preload list, again only when the build has changed them. */
export function webAppShell(webDist: string): () => Shell {
  let cached: Shell | undefined;
  const read = (file: string) => fs.readFileSync(path.join(webDist, file), 'utf8');
  const stampOf = (file: string) => {
    try {
      return String(fs.statSync(path.join(webDist, file)).mtimeMs);
    } catch {
      return 'none';
    }
  };
  return () => {
    const stamp = `${stampOf('index.html')}|${stampOf('page-preloads.json')}|${stampOf('signin.html')}`;
    if (cached?.stamp === stamp) return cached;
    let preloads: PagePreloads | null = null;
    try {
      preloads = JSON.parse(read('page-preloads.json')) as PagePreloads;
    } catch {
      // An older build without the list: the app still loads, one round trip slower.
    }
    let signInHtml: string | null = null;
    try {
      signInHtml = read('signin.html');
    } catch {
      // An older build: the app draws its own sign-in page.
    }
    cached = { html: read('index.html'), signInHtml, preloads, stamp };
    return cached;
  };
}

/** The shell for one address. */
export function pageHtml(shell: Shell, pathname: string, hasSessionCookie: boolean): string {
  if (!shell.preloads) return shell.html;
  return shell.html.replace('</head>', `${preloadTags(shell.preloads, pathname, hasSessionCookie)}</head>`);
}

/**
 * What a browser gets for a page address: the sign-in page alone for a visitor without a session at
 * /login; a redirect there (with the address to come back to) for any other signed-in page; the app
 * otherwise. A session cookie that has expired still gets the app, which then shows its own sign-in.
 */
export type PageAnswer = { kind: 'app' | 'sign-in'; html: string } | { kind: 'redirect'; location: string };

export function pageAnswer(shell: Shell, url: string, hasSessionCookie: boolean): PageAnswer {
  const pathname = url.split('?')[0] ?? '/';
  const preloads = shell.preloads;
  if (hasSessionCookie || !shell.signInHtml || !preloads) return { kind: 'app', html: pageHtml(shell, pathname, hasSessionCookie) };
  if (preloads.public?.some((candidate) => matchesPagePath(candidate.path, pathname))) return { kind: 'app', html: pageHtml(shell, pathname, false) };
  if (matchesPagePath(preloads.signIn.path, pathname)) return { kind: 'sign-in', html: shell.signInHtml };
  return { kind: 'redirect', location: pathname === '/' ? preloads.signIn.path : `${preloads.signIn.path}?next=${encodeURIComponent(url)}` };
}
