import type { Kysely } from 'kysely';
import { columnTypes, engineOf, withTimestamps } from '../dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);

  await withTimestamps(
    db.schema
      .createTable('users')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('email', t.text, (c) => c.notNull())
      .addColumn('email_normalized', t.text, (c) => c.notNull().unique())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('password_hash', t.text, (c) => c.notNull())
      .addColumn('countries', t.json)
      .addColumn('active', t.boolean, (c) => c.notNull()),
    engine,
  ).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('expires_at', t.timestamp, (c) => c.notNull())
    .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('email_normalized', t.text, (c) => c.notNull())
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('success', t.boolean, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_email_at_idx').on('login_attempts').columns(['email_normalized', 'at']).execute();

  await withTimestamps(
    db.schema
      .createTable('organizations')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('name_normalized', t.text, (c) => c.notNull())
      .addColumn('acronym', t.text)
      .addColumn('acronym_normalized', t.text)
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('country_code', t.text)
      .addColumn('province', t.text),
    engine,
  ).execute();
  await db.schema.createIndex('organizations_name_idx').on('organizations').column('name_normalized').execute();
  await db.schema.createIndex('organizations_acronym_idx').on('organizations').column('acronym_normalized').execute();

  await withTimestamps(
    db.schema
      .createTable('people')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('full_name', t.text, (c) => c.notNull())
      .addColumn('name_normalized', t.text, (c) => c.notNull())
      .addColumn('name_key', t.text, (c) => c.notNull())
      .addColumn('sex', t.text, (c) => c.notNull())
      .addColumn('birth_year', t.integer)
      .addColumn('organization_id', t.id, (c) => c.references('organizations.id'))
      .addColumn('designation', t.text)
      .addColumn('province', t.text)
      .addColumn('district', t.text)
      .addColumn('phone', t.text)
      .addColumn('phone_normalized', t.text)
      .addColumn('email', t.text)
      .addColumn('email_normalized', t.text)
      .addColumn('country_code', t.text),
    engine,
  ).execute();
  await db.schema.createIndex('people_name_idx').on('people').columns(['name_normalized', 'id']).execute();
  await db.schema.createIndex('people_name_key_idx').on('people').column('name_key').execute();
  await db.schema.createIndex('people_org_idx').on('people').column('organization_id').execute();
  await db.schema.createIndex('people_phone_idx').on('people').column('phone_normalized').execute();
  await db.schema.createIndex('people_email_idx').on('people').column('email_normalized').execute();

  await withTimestamps(
    db.schema
      .createTable('programmes')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('name', t.text, (c) => c.notNull())
      .addColumn('name_normalized', t.text, (c) => c.notNull())
      .addColumn('donor', t.text)
      .addColumn('start_date', t.date)
      .addColumn('end_date', t.date),
    engine,
  ).execute();

  await db.schema
    .createTable('programme_countries')
    .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id').onDelete('cascade'))
    .addColumn('country_code', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('programme_countries_pk', ['programme_id', 'country_code'])
    .execute();

  await withTimestamps(
    db.schema
      .createTable('events')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('programme_id', t.id, (c) => c.notNull().references('programmes.id'))
      .addColumn('title', t.text, (c) => c.notNull())
      .addColumn('title_normalized', t.text, (c) => c.notNull())
      .addColumn('type', t.text, (c) => c.notNull())
      .addColumn('series', t.text)
      .addColumn('start_date', t.date, (c) => c.notNull())
      .addColumn('end_date', t.date, (c) => c.notNull())
      .addColumn('city', t.text, (c) => c.notNull())
      .addColumn('province', t.text)
      .addColumn('country_code', t.text, (c) => c.notNull())
      .addColumn('venue', t.text)
      .addColumn('status', t.text, (c) => c.notNull())
      .addColumn('learning_objectives', t.text)
      .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null')),
    engine,
  ).execute();
  await db.schema.createIndex('events_start_idx').on('events').columns(['start_date', 'id']).execute();
  await db.schema.createIndex('events_programme_idx').on('events').columns(['programme_id', 'start_date']).execute();
  await db.schema.createIndex('events_country_idx').on('events').columns(['country_code', 'start_date']).execute();

  await db.schema
    .createTable('event_topics')
    .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('topic', t.text, (c) => c.notNull())
    .addColumn('topic_normalized', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_topics_pk', ['event_id', 'topic_normalized'])
    .execute();
  await db.schema.createIndex('event_topics_topic_idx').on('event_topics').columns(['topic_normalized', 'event_id']).execute();

  await db.schema
    .createTable('event_organizations')
    .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('organization_id', t.id, (c) => c.notNull().references('organizations.id'))
    .addColumn('relation', t.text, (c) => c.notNull())
    .addPrimaryKeyConstraint('event_organizations_pk', ['event_id', 'organization_id', 'relation'])
    .execute();
  await db.schema.createIndex('event_organizations_org_idx').on('event_organizations').column('organization_id').execute();

  await db.schema
    .createTable('event_trainers')
    .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('user_id', t.id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('event_trainers_pk', ['event_id', 'user_id'])
    .execute();
  await db.schema.createIndex('event_trainers_user_idx').on('event_trainers').column('user_id').execute();

  await withTimestamps(
    db.schema
      .createTable('participations')
      .addColumn('id', t.id, (c) => c.primaryKey())
      .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
      .addColumn('person_id', t.id, (c) => c.notNull().references('people.id'))
      .addColumn('role', t.text, (c) => c.notNull())
      .addColumn('attended_direct', t.boolean, (c) => c.notNull())
      .addColumn('days_present', t.integer, (c) => c.notNull())
      .addColumn('attended', t.boolean, (c) => c.notNull())
      .addColumn('person_sex', t.text, (c) => c.notNull())
      .addColumn('organization_type', t.text)
      .addColumn('event_start_date', t.date, (c) => c.notNull())
      .addColumn('event_province', t.text)
      .addColumn('event_type', t.text, (c) => c.notNull())
      .addColumn('event_status', t.text, (c) => c.notNull())
      .addColumn('event_country', t.text, (c) => c.notNull())
      .addColumn('programme_id', t.id, (c) => c.notNull())
      .addUniqueConstraint('participations_event_person_uq', ['event_id', 'person_id']),
    engine,
  ).execute();
  await db.schema.createIndex('participations_person_idx').on('participations').column('person_id').execute();
  // Covers the head count of every event in a list (attended participants per event) without reading rows.
  await db.schema.createIndex('participations_event_count_idx').on('participations').columns(['event_id', 'role', 'attended']).execute();
  // Covers the programme report: every column it filters or groups on, in the order it filters.
  await db.schema
    .createIndex('participations_report_idx')
    .on('participations')
    .columns([
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
    ])
    .execute();

  await db.schema
    .createTable('attendance')
    .addColumn('event_id', t.id, (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', t.id, (c) => c.notNull().references('people.id'))
    .addColumn('date', t.date, (c) => c.notNull())
    .addColumn('present', t.boolean, (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['event_id', 'person_id', 'date'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('entity_type', t.text, (c) => c.notNull())
    .addColumn('entity_id', t.id, (c) => c.notNull())
    .addColumn('action', t.text, (c) => c.notNull())
    .addColumn('user_id', t.id)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('changes', t.json, (c) => c.notNull())
    .addColumn('note', t.text)
    .execute();
  await db.schema.createIndex('audit_log_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'attendance',
    'participations',
    'event_trainers',
    'event_organizations',
    'event_topics',
    'events',
    'programme_countries',
    'programmes',
    'people',
    'organizations',
    'login_attempts',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
