import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolOwnSecondFactor, enrolSecondFactor, json, signInHalf, type TestContext } from '../../../test/helpers.js';
import { totpCode } from '../auth/index.js';
import { testEngines } from '../../db/test-db.js';

describe.each(testEngines())('case files on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
  });
  afterAll(() => ctx.close());

  const open = (victim: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
    callRoute(
      ctx,
      'createCase',
      {
        body: {
          countryCode: 'PK',
          province: 'Punjab',
          victim: { fullName: 'Muhammad Bilal', sex: 'male', estimatedAge: 16, phone: '+923001234567', identityNumber: '35202-1234567-1', ...victim },
          ...extra,
        },
      },
      'data_officer',
    );

  it('opens a case with a reference, marks a child and finds the name across scripts', async () => {
    const created = await open();
    expect(created.status).toBe(201);
    expect(created.body.reference).toMatch(/^PK-\d{4}-\d{6}$/);
    expect(created.body.child).toBe(true);
    expect(created.body.victim?.identityNumbers).toEqual([{ kind: 'cnic', number: '35202-1234567-1' }]);
    const found = await callRoute(ctx, 'listCases', { query: { query: 'محمد بلال' } }, 'data_officer');
    expect(found.status).toBe(200);
    expect(found.body.items.map((c) => c.id)).toContain(created.body.id);
    const byReference = await callRoute(ctx, 'listCases', { query: { query: created.body.reference.toLowerCase() } }, 'supervisor');
    expect(byReference.body.items.map((c) => c.id)).toEqual([created.body.id]);
    const other = await callRoute(ctx, 'listCases', { query: { query: 'Fatima' } }, 'data_officer');
    expect(other.body.items.map((c) => c.id)).not.toContain(created.body.id);
  });

  it('stores a screening with its rules version, keeps the decision and never changes it', async () => {
    const created = await open({ fullName: 'Ayesha Khan', sex: 'female', estimatedAge: 24 });
    const id = created.body.id;
    const screened = await callRoute(
      ctx,
      'createCaseScreening',
      {
        params: { id },
        body: {
          countryCode: 'PK',
          elements: { act: true, means: true, purpose: true, irregularEntry: false, facilitation: false, benefit: false },
          decision: { traffickingStatus: 'PossibleVictimOfTrafficking', decisionMakingOrg: 'Police' },
        },
      },
      'data_officer',
    );
    expect(screened.status).toBe(201);
    expect(screened.body.result.suggestion).toBe('tip');
    expect(screened.body.rulesVersion).toBe('PK-2018.1');
    expect(screened.body.version).toBe(1);
    const corrected = await callRoute(
      ctx,
      'createCaseScreening',
      {
        params: { id },
        body: {
          countryCode: 'PK',
          corrects: screened.body.id,
          elements: { act: true, means: null, purpose: true, irregularEntry: true, facilitation: true, benefit: true },
        },
      },
      'data_officer',
    );
    expect(corrected.body.version).toBe(2);
    const detail = await callRoute(ctx, 'getCase', { params: { id } }, 'data_officer');
    expect(detail.body.status).toBe('screening');
    expect(detail.body.screenings.map((s) => [s.version, s.result.suggestion])).toEqual([
      [2, corrected.body.result.suggestion],
      [1, 'tip'],
    ]);
    expect(detail.body.traffickingDecision?.traffickingStatus).toBe('PossibleVictimOfTrafficking');
    const wrongCountry = await callRoute(ctx, 'createCaseScreening', { params: { id }, body: { countryCode: 'AF', elements: { act: true } } }, 'data_officer');
    expect(wrongCountry.status).toBe(422);
  });

  it('refuses a supervisor of another agency until the glass is broken, and flags it for review', async () => {
    const created = await open({ fullName: 'Zainab Bibi', sex: 'female', estimatedAge: 30 });
    const otherAgency = await make.organization(ctx, { name: 'Punjab Police' });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: otherAgency.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    const read = await ctx.app.inject({ method: 'GET', url: `/api/cases/${created.body.id}`, headers: { cookie } });
    expect(read.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(read).error.code).toBe('break_glass_required');
    const list = await ctx.app.inject({ method: 'GET', url: '/api/cases?query=Zainab', headers: { cookie } });
    expect(json<{ items: unknown[] }>(list).items).toEqual([]);
    const glass = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${created.body.id}/break-glass`,
      headers: { cookie },
      payload: { reason: 'Victim arrived at our station at night' },
    });
    expect(glass.statusCode).toBe(201);
    const after = await ctx.app.inject({ method: 'GET', url: `/api/cases/${created.body.id}`, headers: { cookie } });
    expect(after.statusCode).toBe(200);
    expect(json<{ access: string; victim: { fullName: string } }>(after)).toMatchObject({ access: 'break_glass', victim: { fullName: 'Zainab Bibi' } });
    // Reasons may name the person: the reviewing administrator needs a second factor too.
    await enrolOwnSecondFactor(ctx.app, ctx.as('admin').cookie);
    const review = await callRoute(ctx, 'listBreakGlass', { query: { reviewed: 'false' } }, 'admin');
    expect(review.body.items.map((g) => g.caseId)).toContain(created.body.id);
    const history = await callRoute(ctx, 'caseHistory', { params: { id: created.body.id } }, 'data_officer');
    expect(history.body.items.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'break_glass', 'view']));
    expect(history.raw).not.toContain('Zainab');
  });

  it('gives the register roles and the service provider no case at all (the provider: none that was not referred to it)', async () => {
    const created = await open({ fullName: 'Kamran Ali', sex: 'male' });
    for (const role of ['programme_manager', 'trainer', 'viewer', 'service_provider', 'analyst'] as const) {
      const read = await callRoute(ctx, 'getCase', { params: { id: created.body.id } }, role);
      // The provider passes the route's permission (for a case referred to it) and hears there is no such case.
      expect(read.status, role).toBe(role === 'service_provider' ? 404 : 403);
      expect(read.raw, role).not.toContain('Kamran');
    }
  });

  it('erases on request and counts the case still', async () => {
    const created = await open({ fullName: 'Rashid Mehmood', sex: 'male', estimatedAge: 40 });
    const wrong = await callRoute(ctx, 'eraseCase', { params: { id: created.body.id }, body: { confirmReference: 'PK-1999-000001' } }, 'supervisor');
    expect(wrong.status).toBe(422);
    const erased = await callRoute(ctx, 'eraseCase', { params: { id: created.body.id }, body: { confirmReference: created.body.reference } }, 'supervisor');
    expect(erased.status).toBe(200);
    expect(erased.body.victim).toBeNull();
    expect(erased.body.anonymisedAt).not.toBeNull();
    const search = await callRoute(ctx, 'listCases', { query: { query: 'Rashid Mehmood' } }, 'data_officer');
    expect(search.body.items.map((c) => c.id)).not.toContain(created.body.id);
    const stats = await callRoute(ctx, 'caseStatistics', { query: {} }, 'analyst');
    expect(stats.status).toBe(200);
    expect(stats.raw).not.toMatch(/Rashid|Muhammad|Ayesha|Zainab|Kamran|\+92|35202/);
  });
});

describe.each(testEngines())('an administrator breaks the glass only with a second factor, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
  });
  afterAll(() => ctx.close());

  it('refuses a password-only administrator, then asks every later sign-in for a code', async () => {
    const created = await callRoute(ctx, 'createCase', { body: { countryCode: 'PK', victim: { fullName: 'Shazia Parveen', sex: 'female' } } }, 'data_officer');
    const id = created.body.id;
    const before = await callRoute(ctx, 'getCase', { params: { id } }, 'admin');
    expect(before.status).toBe(403);
    expect(JSON.parse(before.raw)).toMatchObject({ error: { code: 'break_glass_required' } });
    const refused = await callRoute(ctx, 'breakGlassCase', { params: { id }, body: { reason: 'Shelter asked at night' } }, 'admin');
    expect(refused.status).toBe(403);
    expect(refused.raw).toContain('second factor');

    const secret = await enrolOwnSecondFactor(ctx.app, ctx.as('admin').cookie);
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: ctx.as('admin') });
    expect(again.statusCode).toBe(409);
    const opened = await callRoute(ctx, 'breakGlassCase', { params: { id }, body: { reason: 'Shelter asked at night' } }, 'admin');
    expect(opened.status).toBe(201);
    const read = await callRoute(ctx, 'getCase', { params: { id } }, 'admin');
    expect(read.body).toMatchObject({ access: 'break_glass', victim: { fullName: 'Shazia Parveen' } });
    // An administrator may not mark their own opening as reviewed.
    const own = await callRoute(ctx, 'reviewBreakGlass', { params: { id: opened.body.id }, body: {} }, 'admin');
    expect(own.status).toBe(422);

    const half = await signInHalf(ctx.app, ctx.users.admin.email);
    expect(half.mfa).toBe('required');
    const blocked = await ctx.app.inject({ method: 'GET', url: '/api/users', headers: { cookie: half.cookie } });
    expect(blocked.statusCode).toBe(401);
    const verified = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: { cookie: half.cookie },
      payload: { code: totpCode(secret, Date.now() + 30_000) },
    });
    expect(verified.statusCode).toBe(200);
  });
});
