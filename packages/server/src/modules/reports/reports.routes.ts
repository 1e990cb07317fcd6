import { serveRoute } from '../../http/route.js';
import { recordAccess } from '../audit/index.js';
import { visibleProgrammeName } from '../programmes/index.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { exportFile } from '../../shared/export-book.js';
import { reportBook } from './reports.export.js';
import * as service from './reports.service.js';

export function registerReportRoutes(app: App, { db, live }: AppDeps): void {
  // The report and the dashboard are kept while the change counter stands (http/live-cache.ts) and sent as plain JSON.
  serveRoute(app, 'programmeReport', (request) => service.programmeReport(db, actorOf(request), request.query), { plainJson: true, cache: live });

  // A file: the handler sends it and returns the reply.
  serveRoute(app, 'exportProgrammeReport', async (request, reply) => {
    const { format, lang, ...query } = request.query;
    const actor = actorOf(request);
    const report = await service.programmeReport(db, actor, query);
    const programmeName = query.programmeId ? await visibleProgrammeName(db, actor, query.programmeId) : null;
    // Exports are audited (in the chain, never in a record's history): the filters, no personal data.
    await recordAccess(db, {
      entityType: 'report',
      entityId: null,
      action: 'export',
      userId: actor.id,
      note: JSON.stringify({ report: 'programme', format, lang, ...query, statuses: report.statuses }),
    });
    const book = reportBook(report, { lang, query, programmeName, madeBy: actor.name, madeAt: new Date() });
    const file = await exportFile(book, format, `hifazat-programme-report-${report.from}-${report.to}`);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });

  serveRoute(app, 'dashboard', (request) => service.dashboard(db, actorOf(request)), { plainJson: true, cache: live });
}
