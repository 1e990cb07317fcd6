/**
 * The report columns (report-columns.ts): the unique people of a report are counted from an
 * in-memory copy of the report aggregates, which must never be stale. It is read again when the
 * change counter moved (a write from this app, another connection or SQL by hand, a rebuild of the
 * aggregates), dropped when the counter goes back, read once for concurrent reports, and not used
 * inside a transaction, whose uncommitted rows it could not see.
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
    await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Lahore workshop (renamed)', ids.lahore]);
    const before = reportColumnsStatus(ctx.db).loads;
    const reports = await Promise.all(Array.from({ length: 6 }, () => report()));
    expect(reportColumnsStatus(ctx.db).loads).toBe(before + 1);
    for (const r of reports) expect(r.people.total).toBe(2);
  });

  it('drops the copy when the counter goes back, as after a database put back by hand', async () => {
    await report();
    const before = reportColumnsStatus(ctx.db);
    await other.run('update change_counter set value = 0 where id = 1');
    const r = await report();
    expect(r.people.total).toBe(2);
    const after = reportColumnsStatus(ctx.db);
    expect(after.loads).toBe(before.loads + 1);
    expect(after.counter).toBeLessThan(before.counter ?? 0);
  });

  it('answers a report already under way when the counter goes back meanwhile, without reloading again and again', async () => {
    await report();
    await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Multan workshop', ids.multan]);
    const loads = reportColumnsStatus(ctx.db).loads;
    // The report has read the counter; the database is then put back (by hand) to a lower one.
    const underWay = report();
    await other.run('update change_counter set value = 1 where id = 1');
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
    await other.run(`update events set title = ${p(1)} where id = ${p(2)}`, ['Quetta workshop', ids.quetta]);
    const r = await report();
    expect(r.people).toMatchObject({ total: 2, female: 1, male: 1 });
    expect(r.participations).toMatchObject({ total: 4, male: 1 });
    await rebuildReportAggregates(ctx.db);
  });

  it('inside a transaction, counts its uncommitted rows and keeps nothing of them', async () => {
    await report();
    const loads = reportColumnsStatus(ctx.db).loads;
    const chand = await make.person(ctx, { sex: 'male' });
    await ctx.db
      .transaction()
      .execute(async (trx) => {
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
});
