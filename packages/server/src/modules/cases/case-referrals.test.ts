import type { CreateServiceBody } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolSecondFactor, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

const SHELTER_ADDRESS = 'House 9, Street 4, Gulberg';

/** Consent-first, closed-loop referral (issue 13): consent enforced, the provider's narrow view, each state change by its role. */
describe.each(testEngines())('consent and referral on %s', (engine) => {
  let ctx: TestContext;
  let shelterId: string;
  let medicalId: string;
  let otherProvider: { cookie: string };
  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true, countries: ['PK'], env: { LOG_LEVEL: 'error' } });
    const service = async (body: CreateServiceBody, providerUserIds: string[]) => {
      const created = await callRoute(ctx, 'createService', { body: { ...body, providerUserIds } }, 'admin');
      if (created.status !== 201) throw new Error(created.raw);
      return created.body.id;
    };
    shelterId = await service(
      {
        name: `Dar-ul-Aman ${engine}`,
        type: 'shelter',
        countryCode: 'PK',
        province: 'Punjab',
        address: { address1: SHELTER_ADDRESS, city: 'Lahore' },
        bedsTotal: 10,
      },
      [ctx.users.service_provider.id],
    );
    const other = await make.user(ctx, { role: 'service_provider', countries: ['PK'] });
    medicalId = await service({ name: `Clinic ${engine}`, type: 'medical', countryCode: 'PK', province: 'Punjab' }, [other.id]);
    otherProvider = { cookie: (await enrolSecondFactor(ctx.app, other.email)).cookie };
  });
  afterAll(() => ctx.close());

  const open = async (victim: Record<string, unknown> = {}) => {
    const created = await callRoute(
      ctx,
      'createCase',
      {
        body: {
          countryCode: 'PK',
          province: 'Punjab',
          narrative: 'Held at a brick kiln for two years',
          victim: { fullName: 'Rukhsana Parveen', sex: 'female', estimatedAge: 24, phone: '+923001234567', languages: ['ur'], ...victim },
        },
      },
      'data_officer',
    );
    if (created.status !== 201) throw new Error(created.raw);
    return created.body.id;
  };
  const toAssistance = async (id: string) => {
    for (const to of ['screening', 'assistance'] as const)
      expect((await callRoute(ctx, 'transitionCase', { params: { id }, body: { to } }, 'data_officer')).status).toBe(200);
  };
  const consent = (id: string, serviceId?: string) =>
    callRoute(
      ctx,
      'createConsent',
      {
        params: { id },
        body: { purpose: 'Referral to a shelter for safe accommodation', givenBy: 'person', explainedInLanguage: 'ur', ...(serviceId ? { serviceId } : {}) },
      },
      'data_officer',
    );
  const refer = (id: string, body: Record<string, unknown> = {}) =>
    callRoute(
      ctx,
      'createReferral',
      { params: { id }, body: { serviceId: shelterId, reason: 'Needs a safe place tonight', urgency: 'normal', ...body } as never },
      'data_officer',
    );
  const asOther = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: { cookie: otherProvider.cookie }, ...(payload ? { payload: payload as object } : {}) });

  it('refuses a referral without consent (422), takes one under the consent for the service, and moves the case to the referral step', async () => {
    const id = await open();
    await toAssistance(id);
    // The SOP's referral step needs a consent (or a referral) first.
    const early = await callRoute(ctx, 'transitionCase', { params: { id }, body: { to: 'referral' } }, 'data_officer');
    expect(early.status).toBe(422);
    const refused = await refer(id);
    expect(refused.status).toBe(422);
    expect(refused.raw).toContain('consent');
    // A consent for another service does not cover this one.
    const forClinic = await consent(id, medicalId);
    expect(forClinic.status, forClinic.raw).toBe(201);
    expect((await refer(id)).status).toBe(422);
    expect((await refer(id, { consentId: forClinic.body.id })).status).toBe(422);

    const given = await consent(id, shelterId);
    expect(given.status).toBe(201);
    expect(given.body).toMatchObject({
      purpose: 'Referral to a shelter for safe accommodation',
      givenBy: 'person',
      explainedInLanguage: 'ur',
      withdrawnAt: null,
    });
    expect(given.body.explainedBy?.id).toBe(ctx.users.data_officer.id);
    const sent = await refer(id);
    expect(sent.status, sent.raw).toBe(201);
    expect(sent.body).toMatchObject({ status: 'sent', urgency: 'normal', consent: { id: given.body.id }, override: null, shares: ['name', 'languages'] });
    // Five days for a normal referral's answer.
    expect(Date.parse(sent.body.respondBy) - Date.parse(sent.body.referredAt)).toBe(5 * 24 * 3_600_000);
    expect((await callRoute(ctx, 'getCase', { params: { id } }, 'data_officer')).body.status).toBe('referral');
    // The sealed texts are not in the database as written.
    const stored = await ctx.db.selectFrom('case_referrals').selectAll().where('id', '=', sent.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain('safe place');
    const storedConsent = await ctx.db.selectFrom('case_consents').selectAll().where('id', '=', given.body.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(storedConsent)).not.toContain('accommodation');
  });

  it('takes an override only for an urgent referral or a child, with its reason shown to the agency alone', async () => {
    const adult = await open();
    const normal = await refer(adult, { override: { reason: 'No time to ask' } });
    expect(normal.status).toBe(422);
    const urgent = await refer(adult, { urgency: 'urgent', override: { reason: 'Injured, found at night' } });
    expect(urgent.status, urgent.raw).toBe(201);
    expect(urgent.body.override).toEqual({ reason: 'Injured, found at night' });
    expect(Date.parse(urgent.body.respondBy) - Date.parse(urgent.body.referredAt)).toBe(24 * 3_600_000);
    const provider = await callRoute(ctx, 'getReferral', { params: { id: urgent.body.id } }, 'service_provider');
    expect(provider.status).toBe(200);
    expect(provider.body.override).toEqual({ reason: null });

    const child = await open({ fullName: 'Kamran Ali', sex: 'male', estimatedAge: 12 });
    expect((await refer(child, { override: { reason: 'A child alone: the SOP refers at once' } })).status).toBe(201);
  });

  it('shows the provider only the referral and what it shares: name and phone once accepted, never the narrative; 404 for a case never referred', async () => {
    const notReferred = await open({ fullName: 'Never Referred' });
    expect((await callRoute(ctx, 'getCase', { params: { id: notReferred } }, 'service_provider')).status).toBe(404);

    const id = await open();
    await toAssistance(id);
    await consent(id, shelterId);
    const sent = await refer(id, { shares: ['name', 'phone'] });
    const rid = sent.body.id;
    const before = await callRoute(ctx, 'getReferral', { params: { id: rid } }, 'service_provider');
    expect(before.body.person).toMatchObject({ sex: 'female', age: 24, fullName: null, phone: null, languages: null });
    expect(before.body.reason).toBe('Needs a safe place tonight');
    expect(before.raw).not.toContain('Rukhsana');
    // Another service's provider hears there is no such referral, and no such case.
    expect((await asOther('GET', `/api/referrals/${rid}`)).statusCode).toBe(404);
    expect((await asOther('GET', `/api/cases/${id}`)).statusCode).toBe(404);
    expect((await asOther('POST', `/api/referrals/${rid}/respond`, { decision: 'accepted' })).statusCode).toBe(404);

    // The parts of a referred case the provider does not need stay closed to it.
    for (const route of ['caseWorkflow', 'getCareFile', 'listCaseTasks', 'caseHistory'] as const) {
      const answer = await callRoute(ctx, route, { params: { id } }, 'service_provider');
      expect([403, 404], route).toContain(answer.status);
    }
    expect((await callRoute(ctx, 'getJusticeTrack', { params: { id } }, 'service_provider')).status).toBe(403);
    expect((await callRoute(ctx, 'listCaseReferrals', { params: { id } }, 'service_provider')).status).toBe(403);
    const reduced = await callRoute(ctx, 'getCase', { params: { id } }, 'service_provider');
    expect(reduced.status).toBe(200);
    expect(reduced.body).toMatchObject({ access: 'referral', fullName: null, narrative: null, victim: null, screenings: [] });

    // Only the provider answers: the officer is refused by the route, another provider hears 404.
    expect((await callRoute(ctx, 'respondReferral', { params: { id: rid }, body: { decision: 'accepted' } }, 'data_officer')).status).toBe(403);
    // The referring agency does not see the shelter's confidential address before it accepts.
    expect((await callRoute(ctx, 'getReferral', { params: { id: rid } }, 'data_officer')).body.serviceAddress).toBeNull();
    const accepted = await callRoute(ctx, 'respondReferral', { params: { id: rid }, body: { decision: 'accepted' } }, 'service_provider');
    expect(accepted.status, accepted.raw).toBe(200);
    expect(accepted.body.person).toMatchObject({ fullName: 'Rukhsana Parveen', phone: '+923001234567', languages: null });
    expect((await callRoute(ctx, 'getCase', { params: { id } }, 'service_provider')).body.fullName).toBe('Rukhsana Parveen');
    expect((await callRoute(ctx, 'getReferral', { params: { id: rid } }, 'data_officer')).body.serviceAddress?.address1).toBe(SHELTER_ADDRESS);
    expect((await callRoute(ctx, 'respondReferral', { params: { id: rid }, body: { decision: 'declined', reason: 'Full' } }, 'service_provider')).status).toBe(
      409,
    );

    // The closed loop: delivered by the provider, closed by the agency; then the provider no longer sees the person.
    expect((await callRoute(ctx, 'closeReferral', { params: { id: rid }, body: {} }, 'data_officer')).status).toBe(409);
    expect((await callRoute(ctx, 'referralOutcome', { params: { id: rid }, body: { delivered: true } }, 'data_officer')).status).toBe(403);
    const delivered = await callRoute(
      ctx,
      'referralOutcome',
      { params: { id: rid }, body: { delivered: true, note: 'Stayed three weeks' } },
      'service_provider',
    );
    expect(delivered.body).toMatchObject({ status: 'delivered', delivered: true, outcomeNote: 'Stayed three weeks' });
    expect((await callRoute(ctx, 'closeReferral', { params: { id: rid }, body: {} }, 'service_provider')).status).toBe(403);
    const closed = await callRoute(ctx, 'closeReferral', { params: { id: rid }, body: { note: 'Confirmed with her' } }, 'data_officer');
    expect(closed.body.status).toBe('closed');
    expect((await callRoute(ctx, 'getCase', { params: { id } }, 'service_provider')).status).toBe(404);
    const after = await callRoute(ctx, 'getReferral', { params: { id: rid } }, 'service_provider');
    expect(after.body.person.fullName).toBeNull();
    // Every step is in the case's history, without the texts.
    const history = await callRoute(ctx, 'caseHistory', { params: { id } }, 'data_officer');
    expect(history.body.items.filter((e) => e.action === 'referral').length).toBe(4);
    expect(history.raw).not.toContain('Stayed three weeks');
  });

  it('a decline needs a reason and prompts another service; withdrawing the consent withdraws its live referrals', async () => {
    const id = await open();
    await consent(id, shelterId);
    const sent = await refer(id);
    expect((await callRoute(ctx, 'respondReferral', { params: { id: sent.body.id }, body: { decision: 'declined' } }, 'service_provider')).status).toBe(400);
    const declined = await callRoute(
      ctx,
      'respondReferral',
      { params: { id: sent.body.id }, body: { decision: 'declined', reason: 'No beds free' } },
      'service_provider',
    );
    expect(declined.body).toMatchObject({ status: 'declined', answer: 'No beds free', may: { close: false, withdraw: false } });
    const board = await callRoute(ctx, 'referralDashboard', {}, 'data_officer');
    expect(board.body.followUps.map((r) => r.id)).toContain(sent.body.id);

    const second = await consent(id, shelterId);
    const live = await refer(id, { consentId: second.body.id });
    const withdrawn = await callRoute(ctx, 'withdrawConsent', { params: { id, consentId: second.body.id }, body: {} }, 'data_officer');
    expect(withdrawn.body.withdrawnAt).not.toBeNull();
    expect((await callRoute(ctx, 'getReferral', { params: { id: live.body.id } }, 'data_officer')).body.status).toBe('withdrawn');
    expect((await refer(id, { consentId: second.body.id })).status).toBe(422);
  });

  it('lists overdue answers on the dashboards: the agency’s supervisor and the provider', async () => {
    const id = await open({ fullName: 'Overdue Person' });
    await consent(id, shelterId);
    const sent = await refer(id, { urgency: 'urgent' });
    expect((await callRoute(ctx, 'referralDashboard', {}, 'supervisor')).body.overdue.map((r) => r.id)).not.toContain(sent.body.id);
    // A day and an hour later: the answer was due an hour ago (the referral's times moved back, as if sent then).
    const earlier = (iso: string) => new Date(Date.parse(iso) - 25 * 3_600_000).toISOString();
    await ctx.db
      .updateTable('case_referrals')
      .set({ referred_at: earlier(sent.body.referredAt), respond_by: earlier(sent.body.respondBy) })
      .where('id', '=', sent.body.id)
      .execute();
    const supervisor = await callRoute(ctx, 'referralDashboard', {}, 'supervisor');
    expect(supervisor.status).toBe(200);
    const overdue = supervisor.body.overdue.find((r) => r.id === sent.body.id);
    expect(overdue?.overdue).toBe(true);
    expect(supervisor.body.counts.sent).toBeGreaterThanOrEqual(1);
    const provider = await callRoute(ctx, 'referralDashboard', {}, 'service_provider');
    expect(provider.body.awaitingAnswer.map((r) => r.id)).toContain(sent.body.id);
    expect((await callRoute(ctx, 'listReferrals', { query: { overdue: 'true' } }, 'data_officer')).body.items.map((r) => r.id)).toContain(sent.body.id);
    // Another agency's supervisor sees none of it.
    const otherAgency = await make.organization(ctx, { name: `Other agency ${engine}` });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: otherAgency.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    const theirs = await ctx.app.inject({ method: 'GET', url: '/api/referrals/dashboard', headers: { cookie } });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(sent.body.id);
    expect((await ctx.app.inject({ method: 'GET', url: `/api/referrals/${sent.body.id}`, headers: { cookie } })).statusCode).toBe(404);
  });

  it('an erasure removes the sealed texts of consents and referrals', async () => {
    const id = await open({ fullName: 'Erased Person' });
    await consent(id, shelterId);
    const sent = await refer(id);
    const reference = (await callRoute(ctx, 'getCase', { params: { id } }, 'data_officer')).body.reference;
    expect((await callRoute(ctx, 'eraseCase', { params: { id }, body: { confirmReference: reference } }, 'supervisor')).status).toBe(200);
    const row = await ctx.db.selectFrom('case_referrals').selectAll().where('id', '=', sent.body.id).executeTakeFirstOrThrow();
    expect(row.reason_sealed).toBeNull();
    const consents = await ctx.db.selectFrom('case_consents').selectAll().where('case_id', '=', id).execute();
    expect(consents.every((c) => c.purpose_sealed === null && c.given_by_sealed === null)).toBe(true);
  });
});
