import type { Kysely } from 'kysely';
import { columnTypes, engineOf, withTimestamps } from '../dialect.js';

/**
 * Learning evidence, tests part: the question bank (a question keeps its id; its wording, options
 * and points live in versions, and a version that has answers is never changed again), tests of an
 * event with their questions pinned to a version, attempts and their answers, personal codes of an
 * event's participants, and per-address request counts for the public routes.
 *
 * Attempts and codes hang on the participation (the person's place at the event), not on the person:
 * when two people are merged, a moved participation carries them along; when a participant is taken
 * off the list, or the event is deleted, they go with it, as the attendance register does.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await withTimestamps(
    db.schema
      .createTable('questions')
      .addColumn('id', t.id, (c) => c.primaryKey())
      // Null: shared by every country.
      .addColumn('country_code', t.text)
      // The version new tests use (no foreign key: the two tables refer to each other).
      .addColumn('current_version_id', t.id, (c) => c.notNull())
      .addColumn('topic', t.text)
      .addColumn('topic_normalized', t.text)
      .addColumn('objective', t.text)
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  await db.schema.createIndex('questions_topic_idx').on('questions').columns(['topic_normalized', 'id']).execute();
  await db.schema.createIndex('questions_country_idx').on('questions').columns(['country_code', 'id']).execute();

  await db.schema
    .createTable('question_versions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('question_id', t.id, (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('version', t.integer, (c) => c.notNull())
    .addColumn('type', t.text, (c) => c.notNull())
    .addColumn('text_en', t.text, (c) => c.notNull())
    .addColumn('text_ur', t.text)
    // Both texts, normalised, for searching the bank.
    .addColumn('text_normalized', t.text, (c) => c.notNull())
    .addColumn('points', t.integer, (c) => c.notNull())
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addUniqueConstraint('question_versions_question_version_uq', ['question_id', 'version'])
    .execute();

  await db.schema
    .createTable('question_options')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('version_id', t.id, (c) => c.notNull().references('question_versions.id').onDelete('cascade'))
    .addColumn('position', t.integer, (c) => c.notNull())
    .addColumn('text_en', t.text, (c) => c.notNull())
    .addColumn('text_ur', t.text)
    .addColumn('correct', t.boolean, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('question_options_version_idx').on('question_options').columns(['version_id', 'position']).execute();

  await withTimestamps(
    db.schema
      .createTable('tests')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('kind', t.text, (c) => c.notNull())
      // '' for a test without parallel forms, so that the unique rule below sees it (NULLs never collide).
      .addColumn('form', t.text, (c) => c.notNull())
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('pass_mark', t.integer)
      // 128 random bits: the public link. `ref_key` keys the per-test references of the pick-list.
      .addColumn('link_token', t.text, (c) => c.notNull().unique())
      .addColumn('link_open', t.boolean, (c) => c.notNull())
      .addColumn('ref_key', t.text, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
      .addUniqueConstraint('tests_event_kind_form_uq', ['event_id', 'kind', 'form']),
    engine,
  ).execute();

  await db.schema
    .createTable('test_questions')
    .addColumn('test_id', t.id, (c) => c.notNull().references('tests.id').onDelete('cascade'))
    .addColumn('position', t.integer, (c) => c.notNull())
    .addColumn('question_id', t.id, (c) => c.notNull().references('questions.id'))
    .addColumn('version_id', t.id, (c) => c.notNull().references('question_versions.id'))
    .addPrimaryKeyConstraint('test_questions_pk', ['test_id', 'position'])
    .addUniqueConstraint('test_questions_test_question_uq', ['test_id', 'question_id'])
    .execute();
  await db.schema.createIndex('test_questions_version_idx').on('test_questions').column('version_id').execute();
  await db.schema.createIndex('test_questions_question_idx').on('test_questions').column('question_id').execute();

  await withTimestamps(
    db.schema
      .createTable('attempts')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('test_id', t.id, (c) => c.notNull().references('tests.id').onDelete('cascade'))
      .addColumn('participation_id', t.id, (c) => c.notNull().references('participations.id').onDelete('cascade'))
      // The test's kind, copied: one attempt per person per kind (a pre-test in form A or B, not both).
      .addColumn('kind', t.text, (c) => c.notNull())
      .addColumn('source', t.text, (c) => c.notNull())
      // The id the sending device gave the submission: a resend finds it.
      .addColumn('client_id', t.id, (c) => c.unique())
      .addColumn('score', t.integer, (c) => c.notNull())
      .addColumn('max_score', t.integer, (c) => c.notNull())
      .addColumn('pending_marks', t.integer, (c) => c.notNull())
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
      .addUniqueConstraint('attempts_participation_kind_uq', ['participation_id', 'kind']),
    engine,
  ).execute();
  await db.schema.createIndex('attempts_test_idx').on('attempts').columns(['test_id', 'participation_id']).execute();

  await db.schema
    .createTable('attempt_answers')
    .addColumn('attempt_id', t.id, (c) => c.notNull().references('attempts.id').onDelete('cascade'))
    .addColumn('question_id', t.id, (c) => c.notNull())
    .addColumn('version_id', t.id, (c) => c.notNull().references('question_versions.id'))
    .addColumn('position', t.integer, (c) => c.notNull())
    .addColumn('option_ids', t.json, (c) => c.notNull())
    .addColumn('text', t.text)
    // Null: a short answer not marked yet.
    .addColumn('awarded', t.integer)
    .addColumn('max_points', t.integer, (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_answers_pk', ['attempt_id', 'question_id'])
    .execute();
  await db.schema.createIndex('attempt_answers_version_idx').on('attempt_answers').column('version_id').execute();

  await db.schema
    .createTable('participant_codes')
    .addColumn('participation_id', t.id, (c) => c.primaryKey().references('participations.id').onDelete('cascade'))
    .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('code', t.text, (c) => c.notNull())
    .addUniqueConstraint('participant_codes_event_code_uq', ['event_id', 'code'])
    .execute();

  // One row per bucket (a route and a network address) and time window: fixed-window counters that
  // every server process shares (a second process must see the same count).
  await db.schema
    .createTable('request_counts')
    .addColumn('bucket', t.text, (c) => c.notNull())
    .addColumn('window_start', t.timestamp, (c) => c.notNull())
    .addColumn('count', t.integer, (c) => c.notNull())
    .addPrimaryKeyConstraint('request_counts_pk', ['bucket', 'window_start'])
    .execute();
  await db.schema.createIndex('request_counts_window_idx').on('request_counts').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'request_counts',
    'participant_codes',
    'attempt_answers',
    'attempts',
    'test_questions',
    'tests',
    'question_options',
    'question_versions',
    'questions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
