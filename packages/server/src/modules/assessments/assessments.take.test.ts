import { randomUUID } from 'node:crypto';
import type { ApiError, Question, TakeResult, TakeTest, Test } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { pathSpellings } from '../../../test/path-spellings.js';
import { testEngines } from '../../db/test-db.js';
import { TAKE_LIMIT, WRONG_PARTICIPANT_LIMIT } from './assessments.attempts.js';

const errorOf = (raw: string) => (JSON.parse(raw) as ApiError).error;

describe.each(testEngines())('taking a test through its public link, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  /** Each call comes from its own address, so that the per-address limits of one test do not reach another. */
  let addressCounter = 0;
  const newAddress = () => `10.0.${Math.floor((addressCounter += 1) / 250)}.${addressCounter % 250}`;

  const take = (token: string, address: string) => ctx.app.inject({ method: 'GET', url: `/api/take/${token}`, remoteAddress: address });
  const send = (token: string, address: string, payload: Record<string, unknown>) =>
    ctx.app.inject({ method: 'POST', url: `/api/take/${token}/attempts`, remoteAddress: address, payload });

  /** An event with three participants (one of them a trainer on the list), a pre-test of a choice and a short-answer question. */
  async function setting() {
    const event = await make.event(ctx, { title: 'Victim identification, Multan' });
    const people = [
      await make.person(ctx, { fullName: 'Dr. Ayesha Khan', sex: 'female', phone: '0300 1234567', email: 'ayesha@example.org' }),
      await make.person(ctx, { fullName: 'Bilal Ahmed', sex: 'male' }),
      await make.person(ctx, { fullName: 'Bilal Akhtar', sex: 'male' }),
    ];
    for (const p of people) await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: p.id } });
    const staff = await make.person(ctx, { fullName: 'Trainer Person' });
    await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: staff.id, role: 'trainer' } });
    const choice = await make.question(ctx, { points: 2 });
    const short = await make.question(ctx, { type: 'short_answer', options: [], text: { en: 'Name one indicator', ur: 'ایک علامت لکھیں' } });
    const test = await make.test(ctx, event.id, { title: 'Pre-test', questionIds: [choice.id, short.id] });
    return { event, people, choice, short, test };
  }

  const right = (q: Question) => q.options.find((o) => o.correct)?.id ?? '';

  it('shows the questions without the correct flags, and only first names with per-test references', async () => {
    const { event, people, choice, test } = await setting();
    const response = await take(test.link.token, newAddress());
    expect(response.statusCode, response.body).toBe(200);
    const page = json<TakeTest>(response);
    expect(page.event).toEqual({ title: 'Victim identification, Multan' });
    expect(page.test).toEqual({ title: 'Pre-test', kind: 'pre', form: null });
    expect(page.questions[0]).toEqual({
      id: choice.id,
      type: 'single_choice',
      text: choice.text,
      points: 2,
      options: choice.options.map((o) => ({ id: o.id, text: o.text })),
    });
    expect(page.participants.map((p) => p.name)).toEqual(['Ayesha K.', 'Bilal A. (1)', 'Bilal A. (2)']);
    for (const p of page.participants) expect(p.ref).toMatch(/^[A-Za-z0-9_-]{16}$/);
    // Nothing else about anyone: no ids, no full names, no contact details, no trainer, no correct flags.
    for (const hidden of [...people.map((p) => p.id), event.id, 'Khan', 'Ahmed', '0300', 'ayesha@', 'Trainer Person', '"correct"']) {
      expect(response.body).not.toContain(hidden);
    }
    // Another test of the same event gives other references.
    const post = await make.test(ctx, event.id, { kind: 'post', title: 'Post', questionIds: [choice.id] });
    const other = json<TakeTest>(await take(post.link.token, newAddress()));
    expect(other.participants.map((p) => p.ref)).not.toEqual(expect.arrayContaining([page.participants[0]?.ref]));
  });

  it('takes an attempt by the name picked, scores it, and answers a resend as the first time', async () => {
    const { choice, short, test } = await setting();
    const address = newAddress();
    const page = json<TakeTest>(await take(test.link.token, address));
    const ayesha = page.participants.find((p) => p.name === 'Ayesha K.');
    const body = {
      participant: ayesha?.ref,
      answers: [
        { questionId: choice.id, optionIds: [right(choice)] },
        { questionId: short.id, text: 'Her passport was taken' },
      ],
      clientId: randomUUID(),
    };
    const first = await send(test.link.token, address, body);
    expect(first.statusCode, first.body).toBe(201);
    expect(json<TakeResult>(first)).toMatchObject({ score: 2, maxScore: 3, percent: 66.7, pendingMarks: 1 });
    // The phone lost the answer and sends again: the same result, nothing new stored.
    const resend = await send(test.link.token, newAddress(), body);
    expect(resend.statusCode).toBe(201);
    expect(json<TakeResult>(resend)).toEqual(json<TakeResult>(first));
    const attempts = (await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ source: 'link', fullName: 'Dr. Ayesha Khan', pendingMarks: 1 });
    // Another submission by the same person is refused with a clear code.
    const second = await send(test.link.token, address, { ...body, clientId: randomUUID() });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second.body)).toMatchObject({ code: 'attempt_exists', message: 'You have answered this test already; one attempt per person' });
    const inUrdu = await ctx.app.inject({
      method: 'POST',
      url: `/api/take/${test.link.token}/attempts`,
      remoteAddress: address,
      headers: { 'accept-language': 'ur' },
      payload: { ...body, clientId: randomUUID() },
    });
    expect(errorOf(inUrdu.body).message).toBe('آپ یہ ٹیسٹ پہلے ہی دے چکے ہیں؛ ہر فرد ایک بار');
    // The same submission id for another test is not a resend.
    const { test: otherTest } = await setting();
    const reused = await send(otherTest.link.token, address, { ...body, answers: [] });
    expect(reused.statusCode).toBe(409);
    expect(errorOf(reused.body).details).toEqual([{ path: 'clientId', message: 'Already used' }]);
  });

  it('takes an attempt by personal code, however it is typed, and refuses a wrong one (422)', async () => {
    const { event, choice, test } = await setting();
    const codes = (await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } })).body.items;
    const bilal = codes.find((c) => c.fullName === 'Bilal Akhtar');
    const typed = `${bilal?.code.slice(0, 3).toLowerCase()}-${bilal?.code.slice(3)}`;
    const address = newAddress();
    const byCode = await send(test.link.token, address, {
      personalCode: typed,
      answers: [{ questionId: choice.id, optionIds: [right(choice)] }],
      clientId: randomUUID(),
    });
    expect(byCode.statusCode, byCode.body).toBe(201);
    const [attempt] = (await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items;
    expect(attempt?.personId).toBe(bilal?.personId);
    const wrong = await send(test.link.token, address, { personalCode: '222222', answers: [], clientId: randomUUID() });
    expect(wrong.statusCode).toBe(422);
    expect(errorOf(wrong.body)).toMatchObject({ code: 'rule_violation', details: [{ path: 'personalCode', message: 'Not on the list' }] });
    const forged = await send(test.link.token, address, { participant: 'AAAAAAAAAAAAAAAA', answers: [], clientId: randomUUID() });
    expect(forged.statusCode).toBe(422);
  });

  it('refuses what the link does not allow: points given, unknown fields, both or neither way of naming oneself', async () => {
    const { choice, short, test } = await setting();
    const address = newAddress();
    const [someone] = json<TakeTest>(await take(test.link.token, address)).participants;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ participant: someone?.ref, answers: [{ questionId: short.id, text: 'x', awarded: 1 }], clientId: randomUUID() }, 'answers.0'],
      [{ participant: someone?.ref, answers: [], clientId: randomUUID(), personId: randomUUID() }, ''],
      [{ participant: someone?.ref, personalCode: 'ABCDEF', answers: [], clientId: randomUUID() }, 'participant'],
      [{ answers: [], clientId: randomUUID() }, 'participant'],
      [{ participant: someone?.ref, answers: [] }, 'clientId'],
      [
        { participant: someone?.ref, answers: [{ questionId: choice.id, optionIds: [right(choice), randomUUID()] }], clientId: randomUUID() },
        'answers.0.optionIds',
      ],
    ];
    for (const [payload, path] of cases) {
      const response = await send(test.link.token, address, payload);
      expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBe(400);
      if (path)
        expect(
          errorOf(response.body)
            .details.map((d) => d.path)
            .join(' '),
        ).toContain(path);
    }
    expect((await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items).toEqual([]);
  });

  it('answers 410 link_closed once the trainer closes the link, and 404 to a tampered token', async () => {
    const { choice, test } = await setting();
    const address = newAddress();
    const [someone] = json<TakeTest>(await take(test.link.token, address)).participants;
    await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: false } });
    const closedPage = await take(test.link.token, address);
    expect(closedPage.statusCode).toBe(410);
    expect(errorOf(closedPage.body)).toMatchObject({ code: 'link_closed', message: 'This test is closed; ask your trainer' });
    expect(closedPage.body).not.toContain(choice.text.en);
    // A participant reading Urdu is told in Urdu.
    const inUrdu = await ctx.app.inject({ method: 'GET', url: `/api/take/${test.link.token}`, remoteAddress: address, headers: { 'accept-language': 'ur' } });
    expect(errorOf(inUrdu.body)).toMatchObject({ code: 'link_closed', message: 'یہ ٹیسٹ بند ہو چکا ہے؛ اپنے تربیت کار سے پوچھیں' });
    const closedSend = await send(test.link.token, address, { participant: someone?.ref, answers: [], clientId: randomUUID() });
    expect(closedSend.statusCode).toBe(410);
    // A character changed, one cut, a wrong alphabet: unknown (404) or not a token at all (400); never the test.
    const token = test.link.token;
    const changed = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
    const unknown = await take(changed, address);
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown.body).code).toBe('not_found');
    for (const bad of [token.slice(1), `${token.slice(1)}=`, `${token.slice(1)}.`]) expect((await take(encodeURIComponent(bad), address)).statusCode).toBe(400);
    // Opened again (renewed), the old token is dead and the new one works.
    const renewed = await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: true, renew: true } });
    expect((await take(token, address)).statusCode).toBe(404);
    expect((await take(renewed.body.link.token, address)).statusCode).toBe(200);
  });

  it('limits requests per network address (429 with Retry-After), counted in the database', async () => {
    const { test } = await setting();
    const address = newAddress();
    // As if the address had used its allowance in this window already (a test does not send 600 requests).
    const windowMs = TAKE_LIMIT.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs).toISOString();
    await ctx.db
      .insertInto('request_counts')
      .values({ bucket: `take:${address}`, window_start: windowStart, count: TAKE_LIMIT.limit })
      .execute();
    const refused = await take(test.link.token, address);
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused.body).code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(TAKE_LIMIT.windowSeconds);
    // Another address is not held back.
    expect((await take(test.link.token, newAddress())).statusCode).toBe(200);
  });

  it('stops an address that keeps typing wrong codes, even before it guesses one right, and gives one try back every 20 s', async () => {
    const { event, choice, test } = await setting();
    const address = newAddress();
    const wrong = () => send(test.link.token, address, { personalCode: '222222', answers: [], clientId: randomUUID() });
    for (let i = 0; i < WRONG_PARTICIPANT_LIMIT.capacity; i += 1) expect((await wrong()).statusCode).toBe(422);
    const [real] = (await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } })).body.items;
    const right = await send(test.link.token, address, {
      personalCode: real?.code,
      answers: [{ questionId: choice.id, optionIds: [] }],
      clientId: randomUUID(),
    });
    expect(right.statusCode).toBe(429);
    expect(errorOf(right.body).code).toBe('rate_limited');
    // Not a fixed 10-minute window: the oldest wrong code drains away within 20 seconds.
    const retryAfter = Number(right.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WRONG_PARTICIPANT_LIMIT.drainSeconds);
    expect((await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items).toEqual([]);
  });

  it('keeps the wrong-code allowance per address and link: one person at a venue does not lock the room out of the other links', async () => {
    const { event, choice, test } = await setting();
    const post = await make.test(ctx, event.id, { kind: 'post', title: 'Post-test', questionIds: [choice.id] });
    const venue = newAddress();
    for (let i = 0; i < WRONG_PARTICIPANT_LIMIT.capacity; i += 1) {
      expect((await send(test.link.token, venue, { personalCode: 'ZZZZZZ', answers: [], clientId: randomUUID() })).statusCode).toBe(422);
    }
    expect((await send(test.link.token, venue, { personalCode: 'ZZZZZZ', answers: [], clientId: randomUUID() })).statusCode).toBe(429);
    // A participant at the same address, with her own code, on the post-test: answered.
    const [real] = (await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } })).body.items;
    const genuine = await send(post.link.token, venue, { personalCode: real?.code, answers: [], clientId: randomUUID() });
    expect(genuine.statusCode, genuine.body).toBe(201);
  });

  it('counts wrong codes before checking them: of 60 sent at once from one address, exactly the allowance is checked', async () => {
    const { test } = await setting();
    const address = newAddress();
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        send(test.link.token, address, { personalCode: `Q${String(i).padStart(5, '3')}`, answers: [], clientId: randomUUID() }),
      ),
    );
    const statuses = burst.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 422)).toHaveLength(WRONG_PARTICIPANT_LIMIT.capacity);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - WRONG_PARTICIPANT_LIMIT.capacity);
  });

  it('takes personal codes only on a post-test by default: no names listed, a name refused (422) and nothing stored', async () => {
    const { event, choice, people, test } = await setting();
    const pre = json<TakeTest>(await take(test.link.token, newAddress()));
    expect(pre.identifyBy).toBe('list');
    const ayeshaOnPre = pre.participants.find((p) => p.name === 'Ayesha K.');
    const post = await make.test(ctx, event.id, { kind: 'post', title: 'Post-test', questionIds: [choice.id] });
    expect(post.link.identifyBy).toBe('code');
    const address = newAddress();
    const page = await take(post.link.token, address);
    expect(page.statusCode).toBe(200);
    expect(json<TakeTest>(page)).toMatchObject({ identifyBy: 'code', participants: [] });
    expect(page.body).not.toContain('Ayesha');
    // Whoever sends a reference (from another link's list, or made up) is told to type their code.
    for (const ref of [ayeshaOnPre?.ref, 'AAAAAAAAAAAAAAAA']) {
      const refused = await send(post.link.token, address, {
        participant: ref,
        answers: [{ questionId: choice.id, optionIds: [right(choice)] }],
        clientId: randomUUID(),
      });
      expect(refused.statusCode).toBe(422);
      expect(errorOf(refused.body)).toMatchObject({
        code: 'rule_violation',
        message: 'This link takes personal codes only; type the code next to your name on the attendance sheet',
        details: [{ path: 'participant', message: 'Type your personal code' }],
      });
    }
    expect((await callRoute(ctx, 'listAttempts', { params: { id: post.id } })).body.items).toEqual([]);
    // Ayesha herself, with her code, answers.
    const codes = (await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } })).body.items;
    const ayeshaCode = codes.find((c) => c.personId === people[0]?.id)?.code;
    const own = await send(post.link.token, address, {
      personalCode: ayeshaCode,
      answers: [{ questionId: choice.id, optionIds: [right(choice)] }],
      clientId: randomUUID(),
    });
    expect(own.statusCode, own.body).toBe(201);
    const [attempt] = (await callRoute(ctx, 'listAttempts', { params: { id: post.id } })).body.items;
    expect(attempt).toMatchObject({ personId: people[0]?.id, source: 'link', score: 2 });
  });

  it('lets the trainer choose how people name themselves where the link is managed, and keeps it in the history', async () => {
    const { choice, test } = await setting();
    expect(test.link.identifyBy).toBe('list');
    const coded = await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: true, identifyBy: 'code' } });
    expect(coded.body.link).toMatchObject({ open: true, identifyBy: 'code' });
    const address = newAddress();
    expect(json<TakeTest>(await take(test.link.token, address)).participants).toEqual([]);
    // Closing and opening again without saying keeps the setting.
    await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: false } });
    const reopened = await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: true } });
    expect(reopened.body.link.identifyBy).toBe('code');
    const listed = await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: true, identifyBy: 'list' } });
    expect(listed.body.link.identifyBy).toBe('list');
    const [someone] = json<TakeTest>(await take(test.link.token, address)).participants;
    expect((await send(test.link.token, address, { participant: someone?.ref, answers: [{ questionId: choice.id }], clientId: randomUUID() })).statusCode).toBe(
      201,
    );
    const history = (await callRoute(ctx, 'testHistory', { params: { id: test.id } })).body.items;
    const changes = history.flatMap((h) => Object.entries(h.changes).map(([field, c]) => [field, c.from, c.to]));
    expect(changes).toEqual(
      expect.arrayContaining([
        ['identifyBy', 'list', 'code'],
        ['identifyBy', 'code', 'list'],
      ]),
    );
    // A viewer may not change it; an unknown value is refused.
    const asViewer = await ctx.app.inject({
      method: 'PUT',
      url: `/api/tests/${test.id}/link`,
      headers: ctx.as('viewer'),
      payload: { open: true, identifyBy: 'code' },
    });
    expect(asViewer.statusCode).toBe(403);
    const unknown = await ctx.app.inject({
      method: 'PUT',
      url: `/api/tests/${test.id}/link`,
      headers: ctx.as('admin'),
      payload: { open: true, identifyBy: 'name' },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('checks the answers before whether the person has answered: the same 400 for someone who answered and someone who did not', async () => {
    const { choice, test } = await setting();
    const address = newAddress();
    const [answered, notYet] = json<TakeTest>(await take(test.link.token, address)).participants;
    const first = await send(test.link.token, address, {
      participant: answered?.ref,
      answers: [{ questionId: choice.id, optionIds: [right(choice)] }],
      clientId: randomUUID(),
    });
    expect(first.statusCode).toBe(201);
    const probe = (ref: string | undefined) =>
      send(test.link.token, address, { participant: ref, answers: [{ questionId: randomUUID() }], clientId: randomUUID() });
    const [a, b] = [await probe(answered?.ref), await probe(notYet?.ref)];
    expect([a.statusCode, b.statusCode]).toEqual([400, 400]);
    expect(errorOf(a.body)).toEqual(errorOf(b.body));
    expect((await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items).toHaveLength(1);
  });

  it('answers a resend of a stored submission after the link was closed as the first time (like the questionnaire); anything else 410', async () => {
    const { choice, test } = await setting();
    const address = newAddress();
    const [someone] = json<TakeTest>(await take(test.link.token, address)).participants;
    const body = { participant: someone?.ref, answers: [{ questionId: choice.id, optionIds: [right(choice)] }], clientId: randomUUID() };
    const first = await send(test.link.token, address, body);
    expect(first.statusCode).toBe(201);
    await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: false } });
    const resend = await send(test.link.token, address, body);
    expect(resend.statusCode, resend.body).toBe(201);
    expect(json<TakeResult>(resend)).toEqual(json<TakeResult>(first));
    const other = await send(test.link.token, address, { ...body, clientId: randomUUID() });
    expect(other.statusCode).toBe(410);
    expect(errorOf(other.body).code).toBe('link_closed');
  });

  it('serves the same public route under other spellings of its address, and refuses a cross-origin send', async () => {
    const { test } = await setting();
    const address = newAddress();
    const canonical = await take(test.link.token, address);
    expect(canonical.statusCode).toBe(200);
    const path = `/api/take/${test.link.token}`;
    let reached = 0;
    for (const url of pathSpellings(path)) {
      const response = await ctx.app.inject({ method: 'GET', url, remoteAddress: address });
      // Either the router reaches this very route (the same answer) or no route at all.
      if (response.statusCode === 200) {
        reached += 1;
        expect(response.body, url).toBe(canonical.body);
        expect(response.headers['cache-control'], url).toBe('no-store');
      } else {
        expect([400, 404], `${url} → ${response.statusCode}`).toContain(response.statusCode);
      }
    }
    // /%61pi/take/… reaches it, and so does any spelling the router decodes to it.
    expect(reached).toBeGreaterThan(0);
    // Every spelling that reached the route was counted against the address, in the database.
    const counted = await ctx.db.selectFrom('request_counts').select('count').where('bucket', '=', `take:${address}`).execute();
    expect(counted.reduce((sum, r) => sum + Number(r.count), 0)).toBe(1 + reached);
    const crossOrigin = await ctx.app.inject({
      method: 'POST',
      url: `/%61pi/take/${test.link.token}/attempts`,
      remoteAddress: address,
      headers: { 'sec-fetch-site': 'cross-site' },
      payload: { participant: 'AAAAAAAAAAAAAAAA', answers: [], clientId: randomUUID() },
    });
    expect(crossOrigin.statusCode).toBe(403);
  });

  it('needs no session, and a session changes nothing', async () => {
    const { test } = await setting();
    const anonymous = await take(test.link.token, newAddress());
    const signedIn = await ctx.app.inject({ method: 'GET', url: `/api/take/${test.link.token}`, headers: ctx.as('viewer'), remoteAddress: newAddress() });
    expect(anonymous.statusCode).toBe(200);
    expect(signedIn.body).toBe(anonymous.body);
    const detail = await callRoute(ctx, 'getTest', { params: { id: test.id } });
    expect((detail.body as Test).link.open).toBe(true);
  });

  it('stores one attempt when the same submission arrives several times at once, and refuses the others of the same person', async () => {
    const { choice, test } = await setting();
    const address = newAddress();
    const [first, second] = json<TakeTest>(await take(test.link.token, address)).participants;
    const body = { participant: first?.ref, answers: [{ questionId: choice.id, optionIds: [right(choice)] }], clientId: randomUUID() };
    const resends = await Promise.all(Array.from({ length: 5 }, () => send(test.link.token, address, body)));
    expect(resends.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(resends.map((r) => json<TakeResult>(r).id)).size).toBe(1);
    // The same person from several phones at once: one attempt, the others told it exists.
    const rivals = await Promise.all(
      Array.from({ length: 4 }, () => send(test.link.token, address, { participant: second?.ref, answers: [], clientId: randomUUID() })),
    );
    expect(rivals.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    for (const r of rivals.filter((x) => x.statusCode === 409)) expect(errorOf(r.body).code).toBe('attempt_exists');
    expect((await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items).toHaveLength(2);
  });
});
