import type { ApiError, Question, Sex } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

const paths = (raw: string) => (JSON.parse(raw) as ApiError).error.details.map((d) => d.path);

describe.each(testEngines())('GET /api/assessment (tests pooled across events), on %s', (engine) => {
  let ctx: TestContext;
  // Everyone but the administrator works in Pakistan only.
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  const option = (q: Question, correct: boolean) => q.options.find((o) => o.correct === correct)?.id ?? '';

  /** An event with a pre- and a post-test of these questions; each person answers the first `right` of them right. */
  async function eventWithTests(
    fields: Parameters<typeof make.event>[1],
    questions: Question[],
    sheets: Array<{ person: { id: string }; pre?: number; post?: number }>,
  ) {
    const event = await make.event(ctx, fields);
    const ids = questions.map((q) => q.id);
    const pre = await make.test(ctx, event.id, { kind: 'pre', title: 'Before', questionIds: ids });
    const post = await make.test(ctx, event.id, { kind: 'post', title: 'After', questionIds: ids });
    const sheet = (right: number) => questions.map((q, i) => ({ questionId: q.id, optionIds: [option(q, i < right)] }));
    for (const { person, pre: before, post: after } of sheets) {
      expect((await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id } })).status).toBe(201);
      for (const [test, right] of [
        [pre, before],
        [post, after],
      ] as const) {
        if (right === undefined) continue;
        const sent = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: person.id, answers: sheet(right) } });
        expect(sent.status, sent.raw).toBe(201);
      }
    }
    return event;
  }

  let programmeId = '';
  const ids: Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5', string> = { e1: '', e2: '', e3: '', e4: '', e5: '' };
  let q1: Question;

  beforeAll(async () => {
    const programme = await make.programme(ctx, { countries: ['PK', 'AF'] });
    programmeId = programme.id;
    const questions = [await make.question(ctx), await make.question(ctx), await make.question(ctx), await make.question(ctx), await make.question(ctx)];
    const [first, second, third, fourth, fifth] = questions as [Question, Question, Question, Question, Question];
    q1 = first;
    const person = (fullName: string, sex: Sex, countryCode = 'PK') => make.person(ctx, { fullName, sex, countryCode });
    const ayesha = await person('Ayesha Khan', 'female');
    // E1 (January, series S-1): two questions, 2 points. Ayesha 0 → 2, Sana 1 → 2, Hina 1 → 1.
    ids.e1 = (
      await eventWithTests(
        { programmeId, title: 'E1', series: 'S-1', startDate: '2025-01-10', endDate: '2025-01-10' },
        [first, second],
        [
          { person: ayesha, pre: 0, post: 2 },
          { person: await person('Sana Malik', 'female'), pre: 1, post: 2 },
          { person: await person('Hina Shah', 'female'), pre: 1, post: 1 },
        ],
      )
    ).id;
    // E2 (February, S-1): four questions, 4 points. Ayesha again (a second pair) 1 → 3, Zara 2 → 4, Bilal 0 → 2.
    ids.e2 = (
      await eventWithTests(
        { programmeId, title: 'E2', series: 'S-1', startDate: '2025-02-10', endDate: '2025-02-10' },
        [first, third, fourth, fifth],
        [
          { person: ayesha, pre: 1, post: 3 },
          { person: await person('Zara Iqbal', 'female'), pre: 2, post: 4 },
          { person: await person('Bilal Ahmed', 'male'), pre: 0, post: 2 },
        ],
      )
    ).id;
    // E3: the same programme and series in Afghanistan, which the Pakistani users do not see.
    ids.e3 = (
      await eventWithTests(
        { programmeId, title: 'E3', series: 'S-1', startDate: '2025-02-20', endDate: '2025-02-20', countryCode: 'AF', city: 'Kabul', province: null },
        [first, second],
        [{ person: await person('Ahmad Zai', 'male', 'AF'), pre: 2, post: 2 }],
      )
    ).id;
    // E4: another programme in January, one pre-test only.
    ids.e4 = (
      await eventWithTests(
        { title: 'E4', startDate: '2025-01-20', endDate: '2025-01-20' },
        [first, second],
        [{ person: await person('Nadia Butt', 'female'), pre: 2 }],
      )
    ).id;
    // E5: of the programme and series, without tests.
    ids.e5 = (await make.event(ctx, { programmeId, title: 'E5', series: 'S-1', startDate: '2025-03-01', endDate: '2025-03-01' })).id;
  });

  it('pools a programme’s events the user sees: per-cent scores, pairs per event and person, Hake’s ⟨g⟩ computed by hand', async () => {
    const { status, body, raw } = await callRoute(ctx, 'assessmentAcrossEvents', { query: { programmeId } }, 'viewer');
    expect(status, raw).toBe(200);
    // E1, E2 and E5 are the viewer's; E3 (Afghanistan) is not there at all.
    expect(body.eventCount).toBe(3);
    expect(body.events.map((e) => e.id)).toEqual([ids.e1, ids.e2]);
    // Each event alone has 3 pairs: counts only, no ⟨g⟩.
    expect(body.events[0]).toEqual({ id: ids.e1, title: 'E1', startDate: '2025-01-10', preN: 3, postN: 3, pairedN: 3, normalizedGain: null });
    expect(body).toMatchObject({ scale: 'percent', maxScore: 100, minGroupSize: 5 });
    // Per cents: pre 0 50 50 | 25 50 0, post 100 100 50 | 75 100 50; Ayesha counts twice (two events).
    expect(body.pre).toMatchObject({ n: 6, median: 37.5 });
    expect(body.pre.mean).toBeCloseTo(175 / 6, 10);
    expect(body.post.mean).toBeCloseTo(475 / 6, 10);
    expect(body.paired).toMatchObject({ n: 6, onlyPre: 0, onlyPost: 0, improved: 5 });
    expect(body.paired.meanGain).toBeCloseTo(50, 10);
    expect(body.paired.meanGainPercent).toBeCloseTo(50, 10);
    // ⟨g⟩ = (475/6 − 175/6) / (100 − 175/6) = 50 / (425/6) = 12/17.
    expect(body.paired.normalizedGain).toBeCloseTo(12 / 17, 10);
    expect(body.paired.normalizedGainBand).toBe('high');
    // Differences 100 50 0 50 50 50: mean 50, SD √1000, t = 50 / (√1000/√6).
    expect(body.paired.tTest.t).toBeCloseTo(50 / (Math.sqrt(1000) / Math.sqrt(6)), 9);
    expect(body.paired.tTest.df).toBe(5);
    expect(body.paired.effectSizeDz).toBeCloseTo(50 / Math.sqrt(1000), 9);

    // q1 was in all six pre-tests: right for Sana, Hina, Ayesha (E2) and Zara → facility 4/6; the rest of
    // the test (per cent of its points) is 0 for everyone but Zara (1 of 3 = 33.3): r = 1/√10.
    const preQ1 = body.items.find((i) => i.testKind === 'pre' && i.questionId === q1.id);
    expect(preQ1?.n).toBe(6);
    expect(preQ1?.facility).toBeCloseTo(4 / 6, 10);
    expect(preQ1?.discrimination).toBeCloseTo(1 / Math.sqrt(10), 10);
    // The other questions were in one event's tests (3 attempts): counts only.
    const others = body.items.filter((i) => i.questionId !== q1.id);
    expect(others).toHaveLength(8);
    for (const item of others) expect(item).toMatchObject({ n: 3, facility: null, discrimination: null, flags: [] });
    // The events' tests hold different questions: no α.
    expect(body.cronbachAlpha).toEqual({ pre: null, post: null });
    expect(body.questions.find((q) => q.id === q1.id)?.text).toEqual(q1.text);
    expect(body.questions).toHaveLength(5);

    // Five women paired (pre 0 50 50 25 50 → 35, post 100 100 50 75 100 → 85): shown, ⟨g⟩ = 50/65; one man: counts only.
    const women = body.bySex.find((g) => g.group === 'female');
    expect(women).toMatchObject({ n: 5, pre: { n: 5 }, post: { n: 5 } });
    expect(women?.pre.mean).toBeCloseTo(35, 10);
    expect(women?.normalizedGain).toBeCloseTo(10 / 13, 10);
    expect(body.bySex.find((g) => g.group === 'male')).toMatchObject({ n: 1, meanGain: null, normalizedGain: null, pre: { n: 1, mean: null } });
  });

  it('counts the other country’s event for a user of every country', async () => {
    const { body } = await callRoute(ctx, 'assessmentAcrossEvents', { query: { programmeId } });
    expect(body.eventCount).toBe(4);
    expect(body.events.map((e) => e.title)).toEqual(['E1', 'E2', 'E3']);
    expect(body.paired.n).toBe(7);
  });

  it('selects by series and by period; a set under 5 shows counts only', async () => {
    const series = await callRoute(ctx, 'assessmentAcrossEvents', { query: { series: 'S-1' } }, 'viewer');
    expect(series.body.events.map((e) => e.title)).toEqual(['E1', 'E2']);
    expect(series.body.paired.n).toBe(6);
    // January: E1 (3 people) and E4 of another programme (1 pre-test): 4 pre-tests, 3 pairs.
    const january = await callRoute(ctx, 'assessmentAcrossEvents', { query: { from: '2025-01-01', to: '2025-01-31' } }, 'viewer');
    expect(january.status, january.raw).toBe(200);
    expect(january.body.events.map((e) => [e.title, e.preN, e.postN, e.pairedN])).toEqual([
      ['E1', 3, 3, 3],
      ['E4', 1, 0, 0],
    ]);
    expect(january.body.pre).toEqual({ n: 4, mean: null, median: null, sd: null, meanPercent: null, medianPercent: null });
    expect(january.body.paired).toMatchObject({ n: 3, onlyPre: 1, meanGain: null, normalizedGain: null, improved: null });
    expect(january.body.paired.tTest.p).toBeNull();
    expect(january.body.items.every((i) => i.facility === null)).toBe(true);
    // A period with events but no tests: nothing to count.
    const march = await callRoute(ctx, 'assessmentAcrossEvents', { query: { from: '2025-03-01', to: '2025-03-31', programmeId } }, 'viewer');
    expect(march.body).toMatchObject({ eventCount: 1, events: [], maxScore: null, scale: 'percent', pre: { n: 0 }, items: [] });
  });

  it('answers 400 without a selection, with a period backwards, or with values that are not ids or dates', async () => {
    const none = await callRoute(ctx, 'assessmentAcrossEvents', { query: {} }, 'viewer');
    expect(none.status).toBe(400);
    expect(paths(none.raw)).toContain('programmeId');
    const backwards = await callRoute(ctx, 'assessmentAcrossEvents', { query: { from: '2025-03-01', to: '2025-01-01' } }, 'viewer');
    expect(backwards.status).toBe(400);
    expect(paths(backwards.raw)).toContain('to');
    expect((await callRoute(ctx, 'assessmentAcrossEvents', { query: { programmeId: 'not-an-id' } }, 'viewer')).status).toBe(400);
    expect((await callRoute(ctx, 'assessmentAcrossEvents', { query: { from: '2025-13-01' } }, 'viewer')).status).toBe(400);
    expect((await callRoute(ctx, 'assessmentAcrossEvents', { query: { series: '  ' } }, 'viewer')).status).toBe(400);
    // In Urdu for an Urdu reader.
    const urdu = await ctx.app.inject({ method: 'GET', url: '/api/assessment', headers: { ...ctx.as('viewer'), 'accept-language': 'ur' } });
    expect(urdu.statusCode).toBe(400);
    expect(urdu.body).toContain('کوئی پروگرام، سلسلہ یا مدت منتخب کریں');
  });
});
