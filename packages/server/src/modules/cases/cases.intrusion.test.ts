import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolOwnSecondFactor, enrolSecondFactor, json, signIn, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

/**
 * What an intruder or a curious insider tried against the case files (a review of issue 12), each
 * kept as the test that failed before its fix: the area of a data officer, a break-glass grant used to
 * change a case, statistics undone by subtraction, audit entries that outlive an erasure, what an
 * erasure left behind, a password-only session breaking the glass, and a correction racing an erasure.
 */
describe.each(testEngines())('attacks on the case files, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
  });
  afterAll(() => ctx.close());

  const open = async (body: Record<string, unknown>) => {
    const created = await callRoute(ctx, 'createCase', { body: { countryCode: 'PK', province: 'Punjab', ...body } as never }, 'data_officer');
    if (created.status !== 201) throw new Error(`case not opened: ${created.raw}`);
    return created.body;
  };

  it("an administrator sets a data officer's area, and the officer then reads only that area's cases", async () => {
    const punjab = await open({ victim: { fullName: 'Nasreen Akhtar', sex: 'female' } });
    const sindh = await open({ province: 'Sindh', victim: { fullName: 'Shabana Kausar', sex: 'female' } });
    // The area was stored as a list the database could not take: 500 (SQLite) or 400 (PostgreSQL).
    const added = await callRoute(ctx, 'createUser', {
      body: {
        email: `sindh-officer-${engine}@test.example`,
        name: 'Sindh officer',
        role: 'data_officer',
        password: 'correct horse battery',
        countries: ['PK'],
        organizationId: ctx.agencyId ?? '',
        provinces: ['Sindh'],
      },
    });
    expect(added.status, added.raw).toBe(201);
    expect(added.body.provinces).toEqual(['Sindh']);
    const { cookie } = await enrolSecondFactor(ctx.app, `sindh-officer-${engine}@test.example`);
    const read = (id: string) => ctx.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie } });
    expect((await read(sindh.id)).statusCode).toBe(200);
    expect((await read(punjab.id)).statusCode).toBe(404);
    const moved = await callRoute(ctx, 'updateUser', { params: { id: added.body.id }, body: { provinces: ['Punjab', 'Balochistan'] } });
    expect(moved.status, moved.raw).toBe(200);
    expect(moved.body.provinces).toEqual(['Punjab', 'Balochistan']);
  });

  it('a break-glass grant opens a case for reading, never for changing it (nor moving it to another area)', async () => {
    const created = await open({ victim: { fullName: 'Zainab Bibi', sex: 'female', phone: '+923334445556' } });
    const otherAgency = await make.organization(ctx, { name: `Other police ${engine}` });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: otherAgency.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    const glass = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${created.id}/break-glass`,
      headers: { cookie },
      payload: { reason: 'She came to our station at night' },
    });
    expect(glass.statusCode).toBe(201);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/cases/${created.id}`, headers: { cookie } })).statusCode).toBe(200);
    for (const body of [{ victim: { fullName: 'Someone Else' } }, { province: 'Sindh' }, { narrative: 'Rewritten by an outsider' }]) {
      const changed = await ctx.app.inject({ method: 'PATCH', url: `/api/cases/${created.id}`, headers: { cookie }, payload: body });
      expect(changed.statusCode, JSON.stringify(body)).toBe(403);
    }
    const after = await callRoute(ctx, 'getCase', { params: { id: created.id } }, 'data_officer');
    expect(after.body).toMatchObject({ province: 'Punjab', narrative: null, victim: { fullName: 'Zainab Bibi' } });
    const history = await callRoute(ctx, 'caseHistory', { params: { id: created.id } }, 'data_officer');
    expect(history.body.items.map((e) => e.action)).not.toContain('update');
  });

  it('statistics: a withheld cell is not recovered by subtracting the others, nor one year from all years', async () => {
    // Afghanistan's cases are this test's own: 2026 has 6 women and 2 men, 2025 two more women.
    const person = (sex: string, identifiedOn: string, province = 'Kabul') =>
      open({ countryCode: 'AF', province, identifiedOn, victim: { fullName: 'Test Person', sex } });
    for (let i = 0; i < 6; i += 1) await person('female', '2026-01-10');
    for (let i = 0; i < 2; i += 1) await person('male', '2026-01-11');
    await person('female', '2025-03-01');
    // A person's name typed where the province goes: a place with fewer than 5 cases is never named.
    await person('female', '2025-03-02', 'Gul Bibi house');
    const stats = async (query: Record<string, string | number>) => {
      const answer = await callRoute(ctx, 'caseStatistics', { query: { countryCode: 'AF', ...query } }, 'analyst');
      expect(answer.status, answer.raw).toBe(200);
      return answer.body;
    };
    const year = await stats({ year: 2026 });
    const all = await stats({});
    for (const s of [year, all]) {
      const counts = [s.total, ...Object.values(s.bySex), ...Object.values(s.byAgeGroup), ...s.byProvince.map((p) => p.count)];
      for (const n of counts) expect(n === null || n % s.rounding === 0, JSON.stringify(s)).toBe(true);
      expect(s.bySex.male).toBeNull();
    }
    // The attack: the year's total minus its women gave the 2 men; all years' women minus 2026's gave 2025's 2 women.
    expect((year.total ?? 0) - (year.bySex.female ?? 0)).not.toBe(2);
    expect((all.bySex.female ?? 0) - (year.bySex.female ?? 0)).not.toBe(2);
    expect(JSON.stringify(all)).not.toContain('Gul Bibi');
    expect(all.byProvince.every((p) => p.count !== null)).toBe(true);
  });

  it("a case's audit entries name what changed but hold nothing that describes the person", async () => {
    const created = await open({
      district: 'Muzaffargarh',
      identifiedOn: '2026-02-03',
      victim: { fullName: 'Parveen Akhtar', sex: 'female', estimatedAge: 16, citizenship: 'AF', languages: ['Dari'], phone: '+923001112223' },
    });
    const patched = await callRoute(
      ctx,
      'updateCase',
      { params: { id: created.id }, body: { district: 'Kot Addu', victim: { sex: 'other', citizenship: 'IR', languages: ['Pashto'], estimatedAge: 17 } } },
      'data_officer',
    );
    expect(patched.status, patched.raw).toBe(200);
    const screened = await callRoute(
      ctx,
      'createCaseScreening',
      {
        params: { id: created.id },
        body: {
          countryCode: 'PK',
          elements: { act: true, means: true, purpose: true },
          decision: { traffickingStatus: 'ActualVictimOfTrafficking', decisionMakingOrg: 'Police' },
        },
      },
      'data_officer',
    );
    expect(screened.status, screened.raw).toBe(201);
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('entity_type', '=', 'case')
      .where('entity_id', '=', created.id)
      .execute();
    const changes = entries.map((e) => (typeof e.changes === 'string' ? JSON.parse(e.changes) : e.changes) as Record<string, { from: unknown; to: unknown }>);
    const text = JSON.stringify(changes);
    for (const value of [
      'Muzaffargarh',
      'Kot Addu',
      'Dari',
      'Pashto',
      'female',
      '"other"',
      '"AF"',
      '"IR"',
      '2026-02-03',
      'ActualVictimOfTrafficking',
      '"tip"',
      'Parveen',
      '+92',
    ])
      expect(text, value).not.toContain(value);
    const created_ = changes.find((c) => 'reference' in c);
    // What decides who sees the case stays, with its value: reference, country, province, agency.
    expect(created_).toMatchObject({
      reference: { to: created.reference },
      countryCode: { to: 'PK' },
      province: { to: 'Punjab' },
      agency: { to: ctx.agencyId },
    });
    expect(Object.keys(created_ ?? {})).toEqual(expect.arrayContaining(['sex', 'ageAtIdentification', 'citizenship', 'district', 'identifiedOn']));
  });

  it('an erasure leaves neither the district nor the languages, and its export answer is never cached', async () => {
    const created = await open({ district: 'Rajanpur', victim: { fullName: 'Rukhsana Bibi', sex: 'female', languages: ['Saraiki'] } });
    const exported = await ctx.app.inject({ method: 'POST', url: `/api/cases/${created.id}/export`, headers: ctx.as('supervisor') });
    expect(exported.statusCode).toBe(201);
    expect(exported.headers['cache-control']).toBe('no-store');
    const erased = await callRoute(ctx, 'eraseCase', { params: { id: created.id }, body: { confirmReference: created.reference } }, 'supervisor');
    expect(erased.status, erased.raw).toBe(200);
    expect(erased.body).toMatchObject({ district: null, victim: null, narrative: null });
    const row = await ctx.db.selectFrom('cases').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/Rajanpur|Saraiki|Rukhsana/);
  });

  it('a password-only administrator reads no break-glass reason (a reason may name the person) and reviews none', async () => {
    const created = await open({ victim: { fullName: 'Farzana Kanwal', sex: 'female' } });
    const otherAgency = await make.organization(ctx, { name: `Shelter ${engine}` });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: otherAgency.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    const reason = 'Farzana Kanwal came to the shelter hurt';
    const glass = await ctx.app.inject({ method: 'POST', url: `/api/cases/${created.id}/break-glass`, headers: { cookie }, payload: { reason } });
    expect(glass.statusCode).toBe(201);
    const admin = await make.user(ctx, { role: 'admin', countries: null });
    const session = await signIn(ctx.app, admin.email);
    const list = () => ctx.app.inject({ method: 'GET', url: '/api/break-glass', headers: { cookie: session } });
    const review = () =>
      ctx.app.inject({ method: 'POST', url: `/api/break-glass/${json<{ id: string }>(glass).id}/review`, headers: { cookie: session }, payload: {} });
    const refused = await list();
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain('Farzana');
    expect((await review()).statusCode).toBe(403);
    await enrolOwnSecondFactor(ctx.app, session);
    expect(json<{ items: Array<{ reason: string }> }>(await list()).items.map((g) => g.reason)).toContain(reason);
    expect((await review()).statusCode).toBe(200);
  });

  it("an administrator's sessions opened with the password alone end when a second factor is enrolled", async () => {
    const created = await open({ victim: { fullName: 'Shazia Parveen', sex: 'female' } });
    const admin = await make.user(ctx, { role: 'admin', countries: null });
    const stolen = await signIn(ctx.app, admin.email);
    const own = await signIn(ctx.app, admin.email);
    await enrolOwnSecondFactor(ctx.app, own);
    const glass = (cookie: string) =>
      ctx.app.inject({ method: 'POST', url: `/api/cases/${created.id}/break-glass`, headers: { cookie }, payload: { reason: 'Shelter asked at night' } });
    // The session that never gave a code cannot open a victim's file.
    expect((await glass(stolen)).statusCode).toBe(401);
    expect((await glass(own)).statusCode).toBe(201);
    expect(json<{ reason: string }>(await glass(own)).reason).toBe('Shelter asked at night');
  });
});

/** Races that only PostgreSQL can show: its transactions run side by side (SQLite's one after another). */
describe.each(testEngines().filter((engine) => engine === 'postgres'))('races on the case files, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
  });
  afterAll(() => ctx.close());

  const open = async (fullName: string) => {
    const created = await callRoute(
      ctx,
      'createCase',
      { body: { countryCode: 'PK', province: 'Punjab', victim: { fullName, sex: 'female' } } },
      'data_officer',
    );
    if (created.status !== 201) throw new Error(created.raw);
    return created.body;
  };

  /** Waits until `count` sessions of this database wait for a lock. */
  async function waitersOnLocks(count: number): Promise<void> {
    for (let i = 0; i < 200; i += 1) {
      const { rows } = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(ctx.db);
      if ((rows[0]?.n ?? 0) >= count) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('nobody waited for the lock');
  }

  it('a correction that waited for the case while it was erased does not write the identity back', async () => {
    const created = await open('Kausar Parveen');
    let correction: Promise<{ statusCode: number }> | undefined;
    // The erasure holds the case's row; the correction comes in meanwhile and waits for it.
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('cases').set({ updated_at: new Date().toISOString() }).where('id', '=', created.id).execute();
      correction = ctx.app.inject({
        method: 'PATCH',
        url: `/api/cases/${created.id}`,
        headers: ctx.as('data_officer'),
        payload: { victim: { phone: '+923009998887' } },
      });
      await waitersOnLocks(1);
      // What an erasure writes, committed while the correction waits.
      const at = new Date().toISOString();
      await trx.updateTable('cases').set({ identity_sealed: null, narrative_sealed: null, anonymised_at: at }).where('id', '=', created.id).execute();
      await trx.deleteFrom('case_name_tokens').where('case_id', '=', created.id).execute();
    });
    const answer = await correction;
    expect(answer?.statusCode).toBe(409);
    const row = await ctx.db.selectFrom('cases').select(['identity_sealed', 'anonymised_at']).where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.anonymised_at).not.toBeNull();
    expect(row.identity_sealed).toBeNull();
    const tokens = await ctx.db.selectFrom('case_name_tokens').select('token').where('case_id', '=', created.id).execute();
    expect(tokens).toEqual([]);
  });

  it('parallel screenings of one case get versions 1 to n, and parallel erasures erase once', async () => {
    const created = await open('Samina Bibi');
    const screenings = await Promise.all(
      Array.from({ length: 6 }, () =>
        ctx.app.inject({
          method: 'POST',
          url: `/api/cases/${created.id}/screenings`,
          headers: ctx.as('data_officer'),
          payload: { countryCode: 'PK', elements: { act: true, means: true, purpose: true } },
        }),
      ),
    );
    expect(screenings.map((s) => s.statusCode)).toEqual(Array(6).fill(201));
    expect(screenings.map((s) => json<{ version: number }>(s).version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const erasures = await Promise.all(
      Array.from({ length: 4 }, () =>
        ctx.app.inject({
          method: 'POST',
          url: `/api/cases/${created.id}/erase`,
          headers: ctx.as('supervisor'),
          payload: { confirmReference: created.reference },
        }),
      ),
    );
    expect(erasures.map((e) => e.statusCode).sort()).toEqual([200, 422, 422, 422]);
    const erased = await ctx.db.selectFrom('audit_log').select('id').where('entity_id', '=', created.id).where('action', '=', 'erase').execute();
    expect(erased).toHaveLength(1);
  });
});
