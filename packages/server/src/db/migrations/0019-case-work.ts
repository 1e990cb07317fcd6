import { sql, type Kysely } from 'kysely';
import { columnTypes, engineOf } from '../dialect.js';

/**
 * Case management by the SOPs (issue 13).
 *
 * - case_transitions: every move of a case along the SOP, with its note sealed (it may speak of the person).
 * - case_approvals: a data officer's request that a supervisor approve the case plan or the closure.
 * - case_tasks: tasks with due dates; the title is free text about the person, so sealed.
 * - case_care_files: the HTCDS victim context; pick-lists, places and dates plain (HTCDS export and
 *   statistics read them), the perpetrators (names with roles) and the support plan sealed.
 * - case_justice: the criminal-justice track, one sealed JSON value (an FIR number points at the person).
 * - users.justice_access: the administrator's grant that lets a case role read the justice track.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const engine = engineOf(db);
  const t = columnTypes(engine);
  await db.schema
    .alterTable('users')
    .addColumn('justice_access', t.boolean, (c) => c.notNull().defaultTo(engine === 'postgres' ? sql`false` : 0))
    .execute();

  await db.schema
    .createTable('case_transitions')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('from_status', t.text, (c) => c.notNull())
    .addColumn('to_status', t.text, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note_sealed', t.text)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_transitions_case_idx').on('case_transitions').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('case_approvals')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('kind', t.text, (c) => c.notNull())
    .addColumn('status', t.text, (c) => c.notNull())
    .addColumn('requested_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', t.timestamp, (c) => c.notNull())
    .addColumn('decided_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('decided_at', t.timestamp)
    .execute();
  await db.schema.createIndex('case_approvals_status_idx').on('case_approvals').columns(['status', 'requested_at']).execute();
  await db.schema.createIndex('case_approvals_case_idx').on('case_approvals').columns(['case_id', 'status']).execute();

  await db.schema
    .createTable('case_tasks')
    .addColumn('id', t.id, (c) => c.primaryKey())
    .addColumn('case_id', t.id, (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('title_sealed', t.text, (c) => c.notNull())
    .addColumn('due_on', t.date, (c) => c.notNull())
    .addColumn('assignee_id', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('done_at', t.timestamp)
    .addColumn('done_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_tasks_case_idx').on('case_tasks').columns(['case_id', 'due_on']).execute();
  await db.schema.createIndex('case_tasks_open_due_idx').on('case_tasks').columns(['done_at', 'due_on']).execute();

  await db.schema
    .createTable('case_care_files')
    .addColumn('case_id', t.id, (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('context', t.json, (c) => c.notNull())
    .addColumn('sealed', t.text)
    .addColumn('updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_justice')
    .addColumn('case_id', t.id, (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('sealed', t.text)
    .addColumn('updated_by', t.id, (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_justice', 'case_care_files', 'case_tasks', 'case_approvals', 'case_transitions']) await db.schema.dropTable(table).execute();
  await db.schema.alterTable('users').dropColumn('justice_access').execute();
}
