import { zDashboard, zExportQuery, zProgrammeReport, zProgrammeReportQuery } from '@hifazat/contract';
import { errorResponses } from '../../http/schemas.js';
import { recordAccess } from '../audit/index.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { toCsv, toXlsx } from '../../shared/spreadsheet.js';
import { REPORT_HEADER, reportRows } from './reports.export.js';
import * as service from './reports.service.js';

const tags = ['reports'];

export function registerReportRoutes(app: App, { db }: AppDeps): void {
  app.get(
    '/api/reports/programme',
    { config: { permission: 'signed_in' }, schema: { tags, querystring: zProgrammeReportQuery, response: { 200: zProgrammeReport, ...errorResponses } } },
    (request) => service.programmeReport(db, actorOf(request), request.query),
  );

  app.get(
    '/api/reports/programme/export',
    {
      config: { permission: 'signed_in' },
      schema: { tags, description: 'The programme report as CSV (UTF-8 with BOM) or XLSX.', querystring: zProgrammeReportQuery.and(zExportQuery) },
    },
    async (request, reply) => {
      const { format, ...query } = request.query;
      const actor = actorOf(request);
      const report = await service.programmeReport(db, actor, query);
      // Exports are audited (in the chain, never in a record's history): the filters, no personal data.
      await recordAccess(db, {
        entityType: 'report',
        entityId: null,
        action: 'export',
        userId: actor.id,
        note: JSON.stringify({ report: 'programme', format, ...query, statuses: report.statuses }),
      });
      const name = `hifazat-programme-report-${report.from}-${report.to}`;
      const rows = reportRows(report);
      if (format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(toCsv(REPORT_HEADER, rows));
      }
      const body = await toXlsx([{ name: 'Programme report', header: REPORT_HEADER, rows }]);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(body);
    },
  );

  app.get('/api/reports/dashboard', { config: { permission: 'signed_in' }, schema: { tags, response: { 200: zDashboard, ...errorResponses } } }, (request) =>
    service.dashboard(db, actorOf(request)),
  );
}
