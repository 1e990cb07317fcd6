import { serveRoute } from '../../http/route.js';
import { recordAccess } from '../audit/index.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { toCsv, toXlsx } from '../../shared/spreadsheet.js';
import { REPORT_HEADER, reportRows } from './reports.export.js';
import * as service from './reports.service.js';

export function registerReportRoutes(app: App, { db }: AppDeps): void {
  serveRoute(app, 'programmeReport', (request) => service.programmeReport(db, actorOf(request), request.query));

  // A file: the handler sends it and returns the reply.
  serveRoute(app, 'exportProgrammeReport', async (request, reply) => {
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
  });

  serveRoute(app, 'dashboard', (request) => service.dashboard(db, actorOf(request)));
}
