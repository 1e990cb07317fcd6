/// <reference lib="webworker" />
// The service worker: the app shell (index.html, every built chunk, stylesheet and font) is kept so
// that the app opens without a network after one visit. API answers are never cached here: the
// personal data they carry stays on the server; changes made offline live in the queue (IndexedDB).
// Built by the `serviceWorker` plugin of vite.config.ts, which puts the list of files and the build's
// version in front of this code.

// A module to the type checker (its names stay its own); the build drops this line.
export {};

const worker = self as unknown as ServiceWorkerGlobalScope;
/** Every file of the build, as absolute paths ("/assets/index-3f2a.js"). */
declare const PRECACHE: string[];
/** Changes with every build that changes a file: a new worker, a new cache, the old one dropped. */
declare const VERSION: string;

const PREFIX = 'hifazat-shell-';
const CACHE = `${PREFIX}${VERSION}`;
const SHELL = '/index.html';

worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // cache: 'reload' so that a fresh copy is kept, not one from the browser's own HTTP cache.
      await cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' })));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // Other sites and the API go to the network untouched (no answer with personal data is kept).
  if (url.origin !== worker.location.origin || url.pathname.startsWith('/api/') || url.pathname === '/api') return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirstShell(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
  }
});

/** A page: the server's index.html when it answers (a new build is seen at once), the kept one when not. */
async function networkFirstShell(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    // Every page address answers the shell; keep the newest copy of it. Not the sign-in page the server
    // sends a visitor without a session: offline, the app's shell draws its own sign-in.
    const isShell = response.ok && response.headers.get('content-type')?.includes('text/html') && response.headers.get('x-hifazat-page') !== 'sign-in';
    if (isShell) await cache.put(SHELL, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(SHELL);
    if (kept) return kept;
    throw error;
  }
}

/** A hashed file never changes: the kept copy if there is one, else the network (and keep it). */
async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}
