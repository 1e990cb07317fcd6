import { zIdParams, zImportQuery, zImportReport, zApiError } from '@hifazat/contract';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { writeErrorResponses } from '../../http/schemas.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { requestLanguage } from '../../i18n/language.js';
import { toUrdu } from '../../i18n/urdu.js';
import { parseImportFile } from './imports.parse.js';
import { importParticipants } from './imports.service.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/**
 * The uploaded file's bytes. The multipart parser rejects a body that ends early or is not
 * well-formed with a bare Error; that is the client's doing and answers 400, not 500. Its own
 * errors with a status (the 413 past the size limit) keep theirs.
 */
async function readUpload(request: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  try {
    const part = await request.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
    return { buffer: await part.toBuffer(), filename: part.filename };
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
    throw new AppError('validation_failed', 'The upload could not be read: it ended early or is not well-formed multipart/form-data', [{ path: 'file', message: 'Unreadable upload' }]);
  }
}

export function registerImportRoutes(app: App, { db }: AppDeps): void {
  app.post(
    '/api/events/:id/participants/import',
    {
      config: { permission: 'events.write' },
      schema: {
        tags: ['events'],
        description: 'Multipart upload, field `file`: a CSV or XLSX participant list (at most 10 MB). `dryRun=true` (default) checks without writing.',
        params: zIdParams,
        querystring: zImportQuery,
        response: { 200: zImportReport, 413: zApiError, 415: zApiError, ...writeErrorResponses },
      },
    },
    async (request) => {
      if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
      const { buffer, filename } = await readUpload(request);
      const parsed = await parseImportFile(buffer, filename);
      const report = await importParticipants(db, actorOf(request), request.params.id, parsed, request.query.dryRun);
      // A dry run's problems are read by the person fixing the file, in their language.
      if (requestLanguage(request) === 'ur') report.errors = report.errors.map((e) => ({ ...e, message: toUrdu(e.message) }));
      return report;
    },
  );
}
