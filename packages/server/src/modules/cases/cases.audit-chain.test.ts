import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hifazat } from '../../../test/command.js';
import { callRoute } from '../../../test/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';
import { verifyAuditChain } from '../audit/index.js';

type AuditRow = { id: string; seq: number; at: string; action: string; note: string | null; changes: string };

/**
 * Someone with write access to the database changes or removes the audit entries of a case (to hide
 * who read it): `verifyAuditChain` and `npx hifazat audit verify` name the entry (issue 12, "a test
 * that changing one audit row is detected"). The append-only triggers refuse UPDATE and DELETE, so
 * the tamperer turns them off first, as an owner of the database can.
 */
describe.each(testEngines())('tampering with a case’s audit entries on %s', { timeout: 120_000 }, (engine) => {
  let ctx: TestContext;
  let caseId = '';

  /** Raw SQL with the audit log's append-only triggers off. */
  async function behindTheAppsBack(statement: ReturnType<typeof sql>): Promise<void> {
    if (engine === 'postgres') {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(ctx.db);
      try {
        await statement.execute(ctx.db);
      } finally {
        await sql`ALTER TABLE audit_log ENABLE TRIGGER USER`.execute(ctx.db);
      }
      return;
    }
    const triggers = await sql<{
      name: string;
      sql: string;
    }>`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')`.execute(ctx.db);
    expect(triggers.rows).toHaveLength(2);
    for (const trigger of triggers.rows) await sql`DROP TRIGGER ${sql.ref(trigger.name)}`.execute(ctx.db);
    try {
      await statement.execute(ctx.db);
    } finally {
      for (const trigger of triggers.rows) await sql.raw(trigger.sql).execute(ctx.db);
    }
  }

  const caseEntries = async (): Promise<AuditRow[]> =>
    (
      await ctx.db
        .selectFrom('audit_log')
        .select(['id', 'seq', 'at', 'action', 'note', 'changes'])
        .where('entity_type', '=', 'case')
        .where('entity_id', '=', caseId)
        .orderBy('seq')
        .execute()
    ).map((r) => ({ ...r, seq: Number(r.seq), changes: typeof r.changes === 'string' ? r.changes : JSON.stringify(r.changes) }));

  /** The verdict of both the function and the command, which must agree. */
  async function verdicts() {
    const check = await verifyAuditChain(ctx.db);
    const command = await hifazat(ctx, ['audit', 'verify']);
    return { check, command };
  }

  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true, databaseInDataDir: true });
    const created = await callRoute(
      ctx,
      'createCase',
      { body: { countryCode: 'PK', province: 'Punjab', victim: { fullName: 'Nargis Parveen', sex: 'female', estimatedAge: 19 } } },
      'data_officer',
    );
    expect(created.status, created.raw).toBe(201);
    caseId = created.body.id;
    // Reads: each writes a 'view' entry in the same transaction.
    for (const role of ['data_officer', 'supervisor', 'data_officer'] as const)
      expect((await callRoute(ctx, 'getCase', { params: { id: caseId } }, role)).status).toBe(200);
    expect((await callRoute(ctx, 'updateCase', { params: { id: caseId }, body: { district: 'Kasur' } }, 'data_officer')).status).toBe(200);
    // Entries after the case's, so that a removed one is followed by another.
    expect((await callRoute(ctx, 'listCases', { query: {} }, 'supervisor')).status).toBe(200);
  });
  afterAll(() => ctx.close());

  it('holds before anything is touched, by the function and the command', async () => {
    expect((await caseEntries()).map((e) => e.action)).toEqual(['create', 'view', 'view', 'view', 'update', 'view']);
    const { check, command } = await verdicts();
    expect(check.intact).toBe(true);
    expect(command.status, command.stderr).toBe(0);
    expect(command.stdout).toMatch(new RegExp(`^audit chain intact: ${check.entries} entries`));
  });

  it('names a view entry whose note was rewritten (a break-glass read passed off as an ordinary one), and holds again once it is put back', async () => {
    const views = (await caseEntries()).filter((e) => e.action === 'view');
    const target = views[1]!;
    await behindTheAppsBack(sql`UPDATE audit_log SET note = ${'break-glass'} WHERE id = ${target.id}`);
    const { check, command } = await verdicts();
    expect(check.intact).toBe(false);
    expect(check.verdict).toMatchObject({ broken: { seq: target.seq, id: target.id, reason: expect.stringMatching(/do not match its hash/) } });
    expect(command.status).toBe(1);
    expect(command.stderr).toContain(`audit chain broken at entry ${target.seq} (id ${target.id}, written ${target.at}): its contents do not match its hash`);

    await behindTheAppsBack(sql`UPDATE audit_log SET note = ${target.note} WHERE id = ${target.id}`);
    expect((await verifyAuditChain(ctx.db)).intact).toBe(true);
  });

  it('names the update entry whose changes were rewritten (a field removed from what was changed)', async () => {
    const update = (await caseEntries()).find((e) => e.action === 'update')!;
    expect(JSON.parse(update.changes)).toHaveProperty('district');
    await behindTheAppsBack(sql`UPDATE audit_log SET changes = ${JSON.stringify({})} WHERE id = ${update.id}`);
    const { check, command } = await verdicts();
    expect(check.verdict).toMatchObject({ intact: false, broken: { seq: update.seq, id: update.id } });
    expect(command.status).toBe(1);
    expect(command.stderr).toContain(`audit chain broken at entry ${update.seq} (id ${update.id}`);

    await behindTheAppsBack(sql`UPDATE audit_log SET changes = ${update.changes} WHERE id = ${update.id}`);
    expect((await verifyAuditChain(ctx.db)).intact).toBe(true);
  });

  it('names the entry after a view entry that was deleted, and the end when the last entries are cut off', async () => {
    const entries = await caseEntries();
    const removed = entries.find((e) => e.action === 'view')!;
    const next = await ctx.db
      .selectFrom('audit_log')
      .select(['id', 'at'])
      .where('seq', '=', removed.seq + 1)
      .executeTakeFirstOrThrow();
    await behindTheAppsBack(sql`DELETE FROM audit_log WHERE id = ${removed.id}`);
    const { check, command } = await verdicts();
    expect(check.verdict).toMatchObject({
      intact: false,
      entries: removed.seq - 1,
      broken: { seq: removed.seq + 1, id: next.id, reason: `entry ${removed.seq + 1} follows entry ${removed.seq - 1}: entry ${removed.seq} is missing` },
    });
    expect(command.status).toBe(1);
    expect(command.stderr).toContain(
      `audit chain broken at entry ${removed.seq + 1} (id ${next.id}, written ${next.at}): entry ${removed.seq + 1} follows entry ${removed.seq - 1}`,
    );

    // Deleting every entry from the gap on, so that no gap shows: the chain head still knows the count.
    const head = await ctx.db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
    await behindTheAppsBack(sql`DELETE FROM audit_log WHERE seq > ${removed.seq - 1}`);
    const cut = await verdicts();
    expect(cut.check.verdict).toMatchObject({
      intact: false,
      broken: {
        seq: removed.seq - 1,
        reason: `the chain ends at entry ${removed.seq - 1} but its head says ${Number(head.seq)}: entries after it are missing`,
      },
    });
    expect(cut.command.status).toBe(1);
    expect(cut.command.stderr).toContain(`audit chain broken at entry ${removed.seq - 1}`);
  });
});
