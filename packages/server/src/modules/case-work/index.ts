/**
 * Case management by the SOPs (issue 13): the workflow's moves and approvals, tasks with due dates, the
 * care file (HTCDS victim context) and the criminal-justice track, on the case files of issue 12.
 */
import { registerSealedColumn } from '../../shared/sealed-columns.js';
import { CASE_WORK_SEALED_COLUMNS } from './case-work.service.js';
export { registerCaseWorkRoutes } from './case-work.routes.js';

// `npx hifazat keys rotate` re-encrypts these with the new data key.
for (const column of CASE_WORK_SEALED_COLUMNS) registerSealedColumn(column);
