import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hifazat } from '../../../test/command.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolOwnSecondFactor, enrolSecondFactor, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { readKeyringFile, sealedKeyId } from '../../shared/data-key.js';

const VICTIMS = [
  { fullName: 'Muhammad Saleem Chaudhry', otherScriptName: 'محمد سلیم چوہدری', narrative: 'Bonded labour at a brick kiln in Sheikhupura' },
  { fullName: 'فاطمہ بی بی', otherScriptName: 'Fatima Bibi', narrative: 'اسے شادی کے بہانے فروخت کیا گیا' },
  { fullName: 'Abdul Rehman Baloch', otherScriptName: null, narrative: null },
];
const REASON = 'Arrived at the Turbat station after midnight';

/**
 * `npx hifazat keys rotate` (issue 12) covers the case files: after it, every case's identity and
 * narrative and every break-glass reason is sealed with the new key, opens through the API of the
 * server that kept running meanwhile, and the blind index (whose key rotation never changes) still
 * finds the names in both scripts.
 */
describe.each(testEngines())('data key rotation over case files on %s', { timeout: 120_000 }, (engine) => {
  let ctx: TestContext;
  const ids: string[] = [];
  let outsiderCookie = '';

  const sealedColumns = async () => {
    const cases = await ctx.db.selectFrom('cases').select(['id', 'identity_sealed', 'narrative_sealed']).orderBy('id').execute();
    const grants = await ctx.db.selectFrom('case_break_glass').select(['id', 'reason_sealed']).execute();
    return [...cases.flatMap((c) => [c.identity_sealed, c.narrative_sealed]).filter((v): v is string => v !== null), ...grants.map((g) => g.reason_sealed)];
  };

  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true, databaseInDataDir: true });
    for (const victim of VICTIMS) {
      const created = await callRoute(
        ctx,
        'createCase',
        {
          body: {
            countryCode: 'PK',
            province: 'Balochistan',
            ...(victim.narrative ? { narrative: victim.narrative } : {}),
            victim: { fullName: victim.fullName, otherScriptName: victim.otherScriptName, sex: 'female', estimatedAge: 25 },
          },
        },
        'data_officer',
      );
      expect(created.status, created.raw).toBe(201);
      ids.push(created.body.id);
    }
    const other = await make.organization(ctx, { name: 'Balochistan Levies' });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: other.id, countries: ['PK'] });
    outsiderCookie = (await enrolSecondFactor(ctx.app, outsider.email)).cookie;
    const glass = await ctx.app.inject({
      method: 'POST',
      url: `/api/cases/${ids[2]}/break-glass`,
      headers: { cookie: outsiderCookie },
      payload: { reason: REASON },
    });
    expect(glass.statusCode, glass.body).toBe(201);
    // Reading break-glass reasons on the System page needs the administrator's second factor.
    await enrolOwnSecondFactor(ctx.app, ctx.as('admin').cookie);
  });
  afterAll(() => ctx.close());

  it('re-seals every case column with the new key; the running app opens them and still finds the names', async () => {
    const before = readKeyringFile(ctx.dataDir);
    const oldId = before?.current ?? '';
    const sealedBefore = await sealedColumns();
    // Two identities, two narratives and the third identity, one break-glass reason.
    expect(sealedBefore).toHaveLength(6);
    expect(sealedBefore.map(sealedKeyId)).toEqual(sealedBefore.map(() => oldId));

    const rotated = await hifazat(ctx, ['keys', 'rotate']);
    expect(rotated.status, rotated.stderr).toBe(0);
    const newId = readKeyringFile(ctx.dataDir)?.current ?? '';
    expect(newId).not.toBe(oldId);
    expect(rotated.stdout).toContain(`Data key rotated: ${oldId} → ${newId}.`);
    expect(rotated.stdout).toMatch(new RegExp(`Sealed values per key: ${oldId}: 0, ${newId} \\(current\\): \\d+\\.`));

    const sealedAfter = await sealedColumns();
    expect(sealedAfter).toHaveLength(6);
    expect(sealedAfter.map(sealedKeyId)).toEqual(sealedAfter.map(() => newId));
    // Every value was sealed again (a new IV), not only relabelled.
    expect(sealedAfter.filter((v) => sealedBefore.includes(v))).toEqual([]);

    // The app kept running: it picks up the new keyring and opens everything.
    for (const [i, victim] of VICTIMS.entries()) {
      const read = await callRoute(ctx, 'getCase', { params: { id: ids[i]! } }, 'data_officer');
      expect(read.status, read.raw).toBe(200);
      expect(read.body.victim).toMatchObject({ fullName: victim.fullName, otherScriptName: victim.otherScriptName });
      expect(read.body.narrative).toBe(victim.narrative);
    }
    const asOutsider = await ctx.app.inject({ method: 'GET', url: `/api/cases/${ids[2]}`, headers: { cookie: outsiderCookie } });
    expect(json<{ breakGlass: Array<{ reason: string }> }>(asOutsider).breakGlass.map((g) => g.reason)).toEqual([REASON]);
    const review = await callRoute(ctx, 'listBreakGlass', { query: {} }, 'admin');
    expect(review.body.items.map((g) => g.reason)).toEqual([REASON]);

    // The blind index is unchanged: names are found in either script, as before.
    const search = async (query: string) => (await callRoute(ctx, 'listCases', { query: { query } }, 'data_officer')).body.items.map((c) => c.id).sort();
    expect(await search('Mohammad Saleem')).toEqual([ids[0]]);
    expect(await search('چوہدری')).toEqual([ids[0]]);
    expect(await search('Fatima')).toEqual([ids[1]]);
    expect(await search('فاطمہ بی بی')).toEqual([ids[1]]);
    expect(await search('عبدالرحمن')).toEqual([ids[2]]);

    // A case opened now is sealed with the new key.
    const fresh = await callRoute(
      ctx,
      'createCase',
      { body: { countryCode: 'PK', province: 'Balochistan', victim: { fullName: 'Hajra Jamali', sex: 'female', estimatedAge: 30 } } },
      'data_officer',
    );
    const row = await ctx.db.selectFrom('cases').select('identity_sealed').where('id', '=', fresh.body.id).executeTakeFirstOrThrow();
    expect(sealedKeyId(row.identity_sealed ?? '')).toBe(newId);
  });
});
