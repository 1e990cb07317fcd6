import type { ApiError, HistoryEntry, Question } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

const errorOf = (raw: string) => (JSON.parse(raw) as ApiError).error;

describe.each(testEngines())('the question bank, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Everyone but the administrator works in Pakistan only.
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  it('adds a question with its options, each with an id, and the user’s country', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/questions',
      headers: ctx.as('trainer'),
      payload: {
        type: 'multiple_choice',
        text: { en: 'Which are indicators of trafficking?', ur: 'انسانی اسمگلنگ کی علامات کون سی ہیں؟' },
        options: [
          { text: { en: 'Withheld documents', ur: 'دستاویزات روک لینا' }, correct: true },
          { text: { en: 'Debt bondage' }, correct: true },
          { text: { en: 'A valid work contract' }, correct: false },
        ],
        topic: 'Indicators',
        objective: 'Recognise indicators of trafficking',
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const question = json<Question>(response);
    expect(question).toMatchObject({
      type: 'multiple_choice',
      text: { en: 'Which are indicators of trafficking?', ur: 'انسانی اسمگلنگ کی علامات کون سی ہیں؟' },
      topic: 'Indicators',
      objective: 'Recognise indicators of trafficking',
      points: 1,
      version: 1,
      countryCode: 'PK',
      answered: false,
      testCount: 0,
      createdBy: ctx.users.trainer.id,
    });
    expect(question.options.map((o) => [o.text.en, o.text.ur, o.correct])).toEqual([
      ['Withheld documents', 'دستاویزات روک لینا', true],
      ['Debt bondage', null, true],
      ['A valid work contract', null, false],
    ]);
    for (const option of question.options) expect(option.id).toMatch(/^[0-9a-f-]{36}$/);
    const read = await callRoute(ctx, 'getQuestion', { params: { id: question.id } }, 'viewer');
    expect(read.body).toEqual(question);
  });

  it('refuses options that do not fit the type, naming the field (400)', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ type: 'single_choice', options: [{ text: { en: 'Only' }, correct: true }] }, 'options', 'A choice question needs at least 2 options'],
      [
        {
          type: 'single_choice',
          options: [
            { text: { en: 'A' }, correct: true },
            { text: { en: 'B' }, correct: true },
          ],
        },
        'options',
        'Exactly one option is correct',
      ],
      [
        {
          type: 'multiple_choice',
          options: [
            { text: { en: 'A' }, correct: false },
            { text: { en: 'B' }, correct: false },
          ],
        },
        'options',
        'At least one option is correct',
      ],
      [
        {
          type: 'true_false',
          options: [
            { text: { en: 'True' }, correct: true },
            { text: { en: 'False' }, correct: false },
            { text: { en: 'Maybe' }, correct: false },
          ],
        },
        'options',
        'A true/false question has exactly 2 options',
      ],
      [
        { type: 'short_answer', options: [{ text: { en: 'A' }, correct: true }] },
        'options',
        'A short-answer question has no options; a person marks the answer',
      ],
      [{ type: 'essay' }, 'type', ''],
      [{ type: 'short_answer', text: { en: '' } }, 'text.en', ''],
      [{ type: 'short_answer', points: 0 }, 'points', ''],
      [{ type: 'single_choice', options: [{ text: { en: 'A' } }, { text: { en: 'B' }, correct: true }] }, 'options.0.correct', ''],
    ];
    for (const [body, path, message] of cases) {
      const response = await ctx.app.inject({
        method: 'POST',
        url: '/api/questions',
        headers: ctx.as('admin'),
        payload: { text: { en: 'Question' }, ...body },
      });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const error = errorOf(response.body);
      expect(error.code).toBe('validation_failed');
      const detail = error.details.find((d) => d.path === path);
      expect(detail, `${JSON.stringify(body)}: ${response.body}`).toBeDefined();
      if (message) expect(detail?.message).toBe(message);
    }
  });

  it('keeps questions to their country: another country’s answers 404, and a limited user cannot add one for all countries', async () => {
    const india = await make.question(ctx, { countryCode: 'IN' });
    const shared = await make.question(ctx, { topic: 'Shared topic' });
    expect(shared.countryCode).toBeNull();
    expect((await callRoute(ctx, 'getQuestion', { params: { id: india.id } }, 'programme_manager')).status).toBe(404);
    expect((await callRoute(ctx, 'updateQuestion', { params: { id: india.id }, body: { topic: 'x' } }, 'programme_manager')).status).toBe(404);
    expect((await callRoute(ctx, 'questionHistory', { params: { id: india.id } }, 'viewer')).status).toBe(404);
    // A question for every country is seen by everyone, changed only by users of every country.
    expect((await callRoute(ctx, 'getQuestion', { params: { id: shared.id } }, 'viewer')).status).toBe(200);
    const change = await callRoute(ctx, 'updateQuestion', { params: { id: shared.id }, body: { topic: 'Mine now' } }, 'programme_manager');
    expect(change.status).toBe(403);
    const forAll = await callRoute(ctx, 'createQuestion', { body: { type: 'short_answer', text: { en: 'Why?' }, countryCode: null } }, 'programme_manager');
    expect(forAll.status).toBe(403);
    const elsewhere = await callRoute(ctx, 'createQuestion', { body: { type: 'short_answer', text: { en: 'Why?' }, countryCode: 'IN' } }, 'programme_manager');
    expect(elsewhere.status).toBe(403);
    const list = await callRoute(ctx, 'listQuestions', { query: { limit: 500 } }, 'viewer');
    const ids = list.body.items.map((q) => q.id);
    expect(ids).toContain(shared.id);
    expect(ids).not.toContain(india.id);
  });

  it('lets a trainer change the questions they wrote and no others', async () => {
    const theirs = await make.question(ctx, {}, 'trainer');
    const managers = await make.question(ctx, {}, 'programme_manager');
    expect((await callRoute(ctx, 'updateQuestion', { params: { id: theirs.id }, body: { points: 2 } }, 'trainer')).status).toBe(200);
    const refused = await callRoute(ctx, 'updateQuestion', { params: { id: managers.id }, body: { points: 2 } }, 'trainer');
    expect(refused.status).toBe(403);
    expect(errorOf(refused.raw).message).toBe('A trainer may change only the questions they wrote; ask a programme manager');
    expect((await callRoute(ctx, 'deleteQuestion', { params: { id: managers.id } }, 'trainer')).status).toBe(403);
    expect((await callRoute(ctx, 'updateQuestion', { params: { id: theirs.id }, body: { points: 3 } }, 'programme_manager')).status).toBe(200);
  });

  it('lists and searches questions by topic, type and words, newest first, page by page', async () => {
    const topic = `Referral ${Math.random().toString(36).slice(2, 8)}`;
    const first = await make.question(ctx, { topic, text: { en: 'Who refers a victim to shelter?' } });
    const second = await make.question(ctx, { topic, type: 'short_answer', options: [], text: { en: 'Name two shelters', ur: 'دو پناہ گاہوں کے نام لکھیں' } });
    const byTopic = await callRoute(ctx, 'listQuestions', { query: { topic: topic.toUpperCase() } }, 'viewer');
    expect(byTopic.body.items.map((q) => q.id)).toEqual([second.id, first.id]);
    const byType = await callRoute(ctx, 'listQuestions', { query: { topic, type: 'short_answer' } }, 'viewer');
    expect(byType.body.items.map((q) => q.id)).toEqual([second.id]);
    const byWords = await callRoute(ctx, 'listQuestions', { query: { q: 'SHELTER' } }, 'viewer');
    expect(byWords.body.items.map((q) => q.id)).toEqual(expect.arrayContaining([first.id, second.id]));
    const inUrdu = await callRoute(ctx, 'listQuestions', { query: { q: 'پناہ گاہوں' } }, 'viewer');
    expect(inUrdu.body.items.map((q) => q.id)).toEqual([second.id]);
    const page = await callRoute(ctx, 'listQuestions', { query: { topic, limit: 1 } }, 'viewer');
    expect(page.body.items.map((q) => q.id)).toEqual([second.id]);
    const next = await callRoute(ctx, 'listQuestions', { query: { topic, limit: 1, cursor: page.body.nextCursor ?? '' } }, 'viewer');
    expect(next.body.items.map((q) => q.id)).toEqual([first.id]);
    expect(next.body.nextCursor).toBeNull();
    const topics = await callRoute(ctx, 'questionTopics', {}, 'viewer');
    expect(topics.body.topics).toContain(topic);
    expect((await callRoute(ctx, 'listQuestions', { query: { cursor: 'not-a-cursor' } }, 'viewer')).status).toBe(400);
  });

  it('changes a question nobody answered in place, keeping the ids of the options it is given back', async () => {
    const question = await make.question(ctx, {
      type: 'true_false',
      options: [
        { text: { en: 'True' }, correct: true },
        { text: { en: 'False' }, correct: false },
      ],
    });
    const [yes, no] = question.options;
    const changed = await callRoute(ctx, 'updateQuestion', {
      params: { id: question.id },
      body: {
        text: { en: 'A child cannot consent to being trafficked', ur: 'بچہ اسمگلنگ پر رضامندی نہیں دے سکتا' },
        options: [
          { id: yes?.id, text: { en: 'True', ur: 'درست' }, correct: true },
          { id: no?.id, text: { en: 'False', ur: 'غلط' }, correct: false },
        ],
      },
    });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body).toMatchObject({ version: 1, versionId: question.versionId, text: { ur: 'بچہ اسمگلنگ پر رضامندی نہیں دے سکتا' } });
    expect(changed.body.options.map((o) => o.id)).toEqual([yes?.id, no?.id]);
    // Changing the type checks the options already stored.
    const short = await callRoute(ctx, 'updateQuestion', { params: { id: question.id }, body: { type: 'short_answer' } });
    expect(short.status).toBe(400);
    expect(errorOf(short.raw).details).toEqual([{ path: 'options', message: 'A short-answer question has no options; a person marks the answer' }]);
    const stranger = await callRoute(ctx, 'updateQuestion', {
      params: { id: question.id },
      body: {
        options: [
          { id: '01930000-0000-7000-8000-00000000abcd', text: { en: 'True' }, correct: true },
          { text: { en: 'False' }, correct: false },
        ],
      },
    });
    expect(stranger.status).toBe(400);
    expect(errorOf(stranger.raw).details).toEqual([{ path: 'options.0.id', message: 'Not an option of this question' }]);
  });

  it('writes the history of a question: created, changed, deleted', async () => {
    const question = await make.question(ctx, { topic: 'Before' });
    await callRoute(ctx, 'updateQuestion', { params: { id: question.id }, body: { topic: 'After', points: 2 } });
    const history = await callRoute(ctx, 'questionHistory', { params: { id: question.id } }, 'viewer');
    const [update, create] = history.body.items as HistoryEntry[];
    expect(create?.action).toBe('create');
    expect(update).toMatchObject({ action: 'update', changes: { topic: { from: 'Before', to: 'After' }, points: { from: 1, to: 2 } } });
    expect(update?.userName).toBe('Test admin');
    expect((await callRoute(ctx, 'deleteQuestion', { params: { id: question.id } })).status).toBe(204);
    expect((await callRoute(ctx, 'getQuestion', { params: { id: question.id } })).status).toBe(404);
    const entries = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'question').where('entity_id', '=', question.id).execute();
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
  });
});
