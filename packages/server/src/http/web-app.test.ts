import { describe, expect, it } from 'vitest';
import { fillAddress, matchesPagePath, pageAnswer, preloadTags, type PagePreloads } from './web-app.js';

const PRELOADS: PagePreloads = {
  signIn: { path: '/login', files: ['/assets/LoginPage-a1.js', '/assets/Input-b2.js'] },
  frame: ['/assets/SignedIn-c3.js', '/assets/SignedIn-d4.css', '/assets/Input-b2.js'],
  pages: [
    { path: '/', files: ['/assets/DashboardPage-e5.js'], data: ['/api/reports/dashboard', '/api/events?limit=5'] },
    { path: '/events/new', files: ['/assets/EventFormPage-f6.js'] },
    { path: '/events/:id', files: ['/assets/EventPage-g7.js', '"><script>alert(1)</script>'], data: ['javascript:alert(1)'] },
  ],
  public: [{ path: '/take/:token', files: ['/assets/TakePage-h8.js', '/assets/TakePage-i9.css'], data: ['/api/take/:token'] }],
};

describe('the page shell names the files of the page asked for', () => {
  it('matches an address segment by segment, ":id" standing for any one segment', () => {
    expect(matchesPagePath('/events/:id', '/events/0190a')).toBe(true);
    expect(matchesPagePath('/events/:id', '/events')).toBe(false);
    expect(matchesPagePath('/events/:id', '/events/1/edit')).toBe(false);
    expect(matchesPagePath('/', '/')).toBe(true);
    expect(matchesPagePath('/events/new', '/events/new/')).toBe(true);
  });

  it('gives a visitor without a session the sign-in page’s files, and nothing of the signed-in app', () => {
    const tags = preloadTags(PRELOADS, '/events/123', false);
    expect(tags).toContain('href="/assets/LoginPage-a1.js"');
    expect(tags).not.toContain('SignedIn');
    expect(tags).not.toContain('/api/');
  });

  it('gives a signed-in visitor the frame, the page and its first data once each, stylesheets as stylesheets', () => {
    const tags = preloadTags(PRELOADS, '/', true);
    expect(tags).toContain('<link rel="modulepreload" crossorigin href="/assets/SignedIn-c3.js">');
    expect(tags).toContain('<link rel="stylesheet" crossorigin href="/assets/SignedIn-d4.css">');
    expect(tags).toContain('href="/assets/DashboardPage-e5.js"');
    expect(tags.match(/Input-b2\.js/g)).toHaveLength(1);
    expect(tags).toContain('<link rel="preload" as="fetch" crossorigin href="/api/auth/me">');
    expect(tags).toContain('href="/api/events?limit=5"');
    expect(tags).not.toContain('LoginPage');
  });

  it('at the sign-in address gives the sign-in page even with a session cookie', () => {
    expect(preloadTags(PRELOADS, '/login', true)).toContain('LoginPage-a1.js');
  });

  it('leaves out anything in the list that is not a built file or an API address', () => {
    const tags = preloadTags(PRELOADS, '/events/42', true);
    expect(tags).toContain('EventPage-g7.js');
    expect(tags).not.toContain('<script>');
    expect(tags).not.toContain('javascript:');
    // "/events/new" is its own page, not an event called "new".
    expect(preloadTags(PRELOADS, '/events/new', true)).toContain('EventFormPage-f6.js');
  });

  it('gives anyone at a public page that page’s files and its first data for that address, and nothing of sign-in or the frame', () => {
    const token = 'Abc_def-0123456789ABCD';
    for (const hasCookie of [false, true]) {
      const tags = preloadTags(PRELOADS, `/take/${token}`, hasCookie);
      expect(tags).toContain('<link rel="modulepreload" crossorigin href="/assets/TakePage-h8.js">');
      expect(tags).toContain('<link rel="stylesheet" crossorigin href="/assets/TakePage-i9.css">');
      expect(tags).toContain(`<link rel="preload" as="fetch" crossorigin href="/api/take/${token}">`);
      expect(tags).not.toContain('LoginPage');
      expect(tags).not.toContain('SignedIn');
      expect(tags).not.toContain('/api/auth/me');
    }
    // An address segment that is not plain letters, digits, "_" or "-" is never put into a preload.
    const odd = preloadTags(PRELOADS, '/take/%22%3E%3Cscript%3E', false);
    expect(odd).toContain('TakePage-h8.js');
    expect(odd).not.toContain('/api/');
    expect(fillAddress('/api/take/:token', '/take/:token', '/take/xyz')).toBe('/api/take/xyz');
    // A build from before public pages had none: such an address is any other page.
    expect(preloadTags({ ...PRELOADS, public: undefined }, `/take/${token}`, false)).toContain('LoginPage-a1.js');
  });
});

describe('what a browser gets for a page address', () => {
  const shell = { html: '<html><head></head><body>app</body></html>', signInHtml: '<html>sign-in</html>', preloads: PRELOADS, stamp: '1' };

  it('sends a visitor without a session the sign-in page alone at /login, and the app once signed in', () => {
    expect(pageAnswer(shell, '/login?next=%2Fevents', false)).toEqual({ kind: 'sign-in', html: '<html>sign-in</html>' });
    const signedIn = pageAnswer(shell, '/login', true);
    expect(signedIn.kind).toBe('app');
    expect(signedIn.kind === 'app' && signedIn.html).toContain('body>app');
  });

  it('sends a visitor without a session from a signed-in page to sign-in, with the address to come back to', () => {
    expect(pageAnswer(shell, '/events/42?tab=attendance', false)).toEqual({ kind: 'redirect', location: '/login?next=%2Fevents%2F42%3Ftab%3Dattendance' });
    expect(pageAnswer(shell, '/', false)).toEqual({ kind: 'redirect', location: '/login' });
    // With a session cookie (even one that has expired) the app answers, and decides itself.
    expect(pageAnswer(shell, '/events/42', true).kind).toBe('app');
  });

  it('opens public pages without a session, and falls back to the app for builds without a sign-in page', () => {
    const open = pageAnswer(shell, '/take/abc', false);
    expect(open.kind).toBe('app');
    expect(open.kind === 'app' && open.html).toContain('TakePage-h8.js');
    expect(pageAnswer({ ...shell, signInHtml: null }, '/events/42', false).kind).toBe('app');
    expect(pageAnswer({ ...shell, signInHtml: null }, '/login', false).kind).toBe('app');
  });
});
