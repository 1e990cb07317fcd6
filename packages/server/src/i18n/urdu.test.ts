import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../test/helpers.js';
import type { ApiError, ImportReport } from '@hifazat/contract';
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
