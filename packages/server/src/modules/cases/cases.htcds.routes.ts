import { MAX_HTCDS_IMPORT_BYTES } from '@hifazat/contract';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { exportCaseHtcds, exportCasesHtcds, importCasesHtcds } from './cases.htcds.service.js';

/** The uploaded sheet's bytes; a malformed multipart body is the client's doing (400), not a 500. */
async function readSheetUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the .xlsx as multipart/form-data in a field named "file"');
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_HTCDS_IMPORT_BYTES, files: 1, fields: 4 } })) {
      if (part.type === 'file' && part.fieldname === 'file') file = await part.toBuffer();
      else if (part.type === 'file') await part.toBuffer();
    }
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
    throw new AppError('validation_failed', 'The upload could not be read', [{ path: 'file', message: 'Unreadable upload' }]);
  }
  if (!file) throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
  return file;
}

/** HTCDS v2.0 exchange of case files (issue 13). */
export function registerCaseHtcdsRoutes(app: App, { db, config }: AppDeps): void {
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'exportCasesHtcds', async (request, reply) => {
    const file = await exportCasesHtcds(db, keys(), actorOf(request), request.query);
    return reply
      .headers({ 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.fileName}"`, 'cache-control': 'no-store' })
      .send(file.body);
  });
  serveRoute(app, 'exportCaseHtcds', async (request, reply) => {
    const answer = await exportCaseHtcds(db, keys(), actorOf(request), request.params.id, request.query.identity);
    reply.headers({ 'content-disposition': `attachment; filename="hifazat-case-${request.params.id}-htcds.json"`, 'cache-control': 'no-store' });
    return answer;
  });
  serveRoute(app, 'importCasesHtcds', async (request) => importCasesHtcds(db, keys(), actorOf(request), await readSheetUpload(request), request.query.dryRun));
}
