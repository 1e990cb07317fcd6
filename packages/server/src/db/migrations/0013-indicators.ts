import type { Kysely } from 'kysely';
import { columnTypes, engineOf, withTimestamps } from '../dialect.js';

/**
 * The logframe (issue 11): results (outcomes and outputs) and indicators per programme, targets per
 * reporting period, values entered by hand with their evidence, locked periods with the values kept
 * as reported at locking, and the donor report's narrative as edited.
 *
 * A period is 'YYYY' or 'YYYY-Qn' (text). Unlocking deletes the lock and its kept values; the audit
 * log keeps both events (and the values reported) in the programme's history.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await withTimestamps(
    db.schema
      .createTable('logframe_results')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id').onDelete('cascade'))
      // 'outcome' | 'output'
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('code', t.text, (c) => c.notNull())
      .addColumn('statement', t.text, (c) => c.notNull())
      .addColumn('statement_ur', t.text)
      // An output's outcome (the service refuses to delete an outcome with outputs).
      .addColumn('parent_id', t.id, (c) => c.references('logframe_results.id'))
      .addUniqueConstraint('logframe_results_programme_code_uq', ['programme_id', 'code']),
    engine,
  ).execute();

  await withTimestamps(
    db.schema
      .createTable('indicators')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id').onDelete('cascade'))
      .addColumn('result_id', t.id, (c) => c.references('logframe_results.id'))
      .addColumn('code', t.text, (c) => c.notNull())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('name_ur', t.text)
      .addColumn('definition', t.text)
      .addColumn('unit', t.text, (c) => c.notNull())
      // { kind, …options } (contract: zComputation)
      .addColumn('computation', t.json, (c) => c.notNull())
      .addColumn('baseline_value', t.real)
      .addColumn('baseline_period', t.text)
      .addColumn('baseline_note', t.text)
      .addColumn('means_of_verification', t.text)
      // { sex, organizationType, province }
      .addColumn('disaggregation', t.json, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
      .addUniqueConstraint('indicators_programme_code_uq', ['programme_id', 'code']),
    engine,
  ).execute();
  await db.schema.createIndex('indicators_result_idx').on('indicators').column('result_id').execute();

  await db.schema
    .createTable('indicator_targets')
    .addColumn('indicator_id', t.id, (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('value', t.real, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_targets_pk', ['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('indicator_manual_values')
    .addColumn('indicator_id', t.id, (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('value', t.real, (c) => c.notNull())
    // { female, male, other, unknown } or null
    .addColumn('by_sex', t.json)
    .addColumn('evidence', t.text, (c) => c.notNull())
    .addColumn('evidence_url', t.text)
    .addColumn('updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_manual_values_pk', ['indicator_id', 'period'])
    .execute();

  await db.schema
    .createTable('period_locks')
    .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('locked_at', t.timestamp, (c) => c.notNull())
    .addColumn('locked_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('period_locks_pk', ['programme_id', 'period'])
    .execute();

  // The values kept at locking, one per indicator of the programme then; never updated.
  await db.schema
    .createTable('indicator_snapshots')
    .addColumn('programme_id', t.id, (c) => c.notNull())
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('indicator_id', t.id, (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    .addColumn('value', t.real)
    // { bySex, byOrganizationType, byProvince } (contract: zValueBreakdowns)
    .addColumn('breakdowns', t.json, (c) => c.notNull())
    .addForeignKeyConstraint('indicator_snapshots_lock_fk', ['programme_id', 'period'], 'period_locks', ['programme_id', 'period'], (c) =>
      c.onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('indicator_snapshots_pk', ['indicator_id', 'period'])
    .execute();
  await db.schema.createIndex('indicator_snapshots_lock_idx').on('indicator_snapshots').columns(['programme_id', 'period']).execute();

  await db.schema
    .createTable('donor_report_narratives')
    .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('period', t.text, (c) => c.notNull())
    .addColumn('text_en', t.text, (c) => c.notNull())
    .addColumn('text_ur', t.text, (c) => c.notNull())
    .addColumn('updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('donor_report_narratives_pk', ['programme_id', 'period'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'donor_report_narratives',
    'indicator_snapshots',
    'period_locks',
    'indicator_manual_values',
    'indicator_targets',
    'indicators',
    'logframe_results',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
