import { randomUUID } from 'node:crypto';
import type { ApiError, Attempt, Question } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { scoredAttemptsForEvent, testResultsForEvent } from './index.js';

const errorOf = (raw: string) => (JSON.parse(raw) as ApiError).error;

describe.each(testEngines())('tests of an event, attempts and marking, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  /** An event the trainer trains, with participants, and three questions: single choice (2 points), multiple choice, short answer (3 points). */
  async function setting() {
    const event = await make.event(ctx, { trainerUserIds: [ctx.users.trainer.id] });
    const people = [
      await make.person(ctx, { fullName: 'Ayesha Khan', sex: 'female' }),
      await make.person(ctx, { fullName: 'Bilal Ahmed', sex: 'male' }),
      await make.person(ctx, { fullName: 'Sana Malik', sex: 'female' }),
    ];
    for (const p of people) expect((await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: p.id } })).status).toBe(201);
    const single = await make.question(ctx, { points: 2 });
    const multiple = await make.question(ctx, {
      type: 'multiple_choice',
      text: { en: 'Which agencies take part in referral?' },
      options: [
        { text: { en: 'FIA' }, correct: true },
        { text: { en: 'Police' }, correct: true },
        { text: { en: 'A travel agent' }, correct: false },
      ],
    });
    const short = await make.question(ctx, { type: 'short_answer', options: [], text: { en: 'Define exploitation' }, points: 3 });
    return { event, people, single, multiple, short };
  }

  const option = (q: Question, correct: boolean) => q.options.find((o) => o.correct === correct)?.id ?? '';

  it('attaches a pre-test to an event and shows it with its questions, points and open link', async () => {
    const { event, single, multiple, short } = await setting();
    const created = await callRoute(
      ctx,
      'createTest',
      { params: { id: event.id }, body: { kind: 'pre', title: 'Pre-test', questionIds: [short.id, single.id, multiple.id], passMark: 60 } },
      'trainer',
    );
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({
      eventId: event.id,
      kind: 'pre',
      form: null,
      title: 'Pre-test',
      passMark: 60,
      questionCount: 3,
      maxScore: 6,
      attemptCount: 0,
    });
    expect(created.body.questions.map((q) => [q.position, q.questionId, q.points, q.latestVersion])).toEqual([
      [0, short.id, 3, true],
      [1, single.id, 2, true],
      [2, multiple.id, 1, true],
    ]);
    expect(created.body.questions[1]?.options.map((o) => o.correct)).toEqual([true, false]);
    expect(created.body.link.open).toBe(true);
    expect(created.body.link.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.body.link.path).toBe(`/take/${created.body.link.token}`);
    const listed = await callRoute(ctx, 'listEventTests', { params: { id: event.id } }, 'viewer');
    expect(listed.body.items.map((t) => t.id)).toEqual([created.body.id]);
    const read = await callRoute(ctx, 'getTest', { params: { id: created.body.id } }, 'viewer');
    expect(read.body).toEqual(created.body);
  });

  it('refuses a bad test with field paths (400), a second pre-test (409), and events the user may not change', async () => {
    const { event, single } = await setting();
    const bad = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'middle' as 'pre', title: '', questionIds: [] } });
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad.raw)
        .details.map((d) => d.path)
        .sort(),
    ).toEqual(['kind', 'questionIds', 'title']);
    const twice = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'pre', title: 'T', questionIds: [single.id, single.id] } });
    expect(errorOf(twice.raw).details).toEqual([{ path: 'questionIds.1', message: 'The same question twice' }]);
    const unknown = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'pre', title: 'T', questionIds: [randomUUID()] } });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.raw).details[0]?.path).toBe('questionIds.0');
    expect((await make.test(ctx, event.id, { questionIds: [single.id] })).kind).toBe('pre');
    const again = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'pre', title: 'Again', questionIds: [single.id] } });
    expect(again.status).toBe(409);
    expect(errorOf(again.raw).message).toBe('This event has a pre-test already');
    const formA = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'pre', title: 'A', form: 'A', questionIds: [single.id] } });
    expect(formA.status).toBe(409);
    // A trainer of another event changes nothing here.
    const other = await make.event(ctx);
    const notTheirs = await callRoute(ctx, 'createTest', { params: { id: other.id }, body: { kind: 'pre', title: 'T', questionIds: [single.id] } }, 'trainer');
    expect(notTheirs.status).toBe(403);
    expect(
      (await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'post', title: 'T', questionIds: [single.id] } }, 'viewer')).status,
    ).toBe(403);
  });

  it('allows parallel forms A and B of a kind, one attempt per person across them', async () => {
    const { event, people, single, multiple } = await setting();
    const formA = await make.test(ctx, event.id, { form: 'A', questionIds: [single.id] });
    const formB = await make.test(ctx, event.id, { form: 'B', questionIds: [multiple.id] });
    expect([formA.form, formB.form]).toEqual(['A', 'B']);
    const personId = people[0]?.id ?? '';
    expect((await callRoute(ctx, 'createAttempt', { params: { id: formA.id }, body: { personId, answers: [] } })).status).toBe(201);
    const second = await callRoute(ctx, 'createAttempt', { params: { id: formB.id }, body: { personId, answers: [] } });
    expect(second.status).toBe(409);
    expect(errorOf(second.raw).code).toBe('attempt_exists');
  });

  it('hides tests of another country’s events (404) and refuses their questions', async () => {
    const { single } = await setting();
    const india = await make.event(ctx, { countryCode: 'IN', city: 'Delhi', province: null });
    const test = await make.test(ctx, india.id, { questionIds: [single.id] });
    for (const name of ['getTest', 'listAttempts', 'testHistory'] as const) {
      expect((await callRoute(ctx, name, { params: { id: test.id } }, 'viewer')).status, name).toBe(404);
    }
    expect((await callRoute(ctx, 'listEventTests', { params: { id: india.id } }, 'viewer')).status).toBe(404);
    expect((await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: false } }, 'programme_manager')).status).toBe(404);
    expect(
      (await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: randomUUID(), answers: [] } }, 'programme_manager')).status,
    ).toBe(404);
    // A question of India cannot go into a test in Pakistan, even for a user of every country.
    const indian = await make.question(ctx, { countryCode: 'IN' });
    const { event } = await setting();
    const refused = await callRoute(ctx, 'createTest', { params: { id: event.id }, body: { kind: 'post', title: 'T', questionIds: [indian.id] } });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.raw).details[0]?.path).toBe('questionIds.0');
  });

  it('marks a paper sheet typed in by staff, refuses a second attempt (409) and someone not on the list (422)', async () => {
    const { event, people, single, multiple, short } = await setting();
    const test = await make.test(ctx, event.id, { questionIds: [single.id, multiple.id, short.id], passMark: 50 });
    const [ayesha, bilal] = people;
    const sheet = {
      personId: ayesha?.id ?? '',
      answers: [
        { questionId: single.id, optionIds: [option(single, true)] },
        { questionId: multiple.id, optionIds: multiple.options.filter((o) => o.correct).map((o) => o.id) },
        { questionId: short.id, text: 'Using a person for profit by force', awarded: 2 },
      ],
    };
    const created = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: sheet }, 'trainer');
    expect(created.status, created.raw).toBe(201);
    expect(created.body).toMatchObject({
      score: 5,
      maxScore: 6,
      percent: 83.3,
      passed: true,
      pendingMarks: 0,
      source: 'staff',
      personId: ayesha?.id,
      fullName: 'Ayesha Khan',
    });
    const again = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { ...sheet, answers: [] } }, 'trainer');
    expect(again.status).toBe(409);
    expect(errorOf(again.raw)).toMatchObject({
      code: 'attempt_exists',
      message: 'Ayesha Khan has answered the pre-test of this event already; one attempt per person',
    });
    const outsider = await make.person(ctx);
    const notListed = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: outsider.id, answers: [] } });
    expect(notListed.status).toBe(422);
    expect(errorOf(notListed.raw).details).toEqual([{ path: 'personId', message: 'Not a participant' }]);
    // A trainer on the list is not a participant who takes the test.
    const trainerPerson = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: trainerPerson.id, role: 'trainer' } });
    expect((await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: trainerPerson.id, answers: [] } })).status).toBe(422);
    const wrong = await callRoute(ctx, 'createAttempt', {
      params: { id: test.id },
      body: {
        personId: bilal?.id ?? '',
        answers: [
          { questionId: single.id, optionIds: [option(multiple, true)] },
          { questionId: short.id, awarded: 9 },
        ],
      },
    });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong.raw).details).toEqual([
      { path: 'answers.0.optionIds', message: 'Not an option of this question' },
      { path: 'answers.1.awarded', message: 'At most 3 points' },
    ]);
    const figures = await callRoute(ctx, 'getTest', { params: { id: test.id } }, 'viewer');
    expect(figures.body).toMatchObject({ attemptCount: 1, attemptsToMark: 0 });
  });

  it('answers a resend of the same sheet (clientId) as the first time', async () => {
    const { event, people, single } = await setting();
    const test = await make.test(ctx, event.id, { questionIds: [single.id] });
    const body = { personId: people[1]?.id ?? '', answers: [{ questionId: single.id, optionIds: [option(single, true)] }], clientId: randomUUID() };
    const first = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body }, 'trainer');
    const again = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body }, 'trainer');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    // The same sheet sent several times at once (a queue flushing twice): one attempt, the same answer to each.
    const burst = { ...body, personId: people[0]?.id ?? '', clientId: randomUUID() };
    const sent = await Promise.all(Array.from({ length: 4 }, () => callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: burst }, 'trainer')));
    expect(sent.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(new Set(sent.map((r) => r.body.id)).size).toBe(1);
    const misused = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { ...body, personId: people[2]?.id ?? '' } }, 'trainer');
    expect(misused.status).toBe(409);
    expect(errorOf(misused.raw).details).toEqual([{ path: 'clientId', message: 'Already used' }]);
  });

  it('leaves written short answers for marking; marking them sets the score, and the history says who marked what', async () => {
    const { event, people, single, short } = await setting();
    const test = await make.test(ctx, event.id, { questionIds: [single.id, short.id], passMark: 50 });
    const created = await callRoute(ctx, 'createAttempt', {
      params: { id: test.id },
      body: {
        personId: people[2]?.id ?? '',
        answers: [
          { questionId: single.id, optionIds: [option(single, false)] },
          { questionId: short.id, text: 'Forced labour, sexual exploitation' },
        ],
      },
    });
    expect(created.body).toMatchObject({ score: 0, maxScore: 5, pendingMarks: 1, passed: null });
    expect((await callRoute(ctx, 'getTest', { params: { id: test.id } })).body.attemptsToMark).toBe(1);
    const attemptId = created.body.id;
    const bad = await callRoute(ctx, 'markAttempt', {
      params: { id: attemptId },
      body: {
        marks: [
          { questionId: single.id, awarded: 2 },
          { questionId: short.id, awarded: 4 },
          { questionId: randomUUID(), awarded: 1 },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad.raw).details).toEqual([
      { path: 'marks.0.questionId', message: 'Choice questions are marked automatically' },
      { path: 'marks.1.awarded', message: 'At most 3 points' },
      { path: 'marks.2.questionId', message: 'Not a question of this attempt' },
    ]);
    expect((await callRoute(ctx, 'markAttempt', { params: { id: attemptId }, body: { marks: [{ questionId: short.id, awarded: 3 }] } }, 'viewer')).status).toBe(
      403,
    );
    const marked = await callRoute(ctx, 'markAttempt', { params: { id: attemptId }, body: { marks: [{ questionId: short.id, awarded: 3 }] } }, 'trainer');
    expect(marked.status, marked.raw).toBe(200);
    expect(marked.body).toMatchObject({ score: 3, pendingMarks: 0, percent: 60, passed: true });
    expect(marked.body.answers.find((a) => a.questionId === short.id)).toMatchObject({ awarded: 3, maxPoints: 3, text: 'Forced labour, sexual exploitation' });
    const listed = await callRoute(ctx, 'listAttempts', { params: { id: test.id } }, 'viewer');
    expect(listed.body.items).toEqual([marked.body]);
    const history = await callRoute(ctx, 'testHistory', { params: { id: test.id } }, 'viewer');
    const markEntry = history.body.items.find((e) => `mark:${attemptId}:${short.id}` in e.changes);
    expect(markEntry).toMatchObject({ action: 'update', userName: 'Test trainer' });
    expect(markEntry?.changes[`mark:${attemptId}:${short.id}`]).toEqual({ from: null, to: 3 });
    expect(markEntry?.changes[`attempt:${attemptId}`]).toEqual({ from: { score: 0, pendingMarks: 1 }, to: { score: 3, pendingMarks: 0 } });
  });

  it('keeps old attempts on the version they answered when an answered question changes', async () => {
    const { event, people, single, multiple } = await setting();
    const answered = await make.test(ctx, event.id, { kind: 'pre', questionIds: [single.id, multiple.id] });
    const unanswered = await make.test(ctx, event.id, { kind: 'post', title: 'Post-test', questionIds: [single.id] });
    const first = await callRoute(ctx, 'createAttempt', {
      params: { id: answered.id },
      body: { personId: people[0]?.id ?? '', answers: [{ questionId: single.id, optionIds: [option(single, true)] }] },
    });
    expect(first.body).toMatchObject({ score: 2, maxScore: 3 });
    // The answered version now says the other option is right, and is worth 5 points.
    const changed = await callRoute(ctx, 'updateQuestion', {
      params: { id: single.id },
      body: {
        points: 5,
        options: [
          { text: { en: 'PTPA 2018' }, correct: false },
          { text: { en: 'Traffic rules' }, correct: true },
        ],
      },
    });
    expect(changed.status, changed.raw).toBe(200);
    expect(changed.body).toMatchObject({ version: 2, answered: false, points: 5 });
    expect(changed.body.versionId).not.toBe(single.versionId);
    expect(changed.body.options.map((o) => o.id)).not.toContain(single.options[0]?.id);
    // The first attempt keeps its points and version.
    const [kept] = (await callRoute(ctx, 'listAttempts', { params: { id: answered.id } })).body.items as Attempt[];
    expect(kept).toMatchObject({ score: 2, maxScore: 3 });
    expect(kept?.answers.find((a) => a.questionId === single.id)).toMatchObject({ versionId: single.versionId, awarded: 2, maxPoints: 2 });
    // The answered test keeps the old version, and marks newcomers by it; the unanswered one moved on.
    const answeredNow = (await callRoute(ctx, 'getTest', { params: { id: answered.id } })).body;
    expect(answeredNow.questions[0]).toMatchObject({ versionId: single.versionId, version: 1, latestVersion: false, points: 2 });
    const unansweredNow = (await callRoute(ctx, 'getTest', { params: { id: unanswered.id } })).body;
    expect(unansweredNow.questions[0]).toMatchObject({ versionId: changed.body.versionId, version: 2, latestVersion: true, points: 5 });
    expect(unansweredNow.maxScore).toBe(5);
    const newcomer = await callRoute(ctx, 'createAttempt', {
      params: { id: answered.id },
      body: { personId: people[1]?.id ?? '', answers: [{ questionId: single.id, optionIds: [option(single, true)] }] },
    });
    expect(newcomer.body).toMatchObject({ score: 2, maxScore: 3 });
    const onNew = await callRoute(ctx, 'createAttempt', {
      params: { id: unanswered.id },
      body: { personId: people[0]?.id ?? '', answers: [{ questionId: single.id, optionIds: [option(changed.body, true)] }] },
    });
    expect(onNew.body).toMatchObject({ score: 5, maxScore: 5 });
    const history = (await callRoute(ctx, 'questionHistory', { params: { id: single.id } })).body.items;
    expect(history[0]?.changes.version).toEqual({ from: 1, to: 2 });
    expect(history[0]?.note).toBe('Version 2: answers to version 1 keep it and their points; 1 tests without attempts moved to the new version');
    // A question that tests ask stays in its country.
    const moved = await callRoute(ctx, 'updateQuestion', { params: { id: single.id }, body: { countryCode: 'IN' } });
    expect(moved.status).toBe(422);
    expect(errorOf(moved.raw).details).toEqual([{ path: 'countryCode', message: 'Asked by tests' }]);
    // A change of the topic alone makes no version.
    const retitled = await callRoute(ctx, 'updateQuestion', { params: { id: single.id }, body: { topic: 'Law' } });
    expect(retitled.body).toMatchObject({ version: 2, topic: 'Law' });
  });

  it('keeps the questions of an answered test, lets its title change, and deletes only tests without attempts', async () => {
    const { event, people, single, multiple } = await setting();
    const test = await make.test(ctx, event.id, { questionIds: [single.id] });
    const moved = await callRoute(ctx, 'updateTest', { params: { id: test.id }, body: { questionIds: [multiple.id, single.id], passMark: 70 } }, 'trainer');
    expect(moved.status).toBe(200);
    expect(moved.body.questions.map((q) => q.questionId)).toEqual([multiple.id, single.id]);
    const attempt = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: people[0]?.id ?? '', answers: [] } });
    const frozen = await callRoute(ctx, 'updateTest', { params: { id: test.id }, body: { questionIds: [single.id] } });
    expect(frozen.status).toBe(422);
    expect(errorOf(frozen.raw).details).toEqual([{ path: 'questionIds', message: 'Answered already' }]);
    expect((await callRoute(ctx, 'updateTest', { params: { id: test.id }, body: { title: 'Baseline test' } })).body.title).toBe('Baseline test');
    const kept = await callRoute(ctx, 'deleteTest', { params: { id: test.id } });
    expect(kept.status).toBe(409);
    expect(errorOf(kept.raw).message).toBe('This test has 1 attempts; a test that has been answered stays');
    // A question a test asks cannot be deleted either.
    expect((await callRoute(ctx, 'deleteQuestion', { params: { id: single.id } })).status).toBe(409);
    expect((await callRoute(ctx, 'deleteAttempt', { params: { id: attempt.body.id } }, 'trainer')).status).toBe(204);
    expect((await callRoute(ctx, 'deleteTest', { params: { id: test.id } }, 'trainer')).status).toBe(204);
    expect((await callRoute(ctx, 'getTest', { params: { id: test.id } })).status).toBe(404);
    const entries = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'test')
      .where('entity_id', '=', test.id)
      .orderBy('seq')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update', 'update', 'delete']);
  });

  it('opens, closes and renews the link, with history entries', async () => {
    const { event, single } = await setting();
    const test = await make.test(ctx, event.id, { questionIds: [single.id] });
    const closed = await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: false } }, 'trainer');
    expect(closed.body.link).toMatchObject({ open: false, token: test.link.token });
    const renewed = await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: true, renew: true } }, 'trainer');
    expect(renewed.body.link.open).toBe(true);
    expect(renewed.body.link.token).not.toBe(test.link.token);
    expect((await callRoute(ctx, 'setTestLink', { params: { id: test.id }, body: { open: false } }, 'viewer')).status).toBe(403);
    const history = (await callRoute(ctx, 'testHistory', { params: { id: test.id } })).body.items;
    expect(history.slice(0, 2).map((e) => e.changes)).toEqual([
      { linkOpen: { from: false, to: true }, linkRenewed: { from: false, to: true } },
      { linkOpen: { from: true, to: false } },
    ]);
    // The token itself never goes into the history.
    expect(JSON.stringify(history)).not.toContain(test.link.token);
  });

  it('gives each participant a personal code once, for staff who run the event only', async () => {
    const { event, people } = await setting();
    const codes = await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } }, 'trainer');
    expect(codes.status).toBe(200);
    expect(codes.body.items.map((c) => c.fullName)).toEqual(['Ayesha Khan', 'Bilal Ahmed', 'Sana Malik']);
    expect(new Set(codes.body.items.map((c) => c.code)).size).toBe(people.length);
    for (const c of codes.body.items) expect(c.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const again = await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } }, 'programme_manager');
    expect(again.body).toEqual(codes.body);
    expect((await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } }, 'viewer')).status).toBe(403);
    // A participant from a country the user does not work in is counted, not shown.
    const abroad = await make.person(ctx, { countryCode: 'IN' });
    await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: abroad.id } });
    const limited = await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } }, 'programme_manager');
    expect(limited.body).toMatchObject({ items: codes.body.items, hidden: 1 });
    const all = await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } }, 'admin');
    expect(all.body.items).toHaveLength(4);
  });

  it('gives the analysis the scored attempts of the pre- and post-test with their items and people', async () => {
    const { event, people, single, short } = await setting();
    const pre = await make.test(ctx, event.id, { kind: 'pre', questionIds: [single.id, short.id] });
    const post = await make.test(ctx, event.id, { kind: 'post', title: 'Post', questionIds: [single.id, short.id] });
    const [ayesha, bilal, sana] = people;
    const sheet = (personId: string, right: boolean, awarded?: number) => ({
      personId,
      answers: [
        { questionId: single.id, optionIds: [option(single, right)] },
        { questionId: short.id, text: 'answer', ...(awarded === undefined ? {} : { awarded }) },
      ],
    });
    await callRoute(ctx, 'createAttempt', { params: { id: pre.id }, body: sheet(ayesha?.id ?? '', false, 1) });
    await callRoute(ctx, 'createAttempt', { params: { id: post.id }, body: sheet(ayesha?.id ?? '', true, 3) });
    await callRoute(ctx, 'createAttempt', { params: { id: pre.id }, body: sheet(bilal?.id ?? '', true, 0) });
    // Sana's short answer is not marked yet: not scored, so not in the analysis.
    await callRoute(ctx, 'createAttempt', { params: { id: pre.id }, body: sheet(sana?.id ?? '', true) });
    const result = await scoredAttemptsForEvent(ctx.db, event.id);
    const byPerson = (list: typeof result.pre) => [...list].sort((a, b) => a.personId.localeCompare(b.personId));
    expect(byPerson(result.pre)).toEqual(
      byPerson([
        {
          personId: ayesha?.id ?? '',
          score: 1,
          maxScore: 5,
          items: [
            { questionId: single.id, awarded: 0, maxPoints: 2 },
            { questionId: short.id, awarded: 1, maxPoints: 3 },
          ],
        },
        {
          personId: bilal?.id ?? '',
          score: 2,
          maxScore: 5,
          items: [
            { questionId: single.id, awarded: 2, maxPoints: 2 },
            { questionId: short.id, awarded: 0, maxPoints: 3 },
          ],
        },
      ]),
    );
    expect(result.post).toEqual([
      {
        personId: ayesha?.id ?? '',
        score: 5,
        maxScore: 5,
        items: [
          { questionId: single.id, awarded: 2, maxPoints: 2 },
          { questionId: short.id, awarded: 3, maxPoints: 3 },
        ],
      },
    ]);
    expect(result.people.map((p) => [p.personId, p.sex]).sort()).toEqual(people.map((p) => [p.id, p.sex]).sort());
    // Results against the pass mark (set now on the post-test: 60 %): Ayesha passed it with 5 of 5; Sana's pre-test waits for marking.
    await callRoute(ctx, 'updateTest', { params: { id: post.id }, body: { passMark: 60 } });
    const results = await testResultsForEvent(ctx.db, event.id);
    expect(results.find((r) => r.testId === post.id)).toEqual({
      personId: ayesha?.id,
      testId: post.id,
      kind: 'post',
      passMark: 60,
      percent: 100,
      passed: true,
    });
    expect(results.find((r) => r.personId === sana?.id)).toMatchObject({ kind: 'pre', passMark: null, passed: null });
    expect(results).toHaveLength(4);
  });

  it('moves attempts with a participation when two people are merged, and drops them with a participant taken off the list', async () => {
    const { event, people, single } = await setting();
    const test = await make.test(ctx, event.id, { questionIds: [single.id] });
    const duplicate = people[0];
    const keep = await make.person(ctx, { fullName: 'Ayesha Khan (new record)' });
    const attempt = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: duplicate?.id ?? '', answers: [] } });
    const merged = await callRoute(ctx, 'mergePeople', { params: { id: keep.id }, body: { duplicateId: duplicate?.id ?? '' } });
    expect(merged.status, merged.raw).toBe(200);
    const [after] = (await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items;
    expect(after).toMatchObject({ id: attempt.body.id, personId: keep.id });
    const other = await callRoute(ctx, 'createAttempt', { params: { id: test.id }, body: { personId: people[1]?.id ?? '', answers: [] } });
    expect((await callRoute(ctx, 'removeParticipant', { params: { id: event.id, personId: people[1]?.id ?? '' } })).status).toBe(204);
    const left = (await callRoute(ctx, 'listAttempts', { params: { id: test.id } })).body.items.map((a) => a.id);
    expect(left).toEqual([attempt.body.id]);
    expect(left).not.toContain(other.body.id);
    // Deleting the event takes its tests and attempts with it.
    expect((await callRoute(ctx, 'deleteEvent', { params: { id: event.id } })).status).toBe(204);
    expect((await callRoute(ctx, 'getTest', { params: { id: test.id } })).status).toBe(404);
  });
});
