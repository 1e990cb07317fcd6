import type { Kysely } from 'kysely';
import { columnTypes, engineOf, withTimestamps } from '../dialect.js';

/**
 * Feedback questionnaires: templates (their items live in versions; a version that has responses
 * never changes again), one questionnaire (form) per event pinned to a version, and the responses.
 *
 * Anonymous but one per participant. Two tables that share nothing but the form:
 * - `feedback_answered` says that a participation has answered this form (and keeps the sender's
 *   `client_id`, so that a resend is recognised), with no time at all;
 * - `feedback_responses` (and `feedback_answers`) hold what was said, the day it came, and the
 *   respondent's sex and organisation type copied at submission for breakdowns; no person, no
 *   participation, no client id, no timestamp. Its ids are random (UUIDv4), not time-ordered.
 * How the two are written so that their order cannot join them either: feedback.repository.ts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await withTimestamps(
    db.schema
      .createTable('feedback_templates')
      .addColumn('id', t.id, (c) => c.primaryKey())
      // Null: shared by every country.
      .addColumn('country_code', t.text)
      // The version new questionnaires use (no foreign key: the two tables refer to each other).
      .addColumn('current_version_id', t.id, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  await db.schema.createIndex('feedback_templates_country_idx').on('feedback_templates').columns(['country_code', 'id']).execute();

  await db.schema
    .createTable('feedback_template_versions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('template_id', t.id, (c) => c.notNull().references('feedback_templates.id').onDelete('cascade'))
    .addColumn('version', t.integer, (c) => c.notNull())
    .addColumn('title_en', t.text, (c) => c.notNull())
    .addColumn('title_ur', t.text)
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('feedback_template_versions_template_version_uq', ['template_id', 'version'])
    .execute();

  // An item keeps its id (and kind) across the versions of its template, so that answers to it are
  // counted together; its options ([{ id, en, ur }]) keep theirs likewise.
  await db.schema
    .createTable('feedback_items')
    .addColumn('version_id', t.id, (c) => c.notNull().references('feedback_template_versions.id').onDelete('cascade'))
    .addColumn('item_id', t.id, (c) => c.notNull())
    .addColumn('position', t.integer, (c) => c.notNull())
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('text_en', t.text, (c) => c.notNull())
    .addColumn('text_ur', t.text)
    .addColumn('options', t.json, (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_items_pk', ['version_id', 'item_id'])
    .execute();

  await withTimestamps(
    db.schema
      .createTable('feedback_forms')
      .addColumn('id', t.id, (c) => c.primaryKey())
      // One questionnaire per event.
      .addColumn('event_id', t.id, (c) => c.notNull().unique().references('events.id').onDelete('cascade'))
      .addColumn('template_id', t.id, (c) => c.notNull().references('feedback_templates.id'))
      .addColumn('version_id', t.id, (c) => c.notNull().references('feedback_template_versions.id'))
      // 128 random bits: the public link. `ref_key` keys the per-form references of the pick-list.
      .addColumn('link_token', t.text, (c) => c.notNull().unique())
      .addColumn('link_open', t.boolean, (c) => c.notNull())
      .addColumn('ref_key', t.text, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  await db.schema.createIndex('feedback_forms_template_idx').on('feedback_forms').columns(['template_id', 'version_id']).execute();

  await db.schema
    .createTable('feedback_answered')
    .addColumn('form_id', t.id, (c) => c.notNull().references('feedback_forms.id').onDelete('cascade'))
    // The person's place at the event: moves with a merge, goes when they are taken off the list.
    .addColumn('participation_id', t.id, (c) => c.notNull().references('participations.id').onDelete('cascade'))
    .addColumn('client_id', t.id, (c) => c.unique())
    // 'link' or 'paper'; for paper, the staff member who typed it in.
    .addColumn('source', t.text, (c) => c.notNull())
    .addColumn('entered_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addPrimaryKeyConstraint('feedback_answered_pk', ['form_id', 'participation_id'])
    .execute();

  await db.schema
    .createTable('feedback_responses')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('form_id', t.id, (c) => c.notNull().references('feedback_forms.id').onDelete('cascade'))
    // The day only (YYYY-MM-DD, UTC): never a moment that could be matched to anything else.
    .addColumn('answered_on', t.date, (c) => c.notNull())
    .addColumn('respondent_sex', t.text, (c) => c.notNull())
    .addColumn('respondent_organization_type', t.text)
    .execute();
  await db.schema.createIndex('feedback_responses_form_idx').on('feedback_responses').column('form_id').execute();

  await db.schema
    .createTable('feedback_answers')
    .addColumn('response_id', t.id, (c) => c.notNull().references('feedback_responses.id').onDelete('cascade'))
    .addColumn('item_id', t.id, (c) => c.notNull())
    // One of the three, by the item's kind: a Likert point, a choice option's id, free text.
    .addColumn('value', t.integer)
    .addColumn('option_id', t.id)
    .addColumn('text', t.text)
    .addPrimaryKeyConstraint('feedback_answers_pk', ['response_id', 'item_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'feedback_answers',
    'feedback_responses',
    'feedback_answered',
    'feedback_forms',
    'feedback_items',
    'feedback_template_versions',
    'feedback_templates',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
