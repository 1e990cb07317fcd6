import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../test/helpers.js';
import type { ApiError, ImportReport } from '@hifazat/contract';
import { registerErrorHandling } from '../http/errors.js';
import { toUrdu } from './urdu.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

const urdu = (role: Parameters<TestContext['as']>[0]) => ({ ...ctx.as(role), 'accept-language': 'ur' });
const arabicScript = /[\u0600-\u06FF]/;

describe('messages in the language the client reads', () => {
  it('answers in English by default and in Urdu when the client asks for it', async () => {
    const english = await ctx.app.inject({ method: 'GET', url: '/api/events/01a20000-0000-7000-8000-000000000000', headers: ctx.as('admin') });
    expect(json<ApiError>(english).error.message).toBe('Event not found');
    const inUrdu = await ctx.app.inject({ method: 'GET', url: '/api/events/01a20000-0000-7000-8000-000000000000', headers: urdu('admin') });
    expect(inUrdu.statusCode).toBe(404);
    expect(json<ApiError>(inUrdu).error).toMatchObject({ code: 'not_found', message: 'تقریب نہیں ملی' });
  });

  it('puts field problems in Urdu: our own rules from the catalogue, zod’s from its Urdu locale', async () => {
    const { programmeId } = await seedEvent(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/events',
      headers: urdu('admin'),
      payload: { programmeId, title: '', type: 'workshop', startDate: '2025-03-12', endDate: '2025-03-10', city: 'Lahore', countryCode: 'PK' },
    });
    expect(response.statusCode).toBe(400);
    const { error } = json<ApiError>(response);
    expect(error.details.find((d) => d.path === 'endDate')?.message).toBe('اختتامی تاریخ آغاز کی تاریخ سے پہلے ہے');
    const title = error.details.find((d) => d.path === 'title')?.message ?? '';
    expect(title).toMatch(arabicScript);
    expect(error.message).toMatch(arabicScript);
  });

  it('writes the problems of an import dry run in Urdu for an Urdu reader', async () => {
    const { event } = await seedEvent(ctx);
    const boundary = 'urdu-boundary';
    const csv = 'full_name,sex,email,birth_year\nعلی خان,mael,,\nSana Malik,female,not-an-email,1850\n';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants/import?dryRun=true`,
      headers: { ...urdu('admin'), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    const [problem, ...others] = json<ImportReport>(response).errors;
    expect(problem).toMatchObject({ line: 2, column: 'sex' });
    expect(problem?.message).toBe('"mael" جنس کے طور پر معلوم نہیں: female، male، other یا unknown لکھیں');
    expect(others.map((o) => [o.line, o.column, o.message])).toEqual([
      [3, 'email', 'غلط ای میل ایڈریس'],
      [3, 'birth_year', 'بہت چھوٹا: کم از کم 1900'],
    ]);
  });

  it('keeps a message English when it has no Urdu yet, rather than losing it', () => {
    expect(toUrdu('Something new the catalogue does not know')).toBe('Something new the catalogue does not know');
    expect(toUrdu('This person took part in 3 events; merge them into another record instead of deleting')).toContain('3 تقریبات');
  });
});

/**
 * The messages the event, attendance and person flows raise, read from their source: every one of
 * them must reach an Urdu screen in Urdu. A `${…}` in a message stands for a value (a name, a date,
 * a count), tried as "1", which the catalogue's patterns take.
 */
function messagesRaisedIn(files: string[]): string[] {
  const raised =
    /\b(?:invalid|conflict|ruleViolation|forbidden|editConflict)\(\s*(['`])((?:\\.|(?!\1)[^\\])*)\1|\bnotFound\(\s*'([^']+)'\s*\)|\bmessage:\s*(['`])((?:\\.|(?!\4)[^\\])*)\4/g;
  const found = new Set<string>();
  for (const file of files) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(raised)) {
      const message = m[2] ?? (m[3] !== undefined ? `${m[3]} not found` : m[5]);
      if (message) found.add(message.replace(/\$\{[^}]*\}/g, '1'));
    }
  }
  return [...found];
}

describe('a failed save on the event, attendance and person flows says so in Urdu', () => {
  const source = (dir: string) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
      .map((f) => path.join(dir, f));
  const here = import.meta.dirname;

  it('has Urdu for every refusal of a CSV or spreadsheet list the reader raises', () => {
    // unreadable(line, '…') and new AppError(code, '…') in the reader: the messages a person fixing a file reads.
    const text = fs.readFileSync(path.join(here, '../modules/imports/imports.parse.ts'), 'utf8');
    const messages = [...text.matchAll(/\b(?:unreadable\(\s*\w+,|new AppError\(\s*'[a-z_]+',)\s*(['`])((?:\\.|(?!\1)[^\\])*)\1/g)].map((m) =>
      (m[2] ?? '').replace(/\$\{[^}]*\}/g, '1'),
    );
    expect(messages).toEqual(expect.arrayContaining(['A quoted cell is never closed: its closing quote is missing', 'The CSV file could not be read']));
    expect(messages.length).toBeGreaterThan(6);
    expect(messages.filter((m) => toUrdu(m) === m)).toEqual([]);
  });

  it('has Urdu for every message the events, participations, people, organisations and programmes code raises', () => {
    const modules = ['events', 'participations', 'people', 'organizations', 'programmes'].flatMap((m) => source(path.join(here, '../modules', m)));
    const contract = ['common', 'events', 'people', 'organizations', 'programmes', 'reports'].map((m) => path.join(here, '../../../contract/src', `${m}.ts`));
    const messages = messagesRaisedIn([...modules, ...contract, path.join(here, '../shared/pagination.ts')]);
    // The reading found them (and the check below is not vacuous).
    expect(messages).toEqual(expect.arrayContaining(['Event not found', 'Someone else changed this mark meanwhile', "1 is already on this event's list"]));
    expect(messages.length).toBeGreaterThan(40);
    expect(messages.filter((m) => toUrdu(m) === m)).toEqual([]);
  });

  it('says that the server failed, and Fastify’s own refusals, in Urdu', async () => {
    const app = Fastify({ bodyLimit: 64 });
    registerErrorHandling(app);
    app.post('/save', async () => {
      throw new Error('connection to the database lost');
    });
    const urdu = { 'accept-language': 'ur', 'content-type': 'application/json' };
    const failed = await app.inject({ method: 'POST', url: '/save', headers: urdu, payload: '{}' });
    expect(failed.statusCode).toBe(500);
    expect(json<ApiError>(failed).error).toMatchObject({ code: 'internal_error', message: toUrdu('Internal error') });
    expect(json<ApiError>(failed).error.message).not.toMatch(/[A-Za-z]/);
    const tooLarge = await app.inject({ method: 'POST', url: '/save', headers: urdu, payload: JSON.stringify({ note: 'x'.repeat(200) }) });
    expect(tooLarge.statusCode).toBe(413);
    expect(json<ApiError>(tooLarge).error).toMatchObject({ code: 'payload_too_large', message: 'بھیجا گیا مواد بہت بڑا ہے' });
    const english = await app.inject({ method: 'POST', url: '/save', headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(json<ApiError>(english).error.message).toBe('Internal error');
    await app.close();
  });

  it('refuses a merge that keeps a value neither record has in Urdu, field by field', async () => {
    const person = async (fullName: string) =>
      json<{ id: string }>(await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload: { fullName, sex: 'female' } })).id;
    const keep = await person('Urdu Merge Kept');
    const duplicate = await person('Urdu Merge Duplicate');
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/people/${keep}/merge`,
      headers: urdu('admin'),
      payload: { duplicateId: duplicate, values: { fullName: 'Somebody Else' } },
    });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error).toMatchObject({
      message: 'ضم شدہ ریکارڈ میں صرف انہی دو ریکارڈز کی معلومات رکھی جا سکتی ہیں',
      details: [{ path: 'values.fullName', message: 'یہ قدر دونوں میں سے کسی ریکارڈ میں نہیں' }],
    });
  });
});
