import http from 'node:http';
import type { CheckResult, ReliabilitySuite } from './lib/check.js';
import { ADMIN, addAdmin, hifazat, scratchDatabase, startServer } from './lib/server.js';

type Probe = { rule: string; ok: boolean; saw: string };

async function call(base: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}${path}`, { redirect: 'manual', ...init });
}

async function signIn(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
  return call(base, '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

/** A GET with a Host header of our choosing (fetch does not let a caller set Host). */
function statusWithHost(base: string, path: string, host: string): Promise<number> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = http.request({ hostname: url.hostname, port: url.port, path, method: 'GET', headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

/** Over real HTTP against `hifazat serve`: the headers and session rules a browser and a script meet. */
async function probeServer(base: string, https: boolean): Promise<Probe[]> {
  const probes: Probe[] = [];
  const expect = (rule: string, ok: boolean, saw: string) => probes.push({ rule, ok, saw });

  const login = await signIn(base, ADMIN.email, ADMIN.password);
  const cookieHeader = login.headers.get('set-cookie') ?? '';
  const cookie = cookieHeader.split(';')[0] ?? '';
  expect(
    'session cookie is HttpOnly and SameSite=Lax',
    /HttpOnly/i.test(cookieHeader) && /SameSite=Lax/i.test(cookieHeader),
    cookieHeader.replace(/=[^;]+/, '=…'),
  );
  expect(
    `session cookie is Secure ${https ? 'behind https' : 'only behind https'}`,
    /;\s*Secure/i.test(cookieHeader) === https,
    cookieHeader.replace(/=[^;]+/, '=…'),
  );

  const me = await call(base, '/api/auth/me', { headers: { cookie } });
  const csp = me.headers.get('content-security-policy') ?? '';
  expect(
    "CSP: default-src 'self', no framing, no plugins",
    csp.includes("default-src 'self'") && csp.includes("frame-ancestors 'none'") && csp.includes("object-src 'none'"),
    csp.slice(0, 80),
  );
  expect('personal answers are not cached', me.headers.get('cache-control') === 'no-store', me.headers.get('cache-control') ?? 'none');
  const hsts = me.headers.get('strict-transport-security');
  expect(`HSTS ${https ? 'sent behind https' : 'not sent over plain http'}`, https ? (hsts ?? '').includes('max-age=31536000') : hsts === null, hsts ?? 'none');
  expect('nosniff', me.headers.get('x-content-type-options') === 'nosniff', me.headers.get('x-content-type-options') ?? 'none');

  const organisation = { name: `Security probe ${Date.now()}`, type: 'civil_society', countryCode: 'PK' };
  const crossSite = await call(base, '/api/organizations', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
    body: JSON.stringify(organisation),
  });
  expect('cookie write marked Sec-Fetch-Site: cross-site is refused', crossSite.status === 403, String(crossSite.status));
  const otherOrigin = await call(base, '/api/organizations', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
    body: JSON.stringify(organisation),
  });
  expect('cookie write from another Origin is refused', otherOrigin.status === 403, String(otherOrigin.status));
  const list = (await (await call(base, `/api/organizations?q=${encodeURIComponent(organisation.name)}`, { headers: { cookie } })).json()) as {
    items: unknown[];
  };
  expect('a refused write changed nothing', list.items.length === 0, `${list.items.length} found`);
  const sameOrigin = await call(base, '/api/organizations', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify(organisation),
  });
  expect('same-origin write is accepted', sameOrigin.status === 201, String(sameOrigin.status));
  const script = await call(base, '/api/organizations', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ ...organisation, name: `${organisation.name} (script)` }),
  });
  expect('a script without Origin/Sec-Fetch-Site keeps working', script.status === 201, String(script.status));
  const crossSignIn = await signIn(base, ADMIN.email, ADMIN.password, { 'sec-fetch-site': 'cross-site' });
  expect('cross-site sign-in is refused', crossSignIn.status === 403 && !crossSignIn.headers.get('set-cookie'), String(crossSignIn.status));

  // Sign-in limits (README "Sign-in limits"): three failures from one address at one account are
  // answered at once, then each attempt must wait (429 with Retry-After), before the full lock.
  const victim = 'lockout.probe@hifazat.example';
  const answers: Array<{ status: number; retryAfter: string | null }> = [];
  for (let i = 0; i < 11; i += 1) {
    const answer = await signIn(base, victim, `guess ${i}`);
    answers.push({ status: answer.status, retryAfter: answer.headers.get('retry-after') });
  }
  expect(
    'failed sign-ins slow down after 3 (429 with Retry-After)',
    answers.slice(0, 3).every((a) => a.status === 401) && answers.slice(3).every((a) => a.status === 429 && Number(a.retryAfter) >= 1),
    answers.map((a) => `${a.status}${a.retryAfter ? `/${a.retryAfter}s` : ''}`).join(','),
  );
  // 40 attempts at one account at the same moment: each is reserved before its password is checked.
  const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(base, 'burst.probe@hifazat.example', `burst ${i}`)));
  const checked = burst.filter((a) => a.status === 401).length;
  expect(
    'a burst of 40 parallel sign-ins at one account checks at most 3 passwords',
    checked <= 3 && burst.every((a) => a.status === 401 || a.status === 429),
    `${checked} checked; ${burst.map((a) => a.status).join(',')}`,
  );
  const adminStill = await signIn(base, ADMIN.email, ADMIN.password);
  expect('the lockout of one account leaves others alone', adminStill.status === 200, String(adminStill.status));
  // Password spraying from one address over many accounts: stopped after 50 failures.
  let sprayed = 0;
  let stoppedAt = -1;
  for (let i = 0; i < 60 && stoppedAt < 0; i += 1) {
    const answer = await signIn(base, `spray${i}@hifazat.example`, 'Summer2026!');
    sprayed += 1;
    if (answer.status === 429) stoppedAt = sprayed;
  }
  // Failures above came from this address too (3 at the probe, up to 3 in the burst).
  expect('one address is stopped after 50 failed sign-ins over many accounts', stoppedAt > 0 && stoppedAt <= 50, `stopped at attempt ${stoppedAt}`);
  // The administrator signed in from this address before: the address keeps its own allowance.
  const knownStill = await signIn(base, ADMIN.email, ADMIN.password);
  expect('an account signed in from that address before still signs in from it', knownStill.status === 200, String(knownStill.status));
  // DNS rebinding: a name that points at this computer is not one the server answers to.
  const rebound = await statusWithHost(base, '/api/health/live', 'attacker.example');
  const ownName = await statusWithHost(base, '/api/health/live', new URL(base).host);
  expect("a Host header naming another site is refused, the server's own is served", rebound === 400 && ownName === 200, `${rebound} / ${ownName}`);
  return probes;
}

export const securitySuite: ReliabilitySuite = async ({ log }) => {
  const results: CheckResult[] = [];
  for (const https of [false, true]) {
    const db = await scratchDatabase('sqlite', undefined, 'security');
    try {
      await hifazat(['migrate'], db.env);
      await addAdmin(db.env);
      const server = await startServer({ ...db.env, ...(https ? { PUBLIC_URL: 'https://hifazat.example.org' } : {}) });
      try {
        const probes = await probeServer(server.url, https);
        for (const p of probes) log(`  ${p.ok ? 'ok  ' : 'FAIL'} ${https ? '[https] ' : ''}${p.rule}`);
        const failed = probes.filter((p) => !p.ok);
        results.push({
          name: `security headers and session rules (${https ? 'behind https' : 'plain http'})`,
          passed: failed.length === 0,
          figures: { 'rules checked': probes.length, 'rules broken': failed.length },
          detail: failed.length > 0 ? failed.map((p) => `${p.rule}: saw ${p.saw}`).join('; ') : undefined,
        });
      } finally {
        await server.stop();
      }
    } finally {
      await db.drop();
    }
  }
  return results;
};
