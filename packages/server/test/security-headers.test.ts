import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, seedEvent, type TestContext } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

/** The Content-Security-Policy directives of a response, by name. */
function csp(header: string | string[] | number | undefined): Record<string, string> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name ?? '', values.join(' ')];
      }),
  );
}

describe('security headers', () => {
  it('send a strict Content-Security-Policy: own origin only, no plugins, no framing, no inline scripts', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: ctx.as('viewer') });
    const policy = csp(response.headers['content-security-policy']);
    expect(policy['default-src']).toBe("'self'");
    expect(policy['script-src']).toBe("'self'");
    expect(policy['object-src']).toBe("'none'");
    expect(policy['frame-ancestors']).toBe("'none'");
    expect(policy['base-uri']).toBe("'self'");
    expect(policy['form-action']).toBe("'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
  });

  it('do not send HSTS over plain http (it would lock browsers out of a field laptop on http)', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('forbid caching of every API answer that can hold personal data, errors included', async () => {
    const { event } = await seedEvent(ctx);
    for (const url of [
      '/api/auth/me',
      '/api/people',
      `/api/events/${event.id}`,
      `/api/events/${event.id}/participants`,
      '/api/people/not-an-id',
      '/api/reports/programme?from=2020-01-01&to=2026-99-99',
      '/api/events?status=nonsense',
    ]) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('viewer') });
      expect({ url, cacheControl: response.headers['cache-control'] }).toEqual({ url, cacheControl: 'no-store' });
    }
    // The live cache's answers (http/live-cache.ts: the events list, the programme report, the
    // dashboard) are the exception: the browser keeps them privately and asks again each time (ETag).
    for (const url of ['/api/events?limit=50', '/api/reports/programme?from=2020-01-01&to=2026-12-31', '/api/reports/dashboard']) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('viewer') });
      expect({ url, status: response.statusCode, cacheControl: response.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        cacheControl: 'private, no-cache',
      });
      expect(response.headers.etag).toBeTruthy();
    }
    const csv = await ctx.app.inject({
      method: 'GET',
      url: '/api/reports/programme/export?format=csv&from=2020-01-01&to=2026-12-31',
      headers: ctx.as('viewer'),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['cache-control']).toBe('no-store');
  });

  it('the API docs page sends the same CSP as every other page, without upgrade-insecure-requests over plain http', async () => {
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    const page = await ctx.app.inject({ method: 'GET', url: '/api/health/live' });
    expect(docs.statusCode).toBe(200);
    expect(String(docs.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
    expect(csp(docs.headers['content-security-policy'])).toEqual(csp(page.headers['content-security-policy']));
  });

  it('forbid caching of API answers however the address is spelled', async () => {
    for (const url of ['/%61pi/users', '/api//auth/me', '/API/auth/me']) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('viewer') });
      if (response.statusCode !== 404) expect({ url, cacheControl: response.headers['cache-control'] }).toEqual({ url, cacheControl: 'no-store' });
    }
  });
});
