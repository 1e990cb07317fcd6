import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

async function person(fullName: string, sex: string) {
  const response = await ctx.app.inject({ method: 'POST', url: '/api/people', headers: ctx.as('admin'), payload: { fullName, sex } });
  expect(response.statusCode).toBe(201);
  return json<{ id: string }>(response).id;
}

describe('event summary', () => {
  it('counts attended participants by sex in the programme wording', async () => {
    const { event } = await seedEvent(ctx);
    const people = [await person('Ayesha Khan', 'female'), await person('Bilal Ahmed', 'male'), await person('Imran Shah', 'male'), await person('Sana Malik', 'female')];
    for (const personId of people) {
      const added = await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/participants`, headers: ctx.as('admin'), payload: { personId, role: 'participant' } });
      expect(added.statusCode).toBe(201);
    }
    // Three came on a day; the fourth never did.
    for (const personId of people.slice(0, 3)) {
      const marked = await ctx.app.inject({ method: 'PUT', url: `/api/events/${event.id}/attendance`, headers: ctx.as('admin'), payload: { personId, date: '2025-03-11', present: true } });
      expect(marked.statusCode).toBe(200);
    }
    const summary = json<{ participants: Record<string, number>; text: { en: string; ur: string } }>(
      await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/summary`, headers: ctx.as('viewer') }),
    );
    expect(summary.participants).toEqual({ total: 3, female: 1, male: 2, other: 0, unknown: 0 });
    expect(summary.text.en).toBe('3 participants (1 female, 2 male)');
    expect(summary.text.ur).toBe('3 شرکاء (1 خاتون، 2 مرد)');
  });
});
