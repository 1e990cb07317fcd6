import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolOwnSecondFactor, enrolSecondFactor, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import * as repo from './cases.repository.js';

/**
 * A name search reads the blind-index tokens of the reader's agency and of the cases they hold a
 * grant for (the tokens carry their case's agency, migration 0017): each reader still finds exactly
 * the cases of their scope.
 */
describe.each(testEngines())('searching case files by name within the scope on %s', (engine) => {
  let ctx: TestContext;
  let caseId = '';
  let otherAgency = '';
  const cookies: Record<string, string> = {};

  const search = async (cookie: string, query: string) => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/cases?query=${encodeURIComponent(query)}`, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return json<{ items: Array<{ id: string; access: string }> }>(response).items;
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
    const created = await callRoute(
      ctx,
      'createCase',
      { body: { countryCode: 'PK', province: 'Punjab', victim: { fullName: 'Sakina Bano', otherScriptName: 'سکینہ بانو', sex: 'female', estimatedAge: 15 } } },
      'data_officer',
    );
    expect(created.status, created.raw).toBe(201);
    caseId = created.body.id;
    otherAgency = (await make.organization(ctx, { name: 'Punjab Police Gujranwala' })).id;
    for (const role of ['data_officer', 'supervisor'] as const) {
      const user = await make.user(ctx, { role, organizationId: otherAgency, countries: ['PK'] });
      cookies[`other_${role}`] = (await enrolSecondFactor(ctx.app, user.email)).cookie;
    }
    cookies.data_officer = ctx.as('data_officer').cookie;
    cookies.supervisor = ctx.as('supervisor').cookie;
    // Breaking the glass needs the administrator's second factor.
    await enrolOwnSecondFactor(ctx.app, ctx.as('admin').cookie);
    cookies.admin = ctx.as('admin').cookie;
  });
  afterAll(() => ctx.close());

  it('finds the case for its agency in either script, and for another agency only through a grant', async () => {
    for (const query of ['Sakina Bano', 'سکینہ', 'bano sakina']) {
      expect((await search(cookies.data_officer!, query)).map((c) => c.id)).toEqual([caseId]);
      expect((await search(cookies.supervisor!, query)).map((c) => c.id)).toEqual([caseId]);
    }
    expect(await search(cookies.other_data_officer!, 'Sakina')).toEqual([]);
    expect(await search(cookies.other_supervisor!, 'Sakina')).toEqual([]);
    expect(await search(cookies.admin!, 'Sakina')).toEqual([]);

    for (const who of ['other_supervisor', 'admin'] as const) {
      const glass = await ctx.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/break-glass`,
        headers: { cookie: cookies[who]! },
        payload: { reason: 'The girl was brought to our desk' },
      });
      expect(glass.statusCode, glass.body).toBe(201);
      for (const query of ['سکینہ بانو', 'Sakina'])
        expect((await search(cookies[who]!, query)).map((c) => [c.id, c.access])).toEqual([[caseId, 'break_glass']]);
    }
    expect(await search(cookies.other_data_officer!, 'Sakina')).toEqual([]);
  });

  it('follows the case to another agency: its tokens move with it', async () => {
    // Stands in for a transfer between agencies, which the case workflow (issue 13) will make.
    await repo.updateCase(ctx.db, caseId, { organization_id: otherAgency });
    const tokens = await ctx.db.selectFrom('case_name_tokens').select('organization_id').where('case_id', '=', caseId).execute();
    expect(tokens.length).toBeGreaterThan(0);
    expect(new Set(tokens.map((t) => t.organization_id))).toEqual(new Set([otherAgency]));
    expect((await search(cookies.other_data_officer!, 'Sakina Bano')).map((c) => c.id)).toEqual([caseId]);
    expect(await search(cookies.data_officer!, 'Sakina Bano')).toEqual([]);
  });
});
