import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { recordAccess } from '../audit/index.js';
import { donorReportXlsx } from './donor-report.export.js';
import { renderDonorReportPdf } from './donor-report.pdf.js';
import * as reports from './donor-report.service.js';
import * as service from './indicators.service.js';

export function registerIndicatorRoutes(app: App, { db }: AppDeps): void {
  // The logframe
  serveRoute(app, 'getLogframe', (request) => service.getLogframe(db, actorOf(request), request.params.id));
  serveRoute(app, 'createResult', (request) => service.createResult(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateResult', (request) => service.updateResult(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteResult', (request) => service.deleteResult(db, actorOf(request), request.params.id));
  serveRoute(app, 'createIndicator', (request) => service.createIndicator(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'getIndicator', (request) => service.getIndicator(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateIndicator', (request) => service.updateIndicator(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteIndicator', (request) => service.deleteIndicator(db, actorOf(request), request.params.id));

  // Values and periods
  serveRoute(app, 'indicatorValue', (request) => service.indicatorValue(db, actorOf(request), request.params.id, request.query.period));
  serveRoute(app, 'setManualValue', (request) => service.setManualValue(db, actorOf(request), request.params.id, request.params.period, request.body));
  serveRoute(app, 'programmeValues', (request) => service.programmeValues(db, actorOf(request), request.params.id, request.query.period));
  serveRoute(app, 'lockPeriod', (request) => service.lockPeriod(db, actorOf(request), request.params.id, request.params.period, request.body?.note ?? null));
  serveRoute(app, 'unlockPeriod', (request) =>
    service.unlockPeriod(db, actorOf(request), request.params.id, request.params.period, request.body?.reason ?? null),
  );

  // The donor report
  serveRoute(app, 'donorReport', (request) => reports.donorReport(db, actorOf(request), request.params.id, request.query.period));
  serveRoute(app, 'saveNarrative', (request) => reports.saveNarrative(db, actorOf(request), request.params.id, request.params.period, request.body));
  serveRoute(app, 'donorReportXlsx', async (request, reply) => {
    const actor = actorOf(request);
    const { period, lang } = request.query;
    const report = await reports.donorReport(db, actor, request.params.id, period);
    await recordAccess(db, {
      entityType: 'programme',
      entityId: report.programme.id,
      action: 'export',
      userId: actor.id,
      note: JSON.stringify({ report: 'donor', format: 'xlsx', period, lang }),
    });
    const file = await donorReportXlsx(report, { lang, madeBy: actor.name, madeAt: new Date() }, `hifazat-donor-report-${period}-${lang}`);
    return reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });
  serveRoute(app, 'donorReportPdf', async (request, reply) => {
    const actor = actorOf(request);
    const { period, lang } = request.query;
    const report = await reports.donorReport(db, actor, request.params.id, period);
    await recordAccess(db, {
      entityType: 'programme',
      entityId: report.programme.id,
      action: 'export',
      userId: actor.id,
      note: JSON.stringify({ report: 'donor', format: 'pdf', period, lang }),
    });
    const pdf = await renderDonorReportPdf(report, { lang, madeBy: actor.name, madeAt: new Date() });
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="hifazat-donor-report-${period}-${lang}.pdf"`)
      .send(pdf);
  });
}
