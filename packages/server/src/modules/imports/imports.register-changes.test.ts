/**
 * What an import does when the register changes between its check and its write, and what it tells
 * a user restricted to some countries about people of others (found by the review of 2026-12-03).
 */
import { randomBytes } from 'node:crypto';
import type { ImportReport, ParticipantList } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import type { Actor } from '../../http/permissions.js';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';
import { parseCsvFile } from './imports.parse.js';
import { checkImportFile, planImport, registerKeys } from './imports.plan.js';
import { readImportSnapshot, writeImportPlan } from './imports.service.js';

function multipart(csv: string) {
  const boundary = `----hifazat${randomBytes(8).toString('hex')}`;
  return {
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe.each(testEngines())('an import and the register changing under it, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Users other than the admin work in Pakistan only.
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  const actor = (role: 'admin' | 'programme_manager'): Actor => ({
    id: ctx.users[role]!.id,
    name: role,
    email: ctx.users[role]!.email,
    role,
    countries: role === 'admin' ? null : ['PK'],
  });
  const importFile = (eventId: string, csv: string, role: 'admin' | 'programme_manager', dryRun: boolean) => {
    const body = multipart(csv);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/participants/import?dryRun=${dryRun}`,
      headers: { ...ctx.as(role), ...body.headers },
      payload: body.payload,
    });
  };
  const plan = async (who: Actor, eventId: string, csv: string) => {
    const checked = checkImportFile(parseCsvFile(Buffer.from(csv)));
    return planImport(checked, await readImportSnapshot(ctx.db, who, eventId, registerKeys(checked)), new Map(), false);
  };
  const newPerson = async (payload: Record<string, unknown>) =>
    json<{ id: string }>(await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload })).id;
  const peopleWithEmail = async (email: string) => ctx.db.selectFrom('people').select('id').where('email_normalized', '=', email).execute();

  it('refuses the second of two imports planned before either wrote, instead of creating the same people twice', async () => {
    const { event } = await seedEvent(ctx);
    const csv = 'full_name,sex,phone,email\nAyesha Siddiqa,f,0300 7777777,ayesha.s@fia.gov.pk\n';
    const first = await plan(actor('admin'), event.id, csv);
    const second = await plan(actor('admin'), event.id, csv);
    await writeImportPlan(ctx.db, actor('admin'), event.id, first);
    await expect(writeImportPlan(ctx.db, actor('admin'), event.id, second)).rejects.toMatchObject({ code: 'conflict' });
    expect(await peopleWithEmail('ayesha.s@fia.gov.pk')).toHaveLength(1);
  });

  it('creates each new person once when two users import the same sheet at the same moment', async () => {
    const { event } = await seedEvent(ctx);
    const csv = ['full_name,sex,email', ...Array.from({ length: 300 }, (_, i) => `Parallel Person ${i},f,parallel${i}@x.pk`)].join('\n');
    const answers = await Promise.all([importFile(event.id, csv, 'admin', false), importFile(event.id, csv, 'programme_manager', false)]);
    // One writes; the other finds the register changed (409), or, checked after the first wrote, lists nobody twice.
    const written = answers.filter((a) => a.statusCode === 200).map((a) => json<ImportReport>(a));
    expect(written.map((r) => r.createdPeople)).toContain(300);
    for (const a of answers) expect([200, 409]).toContain(a.statusCode);
    expect(await peopleWithEmail('parallel0@x.pk')).toHaveLength(1);
    expect(await peopleWithEmail('parallel299@x.pk')).toHaveLength(1);
  });

  it('refuses to link someone who moved to a country the user does not work in after the check', async () => {
    const { event } = await seedEvent(ctx);
    const id = await newPerson({ fullName: 'Move Me', sex: 'male', countryCode: 'PK', email: 'move.me@x.pk' });
    const planned = await plan(actor('programme_manager'), event.id, 'full_name,sex,email\nWhoever,m,move.me@x.pk\n');
    expect(planned.rows.map((r) => r.existingId)).toEqual([id]);
    const moved = await ctx.app.inject({ method: 'PATCH', url: `/api/people/${id}`, headers: ctx.as('admin'), payload: { countryCode: 'AF' } });
    expect(moved.statusCode).toBe(200);
    await expect(writeImportPlan(ctx.db, actor('programme_manager'), event.id, planned)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('matches a participant of another country already on the list without naming or identifying them', async () => {
    const { event } = await seedEvent(ctx);
    const afghan = await newPerson({ fullName: 'Hidden Afghan', sex: 'female', countryCode: 'AF', phone: '+93 700 123456', email: 'hidden@gov.af' });
    expect(
      (await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/participants`, headers: ctx.as('admin'), payload: { personId: afghan } }))
        .statusCode,
    ).toBe(201);
    const list = json<ParticipantList>(
      await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/participants`, headers: ctx.as('programme_manager') }),
    );
    expect(list.items[0]).toMatchObject({ personId: null, hidden: true });
    const dry = await importFile(event.id, 'full_name,sex,email\nGuess,f,hidden@gov.af\n', 'programme_manager', true);
    expect(dry.statusCode).toBe(200);
    expect(json<ImportReport>(dry).plan).toEqual([{ line: 2, fullName: 'Guess', action: 'listed' }]);
    expect(dry.body).not.toContain(afghan);
    expect(dry.body).not.toContain('Hidden Afghan');
  });

  it('counts for a candidate only the events the user may see', async () => {
    const pk = await seedEvent(ctx, { countryCode: 'PK' });
    const af = await seedEvent(ctx, { countryCode: 'AF' });
    const person = await newPerson({ fullName: 'Counted Twice', sex: 'male', countryCode: 'PK', email: 'counted@x.pk' });
    for (const event of [pk.event, af.event]) {
      const added = await ctx.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/participants`,
        headers: ctx.as('admin'),
        payload: { personId: person, attended: true },
      });
      expect(added.statusCode).toBe(201);
    }
    const target = await seedEvent(ctx, { countryCode: 'PK' });
    const candidateEvents = async (role: 'admin' | 'programme_manager') => {
      const dry = json<ImportReport>(await importFile(target.event.id, 'full_name,sex,email\nWhoever,m,counted@x.pk\n', role, true));
      return dry.plan[0]?.candidates?.map((c) => c.eventsAttended);
    };
    expect(await candidateEvents('admin')).toEqual([2]);
    expect(await candidateEvents('programme_manager')).toEqual([1]);
  });
});
