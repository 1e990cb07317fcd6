/** Participant lists imported from CSV/XLSX: checked in a worker thread, written all-or-nothing. */
export { MAX_UPLOAD_BYTES, registerImportRoutes } from './imports.routes.js';
export { importParticipants } from './imports.service.js';
export { parseImportFile } from './imports.parse.js';
// The cost check every .xlsx upload passes before exceljs reads it (the HTCDS case sheet's import too).
export { checkXlsxCost } from './imports.xlsx-guard.js';
