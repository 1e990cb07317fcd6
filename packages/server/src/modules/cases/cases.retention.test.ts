import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hifazat } from '../../../test/command.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolSecondFactor, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { verifyAuditChain } from '../audit/index.js';
import * as repo from './cases.repository.js';
import { startCaseRetentionSchedule } from './cases.retention-schedule.js';
import { anonymiseExpiredCases } from './cases.retention.js';

const yearsAgo = (years: number, days = 0) => {
  const at = new Date();
  at.setUTCFullYear(at.getUTCFullYear() - years);
  return new Date(at.getTime() - days * 86_400_000).toISOString();
};

/**
 * Retention (issue 12): closed cases lose what identifies the person CASE_RETENTION_YEARS after
 * closing, and the statistics still count them. Cases are closed with repo.setCaseClosed, which
 * stands in for the closure transition of the case workflow (issue 13).
 */
describe.each(testEngines())('retention of closed cases on %s', { timeout: 120_000 }, (engine) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const open = async (key: string, fullName: string, extra: Record<string, unknown> = {}) => {
    const created = await callRoute(
      ctx,
      'createCase',
      {
        body: {
          countryCode: 'PK',
          province: 'Sindh',
          narrative: `Found at a brick kiln near Hyderabad (${key})`,
          victim: { fullName, sex: 'female', estimatedAge: 20, phone: `+92300555${String(Object.keys(ids).length).padStart(4, '0')}`, ...extra },
        },
      },
      'data_officer',
    );
    expect(created.status, created.raw).toBe(201);
    ids[key] = created.body.id;
  };
  const search = async (query: string) => (await callRoute(ctx, 'listCases', { query: { query } }, 'data_officer')).body.items.map((c) => c.id);
  const history = async (id: string) => (await callRoute(ctx, 'caseHistory', { params: { id } }, 'data_officer')).body.items.map((e) => e.action);

  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true, databaseInDataDir: true });
    // Five closed six years ago (enough for the statistics to show the cell), one four years ago, one still open.
    for (const [i, name] of ['Parveen Akhtar', 'Shazia Mumtaz', 'Rukhsana Kausar', 'Tasleem Bano', 'Nasreen Jahan'].entries()) {
      await open(`old${i}`, name, { otherScriptName: i === 0 ? 'پروین اختر' : null });
    }
    await open('young', 'Shamim Akhtar');
    await open('active', 'Zubaida Khanum');
    for (let i = 0; i < 5; i += 1) await repo.setCaseClosed(ctx.db, ids[`old${i}`]!, yearsAgo(6, i));
    await repo.setCaseClosed(ctx.db, ids.young!, yearsAgo(4));
    // A supervisor of another agency opened one of the old cases through the glass: the reason may name the person.
    const other = await make.organization(ctx, { name: 'Sindh Police' });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: other.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    const glass = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${ids.old0}/break-glass`,
      headers: { cookie },
      payload: { reason: 'Parveen Akhtar came to our station asking for help' },
    });
    expect(glass.statusCode, glass.body).toBe(201);
  });
  afterAll(() => ctx.close());

  it('counts without changing anything on a dry run', async () => {
    expect(await anonymiseExpiredCases(ctx.db, { years: 5, dryRun: true })).toBe(5);
    expect(await anonymiseExpiredCases(ctx.db, { years: 3, dryRun: true })).toBe(6);
    expect(await search('Parveen Akhtar')).toEqual([ids.old0]);
    expect(await history(ids.old0!)).not.toContain('anonymise');
  });

  it('anonymises a case closed longer ago than the period, once, and keeps it in the statistics', async () => {
    const statsBefore = await callRoute(ctx, 'caseStatistics', { query: {} }, 'analyst');
    // Seven cases, six closed: published rounded to multiples of 5.
    expect(statsBefore.body.total).toBe(5);
    expect(statsBefore.body.byStatus.closed).toBe(5);
    expect(statsBefore.body.rounding).toBe(5);

    // Two runs at once (two server processes): each case is anonymised and audited once.
    const [first, second] = await Promise.all([anonymiseExpiredCases(ctx.db, { years: 5 }), anonymiseExpiredCases(ctx.db, { years: 5 })]);
    expect(first + second).toBe(5);
    expect(await anonymiseExpiredCases(ctx.db, { years: 5 })).toBe(0);

    for (let i = 0; i < 5; i += 1) {
      const id = ids[`old${i}`]!;
      const detail = await callRoute(ctx, 'getCase', { params: { id } }, 'data_officer');
      expect(detail.status).toBe(200);
      expect(detail.body).toMatchObject({ victim: null, fullName: null, narrative: null, status: 'closed' });
      expect(detail.body.anonymisedAt).not.toBeNull();
      expect((await history(id)).filter((a) => a === 'anonymise')).toHaveLength(1);
      const row = await ctx.db
        .selectFrom('cases')
        .select(['identity_sealed', 'narrative_sealed', 'victim_sex', 'province'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ identity_sealed: null, narrative_sealed: null, victim_sex: 'female', province: 'Sindh' });
      expect(await ctx.db.selectFrom('case_name_tokens').select('token').where('case_id', '=', id).execute()).toEqual([]);
    }
    const grant = await ctx.db.selectFrom('case_break_glass').select('reason_sealed').where('case_id', '=', ids.old0!).executeTakeFirstOrThrow();
    expect(grant.reason_sealed).toBe('');
    const entry = await ctx.db
      .selectFrom('audit_log')
      .select(['user_id', 'changes', 'note'])
      .where('entity_id', '=', ids.old0!)
      .where('action', '=', 'anonymise')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ user_id: null, note: 'retention: closed more than 5 years ago' });
    expect(JSON.stringify(entry)).not.toContain('Parveen');

    // No longer found by name, in either script; the younger and the open cases still are.
    expect(await search('Parveen Akhtar')).toEqual([]);
    expect(await search('پروین')).toEqual([]);
    expect(await search('Akhtar')).toEqual([ids.young]);
    expect(await search('Zubaida')).toEqual([ids.active]);
    const young = await callRoute(ctx, 'getCase', { params: { id: ids.young! } }, 'data_officer');
    expect(young.body.victim?.fullName).toBe('Shamim Akhtar');
    expect(young.body.anonymisedAt).toBeNull();

    const statsAfter = await callRoute(ctx, 'caseStatistics', { query: {} }, 'analyst');
    expect(statsAfter.body).toEqual(statsBefore.body);
    expect((await verifyAuditChain(ctx.db)).intact).toBe(true);
  });

  it('npx hifazat cases anonymise honours CASE_RETENTION_YEARS, counts with --dry-run, and refuses a bad period', async () => {
    const dry = await hifazat(ctx, ['cases', 'anonymise', '--dry-run'], { CASE_RETENTION_YEARS: '3' });
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^1 closed case\(s\) closed before \d{4}-\d\d-\d\d \(CASE_RETENTION_YEARS=3\) would be anonymised; nothing was changed\./);
    expect(await search('Shamim')).toEqual([ids.young]);

    const byDefault = await hifazat(ctx, ['cases', 'anonymise']);
    expect(byDefault.status, byDefault.stderr).toBe(0);
    expect(byDefault.stdout).toMatch(/^Anonymised 0 closed case\(s\) closed before .* \(CASE_RETENTION_YEARS=5\)/);
    expect(await search('Shamim')).toEqual([ids.young]);

    const ran = await hifazat(ctx, ['cases', 'anonymise'], { CASE_RETENTION_YEARS: '3' });
    expect(ran.status, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^Anonymised 1 closed case\(s\)/);
    expect(ran.stdout + ran.stderr).not.toContain('Shamim');
    expect(await search('Shamim')).toEqual([]);
    expect(await history(ids.young!)).toContain('anonymise');

    const bad = await hifazat(ctx, ['cases', 'anonymise'], { CASE_RETENTION_YEARS: '0' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('CASE_RETENTION_YEARS');
    const usage = await hifazat(ctx, ['cases', 'forget']);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('Usage: hifazat cases anonymise [--dry-run]');
  });

  it("the server's daily run anonymises what has expired and logs only the count", async () => {
    await open('scheduled', 'Kulsoom Fatima');
    await repo.setCaseClosed(ctx.db, ids.scheduled!, yearsAgo(2));
    const lines: string[] = [];
    const log = {
      info: (details: object, message: string) => lines.push(`${JSON.stringify(details)} ${message}`),
      error: (details: object, message: string) => lines.push(`ERROR ${JSON.stringify(details)} ${message}`),
    };
    const stop = startCaseRetentionSchedule(ctx.db, { caseRetentionYears: 1 }, log, { firstAfterMs: 0, everyMs: 60_000 });
    try {
      for (let i = 0; i < 200 && lines.length === 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await stop();
    }
    expect(lines).toEqual(['{"anonymised":1,"retentionYears":1} retention: closed cases anonymised']);
    expect(await search('Kulsoom')).toEqual([]);
    expect(await search('Zubaida')).toEqual([ids.active]);
  });
});
