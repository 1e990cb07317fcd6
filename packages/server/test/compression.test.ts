import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { App } from '../src/http/types.js';
import { createTestContext, type TestContext } from './helpers.js';

/** A built web app in miniature: a page and a hashed bundle, each with the .br and .gz copies the build writes. */
function miniatureDist(): { dir: string; bundle: Buffer } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const bundle = Buffer.from(`export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word ${i} حفاظت`))};\n`);
  const page = Buffer.from(`<!doctype html><html><head><title>Hifazat</title></head><body>${'<div></div>'.repeat(200)}</body></html>`);
  for (const [name, bytes] of [
    ['assets/index-abc123.js', bundle],
    ['index.html', page],
  ] as const) {
    fs.writeFileSync(path.join(dir, name), bytes);
    fs.writeFileSync(path.join(dir, `${name}.br`), zlib.brotliCompressSync(bytes));
    fs.writeFileSync(path.join(dir, `${name}.gz`), zlib.gzipSync(bytes));
  }
  return { dir, bundle };
}

let ctx: TestContext;
let app: App;
let dist: { dir: string; bundle: Buffer };
beforeAll(async () => {
  ctx = await createTestContext();
  dist = miniatureDist();
  app = await createApp({ config: loadConfig({ DATA_DIR: '/nonexistent', WEB_DIST: dist.dir }), db: ctx.db, engine: ctx.engine });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  fs.rmSync(dist.dir, { recursive: true, force: true });
});

describe('compression on slow links', () => {
  it('sends the build’s brotli or gzip copy of a bundle as it is, cached for good', async () => {
    const br = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toContain('immutable');
    expect(zlib.brotliDecompressSync(br.rawPayload).equals(dist.bundle)).toBe(true);
    expect(br.rawPayload.length).toBeLessThan(dist.bundle.length / 3);

    const gz = await app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).equals(dist.bundle)).toBe(true);

    const plain = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(dist.bundle)).toBe(true);
  });

  it('sends the app shell compressed too, for any page address a browser opens', async () => {
    for (const url of ['/', '/events/0193b1d2-0000-7000-8000-000000000000']) {
      const page = await app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(zlib.brotliDecompressSync(page.rawPayload).toString('utf8')).toContain('<title>Hifazat</title>');
    }
  });

  it('sends the app shell as plain HTML to a client that accepts no compression, "/" included', async () => {
    for (const url of ['/', '/events']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-encoding'], url).toBeUndefined();
      expect(page.headers['content-type'], url).toContain('text/html');
      expect(page.body, url).toContain('<title>Hifazat</title>');
    }
  });

  it('compresses API answers above 1 kB for a client that accepts it, and leaves small ones alone', async () => {
    const big = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'br, gzip' } });
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    const document = JSON.parse(zlib.brotliDecompressSync(big.rawPayload).toString('utf8')) as { openapi: string };
    expect(document.openapi).toBe('3.1.0');

    const gz = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const small = await app.inject({ method: 'GET', url: '/api/health/live', headers: { 'accept-encoding': 'br, gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ status: 'up' });
  });
});
