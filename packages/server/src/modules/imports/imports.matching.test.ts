/**
 * Which registered person an imported row becomes (review issue 7 B): linked by itself only on a
 * strong match to exactly one person, otherwise chosen by the person importing.
 */
import { randomBytes } from 'node:crypto';
import type { ApiError, ImportReport, ParticipantList } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { createTestContext, json, seedEvent, signIn, type TestContext } from '../../../test/helpers.js';
import { createUser } from '../users/users.service.js';

/** A multipart body with the file and, optionally, the `choices` field. */
function multipart(csv: string, choices?: unknown) {
  const boundary = `----hifazat${randomBytes(8).toString('hex')}`;
  const parts = [];
  if (choices !== undefined) {
    parts.push(`--${boundary}\r\nContent-Disposition: form-data; name="choices"\r\n\r\n${typeof choices === 'string' ? choices : JSON.stringify(choices)}\r\n`);
  }
  parts.push(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
  );
  return { payload: Buffer.from(parts.join(''), 'utf8'), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe.each(testEngines())('import matching on %s', (engine) => {
  let ctx: TestContext;
  let eventId: string;
  let fia: string;
  const ids = { subInspector: '', assistantDirector: '', noOrganisation: '', afghan: '' };
  let restrictedCookie: string;

  const post = (url: string, payload: object, cookie = ctx.as('admin')) => ctx.app.inject({ method: 'POST', url, headers: cookie, payload });
  const importFile = (csv: string, options: { dryRun?: boolean; choices?: unknown; cookie?: { cookie: string } } = {}) => {
    const body = multipart(csv, options.choices);
    return ctx.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/participants/import?dryRun=${options.dryRun === false ? 'false' : 'true'}`,
      headers: { ...(options.cookie ?? ctx.as('admin')), ...body.headers },
      payload: body.payload,
    });
  };
  const counts = async () => {
    const count = async (table: 'people' | 'participations' | 'organizations') =>
      Number(
        (
          await ctx.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { people: await count('people'), participations: await count('participations'), organizations: await count('organizations') };
  };
  const listed = async () =>
    json<ParticipantList>(await ctx.app.inject({ method: 'GET', url: `/api/events/${eventId}/participants`, headers: ctx.as('admin') })).items;

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    fia = json<{ id: string }>(
      await post('/api/organizations', { name: 'Federal Investigation Agency', acronym: 'FIA', type: 'law_enforcement', countryCode: 'PK' }),
    ).id;
    const person = async (body: object) => json<{ id: string }>(await post('/api/people', { sex: 'male', countryCode: 'PK', ...body })).id;
    ids.subInspector = await person({
      fullName: 'Aamir Abbasi',
      organizationId: fia,
      designation: 'Sub-Inspector',
      phone: '0300 1234567',
      email: 'aamir.si@fia.gov.pk',
    });
    ids.assistantDirector = await person({ fullName: 'Aamir Abbasi', organizationId: fia, designation: 'Assistant Director' });
    ids.noOrganisation = await person({ fullName: 'Aamir Abbasi' });
    ids.afghan = await person({ fullName: 'Aamir Abbasi', countryCode: 'AF', email: 'aamir@example.af' });
    // The sub-inspector attended one earlier event: the candidates say so.
    const earlier = (await seedEvent(ctx, { status: 'held' })).event.id;
    expect((await post(`/api/events/${earlier}/participants`, { personId: ids.subInspector, attended: true })).statusCode).toBe(201);
    eventId = (await seedEvent(ctx, { status: 'held' })).event.id;
    const restricted = await createUser(ctx.db, null, {
      email: 'pk.manager@test.example',
      name: 'PK manager',
      role: 'programme_manager',
      password: 'correct horse battery',
      countries: ['PK'],
    });
    restrictedCookie = await signIn(ctx.app, restricted.email);
  });
  afterAll(async () => ctx.close());

  it('links a row to the one person with the same name, organisation and designation, and says so in the dry run', async () => {
    const csv = 'full_name,sex,organization,designation\r\nAamir Abbasi,m,FIA,Assistant Director\r\n';
    const dry = await importFile(csv);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = json<ImportReport>(dry);
    expect(report.plan).toEqual([
      {
        line: 2,
        fullName: 'Aamir Abbasi',
        action: 'link',
        personId: ids.assistantDirector,
        candidates: [
          expect.objectContaining({ personId: ids.assistantDirector, designation: 'Assistant Director', organizationName: 'Federal Investigation Agency' }),
        ],
      },
    ]);
    expect(report).toMatchObject({ toChoose: 0, linkedPeople: 1, createdPeople: 0 });
    const real = await importFile(csv, { dryRun: false });
    expect(real.statusCode, real.body).toBe(200);
    // The code as it was linked the first strong match: the sub-inspector.
    expect((await listed()).map((p) => p.personId)).toEqual([ids.assistantDirector]);
    await ctx.app.inject({ method: 'DELETE', url: `/api/events/${eventId}/participants/${ids.assistantDirector}`, headers: ctx.as('admin') });
  });

  it('asks to choose when the name and organisation match more than one person, showing them side by side, masked', async () => {
    const dry = await importFile('full_name,sex,organization\r\nAamir Abbasi,m,FIA\r\nSomeone New,f,FIA\r\n');
    expect(dry.statusCode, dry.body).toBe(200);
    const report = json<ImportReport>(dry);
    expect(report).toMatchObject({ toChoose: 1, createdPeople: 1, linkedPeople: 0, errors: [] });
    const [row, other] = report.plan;
    expect(other).toEqual({ line: 3, fullName: 'Someone New', action: 'create' });
    expect(row?.action).toBe('choose');
    expect(row?.personId).toBeUndefined();
    const byId = new Map(row?.candidates?.map((c) => [c.personId, c]));
    // Two at FIA with other designations, two namesakes without an organisation (the admin sees every country).
    expect([...byId.keys()].sort()).toEqual([ids.subInspector, ids.assistantDirector, ids.noOrganisation, ids.afghan].sort());
    expect(byId.get(ids.subInspector)).toEqual({
      personId: ids.subInspector,
      fullName: 'Aamir Abbasi',
      organizationName: 'Federal Investigation Agency',
      designation: 'Sub-Inspector',
      sex: 'male',
      phone: '••••••••567',
      email: 'a•••@fia.gov.pk',
      eventsAttended: 1,
      reasons: ['same_name_same_organization'],
    });
    expect(byId.get(ids.assistantDirector)).toMatchObject({ designation: 'Assistant Director', eventsAttended: 0, phone: null, email: null });
    // Never the full phone number or email address.
    expect(dry.body).not.toContain('1234567');
    expect(dry.body).not.toContain('aamir.si@');
  });

  it('refuses a real import with a row still to be chosen for, line by line, and writes nothing', async () => {
    const before = await counts();
    const real = await importFile('full_name,sex,organization\r\nAamir Abbasi,m,FIA\r\nSomeone New,f,FIA\r\n', { dryRun: false });
    expect(real.statusCode, real.body).toBe(422);
    const error = json<ApiError>(real).error;
    expect(error.code).toBe('import_invalid');
    expect(error.details).toEqual([{ line: 2, column: 'choice', message: 'Choose who this row is: one of the registered people it matches, or a new person' }]);
    expect(await counts()).toEqual(before);
  });

  it('says so in Urdu to an Urdu reader', async () => {
    const body = multipart('full_name,sex,organization\r\nAamir Abbasi,m,FIA\r\n');
    const real = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/participants/import?dryRun=false`,
      headers: { ...ctx.as('admin'), ...body.headers, 'accept-language': 'ur' },
      payload: body.payload,
    });
    expect(real.statusCode, real.body).toBe(422);
    expect(json<ApiError>(real).error.details).toEqual([
      { line: 2, column: 'choice', message: 'منتخب کریں کہ یہ قطار کون ہے: اس سے ملنے والے درج شدہ افراد میں سے کوئی، یا نیا فرد' },
    ]);
  });

  it('imports with the choice made: the chosen person, or a new one', async () => {
    const csv = 'full_name,sex,organization\r\nAamir Abbasi,m,FIA\r\n';
    const dry = await importFile(csv, { choices: { 2: ids.subInspector } });
    expect(json<ImportReport>(dry).plan[0]).toMatchObject({ action: 'link', personId: ids.subInspector });
    const real = await importFile(csv, { dryRun: false, choices: { 2: ids.subInspector } });
    expect(real.statusCode, real.body).toBe(200);
    expect(json<ImportReport>(real)).toMatchObject({ linkedPeople: 1, createdPeople: 0, addedParticipants: 1 });
    expect((await listed()).map((p) => p.personId)).toEqual([ids.subInspector]);

    const before = await counts();
    const asNew = await importFile(csv, { dryRun: false, choices: { 2: 'new' } });
    expect(asNew.statusCode, asNew.body).toBe(200);
    expect(json<ImportReport>(asNew)).toMatchObject({ createdPeople: 1, linkedPeople: 0, addedParticipants: 1 });
    expect(await counts()).toEqual({ ...before, people: before.people + 1, participations: before.participations + 1 });
  });

  it('refuses a choice that is not one of the row’s candidates, for a line not in the file, or twice the same person', async () => {
    const before = await counts();
    const someoneElse = json<{ id: string }>(await post('/api/people', { fullName: 'Bilal Ahmed', sex: 'male', countryCode: 'PK' })).id;
    const csv = 'full_name,sex,organization\r\nAamir Abbasi,m,FIA\r\nAamir Abbasi,m,FIA\r\n';
    const notACandidate = await importFile(csv, { dryRun: false, choices: { 2: someoneElse, 3: 'new', 9: 'new' } });
    expect(notACandidate.statusCode, notACandidate.body).toBe(422);
    expect(json<ApiError>(notACandidate).error.details).toEqual([
      { line: 2, column: 'choice', message: 'The person chosen for this row is not one of its candidates' },
      { line: 9, column: 'choice', message: 'A choice was sent for a line that is not a valid row of this file' },
    ]);
    const twice = await importFile(csv, { dryRun: false, choices: { 2: ids.assistantDirector, 3: ids.assistantDirector } });
    expect(twice.statusCode, twice.body).toBe(422);
    expect(json<ApiError>(twice).error.details).toEqual([{ line: 3, column: 'choice', message: 'The same person as line 2: one person chosen twice' }]);
    expect(await counts()).toEqual({ ...before, people: before.people + 1 });
  });

  it('answers 400 to choices that are not JSON or not line → personId/"new"', async () => {
    const csv = 'full_name,sex\r\nX,f\r\n';
    for (const choices of ['{not json', '{"2":"somebody"}', '{"line two":"new"}', '[1]']) {
      const response = await importFile(csv, { dryRun: false, choices });
      expect(response.statusCode, `${choices}: ${response.body}`).toBe(400);
      expect(json<ApiError>(response).error).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('never shows or links a person of a country the user does not work in', async () => {
    const csv = 'full_name,sex,email\r\nAamir Abbasi,m,aamir@example.af\r\n';
    const dry = await importFile(csv, { cookie: { cookie: restrictedCookie } });
    expect(dry.statusCode, dry.body).toBe(200);
    const report = json<ImportReport>(dry);
    // The same email as the Afghan record (a strong match for a user of every country): for this
    // user, only the PK namesakes are candidates, and none strongly.
    expect(report.plan[0]?.action).toBe('choose');
    const offered = report.plan[0]?.candidates?.map((c) => c.personId) ?? [];
    expect(offered).toEqual(expect.arrayContaining([ids.subInspector, ids.assistantDirector, ids.noOrganisation]));
    expect(offered).not.toContain(ids.afghan);
    expect(dry.body).not.toContain(ids.afghan);
    const before = await counts();
    const refused = await importFile(csv, { dryRun: false, choices: { 2: ids.afghan }, cookie: { cookie: restrictedCookie } });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(json<ApiError>(refused).error.details).toEqual([
      { line: 2, column: 'choice', message: 'The person chosen for this row is not one of its candidates' },
    ]);
    expect(await counts()).toEqual(before);
  });
});
