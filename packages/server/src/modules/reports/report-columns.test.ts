/**
 * The report columns (report-columns.ts): the unique people of a report are counted from an
 * in-memory copy of the report aggregates, which must never be stale. It is read again when the
 * report copy's counter moved (a change to what it holds, from this app, another connection or SQL
 * by hand, a rebuild of the aggregates), kept through writes that change nothing it holds, dropped
 * when the counter goes back, read once for concurrent reports, and not used inside a transaction,
 * whose uncommitted rows it could not see.
 */
import type { ProgrammeReport } from '@hifazat/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import type { Actor } from '../../http/permissions.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, openSecondConnection, type SecondConnection, type TestContext } from '../../../test/helpers.js';
import { rebuildReportAggregates } from './report-aggregates.repository.js';
import { reportColumnsStatus } from './report-columns.js';
import { programmeReport } from './reports.service.js';

describe.each(testEngines())('report columns on %s', (engine) => {
  let ctx: TestContext;
  /** A second connection to the same database, as another server process or `npx hifazat` would have. */
  let other: SecondConnection;
  const p = (n: number) => (engine === 'postgres' ? `$${n}` : '?');
  const ids: Record<string, string> = {};
  const admin: Actor = { id: 'report-columns-admin', name: 'Admin', email: 'admin@test', role: 'admin', countries: null };
  const query = () => ({ from: '2025-01-01', to: '2025-12-31', programmeId: ids.programme });
  const report = (): Promise<ProgrammeReport> => programmeReport(ctx.db, admin, query());

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    other = await openSecondConnection(engine, ctx.databaseAddress);
    const programme = await make.programme(ctx);
    ids.programme = programme.id;
    const police = await make.organization(ctx, { type: 'law_enforcement' });
    // Three events in two provinces; Amina is at all three, so she is one person three times over.
    const lahore = await make.event(ctx, { programmeId: programme.id, status: 'held', province: 'Punjab', startDate: '2025-03-10', endDate: '2025-03-10' });
    const multan = await make.event(ctx, { programmeId: programme.id, status: 'held', province: 'Punjab', startDate: '2025-05-10', endDate: '2025-05-10' });
    const quetta = await make.event(ctx, {
      programmeId: programme.id,
      status: 'held',
      province: 'Balochistan',
      startDate: '2025-07-10',
      endDate: '2025-07-10',
    });
    const amina = await make.person(ctx, { sex: 'female', organizationId: police.id, birthYear: 2000 });
    const bilal = await make.person(ctx, { sex: 'male', birthYear: 1970 });
    Object.assign(ids, { lahore: lahore.id, multan: multan.id, quetta: quetta.id, amina: amina.id, bilal: bilal.id, police: police.id });
    for (const event of [lahore, multan, quetta]) {
      const added = await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: amina.id, role: 'participant', attended: true } });
      expect(added.status, added.raw).toBe(201);
    }
    const added = await callRoute(ctx, 'addParticipant', { params: { id: quetta.id }, body: { personId: bilal.id, role: 'participant', attended: true } });
    expect(added.status, added.raw).toBe(201);
  });
  afterAll(async () => {
    await other.close();
    await ctx.close();
  });

  it('counts a person once in each breakdown they fall in, however many events they attended', async () => {
    const r = await report();
    expect(r.participations).toMatchObject({ total: 4, female: 3, male: 1 });
    expect(r.people).toMatchObject({ total: 2, female: 1, male: 1 });
    expect(r.byProvince.map((row) => [row.province, row.people.total, row.participations.total])).toEqual([
      ['Balochistan', 2, 2],
      ['Punjab', 1, 2],
    ]);
    expect(r.byOrganizationType.find((row) => row.type === 'law_enforcement')?.people).toMatchObject({ total: 1, female: 1 });
    expect(r.byOrganizationType.find((row) => row.type === null)?.people).toMatchObject({ total: 1, male: 1 });
    expect(r.byOrganization.find((row) => row.organizationId === ids.police)).toMatchObject({ participations: { total: 3 }, people: { total: 1 } });
    // Amina is 25 in 2025, Bilal 55.
    expect(r.byAgeBand.map((row) => [row.band, row.people.total, row.participations.total])).toEqual([
      ['25_34', 1, 3],
      ['55_plus', 1, 1],
    ]);
    // A filter narrows the events the facts are counted at: Punjab holds only Amina.
    const punjab = await programmeReport(ctx.db, admin, { ...query(), province: 'Punjab' });
    expect(punjab.people).toMatchObject({ total: 1, female: 1, male: 0 });
    expect(punjab.participations.total).toBe(2);
  });

  it('keeps its copy while nothing changed, and reads it again after a write from another connection', async () => {
    await report();
    const before = reportColumnsStatus(ctx.db);
    expect(before.counter).not.toBeNull();
    expect(before.bytes).toBeGreaterThan(0);
    await report();
    await programmeReport(ctx.db, admin, { ...query(), province: 'Balochistan' });
    expect(reportColumnsStatus(ctx.db).loads).toBe(before.loads);

    // Bilal's only participation stops counting, written by another process.
    await other.run(`update participations set attended = ${engine === 'postgres' ? 'false' : '0'} where person_id = ${p(1)}`, [ids.bilal]);
    const after = await report();
    expect(after.people).toMatchObject({ total: 1, female: 1, male: 0 });
    expect(reportColumnsStatus(ctx.db).loads).toBe(before.loads + 1);
    await other.run(`update participations set attended = ${engine === 'postgres' ? 'true' : '1'} where person_id = ${p(1)}`, [ids.bilal]);
    expect((await report()).people.total).toBe(2);
  });

  it('reads the copy once for reports that arrive together after a write', async () => {
    await other.run(`update people set district = ${p(1)} where id = ${p(2)}`, ['Lahore', ids.amina]);
    const before = reportColumnsStatus(ctx.db).loads;
    const reports = await Promise.all(Array.from({ length: 6 }, () => report()));
    expect(reportColumnsStatus(ctx.db).loads).toBe(before + 1);
    for (const r of reports) expect(r.people.total).toBe(2);
  });

  it('drops the copy when the counter goes back, as after a database put back by hand', async () => {
    await report();
    const before = reportColumnsStatus(ctx.db);
    await other.run('update report_copy_counter set value = 0 where id = 1');
    const r = await report();
    expect(r.people.total).toBe(2);
    const after = reportColumnsStatus(ctx.db);
    expect(after.loads).toBe(before.loads + 1);
    expect(after.counter).toBeLessThan(before.counter ?? 0);
  });

  it('answers a report already under way when the counter goes back meanwhile, without reloading again and again', async () => {
    await report();
    await other.run(`update people set district = ${p(1)} where id = ${p(2)}`, ['Multan', ids.amina]);
    const loads = reportColumnsStatus(ctx.db).loads;
    // The report has read the counter; the database is then put back (by hand) to a lower one.
    const underWay = report();
    await other.run('update report_copy_counter set value = 1 where id = 1');
    expect((await underWay).people.total).toBe(2);
    expect(reportColumnsStatus(ctx.db).loads).toBeLessThanOrEqual(loads + 1);
    expect((await report()).people.total).toBe(2);
    expect(reportColumnsStatus(ctx.db).counter).toBe(1);
  });

  it('shows a rebuild of tampered aggregates at once, though no raw table changed', async () => {
    await report();
    // A fact removed by hand: the report is wrong until the aggregates are rebuilt.
    await other.run(
      `delete from report_facts where person_n = (select report_n from people where id = ${p(1)}) and event_n = (select report_n from events where id = ${p(2)})`,
      [ids.bilal, ids.quetta],
    );
    await rebuildReportAggregates(ctx.db);
    const r = await report();
    expect(r.people).toMatchObject({ total: 2, male: 1 });
  });

  it('still counts every fact when the per-event counts lack its sex and organisation type (aggregates drifted apart)', async () => {
    // The packed read numbers each fact's pair among those report_event_counts holds; a pair missing
    // there makes it read the facts column by column.
    await other.run(`delete from report_event_counts where person_sex = 'male'`);
    await other.run(`update people set district = ${p(1)} where id = ${p(2)}`, ['Quetta', ids.amina]);
    const r = await report();
    expect(r.people).toMatchObject({ total: 2, female: 1, male: 1 });
    expect(r.participations).toMatchObject({ total: 4, male: 1 });
    await rebuildReportAggregates(ctx.db);
  });

  it('inside a transaction, counts its uncommitted rows, also after a report read before them, and keeps nothing of them', async () => {
    await report();
    const loads = reportColumnsStatus(ctx.db).loads;
    const chand = await make.person(ctx, { sex: 'male' });
    await ctx.db
      .transaction()
      .execute(async (trx) => {
        // Read once for the transaction, then again when its own write moved the counter.
        expect((await programmeReport(trx, admin, query())).people.total).toBe(2);
        const participation = await trx
          .selectFrom('participations')
          .selectAll()
          .where('person_id', '=', ids.bilal ?? '')
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('participations')
          .values({ ...participation, id: crypto.randomUUID(), person_id: chand.id })
          .execute();
        const inside = await programmeReport(trx, admin, query());
        expect(inside.people.total).toBe(3);
        throw new Error('roll back');
      })
      .catch((error: unknown) => expect(String(error)).toContain('roll back'));
    expect(reportColumnsStatus(ctx.db).loads).toBe(loads);
    expect((await report()).people.total).toBe(2);
    const facts = await sql<{ n: unknown }>`select count(*) as n from report_facts`.execute(ctx.db);
    expect(Number(facts.rows[0]?.n)).toBe(4);
  });
  it('keeps its copy through writes that change nothing it holds, while the change counter of the cached answers moves', async () => {
    await report();
    const before = reportColumnsStatus(ctx.db).loads;
    const changes = async () => Number((await sql<{ value: unknown }>`select value from change_counter where id = 1`.execute(ctx.db)).rows[0]?.value);
    const changesBefore = await changes();
    // A mark that leaves Amina attended (she was recorded as attended; now a day says present).
    const marked = await callRoute(ctx, 'setAttendance', {
      params: { id: ids.lahore ?? '' },
      body: { personId: ids.amina ?? '', date: '2025-03-10', present: true },
    });
    expect(marked.status, marked.raw).toBe(200);
    // From another connection: a title, the time a row was touched, a value set to what it is, a trainer.
    await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Lahore workshop (renamed)', ids.lahore]);
    await other.run(`update participations set updated_at = ${p(1)} where person_id = ${p(2)}`, ['2025-12-01T00:00:00.000Z', ids.bilal]);
    await other.run(`update participations set attended = attended, role = role where person_id = ${p(1)}`, [ids.bilal]);
    await other.run(`update people set district = district, birth_year = birth_year where id = ${p(1)}`, [ids.bilal]);
    await other.run(`insert into event_trainers (event_id, user_id) values (${p(1)}, ${p(2)})`, [ids.multan, ctx.users.trainer.id]);
    expect(await changes()).toBeGreaterThan(changesBefore);
    expect((await report()).people.total).toBe(2);
    expect(reportColumnsStatus(ctx.db).loads).toBe(before);
  });

  it('shows at once every change to what it holds, made from another connection, and the change undone', async () => {
    const other2 = await make.programme(ctx);
    const border = await make.organization(ctx, { type: 'civil_society', countryCode: 'AF' });
    const pkOnly: Actor = { ...admin, countries: ['PK'] };
    const police = await ctx.db
      .selectFrom('organizations')
      .select('name')
      .where('id', '=', ids.police ?? '')
      .executeTakeFirstOrThrow();
    const scopes = async (db: typeof ctx.db) =>
      JSON.stringify([
        await programmeReport(db, admin, query()),
        await programmeReport(db, admin, { ...query(), topic: 'border management' }),
        await programmeReport(db, admin, { ...query(), countryCode: 'PK' }),
        await programmeReport(db, pkOnly, query()),
      ]);
    // The answer computed afresh inside a transaction reads no kept copy.
    const fresh = () => ctx.db.transaction().execute((trx) => scopes(trx));
    const sqlBool = (b: boolean) => (engine === 'postgres' ? String(b) : b ? '1' : '0');
    const change = (table: string, column: string, id: string, value: string | number | null) =>
      other.run(`update ${table} set ${column} = ${p(1)} where id = ${p(2)}`, [value, id]);
    const changes: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      [
        'event date',
        () => change('events', 'start_date', ids.lahore ?? '', '2024-12-10'),
        () => change('events', 'start_date', ids.lahore ?? '', '2025-03-10'),
      ],
      ['event status', () => change('events', 'status', ids.multan ?? '', 'cancelled'), () => change('events', 'status', ids.multan ?? '', 'held')],
      ['event province', () => change('events', 'province', ids.multan ?? '', 'Sindh'), () => change('events', 'province', ids.multan ?? '', 'Punjab')],
      ['event type', () => change('events', 'type', ids.multan ?? '', 'meeting'), () => change('events', 'type', ids.multan ?? '', 'workshop')],
      ['event country', () => change('events', 'country_code', ids.quetta ?? '', 'AF'), () => change('events', 'country_code', ids.quetta ?? '', 'PK')],
      [
        'event programme',
        () => change('events', 'programme_id', ids.quetta ?? '', other2.id),
        () => change('events', 'programme_id', ids.quetta ?? '', ids.programme ?? ''),
      ],
      [
        'event topic',
        () =>
          other.run(`insert into event_topics (event_id, topic, topic_normalized) values (${p(1)}, ${p(2)}, ${p(3)})`, [
            ids.quetta,
            'Border management',
            'border management',
          ]),
        () => other.run(`delete from event_topics where event_id = ${p(1)} and topic_normalized = ${p(2)}`, [ids.quetta, 'border management']),
      ],
      [
        'organisation name',
        () => change('organizations', 'name', ids.police ?? '', 'Police renamed'),
        () => change('organizations', 'name', ids.police ?? '', police.name),
      ],
      [
        'organisation country',
        () => change('organizations', 'country_code', ids.police ?? '', 'AF'),
        () => change('organizations', 'country_code', ids.police ?? '', 'PK'),
      ],
      [
        'person organisation',
        () => change('people', 'organization_id', ids.amina ?? '', border.id),
        () => change('people', 'organization_id', ids.amina ?? '', ids.police ?? ''),
      ],
      ['person district', () => change('people', 'district', ids.bilal ?? '', 'Quetta'), () => change('people', 'district', ids.bilal ?? '', null)],
      ['person birth year', () => change('people', 'birth_year', ids.bilal ?? '', 2001), () => change('people', 'birth_year', ids.bilal ?? '', 1970)],
      ['person country', () => change('people', 'country_code', ids.bilal ?? '', 'AF'), () => change('people', 'country_code', ids.bilal ?? '', 'PK')],
      [
        'attendance',
        () => other.run(`update participations set attended = ${sqlBool(false)} where person_id = ${p(1)}`, [ids.bilal]),
        () => other.run(`update participations set attended = ${sqlBool(true)} where person_id = ${p(1)}`, [ids.bilal]),
      ],
      [
        'role',
        () => other.run(`update participations set role = 'observer' where person_id = ${p(1)}`, [ids.bilal]),
        () => other.run(`update participations set role = 'participant' where person_id = ${p(1)}`, [ids.bilal]),
      ],
      [
        "participation's sex",
        () => other.run(`update participations set person_sex = 'other' where person_id = ${p(1)}`, [ids.bilal]),
        () => other.run(`update participations set person_sex = 'male' where person_id = ${p(1)}`, [ids.bilal]),
      ],
    ];
    const original = await fresh();
    for (const [what, apply, undo] of changes) {
      for (const step of [apply, undo]) {
        const before = await scopes(ctx.db);
        const loads = reportColumnsStatus(ctx.db).loads;
        await step();
        const now = await fresh();
        expect(now, `${what}: changes a report`).not.toBe(before);
        expect(await scopes(ctx.db), what).toBe(now);
        expect(reportColumnsStatus(ctx.db).loads, what).toBeGreaterThan(loads);
      }
    }
    expect(await scopes(ctx.db)).toBe(original);
  });
});

/**
 * PostgreSQL moves both counters at commit (deferred triggers, in the order the transaction noted
 * its changes). A person's district noted the report copy first; an attendance mark notes the change
 * counter first (its touch) and the report copy after (the fact it turns over). A deferred trigger
 * of this test's own, queued between the mark's two notes, holds its commit between the two counters
 * while the other commits: locked in two orders, they deadlocked (40P01) before the fix.
 */
describe.each(testEngines().filter((engine) => engine === 'postgres'))('the two counters at commit on %s', (engine) => {
  let ctx: TestContext;
  let edit: SecondConnection;
  let mark: SecondConnection;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext(engine);
    edit = await openSecondConnection(engine, ctx.databaseAddress);
    mark = await openSecondConnection(engine, ctx.databaseAddress);
    const event = await make.event(ctx, { status: 'held', startDate: '2025-03-10', endDate: '2025-03-10' });
    const edited = await make.person(ctx, { sex: 'female' });
    const marked = await make.person(ctx, { sex: 'male' });
    const added = await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: marked.id, role: 'participant', attended: true } });
    expect(added.status, added.raw).toBe(201);
    Object.assign(ids, { edited: edited.id, marked: marked.id });
    await edit.run('create table slow_commit (id serial primary key)');
    await edit.run('create function slow_commit() returns trigger language plpgsql as $$ begin perform pg_sleep(0.5); return null; end $$');
    await edit.run(
      'create constraint trigger slow_commit_at_commit after insert on slow_commit deferrable initially deferred for each row execute function slow_commit()',
    );
  });
  afterAll(async () => {
    await edit.close();
    await mark.close();
    await ctx.close();
  });

  it('never deadlocks two writers that noted the two counters in opposite orders', async () => {
    const counters = async () =>
      (
        await sql<{ change: unknown; copy: unknown }>`
        select (select value from change_counter where id = 1) as change, (select value from report_copy_counter where id = 1) as copy`.execute(ctx.db)
      ).rows[0];
    const before = await counters();
    await edit.run('begin');
    await edit.run('update people set district = $1 where id = $2', ['Rawalpindi', ids.edited]);
    await mark.run('begin');
    await mark.run('update participations set updated_at = $1 where person_id = $2', ['2025-12-01T00:00:00.000Z', ids.marked]);
    await mark.run('insert into slow_commit default values');
    await mark.run('update participations set attended = not attended where person_id = $1', [ids.marked]);
    const markCommit = mark.run('commit');
    // The mark's commit now holds the change counter and sleeps before it takes the report copy's.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const results = await Promise.allSettled([edit.run('commit'), markCommit]);
    expect(results.map((r) => (r.status === 'fulfilled' ? 'committed' : String(r.reason)))).toEqual(['committed', 'committed']);
    const after = await counters();
    expect(Number(after?.change)).toBe(Number(before?.change) + 2);
    expect(Number(after?.copy)).toBe(Number(before?.copy) + 2);
  });
});
