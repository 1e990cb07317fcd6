/** The programme report, the dashboard and their exports: read models over participations. */
export { registerReportRoutes } from './reports.routes.js';
export * from './reports.service.js';
