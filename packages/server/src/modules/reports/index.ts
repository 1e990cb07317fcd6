/** The programme report, the dashboard and their exports: read models over the report aggregates (migration 0022). */
export { registerReportRoutes } from './reports.routes.js';
export * from './reports.service.js';
export { rebuildReportAggregates, reportAggregateDrift, type AggregateDrift } from './report-aggregates.repository.js';
// What the server holds of the report columns (for the benchmark).
export { reportColumnsStatus } from './report-columns.js';
