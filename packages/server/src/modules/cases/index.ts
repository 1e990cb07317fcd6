/**
 * Victims' case files (issue 12): what identifies a person sealed with the data key and found through
 * the blind index, scoped to agency and area, every read and change in the audit chain, stored
 * screenings, break-glass and retention.
 */
import { registerSealedColumn } from '../../shared/sealed-columns.js';
import { guardProviderChanges } from '../services/index.js';
import { guardReferredService, REFERRAL_SEALED_COLUMNS } from './case-referrals.service.js';
import { CASE_WORK_SEALED_COLUMNS } from './case-work.service.js';
import { CASE_SEALED_COLUMNS } from './cases.service.js';
export { registerCaseRoutes } from './cases.routes.js';
// Case management by the SOPs (issue 13): workflow, approvals, tasks, care file, justice track.
export { registerCaseWorkRoutes } from './case-work.routes.js';
// Consent-first, closed-loop referral to the service directory (issue 13).
export { registerCaseReferralRoutes } from './case-referrals.routes.js';
// For the referral_dashboard benchmark: the overdue list and the dashboard as the routes serve them.
export { listReferrals, REFERRAL_REASON_PURPOSE, referralDashboard } from './case-referrals.service.js';
// HTCDS v2.0 exchange of case files (issue 13).
export { registerCaseHtcdsRoutes } from './cases.htcds.routes.js';
export { exportCasesHtcds } from './cases.htcds.service.js';
// Possible duplicates across agencies, and merging (issue 13).
export { registerCaseDuplicateRoutes } from './case-duplicates.routes.js';
export { reindexCases } from './case-duplicates.service.js';
// For the case_search benchmark: the list as the route serves it, and the purpose identities are sealed with.
export { IDENTITY_PURPOSE, listCases, NARRATIVE_PURPOSE, type SealedIdentity } from './cases.service.js';
export { anonymiseExpiredCases, retentionCutoff, type AnonymiseOptions } from './cases.retention.js';
export { startCaseRetentionSchedule } from './cases.retention-schedule.js';

// `npx hifazat keys rotate` re-encrypts these with the new data key.
for (const column of [...CASE_SEALED_COLUMNS, ...CASE_WORK_SEALED_COLUMNS, ...REFERRAL_SEALED_COLUMNS]) registerSealedColumn(column);

// A supervisor may not hand another agency's referred people to a provider of their choosing.
guardProviderChanges(guardReferredService);
