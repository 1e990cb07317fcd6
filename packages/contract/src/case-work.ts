import { z } from 'zod';
import { zCountryCode, zId, zIsoDate, zOptionalText, zText, zTimestamp } from './common.js';
import { zCaseStatus } from './cases.js';
import {
  approvalKinds,
  approvalStatuses,
  careServiceTypes,
  chargeSections,
  exploitationTypes,
  forcedLabourIndustries,
  investigationStatuses,
  methodsOfControl,
  perpetratorRoles,
  prosecutionStatuses,
  recruitmentMethods,
  traffickingPlaceKinds,
  verdicts,
  witnessProtectionNeeds,
} from './case-work-vocabulary.js';

export * from './case-work-vocabulary.js';

const zNamedRef = z.object({ id: zId, name: z.string() });

// ---- Workflow ----

export const zTransitionBody = z.object({
  to: zCaseStatus,
  /** Why (required to reopen, and to close a case screened out). Sealed at rest: it may speak of the person. */
  note: zOptionalText(2000),
});
export type TransitionBody = z.input<typeof zTransitionBody>;

export const zApprovalKind = z.enum(approvalKinds);
export const zCaseApproval = z.object({
  id: zId,
  caseId: zId,
  caseReference: z.string(),
  kind: zApprovalKind,
  status: z.enum(approvalStatuses),
  requestedBy: zNamedRef.nullable(),
  requestedAt: zTimestamp,
  decidedBy: zNamedRef.nullable(),
  decidedAt: zTimestamp.nullable(),
});
export type CaseApproval = z.infer<typeof zCaseApproval>;
export const zCaseApprovalList = z.object({ items: z.array(zCaseApproval) });
export const zRequestApprovalBody = z.object({ kind: zApprovalKind });

export const zCaseTransition = z.object({
  id: zId,
  from: zCaseStatus,
  to: zCaseStatus,
  by: zNamedRef.nullable(),
  at: zTimestamp,
  note: z.string().nullable(),
});
export type CaseTransition = z.infer<typeof zCaseTransition>;

export const zCaseWorkflow = z.object({
  status: zCaseStatus,
  closedAt: zTimestamp.nullable(),
  /** The moves the SOP allows from here, with who may make them (the reader may not be that person). */
  moves: z.array(z.object({ to: zCaseStatus, by: z.enum(['officer', 'supervisor']), noteRequired: z.boolean(), allowed: z.boolean() })),
  /** Requests waiting for a supervisor. */
  pendingApprovals: z.array(zCaseApproval),
  transitions: z.array(zCaseTransition),
  /** Whether the reader may read the criminal-justice track (a separate grant on the account). */
  justiceAccess: z.boolean(),
});
export type CaseWorkflow = z.infer<typeof zCaseWorkflow>;

// ---- Tasks ----

export const zCaseTaskParams = z.object({ id: zId, taskId: zId });

export const zCreateCaseTaskBody = z.object({
  /** Free text about the person: sealed at rest. */
  title: zText(300),
  dueOn: zIsoDate,
  /** A data officer or supervisor of the case's agency (left out: nobody in particular). */
  assigneeId: zId.nullable().optional(),
});
export type CreateCaseTaskBody = z.input<typeof zCreateCaseTaskBody>;

export const zUpdateCaseTaskBody = z
  .object({
    title: zText(300),
    dueOn: zIsoDate,
    assigneeId: zId.nullable(),
    /** true: done; false: open again. */
    done: z.boolean(),
  })
  .partial();
export type UpdateCaseTaskBody = z.input<typeof zUpdateCaseTaskBody>;

export const zCaseTask = z.object({
  id: zId,
  caseId: zId,
  caseReference: z.string(),
  title: z.string(),
  dueOn: z.string(),
  assignee: zNamedRef.nullable(),
  done: z.boolean(),
  doneAt: zTimestamp.nullable(),
  /** Open and due before today. */
  overdue: z.boolean(),
  createdBy: zNamedRef.nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type CaseTask = z.infer<typeof zCaseTask>;
export const zCaseTaskList = z.object({ items: z.array(zCaseTask) });

// ---- The care file (HTCDS victim context) ----

export const zTraffickingPlace = z.object({
  kind: z.enum(traffickingPlaceKinds),
  countryCode: zCountryCode,
  province: zOptionalText(100),
});
export const zPerpetrator = z.object({
  /** Sealed at rest. */
  name: zText(200),
  role: z.enum(perpetratorRoles),
});

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values))
    .max(values.length)
    .transform((items) => [...new Set(items)])
    .default([]);

export const zCareFileBody = z.object({
  exploitationTypes: list(exploitationTypes),
  forcedLabourIndustries: list(forcedLabourIndustries),
  methodsOfControl: list(methodsOfControl),
  recruitmentMethods: list(recruitmentMethods),
  places: z.array(zTraffickingPlace).max(20).default([]),
  recruitedOn: zIsoDate.nullable().default(null),
  exploitationStartedOn: zIsoDate.nullable().default(null),
  exploitationEndedOn: zIsoDate.nullable().default(null),
  perpetrators: z.array(zPerpetrator).max(20).default([]),
  /** Free text: sealed at rest. */
  supportPlan: zOptionalText(10000),
  servicesReceived: list(careServiceTypes),
});
export type CareFileBody = z.input<typeof zCareFileBody>;

export const zCareFile = z.object({
  exploitationTypes: z.array(z.enum(exploitationTypes)),
  forcedLabourIndustries: z.array(z.enum(forcedLabourIndustries)),
  methodsOfControl: z.array(z.enum(methodsOfControl)),
  recruitmentMethods: z.array(z.enum(recruitmentMethods)),
  places: z.array(z.object({ kind: z.enum(traffickingPlaceKinds), countryCode: z.string(), province: z.string().nullable() })),
  recruitedOn: z.string().nullable(),
  exploitationStartedOn: z.string().nullable(),
  exploitationEndedOn: z.string().nullable(),
  perpetrators: z.array(z.object({ name: z.string(), role: z.enum(perpetratorRoles) })),
  supportPlan: z.string().nullable(),
  servicesReceived: z.array(z.enum(careServiceTypes)),
  updatedBy: zNamedRef.nullable(),
  /** Null: nothing recorded yet. */
  updatedAt: zTimestamp.nullable(),
});
export type CareFile = z.infer<typeof zCareFile>;

// ---- The criminal-justice track ----

export const zHearing = z.object({ on: zIsoDate, court: zOptionalText(200), outcome: zOptionalText(500) });

export const zJusticeBody = z.object({
  firNumber: zOptionalText(60),
  firDate: zIsoDate.nullable().default(null),
  policeStation: zOptionalText(200),
  investigationStatus: z.enum(investigationStatuses).nullable().default(null),
  charges: list(chargeSections),
  prosecutionStatus: z.enum(prosecutionStatuses).nullable().default(null),
  hearings: z.array(zHearing).max(100).default([]),
  verdict: z.enum(verdicts).nullable().default(null),
  verdictOn: zIsoDate.nullable().default(null),
  /** Awarded to the person, in the currency of the country (e.g. PKR). */
  compensationAmount: z.number().nonnegative().max(1e12).nullable().default(null),
  assetsSeized: zOptionalText(2000),
  witnessProtectionNeeds: list(witnessProtectionNeeds),
  notes: zOptionalText(5000),
});
export type JusticeBody = z.input<typeof zJusticeBody>;

export const zJusticeTrack = z.object({
  firNumber: z.string().nullable(),
  firDate: z.string().nullable(),
  policeStation: z.string().nullable(),
  investigationStatus: z.enum(investigationStatuses).nullable(),
  charges: z.array(z.enum(chargeSections)),
  prosecutionStatus: z.enum(prosecutionStatuses).nullable(),
  hearings: z.array(z.object({ on: z.string(), court: z.string().nullable(), outcome: z.string().nullable() })),
  verdict: z.enum(verdicts).nullable(),
  verdictOn: z.string().nullable(),
  compensationAmount: z.number().nullable(),
  assetsSeized: z.string().nullable(),
  witnessProtectionNeeds: z.array(z.enum(witnessProtectionNeeds)),
  notes: z.string().nullable(),
  updatedBy: zNamedRef.nullable(),
  updatedAt: zTimestamp.nullable(),
});
export type JusticeTrack = z.infer<typeof zJusticeTrack>;
