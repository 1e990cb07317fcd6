import type { ApiError, HistoryEntry, Page, User, UserListItem } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { make } from '../../../test/factories.js';
import { createTestContext, enrolSecondFactor, json, signIn, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { createUser as createUserRecord } from './users.service.js';

// Issue 12: the case roles work for an agency (an organisation) and a data officer in some provinces.
describe.each(testEngines())("an account's agency and provinces on %s", (engine) => {
  let ctx: TestContext;
  let fia: { id: string; name: string };
  let kabulPolice: { id: string };
  let unodc: { id: string };
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    fia = await make.organization(ctx, { name: 'Federal Investigation Agency', countryCode: 'PK' });
    kabulPolice = await make.organization(ctx, { name: 'Kabul Police', countryCode: 'AF' });
    unodc = await make.organization(ctx, { name: 'UNODC', type: 'international', countryCode: null });
  });
  afterAll(async () => ctx.close());

  const post = (payload: Record<string, unknown>, headers: { cookie: string } = ctx.as('admin')) =>
    ctx.app.inject({ method: 'POST', url: '/api/users', headers, payload });
  const patch = (id: string, payload: Record<string, unknown>, headers: { cookie: string } = ctx.as('admin')) =>
    ctx.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers, payload });
  const list = async (headers: { cookie: string } = ctx.as('admin')) =>
    json<Page<UserListItem>>(await ctx.app.inject({ method: 'GET', url: '/api/users', headers })).items;

  it('an admin creates a data officer with an agency and provinces (each once); the list names the agency', async () => {
    const response = await post({
      email: 'officer@example.org',
      name: 'Case Officer',
      role: 'data_officer',
      password: TEST_PASSWORD,
      countries: ['PK'],
      organizationId: fia.id,
      provinces: ['Sindh', 'Punjab', 'Sindh'],
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(json<User>(response)).toMatchObject({ organizationId: fia.id, provinces: ['Sindh', 'Punjab'] });
    const listed = (await list()).find((u) => u.email === 'officer@example.org');
    expect(listed).toMatchObject({ organizationId: fia.id, organizationName: 'Federal Investigation Agency', provinces: ['Sindh', 'Punjab'] });
    // Accounts without an agency are listed too, with no name.
    expect((await list()).find((u) => u.email === 'admin@test.example')).toMatchObject({ organizationId: null, organizationName: null });
  });

  it('refuses an organisation that does not exist with 400 on the field, creating nobody', async () => {
    const response = await post({
      email: 'nobody@example.org',
      name: 'Nobody',
      role: 'supervisor',
      password: TEST_PASSWORD,
      organizationId: '01a20000-0000-7000-8000-000000000000',
    });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error).toMatchObject({ code: 'validation_failed', details: [{ path: 'organizationId' }] });
    expect((await list()).some((u) => u.email === 'nobody@example.org')).toBe(false);
    // A blank province is no province: 400 too.
    const blank = await post({ email: 'nobody@example.org', name: 'Nobody', role: 'data_officer', password: TEST_PASSWORD, provinces: ['  '] });
    expect(blank.statusCode).toBe(400);
    expect(json<ApiError>(blank).error.details[0]?.path).toMatch(/^provinces/);
  });

  it('an administrator limited to Pakistan gives agencies of Pakistan or international ones, not an Afghan one', async () => {
    await createUserRecord(ctx.db, null, { email: 'pk.admin@example.org', name: 'PK admin', role: 'admin', password: TEST_PASSWORD, countries: ['PK'] });
    const limited = { cookie: await signIn(ctx.app, 'pk.admin@example.org') };
    const base = { name: 'Supervisor', role: 'supervisor', password: TEST_PASSWORD, countries: ['PK'] };
    const afghan = await post({ ...base, email: 'sup.af@example.org', organizationId: kabulPolice.id }, limited);
    expect(afghan.statusCode).toBe(400);
    expect(json<ApiError>(afghan).error.details[0]?.path).toBe('organizationId');
    const international = await post({ ...base, email: 'sup.un@example.org', organizationId: unodc.id }, limited);
    expect(international.statusCode, international.body).toBe(201);
    const own = await post({ ...base, email: 'sup.pk@example.org', organizationId: fia.id }, limited);
    expect(own.statusCode).toBe(201);
    // Nor can they move an account of theirs to the Afghan agency; an account given one by an administrator
    // of every country they still save as it is.
    expect((await patch(json<User>(own).id, { organizationId: kabulPolice.id }, limited)).statusCode).toBe(400);
    const givenAbove = json<User>(await post({ ...base, email: 'sup.above@example.org', organizationId: kabulPolice.id }));
    const saved = await patch(givenAbove.id, { name: 'Supervisor renamed', organizationId: kabulPolice.id }, limited);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<User>(saved)).toMatchObject({ name: 'Supervisor renamed', organizationId: kabulPolice.id });
  });

  it('changing the agency or the provinces ends the sessions and is in the history; null clears them', async () => {
    const created = json<User>(
      await post({ email: 'moved@example.org', name: 'Moved Officer', role: 'data_officer', password: TEST_PASSWORD, countries: ['PK'] }),
    );
    expect(created).toMatchObject({ organizationId: null, provinces: null });
    const { cookie } = await enrolSecondFactor(ctx.app, 'moved@example.org');
    const me = () => ctx.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect((await me()).statusCode).toBe(200);

    const moved = await patch(created.id, { organizationId: fia.id, provinces: ['Balochistan'] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(json<User>(moved)).toMatchObject({ organizationId: fia.id, provinces: ['Balochistan'] });
    expect((await me()).statusCode).toBe(401);
    const history = json<{ items: HistoryEntry[] }>(await ctx.app.inject({ method: 'GET', url: `/api/users/${created.id}/history`, headers: ctx.as('admin') }));
    expect(Object.keys(history.items[0]?.changes ?? {})).toEqual(expect.arrayContaining(['organizationId', 'provinces']));

    const cleared = await patch(created.id, { organizationId: null, provinces: null });
    expect(json<User>(cleared)).toMatchObject({ organizationId: null, provinces: null });
    expect((await list()).find((u) => u.id === created.id)).toMatchObject({ organizationName: null, provinces: null });
  });
});
