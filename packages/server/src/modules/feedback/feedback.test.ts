import { randomUUID } from 'node:crypto';
import type { ApiError, FeedbackReceipt, FeedbackTemplate, PublicFeedbackForm } from '@hifazat/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { FEEDBACK_LIMIT } from './feedback.responses.js';

const errorOf = (raw: string) => (JSON.parse(raw) as ApiError).error;
const paths = (raw: string) => errorOf(raw).details.map((d) => d.path);

describe.each(testEngines())('feedback questionnaires, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    // Everyone but the administrator works in Pakistan only.
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  /** Each public call from its own address, so that one test's allowance does not reach another's. */
  let addressCounter = 0;
  const newAddress = () => `10.9.${Math.floor((addressCounter += 1) / 250)}.${addressCounter % 250}`;
  const open = (token: string, address = newAddress(), language?: string) =>
    ctx.app.inject({ method: 'GET', url: `/api/feedback/${token}`, remoteAddress: address, ...(language ? { headers: { 'accept-language': language } } : {}) });
  const send = (token: string, payload: Record<string, unknown>, address = newAddress(), language?: string) =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/feedback/${token}/responses`,
      remoteAddress: address,
      payload,
      ...(language ? { headers: { 'accept-language': language } } : {}),
    });

  /** The standard questionnaire as a template of Pakistan (the administrator's default would be of every country). */
  const standard = async (role: 'admin' | 'trainer' | 'programme_manager' = 'admin') => {
    const answer = await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: 'PK' } }, role);
    expect(answer.status, answer.raw).toBe(201);
    return answer.body;
  };
  const item = (t: FeedbackTemplate, kind: 'likert' | 'choice' | 'text', nth = 0) => {
    const found = t.items.filter((i) => i.kind === kind)[nth];
    if (!found) throw new Error(`no ${kind} item ${nth}`);
    return found;
  };

  /** An event the trainer trains, with participants, and the standard questionnaire attached. */
  async function setting(people: Array<{ fullName: string; sex?: 'female' | 'male' | 'other' | 'unknown'; organizationId?: string }> = []) {
    const event = await make.event(ctx, { title: 'Victim identification, Multan', trainerUserIds: [ctx.users.trainer.id] });
    const list =
      people.length > 0
        ? people
        : [
            { fullName: 'Dr. Ayesha Khan', sex: 'female' as const },
            { fullName: 'Bilal Ahmed', sex: 'male' as const },
          ];
    const persons = [];
    for (const p of list) {
      const person = await make.person(ctx, { sex: 'female', ...p });
      expect((await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id } })).status).toBe(201);
      persons.push(person);
    }
    const template = await standard();
    const form = await callRoute(ctx, 'createEventFeedback', { params: { id: event.id }, body: { templateId: template.id } }, 'trainer');
    expect(form.status, form.raw).toBe(201);
    return { event, persons, template, form: form.body };
  }

  const likertAnswers = (t: FeedbackTemplate, value: number) => t.items.filter((i) => i.kind === 'likert').map((i) => ({ itemId: i.id, value }));

  describe('templates', () => {
    it('makes the standard post-workshop questionnaire in one call, in English and Urdu, and keeps the Urdu exactly', async () => {
      const template = await standard('trainer');
      expect(template).toMatchObject({ version: 1, countryCode: 'PK', answered: false, formCount: 0, createdBy: ctx.users.trainer.id });
      expect(template.title).toEqual({ en: 'Post-workshop questionnaire', ur: 'ورکشاپ کے اختتام پر سوالنامہ' });
      expect(template.items.map((i) => i.kind)).toEqual(['likert', 'likert', 'likert', 'likert', 'choice', 'text', 'text']);
      for (const i of template.items) expect(i.text.ur, i.text.en).toMatch(/[\u0600-\u06FF]/);
      expect(item(template, 'choice').options.map((o) => o.text)).toEqual([
        { en: 'Yes', ur: 'جی ہاں' },
        { en: 'Maybe', ur: 'شاید' },
        { en: 'No', ur: 'جی نہیں' },
      ]);
      const read = await callRoute(ctx, 'getFeedbackTemplate', { params: { id: template.id } }, 'viewer');
      expect(read.body).toEqual(template);
      const listed = await callRoute(ctx, 'listFeedbackTemplates', { query: { limit: 500 } }, 'viewer');
      expect(listed.body.items.map((t) => t.id)).toContain(template.id);
    });

    it('takes a template of its own, round-trips Urdu with joiners and marks, and refuses malformed items with their paths (400)', async () => {
      // Zero-width non-joiner, a hamza and zer: stored and answered byte for byte.
      const urdu = 'کیا آپ کو یہ تربیت‌گاہ پسند آئی؟ ہمیں ضرور بتائیے';
      const created = await callRoute(
        ctx,
        'createFeedbackTemplate',
        {
          body: {
            title: { en: 'Daily check', ur: 'روزانہ جائزہ' },
            items: [
              { kind: 'likert', text: { en: 'Today was useful', ur: urdu } },
              { kind: 'text', text: { en: 'Anything else?' } },
            ],
          },
        },
        'programme_manager',
      );
      expect(created.status, created.raw).toBe(201);
      expect(created.body.items[0]?.text.ur).toBe(urdu);
      expect(created.body.items[1]?.text).toEqual({ en: 'Anything else?', ur: null });
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ title: { en: 'T' }, items: [{ kind: 'choice', text: { en: 'Pick' }, options: [{ text: { en: 'Only one' } }] }] }, 'items.0.options'],
        [
          { title: { en: 'T' }, items: [{ kind: 'likert', text: { en: 'Agree?' }, options: [{ text: { en: 'a' } }, { text: { en: 'b' } }] }] },
          'items.0.options',
        ],
        [{ title: { en: 'T' }, items: [] }, 'items'],
        [{ title: { en: ' ' }, items: [{ kind: 'text', text: { en: 'Q' } }] }, 'title.en'],
        [{ title: { en: 'T' }, items: [{ kind: 'rating', text: { en: 'Q' } }] }, 'items.0.kind'],
        [{ title: { en: 'T' }, items: [{ id: randomUUID(), kind: 'text', text: { en: 'Q' } }] }, 'items.0.id'],
      ];
      for (const [body, path] of cases) {
        const answer = await callRoute(ctx, 'createFeedbackTemplate', { body: body as never });
        expect(answer.status, `${JSON.stringify(body)} → ${answer.raw}`).toBe(400);
        expect(paths(answer.raw)).toContain(path);
      }
    });

    it('lets a trainer change only the templates they wrote, and hides other countries’ templates (404)', async () => {
      const managers = await standard('programme_manager');
      const refused = await callRoute(ctx, 'updateFeedbackTemplate', { params: { id: managers.id }, body: { title: { en: 'Mine now' } } }, 'trainer');
      expect(refused.status).toBe(403);
      const own = await standard('trainer');
      expect((await callRoute(ctx, 'updateFeedbackTemplate', { params: { id: own.id }, body: { title: { en: 'Renamed' } } }, 'trainer')).status).toBe(200);
      const indian = await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: 'IN' } });
      expect(indian.status).toBe(201);
      for (const name of ['getFeedbackTemplate', 'feedbackTemplateHistory'] as const) {
        expect((await callRoute(ctx, name, { params: { id: indian.body.id } }, 'viewer')).status, name).toBe(404);
      }
      expect((await callRoute(ctx, 'deleteFeedbackTemplate', { params: { id: indian.body.id } }, 'programme_manager')).status).toBe(404);
      const listed = await callRoute(ctx, 'listFeedbackTemplates', { query: { limit: 500 } }, 'viewer');
      expect(listed.body.items.map((t) => t.id)).not.toContain(indian.body.id);
    });

    it('changes an unanswered template in place; once answered, a change is the next version and answered questionnaires keep theirs', async () => {
      const { event, template, form } = await setting();
      const other = await make.event(ctx, { title: 'Second workshop', trainerUserIds: [ctx.users.trainer.id] });
      expect((await callRoute(ctx, 'createEventFeedback', { params: { id: other.id }, body: { templateId: template.id } })).status).toBe(201);
      // Nobody answered: the change stays version 1.
      const first = await callRoute(ctx, 'updateFeedbackTemplate', {
        params: { id: template.id },
        body: { title: { en: 'After the workshop', ur: 'ورکشاپ کے بعد' } },
      });
      expect(first.body).toMatchObject({ version: 1, title: { en: 'After the workshop' }, formCount: 2 });

      const [ayesha] = (await callRoute(ctx, 'listParticipants', { params: { id: event.id } })).body.items;
      expect(
        (
          await callRoute(ctx, 'createStaffFeedbackResponse', {
            params: { id: event.id },
            body: { personId: ayesha?.personId ?? '', answers: likertAnswers(template, 4) },
          })
        ).status,
      ).toBe(201);
      const answered = await callRoute(ctx, 'getFeedbackTemplate', { params: { id: template.id } });
      expect(answered.body.answered).toBe(true);

      // Reword the first item (same id), drop the last, add a Likert item, add an option to the choice item.
      const likert = item(template, 'likert');
      const choice = item(template, 'choice');
      const items = [
        { id: likert.id, kind: 'likert' as const, text: { en: 'The workshop was relevant to my daily work.', ur: likert.text.ur } },
        ...template.items.slice(1, 4).map((i) => ({ id: i.id, kind: i.kind, text: i.text })),
        { id: choice.id, kind: 'choice' as const, text: choice.text, options: [...choice.options, { text: { en: "Don't know", ur: 'معلوم نہیں' } }] },
        { kind: 'likert' as const, text: { en: 'I will use what I learned.', ur: 'میں جو سیکھا اسے استعمال کروں گا۔' } },
      ];
      const second = await callRoute(ctx, 'updateFeedbackTemplate', { params: { id: template.id }, body: { items } });
      expect(second.status, second.raw).toBe(200);
      expect(second.body).toMatchObject({ version: 2, answered: false });
      expect(second.body.items[0]).toMatchObject({ id: likert.id, text: { en: 'The workshop was relevant to my daily work.' } });
      expect(second.body.items[4]?.options.slice(0, 3).map((o) => o.id)).toEqual(choice.options.map((o) => o.id));
      // The answered questionnaire keeps version 1; the other moved to version 2.
      const kept = (await callRoute(ctx, 'getEventFeedback', { params: { id: event.id } })).body.form;
      expect(kept).toMatchObject({ id: form.id, version: 1, latestVersion: false });
      expect(kept?.items).toHaveLength(7);
      const moved = (await callRoute(ctx, 'getEventFeedback', { params: { id: other.id } })).body.form;
      expect(moved).toMatchObject({ version: 2, latestVersion: true });
      const history = (await callRoute(ctx, 'eventFeedbackHistory', { params: { id: other.id } })).body.items;
      expect(history.map((h) => h.changes.version)).toContainEqual({ from: 1, to: 2 });
      const templateHistory = (await callRoute(ctx, 'feedbackTemplateHistory', { params: { id: template.id } })).body.items;
      expect(templateHistory.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'update']));
      expect(templateHistory.some((h) => h.note?.startsWith('Version 2'))).toBe(true);

      // An item keeps its kind; an id of no item of this template is refused.
      const kindChange = await callRoute(ctx, 'updateFeedbackTemplate', {
        params: { id: template.id },
        body: { items: [{ id: likert.id, kind: 'text', text: likert.text }] },
      });
      expect(kindChange.status).toBe(400);
      expect(paths(kindChange.raw)).toEqual(['items.0.kind']);
      const stranger = await callRoute(ctx, 'updateFeedbackTemplate', {
        params: { id: template.id },
        body: { items: [{ id: choice.id, kind: 'choice', text: choice.text, options: [{ id: randomUUID(), text: { en: 'x' } }, { text: { en: 'y' } }] }] },
      });
      expect(paths(stranger.raw)).toEqual(['items.0.options.0.id']);
      // In use: it stays (409), and keeps its country (422).
      expect((await callRoute(ctx, 'deleteFeedbackTemplate', { params: { id: template.id } })).status).toBe(409);
      expect((await callRoute(ctx, 'updateFeedbackTemplate', { params: { id: template.id }, body: { countryCode: null } })).status).toBe(422);
    });
  });

  describe('the questionnaire of an event', () => {
    it('is attached once per event by its trainers, with an open link; another country’s event answers 404', async () => {
      const { event, template, form } = await setting();
      expect(form).toMatchObject({ eventId: event.id, templateId: template.id, version: 1, latestVersion: true, responseCount: 0 });
      expect(form.link.open).toBe(true);
      expect(form.link.token).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(form.link.path).toBe(`/feedback/${form.link.token}`);
      const again = await callRoute(ctx, 'createEventFeedback', { params: { id: event.id }, body: { templateId: template.id } });
      expect(again.status).toBe(409);
      // A trainer of another event may not.
      const elsewhere = await make.event(ctx);
      expect((await callRoute(ctx, 'createEventFeedback', { params: { id: elsewhere.id }, body: { templateId: template.id } }, 'trainer')).status).toBe(403);
      // India: the event is nobody's business in Pakistan.
      const india = await make.event(ctx, { countryCode: 'IN', city: 'Delhi', province: null });
      const shared = await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: null } });
      expect((await callRoute(ctx, 'createEventFeedback', { params: { id: india.id }, body: { templateId: shared.body.id } })).status).toBe(201);
      for (const name of ['getEventFeedback', 'eventFeedbackHistory', 'eventFeedbackResults'] as const) {
        expect((await callRoute(ctx, name, { params: { id: india.id } }, 'viewer')).status, name).toBe(404);
      }
      expect((await callRoute(ctx, 'setEventFeedbackLink', { params: { id: india.id }, body: { open: false } }, 'programme_manager')).status).toBe(404);
      expect((await callRoute(ctx, 'deleteEventFeedback', { params: { id: india.id } }, 'programme_manager')).status).toBe(404);
      expect(
        (
          await callRoute(
            ctx,
            'createStaffFeedbackResponse',
            { params: { id: india.id }, body: { personId: randomUUID(), answers: [{ itemId: randomUUID(), value: 3 }] } },
            'programme_manager',
          )
        ).status,
      ).toBe(404);
      // A template of Pakistan does not go on an event in India.
      const other = await make.event(ctx, { countryCode: 'IN', city: 'Mumbai', province: null });
      const refused = await callRoute(ctx, 'createEventFeedback', { params: { id: other.id }, body: { templateId: template.id } });
      expect(refused.status).toBe(400);
      expect(paths(refused.raw)).toEqual(['templateId']);
      // Without a questionnaire: form null, and its results 404.
      const bare = await make.event(ctx);
      expect((await callRoute(ctx, 'getEventFeedback', { params: { id: bare.id } }, 'viewer')).body).toEqual({ form: null });
      expect((await callRoute(ctx, 'eventFeedbackResults', { params: { id: bare.id } }, 'viewer')).status).toBe(404);
    });

    it('closes, opens and renews its link with history entries, and comes off the event only while unanswered', async () => {
      const { event, persons, template, form } = await setting();
      const closed = await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: false } }, 'trainer');
      expect(closed.body.link).toMatchObject({ open: false, token: form.link.token });
      const renewed = await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: true, renew: true } }, 'trainer');
      expect(renewed.body.link.open).toBe(true);
      expect(renewed.body.link.token).not.toBe(form.link.token);
      expect((await open(form.link.token)).statusCode).toBe(404);
      expect((await open(renewed.body.link.token)).statusCode).toBe(200);
      const history = (await callRoute(ctx, 'eventFeedbackHistory', { params: { id: event.id } }, 'viewer')).body.items;
      expect(history.map((h) => [h.action, Object.keys(h.changes).sort().join(',')])).toEqual(
        expect.arrayContaining([
          ['create', 'linkOpen,templateId,title,version'],
          ['update', 'linkOpen'],
          ['update', 'linkOpen,linkRenewed'],
        ]),
      );
      expect(JSON.stringify(history)).not.toContain(form.link.token);

      await callRoute(ctx, 'createStaffFeedbackResponse', {
        params: { id: event.id },
        body: { personId: persons[0]?.id ?? '', answers: likertAnswers(template, 5) },
      });
      const stays = await callRoute(ctx, 'deleteEventFeedback', { params: { id: event.id } });
      expect(stays.status).toBe(409);
      expect(errorOf(stays.raw).message).toBe('This questionnaire has 1 responses; a questionnaire that has been answered stays');
      // No history entry for the response itself.
      const after = (await callRoute(ctx, 'eventFeedbackHistory', { params: { id: event.id } })).body.items;
      expect(after).toHaveLength(history.length);

      const { event: unanswered } = await setting();
      expect((await callRoute(ctx, 'deleteEventFeedback', { params: { id: unanswered.id } }, 'trainer')).status).toBe(204);
      expect((await callRoute(ctx, 'getEventFeedback', { params: { id: unanswered.id } })).body.form).toBeNull();
      const removed = (await callRoute(ctx, 'eventFeedbackHistory', { params: { id: unanswered.id } })).body.items;
      expect(removed.map((h) => h.action)).toEqual(expect.arrayContaining(['create', 'delete']));
    });
  });

  describe('filling in through the public link', () => {
    it('shows the items in both languages, the scale, and only first names with per-questionnaire references', async () => {
      const { event, persons, template, form } = await setting();
      const response = await open(form.link.token);
      expect(response.statusCode, response.body).toBe(200);
      const page = json<PublicFeedbackForm>(response);
      expect(page.event).toEqual({ title: 'Victim identification, Multan' });
      expect(page.form.title).toEqual(template.title);
      expect(page.items).toEqual(template.items);
      expect(page.scale.map((s) => s.value)).toEqual([1, 2, 3, 4, 5]);
      expect(page.scale[0]?.text).toEqual({ en: 'Strongly disagree', ur: 'بالکل متفق نہیں' });
      expect(page.participants.map((p) => p.name)).toEqual(['Ayesha K.', 'Bilal A.']);
      for (const p of page.participants) expect(p.ref).toMatch(/^[A-Za-z0-9_-]{16}$/);
      for (const hidden of [...persons.map((p) => p.id), event.id, form.id, 'Khan', 'Ahmed']) expect(response.body).not.toContain(hidden);
      // The event's test gives other references to the same people.
      const question = await make.question(ctx);
      const test = await make.test(ctx, event.id, { questionIds: [question.id] });
      const take = json<{ participants: Array<{ ref: string }> }>(
        await ctx.app.inject({ method: 'GET', url: `/api/take/${test.link.token}`, remoteAddress: newAddress() }),
      );
      expect(take.participants.map((p) => p.ref)).not.toContain(page.participants[0]?.ref);
    });

    it('takes one questionnaire per participant: a resend is answered as the first time, a second is refused (409), in Urdu too', async () => {
      const { template, form } = await setting();
      const address = newAddress();
      const [ayesha] = json<PublicFeedbackForm>(await open(form.link.token, address)).participants;
      const body = {
        participant: ayesha?.ref,
        answers: [...likertAnswers(template, 4), { itemId: item(template, 'text').id, text: 'کیس اسٹڈیز بہت مفید تھیں' }],
        clientId: randomUUID(),
      };
      const first = await send(form.link.token, body, address);
      expect(first.statusCode, first.body).toBe(201);
      expect(json<FeedbackReceipt>(first)).toEqual({ clientId: body.clientId, received: true });
      // The phone lost the answer and sends again, from another address: the same answer, nothing new stored.
      const resend = await send(form.link.token, body);
      expect(resend.statusCode).toBe(201);
      expect(resend.body).toBe(first.body);
      const second = await send(form.link.token, { ...body, clientId: randomUUID() }, address);
      expect(second.statusCode).toBe(409);
      expect(errorOf(second.body)).toMatchObject({ code: 'attempt_exists', message: 'You have answered this questionnaire already; one per person' });
      const inUrdu = await send(form.link.token, { ...body, clientId: randomUUID() }, address, 'ur');
      expect(errorOf(inUrdu.body).message).toBe('آپ یہ سوالنامہ پہلے ہی بھر چکے ہیں؛ ہر فرد ایک بار');
      // One response, and the link still open: its number only.
      const results = (await callRoute(ctx, 'eventFeedbackResults', { params: { id: form.eventId } }, 'viewer')).body;
      expect(results).toMatchObject({ responseCount: 1, withheld: 'link_open', items: [] });
      // The same submission id on another questionnaire is not a resend.
      const { form: otherForm } = await setting();
      const reused = await send(otherForm.link.token, body);
      expect(reused.statusCode).toBe(409);
      expect(errorOf(reused.body).details).toEqual([{ path: 'clientId', message: 'Already used' }]);
    });

    it('takes a questionnaire by personal code, and refuses a code or name that matches nobody (422)', async () => {
      const { event, template, form } = await setting();
      const codes = (await callRoute(ctx, 'listParticipantCodes', { params: { id: event.id } })).body.items;
      const bilal = codes.find((c) => c.fullName === 'Bilal Ahmed');
      const byCode = await send(form.link.token, {
        personalCode: ` ${bilal?.code.toLowerCase()} `,
        answers: likertAnswers(template, 2),
        clientId: randomUUID(),
      });
      expect(byCode.statusCode, byCode.body).toBe(201);
      const wrong = await send(form.link.token, { personalCode: '222222', answers: likertAnswers(template, 2), clientId: randomUUID() });
      expect(wrong.statusCode).toBe(422);
      expect(errorOf(wrong.body).details).toEqual([{ path: 'personalCode', message: 'Not on the list' }]);
      const forged = await send(form.link.token, { participant: 'AAAAAAAAAAAAAAAA', answers: likertAnswers(template, 2), clientId: randomUUID() });
      expect(forged.statusCode).toBe(422);
      // Bilal cannot answer again through the list either.
      const page = json<PublicFeedbackForm>(await open(form.link.token));
      const again = await send(form.link.token, { participant: page.participants[1]?.ref, answers: likertAnswers(template, 5), clientId: randomUUID() });
      expect(again.statusCode).toBe(409);
    });

    it('refuses what the questionnaire does not ask, with the path of each problem (400), and stores nothing', async () => {
      const { template, form } = await setting();
      const [someone] = json<PublicFeedbackForm>(await open(form.link.token)).participants;
      const likert = item(template, 'likert');
      const choice = item(template, 'choice');
      const text = item(template, 'text');
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ answers: [{ itemId: likert.id, value: 6 }] }, 'answers.0.value'],
        [{ answers: [{ itemId: likert.id, value: 2.5 }] }, 'answers.0.value'],
        [{ answers: [{ itemId: likert.id, text: 'good' }] }, 'answers.0.value'],
        [{ answers: [{ itemId: choice.id, optionId: randomUUID() }] }, 'answers.0.optionId'],
        [{ answers: [{ itemId: choice.id, optionId: choice.options[0]?.id, value: 3 }] }, 'answers.0'],
        [{ answers: [{ itemId: text.id, value: 3 }] }, 'answers.0.text'],
        [{ answers: [{ itemId: randomUUID(), value: 3 }] }, 'answers.0.itemId'],
        [
          {
            answers: [
              { itemId: likert.id, value: 3 },
              { itemId: likert.id, value: 4 },
            ],
          },
          'answers.1.itemId',
        ],
        [{ answers: [] }, 'answers'],
        [{ answers: [{ itemId: likert.id, value: 3, personId: randomUUID() }] }, 'answers.0'],
        [{ answers: [{ itemId: likert.id, value: 3 }], personId: randomUUID() }, ''],
        [{ answers: [{ itemId: likert.id, value: 3 }], personalCode: 'ABCDEF' }, 'participant'],
        [{ answers: [{ itemId: likert.id, value: 3 }], clientId: undefined }, 'clientId'],
      ];
      for (const [payload, path] of cases) {
        const response = await send(form.link.token, { participant: someone?.ref, clientId: randomUUID(), ...payload });
        expect(response.statusCode, `${JSON.stringify(payload)} → ${response.body}`).toBe(400);
        if (path) expect(paths(response.body), JSON.stringify(payload)).toContain(path);
      }
      expect((await callRoute(ctx, 'getEventFeedback', { params: { id: form.eventId } })).body.form?.responseCount).toBe(0);
      expect((await open('not-a-token')).statusCode).toBe(400);
    });

    it('answers 410 link_closed once the link is closed (but still recognises a resend of what did arrive), 404 to an unknown token', async () => {
      const { event, template, form } = await setting();
      const [first, second] = json<PublicFeedbackForm>(await open(form.link.token)).participants;
      const sent = { participant: first?.ref, answers: likertAnswers(template, 3), clientId: randomUUID() };
      expect((await send(form.link.token, sent)).statusCode).toBe(201);
      await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: false } });
      const page = await open(form.link.token);
      expect(page.statusCode).toBe(410);
      expect(errorOf(page.body)).toMatchObject({ code: 'link_closed', message: 'This questionnaire is closed; ask your trainer' });
      expect(page.body).not.toContain(template.items[0]?.text.en);
      expect(errorOf((await open(form.link.token, newAddress(), 'ur')).body).message).toBe('یہ سوالنامہ بند ہو چکا ہے؛ اپنے تربیت کار سے پوچھیں');
      const late = await send(form.link.token, { participant: second?.ref, answers: likertAnswers(template, 3), clientId: randomUUID() });
      expect(late.statusCode).toBe(410);
      expect((await send(form.link.token, sent)).statusCode).toBe(201);
      const token = form.link.token;
      const changed = `${token.slice(0, 10)}${token[10] === 'A' ? 'B' : 'A'}${token.slice(11)}`;
      expect((await open(changed)).statusCode).toBe(404);
      expect(errorOf((await send(changed, sent)).body).code).toBe('not_found');
    });

    it('limits requests per network address (429 with Retry-After), counted in the database', async () => {
      const { form } = await setting();
      const address = newAddress();
      const windowMs = FEEDBACK_LIMIT.windowSeconds * 1000;
      const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs).toISOString();
      await ctx.db
        .insertInto('request_counts')
        .values({ bucket: `feedback:${address}`, window_start: windowStart, count: FEEDBACK_LIMIT.limit })
        .execute();
      const refused = await open(form.link.token, address);
      expect(refused.statusCode).toBe(429);
      expect(errorOf(refused.body).code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      const sent = await send(
        form.link.token,
        { participant: 'AAAAAAAAAAAAAAAA', answers: [{ itemId: randomUUID(), value: 3 }], clientId: randomUUID() },
        address,
      );
      expect(sent.statusCode).toBe(429);
      expect((await open(form.link.token, newAddress())).statusCode).toBe(200);
    });

    it('stores one response when the same questionnaire arrives several times at once, and refuses the same person’s others', async () => {
      const { template, form } = await setting();
      const [first, second] = json<PublicFeedbackForm>(await open(form.link.token)).participants;
      const body = { participant: first?.ref, answers: likertAnswers(template, 5), clientId: randomUUID() };
      const resends = await Promise.all(Array.from({ length: 5 }, () => send(form.link.token, body)));
      expect(resends.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
      const rivals = await Promise.all(
        Array.from({ length: 4 }, () => send(form.link.token, { participant: second?.ref, answers: likertAnswers(template, 1), clientId: randomUUID() })),
      );
      expect(rivals.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
      expect((await callRoute(ctx, 'getEventFeedback', { params: { id: form.eventId } })).body.form?.responseCount).toBe(2);
    });
  });

  describe('anonymity', () => {
    it('keeps no person, participation, client id or moment on a response, nothing it shares with the "has answered" record but the form, and writes the responses again with each new one', async () => {
      const people = [
        { fullName: 'Sana Malik', sex: 'female' as const },
        { fullName: 'Omar Farooq', sex: 'male' as const },
        { fullName: 'Hina Baig', sex: 'female' as const },
      ];
      const { event, persons, template, form } = await setting(people);
      const page = json<PublicFeedbackForm>(await open(form.link.token));
      const clientIds: string[] = [];
      // Which responses each submission wrote: on PostgreSQL the writing transaction of each row
      // (xmin); on SQLite a temporary trigger that notes every row written.
      if (engine === 'sqlite') {
        await sql`create temp table if not exists written_responses (id text)`.execute(ctx.db);
        await sql`create temp trigger if not exists note_written after insert on main.feedback_responses begin insert into written_responses values (new.id); end`.execute(
          ctx.db,
        );
      }
      const writtenBy = async (submit: () => Promise<void>): Promise<Set<string>> => {
        if (engine === 'sqlite') {
          await sql`delete from written_responses`.execute(ctx.db);
          await submit();
          return new Set((await sql<{ id: string }>`select id from written_responses`.execute(ctx.db)).rows.map((r) => r.id));
        }
        await submit();
        const rows = await sql<{ id: string; x: string }>`select id, xmin::text as x from feedback_responses where form_id = ${form.id}`.execute(ctx.db);
        const newest = Math.max(...rows.rows.map((r) => Number(r.x)));
        return new Set(rows.rows.filter((r) => Number(r.x) === newest).map((r) => r.id));
      };
      let lastWritten = new Set<string>();
      for (const [i, p] of page.participants.entries()) {
        const clientId = randomUUID();
        clientIds.push(clientId);
        const answers = [
          { itemId: item(template, 'likert').id, value: i + 2 },
          { itemId: item(template, 'text').id, text: `Comment ${i}` },
        ];
        lastWritten = await writtenBy(async () => {
          expect((await send(form.link.token, { participant: p.ref, answers, clientId })).statusCode).toBe(201);
        });
        // Each submission wrote every response of the questionnaire again, in one go.
        expect(lastWritten.size).toBe(i + 1);
      }
      if (engine === 'sqlite') await sql`drop trigger note_written`.execute(ctx.db);

      const responses = await ctx.db.selectFrom('feedback_responses').selectAll().where('form_id', '=', form.id).execute();
      const answers = await ctx.db
        .selectFrom('feedback_answers')
        .selectAll()
        .where(
          'response_id',
          'in',
          responses.map((r) => r.id),
        )
        .execute();
      const answered = await ctx.db.selectFrom('feedback_answered').selectAll().where('form_id', '=', form.id).execute();
      const participations = await ctx.db.selectFrom('participations').select(['id', 'person_id']).where('event_id', '=', event.id).execute();
      expect(responses).toHaveLength(3);
      expect(new Set(responses.map((r) => r.id))).toEqual(lastWritten);
      expect(answered).toHaveLength(3);
      expect(Object.keys(responses[0] ?? {}).sort()).toEqual(['answered_on', 'form_id', 'id', 'respondent_organization_type', 'respondent_sex']);
      expect(Object.keys(answered[0] ?? {}).sort()).toEqual(['client_id', 'entered_by', 'form_id', 'participation_id', 'source']);
      for (const r of responses) {
        expect(r.answered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        // Random ids (UUIDv4), not time-ordered ones.
        expect(r.id[14]).toBe('4');
      }
      // No id of a person, a participation or a submission anywhere in what was said.
      const said = JSON.stringify([responses, answers]);
      for (const id of [...persons.map((p) => p.id), ...participations.map((p) => p.id), ...clientIds, ctx.users.admin.id]) expect(said).not.toContain(id);
      // No value of a response (but the form) equals any value of a "has answered" record.
      const answeredValues = new Set(
        answered.flatMap((a) =>
          Object.entries(a)
            .filter(([k, v]) => k !== 'form_id' && v !== null)
            .map(([, v]) => String(v)),
        ),
      );
      for (const r of responses) {
        for (const [column, value] of Object.entries(r)) if (column !== 'form_id') expect(answeredValues.has(String(value)), column).toBe(false);
      }
      // The answers say what was said, and which sexes answered, nothing more.
      expect(
        answers
          .map((a) => a.value)
          .filter((v) => v !== null)
          .sort(),
      ).toEqual([2, 3, 4]);
      expect(responses.map((r) => r.respondent_sex).sort()).toEqual(['female', 'female', 'male']);
    });
  });

  describe('when people and events go', () => {
    it('keeps a removed participant’s response (it is nobody’s) and drops their "has answered" record; an event deleted takes its questionnaire along', async () => {
      const { event, persons, template, form } = await setting();
      const [ayesha] = persons;
      const body = { personId: ayesha?.id ?? '', answers: likertAnswers(template, 4) };
      expect((await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body })).status).toBe(201);
      expect((await callRoute(ctx, 'removeParticipant', { params: { id: event.id, personId: ayesha?.id ?? '' } })).status).toBe(204);
      expect((await callRoute(ctx, 'getEventFeedback', { params: { id: event.id } })).body.form?.responseCount).toBe(1);
      expect(await ctx.db.selectFrom('feedback_answered').select('form_id').where('form_id', '=', form.id).execute()).toEqual([]);
      expect((await callRoute(ctx, 'deleteEvent', { params: { id: event.id } })).status).toBe(204);
      for (const table of ['feedback_responses', 'feedback_answered', 'feedback_forms'] as const) {
        const column = table === 'feedback_forms' ? 'id' : 'form_id';
        expect(await ctx.db.selectFrom(table).select(column).where(column, '=', form.id).execute(), table).toEqual([]);
      }
      // The template stays, free to go now.
      expect((await callRoute(ctx, 'deleteFeedbackTemplate', { params: { id: template.id } })).status).toBe(204);
    });
  });

  describe('paper questionnaires typed in by staff', () => {
    it('stores them as anonymously, one per participant, idempotent by clientId, for participants of the event only', async () => {
      const { event, persons, template } = await setting();
      const [ayesha, bilal] = persons;
      const body = { personId: ayesha?.id ?? '', answers: likertAnswers(template, 5), clientId: randomUUID() };
      const first = await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body }, 'trainer');
      expect(first.status, first.raw).toBe(201);
      expect(first.body).toEqual({ clientId: body.clientId, received: true });
      const resend = await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body }, 'trainer');
      expect(resend.status).toBe(201);
      const second = await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body: { ...body, clientId: undefined } });
      expect(second.status).toBe(409);
      expect(errorOf(second.raw)).toMatchObject({
        code: 'attempt_exists',
        message: "Dr. Ayesha Khan has answered this event's questionnaire already; one per person",
      });
      // The same change id for another person is not a resend.
      const reused = await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body: { ...body, personId: bilal?.id ?? '' } });
      expect(reused.status).toBe(409);
      expect(paths(reused.raw)).toEqual(['clientId']);
      const stranger = await make.person(ctx);
      const notListed = await callRoute(ctx, 'createStaffFeedbackResponse', {
        params: { id: event.id },
        body: { personId: stranger.id, answers: likertAnswers(template, 3) },
      });
      expect(notListed.status).toBe(422);
      expect(paths(notListed.raw)).toEqual(['personId']);
      const badAnswer = await callRoute(ctx, 'createStaffFeedbackResponse', {
        params: { id: event.id },
        body: { personId: bilal?.id ?? '', answers: [{ itemId: item(template, 'choice').id, optionId: randomUUID() }] },
      });
      expect(badAnswer.status).toBe(400);
      expect(paths(badAnswer.raw)).toEqual(['answers.0.optionId']);
      // Viewers may not type in; trainers of other events may not either.
      expect(
        (await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body: { ...body, personId: bilal?.id ?? '' } }, 'viewer')).status,
      ).toBe(403);
      const { event: other, persons: others, template: t2 } = await setting();
      await ctx.db.deleteFrom('event_trainers').where('event_id', '=', other.id).execute();
      expect(
        (
          await callRoute(
            ctx,
            'createStaffFeedbackResponse',
            { params: { id: other.id }, body: { personId: others[0]?.id ?? '', answers: likertAnswers(t2, 3) } },
            'trainer',
          )
        ).status,
      ).toBe(403);
      const stored = await ctx.db
        .selectFrom('feedback_answered')
        .selectAll()
        .innerJoin('participations', 'participations.id', 'feedback_answered.participation_id')
        .where('participations.person_id', '=', ayesha?.id ?? '')
        .execute();
      expect(stored.map((s) => [s.source, s.entered_by])).toEqual([['paper', ctx.users.trainer.id]]);
    });
  });

  describe('results', () => {
    it('gives per item n, distribution, mean and free text, and figures by sex and organisation type only for groups of 5 or more', async () => {
      const police = await make.organization(ctx, { type: 'law_enforcement' });
      const ngo = await make.organization(ctx, { type: 'civil_society' });
      // 6 women of the police, 5 men of an NGO, 2 men without an organisation.
      const people = [
        ...Array.from({ length: 6 }, (_, i) => ({ fullName: `Woman ${i} Officer`, sex: 'female' as const, organizationId: police.id })),
        ...Array.from({ length: 5 }, (_, i) => ({ fullName: `Man ${i} Worker`, sex: 'male' as const, organizationId: ngo.id })),
        ...Array.from({ length: 2 }, (_, i) => ({ fullName: `Man ${i} Free`, sex: 'male' as const })),
      ];
      const { event, persons, template } = await setting(people);
      const likert = item(template, 'likert');
      const choice = item(template, 'choice');
      const text = item(template, 'text');
      // Women say 5, NGO men 3, the two men without an organisation 1; women choose Yes, men No.
      const valueOf = (i: number) => (i < 6 ? 5 : i < 11 ? 3 : 1);
      for (const [i, person] of persons.entries()) {
        const answers = [
          { itemId: likert.id, value: valueOf(i) },
          { itemId: choice.id, optionId: choice.options[i < 6 ? 0 : 2]?.id ?? '' },
          ...(i < 2 ? [{ itemId: text.id, text: i === 0 ? 'زیادہ وقت' : 'More time' }] : []),
        ];
        expect((await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body: { personId: person.id, answers } })).status).toBe(201);
      }
      expect((await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: false } })).status).toBe(200);
      const answer = await callRoute(ctx, 'eventFeedbackResults', { params: { id: event.id } }, 'viewer');
      expect(answer.status, answer.raw).toBe(200);
      const results = answer.body;
      expect(results).toMatchObject({
        template: { id: template.id, title: template.title },
        eventCount: 1,
        responseCount: 13,
        minGroupSize: 5,
        withheld: null,
      });
      const l = results.items.find((r) => r.itemId === likert.id);
      expect(l?.n).toBe(13);
      expect(l?.distribution.map((d) => d.count)).toEqual([2, 0, 5, 0, 6]);
      // (2·1 + 5·3 + 6·5) / 13 = 47 / 13 = 3.615…
      expect(l?.mean).toBe(3.62);
      // Men 7 and women 6: both shown.
      expect(l?.bySex).toEqual([
        { group: 'female', n: 6, distribution: expect.any(Array), mean: 5 },
        { group: 'male', n: 7, distribution: expect.any(Array), mean: 2.43 },
      ]);
      // Police 6 and NGO 5 shown; the 2 without an organisation withheld, and with them the NGO (smallest shown), else 13 − 6 − 5 gives them away.
      expect(l?.byOrganizationType).toEqual([
        { group: 'law_enforcement', n: 6, distribution: expect.any(Array), mean: 5 },
        { group: 'civil_society', n: 5, distribution: null, mean: null },
        { group: null, n: 2, distribution: null, mean: null },
      ]);
      const c = results.items.find((r) => r.itemId === choice.id);
      expect(c?.distribution.map((d) => [d.text.en, d.count])).toEqual([
        ['Yes', 6],
        ['Maybe', 0],
        ['No', 7],
      ]);
      const t = results.items.find((r) => r.itemId === text.id);
      expect(t).toMatchObject({ n: 2, texts: ['More time', 'زیادہ وقت'], bySex: [] });
      // Items nobody answered are there with n 0.
      expect(results.items.filter((r) => r.n === 0).map((r) => r.kind)).toEqual(['likert', 'likert', 'likert', 'text']);
    });

    it('shows only the number of responses while the link is open, and after closing until 5 responded: one submission is never readable as a difference', async () => {
      const people = Array.from({ length: 6 }, (_, i) => ({ fullName: `Respondent ${i} Person`, sex: (i % 2 ? 'male' : 'female') as 'male' | 'female' }));
      const { event, template, form } = await setting(people);
      const text = item(template, 'text');
      const read = async () => {
        const answer = await callRoute(ctx, 'eventFeedbackResults', { params: { id: event.id } }, 'viewer');
        expect(answer.status, answer.raw).toBe(200);
        return answer.body;
      };
      const page = json<PublicFeedbackForm>(await open(form.link.token));
      const respond = async (i: number) => {
        const answers = [...likertAnswers(template, 1 + i), { itemId: text.id, text: `The trainer shouted at me (${i})` }];
        expect((await send(form.link.token, { participant: page.participants[i]?.ref, answers, clientId: randomUUID() })).statusCode).toBe(201);
      };
      const before = await read();
      await respond(0);
      const after = await read();
      // The two readings differ by the number of responses and nothing else.
      expect(before).toMatchObject({ responseCount: 0, withheld: 'link_open', items: [] });
      expect(after).toEqual({ ...before, responseCount: 1 });
      expect(JSON.stringify(after)).not.toContain('shouted');
      for (let i = 1; i < 5; i += 1) await respond(i);
      expect(await read()).toMatchObject({ responseCount: 5, withheld: 'link_open', items: [] });
      // Closed with 5: the figures.
      await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: false } });
      const closed = await read();
      expect(closed.withheld).toBeNull();
      expect(closed.items.find((i) => i.itemId === text.id)?.texts).toHaveLength(5);
      // A questionnaire closed with fewer than 5 responses: still the number only.
      const small = await setting();
      await send(small.form.link.token, {
        participant: json<PublicFeedbackForm>(await open(small.form.link.token)).participants[0]?.ref,
        answers: likertAnswers(small.template, 5),
        clientId: randomUUID(),
      });
      await callRoute(ctx, 'setEventFeedbackLink', { params: { id: small.event.id }, body: { open: false } });
      const few = await callRoute(ctx, 'eventFeedbackResults', { params: { id: small.event.id } }, 'viewer');
      expect(few.body).toMatchObject({ responseCount: 1, withheld: 'too_few', items: [] });
      // Opened again, the link hides the figures again.
      await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: true } });
      expect(await read()).toMatchObject({ responseCount: 5, withheld: 'link_open', items: [] });
    });

    it('adds up one template over the events a user sees, across its versions, by programme and period', async () => {
      const programme = await make.programme(ctx, { countries: ['PK', 'IN'] });
      const template = await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: null } });
      const t = template.body;
      const likert = item(t, 'likert');
      const choice = item(t, 'choice');
      const run = async (title: string, startDate: string, countryCode: 'PK' | 'IN', value: number, optionIndex: number, templateNow: FeedbackTemplate) => {
        const event = await make.event(ctx, {
          programmeId: programme.id,
          title,
          startDate,
          endDate: startDate,
          countryCode,
          city: countryCode === 'PK' ? 'Lahore' : 'Delhi',
          province: null,
        });
        expect((await callRoute(ctx, 'createEventFeedback', { params: { id: event.id }, body: { templateId: t.id } })).status).toBe(201);
        const option = item(templateNow, 'choice').options[optionIndex]?.id ?? '';
        const answers = [
          { itemId: likert.id, value },
          { itemId: choice.id, optionId: option },
        ];
        // Five alike per event, and the link closed: only then are an event's answers counted (F3 of the red team).
        for (let i = 0; i < 5; i += 1) {
          const person = await make.person(ctx, { countryCode });
          await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id } });
          expect((await callRoute(ctx, 'createStaffFeedbackResponse', { params: { id: event.id }, body: { personId: person.id, answers } })).status).toBe(201);
        }
        expect((await callRoute(ctx, 'setEventFeedbackLink', { params: { id: event.id }, body: { open: false } })).status).toBe(200);
        return event;
      };
      await run('January', '2025-01-15', 'PK', 5, 0, t);
      // Version 2: the first item reworded, an option added; the next events answer it.
      const v2 = await callRoute(ctx, 'updateFeedbackTemplate', {
        params: { id: t.id },
        body: {
          items: t.items.map((i) =>
            i.id === likert.id
              ? { id: i.id, kind: i.kind, text: { en: 'Relevant to my daily work.', ur: i.text.ur } }
              : i.kind === 'choice'
                ? { id: i.id, kind: i.kind, text: i.text, options: [...i.options, { text: { en: 'Not sure', ur: 'یقین نہیں' } }] }
                : { id: i.id, kind: i.kind, text: i.text },
          ),
        },
      });
      expect(v2.body.version).toBe(2);
      await run('March', '2025-03-10', 'PK', 3, 3, v2.body);
      await run('Delhi', '2025-03-12', 'IN', 1, 2, v2.body);
      await run('Other programme', '2025-03-20', 'PK', 1, 2, v2.body).then(async (e) => {
        const elsewhere = await make.programme(ctx);
        await callRoute(ctx, 'updateEvent', { params: { id: e.id }, body: { programmeId: elsewhere.id } });
      });

      const seen = await callRoute(ctx, 'feedbackResults', { query: { templateId: t.id, programmeId: programme.id } }, 'viewer');
      expect(seen.status, seen.raw).toBe(200);
      // The viewer works in Pakistan: the Delhi event is not counted.
      expect(seen.body).toMatchObject({ eventCount: 2, responseCount: 10 });
      const l = seen.body.items.find((i) => i.itemId === likert.id);
      expect(l).toMatchObject({ n: 10, mean: 4, text: { en: 'Relevant to my daily work.' } });
      const c = seen.body.items.find((i) => i.itemId === choice.id);
      expect(c?.distribution.map((d) => [d.text.en, d.count])).toEqual([
        ['Yes', 5],
        ['Maybe', 0],
        ['No', 0],
        ['Not sure', 5],
      ]);
      const everywhere = await callRoute(ctx, 'feedbackResults', { query: { templateId: t.id, programmeId: programme.id } });
      expect(everywhere.body).toMatchObject({ eventCount: 3, responseCount: 15 });
      const march = await callRoute(ctx, 'feedbackResults', { query: { templateId: t.id, from: '2025-03-01', to: '2025-03-31' } });
      expect(march.body).toMatchObject({ eventCount: 3, responseCount: 15 });
      expect(march.body.items.find((i) => i.itemId === likert.id)?.mean).toBe(1.67);
      // An unknown template, or one of another country, is 404; a period backwards is 400.
      expect((await callRoute(ctx, 'feedbackResults', { query: { templateId: randomUUID() } }, 'viewer')).status).toBe(404);
      const indian = await callRoute(ctx, 'createStandardFeedbackTemplate', { body: { countryCode: 'IN' } });
      expect((await callRoute(ctx, 'feedbackResults', { query: { templateId: indian.body.id } }, 'viewer')).status).toBe(404);
      const backwards = await callRoute(ctx, 'feedbackResults', { query: { templateId: t.id, from: '2025-03-01', to: '2025-01-01' } });
      expect(backwards.status).toBe(400);
      expect(paths(backwards.raw)).toContain('to');
    });
  });
});
