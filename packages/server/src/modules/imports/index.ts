/** Participant lists imported from CSV/XLSX: checked in a worker thread, written all-or-nothing. */
export { MAX_UPLOAD_BYTES, registerImportRoutes } from './imports.routes.js';
export { importParticipants } from './imports.service.js';
export { parseImportFile } from './imports.parse.js';
