// Component tests (jsdom): what the browser has and jsdom lacks, and one fetch the tests answer.
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';
import '../i18n';

// findBy…/waitFor wait up to 5 s instead of 1 s: on a CI machine busy with the server's tests, a
// page's first drawing plus a debounced IndexedDB write took longer than a second (a TakePage test
// failed so). A test still fails when what it waits for never happens.
configure({ asyncUtilTimeout: 5000 });

let phone = false;
/** Makes `(max-width: …)` media queries match, as on a phone. */
export function setPhone(value: boolean): void {
  phone = value;
}

Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string): MediaQueryList =>
    ({
      matches: phone && query.includes('max-width'),
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList,
});

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoResizeObserver;
window.HTMLElement.prototype.scrollIntoView ??= () => {};
// Mantine's autosizing text box listens for web fonts loading (document.fonts), which jsdom lacks.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', { value: { ready: Promise.resolve(), addEventListener: () => {}, removeEventListener: () => {} } });
}

type Handler = (path: string, init: RequestInit | undefined) => Response | Promise<Response>;
let handler: Handler = (path) => new Response(JSON.stringify({ error: { code: 'not_found', message: path, details: [] } }), { status: 404 });
/** Answers the web app's API calls (the client captured `fetch` when it was created, so it is replaced once, here). */
export function answerApi(next: Handler): void {
  handler = next;
}
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}
globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) =>
  Promise.resolve(handler(typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url, init));

afterEach(() => {
  cleanup();
  phone = false;
});

// Preact's hooks run effects after the next frame, with a 35 ms timer as the fallback that calls
// cancelAnimationFrame; a timer still pending when a file's jsdom is torn down threw "cancelAnimationFrame
// is not defined" into the run (an unhandled error fails it). Timers fire by due time, so waiting
// longer than that at the end of each file lets every pending one run while jsdom is still there.
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
