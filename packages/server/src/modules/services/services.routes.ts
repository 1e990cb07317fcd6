import { Readable } from 'node:stream';
import { MAX_SERVICE_IMPORT_BYTES } from '@hifazat/contract';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { exportHsds, importHsds } from './services.hsds.js';
import * as service from './services.service.js';

/** The uploaded ZIP's bytes; a malformed multipart body is the client's doing (400), not a 500. */
async function readZipUpload(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the ZIP as multipart/form-data in a field named "file"');
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_SERVICE_IMPORT_BYTES, files: 1, fields: 4 } })) {
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

export function registerServiceRoutes(app: App, { db, config }: AppDeps): void {
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'listServices', (request) => service.listServices(db, keys(), actorOf(request), request.query));
  serveRoute(app, 'createService', (request) => service.createService(db, keys(), actorOf(request), request.body));
  serveRoute(app, 'exportServices', async (request, reply) => {
    const { countryCode, addresses } = request.query;
    const zip = await exportHsds(db, keys(), actorOf(request), { ...(countryCode ? { countryCode } : {}), includeConfidential: addresses === 'include' });
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .headers({ 'content-type': 'application/zip', 'content-disposition': `attachment; filename="hifazat-services-hsds-${day}.zip"` })
      .send(Readable.from(zip));
  });
  serveRoute(app, 'importServices', async (request) => importHsds(db, keys(), actorOf(request), await readZipUpload(request), request.query.dryRun));
  serveRoute(app, 'listProviderAccounts', (request) => service.listProviderAccounts(db, actorOf(request)));
  serveRoute(app, 'getService', (request) => service.getService(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'updateService', (request) => service.updateService(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateServiceCapacity', (request) => service.updateCapacity(db, keys(), actorOf(request), request.params.id, request.body));
}
