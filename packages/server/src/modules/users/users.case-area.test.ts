import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolSecondFactor, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

/**
 * A case role's agency and area (issue 12) set through the API: the provinces are stored as JSON on
 * both engines (an array bound as such failed on SQLite and became a PostgreSQL array literal), and
 * the data officer then opens cases only in them.
 */
describe.each(testEngines())('a data officer’s area set by an administrator on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(() => ctx.close());

  it('creates and changes the provinces, and the officer opens cases only there', async () => {
    const agency = await make.organization(ctx, { name: 'FIA Anti-Human Trafficking Circle Quetta' });
    const created = await callRoute(
      ctx,
      'createUser',
      {
        body: {
          email: `area-officer-${engine}@test.example`,
          name: 'Area officer',
          role: 'data_officer',
          password: 'correct horse battery',
          countries: ['PK'],
          organizationId: agency.id,
          provinces: ['Balochistan', 'Sindh', 'Balochistan'],
        },
      },
      'admin',
    );
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({ organizationId: agency.id, provinces: ['Balochistan', 'Sindh'] });

    const changed = await callRoute(ctx, 'updateUser', { params: { id: created.body.id }, body: { provinces: ['Balochistan'] } }, 'admin');
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body.provinces).toEqual(['Balochistan']);
    const listed = await callRoute(ctx, 'listUsers', {}, 'admin');
    expect(listed.body.items.find((u) => u.id === created.body.id)?.provinces).toEqual(['Balochistan']);

    const { cookie } = await enrolSecondFactor(ctx.app, `area-officer-${engine}@test.example`);
    const open = (province: string) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie },
        payload: { countryCode: 'PK', province, victim: { fullName: 'Gul Bibi', sex: 'female', estimatedAge: 22 } },
      });
    expect((await open('Balochistan')).statusCode).toBe(201);
    const outside = await open('Sindh');
    expect(outside.statusCode).toBe(422);
    expect(json<{ error: { details: Array<{ path: string }> } }>(outside).error.details.map((d) => d.path)).toEqual(['province']);
  });
});
