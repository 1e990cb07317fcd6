import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from './factories.js';
import { createTestContext, type TestContext } from './helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

describe('typed test factories over the route map', () => {
  it('make records through the API, parsed by the contract', async () => {
    const event = await make.event(ctx, { title: 'Factory workshop', startDate: '2025-05-01', endDate: '2025-05-02' });
    expect(event).toMatchObject({ title: 'Factory workshop', startDate: '2025-05-01', endDate: '2025-05-02', countryCode: 'PK' });
    const person = await make.person(ctx, { sex: 'male' });
    const added = await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, role: 'participant', attended: true } });
    expect(added.status).toBe(201);
    expect(added.body.personId).toBe(person.id);
    const summary = await callRoute(ctx, 'eventSummary', { params: { id: event.id } }, 'viewer');
    expect(summary.body.participants.total).toBe(1);
  });

  it('give the status and no parsed body for a refusal', async () => {
    const refused = await callRoute(ctx, 'createProgramme', { body: { name: 'Not for viewers', countries: ['PK'] } }, 'viewer');
    expect(refused.status).toBe(403);
    expect(refused.body).toBeUndefined();
    expect(JSON.parse(refused.raw).error.code).toBe('forbidden');
  });
});
