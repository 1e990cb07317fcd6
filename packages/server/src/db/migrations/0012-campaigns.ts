import type { Kysely } from 'kysely';
import { columnTypes, engineOf, withTimestamps } from '../dialect.js';

/**
 * Awareness campaigns (issue 11): a campaign of a programme in one country, its partners, its
 * sessions (events of the register, or gatherings with an estimated audience), its media outputs,
 * evidence files (the files are in DATA_DIR/campaign-evidence/, the rows say what they are), and
 * needs assessments a campaign may answer.
 *
 * A session that is an event goes with the event (deleted with it); an output's evidence stays with
 * the campaign when the output goes. A programme, a needs assessment or an organisation a campaign
 * names cannot be deleted from under it, except the needs assessment link, which is cleared.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await withTimestamps(
    db.schema
      .createTable('needs_assessments')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('country_code', t.text, (c) => c.notNull())
      .addColumn('province', t.text)
      .addColumn('district', t.text)
      .addColumn('area', t.text, (c) => c.notNull())
      .addColumn('area_normalized', t.text, (c) => c.notNull())
      .addColumn('assessed_on', t.date, (c) => c.notNull())
      .addColumn('findings', t.text, (c) => c.notNull())
      .addColumn('recommendations', t.text)
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  await db.schema.createIndex('needs_assessments_country_idx').on('needs_assessments').columns(['country_code', 'assessed_on']).execute();

  await withTimestamps(
    db.schema
      .createTable('campaigns')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id'))
      .addColumn('country_code', t.text, (c) => c.notNull())
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('title_normalized', t.text, (c) => c.notNull())
      .addColumn('province', t.text)
      .addColumn('district', t.text)
      .addColumn('area', t.text)
      .addColumn('start_date', t.date, (c) => c.notNull())
      .addColumn('end_date', t.date, (c) => c.notNull())
      .addColumn('other_partners', t.text)
      // JSON arrays of the contract's codes.
      .addColumn('target_groups', t.json, (c) => c.notNull())
      .addColumn('target_groups_other', t.text)
      .addColumn('languages', t.json, (c) => c.notNull())
      .addColumn('notes', t.text)
      .addColumn('needs_assessment_id', t.id, (c) => c.references('needs_assessments.id').onDelete('set null'))
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  await db.schema.createIndex('campaigns_start_idx').on('campaigns').columns(['start_date', 'id']).execute();
  await db.schema.createIndex('campaigns_programme_idx').on('campaigns').columns(['programme_id', 'start_date']).execute();
  await db.schema.createIndex('campaigns_needs_idx').on('campaigns').column('needs_assessment_id').execute();

  await db.schema
    .createTable('campaign_partners')
    .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('organization_id', t.id, (c) => c.notNull().references('organizations.id'))
    .addPrimaryKeyConstraint('campaign_partners_pk', ['campaign_id', 'organization_id'])
    .execute();
  await db.schema.createIndex('campaign_partners_org_idx').on('campaign_partners').column('organization_id').execute();

  await db.schema
    .createTable('campaign_sessions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    // An event of the register (its attended participants are counted), or null: an estimated audience.
    .addColumn('event_id', t.id, (c) => c.references('events.id').onDelete('cascade'))
    .addColumn('held_on', t.date)
    .addColumn('place', t.text)
    .addColumn('estimated_audience', t.integer)
    .addColumn('estimated_female', t.integer)
    .addColumn('estimated_male', t.integer)
    .addColumn('notes', t.text)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('campaign_sessions_event_uq', ['campaign_id', 'event_id'])
    .execute();
  await db.schema.createIndex('campaign_sessions_event_idx').on('campaign_sessions').column('event_id').execute();

  await withTimestamps(
    db.schema
      .createTable('campaign_outputs')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('description', t.text)
      .addColumn('quantity', t.integer, (c) => c.notNull())
      .addColumn('language', t.text)
      .addColumn('places', t.json, (c) => c.notNull())
      .addColumn('start_date', t.date)
      .addColumn('end_date', t.date)
      .addColumn('estimated_reach', t.integer)
      .addColumn('notes', t.text),
    engine,
  ).execute();
  await db.schema.createIndex('campaign_outputs_campaign_idx').on('campaign_outputs').columns(['campaign_id', 'start_date']).execute();

  await db.schema
    .createTable('campaign_evidence')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('campaign_id', t.id, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('output_id', t.id, (c) => c.references('campaign_outputs.id').onDelete('set null'))
    .addColumn('caption', t.text)
    .addColumn('file_name', t.text, (c) => c.notNull())
    .addColumn('content_type', t.text, (c) => c.notNull())
    .addColumn('bytes', t.integer, (c) => c.notNull())
    .addColumn('sha256', t.text, (c) => c.notNull())
    .addColumn('uploaded_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('uploaded_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_evidence_campaign_idx').on('campaign_evidence').columns(['campaign_id', 'uploaded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_evidence').execute();
  await db.schema.dropTable('campaign_outputs').execute();
  await db.schema.dropTable('campaign_sessions').execute();
  await db.schema.dropTable('campaign_partners').execute();
  await db.schema.dropTable('campaigns').execute();
  await db.schema.dropTable('needs_assessments').execute();
}
