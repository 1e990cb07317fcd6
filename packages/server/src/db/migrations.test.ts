import { sql, type Kysely } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './database.js';
import { createMigrator, migrateToLatest, migrations } from './migrator.js';
import { COUNTED_TABLES } from './migrations/0023-change-counter.js';
import { createTestDatabase, testEngines } from './test-db.js';

/** Every table of the schema with its columns, as the migrations leave them. */
const EXPECTED_COLUMNS: Record<string, string[]> = {
  users: [
    'id',
    'email',
    'email_normalized',
    'name',
    'role',
    'password_hash',
    'countries',
    'active',
    'created_at',
    'updated_at',
    // 0015: the second factor of the case roles.
    'mfa_secret',
    'mfa_confirmed_at',
    'mfa_last_step',
    // 0016: the agency and area of the case roles.
    'organization_id',
    'provinces',
    // 0019: the grant to read the criminal-justice track.
    'justice_access',
  ],
  sessions: ['id', 'user_id', 'created_at', 'expires_at', 'last_seen_at', 'second_factor'],
  mfa_recovery_codes: ['id', 'user_id', 'code_hash', 'created_at', 'used_at'],
  login_attempts: ['id', 'email_normalized', 'at', 'success', 'client_address'],
  login_guards: ['key', 'touched_at'],
  organizations: ['id', 'name', 'name_normalized', 'acronym', 'acronym_normalized', 'type', 'country_code', 'province', 'created_at', 'updated_at'],
  people: [
    'id',
    'full_name',
    'name_normalized',
    'name_key',
    'sex',
    'birth_year',
    'organization_id',
    'designation',
    'province',
    'district',
    'phone',
    'phone_normalized',
    'email',
    'email_normalized',
    'country_code',
    'created_at',
    'updated_at',
    'report_n',
  ],
  programmes: ['id', 'name', 'name_normalized', 'donor', 'start_date', 'end_date', 'created_at', 'updated_at'],
  programme_countries: ['programme_id', 'country_code'],
  events: [
    'id',
    'programme_id',
    'title',
    'title_normalized',
    'type',
    'series',
    'start_date',
    'end_date',
    'city',
    'province',
    'country_code',
    'venue',
    'status',
    'learning_objectives',
    'created_by',
    'created_at',
    'updated_at',
    'report_n',
  ],
  event_topics: ['event_id', 'topic', 'topic_normalized'],
  event_organizations: ['event_id', 'organization_id', 'relation'],
  event_trainers: ['event_id', 'user_id'],
  participations: [
    'id',
    'event_id',
    'person_id',
    'role',
    'attended_direct',
    'days_present',
    'attended',
    'person_sex',
    'organization_type',
    'event_start_date',
    'event_province',
    'event_type',
    'event_status',
    'event_country',
    'programme_id',
    'created_at',
    'updated_at',
  ],
  attendance: ['event_id', 'person_id', 'date', 'present'],
  report_event_counts: ['event_id', 'person_sex', 'organization_type', 'n'],
  report_facts: ['person_n', 'event_n', 'person_sex', 'organization_type'],
  audit_log: ['id', 'seq', 'entity_type', 'entity_id', 'action', 'user_id', 'at', 'changes', 'note', 'prev_hash', 'hash'],
  audit_chain_head: ['id', 'seq', 'hash'],
  client_operations: ['client_id', 'user_id', 'route', 'event_id', 'person_id', 'created_at'],
  questions: ['id', 'country_code', 'current_version_id', 'topic', 'topic_normalized', 'objective', 'created_by', 'created_at', 'updated_at'],
  question_versions: ['id', 'question_id', 'version', 'type', 'text_en', 'text_ur', 'text_normalized', 'points', 'created_by', 'created_at'],
  question_options: ['id', 'version_id', 'position', 'text_en', 'text_ur', 'correct'],
  tests: [
    'id',
    'event_id',
    'kind',
    'form',
    'title',
    'pass_mark',
    'link_token',
    'link_open',
    'ref_key',
    'created_by',
    'created_at',
    'updated_at',
    'identify_by',
  ],
  test_questions: ['test_id', 'position', 'question_id', 'version_id'],
  attempts: [
    'id',
    'test_id',
    'participation_id',
    'kind',
    'source',
    'client_id',
    'score',
    'max_score',
    'pending_marks',
    'created_by',
    'created_at',
    'updated_at',
  ],
  attempt_answers: ['attempt_id', 'question_id', 'version_id', 'position', 'option_ids', 'text', 'awarded', 'max_points'],
  participant_codes: ['participation_id', 'event_id', 'code'],
  request_counts: ['bucket', 'window_start', 'count'],
  failure_allowances: ['bucket', 'empty_at'],
  certificates: [
    'id',
    'number',
    'event_id',
    'participation_id',
    'country_code',
    'holder_country_code',
    'kind',
    'holder_name',
    'event_title',
    'start_date',
    'end_date',
    'issued_on',
    'programme_name',
    'printing',
    'issued_at',
    'issued_by',
    'key_id',
    'qr_text',
    'revoked_at',
    'revoked_by',
    'revoked_reason',
  ],
  certificate_settings: ['event_id', 'training', 'participation', 'printing', 'programme_name', 'logos', 'updated_by', 'updated_at'],
  feedback_templates: ['id', 'country_code', 'current_version_id', 'created_by', 'created_at', 'updated_at'],
  feedback_template_versions: ['id', 'template_id', 'version', 'title_en', 'title_ur', 'created_by', 'created_at'],
  feedback_items: ['version_id', 'item_id', 'position', 'kind', 'text_en', 'text_ur', 'options'],
  feedback_forms: ['id', 'event_id', 'template_id', 'version_id', 'link_token', 'link_open', 'ref_key', 'created_by', 'created_at', 'updated_at'],
  // Anonymity: the two share only the form; neither has a moment in time, the response no person.
  feedback_answered: ['form_id', 'participation_id', 'client_id', 'source', 'entered_by'],
  feedback_responses: ['id', 'form_id', 'answered_on', 'respondent_sex', 'respondent_organization_type'],
  feedback_answers: ['response_id', 'item_id', 'value', 'option_id', 'text'],
  master_trainers: ['id', 'participation_id', 'certified_on', 'specialisms', 'created_by', 'created_at', 'updated_at'],
  needs_assessments: [
    'id',
    'country_code',
    'province',
    'district',
    'area',
    'area_normalized',
    'assessed_on',
    'findings',
    'recommendations',
    'created_by',
    'created_at',
    'updated_at',
  ],
  campaigns: [
    'id',
    'programme_id',
    'country_code',
    'title',
    'title_normalized',
    'province',
    'district',
    'area',
    'start_date',
    'end_date',
    'other_partners',
    'target_groups',
    'target_groups_other',
    'languages',
    'notes',
    'needs_assessment_id',
    'created_by',
    'created_at',
    'updated_at',
  ],
  campaign_partners: ['campaign_id', 'organization_id'],
  campaign_sessions: ['id', 'campaign_id', 'event_id', 'held_on', 'place', 'estimated_audience', 'estimated_female', 'estimated_male', 'notes', 'created_at'],
  campaign_outputs: [
    'id',
    'campaign_id',
    'kind',
    'description',
    'quantity',
    'language',
    'places',
    'start_date',
    'end_date',
    'estimated_reach',
    'notes',
    'created_at',
    'updated_at',
  ],
  campaign_evidence: ['id', 'campaign_id', 'output_id', 'caption', 'file_name', 'content_type', 'bytes', 'sha256', 'uploaded_by', 'uploaded_at'],
  logframe_results: ['id', 'programme_id', 'kind', 'code', 'statement', 'statement_ur', 'parent_id', 'created_at', 'updated_at'],
  indicators: [
    'id',
    'programme_id',
    'result_id',
    'code',
    'name',
    'name_ur',
    'definition',
    'unit',
    'computation',
    'baseline_value',
    'baseline_period',
    'baseline_note',
    'means_of_verification',
    'disaggregation',
    'created_by',
    'created_at',
    'updated_at',
  ],
  indicator_targets: ['indicator_id', 'period', 'value'],
  indicator_manual_values: ['indicator_id', 'period', 'value', 'by_sex', 'evidence', 'evidence_url', 'updated_by', 'updated_at'],
  period_locks: ['programme_id', 'period', 'locked_at', 'locked_by'],
  indicator_snapshots: ['programme_id', 'period', 'indicator_id', 'value', 'breakdowns'],
  donor_report_narratives: ['programme_id', 'period', 'text_en', 'text_ur', 'updated_by', 'updated_at'],
  screening_rule_versions: ['id', 'country_code', 'effective_from', 'title', 'based_on', 'content', 'created_by', 'created_at'],
  // 0016: victims' case files.
  cases: [
    'id',
    'reference',
    'country_code',
    'province',
    'district',
    'organization_id',
    'opened_by',
    'identified_on',
    'identified_by_agency_type',
    'status',
    'victim_sex',
    'victim_age_at_identification',
    'victim_age_estimated',
    'victim_citizenship',
    'victim_languages',
    'identity_sealed',
    'narrative_sealed',
    'trafficking_status',
    'decision_making_org',
    'decided_by',
    'decided_at',
    'last_suggestion',
    'closed_at',
    'anonymised_at',
    'created_at',
    'updated_at',
    // 0021: a merged case points at the case it was merged into.
    'merged_into_id',
    'merged_at',
  ],
  // 0017: the token's case's agency.
  case_name_tokens: ['token', 'case_id', 'organization_id'],
  case_screenings: [
    'id',
    'case_id',
    'version',
    'corrects_id',
    'rules_version',
    'input',
    'result',
    'suggestion',
    'trafficking_status',
    'decision_making_org',
    'created_by',
    'created_at',
  ],
  case_break_glass: ['id', 'case_id', 'user_id', 'reason_sealed', 'at', 'expires_at', 'reviewed_at', 'reviewed_by'],
  case_reference_counters: ['country_code', 'year', 'last_number'],
  // 0019: case management by the SOPs.
  case_transitions: ['id', 'case_id', 'from_status', 'to_status', 'user_id', 'note_sealed', 'at'],
  case_approvals: ['id', 'case_id', 'kind', 'status', 'requested_by', 'requested_at', 'decided_by', 'decided_at'],
  case_tasks: ['id', 'case_id', 'title_sealed', 'due_on', 'assignee_id', 'done_at', 'done_by', 'created_by', 'created_at', 'updated_at'],
  case_care_files: ['case_id', 'context', 'sealed', 'updated_by', 'updated_at'],
  case_justice: ['case_id', 'sealed', 'updated_by', 'updated_at'],
  // 0020: consent and referral.
  case_consents: [
    'id',
    'case_id',
    'service_id',
    'purpose_sealed',
    'given_by_sealed',
    'explained_in_language',
    'explained_by',
    'given_at',
    'withdrawn_at',
    'withdrawn_by',
  ],
  case_referrals: [
    'id',
    'case_id',
    'organization_id',
    'service_id',
    'reason_sealed',
    'urgency',
    'shares',
    'consent_id',
    'override_reason_sealed',
    'status',
    'answer_sealed',
    'delivered',
    'outcome_sealed',
    'closing_note_sealed',
    'referred_by',
    'referred_at',
    'respond_by',
    'responded_by',
    'responded_at',
    'outcome_by',
    'outcome_at',
    'closed_by',
    'closed_at',
    'updated_at',
  ],
  // 0021: possible duplicates across agencies.
  case_match_keys: ['case_id', 'kind', 'token', 'organization_id', 'country_code'],
  case_duplicates: [
    'id',
    'case_a_id',
    'case_b_id',
    'country_code',
    'signals',
    'score',
    'fingerprint',
    'status',
    'keep_case_id',
    'requested_by',
    'requested_organization_id',
    'requested_at',
    'decided_by',
    'decided_at',
    'detected_at',
  ],
  services: [
    'id',
    'organization_id',
    'name',
    'description',
    'type',
    'status',
    'country_code',
    'province',
    'district',
    'sexes',
    'minimum_age',
    'maximum_age',
    'nationalities',
    'case_kinds',
    'eligibility_description',
    'languages',
    'opening_hours',
    'open_24_hours',
    'contact_name',
    'contact_phone',
    'contact_email',
    'location_id',
    'address_sealed',
    'address_confidential',
    'beds_total',
    'beds_free',
    'slots_open',
    'capacity_updated_at',
    'capacity_updated_by',
    'created_at',
    'updated_at',
  ],
  service_providers: ['service_id', 'user_id'],
  // 0023: the change counter the live cache reads.
  change_counter: ['id', 'value'],
  // 0024: the report copy's counter (modules/reports/report-columns.ts).
  report_copy_counter: ['id', 'value'],
};

/** Indexes the migration names explicitly, with their columns in order. */
const EXPECTED_INDEXES: Record<string, { table: string; columns: string[] }> = {
  sessions_user_idx: { table: 'sessions', columns: ['user_id'] },
  mfa_recovery_codes_user_idx: { table: 'mfa_recovery_codes', columns: ['user_id'] },
  login_attempts_email_at_idx: { table: 'login_attempts', columns: ['email_normalized', 'at'] },
  login_attempts_address_at_idx: { table: 'login_attempts', columns: ['client_address', 'at'] },
  login_attempts_at_idx: { table: 'login_attempts', columns: ['at'] },
  login_attempts_email_address_at_idx: { table: 'login_attempts', columns: ['email_normalized', 'client_address', 'at'] },
  organizations_name_idx: { table: 'organizations', columns: ['name_normalized'] },
  organizations_acronym_idx: { table: 'organizations', columns: ['acronym_normalized'] },
  people_name_idx: { table: 'people', columns: ['name_normalized', 'id'] },
  people_name_key_idx: { table: 'people', columns: ['name_key'] },
  people_org_idx: { table: 'people', columns: ['organization_id'] },
  people_phone_idx: { table: 'people', columns: ['phone_normalized'] },
  people_email_idx: { table: 'people', columns: ['email_normalized'] },
  events_start_idx: { table: 'events', columns: ['start_date', 'id'] },
  events_programme_idx: { table: 'events', columns: ['programme_id', 'start_date'] },
  events_country_idx: { table: 'events', columns: ['country_code', 'start_date'] },
  event_topics_topic_idx: { table: 'event_topics', columns: ['topic_normalized', 'event_id'] },
  event_organizations_org_idx: { table: 'event_organizations', columns: ['organization_id'] },
  event_trainers_user_idx: { table: 'event_trainers', columns: ['user_id'] },
  participations_person_attended_idx: { table: 'participations', columns: ['person_id', 'attended'] },
  people_report_n_uq: { table: 'people', columns: ['report_n'] },
  people_report_idx: { table: 'people', columns: ['report_n', 'organization_id', 'country_code', 'district', 'birth_year'] },
  events_report_n_uq: { table: 'events', columns: ['report_n'] },
  report_facts_event_idx: { table: 'report_facts', columns: ['event_n', 'person_n', 'person_sex', 'organization_type'] },
  participations_report_idx: {
    table: 'participations',
    columns: [
      'event_start_date',
      'role',
      'attended',
      'event_status',
      'event_country',
      'programme_id',
      'event_province',
      'event_type',
      'person_sex',
      'organization_type',
      'person_id',
      'event_id',
    ],
  },
  audit_log_entity_idx: { table: 'audit_log', columns: ['entity_type', 'entity_id', 'at'] },
  audit_log_seq_idx: { table: 'audit_log', columns: ['seq'] },
  questions_topic_idx: { table: 'questions', columns: ['topic_normalized', 'id'] },
  questions_country_idx: { table: 'questions', columns: ['country_code', 'id'] },
  question_options_version_idx: { table: 'question_options', columns: ['version_id', 'position'] },
  test_questions_version_idx: { table: 'test_questions', columns: ['version_id'] },
  test_questions_question_idx: { table: 'test_questions', columns: ['question_id'] },
  attempts_test_idx: { table: 'attempts', columns: ['test_id', 'participation_id'] },
  attempt_answers_version_idx: { table: 'attempt_answers', columns: ['version_id'] },
  request_counts_window_idx: { table: 'request_counts', columns: ['window_start'] },
  failure_allowances_empty_idx: { table: 'failure_allowances', columns: ['empty_at'] },
  certificates_event_idx: { table: 'certificates', columns: ['event_id', 'number'] },
  certificates_valid_uq: { table: 'certificates', columns: ['participation_id', 'kind'] },
  feedback_templates_country_idx: { table: 'feedback_templates', columns: ['country_code', 'id'] },
  feedback_forms_template_idx: { table: 'feedback_forms', columns: ['template_id', 'version_id'] },
  feedback_responses_form_idx: { table: 'feedback_responses', columns: ['form_id'] },
  needs_assessments_country_idx: { table: 'needs_assessments', columns: ['country_code', 'assessed_on'] },
  campaigns_start_idx: { table: 'campaigns', columns: ['start_date', 'id'] },
  campaigns_programme_idx: { table: 'campaigns', columns: ['programme_id', 'start_date'] },
  campaigns_needs_idx: { table: 'campaigns', columns: ['needs_assessment_id'] },
  campaign_partners_org_idx: { table: 'campaign_partners', columns: ['organization_id'] },
  campaign_sessions_event_idx: { table: 'campaign_sessions', columns: ['event_id'] },
  campaign_outputs_campaign_idx: { table: 'campaign_outputs', columns: ['campaign_id', 'start_date'] },
  campaign_evidence_campaign_idx: { table: 'campaign_evidence', columns: ['campaign_id', 'uploaded_at'] },
  indicators_result_idx: { table: 'indicators', columns: ['result_id'] },
  indicator_snapshots_lock_idx: { table: 'indicator_snapshots', columns: ['programme_id', 'period'] },
  cases_agency_created_idx: { table: 'cases', columns: ['organization_id', 'created_at', 'id'] },
  cases_country_status_idx: { table: 'cases', columns: ['country_code', 'status'] },
  case_name_tokens_case_idx: { table: 'case_name_tokens', columns: ['case_id'] },
  case_name_tokens_agency_idx: { table: 'case_name_tokens', columns: ['token', 'organization_id', 'case_id'] },
  case_break_glass_user_idx: { table: 'case_break_glass', columns: ['user_id', 'expires_at'] },
  case_break_glass_case_idx: { table: 'case_break_glass', columns: ['case_id'] },
  case_transitions_case_idx: { table: 'case_transitions', columns: ['case_id', 'at'] },
  case_approvals_status_idx: { table: 'case_approvals', columns: ['status', 'requested_at'] },
  case_approvals_case_idx: { table: 'case_approvals', columns: ['case_id', 'status'] },
  case_tasks_case_idx: { table: 'case_tasks', columns: ['case_id', 'due_on'] },
  case_tasks_open_due_idx: { table: 'case_tasks', columns: ['done_at', 'due_on'] },
  case_match_keys_token_idx: { table: 'case_match_keys', columns: ['country_code', 'token', 'case_id'] },
  case_match_keys_case_idx: { table: 'case_match_keys', columns: ['case_id'] },
  case_duplicates_pair_uq: { table: 'case_duplicates', columns: ['case_a_id', 'case_b_id'] },
  case_duplicates_b_idx: { table: 'case_duplicates', columns: ['case_b_id'] },
  case_duplicates_status_idx: { table: 'case_duplicates', columns: ['status', 'detected_at'] },
  services_country_type_idx: { table: 'services', columns: ['country_code', 'type', 'province'] },
  services_organization_idx: { table: 'services', columns: ['organization_id'] },
  service_providers_user_idx: { table: 'service_providers', columns: ['user_id', 'service_id'] },
  case_consents_case_idx: { table: 'case_consents', columns: ['case_id', 'given_at'] },
  case_referrals_case_idx: { table: 'case_referrals', columns: ['case_id', 'referred_at'] },
  case_referrals_service_idx: { table: 'case_referrals', columns: ['service_id', 'status', 'referred_at'] },
  case_referrals_agency_idx: { table: 'case_referrals', columns: ['organization_id', 'status', 'respond_by'] },
  case_referrals_agency_recent_idx: { table: 'case_referrals', columns: ['organization_id', 'referred_at'] },
};

const KYSELY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

type Inspected = {
  tables: string[];
  /** Named indexes (those a migration creates), by name. */
  indexes: Map<string, { table: string; columns: string[] }>;
  /** Every unique index, named or made for a constraint: table and columns. */
  unique: Array<{ table: string; columns: string[] }>;
  columns: (table: string) => Promise<string[]>;
};

async function inspect(handle: DatabaseHandle): Promise<Inspected> {
  const db = handle.db as unknown as Kysely<unknown>;
  if (handle.engine === 'sqlite') {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db);
    const indexRows = await sql<{ name: string; tbl_name: string }>`select name, tbl_name from sqlite_master where type = 'index'`.execute(db);
    const indexes = new Map<string, { table: string; columns: string[] }>();
    const unique: Inspected['unique'] = [];
    for (const index of indexRows.rows) {
      const info = await sql<{ seqno: number; name: string }>`select seqno, name from pragma_index_info(${index.name})`.execute(db);
      const entry = { table: index.tbl_name, columns: [...info.rows].sort((a, b) => a.seqno - b.seqno).map((c) => c.name) };
      if (!index.name.startsWith('sqlite_autoindex_')) indexes.set(index.name, entry);
      const listed = await sql<{ name: string; unique: number }>`select name, "unique" from pragma_index_list(${index.tbl_name})`.execute(db);
      if (listed.rows.some((l) => l.name === index.name && l.unique === 1)) unique.push(entry);
    }
    return {
      tables: tables.rows.map((r) => r.name).sort(),
      indexes,
      unique,
      columns: async (table) =>
        (await sql<{ cid: number; name: string }>`select cid, name from pragma_table_info(${table})`.execute(db)).rows
          .sort((a, b) => a.cid - b.cid)
          .map((r) => r.name),
    };
  }
  const tables = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  const indexRows = await sql<{ indexname: string; tablename: string; isunique: boolean; columns: string[] | string }>`
    select i.relname as indexname, t.relname as tablename, ix.indisunique as isunique,
           array(select a.attname from unnest(ix.indkey::int2[]) with ordinality as k(attnum, ord)
                 join pg_attribute a on a.attrelid = t.oid and a.attnum = k.attnum order by k.ord)::text[] as columns
    from pg_index ix
    join pg_class i on i.oid = ix.indexrelid
    join pg_class t on t.oid = ix.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public'`.execute(db);
  const indexes = new Map<string, { table: string; columns: string[] }>();
  const unique: Inspected['unique'] = [];
  for (const r of indexRows.rows) {
    // pg hands text[] back as an array; be tolerant of the '{a,b}' text form too.
    const columns = Array.isArray(r.columns) ? r.columns : r.columns.replace(/[{}]/g, '').split(',').filter(Boolean);
    indexes.set(r.indexname, { table: r.tablename, columns });
    if (r.isunique) unique.push({ table: r.tablename, columns });
  }
  // pg_indexes is the documented view; check that it agrees on the names.
  const viewNames = await sql<{ indexname: string }>`select indexname from pg_indexes where schemaname = 'public'`.execute(db);
  expect(viewNames.rows.map((r) => r.indexname).sort()).toEqual([...indexes.keys()].sort());
  return {
    tables: tables.rows.map((r) => r.table_name).sort(),
    indexes,
    unique,
    columns: async (table) =>
      (
        await sql<{
          column_name: string;
        }>`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db)
      ).rows.map((r) => r.column_name),
  };
}

describe('migration registry', () => {
  const names = Object.keys(migrations);

  it('numbers migrations 0001, 0002, … without gaps, each with a readable name', () => {
    expect(names.length).toBeGreaterThan(0);
    names.forEach((name, i) => {
      expect(name).toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Number(name.slice(0, 4))).toBe(i + 1);
    });
  });

  it('registers the names uniquely and in the order they run', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(names.map((n) => n.slice(0, 4))).size).toBe(names.length);
    expect([...names].sort()).toEqual(names);
  });

  it('gives every migration both an up and a down step', () => {
    for (const migration of Object.values(migrations)) {
      expect(typeof migration.up).toBe('function');
      expect(typeof migration.down).toBe('function');
    }
  });
});

describe.each(testEngines())('migrations on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let applied: string[];

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { migrate: false });
    applied = await migrateToLatest(handle.db);
  });
  afterAll(async () => handle.destroy());

  it('applies every registered migration to an empty database, in order', () => {
    expect(applied).toEqual(Object.keys(migrations));
  });

  it('creates exactly the tables of the schema, with their columns in order', async () => {
    const found = await inspect(handle);
    expect(found.tables).toEqual([...Object.keys(EXPECTED_COLUMNS), ...KYSELY_TABLES].sort());
    for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
      expect({ table, columns: await found.columns(table) }).toEqual({ table, columns });
    }
  });

  it('creates every named index on its table with its columns in order', async () => {
    const found = await inspect(handle);
    for (const [name, expected] of Object.entries(EXPECTED_INDEXES)) {
      expect({ name, index: found.indexes.get(name) }).toEqual({ name, index: expected });
    }
  });

  it('backs the unique rules with indexes: user e-mail, one place per person and event, composite keys', async () => {
    const found = await inspect(handle);
    const indexed = (table: string, columns: string[]) => found.unique.some((i) => i.table === table && JSON.stringify(i.columns) === JSON.stringify(columns));
    expect(indexed('users', ['email_normalized'])).toBe(true);
    expect(indexed('participations', ['event_id', 'person_id'])).toBe(true);
    expect(indexed('attendance', ['event_id', 'person_id', 'date'])).toBe(true);
    expect(indexed('programme_countries', ['programme_id', 'country_code'])).toBe(true);
    expect(indexed('event_topics', ['event_id', 'topic_normalized'])).toBe(true);
    expect(indexed('event_organizations', ['event_id', 'organization_id', 'relation'])).toBe(true);
    expect(indexed('event_trainers', ['event_id', 'user_id'])).toBe(true);
    expect(indexed('audit_log', ['seq'])).toBe(true);
    // Learning evidence: one attempt per person (participation) per kind of test, one test per kind and form, codes unique per event.
    expect(indexed('attempts', ['participation_id', 'kind'])).toBe(true);
    expect(indexed('attempts', ['client_id'])).toBe(true);
    expect(indexed('tests', ['event_id', 'kind', 'form'])).toBe(true);
    expect(indexed('tests', ['link_token'])).toBe(true);
    expect(indexed('question_versions', ['question_id', 'version'])).toBe(true);
    expect(indexed('test_questions', ['test_id', 'question_id'])).toBe(true);
    expect(indexed('participant_codes', ['event_id', 'code'])).toBe(true);
    expect(indexed('request_counts', ['bucket', 'window_start'])).toBe(true);
    // Certificates: numbers unique; one valid (not revoked) certificate per participation and kind.
    expect(indexed('certificates', ['number'])).toBe(true);
    expect(indexed('certificates', ['participation_id', 'kind'])).toBe(true);
    // Feedback: one questionnaire per event, one "has answered" per participation and form, client ids unique.
    expect(indexed('feedback_forms', ['event_id'])).toBe(true);
    expect(indexed('feedback_forms', ['link_token'])).toBe(true);
    expect(indexed('feedback_answered', ['form_id', 'participation_id'])).toBe(true);
    expect(indexed('feedback_answered', ['client_id'])).toBe(true);
    expect(indexed('feedback_template_versions', ['template_id', 'version'])).toBe(true);
    // Master trainers: one graduation per place at a ToT.
    expect(indexed('master_trainers', ['participation_id'])).toBe(true);
    // Campaigns: an event is one session of a campaign at most; a partner is named once.
    expect(indexed('campaign_sessions', ['campaign_id', 'event_id'])).toBe(true);
    expect(indexed('campaign_partners', ['campaign_id', 'organization_id'])).toBe(true);
  });

  it('keeps the change counter moving on every table the cached answers read (0023; a SQLite table rebuild drops its triggers)', async () => {
    const db = handle.db as unknown as Kysely<unknown>;
    const found =
      engine === 'sqlite'
        ? (
            await sql<{ name: string; tbl_name: string }>`select name, tbl_name from sqlite_master where type = 'trigger' and name like '%_change_%'`.execute(
              db,
            )
          ).rows.map((r) => `${r.tbl_name}:${r.name}`)
        : (
            await sql<{ name: string; tbl_name: string }>`
              select t.tgname as name, c.relname as tbl_name from pg_trigger t join pg_class c on c.oid = t.tgrelid
              where not t.tgisinternal and t.tgname like '%change%'`.execute(db)
          ).rows.map((r) => `${r.tbl_name}:${r.name}`);
    const expected =
      engine === 'sqlite'
        ? COUNTED_TABLES.flatMap((t) => ['insert', 'update', 'delete'].map((k) => `${t}:${t}_change_${k}`))
        : [...COUNTED_TABLES.map((t) => `${t}:${t}_change`), 'change_counter:change_counter_at_commit'];
    expect(found.sort()).toEqual(expected.sort());
  });

  it('keeps the report copy counter moving on every table whose rows the report columns hold (0024)', async () => {
    const db = handle.db as unknown as Kysely<unknown>;
    const found =
      engine === 'sqlite'
        ? (
            await sql<{
              name: string;
              tbl_name: string;
            }>`select name, tbl_name from sqlite_master where type = 'trigger' and name like '%report_copy%'`.execute(db)
          ).rows.map((r) => `${r.tbl_name}:${r.name}`)
        : (
            await sql<{ name: string; tbl_name: string }>`
              select t.tgname as name, c.relname as tbl_name from pg_trigger t join pg_class c on c.oid = t.tgrelid
              where not t.tgisinternal and t.tgname like '%report_copy%'`.execute(db)
          ).rows.map((r) => `${r.tbl_name}:${r.name}`);
    const tables = ['events', 'organizations', 'people', 'event_topics'];
    const expected =
      engine === 'sqlite'
        ? tables.flatMap((t) => ['insert', 'update', 'delete'].map((k) => `${t}:${t}_report_copy_${k}`))
        : [
            ...tables.flatMap((t) => [`${t}:${t}_report_copy`, `${t}:${t}_report_copy_update`]),
            'report_facts:report_facts_report_copy',
            'report_copy_counter:report_copy_counter_at_commit',
          ];
    expect(found.sort()).toEqual(expected.sort());
  });

  it('applies nothing on a second migrateToLatest', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([]);
    const infos = await createMigrator(handle.db).getMigrations();
    expect(infos.map((m) => ({ name: m.name, executed: m.executedAt !== undefined }))).toEqual(
      Object.keys(migrations).map((name) => ({ name, executed: true })),
    );
  });

  it('migrates down to nothing, leaving only the migrator tables, and up again to the same schema', async () => {
    const before = await inspect(handle);
    const down = await createMigrator(handle.db).migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect((down.results ?? []).map((r) => [r.migrationName, r.direction, r.status])).toEqual(
      Object.keys(migrations)
        .reverse()
        .map((name) => [name, 'Down', 'Success']),
    );
    const empty = await inspect(handle);
    expect(empty.tables).toEqual(KYSELY_TABLES);
    expect([...empty.indexes.values(), ...empty.unique].filter((i) => !KYSELY_TABLES.includes(i.table))).toEqual([]);

    expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations));
    const after = await inspect(handle);
    expect(after.tables).toEqual(before.tables);
    expect(Object.fromEntries([...after.indexes.entries()].filter(([name]) => name in EXPECTED_INDEXES))).toEqual(EXPECTED_INDEXES);
  });
});
