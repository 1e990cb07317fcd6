/**
 * The report aggregates (migration 0022) are kept by triggers: after every kind of write the app makes,
 * and after writes straight to the database, they agree with the raw participations; a disagreement is
 * found by doctor's check and repaired by a rebuild.
 */
import type { ProgrammeReport } from '@hifazat/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { createTestContext, json, type TestContext } from '../../../test/helpers.js';
import { callRoute, make } from '../../../test/factories.js';
import { newId } from '../../shared/ids.js';
import { rebuildReportAggregates, reportAggregateDrift } from './report-aggregates.repository.js';

describe.each(testEngines())('report aggregates on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  const noDrift = { eventCounts: 0, factsMissing: 0, factsExtra: 0, staleCopies: 0 };
  const ok = async (answer: Promise<{ status: number; raw: string }>) => {
    const { status, raw } = await answer;
    expect(status, raw).toBeLessThan(300);
  };
  const report = async (programmeId: string) => {
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/reports/programme?from=2025-01-01&to=2025-12-31&programmeId=${programmeId}`,
      headers: ctx.as('admin'),
    });
    expect(response.statusCode, response.body).toBe(200);
    return json<ProgrammeReport>(response);
  };
  const countsOf = async (eventId: string) =>
    (
      await ctx.db
        .selectFrom('report_event_counts')
        .select(['person_sex', 'organization_type', 'n'])
        .where('event_id', '=', eventId)
        .orderBy('person_sex')
        .orderBy('organization_type')
        .execute()
    ).map((r) => ({ ...r, n: Number(r.n) }));

  it('follows every write the app makes to participations, people and events', async () => {
    const programme = await make.programme(ctx);
    const police = await make.organization(ctx, { type: 'law_enforcement' });
    const ngo = await make.organization(ctx, { type: 'civil_society' });
    const event = await make.event(ctx, { programmeId: programme.id, status: 'held', startDate: '2025-03-10', endDate: '2025-03-11' });
    const other = await make.event(ctx, { programmeId: programme.id, status: 'held', startDate: '2025-04-01', endDate: '2025-04-01' });
    const amina = await make.person(ctx, { sex: 'female', organizationId: police.id });
    const bilal = await make.person(ctx, { sex: 'male', organizationId: police.id });
    const chand = await make.person(ctx, { sex: 'male' });
    const add = (eventId: string, personId: string, role: 'participant' | 'trainer' = 'participant') =>
      ok(callRoute(ctx, 'addParticipant', { params: { id: eventId }, body: { personId, role, attended: true } }));

    await add(event.id, amina.id);
    await add(event.id, bilal.id);
    await add(event.id, chand.id, 'trainer');
    await add(other.id, amina.id);
    expect(await countsOf(event.id)).toEqual([
      { person_sex: 'female', organization_type: 'law_enforcement', n: 1 },
      { person_sex: 'male', organization_type: 'law_enforcement', n: 1 },
    ]);
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    let seen = await report(programme.id);
    expect(seen.participations).toMatchObject({ total: 3, female: 2, male: 1 });
    expect(seen.people).toMatchObject({ total: 2, female: 1, male: 1 });

    // A trainer becomes a participant; someone marked absent stops counting.
    await ok(callRoute(ctx, 'updateParticipant', { params: { id: event.id, personId: chand.id }, body: { role: 'participant' } }));
    await ok(callRoute(ctx, 'updateParticipant', { params: { id: event.id, personId: bilal.id }, body: { attended: false } }));
    expect(await countsOf(event.id)).toEqual([
      { person_sex: 'female', organization_type: 'law_enforcement', n: 1 },
      { person_sex: 'male', organization_type: '', n: 1 },
    ]);
    // A day register decides once it holds days.
    await ok(callRoute(ctx, 'setAttendance', { params: { id: event.id }, body: { personId: bilal.id, date: '2025-03-10', present: true } }));
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);

    // The person's facts change: the copies on the participations follow, and so do the aggregates.
    await ok(callRoute(ctx, 'updatePerson', { params: { id: chand.id }, body: { sex: 'female', organizationId: ngo.id } }));
    await ok(callRoute(ctx, 'updateOrganization', { params: { id: police.id }, body: { type: 'government' } }));
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    seen = await report(programme.id);
    expect(seen.byOrganizationType.map((r) => [r.type, r.people.total]).sort()).toEqual([
      ['civil_society', 1],
      ['government', 2],
    ]);

    // A merge moves the duplicate's participations onto the kept person.
    const duplicate = await make.person(ctx, { sex: 'female', organizationId: police.id });
    await add(other.id, duplicate.id);
    await ok(callRoute(ctx, 'mergePeople', { params: { id: chand.id }, body: { duplicateId: duplicate.id } }));
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);

    // The event moves out of the period: nothing to maintain, the report reads the event's own date.
    await ok(callRoute(ctx, 'updateEvent', { params: { id: other.id }, body: { startDate: '2024-04-01', endDate: '2024-04-01' } }));
    seen = await report(programme.id);
    expect(seen.participations.total).toBe(3);
    expect(seen.events).toBe(1);

    await ok(callRoute(ctx, 'removeParticipant', { params: { id: event.id, personId: amina.id } }));
    await ok(callRoute(ctx, 'deleteEvent', { params: { id: other.id } }));
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    expect(await countsOf(other.id)).toEqual([]);
    seen = await report(programme.id);
    expect(seen.participations).toMatchObject({ total: 2, female: 1, male: 1 });
  });

  it('follows several participations added and removed by one statement each, some of one group, some not counted', async () => {
    // One statement for many rows, as an import writes them: the counts of a group must add up, not
    // be overwritten (PostgreSQL counts a statement's rows by group: migration 0026).
    const event = await make.event(ctx, { status: 'held' });
    const police = await make.organization(ctx, { type: 'law_enforcement' });
    const people = await Promise.all([
      make.person(ctx, { sex: 'female', organizationId: police.id }),
      make.person(ctx, { sex: 'female', organizationId: police.id }),
      make.person(ctx, { sex: 'female', organizationId: police.id }),
      make.person(ctx, { sex: 'male' }),
      make.person(ctx, { sex: 'male' }),
      make.person(ctx, { sex: 'male' }),
    ]);
    const row = await ctx.db.selectFrom('events').selectAll().where('id', '=', event.id).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const place = (
      personId: string,
      sex: 'female' | 'male',
      organizationType: 'law_enforcement' | null,
      role: 'participant' | 'trainer',
      attended: boolean,
    ) => ({
      id: newId(),
      event_id: event.id,
      person_id: personId,
      role,
      attended_direct: attended,
      days_present: 0,
      attended,
      person_sex: sex,
      organization_type: organizationType,
      event_start_date: row.start_date,
      event_province: row.province,
      event_type: row.type,
      event_status: row.status,
      event_country: row.country_code,
      programme_id: row.programme_id,
      created_at: now,
      updated_at: now,
    });
    const [f1, f2, f3, m1, m2, m3] = people.map((p) => p.id) as [string, string, string, string, string, string];
    await ctx.db
      .insertInto('participations')
      .values([
        place(f1, 'female', 'law_enforcement', 'participant', true),
        place(f2, 'female', 'law_enforcement', 'participant', true),
        place(f3, 'female', 'law_enforcement', 'participant', false),
        place(m1, 'male', null, 'participant', true),
        place(m2, 'male', null, 'participant', true),
        place(m3, 'male', null, 'trainer', true),
      ])
      .execute();
    expect(await countsOf(event.id)).toEqual([
      { person_sex: 'female', organization_type: 'law_enforcement', n: 2 },
      { person_sex: 'male', organization_type: '', n: 2 },
    ]);
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    // Two of one group, one not counted, one of the other group: one group empties and goes.
    await ctx.db.deleteFrom('participations').where('event_id', '=', event.id).where('person_id', 'in', [m1, m2, f3, f1]).execute();
    expect(await countsOf(event.id)).toEqual([{ person_sex: 'female', organization_type: 'law_enforcement', n: 1 }]);
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    const facts = await ctx.db
      .selectFrom('report_facts')
      .innerJoin('people', 'people.report_n', 'report_facts.person_n')
      .select('people.id')
      .where('report_facts.event_n', '=', sql<number>`(select report_n from events where id = ${event.id})`)
      .execute();
    expect(facts.map((f) => f.id)).toEqual([f2]);
  });

  it('follows writes made straight to the database, and a rebuild repairs what was changed behind the triggers', async () => {
    const event = await make.event(ctx, { status: 'held' });
    const person = await make.person(ctx, { sex: 'male' });
    await ok(callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, attended: true } }));
    // As a script or another tool would: no app code runs.
    await sql`update participations set attended = ${engine === 'postgres' ? sql`false` : sql`0`} where event_id = ${event.id}`.execute(ctx.db);
    expect(await countsOf(event.id)).toEqual([]);
    await sql`update participations set attended = ${engine === 'postgres' ? sql`true` : sql`1`} where event_id = ${event.id}`.execute(ctx.db);
    expect(await countsOf(event.id)).toEqual([{ person_sex: 'male', organization_type: '', n: 1 }]);
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);

    // Behind the triggers' back: the aggregates themselves changed by hand.
    await sql`update report_event_counts set n = n + 5 where event_id = ${event.id}`.execute(ctx.db);
    await sql`delete from report_facts`.execute(ctx.db);
    const drift = await reportAggregateDrift(ctx.db);
    expect(drift.eventCounts).toBe(2);
    expect(drift.factsMissing).toBeGreaterThan(0);
    expect(drift.factsExtra).toBe(0);
    await rebuildReportAggregates(ctx.db);
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    expect(await countsOf(event.id)).toEqual([{ person_sex: 'male', organization_type: '', n: 1 }]);
  });
  it("finds participations whose copies of the person's sex or organisation type were left behind by a write straight to people, and a rebuild repairs them", async () => {
    const programme = await make.programme(ctx);
    const police = await make.organization(ctx, { type: 'law_enforcement' });
    const ngo = await make.organization(ctx, { type: 'civil_society' });
    const event = await make.event(ctx, { programmeId: programme.id, status: 'held', startDate: '2025-05-10', endDate: '2025-05-10' });
    const person = await make.person(ctx, { sex: 'female', organizationId: police.id });
    await ok(callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, attended: true } }));
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    // A fix made by hand in SQL (or any code path that forgets refreshParticipationFacts): the
    // participation keeps the old copies, the triggers agree with them, and the report counts a woman
    // of the police where the register now says a man of an NGO.
    await sql`update people set sex = 'male', organization_id = ${ngo.id} where id = ${person.id}`.execute(ctx.db);
    expect((await report(programme.id)).participations).toMatchObject({ total: 1, female: 1, male: 0 });
    expect(await reportAggregateDrift(ctx.db)).toEqual({ ...noDrift, staleCopies: 1 });
    await rebuildReportAggregates(ctx.db);
    expect(await reportAggregateDrift(ctx.db)).toEqual(noDrift);
    expect(await countsOf(event.id)).toEqual([{ person_sex: 'male', organization_type: 'civil_society', n: 1 }]);
    // The report's cache sees the repair: the counter moved with the participations.
    const seen = await report(programme.id);
    expect(seen.participations).toMatchObject({ total: 1, female: 0, male: 1 });
    expect(seen.byOrganizationType.map((r) => r.type)).toEqual(['civil_society']);
  });
});
