import { z } from 'zod';
import { zIdParams } from './common.js';
import { MAX_HTCDS_IMPORT_BYTES } from './case-htcds.js';
import { zCaseListQuery } from './cases.js';
import type { RouteSpec } from './routes.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `identity=include`: the person's names, date of birth, phone and address too; left out, the export is pseudonymised. */
const zIdentityChoice = z.enum(['include', 'withhold']).default('withhold');

export const zHtcdsCaseExportQuery = z.object({ format: z.literal('htcds-json'), identity: zIdentityChoice });
export type HtcdsCaseExportQuery = z.input<typeof zHtcdsCaseExportQuery>;

export const zHtcdsListExportQuery = zCaseListQuery
  .omit({ limit: true, cursor: true })
  .extend({ format: z.enum(['htcds-json', 'htcds-xlsx']), identity: zIdentityChoice });
export type HtcdsListExportQuery = z.input<typeof zHtcdsListExportQuery>;

/** One case: HTCDS field names (prs_, vic_, cas_, per_, hte_) and Hifazat's hfz_ extensions; multi-selects are arrays. */
export const zHtcdsCase = z.record(z.string(), z.unknown());
export type HtcdsCase = Record<string, string | number | string[] | null | Array<Record<string, string | null>>>;

export const zHtcdsImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const zHtcdsImportReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  /** The cases made (a dry run made them and rolled them back: no ids). */
  created: z.number().int(),
  cases: z.array(z.object({ line: z.number().int(), id: z.string(), reference: z.string() })),
  /** Columns holding values Hifazat has no place for (yet): named with the rows, never kept. */
  notKept: z.array(z.object({ column: z.string(), lines: z.array(z.number().int()) })),
});
export type HtcdsImportReport = z.infer<typeof zHtcdsImportReport>;

const who =
  'A data officer or supervisor, for the cases of their own agency and area only (never through break-glass); every export ' +
  'is audited with the case ids. Without `identity=include` the export is pseudonymised: no name, date of birth, phone or address.';

/** HTCDS v2.0 exchange (issue 13): spread into the contract's route map. */
export const caseHtcdsRoutes = {
  exportCasesHtcds: {
    method: 'GET',
    path: '/api/cases/export',
    summary: 'Export the cases of the list (its filters) in HTCDS v2.0: JSON with HTCDS field names, or the HTCDS Excel case sheet',
    description: `${who} The sheet: row 1 the template's machine names, row 2 labels, a case a row from row 3, drop-down lists of the HTCDS pick-lists.`,
    tag: 'cases',
    permission: 'cases.exchange',
    query: zHtcdsListExportQuery,
    status: 200,
    response: null,
    produces: ['application/json', XLSX],
  },
  exportCaseHtcds: {
    method: 'GET',
    path: '/api/cases/{id}/export',
    summary: 'One case in HTCDS v2.0 JSON (HTCDS field names)',
    description: who,
    tag: 'cases',
    permission: 'cases.exchange',
    params: zIdParams,
    query: zHtcdsCaseExportQuery,
    status: 200,
    response: zHtcdsCase,
  },
  importCasesHtcds: {
    method: 'POST',
    path: '/api/cases/import',
    summary: 'Check (dryRun=true, the default) or import an HTCDS v2.0 Excel case sheet: new cases of your agency, all or nothing',
    description:
      'Multipart upload, field `file` (.xlsx). Row 1 names the fields (the template’s spellings and the field list’s are both ' +
      'taken), data from row 3. Any cell outside its pick-list, a bad date or a missing name answers 422 naming the row and the ' +
      'column, and nothing is changed; a dry run does everything and rolls it back.',
    tag: 'cases',
    permission: 'cases.create',
    query: zHtcdsImportQuery,
    upload: { maxBytes: MAX_HTCDS_IMPORT_BYTES, fields: {} },
    status: 200,
    response: zHtcdsImportReport,
    extraErrors: [413, 415],
  },
} as const satisfies Record<string, RouteSpec>;
