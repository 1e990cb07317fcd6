import type { ApiError, ScreeningEvaluation, ScreeningRuleVersion, ScreeningRuleVersionSummary } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import type { Database } from '../../db/schema.js';
import { toCount } from '../../db/dialect.js';
import { testEngines } from '../../db/test-db.js';

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';

describe.each(testEngines())('the screening aid, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  const evaluate = (payload: unknown, role: Role | null = 'viewer') =>
    ctx.app.inject({ method: 'POST', url: '/api/screenings/evaluate', headers: role ? ctx.as(role) : {}, payload: payload as Record<string, unknown> });

  /** Rows of every table: what "nothing stored" is checked against. */
  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of await ctx.db.introspection.getTables()) {
      const name = table.name as keyof Database;
      const row = await ctx.db
        .selectFrom(name)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      counts[table.name] = toCount(row.n);
    }
    return counts;
  }

  it('evaluates answers for any signed-in role and writes nothing to the database', async () => {
    const before = await rowCounts();
    expect(before.screening_rule_versions).toBe(2);
    for (const role of ['viewer', 'trainer', 'programme_manager', 'admin'] as const) {
      const response = await evaluate(
        {
          countryCode: 'pk',
          age: 16,
          answers: { act_recruited: 'yes', purpose_sexual: 'yes', border_crossed: 'no', entry_without_requirements: 'no', entry_false_documents: 'no' },
        },
        role,
      );
      expect(response.statusCode).toBe(200);
      const result = json<ScreeningEvaluation>(response);
      expect(result).toMatchObject({ suggestion: 'tip', rulesVersion: 'PK-2018.1', countryCode: 'PK', stored: false, isChild: true });
      expect(result.competentAgency).toMatchObject({ scope: 'tip_internal', name: { en: 'Provincial police' }, confirmed: false });
      expect(result.elements.map((e) => e.element)).toEqual(['act', 'means', 'purpose', 'irregularEntry', 'facilitation', 'benefit']);
      expect(result.legalBasis.some((p) => p.id === 'PTPA-3-1' && p.confirmed === false)).toBe(true);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('takes the elements directly, exactly as the contract says', async () => {
    const response = await evaluate({
      countryCode: 'PK',
      age: 30,
      elements: { act: false, means: false, purpose: false, irregularEntry: true, facilitation: true, benefit: true },
    });
    expect(response.statusCode).toBe(200);
    const result = json<ScreeningEvaluation>(response);
    expect(result).toMatchObject({ suggestion: 'som', rulesVersion: 'PK-2018.1', competentAgency: { scope: 'som' }, crossBorder: true });
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['suggestion', 'elements', 'legalBasis', 'competentAgency', 'rulesVersion']));
    const insufficient = json<ScreeningEvaluation>(
      await evaluate({
        countryCode: 'PK',
        age: 30,
        elements: { act: true, means: null, purpose: true, irregularEntry: false, facilitation: false, benefit: false },
      }),
    );
    expect(insufficient.suggestion).toBe('insufficient');
    expect(insufficient.competentAgency).toBeNull();
  });

  it('falls back to the international rules for a country without its own, and applies the rules in force on asOf', async () => {
    const result = json<ScreeningEvaluation>(await evaluate({ countryCode: 'AF', age: 30, elements: { act: true, means: true, purpose: true } }));
    expect(result).toMatchObject({ suggestion: 'tip', rulesVersion: 'INTL-2000.1', fallbackToInternational: true });
    // Before PK-2018.1 took effect, Pakistan had no national rules here: the Protocols alone.
    const before = json<ScreeningEvaluation>(
      await evaluate({ countryCode: 'PK', age: 30, asOf: '2017-01-01', elements: { act: true, means: true, purpose: true } }),
    );
    expect(before).toMatchObject({ rulesVersion: 'INTL-2000.1', fallbackToInternational: true });
    const tooEarly = await evaluate({ countryCode: 'PK', asOf: '1999-01-01', elements: {} });
    expect(tooEarly.statusCode).toBe(422);
  });

  it('refuses bad input with 400', async () => {
    const bad: unknown[] = [
      { countryCode: 'PK', age: 30 },
      { countryCode: 'PK', answers: {}, elements: {} },
      { countryCode: 'XX', answers: {} },
      { countryCode: 'PK', answers: { act_recruited: 'maybe' } },
      { countryCode: 'PK', answers: { not_a_question: 'yes' } },
      { countryCode: 'PK', age: -1, answers: {} },
      { countryCode: 'PK', elements: { act: 'yes' } },
    ];
    for (const payload of bad) {
      const response = await evaluate(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(json<ApiError>(response).error.code).toBe('validation_failed');
    }
  });

  it('answers 401 when signed out', async () => {
    const response = await evaluate({ countryCode: 'PK', answers: {} }, null);
    expect(response.statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/screening-rules' })).statusCode).toBe(401);
  });

  it('lists the versions, shows one, and lets an administrator add an edited copy (audited); versions never change', async () => {
    const list = json<{ items: ScreeningRuleVersionSummary[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/screening-rules', headers: ctx.as('viewer') }),
    );
    expect(list.items.map((v) => [v.id, v.current])).toEqual([
      ['INTL-2000.1', true],
      ['PK-2018.1', true],
    ]);
    const pk = json<ScreeningRuleVersion>(await ctx.app.inject({ method: 'GET', url: '/api/screening-rules/PK-2018.1', headers: ctx.as('trainer') }));
    expect(pk.content.internationalVersion).toBe('INTL-2000.1');
    expect(pk.content.instruments.map((i) => i.id)).toEqual(['PK-PTPA', 'PK-PSMA']);

    // A 2025 amendment, as a copy with another penalty and a later effective date.
    const content = structuredClone(pk.content);
    const provision = content.instruments[0]!.provisions[0]!;
    provision.penalty = { en: 'Imprisonment up to 10 years and a fine up to PKR 1 million.', ur: 'دس سال تک قید اور دس لاکھ روپے تک جرمانہ۔' };
    const body = { id: 'PK-2025.1', countryCode: 'PK', effectiveFrom: '2025-03-01', title: 'PTPA as amended (test)', basedOn: 'PK-2018.1', content };
    const refused = await ctx.app.inject({ method: 'POST', url: '/api/screening-rules', headers: ctx.as('programme_manager'), payload: body });
    expect(refused.statusCode).toBe(403);
    const created = await ctx.app.inject({ method: 'POST', url: '/api/screening-rules', headers: ctx.as('admin'), payload: body });
    expect(created.statusCode).toBe(201);
    expect(json<ScreeningRuleVersion>(created)).toMatchObject({ id: 'PK-2025.1', current: true, basedOn: 'PK-2018.1', createdBy: ctx.users.admin.id });
    const again = await ctx.app.inject({ method: 'POST', url: '/api/screening-rules', headers: ctx.as('admin'), payload: body });
    expect(again.statusCode).toBe(409);
    const sameDay = await ctx.app.inject({ method: 'POST', url: '/api/screening-rules', headers: ctx.as('admin'), payload: { ...body, id: 'PK-2025.2' } });
    expect(sameDay.statusCode).toBe(409);
    const wrongPrefix = await ctx.app.inject({ method: 'POST', url: '/api/screening-rules', headers: ctx.as('admin'), payload: { ...body, id: 'IN-2025.1' } });
    expect(wrongPrefix.statusCode).toBe(400);

    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'screening_rules').execute();
    expect(audit.map((a) => [a.entity_id, a.action, a.user_id])).toEqual([['PK-2025.1', 'create', ctx.users.admin.id]]);

    // Evaluations today use the new version; those of a day before it, the old one.
    const now = json<ScreeningEvaluation>(await evaluate({ countryCode: 'PK', age: 30, elements: { act: true, means: true, purpose: true } }));
    expect(now.rulesVersion).toBe('PK-2025.1');
    expect(now.legalBasis.find((p) => p.id === 'PTPA-3-1')?.penalty?.en).toMatch(/10 years/);
    const then = json<ScreeningEvaluation>(
      await evaluate({ countryCode: 'PK', age: 30, asOf: '2024-12-31', elements: { act: true, means: true, purpose: true } }),
    );
    expect(then.rulesVersion).toBe('PK-2018.1');
    const listed = json<{ items: ScreeningRuleVersionSummary[] }>(
      await ctx.app.inject({ method: 'GET', url: '/api/screening-rules', headers: ctx.as('viewer') }),
    );
    expect(listed.items.filter((v) => v.current).map((v) => v.id)).toEqual(['INTL-2000.1', 'PK-2025.1']);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/screening-rules/PK-1999.9', headers: ctx.as('viewer') })).statusCode).toBe(404);
  });
});
