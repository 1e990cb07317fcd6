import type {
  CampaignEvidenceType,
  CampaignLanguage,
  CampaignOutputKind,
  CertificateKind,
  CertificatePrinting,
  EventStatus,
  EventType,
  OrganizationType,
  ParticipantRole,
  QuestionType,
  Role,
  Sex,
  TestKind,
  FeedbackItemKind,
  LinkIdentification,
  ResultKind,
} from '@hifazat/contract';
import type { ColumnType } from 'kysely';

/**
 * The database as Kysely sees it at runtime. Booleans are declared as `boolean | number` because
 * SQLite hands back 0/1; repositories read them through `toBoolean`. Dates are 'YYYY-MM-DD' text,
 * timestamps ISO 8601 UTC text, in both engines. Columns holding one of the contract's enums are typed
 * with its union (the API's validation is what keeps other values out), so presenters need no casts.
 */
type Bool = boolean | number;

/** How an organisation is linked to an event. */
export type EventOrganizationRelation = 'organizer' | 'partner';
type Json = unknown;

export interface UsersTable {
  id: string;
  email: string;
  email_normalized: string;
  name: string;
  role: Role;
  password_hash: string;
  countries: Json | null;
  active: Bool;
  created_at: string;
  updated_at: string;
  /** The TOTP secret, sealed with the data key (shared/data-key.ts, purpose 'users.mfa_secret'). */
  mfa_secret: string | null;
  /** When the second factor was confirmed; null with a secret: enrolment begun, not finished. */
  mfa_confirmed_at: string | null;
  /** The last TOTP time step a code was accepted for: a code of that step or earlier is refused. */
  mfa_last_step: number | null;
  /** The agency (organisation) the account works for: the case roles' scope. */
  organization_id: string | null;
  /** JSON array of province names (a data officer's area); null: every province. */
  provinces: Json | null;
  /** The administrator's grant to read the criminal-justice track (0019). */
  justice_access: Bool;
}

export type SessionSecondFactor = 'required' | 'setup_required';

export interface SessionsTable {
  id: string; // sha256 of the cookie token: a stolen database does not give live sessions
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  /** Set while the session has passed the password but not the second factor (a half session). */
  second_factor: SessionSecondFactor | null;
}

export interface MfaRecoveryCodesTable {
  id: string;
  user_id: string;
  /** argon2id, like a password. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface LoginAttemptsTable {
  id: string;
  email_normalized: string;
  at: string;
  success: Bool;
  /** The address the attempt came from (the proxy's X-Forwarded-For when behind https); kept one day. */
  client_address: string | null;
}

/** Rows locked while a sign-in attempt is counted: `account:<email>` and `address:<address>`. */
export interface LoginGuardsTable {
  key: string;
  touched_at: string;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  name_normalized: string;
  acronym: string | null;
  acronym_normalized: string | null;
  type: OrganizationType;
  country_code: string | null;
  province: string | null;
  created_at: string;
  updated_at: string;
}

export interface PeopleTable {
  id: string;
  full_name: string;
  name_normalized: string;
  /** personNameKey(full_name): honorifics and spellings of Muhammad dropped, for duplicate checks. */
  name_key: string;
  sex: Sex;
  birth_year: number | null;
  organization_id: string | null;
  designation: string | null;
  province: string | null;
  district: string | null;
  phone: string | null;
  phone_normalized: string | null;
  email: string | null;
  email_normalized: string | null;
  country_code: string | null;
  created_at: string;
  updated_at: string;
  /**
   * The person's small number in the report columns (migration 0022): given by the database when
   * left out (PostgreSQL's identity, SQLite's people_report_n trigger); an import on SQLite gives it.
   */
  report_n?: number | null;
}

export interface ProgrammesTable {
  id: string;
  name: string;
  name_normalized: string;
  donor: string | null;
  start_date: string | null;
  end_date: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeCountriesTable {
  programme_id: string;
  country_code: string;
}

export interface EventsTable {
  id: string;
  programme_id: string;
  title: string;
  title_normalized: string;
  type: EventType;
  series: string | null;
  start_date: string;
  end_date: string;
  city: string;
  province: string | null;
  country_code: string;
  venue: string | null;
  status: EventStatus;
  learning_objectives: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface EventTopicsTable {
  event_id: string;
  topic: string;
  topic_normalized: string;
}

export interface EventOrganizationsTable {
  event_id: string;
  organization_id: string;
  relation: EventOrganizationRelation;
}

export interface EventTrainersTable {
  event_id: string;
  user_id: string;
}

/**
 * One person's place at one event. The columns after `attended` copy facts of the person and the
 * event (kept in step by the repositories) so that reports read one table instead of four joins.
 */
export interface ParticipationsTable {
  id: string;
  event_id: string;
  person_id: string;
  role: ParticipantRole;
  attended_direct: Bool;
  days_present: number;
  attended: Bool;
  person_sex: Sex;
  organization_type: OrganizationType | null;
  event_start_date: string;
  event_province: string | null;
  event_type: EventType;
  event_status: EventStatus;
  event_country: string;
  programme_id: string;
  created_at: string;
  updated_at: string;
}

/** Counted participations (participant, attended) per event, sex and organisation type ('' for none), kept by triggers (0022). */
export interface ReportEventCountsTable {
  event_id: string;
  person_sex: string;
  organization_type: string;
  n: number;
}

/** One row per counted participation, by the people's and events' integer keys, kept by triggers (0022). */
export interface ReportFactsTable {
  person_n: number;
  event_n: number;
  person_sex: string;
  organization_type: string;
}

export interface AttendanceTable {
  event_id: string;
  person_id: string;
  date: string;
  present: Bool;
}

/** Append-only and hash-chained (migration 0005, modules/audit/audit.chain.ts). */
export interface AuditLogTable {
  id: string;
  /** 1, 2, 3 … in the order the entries were written; unique. */
  seq: number;
  entity_type: string;
  /** Null for an entry about no one record (an export of a report). */
  entity_id: string | null;
  action: string;
  user_id: string | null;
  at: string;
  changes: Json;
  note: string | null;
  prev_hash: string;
  hash: string;
}

/** One row (id 1): the last entry of the audit chain. Writers update it first, so they take turns. */
export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

/** A change sent with the client's own id (migration 0006): a resend with the same id is not applied again. */
export interface ClientOperationsTable {
  client_id: string;
  user_id: string;
  route: string;
  event_id: string;
  person_id: string | null;
  created_at: string;
}

/** The question bank (migration 0007): a question keeps its id; what it asks lives in its versions. */
export interface QuestionsTable {
  id: string;
  /** Null: shared by every country. */
  country_code: string | null;
  current_version_id: string;
  topic: string | null;
  topic_normalized: string | null;
  objective: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A version of a question; one that has answers is never changed (a change makes the next version). */
export interface QuestionVersionsTable {
  id: string;
  question_id: string;
  version: number;
  type: QuestionType;
  text_en: string;
  text_ur: string | null;
  text_normalized: string;
  points: number;
  created_by: string | null;
  created_at: string;
}

export interface QuestionOptionsTable {
  id: string;
  version_id: string;
  position: number;
  text_en: string;
  text_ur: string | null;
  correct: Bool;
}

export interface TestsTable {
  id: string;
  event_id: string;
  kind: TestKind;
  /** '' without parallel forms, else 'A' or 'B'. */
  form: '' | 'A' | 'B';
  title: string;
  pass_mark: number | null;
  link_token: string;
  link_open: Bool;
  /** Keys the per-test references of the public pick-list (HMAC of the participation id). */
  ref_key: string;
  /** How people name themselves on the link (migration 0010): a name from the list or a code, or a code only. */
  identify_by: LinkIdentification;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TestQuestionsTable {
  test_id: string;
  position: number;
  question_id: string;
  version_id: string;
}

export interface AttemptsTable {
  id: string;
  test_id: string;
  participation_id: string;
  kind: TestKind;
  source: 'staff' | 'link';
  client_id: string | null;
  score: number;
  max_score: number;
  pending_marks: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface AttemptAnswersTable {
  attempt_id: string;
  question_id: string;
  version_id: string;
  position: number;
  /** JSON array of option ids. */
  option_ids: Json;
  text: string | null;
  awarded: number | null;
  max_points: number;
}

export interface ParticipantCodesTable {
  participation_id: string;
  event_id: string;
  code: string;
}

/** Fixed-window request counters of the public routes, per bucket (route and address). */
export interface RequestCountsTable {
  bucket: string;
  window_start: string;
  count: number;
}

/** A leaky bucket of failures (migration 0010): the moment it will have drained, in ms since 1970 (a string from PostgreSQL's bigint). */
export interface FailureAllowancesTable {
  bucket: string;
  empty_at: ColumnType<number | string, number, number>;
}

/** One certificate issued (migration 0008): what it certifies as signed, and its revocation. */
export interface CertificatesTable {
  id: string;
  number: string;
  event_id: string | null;
  participation_id: string | null;
  country_code: string;
  holder_country_code: string | null;
  kind: CertificateKind;
  holder_name: string;
  event_title: string;
  start_date: string;
  end_date: string;
  issued_on: string;
  programme_name: string;
  printing: CertificatePrinting;
  issued_at: string;
  issued_by: string | null;
  key_id: string;
  qr_text: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

/** An event's certificate settings (migration 0008); an event without a row has the defaults. */
export interface CertificateSettingsTable {
  event_id: string;
  training: Bool;
  participation: Bool;
  printing: CertificatePrinting;
  programme_name: string | null;
  /** JSON array of { id, contentType, bytes }. */
  logos: Json;
  updated_by: string | null;
  updated_at: string;
}

/** A questionnaire template; its title and items live in versions. */
export interface FeedbackTemplatesTable {
  id: string;
  country_code: string | null;
  current_version_id: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface FeedbackTemplateVersionsTable {
  id: string;
  template_id: string;
  version: number;
  title_en: string;
  title_ur: string | null;
  created_by: string | null;
  created_at: string;
}

/** An item of a template version; `item_id` (and each option's id) stays the same across versions. */
export interface FeedbackItemsTable {
  version_id: string;
  item_id: string;
  position: number;
  kind: FeedbackItemKind;
  text_en: string;
  text_ur: string | null;
  /** JSON: [{ id, en, ur }] (choice items; [] otherwise). */
  options: Json;
}

/** The questionnaire of an event: a template version and a public link. */
export interface FeedbackFormsTable {
  id: string;
  event_id: string;
  template_id: string;
  version_id: string;
  link_token: string;
  link_open: Bool;
  ref_key: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** That a participation has answered a form, and nothing of what it said. */
export interface FeedbackAnsweredTable {
  form_id: string;
  participation_id: string;
  client_id: string | null;
  source: 'link' | 'paper';
  entered_by: string | null;
}

/** What was said, by nobody in particular: no person, no participation, no moment. */
export interface FeedbackResponsesTable {
  id: string;
  form_id: string;
  answered_on: string;
  respondent_sex: Sex;
  respondent_organization_type: OrganizationType | null;
}

export interface FeedbackAnswersTable {
  response_id: string;
  item_id: string;
  value: number | null;
  option_id: string | null;
  text: string | null;
}

/** A graduation from a training of trainers (migration 0011), on the person's place at the ToT. */
export interface MasterTrainersTable {
  id: string;
  participation_id: string;
  certified_on: string;
  /** JSON array of topics. */
  specialisms: Json;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A needs assessment (migration 0012): an area's needs, which a campaign may answer. */
export interface NeedsAssessmentsTable {
  id: string;
  country_code: string;
  province: string | null;
  district: string | null;
  area: string;
  area_normalized: string;
  assessed_on: string;
  findings: string;
  recommendations: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An awareness campaign (migration 0012). */
export interface CampaignsTable {
  id: string;
  programme_id: string;
  country_code: string;
  title: string;
  title_normalized: string;
  province: string | null;
  district: string | null;
  area: string | null;
  start_date: string;
  end_date: string;
  other_partners: string | null;
  /** JSON array of CampaignTargetGroup. */
  target_groups: Json;
  target_groups_other: string | null;
  /** JSON array of CampaignLanguage. */
  languages: Json;
  notes: string | null;
  needs_assessment_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignPartnersTable {
  campaign_id: string;
  organization_id: string;
}

/** A session of a campaign: an event (`event_id`), or a gathering with an estimated audience. */
export interface CampaignSessionsTable {
  id: string;
  campaign_id: string;
  event_id: string | null;
  held_on: string | null;
  place: string | null;
  estimated_audience: number | null;
  estimated_female: number | null;
  estimated_male: number | null;
  notes: string | null;
  created_at: string;
}

export interface CampaignOutputsTable {
  id: string;
  campaign_id: string;
  kind: CampaignOutputKind;
  description: string | null;
  quantity: number;
  language: CampaignLanguage | null;
  /** JSON array of place names. */
  places: Json;
  start_date: string | null;
  end_date: string | null;
  estimated_reach: number | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** An evidence file's row; the bytes are DATA_DIR/campaign-evidence/<id>.<ext>. */
export interface CampaignEvidenceTable {
  id: string;
  campaign_id: string;
  output_id: string | null;
  caption: string | null;
  file_name: string;
  content_type: CampaignEvidenceType;
  bytes: number;
  sha256: string;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  mfa_recovery_codes: MfaRecoveryCodesTable;
  login_attempts: LoginAttemptsTable;
  login_guards: LoginGuardsTable;
  organizations: OrganizationsTable;
  people: PeopleTable;
  programmes: ProgrammesTable;
  programme_countries: ProgrammeCountriesTable;
  events: EventsTable;
  event_topics: EventTopicsTable;
  event_organizations: EventOrganizationsTable;
  event_trainers: EventTrainersTable;
  participations: ParticipationsTable;
  report_event_counts: ReportEventCountsTable;
  report_facts: ReportFactsTable;
  attendance: AttendanceTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  client_operations: ClientOperationsTable;
  questions: QuestionsTable;
  question_versions: QuestionVersionsTable;
  question_options: QuestionOptionsTable;
  tests: TestsTable;
  test_questions: TestQuestionsTable;
  attempts: AttemptsTable;
  attempt_answers: AttemptAnswersTable;
  participant_codes: ParticipantCodesTable;
  request_counts: RequestCountsTable;
  failure_allowances: FailureAllowancesTable;
  certificates: CertificatesTable;
  certificate_settings: CertificateSettingsTable;
  feedback_templates: FeedbackTemplatesTable;
  feedback_template_versions: FeedbackTemplateVersionsTable;
  feedback_items: FeedbackItemsTable;
  feedback_forms: FeedbackFormsTable;
  feedback_answered: FeedbackAnsweredTable;
  feedback_responses: FeedbackResponsesTable;
  feedback_answers: FeedbackAnswersTable;
  logframe_results: LogframeResultsTable;
  indicators: IndicatorsTable;
  indicator_targets: IndicatorTargetsTable;
  indicator_manual_values: IndicatorManualValuesTable;
  period_locks: PeriodLocksTable;
  indicator_snapshots: IndicatorSnapshotsTable;
  donor_report_narratives: DonorReportNarrativesTable;
  master_trainers: MasterTrainersTable;
  needs_assessments: NeedsAssessmentsTable;
  campaigns: CampaignsTable;
  campaign_partners: CampaignPartnersTable;
  campaign_sessions: CampaignSessionsTable;
  campaign_outputs: CampaignOutputsTable;
  campaign_evidence: CampaignEvidenceTable;
  screening_rule_versions: ScreeningRuleVersionsTable;
  cases: CasesTable;
  case_name_tokens: CaseNameTokensTable;
  case_screenings: CaseScreeningsTable;
  case_break_glass: CaseBreakGlassTable;
  case_transitions: CaseTransitionsTable;
  case_approvals: CaseApprovalsTable;
  case_tasks: CaseTasksTable;
  case_care_files: CaseCareFilesTable;
  case_justice: CaseJusticeTable;
  case_reference_counters: CaseReferenceCountersTable;
  case_match_keys: CaseMatchKeysTable;
  case_duplicates: CaseDuplicatesTable;
  services: ServicesTable;
  service_providers: ServiceProvidersTable;
  case_consents: CaseConsentsTable;
  case_referrals: CaseReferralsTable;
  change_counter: ChangeCounterTable;
  report_copy_counter: ChangeCounterTable;
}

/**
 * Migration 0023: row 1 holds a number the database moves in every transaction that writes a table
 * the events list, the programme report or the dashboard read (http/live-cache.ts). PostgreSQL also
 * holds, until commit, one note per writing transaction (negative id).
 */
/** Also migration 0024's `report_copy_counter`: it moves only when what the report columns hold changes. */
export interface ChangeCounterTable {
  id: number;
  value: number;
}

/** The logframe (migration 0013). */
export interface LogframeResultsTable {
  id: string;
  programme_id: string;
  kind: ResultKind;
  code: string;
  statement: string;
  statement_ur: string | null;
  parent_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorsTable {
  id: string;
  programme_id: string;
  result_id: string | null;
  code: string;
  name: string;
  name_ur: string | null;
  definition: string | null;
  unit: string;
  /** contract: Computation, as JSON */
  computation: Json;
  baseline_value: number | null;
  baseline_period: string | null;
  baseline_note: string | null;
  means_of_verification: string | null;
  /** contract: Disaggregation, as JSON */
  disaggregation: Json;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface IndicatorTargetsTable {
  indicator_id: string;
  period: string;
  value: number;
}

export interface IndicatorManualValuesTable {
  indicator_id: string;
  period: string;
  value: number;
  by_sex: Json | null;
  evidence: string;
  evidence_url: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface PeriodLocksTable {
  programme_id: string;
  period: string;
  locked_at: string;
  locked_by: string | null;
}

export interface IndicatorSnapshotsTable {
  programme_id: string;
  period: string;
  indicator_id: string;
  value: number | null;
  /** contract: ValueBreakdowns, as JSON */
  breakdowns: Json;
}

export interface DonorReportNarrativesTable {
  programme_id: string;
  period: string;
  text_en: string;
  text_ur: string;
  updated_by: string | null;
  updated_at: string;
}

/** A version of the screening aid's rules for a country ('*': the international instruments); never changed once added. */
export interface ScreeningRuleVersionsTable {
  id: string;
  country_code: string;
  effective_from: string;
  title: string;
  based_on: string | null;
  /** contract: ScreeningRuleContent, as JSON */
  content: Json;
  created_by: string | null;
  created_at: string;
}

/** A victim's case file (migration 0016). What identifies the person is sealed (shared/data-key.ts). */
export interface CasesTable {
  id: string;
  reference: string;
  country_code: string;
  province: string | null;
  district: string | null;
  organization_id: string;
  opened_by: string | null;
  identified_on: string;
  identified_by_agency_type: string | null;
  status: string;
  victim_sex: string;
  victim_age_at_identification: number | null;
  victim_age_estimated: Bool;
  victim_citizenship: string | null;
  victim_languages: Json | null;
  /** Sealed JSON (purpose 'cases.identity' bound to the row id); null once anonymised or erased. */
  identity_sealed: string | null;
  /** Sealed text (purpose 'cases.narrative' bound to the row id). */
  narrative_sealed: string | null;
  trafficking_status: string | null;
  decision_making_org: string | null;
  decided_by: string | null;
  decided_at: string | null;
  last_suggestion: string | null;
  closed_at: string | null;
  anonymised_at: string | null;
  created_at: string;
  updated_at: string;
  /** The case this one was merged into (0021): it stays, with its history, out of lists and statistics. */
  merged_into_id?: string | null;
  merged_at?: string | null;
}

/** Blind indexes of a case's date of birth, phone and identity numbers (0021): HMAC tokens, never a value. */
export interface CaseMatchKeysTable {
  case_id: string;
  kind: 'birth_date' | 'phone' | 'identity_number';
  token: string;
  organization_id: string | null;
  country_code: string;
}

/** A pair of cases that may be the same person (0021), and what a supervisor decided about it. */
export interface CaseDuplicatesTable {
  id: string;
  case_a_id: string;
  case_b_id: string;
  country_code: string;
  /** JSON: the signals that matched (CaseDuplicateSignal[]). */
  signals: Json;
  score: number;
  /** A hash of the matched index tokens: a dismissal stands while it is the same. */
  fingerprint: string;
  status: 'open' | 'merge_requested' | 'dismissed' | 'merged';
  keep_case_id: string | null;
  requested_by: string | null;
  requested_organization_id: string | null;
  requested_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  detected_at: string;
}

/** The keyed blind index of a case's names: HMAC tokens, never a name. */
export interface CaseNameTokensTable {
  token: string;
  case_id: string;
  /** The case's agency (0017), so that a search in one agency reads only its entries of each token. */
  organization_id: string | null;
}

export interface CaseScreeningsTable {
  id: string;
  case_id: string;
  version: number;
  corrects_id: string | null;
  rules_version: string;
  input: Json;
  result: Json;
  suggestion: string;
  trafficking_status: string | null;
  decision_making_org: string | null;
  created_by: string | null;
  created_at: string;
}

export interface CaseBreakGlassTable {
  id: string;
  case_id: string;
  user_id: string | null;
  /** Sealed (purpose 'cases.break_glass_reason' bound to the row id): a reason may name the person. */
  reason_sealed: string;
  at: string;
  expires_at: string;
  reviewed_at: string | null;
  reviewed_by: string | null;
}

/** A move of a case along the SOP (0019). */
export interface CaseTransitionsTable {
  id: string;
  case_id: string;
  from_status: string;
  to_status: string;
  user_id: string | null;
  /** Sealed (purpose 'cases.transition_note' bound to the row id). */
  note_sealed: string | null;
  at: string;
}

/** A request that a supervisor approve the case plan or the closure (0019). */
export interface CaseApprovalsTable {
  id: string;
  case_id: string;
  kind: 'case_plan' | 'closure';
  status: 'pending' | 'approved' | 'declined';
  requested_by: string | null;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface CaseTasksTable {
  id: string;
  case_id: string;
  /** Sealed (purpose 'cases.task_title' bound to the row id); '' once the case is erased. */
  title_sealed: string;
  due_on: string;
  assignee_id: string | null;
  done_at: string | null;
  done_by: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** The care file: plain HTCDS context (JSON) and the sealed part (perpetrators, support plan). */
export interface CaseCareFilesTable {
  case_id: string;
  context: Json;
  /** Sealed JSON (purpose 'cases.care_file' bound to the case id); null once erased. */
  sealed: string | null;
  updated_by: string | null;
  updated_at: string;
}

/** The criminal-justice track, one sealed JSON value (purpose 'cases.justice' bound to the case id). */
export interface CaseJusticeTable {
  case_id: string;
  sealed: string | null;
  updated_by: string | null;
  updated_at: string;
}

export interface CaseReferenceCountersTable {
  country_code: string;
  year: number;
  last_number: number;
}

/** The service directory (issue 13, Open Referral HSDS 3.0): 0018-services. */
export interface ServicesTable {
  id: string;
  organization_id: string | null;
  name: string;
  description: string | null;
  type: string;
  status: string;
  country_code: string;
  province: string | null;
  district: string | null;
  /** JSON: Sex[] (empty: every sex). */
  sexes: string;
  minimum_age: number | null;
  maximum_age: number | null;
  /** JSON: country codes (empty: any nationality). */
  nationalities: string;
  /** JSON: ('trafficking' | 'smuggling')[] (empty: both). */
  case_kinds: string;
  eligibility_description: string | null;
  /** JSON: ISO 639 codes. */
  languages: string;
  /** JSON: OpeningHours[]. */
  opening_hours: string;
  open_24_hours: Bool;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  location_id: string;
  /** The address (JSON ServiceAddress) sealed with the data key, bound to the service's id. */
  address_sealed: string | null;
  address_confidential: Bool;
  beds_total: number | null;
  beds_free: number | null;
  slots_open: number | null;
  capacity_updated_at: string | null;
  capacity_updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ServiceProvidersTable {
  service_id: string;
  user_id: string;
}

/** A person's informed consent to a referral (0020). The sealed values are bound to the row id. */
export interface CaseConsentsTable {
  id: string;
  case_id: string;
  /** Null: any service (the purpose says for what). */
  service_id: string | null;
  /** Sealed (purpose 'cases.consent_purpose'); null once the case is erased. */
  purpose_sealed: string | null;
  /** Sealed (purpose 'cases.consent_given_by'): the person, or a parent or guardian who may be named. */
  given_by_sealed: string | null;
  explained_in_language: string;
  explained_by: string | null;
  given_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

/** A referral of a case to a service of the directory (0020). */
export interface CaseReferralsTable {
  id: string;
  case_id: string;
  /** The case's agency, kept in step with it (cases.repository updateCase). */
  organization_id: string | null;
  service_id: string;
  /** Sealed (purpose 'cases.referral_reason'); null once the case is erased. */
  reason_sealed: string | null;
  urgency: string;
  /** JSON array of the parts of the case shared with the provider. */
  shares: unknown;
  consent_id: string | null;
  /** Sealed (purpose 'cases.referral_override'): why it was sent without consent. */
  override_reason_sealed: string | null;
  status: string;
  /** Sealed (purpose 'cases.referral_answer'): why it was declined or withdrawn. */
  answer_sealed: string | null;
  delivered: boolean | number | null;
  /** Sealed (purpose 'cases.referral_outcome'). */
  outcome_sealed: string | null;
  /** Sealed (purpose 'cases.referral_closing_note'): the referring agency's, never shown to the provider. */
  closing_note_sealed: string | null;
  referred_by: string | null;
  referred_at: string;
  respond_by: string;
  responded_by: string | null;
  responded_at: string | null;
  outcome_by: string | null;
  outcome_at: string | null;
  closed_by: string | null;
  closed_at: string | null;
  updated_at: string;
}
