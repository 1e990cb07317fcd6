import type { Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * Victims' case files (issue 12).
 *
 * - users: the agency (organisation) and area (provinces) that scope the case roles.
 * - cases: what identifies the person is one sealed JSON value (`identity_sealed`: names, aliases,
 *   date of birth, phone, identity numbers, address, place of identification) and the narrative
 *   another (`narrative_sealed`), both AES-256-GCM under the data key bound to the row's id; the
 *   rest (sex, age at identification, citizenship, province, status) stays plain because the
 *   statistics count it. Retention and erasure set the sealed values to null.
 * - case_name_tokens: the keyed blind index of the names (shared/blind-index.ts), never a name.
 * - case_screenings: stored screenings, never updated (a correction is a new version).
 * - case_break_glass: openings outside one's scope, with the reason sealed, for review.
 * - case_reference_counters: the next number of each country's references per year.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const t = columnTypes(engineOf(db));
  await db.schema
    .alterTable('users')
    .addColumn('organization_id', t.id, (c) => c.references('organizations.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('users').addColumn('provinces', t.json).execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('reference', t.text, (c) => c.notNull().unique())
    .addColumn('country_code', t.text, (c) => c.notNull())
    .addColumn('province', t.text)
    .addColumn('district', t.text)
    // The agency that opened the case: its data officers and supervisors see it.
    .addColumn('organization_id', t.id, (c) => c.notNull().references('organizations.id'))
    .addColumn('opened_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('identified_on', t.date, (c) => c.notNull())
    .addColumn('identified_by_agency_type', t.text)
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('victim_sex', t.text, (c) => c.notNull())
    .addColumn('victim_age_at_identification', t.integer)
    .addColumn('victim_age_estimated', t.boolean, (c) => c.notNull())
    .addColumn('victim_citizenship', t.text)
    .addColumn('victim_languages', t.json)
    .addColumn('identity_sealed', t.text)
    .addColumn('narrative_sealed', t.text)
    .addColumn('trafficking_status', t.text)
    .addColumn('decision_making_org', t.text)
    .addColumn('decided_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.timestamp)
    // The latest stored screening's suggestion, for the statistics.
    .addColumn('last_suggestion', t.text)
    .addColumn('closed_at', t.timestamp)
    .addColumn('anonymised_at', t.timestamp)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  // The list: an agency's cases newest first (the scope every data officer and supervisor reads through).
  await db.schema.createIndex('cases_agency_created_idx').on('cases').columns(['organization_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('cases_country_status_idx').on('cases').columns(['country_code', 'status']).execute();

  await db.schema
    .createTable('case_name_tokens')
    .addColumn('token', t.text, (c) => c.notNull())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('case_name_tokens_pk', ['token', 'case_id'])
    .execute();
  await db.schema.createIndex('case_name_tokens_case_idx').on('case_name_tokens').column('case_id').execute();

  await db.schema
    .createTable('case_screenings')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('version', t.integer, (c) => c.notNull())
    .addColumn('corrects_id', t.id, (c) => c.references('case_screenings.id'))
    .addColumn('rules_version', t.text, (c) => c.notNull())
    .addColumn('input', t.json, (c) => c.notNull())
    .addColumn('result', t.json, (c) => c.notNull())
    .addColumn('suggestion', t.text, (c) => c.notNull())
    .addColumn('trafficking_status', t.text)
    .addColumn('decision_making_org', t.text)
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('case_screenings_version_uq', ['case_id', 'version'])
    .execute();

  await db.schema
    .createTable('case_break_glass')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason_sealed', t.text, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('reviewed_at', t.timestamp)
    .addColumn('reviewed_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('case_break_glass_user_idx').on('case_break_glass').columns(['user_id', 'expires_at']).execute();
  await db.schema.createIndex('case_break_glass_case_idx').on('case_break_glass').column('case_id').execute();

  await db.schema
    .createTable('case_reference_counters')
    .addColumn('country_code', t.text, (c) => c.notNull())
    .addColumn('year', t.integer, (c) => c.notNull())
    .addColumn('last_number', t.integer, (c) => c.notNull())
    .addPrimaryKeyConstraint('case_reference_counters_pk', ['country_code', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_reference_counters').execute();
  await db.schema.dropTable('case_break_glass').execute();
  await db.schema.dropTable('case_screenings').execute();
  await db.schema.dropTable('case_name_tokens').execute();
  await db.schema.dropTable('cases').execute();
  await db.schema.alterTable('users').dropColumn('provinces').execute();
  await db.schema.alterTable('users').dropColumn('organization_id').execute();
}
