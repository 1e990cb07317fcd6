import type { Question } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

describe.each(testEngines())('GET /api/events/{id}/assessment, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  const option = (q: Question, correct: boolean) => q.options.find((o) => o.correct === correct)?.id ?? '';

  it('pairs each person’s pre- and post-test and reports gain, Hake’s ⟨g⟩, the t-test and d_z', async () => {
    const event = await make.event(ctx);
    const questions = [await make.question(ctx), await make.question(ctx), await make.question(ctx), await make.question(ctx)];
    const maxScore = questions.reduce((sum, q) => sum + q.points, 0);
    expect(maxScore).toBe(4);
    // Right answers per person, pre and post; the seventh person took only the pre-test.
    const pre = [1, 2, 1, 0, 2, 3, 2];
    const post = [3, 3, 2, 2, 4, 4];
    const people = [];
    for (let i = 0; i < pre.length; i++) {
      const person = await make.person(ctx, { fullName: `Participant ${i + 1}`, sex: i % 2 ? 'male' : 'female' });
      expect((await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id } })).status).toBe(201);
      people.push(person);
    }
    const ids = questions.map((q) => q.id);
    const preTest = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'pre', title: 'Before', questionIds: ids } });
    const postTest = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'post', title: 'After', questionIds: ids } });
    expect(postTest.status).toBe(201);
    const sheet = (right: number) => questions.map((q, i) => ({ questionId: q.id, optionIds: [option(q, i < right)] }));
    for (const [i, person] of people.entries()) {
      const sent = await callRoute(ctx, 'createAttempt', { params: { id: preTest.body.id }, body: { personId: person.id, answers: sheet(pre[i] ?? 0) } });
      expect(sent.body).toMatchObject({ score: pre[i], maxScore: 4 });
      const after = post[i];
      if (after !== undefined)
        await callRoute(ctx, 'createAttempt', { params: { id: postTest.body.id }, body: { personId: person.id, answers: sheet(after) } });
    }

    const { status, body } = await callRoute(ctx, 'eventAssessment', { params: { id: event.id } }, 'viewer');
    expect(status).toBe(200);
    expect(body.maxScore).toBe(4);
    expect(body.pre).toMatchObject({ n: 7, median: 2 });
    expect(body.pre.mean).toBeCloseTo(11 / 7, 12);
    expect(body.post).toMatchObject({ n: 6, mean: 3, median: 3 });
    // Over the six paired people: pre mean 1.5, post mean 3, differences 2 1 1 2 2 1.
    expect(body.paired).toMatchObject({ n: 6, onlyPre: 1, onlyPost: 0, improved: 6 });
    expect(body.paired.meanGain).toBeCloseTo(1.5, 12);
    expect(body.paired.normalizedGain).toBeCloseTo(1.5 / (4 - 1.5), 12);
    const sd = Math.sqrt((6 * 0.25) / 5);
    expect(body.paired.tTest?.t).toBeCloseTo(1.5 / (sd / Math.sqrt(6)), 9);
    expect(body.paired.tTest?.df).toBe(5);
    expect(body.paired.tTest?.p).toBeLessThan(0.01);
    expect(body.paired.effectSizeDz).toBeCloseTo(1.5 / sd, 9);
    expect(body.items).toHaveLength(8);
    // Three women and three men paired: under 5 each, so counts only.
    for (const group of body.bySex) {
      expect(group.n).toBeLessThan(5);
      expect(group.meanGain).toBeNull();
      expect(group.tTest?.p ?? null).toBeNull();
      expect(group.wilcoxon?.p ?? null).toBeNull();
    }
  });

  it('answers 404 for an event of a country the reader does not see, and for no event', async () => {
    const afghan = await make.event(ctx, { countryCode: 'AF' });
    expect((await callRoute(ctx, 'eventAssessment', { params: { id: afghan.id } }, 'viewer')).status).toBe(404);
    expect((await callRoute(ctx, 'eventAssessment', { params: { id: '0190aaaa-0000-7000-8000-000000000000' } })).status).toBe(404);
  });
});
