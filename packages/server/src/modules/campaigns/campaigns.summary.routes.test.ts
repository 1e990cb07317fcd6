import type { CreateCampaignBody, CreateCampaignOutputBody, Sex } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

describe.each(testEngines())('GET /api/campaigns/summary, on %s', (engine) => {
  let ctx: TestContext;

  // Everyone but the administrator works in Pakistan only.
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  async function campaign(programmeId: string, fields: Pick<CreateCampaignBody, 'countryCode' | 'startDate' | 'endDate'>) {
    const made = await callRoute(ctx, 'createCampaign', { body: { programmeId, title: `Campaign ${fields.startDate} ${fields.countryCode}`, ...fields } });
    expect(made.status, made.raw).toBe(201);
    return made.body.id;
  }
  async function output(campaignId: string, body: CreateCampaignOutputBody) {
    const added = await callRoute(ctx, 'addCampaignOutput', { params: { id: campaignId }, body });
    expect(added.status, added.raw).toBe(201);
  }
  async function estimated(campaignId: string, date: string, estimatedAudience: number) {
    const added = await callRoute(ctx, 'addCampaignSession', { params: { id: campaignId }, body: { date, place: 'Town square', estimatedAudience } });
    expect(added.status, added.raw).toBe(201);
  }
  /** A held awareness session of the register, linked to the campaign, with these people attending (and one who did not). */
  async function eventSession(campaignId: string, programmeId: string, date: string, attended: string[], countryCode = 'PK') {
    const place = countryCode === 'PK' ? { city: 'Gilgit', province: 'Gilgit-Baltistan' } : { city: 'Kabul', province: null };
    const event = await make.event(ctx, { programmeId, type: 'awareness_session', status: 'held', startDate: date, endDate: date, countryCode, ...place });
    const absent = (await make.person(ctx, { sex: 'male', countryCode })).id;
    for (const [personId, was] of [...attended.map((id) => [id, true] as const), [absent, false] as const]) {
      const added = await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId, role: 'participant', attended: was } });
      expect(added.status, added.raw).toBe(201);
    }
    const linked = await callRoute(ctx, 'addCampaignSession', { params: { id: campaignId }, body: { eventId: event.id } });
    expect(linked.status, linked.raw).toBe(201);
  }
  const person = async (sex: Sex, countryCode = 'PK') => (await make.person(ctx, { sex, countryCode })).id;

  beforeAll(async () => {
    const health = (await make.programme(ctx, { countries: ['PK'] })).id;
    const border = (await make.programme(ctx, { countries: ['PK', 'AF'] })).id;
    const [amina, bilal, sana, afghan] = [await person('female'), await person('male'), await person('female'), await person('male', 'AF')];

    // Spring 2025, Pakistan: a poster run and a radio PSA (dated by the campaign's start), a crowd of 300, and an event with Amina and Bilal.
    const spring = await campaign(health, { countryCode: 'PK', startDate: '2025-03-01', endDate: '2025-06-30' });
    await output(spring, { kind: 'poster', quantity: 500, estimatedReach: 2000, startDate: '2025-03-10' });
    await output(spring, { kind: 'radio_psa', quantity: 30, estimatedReach: 50_000 });
    await estimated(spring, '2025-04-01', 300);
    await eventSession(spring, health, '2025-04-10', [amina, bilal]);

    // Autumn 2025, Pakistan, another programme: Amina again (one person across campaigns) and Sana; posters without an estimate.
    const autumn = await campaign(border, { countryCode: 'PK', startDate: '2025-09-01', endDate: '2025-10-31' });
    await output(autumn, { kind: 'poster', quantity: 200, startDate: '2025-09-05' });
    await eventSession(autumn, border, '2025-09-20', [amina, sana]);

    // 2025 in Afghanistan: a Pakistan-only user counts none of it.
    const kabul = await campaign(border, { countryCode: 'AF', startDate: '2025-05-01', endDate: '2025-05-31' });
    await output(kabul, { kind: 'banner', quantity: 10, estimatedReach: 700, startDate: '2025-05-02' });
    await estimated(kabul, '2025-05-03', 1000);
    await eventSession(kabul, border, '2025-05-04', [afghan], 'AF');

    // 2024: another year.
    const before = await campaign(health, { countryCode: 'PK', startDate: '2024-11-01', endDate: '2024-12-31' });
    await output(before, { kind: 'sms', quantity: 10_000, estimatedReach: 8000, startDate: '2024-11-02' });

    // This year, whatever it is: what the summary answers without a year.
    const year = new Date().getUTCFullYear();
    const now = await campaign(health, { countryCode: 'PK', startDate: `${year}-01-01`, endDate: `${year}-12-31` });
    await output(now, { kind: 'pamphlet', quantity: 1500, startDate: `${year}-01-15` });
  });

  it('sums every programme’s campaigns of the year: campaigns, outputs by kind, reach counted and estimated apart', async () => {
    const summary = await callRoute(ctx, 'campaignSummary', { query: { year: 2025 } }, 'admin');
    expect(summary.status, summary.raw).toBe(200);
    expect(summary.body.year).toBe(2025);
    expect(summary.body.campaigns).toBe(3);
    expect(summary.body.outputs).toEqual([
      { kind: 'banner', outputs: 1, quantity: 10 },
      { kind: 'poster', outputs: 2, quantity: 700 },
      { kind: 'radio_psa', outputs: 1, quantity: 30 },
    ]);
    // Amina at two campaigns' sessions counts once: Amina, Bilal, Sana and the Afghan participant.
    expect(summary.body.reach.counted).toEqual({ total: 4, female: 2, male: 2, other: 0, unknown: 0, sessions: 3 });
    expect(summary.body.reach.estimated).toMatchObject({ total: 54_000, sessions: 1300, outputs: 52_700, outputsWithoutEstimate: 1 });
  });

  it('counts only the campaigns of the user’s countries, and keeps the count and the estimate apart', async () => {
    const summary = await callRoute(ctx, 'campaignSummary', { query: { year: 2025 } }, 'viewer');
    expect(summary.status, summary.raw).toBe(200);
    expect(summary.body.campaigns).toBe(2);
    // No banner: the only one was in Afghanistan.
    expect(summary.body.outputs).toEqual([
      { kind: 'poster', outputs: 2, quantity: 700 },
      { kind: 'radio_psa', outputs: 1, quantity: 30 },
    ]);
    const { counted, estimated } = summary.body.reach;
    expect(counted).toEqual({ total: 3, female: 2, male: 1, other: 0, unknown: 0, sessions: 2 });
    expect(estimated).toMatchObject({ total: 52_300, sessions: 300, outputs: 52_000 });
    // Neither figure holds the other: 3 people counted, about 52,300 estimated, never 52,303.
    expect(summary.raw).not.toContain('52303');
    expect(summary.body.reach.text.en).toContain('Counted: 3 people at 2 sessions (2 female, 1 male).');
    expect(summary.body.reach.text.en).toContain('Estimated: about 52,300 reached');
  });

  it('answers the current year when none is asked for, and another year when asked', async () => {
    const now = await callRoute(ctx, 'campaignSummary', { query: {} }, 'viewer');
    expect(now.status, now.raw).toBe(200);
    expect(now.body.year).toBe(new Date().getUTCFullYear());
    expect(now.body.campaigns).toBe(1);
    expect(now.body.outputs).toEqual([{ kind: 'pamphlet', outputs: 1, quantity: 1500 }]);
    expect(now.body.reach.counted.total).toBe(0);
    const earlier = await callRoute(ctx, 'campaignSummary', { query: { year: 2024 } }, 'viewer');
    expect(earlier.body).toMatchObject({ year: 2024, campaigns: 1, outputs: [{ kind: 'sms', outputs: 1, quantity: 10_000 }] });
    expect(earlier.body.reach.estimated.total).toBe(8000);
  });

  it('answers 400 for a year that is not one, 401 to nobody signed in', async () => {
    for (const year of ['abc', '25', '2025.5', '3000']) {
      const bad = await ctx.app.inject({ method: 'GET', url: `/api/campaigns/summary?year=${year}`, headers: ctx.as('viewer') });
      expect(bad.statusCode, year).toBe(400);
      expect(bad.body).toContain('validation_failed');
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/campaigns/summary' })).statusCode).toBe(401);
  });
});
