import { permissionRoles, routes as contractRoutes, type Role } from '@hifazat/contract';
import fc from 'fast-check';
import { createTestContext, verifyAuditChain, type TestContext, type Engine } from '../../packages/server/src/testing.js';
import type { CheckResult } from '../lib/check.js';
import { exportChecks } from './exports.js';
import { planArb, toInject, type Auth, type Resolver } from './requests.js';
import { routesOf, type IdRef, type OpenApi, type Route } from './routes.js';
import { harnessSignIn, idPools, LOGIN_EMAIL, Seeder, SESSIONS_EMAIL } from './seed.js';
import { Checker } from './sender.js';
import { spellingChecks } from './spellings.js';
import { uploadChecks } from './uploads.js';

const ROLES: Role[] = ['admin', 'programme_manager', 'trainer', 'viewer'];
const LOGIN = 'POST /api/auth/login';
const LOGOUT = 'POST /api/auth/logout';
const NO_ROW = '00000000-0000-7000-8000-000000000000';
/** Imports of a file of their own (the directory's HSDS ZIP, the HTCDS case sheet): a participant list is refused there. */
const OWN_FORMAT_IMPORTS = new Set(['/api/services/import', '/api/cases/import']);

/** The session of the first role the route's permission admits when it does not admit the administrator; null: the admin's. */
function cookieFor(ctx: TestContext, route: Route): string | null {
  const spec = Object.values(contractRoutes).find((r) => r.method === route.method && r.path === route.path);
  const allowed: readonly Role[] | null = spec ? permissionRoles[spec.permission] : null;
  if (allowed === null || allowed.length === 0 || allowed.includes('admin')) return null;
  return allowed[0] ? ctx.as(allowed[0]).cookie : null;
}

export type EngineRun = { engine: Engine; seed: number; runsPerRoute: number; log: (line: string) => void };

/** The whole hostile-input run on one engine: every route fuzzed, then uploads, then exports. */
export async function fuzzEngine(run: EngineRun): Promise<CheckResult> {
  const started = performance.now();
  // With the case roles: the case files' uploads and exports are theirs, not the administrator's.
  const ctx = await createTestContext(run.engine, { caseRoles: true });
  try {
    return await fuzzContext(ctx, run, started);
  } finally {
    await ctx.close();
  }
}

async function fuzzContext(ctx: TestContext, run: EngineRun, started: number): Promise<CheckResult> {
  const cookies = Object.fromEntries(ROLES.map((role) => [role, ctx.as(role).cookie])) as Record<Role, string>;
  const seeder = new Seeder(ctx, () => cookies.admin);
  await seeder.seed();
  const own = await ctx.db.selectFrom('users').select('id').where('email_normalized', 'in', [LOGIN_EMAIL, SESSIONS_EMAIL]).execute();
  // The fuzzer's own accounts are read but never changed: deactivating the admin would end the run.
  // So is the case roles' agency: merged away or deleted, the data officer could open no case for the exports.
  const protectedIds = new Set([...Object.values(ctx.users).map((u) => u.id), ...own.map((u) => u.id), ...(ctx.agencyId ? [ctx.agencyId] : [])]);
  let pools = await idPools(ctx, protectedIds);
  const throwaway: string[] = [];
  const checker = new Checker(ctx, async () => {
    pools = await idPools(ctx, protectedIds);
  });

  const resolver = (write: boolean, used: { cookie?: string }): Resolver => ({
    id: (ref: IdRef) => {
      const pool = (write ? pools.write : pools.read).get(ref.kind) ?? (write ? pools.write : pools.read).get('any') ?? [];
      return pool[ref.pick % Math.max(pool.length, 1)] ?? NO_ROW;
    },
    cookie: (auth: Auth) => {
      switch (auth) {
        case 'admin':
        case 'programme_manager':
        case 'trainer':
        case 'viewer':
          return cookies[auth];
        case 'cross-site':
          return cookies.admin;
        case 'huge':
          return `hifazat_session=${'A'.repeat(50_000)}`;
        case 'doubled':
          return `hifazat_session=%FF%FE; ${cookies.admin}; hifazat_session=`;
        case 'throwaway':
          used.cookie = throwaway[0];
          return used.cookie;
        default:
          return undefined;
      }
    },
  });

  const routes = routesOf(ctx.app.swagger() as unknown as OpenApi);
  run.log(`fuzz (${run.engine}): ${routes.length} routes, ${run.runsPerRoute} requests each, seed ${run.seed}`);
  let sessionsLost = 0;
  const detail: string[] = [];

  for (const [index, route] of routes.entries()) {
    let harnessWrote = await seeder.topUp();
    if (route.key === LOGOUT) {
      while (throwaway.length < 4) throwaway.push(await harnessSignIn(ctx, SESSIONS_EMAIL));
      harnessWrote = true;
    }
    if (harnessWrote) {
      pools = await idPools(ctx, protectedIds);
      await checker.resync();
    }
    const property = fc.asyncProperty(planArb(route), async (plan) => {
      const used: { cookie?: string } = {};
      const request = toInject(route, plan, resolver(plan.method !== 'GET' && plan.method !== 'HEAD', used));
      const sent = await checker.send(route.key, request, plan.label);
      if (used.cookie && route.key === LOGOUT && sent.status < 400) throwaway.splice(throwaway.indexOf(used.cookie), 1);
      const token = /hifazat_session=([^;]+)/.exec(sent.setCookie ?? '')?.[1];
      if (route.key === LOGIN && sent.status === 200 && token) throwaway.push(`hifazat_session=${token}`);
      return true;
    });
    // No shrinking: the property never fails; failures are counted and kept as examples instead.
    await fc.assert(property, { seed: (run.seed + index) | 0, numRuns: run.runsPerRoute, endOnFailure: true });
    await checker.settle();
    // The fuzzer's sessions must survive everything it sent; if one did not, say so and sign in again.
    let lost = false;
    for (const role of ROLES) {
      const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookies[role] } });
      if (me.statusCode === 200) continue;
      sessionsLost += 1;
      lost = true;
      detail.push(`the ${role} session stopped working during ${route.key} (${me.statusCode})`);
      cookies[role] = await harnessSignIn(ctx, ctx.users[role].email);
    }
    if (lost) await checker.resync();
    // The case roles' sessions end after 30 minutes unused (second factor): a full run takes longer than
    // that before its uploads and exports, which are sent as those roles. Using them keeps them alive.
    for (const role of Object.keys(ctx.users) as Role[]) {
      if (ROLES.includes(role)) continue;
      const me = await ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: ctx.as(role).cookie } });
      if (me.statusCode !== 200) detail.push(`the ${role} session stopped working during ${route.key} (${me.statusCode})`);
    }
  }

  // Uploads: the named cases, once per route that takes a file, aimed at a real event.
  const uploadRoutes = routes.filter((r) => r.upload);
  await seeder.topUp();
  pools = await idPools(ctx, protectedIds);
  await checker.resync();
  const eventId = pools.write.get('events')?.[0];
  const uploadFailures: string[] = [];
  // Set-up and named cases are sent as the admin, or for a route the admin may not call (a case file's) as
  // the first role that may: the refusal must come from the input, never from the permission.
  const sendFor = (route: Route) => {
    const send = checker.sender(route.key);
    const cookie = cookieFor(ctx, route) ?? cookies.admin;
    return (request: Parameters<typeof send>[0], note: string) => send({ ...request, headers: { cookie, ...(request.headers ?? {}) } }, note);
  };
  let bomb = { peakRssMb: 0, rssGrowthMb: 0, seconds: 0, status: 0, slowestUploadSeconds: 0 };
  for (const route of uploadRoutes) {
    const url = route.path.replace(/\{[^}]+\}/g, eventId ?? NO_ROW);
    // Participant lists are imported at …/import; the other file routes take images (certificate logos).
    const measured = await uploadChecks(
      sendFor(route),
      [url],
      uploadFailures,
      OWN_FORMAT_IMPORTS.has(route.path) ? 'own-format' : /\/import$/.test(route.path) ? 'spreadsheet' : 'image',
    );
    if (measured.peakRssMb >= bomb.peakRssMb) bomb = measured;
  }

  // Exports: formula-like text stored everywhere, then every download read cell by cell.
  // The participant list's import brings formula names in (the first route importing a list, not a file of its own format).
  const listImport = uploadRoutes.find((r) => /\/import$/.test(r.path) && !OWN_FORMAT_IMPORTS.has(r.path));
  // A case file for the case exports (HTCDS), opened by the data officer with a formula for a name.
  const opened = await ctx.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: { cookie: ctx.as('data_officer').cookie },
    payload: { countryCode: 'PK', province: 'Punjab', victim: { fullName: '=HYPERLINK("http://x") case', sex: 'female' } },
  });
  const caseId = opened.statusCode === 201 ? (JSON.parse(opened.body) as { id: string }).id : undefined;
  if (!caseId) detail.push(`the harness could not open a case file for the case exports: ${opened.statusCode} ${opened.body.slice(0, 200)}`);
  await checker.resync();
  const exported = await exportChecks(seeder, sendFor, routes, listImport, { event: eventId, case: caseId }, () => checker.resync());
  await checker.settle();

  // Other spellings of every protected route's address, without a session: none may answer 2xx.
  const spelled = await spellingChecks(ctx, routes, (route) => route.path.replace(/\{[^}]+\}/g, () => pools.read.get('any')?.[0] ?? NO_ROW));
  await checker.resync();

  // Everything accepted was audited: the chain must still verify. Text the database keeps otherwise
  // than it was hashed (a lone surrogate, stored as U+FFFD) once made it read as forged.
  const chain = await verifyAuditChain(ctx.db);
  if (!chain.intact) detail.push(chain.text);

  const uncovered = routes.filter((r) => (checker.byRoute.get(r.key) ?? 0) === 0).map((r) => r.key);
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const figures = {
    'requests tried': checker.requests,
    'routes covered': routes.length - uncovered.length,
    routes: routes.length,
    accepted: checker.accepted,
    rejected: checker.rejected,
    '5xx seen': checker.serverErrors.count,
    'requests that threw': checker.crashes.count,
    'stack traces seen': checker.leaks.count,
    'error-shape violations': checker.badShapes.count,
    'data changes from rejected requests': checker.rejectedChanges.count,
    'data changes from reads': checker.readChanges.count,
    'upload cases failed': uploadFailures.length,
    'export files checked': exported.files,
    'export cells checked': exported.cells,
    'formula cells neutralised': exported.neutralisedSeen,
    'formula cells un-neutralised': exported.unneutralised,
    'zip-bomb peak RSS MB': bomb.peakRssMb,
    'zip-bomb RSS growth MB': bomb.rssGrowthMb,
    'zip-bomb seconds': bomb.seconds,
    'slowest upload case seconds': bomb.slowestUploadSeconds,
    'sessions lost': sessionsLost,
    'audit entries verified': chain.entries,
    'audit chain broken': chain.intact ? 0 : 1,
    'spellings: routes checked': spelled.routesChecked,
    'spellings: requests without a session': spelled.requests,
    'spellings: 2xx without a session': spelled.answered2xx.length,
    'spellings: 5xx': spelled.serverErrors.length,
    seed: run.seed,
    seconds,
  };
  const bad =
    checker.serverErrors.count +
    checker.crashes.count +
    checker.leaks.count +
    checker.badShapes.count +
    checker.rejectedChanges.count +
    checker.readChanges.count +
    uploadFailures.length +
    exported.unneutralised +
    sessionsLost +
    (chain.intact ? 0 : 1) +
    spelled.answered2xx.length +
    spelled.serverErrors.length;
  if (uncovered.length > 0) detail.push(`routes never requested: ${uncovered.join(', ')}`);
  if (spelled.routesChecked === 0) detail.push('no route refused a request without a session: the spellings were not tried');
  detail.push(
    ...spelled.answered2xx.slice(0, 10).map((a) => `spelling answered without a session: ${a}`),
    ...spelled.serverErrors.slice(0, 10).map((a) => `spelling 5xx: ${a}`),
  );
  if (uploadRoutes.length === 0) detail.push('no route takes an upload: the upload cases did not run');
  if (exported.files === 0) detail.push('no export was downloaded');
  // An export that never showed the stored formulas checked nothing.
  if (exported.files > 0 && exported.neutralisedSeen === 0) detail.push('the exports contained none of the formula-like values stored before them');
  detail.push(...checker.report(), ...uploadFailures.map((f) => `upload: ${f}`), ...exported.examples.map((e) => `export: ${e}`));
  const passed =
    bad === 0 && spelled.routesChecked > 0 && uncovered.length === 0 && uploadRoutes.length > 0 && exported.files > 0 && exported.neutralisedSeen > 0;
  detail.push(`replay with FUZZ_SEED=${run.seed}`);
  return { name: `fuzz (${run.engine})`, passed, figures, detail: detail.join('\n') };
}
