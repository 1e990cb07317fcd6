import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolOwnSecondFactor, enrolSecondFactor, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { anonymiseExpiredCases } from './index.js';

/** Case management by the SOPs (issue 13): every move the SOP allows or refuses, tasks, care file, justice track. */
describe.each(testEngines())('case work by the SOPs on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
  });
  afterAll(() => ctx.close());

  const open = async (fullName = 'Rukhsana Parveen') => {
    const created = await callRoute(
      ctx,
      'createCase',
      { body: { countryCode: 'PK', province: 'Punjab', victim: { fullName, sex: 'female', estimatedAge: 22 } } },
      'data_officer',
    );
    if (created.status !== 201) throw new Error(created.raw);
    return created.body.id;
  };
  const move = (id: string, to: string, role: 'data_officer' | 'supervisor' | 'admin' = 'data_officer', note?: string) =>
    callRoute(ctx, 'transitionCase', { params: { id }, body: { to: to as never, ...(note ? { note } : {}) } }, role);

  it('moves a case along the SOP; a skip is 409, approving the plan and closing are a supervisor’s (403 to an officer)', async () => {
    const id = await open();
    expect((await move(id, 'assistance')).status).toBe(409);
    expect((await move(id, 'closed', 'supervisor')).status).toBe(409);
    expect((await move(id, 'screening')).body.status).toBe('screening');
    expect((await move(id, 'referral')).status).toBe(409);
    expect((await move(id, 'assistance')).body.status).toBe('assistance');
    // No referral needed: the SOP lets the plan follow immediate assistance.
    expect((await move(id, 'case_plan')).body.status).toBe('case_plan');
    expect((await move(id, 'case_plan')).status).toBe(409);
    const officerApproves = await move(id, 'follow_up');
    expect(officerApproves.status).toBe(403);
    expect(officerApproves.raw).toContain('supervisor');

    // The officer asks; the supervisor sees the request, approves by moving the case, and the request is settled.
    const asked = await callRoute(ctx, 'requestCaseApproval', { params: { id }, body: { kind: 'case_plan' } }, 'data_officer');
    expect(asked.status).toBe(201);
    expect(asked.body.status).toBe('pending');
    expect((await callRoute(ctx, 'requestCaseApproval', { params: { id }, body: { kind: 'case_plan' } }, 'data_officer')).status).toBe(409);
    expect((await callRoute(ctx, 'requestCaseApproval', { params: { id }, body: { kind: 'closure' } }, 'data_officer')).status).toBe(409);
    const pending = await callRoute(ctx, 'listCaseApprovals', {}, 'supervisor');
    expect(pending.body.items.map((a) => a.id)).toContain(asked.body.id);
    expect((await callRoute(ctx, 'listCaseApprovals', {}, 'data_officer')).status).toBe(403);
    expect((await move(id, 'follow_up', 'supervisor')).body.status).toBe('follow_up');
    expect((await callRoute(ctx, 'listCaseApprovals', {}, 'supervisor')).body.items.map((a) => a.id)).not.toContain(asked.body.id);

    // Closing: the officer is refused, the supervisor closes and closed_at is set.
    expect((await move(id, 'closed')).status).toBe(403);
    const closed = await move(id, 'closed', 'supervisor');
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();

    // Reopening needs a supervisor and a note; it clears closed_at.
    expect((await move(id, 'follow_up', 'data_officer', 'She came back')).status).toBe(403);
    expect((await move(id, 'follow_up', 'supervisor')).status).toBe(400);
    expect((await move(id, 'referral', 'supervisor', 'She came back')).status).toBe(409);
    const reopened = await move(id, 'assistance', 'supervisor', 'She came back to the shelter');
    expect(reopened.body).toMatchObject({ status: 'assistance', closedAt: null });

    const workflow = await callRoute(ctx, 'caseWorkflow', { params: { id } }, 'data_officer');
    expect(workflow.body.transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      'closed>assistance',
      'follow_up>closed',
      'case_plan>follow_up',
      'assistance>case_plan',
      'screening>assistance',
      'identification>screening',
    ]);
    expect(workflow.body.transitions[0]?.note).toBe('She came back to the shelter');
    expect(workflow.body.moves.map((m) => [m.to, m.allowed])).toEqual([
      ['referral', true],
      ['case_plan', true],
    ]);
    // Audited with ids and statuses only: the note stays sealed in its row.
    const history = await callRoute(ctx, 'caseHistory', { params: { id } }, 'supervisor');
    const transitions = history.body.items.filter((e) => e.action === 'transition');
    expect(transitions).toHaveLength(6);
    expect(transitions.map((e) => e.note)).toContain('closed → assistance');
    expect(transitions.find((e) => e.note?.startsWith('case_plan → follow_up'))?.note).toContain(`approval ${asked.body.id} approved`);
    expect(history.raw).not.toContain('shelter');
    const raw = await ctx.db.selectFrom('case_transitions').select('note_sealed').where('case_id', '=', id).execute();
    expect(raw.map((r) => r.note_sealed ?? '').join(' ')).not.toContain('shelter');
  });

  it('a supervisor declines a request; a move away withdraws a pending one; a case screened out is closed with a note', async () => {
    const id = await open('Kausar Bibi');
    // The referral step follows the person's consent to be referred (any service).
    const consent = { purpose: 'Referral to services', givenBy: 'person', explainedInLanguage: 'ur' };
    expect((await callRoute(ctx, 'createConsent', { params: { id }, body: consent }, 'data_officer')).status).toBe(201);
    for (const to of ['screening', 'assistance', 'referral', 'case_plan']) expect((await move(id, to)).status).toBe(200);
    const asked = await callRoute(ctx, 'requestCaseApproval', { params: { id }, body: { kind: 'case_plan' } }, 'data_officer');
    const declined = await callRoute(ctx, 'declineCaseApproval', { params: { id: asked.body.id }, body: {} }, 'supervisor');
    expect(declined.body).toMatchObject({ status: 'declined', decidedBy: { id: ctx.users.supervisor.id } });
    expect((await callRoute(ctx, 'declineCaseApproval', { params: { id: asked.body.id }, body: {} }, 'supervisor')).status).toBe(409);
    await move(id, 'follow_up', 'supervisor');
    const closure = await callRoute(ctx, 'requestCaseApproval', { params: { id }, body: { kind: 'closure' } }, 'data_officer');
    expect((await move(id, 'case_plan')).status).toBe(200);
    const workflow = await callRoute(ctx, 'caseWorkflow', { params: { id } }, 'data_officer');
    expect(workflow.body.pendingApprovals.map((a) => a.id)).not.toContain(closure.body.id);
    expect(workflow.body.moves).toEqual([{ to: 'follow_up', by: 'supervisor', noteRequired: false, allowed: false }]);

    const screenedOut = await open('Not A Victim');
    await move(screenedOut, 'screening');
    expect((await move(screenedOut, 'closed', 'supervisor')).status).toBe(400);
    expect((await move(screenedOut, 'closed', 'supervisor', 'Screened: not a victim of trafficking')).body.status).toBe('closed');
  });

  it('an administrator needs break-glass to read the workflow, and a break-glass grant never moves a case', async () => {
    const id = await open('Shazia Noreen');
    expect((await move(id, 'screening', 'admin')).status).toBe(403);
    const unread = await callRoute(ctx, 'caseWorkflow', { params: { id } }, 'admin');
    expect(unread.status).toBe(403);
    expect(unread.raw).toContain('break_glass_required');
    const otherAgency = await make.organization(ctx, { name: `Other shelter ${engine}` });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: otherAgency.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: Record<string, unknown>) =>
      ctx.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    expect((await as('GET', `/api/cases/${id}/workflow`)).statusCode).toBe(403);
    expect((await as('POST', `/api/cases/${id}/break-glass`, { reason: 'Night shift: she is at our shelter' })).statusCode).toBe(201);
    const read = await as('GET', `/api/cases/${id}/workflow`);
    expect(read.statusCode).toBe(200);
    expect(JSON.parse(read.body).moves.every((m: { allowed: boolean }) => !m.allowed)).toBe(true);
    expect((await as('POST', `/api/cases/${id}/transitions`, { to: 'screening' })).statusCode).toBe(403);
    expect((await as('POST', `/api/cases/${id}/tasks`, { title: 'Outsider task', dueOn: '2026-01-01' })).statusCode).toBe(403);
    expect((await as('PUT', `/api/cases/${id}/care-file`, { exploitationTypes: ['ForcedBegging'] })).statusCode).toBe(403);
    expect((await as('GET', `/api/cases/${id}/care-file`)).statusCode).toBe(200);
    // The justice track is never opened through break-glass, grant or not.
    expect((await as('GET', `/api/cases/${id}/justice`)).statusCode).toBe(403);
    // The administrator with a second factor breaks the glass: reads, never moves.
    await enrolOwnSecondFactor(ctx.app, ctx.as('admin').cookie).catch(() => undefined);
    const glass = await callRoute(ctx, 'breakGlassCase', { params: { id }, body: { reason: 'Audit of the night shift opening' } }, 'admin');
    expect(glass.status).toBe(201);
    expect((await callRoute(ctx, 'caseWorkflow', { params: { id } }, 'admin')).status).toBe(200);
    expect((await move(id, 'screening', 'admin')).status).toBe(403);
    expect((await callRoute(ctx, 'getCase', { params: { id } }, 'data_officer')).body.status).toBe('identification');
  });

  it('closing sets closed_at, from which retention anonymises the case and what the SOP work wrote about the person', async () => {
    const id = await open('Saima Retention');
    for (const to of ['screening', 'assistance', 'case_plan']) await move(id, to);
    await callRoute(ctx, 'createCaseTask', { params: { id }, body: { title: 'Call Saima about the hearing', dueOn: '2026-02-01' } }, 'data_officer');
    await callRoute(
      ctx,
      'putCareFile',
      { params: { id }, body: { perpetrators: [{ name: 'Rashid Kiln Owner', role: 'Exploiter' }], supportPlan: 'Saima: shelter' } },
      'data_officer',
    );
    await move(id, 'follow_up', 'supervisor');
    const closed = await move(id, 'closed', 'supervisor');
    const closedAt = closed.body.closedAt ?? '';
    expect(Date.parse(closedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Within the retention period nothing happens; past it (5 years after the closure) the case is anonymised.
    expect(await anonymiseExpiredCases(ctx.db, { years: 5, now: new Date(Date.parse(closedAt) + 4 * 365 * 86_400_000) })).toBe(0);
    const later = new Date(Date.parse(closedAt) + 6 * 365 * 86_400_000);
    expect(await anonymiseExpiredCases(ctx.db, { years: 5, now: later })).toBeGreaterThanOrEqual(1);
    const after = await callRoute(ctx, 'getCase', { params: { id } }, 'supervisor');
    expect(after.body.anonymisedAt).not.toBeNull();
    const tasks = await callRoute(ctx, 'listCaseTasks', { params: { id } }, 'supervisor');
    expect(tasks.body.items.map((t) => t.title)).toEqual(['']);
    const care = await callRoute(ctx, 'getCareFile', { params: { id } }, 'supervisor');
    expect(care.body.perpetrators).toEqual([]);
    expect(care.body.supportPlan).toBeNull();
  });

  it('tasks: sealed at rest, overdue on the officer’s and the supervisor’s lists, done and reopened, assignees of the agency only', async () => {
    const id = await open('Task Person');
    const added = await callRoute(
      ctx,
      'createCaseTask',
      { params: { id }, body: { title: 'Take Task Person to the clinic', dueOn: '2025-01-15', assigneeId: ctx.users.data_officer.id } },
      'supervisor',
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ title: 'Take Task Person to the clinic', overdue: true, done: false, assignee: { id: ctx.users.data_officer.id } });
    const raw = await ctx.db.selectFrom('case_tasks').select('title_sealed').where('id', '=', added.body.id).executeTakeFirstOrThrow();
    expect(raw.title_sealed).not.toContain('clinic');
    expect(raw.title_sealed.startsWith('hz1.')).toBe(true);
    for (const role of ['data_officer', 'supervisor'] as const) {
      const overdue = await callRoute(ctx, 'overdueCaseTasks', {}, role);
      expect(
        overdue.body.items.map((t) => t.id),
        role,
      ).toContain(added.body.id);
    }
    expect((await callRoute(ctx, 'overdueCaseTasks', {}, 'analyst')).status).toBe(403);
    const done = await callRoute(ctx, 'updateCaseTask', { params: { id, taskId: added.body.id }, body: { done: true } }, 'data_officer');
    expect(done.body).toMatchObject({ done: true, overdue: false });
    expect((await callRoute(ctx, 'overdueCaseTasks', {}, 'data_officer')).body.items.map((t) => t.id)).not.toContain(added.body.id);
    const reopened = await callRoute(
      ctx,
      'updateCaseTask',
      { params: { id, taskId: added.body.id }, body: { done: false, dueOn: '2099-01-01', title: 'Clinic, second visit' } },
      'data_officer',
    );
    expect(reopened.body).toMatchObject({ done: false, overdue: false, title: 'Clinic, second visit', dueOn: '2099-01-01' });
    const otherAgency = await make.organization(ctx, { name: `Task agency ${engine}` });
    const stranger = await make.user(ctx, { role: 'data_officer', organizationId: otherAgency.id, countries: ['PK'] });
    const refused = await callRoute(
      ctx,
      'createCaseTask',
      { params: { id }, body: { title: 'x', dueOn: '2026-01-01', assigneeId: stranger.id } },
      'data_officer',
    );
    expect(refused.status).toBe(422);
    const history = await callRoute(ctx, 'caseHistory', { params: { id } }, 'supervisor');
    expect(history.body.items.filter((e) => e.action === 'task')).toHaveLength(3);
    expect(history.raw).not.toContain('clinic');
  });

  it('the care file round-trips with HTCDS pick-lists; perpetrators’ names and the support plan are sealed', async () => {
    const id = await open('Care Person');
    const empty = await callRoute(ctx, 'getCareFile', { params: { id } }, 'data_officer');
    expect(empty.body).toMatchObject({ exploitationTypes: [], perpetrators: [], updatedAt: null });
    const body = {
      exploitationTypes: ['ForcedLabour' as const, 'ForcedLabour' as const],
      forcedLabourIndustries: ['C_Manufacturing' as const],
      methodsOfControl: ['DebtBondage' as const, 'WithholdsDocuments' as const],
      recruitmentMethods: ['ThroughFamilyOrFamilyEvents' as const],
      places: [
        { kind: 'Recruitment' as const, countryCode: 'PK', province: 'Punjab' },
        { kind: 'Exploitation' as const, countryCode: 'pk', province: 'Sindh' },
      ],
      recruitedOn: '2024-03-01',
      exploitationStartedOn: '2024-03-10',
      exploitationEndedOn: '2025-06-30',
      perpetrators: [
        { name: 'Haji Brick Kiln', role: 'Exploiter' as const },
        { name: 'Agent Zafar', role: 'RecruiterOrIntermediary' as const },
      ],
      supportPlan: 'Shelter for three months, then vocational training in Multan',
      servicesReceived: ['Shelter' as const, 'LegalAid' as const],
    };
    const saved = await callRoute(ctx, 'putCareFile', { params: { id }, body }, 'data_officer');
    expect(saved.status, saved.raw).toBe(200);
    const read = await callRoute(ctx, 'getCareFile', { params: { id } }, 'supervisor');
    expect(read.body).toMatchObject({
      ...body,
      exploitationTypes: ['ForcedLabour'],
      places: [
        { kind: 'Recruitment', countryCode: 'PK', province: 'Punjab' },
        { kind: 'Exploitation', countryCode: 'PK', province: 'Sindh' },
      ],
      updatedBy: { id: ctx.users.data_officer.id },
    });
    const raw = await ctx.db.selectFrom('case_care_files').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    const stored = `${JSON.stringify(raw.context)} ${raw.sealed ?? ''}`;
    for (const secret of ['Haji', 'Zafar', 'Multan']) expect(stored).not.toContain(secret);
    expect(stored).toContain('DebtBondage');
    // A value outside HTCDS's pick-list, and dates out of order, are refused.
    expect((await callRoute(ctx, 'putCareFile', { params: { id }, body: { exploitationTypes: ['Bonded' as never] } }, 'data_officer')).status).toBe(400);
    const backwards = await callRoute(
      ctx,
      'putCareFile',
      { params: { id }, body: { exploitationStartedOn: '2025-01-01', exploitationEndedOn: '2024-01-01' } },
      'data_officer',
    );
    expect(backwards.status).toBe(400);
    expect((await callRoute(ctx, 'getCareFile', { params: { id } }, 'analyst')).status).toBe(403);
    // A provider passes the route's permission (for the case of a live referral) and hears there is no such case.
    expect((await callRoute(ctx, 'getCareFile', { params: { id } }, 'service_provider')).status).toBe(404);
    const history = await callRoute(ctx, 'caseHistory', { params: { id } }, 'supervisor');
    expect(history.body.items.find((e) => e.action === 'care_file')?.fields).toEqual(expect.arrayContaining(['careFile.perpetrators', 'careFile.supportPlan']));
    expect(history.raw).not.toContain('Zafar');
  });

  it('the justice track needs the administrator’s grant on the account; analysts and providers never see it', async () => {
    const id = await open('Justice Person');
    const track = { firNumber: '112/2026', firDate: '2026-01-03', policeStation: 'Saddar Multan', charges: ['PTPA-2018-s3' as const, 'PPC-374' as const] };
    const refused = await callRoute(ctx, 'getJusticeTrack', { params: { id } }, 'data_officer');
    expect(refused.status).toBe(403);
    expect(refused.raw).toContain('justice');
    expect((await callRoute(ctx, 'putJusticeTrack', { params: { id }, body: track }, 'supervisor')).status).toBe(403);
    for (const role of ['analyst', 'service_provider', 'admin'] as const) {
      expect((await callRoute(ctx, 'getJusticeTrack', { params: { id } }, role)).status, role).toBe(403);
    }
    // Only a case role may be given the grant.
    expect((await callRoute(ctx, 'updateUser', { params: { id: ctx.users.analyst.id }, body: { justiceAccess: true } })).status).toBe(422);
    const granted = await callRoute(ctx, 'updateUser', { params: { id: ctx.users.data_officer.id }, body: { justiceAccess: true } });
    expect(granted.body.justiceAccess).toBe(true);
    const saved = await callRoute(ctx, 'putJusticeTrack', { params: { id }, body: track }, 'data_officer');
    expect(saved.status, saved.raw).toBe(200);
    expect(saved.body).toMatchObject({ ...track, investigationStatus: null, hearings: [] });
    expect((await callRoute(ctx, 'caseWorkflow', { params: { id } }, 'data_officer')).body.justiceAccess).toBe(true);
    // The supervisor without the grant still may not read it.
    expect((await callRoute(ctx, 'getJusticeTrack', { params: { id } }, 'supervisor')).status).toBe(403);
    expect((await callRoute(ctx, 'caseWorkflow', { params: { id } }, 'supervisor')).body.justiceAccess).toBe(false);
    const raw = await ctx.db.selectFrom('case_justice').selectAll().where('case_id', '=', id).executeTakeFirstOrThrow();
    expect(raw.sealed ?? '').not.toContain('Saddar');
    // The care file is no way into it.
    expect(JSON.stringify((await callRoute(ctx, 'getCareFile', { params: { id } }, 'supervisor')).body)).not.toContain('112/2026');
    await callRoute(ctx, 'updateUser', { params: { id: ctx.users.data_officer.id }, body: { justiceAccess: false } });
    expect((await callRoute(ctx, 'getJusticeTrack', { params: { id } }, 'data_officer')).status).toBe(403);
  });
});
