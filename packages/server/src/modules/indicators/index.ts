/**
 * The logframe (issue 11): results and indicators per programme, values per reporting period computed
 * through the reports and assessments modules' faces (or entered by hand), period locks that keep the
 * values as reported, and the donor report (JSON, XLSX, PDF in English and Urdu).
 */
export { registerIndicatorRoutes } from './indicators.routes.js';
export { computations, type ComputeContext, type Computed } from './indicators.computations.js';
export { donorReport } from './donor-report.service.js';
export { createIndicator } from './indicators.service.js';
export { renderDonorReportPdf } from './donor-report.pdf.js';
