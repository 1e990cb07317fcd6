import { pathSpellings, type TestContext } from '../../packages/server/src/testing.js';
import type { Route } from './routes.js';

export type SpellingsResult = { routesChecked: number; requests: number; answered2xx: string[]; serverErrors: string[] };

/**
 * Every route that refuses a request without a session, asked again under every other spelling of
 * its address (encoded letters, case, double encoding, doubled and dot segments…), without a session
 * and, for writes, from another origin too: any 2xx is a way past sign-in.
 */
export async function spellingChecks(ctx: TestContext, routes: Route[], ids: (route: Route) => string): Promise<SpellingsResult> {
  const result: SpellingsResult = { routesChecked: 0, requests: 0, answered2xx: [], serverErrors: [] };
  for (const route of routes) {
    const path = ids(route);
    const method = route.method as 'GET';
    const payload = route.method === 'GET' || route.method === 'DELETE' ? undefined : {};
    const canonical = await ctx.app.inject({ method, url: path, ...(payload ? { payload } : {}) });
    // Public routes (health, sign-in, sign-out) answer without a session whatever the spelling.
    if (canonical.statusCode !== 401) continue;
    result.routesChecked += 1;
    for (const url of pathSpellings(path)) {
      const variants: Array<Record<string, string>> = [{}];
      if (route.method !== 'GET') variants.push({ host: 'hifazat.example', origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' });
      for (const headers of variants) {
        const response = await ctx.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        result.requests += 1;
        const label = `${route.method} ${url}${headers.origin ? ' (Origin evil.example)' : headers['sec-fetch-site'] ? ' (cross-site)' : ''} → ${response.statusCode}`;
        if (response.statusCode >= 200 && response.statusCode < 300) result.answered2xx.push(label);
        if (response.statusCode >= 500) result.serverErrors.push(label);
      }
    }
  }
  return result;
}
