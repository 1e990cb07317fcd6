import type { ApiError, FeedbackTemplate, Sex } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

const paths = (raw: string) => (JSON.parse(raw) as ApiError).error.details.map((d) => d.path);

describe.each(testEngines())('GET /api/feedback/results across events (programme, series, period), on %s', (engine) => {
  let ctx: TestContext;
  // Everyone but the administrator works in Pakistan only.
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  const item = (t: FeedbackTemplate, kind: 'likert' | 'choice' | 'text') => {
    const found = t.items.find((i) => i.kind === kind);
    if (!found) throw new Error(`no ${kind} item`);
    return found;
  };

  let programmeId = '';
  let standard: FeedbackTemplate;
  let other: FeedbackTemplate;

  /** An event of the programme with the template's questionnaire, and one response per answer given: [sex, Likert value, free text]. */
  async function eventWithResponses(
    fields: Parameters<typeof make.event>[1],
    template: FeedbackTemplate,
    responses: Array<[Sex, number, string?]>,
    countryCode = 'PK',
    leaveOpen = false,
  ) {
    const event = await make.event(ctx, { programmeId, ...fields });
    expect((await callRoute(ctx, 'createEventFeedback', { params: { id: event.id }, body: { templateId: template.id } })).status).toBe(201);
    for (const [sex, value, text] of responses) {
      const person = await make.person(ctx, { sex, countryCode });
      expect((await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id } })).status).toBe(201);
      const answers = [{ itemId: item(template, 'likert').id, value }, ...(text ? [{ itemId: item(template, 'text').id, text }] : [])];
      const sent = await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body: { personId: person.id, answers } });
      expect(sent.status, sent.raw).toBe(201);
    }
    // Results are shown once the link is closed (with at least 5 responses), pooled or not.
    if (!leaveOpen) expect((await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: false } })).status).toBe(200);
    return event;
  }

  let stillOpen = '';

  beforeAll(async () => {
    programmeId = (await make.programme(ctx, { countries: ['PK', 'AF'] })).id;
    standard = (await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: null } })).body;
    other = (await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: 'PK' } })).body;
    // January and February in Pakistan (series S-1): 10 responses, 6 women and 4 men.
    await eventWithResponses({ title: 'F1', series: 'S-1', startDate: '2025-01-10', endDate: '2025-01-10' }, standard, [
      ['female', 5, 'More case studies'],
      ['female', 4],
      ['female', 4],
      ['male', 3],
      ['male', 2],
    ]);
    await eventWithResponses({ title: 'F2', series: 'S-1', startDate: '2025-02-10', endDate: '2025-02-10' }, standard, [
      ['female', 2, 'A longer workshop'],
      ['female', 3],
      ['male', 5],
      ['male', 4],
      ['female', 5],
    ]);
    // Afghanistan: the same programme and template, not the Pakistani users'.
    await eventWithResponses(
      { title: 'F3', series: 'S-1', startDate: '2025-02-20', endDate: '2025-02-20', countryCode: 'AF', city: 'Kabul', province: null },
      standard,
      [
        ['male', 1],
        ['male', 1],
        ['male', 1],
        ['male', 1],
        ['male', 1],
      ],
      'AF',
    );
    // March: the other template, no responses.
    await eventWithResponses({ title: 'F4', startDate: '2025-03-05', endDate: '2025-03-05' }, other, []);
    // Not counted: April closed with 2 responses (S-1); May still taking responses.
    await eventWithResponses({ title: 'F5', series: 'S-1', startDate: '2025-04-10', endDate: '2025-04-10' }, standard, [
      ['female', 1],
      ['male', 1],
    ]);
    stillOpen = (
      await eventWithResponses(
        { title: 'F6', startDate: '2025-05-10', endDate: '2025-05-10' },
        standard,
        [
          ['female', 1],
          ['female', 1],
          ['female', 1],
          ['female', 1],
          ['female', 1],
        ],
        'PK',
        true,
      )
    ).id;
  });

  it('adds up the programme’s questionnaires the user sees, with the template most events use', async () => {
    const { status, body, raw } = await callRoute(ctx, 'feedbackResults', { query: { programmeId } }, 'viewer');
    expect(status, raw).toBe(200);
    expect(body.template?.id).toBe(standard.id);
    expect(body.templates.map((t) => [t.id, t.eventCount])).toEqual([
      [standard.id, 4],
      [other.id, 1],
    ]);
    // F3 (Afghanistan) is not counted; F5 (closed, 2 responses) and F6 (still open) are withheld.
    expect(body).toMatchObject({ eventCount: 2, withheldEventCount: 2, responseCount: 10, minGroupSize: 5 });
    const likert = body.items.find((i) => i.itemId === item(standard, 'likert').id);
    expect(likert?.distribution.map((d) => d.count)).toEqual([0, 2, 2, 3, 3]);
    // (5 + 4 + 4 + 3 + 2 + 2 + 3 + 5 + 4 + 5) / 10 = 3.7
    expect(likert).toMatchObject({ n: 10, mean: 3.7 });
    // 6 women and 4 men: the men's answers are withheld, and the women's too (10 − 6 would give theirs away).
    expect(likert?.bySex).toEqual([
      { group: 'female', n: 6, distribution: null, mean: null },
      { group: 'male', n: 4, distribution: null, mean: null },
    ]);
    const texts = body.items.find((i) => i.itemId === item(standard, 'text').id);
    expect(texts).toMatchObject({ n: 2, texts: ['A longer workshop', 'More case studies'], bySex: [] });
  });

  it('counts the other country’s questionnaire for a user of every country, and shows groups of 5 or more', async () => {
    const { body } = await callRoute(ctx, 'feedbackResults', { query: { programmeId } });
    expect(body).toMatchObject({ eventCount: 3, withheldEventCount: 2, responseCount: 15 });
    const likert = body.items.find((i) => i.itemId === item(standard, 'likert').id);
    // (37 + 5 × 1) / 15 = 2.8; 6 women (23 / 6 = 3.83) and 9 men (19 / 9 = 2.11), both groups of 5 or more.
    expect(likert?.mean).toBe(2.8);
    expect(likert?.bySex.map((g) => [g.group, g.n, g.mean])).toEqual([
      ['female', 6, 3.83],
      ['male', 9, 2.11],
    ]);
  });

  it('selects by series, period and template; an unknown template is 404 and no selection 400', async () => {
    const series = await callRoute(ctx, 'feedbackResults', { query: { series: 'S-1' } }, 'viewer');
    expect(series.body).toMatchObject({ eventCount: 2, withheldEventCount: 1, responseCount: 10 });
    const january = await callRoute(ctx, 'feedbackResults', { query: { from: '2025-01-01', to: '2025-01-31' } }, 'viewer');
    expect(january.body).toMatchObject({ eventCount: 1, responseCount: 5 });
    expect(january.body.items.find((i) => i.itemId === item(standard, 'likert').id)?.mean).toBe(3.6);
    const chosen = await callRoute(ctx, 'feedbackResults', { query: { programmeId, templateId: other.id } }, 'viewer');
    expect(chosen.body).toMatchObject({ template: { id: other.id }, eventCount: 0, withheldEventCount: 1, responseCount: 0 });
    // A period without questionnaires.
    const empty = await callRoute(ctx, 'feedbackResults', { query: { from: '2024-01-01', to: '2024-12-31' } }, 'viewer');
    expect(empty.body).toEqual({ template: null, templates: [], eventCount: 0, withheldEventCount: 0, responseCount: 0, minGroupSize: 5, items: [] });
    expect((await callRoute(ctx, 'feedbackResults', { query: { templateId: '0190aaaa-0000-7000-8000-000000000000' } }, 'viewer')).status).toBe(404);
    const none = await callRoute(ctx, 'feedbackResults', { query: {} }, 'viewer');
    expect(none.status).toBe(400);
    expect(paths(none.raw)).toContain('programmeId');
    expect((await callRoute(ctx, 'feedbackResults', { query: { series: '' } }, 'viewer')).status).toBe(400);
  });

  it('counts a questionnaire once its link is closed, as the event’s own results show it', async () => {
    const before = await callRoute(ctx, 'feedbackResults', { query: { programmeId } }, 'viewer');
    expect(before.body).toMatchObject({ eventCount: 2, withheldEventCount: 2, responseCount: 10 });
    expect((await callRoute(ctx, 'setEventFeedbackLink', { params: { id: stillOpen }, body: { open: false } })).status).toBe(200);
    const after = await callRoute(ctx, 'feedbackResults', { query: { programmeId } }, 'viewer');
    expect(after.body).toMatchObject({ eventCount: 3, withheldEventCount: 1, responseCount: 15 });
  });
});
