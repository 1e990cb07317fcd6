import {
  approvalMoves,
  findSopMove,
  sopMoves,
  type ApprovalKind,
  type CaseApproval,
  type CaseDetail,
  type CaseStatus,
  type CaseTask,
  type CaseWorkflow,
  type zCreateCaseTaskBody,
  type zTransitionBody,
  type zUpdateCaseTaskBody,
} from '@hifazat/contract';
import type { z } from 'zod';
import { inTransaction, type Db } from '../../db/database.js';
import { toBoolean } from '../../db/dialect.js';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { openText, sealText, type DataKeyring } from '../../shared/data-key.js';
import { newId, nowIso } from '../../shared/ids.js';
import { rowPurpose, type SealedColumn } from '../../shared/sealed-columns.js';
import { recordAccess, recordAudit } from '../audit/index.js';
import { scopeOf } from './cases.access.js';
import * as casesRepo from './cases.repository.js';
import { caseInScope, caseToWorkOn, getCase, userRefs } from './cases.service.js';
import * as referralsRepo from './case-referrals.repository.js';
import * as repo from './case-work.repository.js';

export const TRANSITION_NOTE_PURPOSE = 'cases.transition_note';
export const TASK_TITLE_PURPOSE = 'cases.task_title';
export const CARE_FILE_PURPOSE = 'cases.care_file';
export const JUSTICE_PURPOSE = 'cases.justice';

/** The module's sealed columns, for `npx hifazat keys rotate` (registered in index.ts). */
export const CASE_WORK_SEALED_COLUMNS: SealedColumn[] = [
  { table: 'case_transitions', idColumn: 'id', column: 'note_sealed', purpose: TRANSITION_NOTE_PURPOSE },
  { table: 'case_tasks', idColumn: 'id', column: 'title_sealed', purpose: TASK_TITLE_PURPOSE },
  { table: 'case_care_files', idColumn: 'case_id', column: 'sealed', purpose: CARE_FILE_PURPOSE },
  { table: 'case_justice', idColumn: 'case_id', column: 'sealed', purpose: JUSTICE_PURPOSE },
];

const SEALED = '‹sealed›';
const WITHHELD = '‹withheld›';
const today = () => nowIso().slice(0, 10);
const OVERDUE_LIMIT = 200;

/** The cases the actor works on (their agency's, not through break-glass), or null without an agency. */
export async function workScopeOf(db: Db, actor: Actor): Promise<repo.WorkScope | null> {
  const scope = await scopeOf(db, actor);
  return scope.agency ? { countries: scope.countries, organizationId: scope.agency.organizationId, provinces: scope.agency.provinces } : null;
}

const mayMake = (actor: Actor, by: 'officer' | 'supervisor') => actor.role === 'supervisor' || (by === 'officer' && actor.role === 'data_officer');

function presentApproval(row: repo.ApprovalRow, reference: string, users: Map<string, { id: string; name: string }>): CaseApproval {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: reference,
    kind: row.kind,
    status: row.status,
    requestedBy: row.requested_by ? (users.get(row.requested_by) ?? null) : null,
    requestedAt: row.requested_at,
    decidedBy: row.decided_by ? (users.get(row.decided_by) ?? null) : null,
    decidedAt: row.decided_at,
  };
}

/**
 * Moves the case along the SOP: 409 when the SOP has no such move from where the case stands, 403 when
 * the move is a supervisor's (approving the plan, closing, reopening) and a data officer asks. Closing
 * sets `closed_at` (retention counts from it); reopening clears it. Pending approvals are settled: the
 * one this move stands for is approved, any other no longer applies and is declined.
 */
export async function transitionCase(db: Db, keys: DataKeyring, actor: Actor, caseId: string, body: z.output<typeof zTransitionBody>): Promise<CaseDetail> {
  await inTransaction(db, async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    const from = row.status as CaseStatus;
    const move = findSopMove(from, body.to);
    if (!move) {
      const allowed = sopMoves.filter((m) => m.from === from).map((m) => m.to);
      throw conflict(`The SOP does not move a case from ${from} to ${body.to}`, [{ path: 'to', message: `From ${from}: ${allowed.join(', ') || 'none'}` }]);
    }
    if (!mayMake(actor, move.by)) {
      throw forbidden("Approving the case plan, closing and reopening a case are a supervisor's: ask for approval", [
        { path: 'to', message: 'Needs a supervisor' },
      ]);
    }
    // The referral step follows the person's consent (or a referral already sent, on an override).
    if (body.to === 'referral' && !(await referralsRepo.hasStandingConsentOrReferral(trx, caseId))) {
      throw ruleViolation("Record the person's consent to be referred, or send a referral, before the referral step", [
        { path: 'to', message: 'No consent or referral' },
      ]);
    }
    const note = body.note ?? null;
    if (move.noteRequired && !note) throw invalid('Say why in a note', [{ path: 'note', message: 'Required for this move' }]);
    const at = nowIso();
    const transitionId = newId();
    await repo.insertTransition(trx, {
      id: transitionId,
      case_id: caseId,
      from_status: from,
      to_status: body.to,
      user_id: actor.id,
      note_sealed: note ? sealText(keys, note, rowPurpose(TRANSITION_NOTE_PURPOSE, transitionId)) : null,
      at,
    });
    const closing = body.to === 'closed';
    await casesRepo.updateCase(trx, caseId, { status: body.to, closed_at: closing ? at : null, updated_at: at });
    const settled: string[] = [];
    for (const pending of await repo.pendingApprovalsOfCase(trx, caseId)) {
      const approved = approvalMoves[pending.kind].to === body.to;
      await repo.decideApproval(trx, pending.id, approved ? 'approved' : 'declined', actor.id, at);
      settled.push(`${pending.id} ${approved ? 'approved' : 'declined'}`);
    }
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'transition',
      userId: actor.id,
      changes: {
        status: { from, to: body.to },
        transition: { from: null, to: transitionId },
        ...(note ? { note: { from: null, to: SEALED } } : {}),
      },
      note: [`${from} → ${body.to}`, ...settled.map((s) => `approval ${s}`)].join('; '),
    });
  });
  return getCase(db, keys, actor, caseId);
}

/** A data officer's (or supervisor's) request for approval of the case plan or of the closure. */
export async function requestApproval(db: Db, actor: Actor, caseId: string, kind: ApprovalKind): Promise<CaseApproval> {
  // The route admits data officers only: a supervisor's request, settled by their own move, would read as a second person's approval.
  const id = newId();
  const reference = await inTransaction(db, async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    if (!approvalMoves[kind].from.includes(row.status as CaseStatus)) {
      throw conflict(`A ${kind === 'case_plan' ? 'case plan' : 'closure'} is approved when the case is at ${approvalMoves[kind].from.join(' or ')}`, [
        { path: 'kind', message: `The case is at ${row.status}` },
      ]);
    }
    if ((await repo.pendingApprovalsOfCase(trx, caseId)).some((a) => a.kind === kind)) {
      throw conflict('This approval has been asked for already and waits for a supervisor');
    }
    await repo.insertApproval(trx, {
      id,
      case_id: caseId,
      kind,
      status: 'pending',
      requested_by: actor.id,
      requested_at: nowIso(),
      decided_by: null,
      decided_at: null,
    });
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'approval',
      userId: actor.id,
      changes: { approval: { from: null, to: id }, status: { from: row.status, to: row.status } },
      note: `requested: ${kind}`,
    });
    return row.reference;
  });
  const stored = await repo.findApproval(db, id);
  if (!stored) throw notFound('Approval');
  return presentApproval(stored, reference, await userRefs(db, [stored.requested_by]));
}

/** The approvals waiting for the supervisor: the cases of their agency. */
export async function listApprovals(db: Db, actor: Actor): Promise<{ items: CaseApproval[] }> {
  const scope = await workScopeOf(db, actor);
  if (!scope) return { items: [] };
  const rows = await repo.pendingApprovals(db, scope, 200);
  const users = await userRefs(
    db,
    rows.map((r) => r.requested_by),
  );
  return { items: rows.map((r) => presentApproval(r, r.reference, users)) };
}

export async function declineApproval(db: Db, actor: Actor, id: string): Promise<CaseApproval> {
  const reference = await inTransaction(db, async (trx) => {
    const approval = await repo.findApproval(trx, id);
    if (!approval) throw notFound('Approval');
    // The case must be one the supervisor works on: anyone else hears there is no such request.
    const row = await caseToWorkOn(trx, actor, approval.case_id).catch(() => {
      throw notFound('Approval');
    });
    if (approval.status !== 'pending') throw conflict('This request was decided already');
    await repo.decideApproval(trx, id, 'declined', actor.id, nowIso());
    await recordAudit(trx, {
      entityType: 'case',
      entityId: approval.case_id,
      action: 'approval',
      userId: actor.id,
      changes: { approval: { from: 'pending', to: 'declined' } },
      note: `declined: ${approval.kind} ${id}`,
    });
    return row.reference;
  });
  const stored = await repo.findApproval(db, id);
  if (!stored) throw notFound('Approval');
  return presentApproval(stored, reference, await userRefs(db, [stored.requested_by, stored.decided_by]));
}

/** Where the case stands, what may come next (and whether the reader may do it), and how it got here. */
export async function caseWorkflow(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<CaseWorkflow> {
  return inTransaction(db, async (trx) => {
    const row = await caseInScope(trx, actor, caseId);
    const inScope = toBoolean(row.in_agency_scope);
    const [transitions, pending, justiceAccess] = await Promise.all([
      repo.transitionsOfCase(trx, caseId),
      repo.pendingApprovalsOfCase(trx, caseId),
      repo.hasJusticeAccess(trx, actor.id),
    ]);
    const users = await userRefs(trx, [...transitions.map((t) => t.user_id), ...pending.map((p) => p.requested_by)]);
    // Transition notes may speak of the person: reading them is a read of the case.
    await recordAccess(trx, { entityType: 'case', entityId: caseId, action: 'view', userId: actor.id, note: inScope ? 'workflow' : 'workflow, break-glass' });
    return {
      status: row.status as CaseStatus,
      closedAt: row.closed_at,
      moves: sopMoves
        .filter((m) => m.from === row.status)
        .map((m) => ({ to: m.to, by: m.by, noteRequired: m.noteRequired, allowed: inScope && !row.anonymised_at && mayMake(actor, m.by) })),
      pendingApprovals: pending.map((p) => presentApproval(p, row.reference, users)),
      transitions: transitions.map((t) => ({
        id: t.id,
        from: t.from_status as CaseStatus,
        to: t.to_status as CaseStatus,
        by: t.user_id ? (users.get(t.user_id) ?? null) : null,
        at: t.at,
        note: t.note_sealed ? openText(keys, t.note_sealed, rowPurpose(TRANSITION_NOTE_PURPOSE, t.id)) : null,
      })),
      justiceAccess: justiceAccess && inScope && (actor.role === 'data_officer' || actor.role === 'supervisor'),
    };
  });
}

// ---- Tasks ----

function presentTask(keys: DataKeyring, row: repo.TaskRow, reference: string, users: Map<string, { id: string; name: string }>, day = today()): CaseTask {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: reference,
    // Empty once the case's personal data was erased or anonymised.
    title: row.title_sealed === '' ? '' : openText(keys, row.title_sealed, rowPurpose(TASK_TITLE_PURPOSE, row.id)),
    dueOn: row.due_on,
    assignee: row.assignee_id ? (users.get(row.assignee_id) ?? null) : null,
    done: row.done_at !== null,
    doneAt: row.done_at,
    overdue: row.done_at === null && row.due_on < day,
    createdBy: row.created_by ? (users.get(row.created_by) ?? null) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function presentTasks(db: Db, keys: DataKeyring, rows: Array<repo.TaskRow & { reference: string }>): Promise<CaseTask[]> {
  const users = await userRefs(
    db,
    rows.flatMap((r) => [r.assignee_id, r.created_by]),
  );
  return rows.map((r) => presentTask(keys, r, r.reference, users));
}

async function checkAssignee(db: Db, assigneeId: string | null | undefined, organizationId: string): Promise<void> {
  if (!assigneeId) return;
  if (!(await repo.isCaseWorkerOf(db, assigneeId, organizationId))) {
    throw ruleViolation("A task goes to a data officer or supervisor of the case's agency", [{ path: 'assigneeId', message: 'Not of this agency' }]);
  }
}

export async function listTasks(db: Db, keys: DataKeyring, actor: Actor, caseId: string): Promise<{ items: CaseTask[] }> {
  return inTransaction(db, async (trx) => {
    const row = await caseInScope(trx, actor, caseId);
    const tasks = await repo.tasksOfCase(trx, caseId);
    if (tasks.length > 0) await recordAccess(trx, { entityType: 'case', entityId: caseId, action: 'view', userId: actor.id, note: 'tasks' });
    return {
      items: await presentTasks(
        trx,
        keys,
        tasks.map((t) => ({ ...t, reference: row.reference })),
      ),
    };
  });
}

export async function createTask(db: Db, keys: DataKeyring, actor: Actor, caseId: string, body: z.output<typeof zCreateCaseTaskBody>): Promise<CaseTask> {
  const id = newId();
  const reference = await inTransaction(db, async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    if (row.status === 'closed') throw conflict('The case is closed: reopen it before adding tasks');
    await checkAssignee(trx, body.assigneeId, row.organization_id);
    const now = nowIso();
    await repo.insertTask(trx, {
      id,
      case_id: caseId,
      title_sealed: sealText(keys, body.title, rowPurpose(TASK_TITLE_PURPOSE, id)),
      due_on: body.dueOn,
      assignee_id: body.assigneeId ?? null,
      done_at: null,
      done_by: null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'task',
      userId: actor.id,
      changes: { task: { from: null, to: id }, title: { from: null, to: SEALED }, dueOn: { from: null, to: WITHHELD } },
      note: 'task added',
    });
    return row.reference;
  });
  const stored = await repo.findTask(db, caseId, id);
  if (!stored) throw notFound('Task');
  return (await presentTasks(db, keys, [{ ...stored, reference }]))[0] as CaseTask;
}

export async function updateTask(
  db: Db,
  keys: DataKeyring,
  actor: Actor,
  caseId: string,
  taskId: string,
  body: z.output<typeof zUpdateCaseTaskBody>,
): Promise<CaseTask> {
  const reference = await inTransaction(db, async (trx) => {
    const row = await caseToWorkOn(trx, actor, caseId);
    const task = await repo.findTask(trx, caseId, taskId);
    if (!task) throw notFound('Task');
    await checkAssignee(trx, body.assigneeId, row.organization_id);
    const now = nowIso();
    const changes: Partial<repo.TaskRow> = {};
    const fields: Record<string, { from: unknown; to: unknown }> = {};
    if (body.title !== undefined) {
      changes.title_sealed = sealText(keys, body.title, rowPurpose(TASK_TITLE_PURPOSE, taskId));
      fields.title = { from: SEALED, to: SEALED };
    }
    if (body.dueOn !== undefined && body.dueOn !== task.due_on) {
      changes.due_on = body.dueOn;
      fields.dueOn = { from: WITHHELD, to: WITHHELD };
    }
    if (body.assigneeId !== undefined && body.assigneeId !== task.assignee_id) {
      changes.assignee_id = body.assigneeId;
      fields.assignee = { from: task.assignee_id, to: body.assigneeId };
    }
    if (body.done !== undefined && body.done !== (task.done_at !== null)) {
      changes.done_at = body.done ? now : null;
      changes.done_by = body.done ? actor.id : null;
      fields.done = { from: task.done_at !== null, to: body.done };
    }
    if (Object.keys(fields).length === 0) return row.reference;
    await repo.updateTask(trx, taskId, { ...changes, updated_at: now });
    await recordAudit(trx, {
      entityType: 'case',
      entityId: caseId,
      action: 'task',
      userId: actor.id,
      changes: { task: { from: taskId, to: taskId }, ...fields },
      note: body.done === true ? 'task done' : body.done === false ? 'task reopened' : 'task changed',
    });
    return row.reference;
  });
  const stored = await repo.findTask(db, caseId, taskId);
  if (!stored) throw notFound('Task');
  return (await presentTasks(db, keys, [{ ...stored, reference }]))[0] as CaseTask;
}

/** Overdue tasks on the cases the reader works on (their agency's; a data officer's in their provinces). */
export async function overdueTasks(db: Db, keys: DataKeyring, actor: Actor): Promise<{ items: CaseTask[] }> {
  const scope = await workScopeOf(db, actor);
  if (!scope) return { items: [] };
  return inTransaction(db, async (trx) => {
    const rows = await repo.overdueTasks(trx, scope, today(), OVERDUE_LIMIT);
    if (rows.length > 0) {
      await recordAccess(trx, {
        entityType: 'case',
        entityId: null,
        action: 'view',
        userId: actor.id,
        note: `overdue tasks: ${[...new Set(rows.map((r) => r.case_id))].join(' ')}`,
      });
    }
    return { items: await presentTasks(trx, keys, rows) };
  });
}
