import { Readable } from 'node:stream';
import { MAX_SERVICE_IMPORT_BYTES } from '@hifazat/contract';
import { readFileUpload } from '../../http/file-upload.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { exportHsds, importHsds } from './services.hsds.js';
import * as service from './services.service.js';

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
  serveRoute(app, 'importServices', async (request) =>
    importHsds(db, keys(), actorOf(request), await readFileUpload(request, MAX_SERVICE_IMPORT_BYTES, 'the ZIP'), request.query.dryRun),
  );
  serveRoute(app, 'listProviderAccounts', (request) => service.listProviderAccounts(db, actorOf(request)));
  serveRoute(app, 'getService', (request) => service.getService(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'updateService', (request) => service.updateService(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateServiceCapacity', (request) => service.updateCapacity(db, keys(), actorOf(request), request.params.id, request.body));
}
