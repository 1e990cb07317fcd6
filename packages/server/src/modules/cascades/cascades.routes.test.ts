import type { CreateEventBody, ParticipantRole, Sex } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { cascadeFigures } from './index.js';

const sexes = (total: number, female: number, male: number) => ({ total, female, male, other: 0, unknown: 0 });

describe.each(testEngines())('master trainers and the training cascade, on %s', (engine) => {
  let ctx: TestContext;
  // Everyone but the administrator works in Pakistan only.
  beforeAll(async () => {
    ctx = await createTestContext(engine, { countries: ['PK'] });
  });
  afterAll(async () => ctx.close());

  let programmeId = '';
  let lawId = '';
  let ngoId = '';
  const people: Record<string, string> = {};
  const events: Record<string, string> = {};

  async function person(name: string, sex: Sex, organizationId?: string, countryCode = 'PK') {
    people[name] = (await make.person(ctx, { fullName: `Person ${name}`, sex, countryCode, ...(organizationId ? { organizationId } : {}) })).id;
    return people[name];
  }
  async function event(name: string, fields: Partial<CreateEventBody>, list: Array<[string, ParticipantRole, boolean]>) {
    events[name] = (await make.event(ctx, { programmeId, title: `Event ${name}`, type: 'training', status: 'held', ...fields })).id;
    for (const [who, role, attended] of list) {
      const added = await callRoute(ctx, 'addParticipant', { params: { id: events[name] }, body: { personId: people[who] ?? '', role, attended } });
      expect(added.status, added.raw).toBe(201);
    }
    return events[name];
  }
  const graduate = (
    eventName: string,
    who: string,
    role: Parameters<typeof callRoute>[3] = 'admin',
    body: { certifiedOn?: string; specialisms?: string[] } = {},
  ) => callRoute(ctx, 'addEventGraduate', { params: { id: events[eventName] ?? '' }, body: { personId: people[who] ?? '', ...body } }, role);

  beforeAll(async () => {
    programmeId = (await make.programme(ctx, { countries: ['PK', 'AF'] })).id;
    lawId = (await make.organization(ctx, { type: 'law_enforcement' })).id;
    ngoId = (await make.organization(ctx, { type: 'civil_society' })).id;
    for (const [name, sex, org] of [
      ['A', 'male', lawId],
      ['B', 'female', lawId],
      ['C', 'male', ngoId],
      ['D', 'female', lawId],
      ['H', 'female', ngoId],
      ['Q1', 'female', ngoId],
      ['Q2', 'male', undefined],
      ['R', 'male', lawId],
      ['P1', 'female', lawId],
      ['P2', 'male', lawId],
      ['P3', 'male', lawId],
      ['P4', 'male', ngoId],
      ['P5', 'female', ngoId],
      ['X', 'male', lawId],
      ['Y', 'female', lawId],
      ['G2', 'male', lawId],
      ['Z', 'female', ngoId],
      ['W', 'male', lawId],
    ] as const) {
      await person(name, sex, org);
    }
    await person('af1', 'male', undefined, 'AF');
    await person('af2', 'female', undefined, 'AF');

    // The pool: earlier held events of the programme (one trained by A before A was a master trainer).
    await event('E0', { startDate: '2025-01-05', endDate: '2025-01-06' }, [
      ['A', 'participant', true],
      ['B', 'participant', true],
      ['Q1', 'participant', true],
      ['Q2', 'participant', true],
      ['P3', 'participant', false],
    ]);
    await event('early', { startDate: '2025-01-20', endDate: '2025-01-20' }, [
      ['A', 'trainer', true],
      ['R', 'participant', true],
    ]);
    // The training of trainers: five candidates, D did not attend.
    await event('T', { type: 'training_of_trainers', startDate: '2025-02-10', endDate: '2025-02-12', trainerUserIds: [ctx.users.trainer.id] }, [
      ['A', 'participant', true],
      ['B', 'participant', true],
      ['C', 'participant', true],
      ['D', 'participant', false],
      ['H', 'participant', true],
    ]);
    await event('other', { type: 'workshop', startDate: '2025-02-10', endDate: '2025-02-12', trainerUserIds: [ctx.users.trainer.id] }, [
      ['A', 'participant', true],
    ]);
    await event('otherTot', { type: 'training_of_trainers', startDate: '2025-02-15', endDate: '2025-02-15' }, [['C', 'participant', true]]);
  });

  describe('POST /api/events/{id}/graduates', () => {
    it('makes an attended participant a master trainer, certified the day the ToT ended unless told', async () => {
      const first = await graduate('T', 'A', 'admin', { specialisms: ['victim identification', 'gender'] });
      expect(first.status, first.raw).toBe(201);
      expect(first.body).toMatchObject({
        personId: people.A,
        totEventId: events.T,
        certifiedOn: '2025-02-12',
        specialisms: ['victim identification', 'gender'],
      });
      // Again: the same record, unchanged.
      const again = await graduate('T', 'A', 'admin', { specialisms: ['other'] });
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(first.body.id);
      expect(again.body.specialisms).toEqual(['victim identification', 'gender']);
      expect((await graduate('T', 'H', 'programme_manager', { certifiedOn: '2025-02-20' })).body.certifiedOn).toBe('2025-02-20');
    });

    it('answers 409 for a person who did not attend, or is not on the list', async () => {
      const absent = await graduate('T', 'D');
      expect(absent.status).toBe(409);
      expect(absent.raw).toContain('conflict');
      expect((await graduate('T', 'Q1')).status).toBe(409);
    });

    it('answers 400 when the event is not a training of trainers, 404 for an unknown event or person', async () => {
      const notTot = await graduate('other', 'A');
      expect(notTot.status).toBe(400);
      expect(notTot.raw).toContain('validation_failed');
      const unknownEvent = await callRoute(ctx, 'addEventGraduate', {
        params: { id: '01a20000-0000-7000-8000-000000000000' },
        body: { personId: people.A ?? '' },
      });
      expect(unknownEvent.status).toBe(404);
      const unknownPerson = await callRoute(ctx, 'addEventGraduate', {
        params: { id: events.T ?? '' },
        body: { personId: '01a20000-0000-7000-8000-000000000000' },
      });
      expect(unknownPerson.status).toBe(404);
    });

    it('lets a trainer graduate people of the ToTs they train only; a viewer none', async () => {
      expect((await graduate('T', 'B', 'viewer')).status).toBe(403);
      expect((await graduate('otherTot', 'C', 'trainer')).status).toBe(403);
      const byTrainer = await graduate('T', 'B', 'trainer', { specialisms: ['protection and referral'] });
      expect(byTrainer.status, byTrainer.raw).toBe(201);
    });

    it('changes and takes back a graduation, in the audit trail', async () => {
      expect((await graduate('T', 'C')).status).toBe(201);
      const changed = await callRoute(ctx, 'updateEventGraduate', {
        params: { id: events.T ?? '', personId: people.C ?? '' },
        body: { certifiedOn: '2025-03-01', specialisms: ['money laundering'] },
      });
      expect(changed.status, changed.raw).toBe(200);
      expect(changed.body).toMatchObject({ certifiedOn: '2025-03-01', specialisms: ['money laundering'] });
      expect((await callRoute(ctx, 'updateEventGraduate', { params: { id: events.T ?? '', personId: people.C ?? '' }, body: {} })).status).toBe(400);
      const removed = await callRoute(ctx, 'removeEventGraduate', { params: { id: events.T ?? '', personId: people.C ?? '' } });
      expect(removed.status).toBe(204);
      expect((await callRoute(ctx, 'removeEventGraduate', { params: { id: events.T ?? '', personId: people.C ?? '' } })).status).toBe(404);
      const audit = await ctx.db.selectFrom('audit_log').select(['action']).where('entity_type', '=', 'master_trainer').execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
      const list = await callRoute(ctx, 'listEventGraduates', { params: { id: events.T ?? '' } }, 'viewer');
      expect(list.body.items.map((g) => g.fullName).sort()).toEqual(['Person A', 'Person B', 'Person H']);
    });
  });

  describe('GET /api/events/{id}/candidate-pool', () => {
    it('sets the candidates and graduates against the pool of earlier participants, by sex and organisation type', async () => {
      const pool = await callRoute(ctx, 'eventCandidatePool', { params: { id: events.T ?? '' } }, 'viewer');
      expect(pool.status, pool.raw).toBe(200);
      // Candidates A, B, C, D, H; pool: attended participants of E0 and "early" (P3 did not attend): A, B, Q1, Q2, R.
      expect(pool.body.candidates).toEqual(sexes(5, 3, 2));
      expect(pool.body.pool).toEqual(sexes(5, 2, 3));
      expect(pool.body.graduates).toEqual(sexes(3, 2, 1));
      expect(pool.body.candidatesFromPool).toBe(2);
      expect(pool.body.poolEvents).toBe(2);
      const law = pool.body.byOrganizationType.find((g) => g.type === 'law_enforcement');
      expect(law).toEqual({ type: 'law_enforcement', candidates: sexes(3, 2, 1), pool: sexes(3, 1, 2) });
      expect((await callRoute(ctx, 'eventCandidatePool', { params: { id: events.other ?? '' } })).status).toBe(400);
    });
  });

  describe('GET /api/cascades/{id}', () => {
    beforeAll(async () => {
      // Generation 1: events trained by A or B (graduates of T).
      await event('L1a', { startDate: '2025-03-01', endDate: '2025-03-02' }, [
        ['A', 'trainer', true],
        ['P1', 'participant', true],
        ['P2', 'participant', true],
        ['X', 'participant', true],
        ['P4', 'participant', true],
        ['P5', 'participant', true],
        ['P3', 'participant', false],
        ['Q1', 'observer', true],
      ]);
      await event('L1b', { type: 'training_of_trainers', startDate: '2025-03-10', endDate: '2025-03-11' }, [
        ['B', 'facilitator', true],
        ['G2', 'participant', true],
        ['Y', 'participant', true],
      ]);
      await event('L1af', { startDate: '2025-03-05', endDate: '2025-03-05', countryCode: 'AF', city: 'Kabul', province: null }, [
        ['A', 'trainer', true],
        ['af1', 'participant', true],
        ['af2', 'participant', true],
      ]);
      // Not in the cascade: cancelled, planned, and trained before the ToT ended.
      await event('cancelled', { status: 'cancelled', startDate: '2025-03-03', endDate: '2025-03-03' }, [
        ['A', 'trainer', true],
        ['Z', 'participant', true],
      ]);
      await event('planned', { status: 'planned', startDate: '2025-05-03', endDate: '2025-05-03' }, [
        ['A', 'trainer', false],
        ['Z', 'participant', false],
      ]);
      expect((await graduate('L1b', 'G2')).status).toBe(201);
      // Generation 2: trained by G2 (graduate of L1b); X again, so X is reached in two generations.
      await event('L2a', { startDate: '2025-04-01', endDate: '2025-04-01' }, [
        ['G2', 'trainer', true],
        ['X', 'participant', true],
        ['Z', 'participant', true],
      ]);
      // Trained by G2 and A: generation 1, the lowest it qualifies for.
      await event('both', { startDate: '2025-04-10', endDate: '2025-04-10' }, [
        ['G2', 'trainer', true],
        ['A', 'facilitator', true],
        ['W', 'participant', true],
      ]);
      // Pre- and post-tests at L1a: five pairs, two people improved from 0 to 1 point.
      const question = await make.question(ctx, { type: 'short_answer', options: undefined });
      const pre = await make.test(ctx, events.L1a ?? '', { kind: 'pre', questionIds: [question.id] });
      const post = await make.test(ctx, events.L1a ?? '', { kind: 'post', form: 'A', title: 'Post-test', questionIds: [question.id] });
      for (const who of ['P1', 'P2', 'X', 'P4', 'P5']) {
        for (const [test, awarded] of [
          [pre.id, 0],
          [post.id, who === 'P1' || who === 'P2' ? 1 : 0],
        ] as const) {
          const sent = await callRoute(ctx, 'createAttempt', {
            params: { id: test },
            body: { personId: people[who] ?? '', answers: [{ questionId: question.id, text: 'An answer', awarded }] },
          });
          expect(sent.status, sent.raw).toBe(201);
        }
      }
    });

    it('counts generations two deep, each person once per generation and once in the reach', async () => {
      const cascade = await callRoute(ctx, 'getCascade', { params: { id: events.T ?? '' } });
      expect(cascade.status, cascade.raw).toBe(200);
      const { generations, reach } = cascade.body;
      expect(generations.map((g) => [g.level, g.events, g.hiddenEvents])).toEqual([
        [1, 4, 0],
        [2, 1, 0],
      ]);
      expect(generations[0]?.eventList.map((e) => e.title)).toEqual(['Event L1a', 'Event L1af', 'Event L1b', 'Event both']);
      expect(generations[0]?.eventList.find((e) => e.title === 'Event L2a')).toBeUndefined();
      expect(generations[1]?.eventList).toEqual([expect.objectContaining({ title: 'Event L2a', parentEventId: events.L1b, people: 2 })]);
      // Generation 1: P1, P2, X, P4, P5, G2, Y, af1, af2, W. Generation 2: X, Z.
      expect(generations[0]?.people).toEqual(sexes(10, 4, 6));
      expect(generations[1]?.people).toEqual(sexes(2, 1, 1));
      // X is in both generations and counts once in the reach.
      expect(reach).toEqual(sexes(11, 5, 6));
      expect(generations[0]?.byOrganizationType.find((g) => g.key === 'civil_society')?.people).toEqual(sexes(2, 1, 1));
      expect(generations[0]?.byProvince.find((g) => g.key === null)?.people).toEqual(sexes(2, 1, 1));
      // The tests at L1a: pre 0 %, post 40 % → ⟨g⟩ 0.4 in generation 1; none in generation 2.
      expect(generations[0]?.pairedN).toBe(5);
      expect(generations[0]?.normalizedGain).toBeCloseTo(0.4, 6);
      expect(generations[1]?.normalizedGain).toBeNull();

      expect(cascade.body.tot.graduates).toEqual(sexes(3, 2, 1));
      expect(cascade.body.masterTrainers).toBe(4);
      expect(cascade.body.multiplier).toBe(2.75);
      const byName = new Map(cascade.body.trainers.map((t) => [t.fullName, t]));
      expect(byName.get('Person A')).toMatchObject({ level: 0, eventsDelivered: 3, peopleTrained: 8, lastActive: '2025-04-10' });
      expect(byName.get('Person B')).toMatchObject({ level: 0, eventsDelivered: 1, peopleTrained: 2 });
      expect(byName.get('Person G2')).toMatchObject({ level: 1, eventsDelivered: 2, peopleTrained: 3, totEventId: events.L1b });
      expect(byName.get('Person H')).toMatchObject({ level: 0, eventsDelivered: 0, peopleTrained: 0, lastActive: null, active: false });
    });

    it('counts only the events of the user’s countries, the others as hidden', async () => {
      const cascade = await callRoute(ctx, 'getCascade', { params: { id: events.T ?? '' } }, 'viewer');
      expect(cascade.status).toBe(200);
      expect(cascade.body.generations.map((g) => [g.events, g.hiddenEvents])).toEqual([
        [3, 1],
        [1, 0],
      ]);
      expect(cascade.body.generations[0]?.people).toEqual(sexes(8, 3, 5));
      expect(cascade.body.reach).toEqual(sexes(9, 4, 5));
      expect(JSON.stringify(cascade.body)).not.toContain('L1af');
      expect(cascade.body.trainers.find((t) => t.fullName === 'Person A')).toMatchObject({ eventsDelivered: 2, peopleTrained: 6 });
    });

    it('answers 400 for an event that is not a training of trainers and 404 for an unknown one', async () => {
      expect((await callRoute(ctx, 'getCascade', { params: { id: events.L1a ?? '' } })).status).toBe(400);
      expect((await callRoute(ctx, 'getCascade', { params: { id: '01a20000-0000-7000-8000-000000000000' } })).status).toBe(404);
    });

    it('lists every cascade with the reach of all, and the master trainers who trained nobody yet', async () => {
      const list = await callRoute(ctx, 'listCascades', { query: { programmeId } }, 'programme_manager');
      expect(list.status, list.raw).toBe(200);
      expect(list.body.items.map((i) => [i.title, i.graduates, i.generations, i.events])).toEqual([
        ['Event L1b', 1, 1, 2],
        ['Event T', 3, 2, 4],
      ]);
      expect(list.body.reach).toEqual(sexes(9, 4, 5));
      expect(list.body.masterTrainers).toBe(4);
      expect(list.body.idle.map((p) => p.fullName)).toEqual(['Person H']);
    });

    it('gives the indicators master trainers certified and people reached in a period, by sex', async () => {
      const figures = await cascadeFigures(ctx.db, { programmeId, from: '2025-01-01', to: '2025-03-31', countries: null });
      // A and B (12 February), H (20 February), G2 (11 March).
      expect(figures.masterTrainersCertified).toEqual(sexes(4, 2, 2));
      // Events starting by 31 March: L1a, L1af, L1b.
      expect(figures.peopleReached).toEqual(sexes(9, 4, 5));
      const pakistan = await cascadeFigures(ctx.db, { programmeId, from: '2025-04-01', to: '2025-04-30', countries: ['PK'] });
      expect(pakistan.peopleReached).toEqual(sexes(3, 1, 2));
    });
  });
});

describe.each(testEngines())('merging two records of one master trainer, on %s', (engine) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
  });
  afterAll(async () => ctx.close());

  it('keeps the duplicate’s graduation and post-test when both records were at the same ToT', async () => {
    const programme = await make.programme(ctx, { countries: ['PK'] });
    const tot = await make.event(ctx, {
      programmeId: programme.id,
      type: 'training_of_trainers',
      status: 'held',
      startDate: '2025-03-01',
      endDate: '2025-03-03',
    });
    const kept = await make.person(ctx, { fullName: 'Saima Bibi', sex: 'female' });
    const duplicate = await make.person(ctx, { fullName: 'Saima B.', sex: 'female' });
    for (const personId of [kept.id, duplicate.id]) {
      const added = await callRoute(ctx, 'addParticipant', { params: { id: tot.id }, body: { personId, role: 'participant', attended: true } });
      expect(added.status, added.raw).toBe(201);
    }
    expect((await callRoute(ctx, 'addEventGraduate', { params: { id: tot.id }, body: { personId: duplicate.id, certifiedOn: '2025-03-03' } })).status).toBe(
      201,
    );
    const question = await make.question(ctx, { type: 'short_answer', options: undefined });
    const pre = await make.test(ctx, tot.id, { kind: 'pre', questionIds: [question.id] });
    const post = await make.test(ctx, tot.id, { kind: 'post', form: 'A', title: 'Post-test', questionIds: [question.id] });
    // The kept record took the pre-test; the duplicate took the pre-test and the post-test.
    for (const [test, personId, awarded] of [
      [pre.id, kept.id, 0],
      [pre.id, duplicate.id, 1],
      [post.id, duplicate.id, 1],
    ] as const) {
      const sent = await callRoute(ctx, 'createAttempt', {
        params: { id: test },
        body: { personId, answers: [{ questionId: question.id, text: 'An answer', awarded }] },
      });
      expect(sent.status, sent.raw).toBe(201);
    }

    const merged = await callRoute(ctx, 'mergePeople', { params: { id: kept.id }, body: { duplicateId: duplicate.id } });
    expect(merged.status, merged.raw).toBe(200);
    const graduates = await callRoute(ctx, 'listEventGraduates', { params: { id: tot.id } });
    expect(graduates.body.items.map((g) => [g.personId, g.certifiedOn])).toEqual([[kept.id, '2025-03-03']]);
    // The kept pre-test stays; the duplicate's post-test joins it; the duplicate's second pre-test goes.
    const attempts = await ctx.db
      .selectFrom('attempts')
      .innerJoin('participations', 'participations.id', 'attempts.participation_id')
      .select(['attempts.kind', 'attempts.score', 'participations.person_id'])
      .where('participations.event_id', '=', tot.id)
      .orderBy('attempts.kind')
      .execute();
    expect(attempts).toEqual([
      { kind: 'post', score: 1, person_id: kept.id },
      { kind: 'pre', score: 0, person_id: kept.id },
    ]);
  });
});
