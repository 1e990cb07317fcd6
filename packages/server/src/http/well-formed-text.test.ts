import type { ApiError, Logframe } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../db/test-db.js';
import { verifyAuditChain } from '../modules/audit/index.js';
import { make } from '../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../test/helpers.js';
import { firstMalformedText } from './well-formed-text.js';

describe('firstMalformedText', () => {
  it('names the first string or key holding half a surrogate pair, and passes whole pairs', () => {
    expect(firstMalformedText({ note: 'Lahore 🌙 لاہور', list: ['a', { b: 'c' }] })).toBeNull();
    expect(firstMalformedText({ note: 'x\uD800y' })).toBe('note');
    expect(firstMalformedText({ list: ['ok', { b: 'tail \uDC00' }] })).toBe('list.1.b');
    expect(firstMalformedText({ a: { '\uD83Dkey': 1 } })).toBe('a.\uFFFDkey');
    expect(firstMalformedText('\uDFFF')).toBe('body');
    expect(firstMalformedText('🌙'.slice(0, 1))).toBe('body');
  });

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}"\\ud800"${']'.repeat(100_000)}`) as unknown;
    expect(firstMalformedText(deep)).toMatch(/^0(\.0){99999}$/);
  });
});

describe.each(testEngines())('text that is not valid Unicode, on %s', (engine) => {
  let ctx: TestContext;
  let programmeId: string;
  const lock = (body: string, language = 'en') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/programmes/${programmeId}/periods/2025/lock`,
      headers: { ...ctx.as('programme_manager'), 'content-type': 'application/json', 'accept-language': language },
      payload: body,
    });

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    programmeId = (await make.programme(ctx)).id;
  });
  afterAll(async () => ctx.close());

  it('refuses a lone surrogate in a lock note with 400, changes nothing, and the audit chain stays intact', async () => {
    const before = await verifyAuditChain(ctx.db);
    const refused = await lock('{"note":"Sent x\\ud800y"}');
    expect(refused.statusCode, refused.body).toBe(400);
    expect(json<ApiError>(refused).error).toMatchObject({ code: 'validation_failed', message: 'Text must be valid Unicode', details: [{ path: 'note' }] });
    const urdu = await lock('{"note":"\\udc00"}', 'ur');
    expect(urdu.statusCode).toBe(400);
    expect(json<ApiError>(urdu).error.message).toMatch(/[\u0600-\u06FF]/);
    const logframe = json<Logframe>(await ctx.app.inject({ method: 'GET', url: `/api/programmes/${programmeId}/logframe`, headers: ctx.as('viewer') }));
    expect(logframe.locks).toEqual([]);
    expect((await verifyAuditChain(ctx.db)).entries).toBe(before.entries);

    // A whole pair (an emoji) and Urdu are text like any other.
    const locked = await lock(JSON.stringify({ note: 'Sent 🌙 بھیج دیا' }));
    expect(locked.statusCode, locked.body).toBe(200);
    const after = await verifyAuditChain(ctx.db);
    expect(after.intact, after.text).toBe(true);
    expect(after.entries).toBe(before.entries + 1);
  });

  it('refuses one in a key deep in a body, and answers a body nested 5,000 deep with 400, not 500', async () => {
    const keyed = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { ...ctx.as('admin'), 'content-type': 'application/json' },
      payload: '{"fullName":"Key Person","sex":"female","extra":[{"\\ud800":1}]}',
    });
    expect(keyed.statusCode, keyed.body).toBe(400);
    expect(json<ApiError>(keyed).error.details).toEqual([expect.objectContaining({ path: 'extra.0.\uFFFD' })]);
    const deep = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { ...ctx.as('admin'), 'content-type': 'application/json' },
      payload: `${'['.repeat(5000)}${']'.repeat(5000)}`,
    });
    expect(deep.statusCode, deep.body).toBe(400);
  });
});
