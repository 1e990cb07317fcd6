import { z } from 'zod';
import { zIdParams } from './common.js';
import type { RouteSpec } from './routes.js';
import {
  zBreakGlassBody,
  zBreakGlassEntry,
  zBreakGlassList,
  zBreakGlassListQuery,
  zCaseDetail,
  zCaseExport,
  zCaseHistory,
  zCaseList,
  zCaseListQuery,
  zCaseScreening,
  zCaseStatistics,
  zCaseStatisticsQuery,
  zCreateCaseBody,
  zCreateCaseScreeningBody,
  zEraseCaseBody,
  zUpdateCaseBody,
} from './cases.js';

const scopeNote =
  'A data officer sees the cases of their own agency in their area (provinces), a supervisor those of their agency; ' +
  'both only in their countries. Anyone else gets 404, except through a break-glass grant. Every read is audited.';

/** Victims' case files (issue 12): protected records, stored screenings, break-glass, retention. Spread into the contract's route map. */
export const caseRoutes = {
  createCase: {
    method: 'POST',
    path: '/api/cases',
    summary: "Open a case file for a person who may be a victim (the data officer's agency and area)",
    description:
      'Names, aliases, contact details, identity numbers, the address, the place of identification and the narrative are ' +
      'encrypted at rest; the name is searchable through a keyed blind index only. The reference (e.g. PK-2026-000042) is ' +
      "the one to quote. 422 when the account has no agency, or the country or province is outside the account's area.",
    tag: 'cases',
    permission: 'cases.create',
    body: zCreateCaseBody,
    status: 201,
    response: zCaseDetail,
  },
  listCases: {
    method: 'GET',
    path: '/api/cases',
    summary: 'The cases the reader may see, newest first; search by name (Latin or Urdu script) or reference',
    description: `${scopeNote} A name search matches whole words by sound ("Muhammad", "Mohd" and "محمد" meet), so read the candidates.`,
    tag: 'cases',
    permission: 'cases.read',
    query: zCaseListQuery,
    status: 200,
    response: zCaseList,
  },
  caseStatistics: {
    method: 'GET',
    path: '/api/cases/statistics',
    summary: 'Counts of cases by sex, age group, status, province, citizenship and trafficking status (no names, small cells withheld)',
    description:
      'For analysts: never a name, a contact detail or an id of a case. Cells under `minimumCell` are null, every other count ' +
      'is rounded to a multiple of `rounding`, and a province or citizenship is named only when its count is shown.',
    tag: 'cases',
    permission: 'cases.statistics',
    query: zCaseStatisticsQuery,
    status: 200,
    response: zCaseStatistics,
  },
  getCase: {
    method: 'GET',
    path: '/api/cases/{id}',
    summary: 'One case file, decrypted for the reader, with its screenings and break-glass entries (the read is audited)',
    description: `${scopeNote} A supervisor or administrator outside the scope gets 403 with code 'break_glass_required'.`,
    tag: 'cases',
    permission: 'cases.read',
    params: zIdParams,
    status: 200,
    response: zCaseDetail,
    extraErrors: [403],
  },
  updateCase: {
    method: 'PATCH',
    path: '/api/cases/{id}',
    summary: "Correct a case's identification details or the person's details (audited: the fields, never the values)",
    tag: 'cases',
    permission: 'cases.write',
    params: zIdParams,
    body: zUpdateCaseBody,
    status: 200,
    response: zCaseDetail,
  },
  caseHistory: {
    method: 'GET',
    path: '/api/cases/{id}/history',
    summary: "A case's audit trail: who opened, changed, read, exported or broke the glass, and when",
    tag: 'cases',
    permission: 'cases.read',
    params: zIdParams,
    status: 200,
    response: zCaseHistory,
  },
  breakGlassCase: {
    method: 'POST',
    path: '/api/cases/{id}/break-glass',
    summary: "Open a case outside one's scope for 4 hours, giving the reason (flagged for review on the System page)",
    description: 'Supervisors (cases of their countries outside their agency) and administrators. The reason is encrypted at rest.',
    tag: 'cases',
    permission: 'cases.break_glass',
    params: zIdParams,
    body: zBreakGlassBody,
    status: 201,
    response: zBreakGlassEntry,
  },
  createCaseScreening: {
    method: 'POST',
    path: '/api/cases/{id}/screenings',
    summary: "Store a screening of the person: the aid's evaluation with the rules version it ran with, and the decision if taken",
    description:
      'The body is that of /api/screenings/evaluate (answers or elements), with the decision (HTCDS vic_TraffickingStatus and ' +
      'the kind of organisation that decided) and `corrects` for a correction. A stored screening never changes. `countryCode` ' +
      "must be the case's; `age` left out is the case's.",
    tag: 'cases',
    permission: 'cases.screen',
    params: zIdParams,
    body: zCreateCaseScreeningBody,
    status: 201,
    response: zCaseScreening,
  },
  exportCase: {
    method: 'POST',
    path: '/api/cases/{id}/export',
    summary: "Export a person's data on their request: an AES-256 encrypted ZIP and its password, shown once (audited)",
    tag: 'cases',
    permission: 'cases.retention',
    params: zIdParams,
    status: 201,
    response: zCaseExport,
  },
  eraseCase: {
    method: 'POST',
    path: '/api/cases/{id}/erase',
    summary: "Erase a person's identifying data on their request (the counts stay; the erasure itself is audited)",
    tag: 'cases',
    permission: 'cases.retention',
    params: zIdParams,
    body: zEraseCaseBody,
    status: 200,
    response: zCaseDetail,
  },
  listBreakGlass: {
    method: 'GET',
    path: '/api/break-glass',
    summary: 'Break-glass openings of cases, for review (System page)',
    tag: 'cases',
    permission: 'system.manage',
    query: zBreakGlassListQuery,
    status: 200,
    response: zBreakGlassList,
  },
  reviewBreakGlass: {
    method: 'POST',
    path: '/api/break-glass/{id}/review',
    summary: 'Mark a break-glass opening as reviewed',
    tag: 'cases',
    permission: 'system.manage',
    params: zIdParams,
    body: z.object({}).strict(),
    status: 200,
    response: zBreakGlassEntry,
  },
} as const satisfies Record<string, RouteSpec>;
