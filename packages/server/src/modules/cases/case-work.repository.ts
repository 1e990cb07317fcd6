import type { Db } from '../../db/database.js';
import { toJson } from '../../db/dialect.js';
import type { CaseApprovalsTable, CaseCareFilesTable, CaseJusticeTable, CaseTasksTable, CaseTransitionsTable } from '../../db/schema.js';

/** Case management by the SOPs: SQL only here. Nothing here opens a sealed value. */
export type TransitionRow = CaseTransitionsTable;
export type ApprovalRow = CaseApprovalsTable;
export type TaskRow = CaseTasksTable;
export type CareFileRow = CaseCareFilesTable;
export type JusticeRow = CaseJusticeTable;

/** The cases a reader works on (not through break-glass): their agency's, in their provinces when set, in their countries. */
export type WorkScope = { countries: string[] | null; organizationId: string; provinces: string[] | null };

export async function insertTransition(db: Db, row: TransitionRow): Promise<void> {
  await db.insertInto('case_transitions').values(row).execute();
}

export function transitionsOfCase(db: Db, caseId: string): Promise<TransitionRow[]> {
  return db.selectFrom('case_transitions').selectAll().where('case_id', '=', caseId).orderBy('at', 'desc').orderBy('id').execute();
}

export async function insertApproval(db: Db, row: ApprovalRow): Promise<void> {
  await db.insertInto('case_approvals').values(row).execute();
}

export function findApproval(db: Db, id: string): Promise<ApprovalRow | undefined> {
  return db.selectFrom('case_approvals').selectAll().where('id', '=', id).executeTakeFirst();
}

export function pendingApprovalsOfCase(db: Db, caseId: string): Promise<ApprovalRow[]> {
  return db.selectFrom('case_approvals').selectAll().where('case_id', '=', caseId).where('status', '=', 'pending').orderBy('requested_at').execute();
}

export async function decideApproval(db: Db, id: string, status: 'approved' | 'declined', userId: string, at: string): Promise<void> {
  await db.updateTable('case_approvals').set({ status, decided_by: userId, decided_at: at }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** The pending approvals of the cases a supervisor works on, oldest first, with each case's reference. */
export function pendingApprovals(db: Db, scope: WorkScope, limit: number): Promise<Array<ApprovalRow & { reference: string }>> {
  let query = db
    .selectFrom('case_approvals')
    .innerJoin('cases', 'cases.id', 'case_approvals.case_id')
    .selectAll('case_approvals')
    .select('cases.reference')
    .where('case_approvals.status', '=', 'pending')
    // A case merged into another (a duplicate) is not worked on any more: the kept case is.
    .where('cases.merged_into_id', 'is', null)
    .where('cases.organization_id', '=', scope.organizationId);
  if (scope.countries !== null) query = query.where('cases.country_code', 'in', scope.countries.length > 0 ? scope.countries : ['']);
  if (scope.provinces !== null) query = query.where('cases.province', 'in', scope.provinces.length > 0 ? scope.provinces : ['']);
  return query.orderBy('case_approvals.requested_at').orderBy('case_approvals.id').limit(limit).execute();
}

export async function insertTask(db: Db, row: TaskRow): Promise<void> {
  await db.insertInto('case_tasks').values(row).execute();
}

export async function updateTask(db: Db, id: string, changes: Partial<TaskRow>): Promise<void> {
  await db.updateTable('case_tasks').set(changes).where('id', '=', id).execute();
}

export function findTask(db: Db, caseId: string, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('case_tasks').selectAll().where('id', '=', id).where('case_id', '=', caseId).executeTakeFirst();
}

/** Open tasks first (by due date), then the done ones. */
export function tasksOfCase(db: Db, caseId: string): Promise<TaskRow[]> {
  return db
    .selectFrom('case_tasks')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy((eb) => eb.case().when('done_at', 'is', null).then(0).else(1).end())
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

/** Open tasks due before `today` on the cases of the scope (not anonymised), the most overdue first. */
export function overdueTasks(db: Db, scope: WorkScope, today: string, limit: number): Promise<Array<TaskRow & { reference: string }>> {
  let query = db
    .selectFrom('case_tasks')
    .innerJoin('cases', 'cases.id', 'case_tasks.case_id')
    .selectAll('case_tasks')
    .select('cases.reference')
    .where('case_tasks.done_at', 'is', null)
    .where('case_tasks.due_on', '<', today)
    .where('cases.anonymised_at', 'is', null)
    .where('cases.merged_into_id', 'is', null)
    .where('cases.organization_id', '=', scope.organizationId);
  if (scope.countries !== null) query = query.where('cases.country_code', 'in', scope.countries.length > 0 ? scope.countries : ['']);
  if (scope.provinces !== null) query = query.where('cases.province', 'in', scope.provinces.length > 0 ? scope.provinces : ['']);
  return query.orderBy('case_tasks.due_on').orderBy('case_tasks.id').limit(limit).execute();
}

/** Whether the account is a data officer or supervisor of the agency, and active (a task's assignee). */
export async function isCaseWorkerOf(db: Db, userId: string, organizationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', userId)
    .where('organization_id', '=', organizationId)
    .where('role', 'in', ['data_officer', 'supervisor'])
    .executeTakeFirst();
  return row !== undefined;
}

export async function hasJusticeAccess(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('users').select('justice_access').where('id', '=', userId).executeTakeFirst();
  return row !== undefined && (row.justice_access === true || row.justice_access === 1);
}

export function findCareFile(db: Db, caseId: string): Promise<CareFileRow | undefined> {
  return db.selectFrom('case_care_files').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function saveCareFile(db: Db, row: CareFileRow): Promise<void> {
  const values = { ...row, context: toJson(row.context) };
  await db
    .insertInto('case_care_files')
    .values(values)
    .onConflict((oc) =>
      oc.column('case_id').doUpdateSet({ context: values.context, sealed: values.sealed, updated_by: values.updated_by, updated_at: values.updated_at }),
    )
    .execute();
}

export function findJustice(db: Db, caseId: string): Promise<JusticeRow | undefined> {
  return db.selectFrom('case_justice').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function saveJustice(db: Db, row: JusticeRow): Promise<void> {
  await db
    .insertInto('case_justice')
    .values(row)
    .onConflict((oc) => oc.column('case_id').doUpdateSet({ sealed: row.sealed, updated_by: row.updated_by, updated_at: row.updated_at }))
    .execute();
}
