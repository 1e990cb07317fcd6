import { zIdParams } from './common.js';
import type { RouteSpec } from './routes.js';
import { zCaseDuplicate, zCaseDuplicateList, zDismissCaseDuplicateBody, zMergeCaseDuplicateBody } from './case-duplicates.js';

/** Possible duplicates across agencies, and merging (issue 13). Supervisors only; never merged automatically. */
export const caseDuplicateRoutes = {
  listCaseDuplicates: {
    method: 'GET',
    path: '/api/case-duplicates',
    summary: "The open possible duplicates that involve a case of the supervisor's agency, with the signals that matched",
    description:
      "Another agency's case shows only its reference, agency, province and status: contact that agency, or break the glass to read it. " +
      'Each view is audited (the ids shown).',
    tag: 'cases',
    permission: 'cases.duplicates',
    status: 200,
    response: zCaseDuplicateList,
  },
  mergeCaseDuplicate: {
    method: 'POST',
    path: '/api/case-duplicates/{id}/merge',
    summary: 'Merge the pair: the other case is marked merged into `keep`, both histories kept',
    description:
      "Both cases of the supervisor's agency: merged at once. Cases of two agencies: the first supervisor's call asks " +
      '(status merge_requested), a supervisor of the other agency confirms with the same `keep`. 409 when the pair is not open, the other ' +
      'agency has not confirmed yet, or it asked to keep the other case.',
    tag: 'cases',
    permission: 'cases.duplicates',
    params: zIdParams,
    body: zMergeCaseDuplicateBody,
    status: 200,
    response: zCaseDuplicate,
  },
  dismissCaseDuplicate: {
    method: 'POST',
    path: '/api/case-duplicates/{id}/dismiss',
    summary: 'Not the same person: the pair is not shown again unless what matched changes',
    tag: 'cases',
    permission: 'cases.duplicates',
    params: zIdParams,
    body: zDismissCaseDuplicateBody,
    status: 200,
    response: zCaseDuplicate,
  },
} as const satisfies Record<string, RouteSpec>;
