import type { Db } from '../../db/database.js';
import { fromJson, toJson } from '../../db/dialect.js';
import type {
  DonorReportNarrativesTable,
  IndicatorManualValuesTable,
  IndicatorSnapshotsTable,
  IndicatorsTable,
  IndicatorTargetsTable,
  LogframeResultsTable,
  PeriodLocksTable,
} from '../../db/schema.js';

/** The logframe's tables: the only place with their SQL. Every function takes `db` or a transaction. */

export type ResultRow = LogframeResultsTable;
export type IndicatorRow = Omit<IndicatorsTable, 'computation' | 'disaggregation'> & { computation: unknown; disaggregation: unknown };
export type TargetRow = IndicatorTargetsTable;
export type ManualValueRow = Omit<IndicatorManualValuesTable, 'by_sex'> & { by_sex: unknown };
export type LockRow = PeriodLocksTable & { locked_by_name: string | null };
export type SnapshotRow = Omit<IndicatorSnapshotsTable, 'breakdowns'> & { breakdowns: unknown };
export type NarrativeRow = DonorReportNarrativesTable & { updated_by_name: string | null };

const parsedIndicator = (row: IndicatorsTable): IndicatorRow => ({
  ...row,
  computation: fromJson<unknown>(row.computation, {}),
  disaggregation: fromJson<unknown>(row.disaggregation, {}),
});

// ------------------------------------------------------------ results

export async function listResults(db: Db, programmeId: string): Promise<ResultRow[]> {
  return db.selectFrom('logframe_results').selectAll().where('programme_id', '=', programmeId).orderBy('code').orderBy('id').execute();
}

export async function findResult(db: Db, id: string): Promise<ResultRow | undefined> {
  return db.selectFrom('logframe_results').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertResult(db: Db, row: ResultRow): Promise<void> {
  await db.insertInto('logframe_results').values(row).execute();
}

export async function updateResultRow(db: Db, id: string, changes: Partial<Omit<ResultRow, 'id' | 'programme_id'>>): Promise<void> {
  await db.updateTable('logframe_results').set(changes).where('id', '=', id).execute();
}

export async function deleteResultRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('logframe_results').where('id', '=', id).execute();
}

/** Outputs under a result and indicators attached to it: what keeps it from being deleted. */
export async function resultDependants(db: Db, id: string): Promise<{ outputs: number; indicators: number }> {
  const [outputs, indicators] = await Promise.all([
    db.selectFrom('logframe_results').select('id').where('parent_id', '=', id).execute(),
    db.selectFrom('indicators').select('id').where('result_id', '=', id).execute(),
  ]);
  return { outputs: outputs.length, indicators: indicators.length };
}

// ------------------------------------------------------------ indicators

export async function listIndicators(db: Db, programmeId: string): Promise<IndicatorRow[]> {
  const rows = await db.selectFrom('indicators').selectAll().where('programme_id', '=', programmeId).orderBy('code').orderBy('id').execute();
  return rows.map(parsedIndicator);
}

export async function findIndicator(db: Db, id: string): Promise<IndicatorRow | undefined> {
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? parsedIndicator(row) : undefined;
}

export async function codeTaken(db: Db, table: 'indicators' | 'logframe_results', programmeId: string, code: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom(table).select('id').where('programme_id', '=', programmeId).where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

type IndicatorWrite = Omit<IndicatorRow, 'computation' | 'disaggregation'> & { computation: object; disaggregation: object };

export async function insertIndicator(db: Db, row: IndicatorWrite): Promise<void> {
  await db
    .insertInto('indicators')
    .values({ ...row, computation: toJson(row.computation), disaggregation: toJson(row.disaggregation) })
    .execute();
}

export async function updateIndicatorRow(db: Db, id: string, changes: Partial<Omit<IndicatorWrite, 'id' | 'programme_id'>>): Promise<void> {
  const { computation, disaggregation, ...rest } = changes;
  await db
    .updateTable('indicators')
    .set({
      ...rest,
      ...(computation !== undefined ? { computation: toJson(computation) } : {}),
      ...(disaggregation !== undefined ? { disaggregation: toJson(disaggregation) } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function deleteIndicatorRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('indicators').where('id', '=', id).execute();
}

export async function targetsOf(db: Db, indicatorIds: string[]): Promise<TargetRow[]> {
  if (indicatorIds.length === 0) return [];
  return db.selectFrom('indicator_targets').selectAll().where('indicator_id', 'in', indicatorIds).orderBy('period').execute();
}

export async function replaceTargets(db: Db, indicatorId: string, targets: Array<{ period: string; value: number }>): Promise<void> {
  await db.deleteFrom('indicator_targets').where('indicator_id', '=', indicatorId).execute();
  if (targets.length > 0)
    await db
      .insertInto('indicator_targets')
      .values(targets.map((t) => ({ indicator_id: indicatorId, period: t.period, value: t.value })))
      .execute();
}

// ------------------------------------------------------------ manual values

export async function manualValues(db: Db, indicatorIds: string[], period: string): Promise<ManualValueRow[]> {
  if (indicatorIds.length === 0) return [];
  const rows = await db.selectFrom('indicator_manual_values').selectAll().where('indicator_id', 'in', indicatorIds).where('period', '=', period).execute();
  return rows.map((r) => ({ ...r, by_sex: fromJson<unknown>(r.by_sex, null) }));
}

export async function upsertManualValue(db: Db, row: Omit<ManualValueRow, 'by_sex'> & { by_sex: object | null }): Promise<void> {
  const values = { ...row, by_sex: row.by_sex === null ? null : toJson(row.by_sex) };
  await db
    .insertInto('indicator_manual_values')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['indicator_id', 'period']).doUpdateSet({
        value: values.value,
        by_sex: values.by_sex,
        evidence: values.evidence,
        evidence_url: values.evidence_url,
        updated_by: values.updated_by,
        updated_at: values.updated_at,
      }),
    )
    .execute();
}

// ------------------------------------------------------------ locks and kept values

export async function findLock(db: Db, programmeId: string, period: string): Promise<LockRow | undefined> {
  return db
    .selectFrom('period_locks')
    .leftJoin('users', 'users.id', 'period_locks.locked_by')
    .select(['period_locks.programme_id', 'period_locks.period', 'period_locks.locked_at', 'period_locks.locked_by', 'users.name as locked_by_name'])
    .where('period_locks.programme_id', '=', programmeId)
    .where('period_locks.period', '=', period)
    .executeTakeFirst();
}

export async function listLocks(db: Db, programmeId: string): Promise<Array<LockRow & { indicators: number }>> {
  const [locks, counts] = await Promise.all([
    db
      .selectFrom('period_locks')
      .leftJoin('users', 'users.id', 'period_locks.locked_by')
      .select(['period_locks.programme_id', 'period_locks.period', 'period_locks.locked_at', 'period_locks.locked_by', 'users.name as locked_by_name'])
      .where('period_locks.programme_id', '=', programmeId)
      .orderBy('period_locks.period', 'desc')
      .execute(),
    db
      .selectFrom('indicator_snapshots')
      .select(['period', (eb) => eb.fn.countAll<number>().as('n')])
      .where('programme_id', '=', programmeId)
      .groupBy('period')
      .execute(),
  ]);
  const n = new Map(counts.map((c) => [c.period, Number(c.n)]));
  return locks.map((l) => ({ ...l, indicators: n.get(l.period) ?? 0 }));
}

/**
 * Locks the period and keeps the values, in the caller's transaction. The lock's primary key makes a
 * second, concurrent lock of the same period fail (the service answers 409).
 */
export async function insertLock(
  db: Db,
  lock: PeriodLocksTable,
  snapshots: Array<{ indicator_id: string; value: number | null; breakdowns: object }>,
): Promise<void> {
  await db.insertInto('period_locks').values(lock).execute();
  for (let i = 0; i < snapshots.length; i += 200) {
    await db
      .insertInto('indicator_snapshots')
      .values(
        snapshots.slice(i, i + 200).map((s) => ({
          programme_id: lock.programme_id,
          period: lock.period,
          indicator_id: s.indicator_id,
          value: s.value,
          breakdowns: toJson(s.breakdowns),
        })),
      )
      .execute();
  }
}

export async function deleteLock(db: Db, programmeId: string, period: string): Promise<void> {
  await db.deleteFrom('indicator_snapshots').where('programme_id', '=', programmeId).where('period', '=', period).execute();
  await db.deleteFrom('period_locks').where('programme_id', '=', programmeId).where('period', '=', period).execute();
}

export async function snapshotsOf(db: Db, programmeId: string, period: string, indicatorIds?: string[]): Promise<SnapshotRow[]> {
  let q = db.selectFrom('indicator_snapshots').selectAll().where('programme_id', '=', programmeId).where('period', '=', period);
  if (indicatorIds) {
    if (indicatorIds.length === 0) return [];
    q = q.where('indicator_id', 'in', indicatorIds);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, breakdowns: fromJson<unknown>(r.breakdowns, {}) }));
}

export async function hasSnapshots(db: Db, indicatorId: string): Promise<boolean> {
  return (await db.selectFrom('indicator_snapshots').select('period').where('indicator_id', '=', indicatorId).executeTakeFirst()) !== undefined;
}

// ------------------------------------------------------------ narrative

export async function findNarrative(db: Db, programmeId: string, period: string): Promise<NarrativeRow | undefined> {
  return db
    .selectFrom('donor_report_narratives')
    .leftJoin('users', 'users.id', 'donor_report_narratives.updated_by')
    .select([
      'donor_report_narratives.programme_id',
      'donor_report_narratives.period',
      'donor_report_narratives.text_en',
      'donor_report_narratives.text_ur',
      'donor_report_narratives.updated_by',
      'donor_report_narratives.updated_at',
      'users.name as updated_by_name',
    ])
    .where('donor_report_narratives.programme_id', '=', programmeId)
    .where('donor_report_narratives.period', '=', period)
    .executeTakeFirst();
}

export async function upsertNarrative(db: Db, row: DonorReportNarrativesTable): Promise<void> {
  await db
    .insertInto('donor_report_narratives')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['programme_id', 'period'])
        .doUpdateSet({ text_en: row.text_en, text_ur: row.text_ur, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function deleteNarrative(db: Db, programmeId: string, period: string): Promise<void> {
  await db.deleteFrom('donor_report_narratives').where('programme_id', '=', programmeId).where('period', '=', period).execute();
}
