import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import * as service from './case-duplicates.service.js';

export function registerCaseDuplicateRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'listCaseDuplicates', (request) => service.listDuplicates(db, keys(), actorOf(request)));
  serveRoute(app, 'mergeCaseDuplicate', (request) => service.mergeDuplicate(db, keys(), actorOf(request), request.params.id, request.body.keep));
  serveRoute(app, 'dismissCaseDuplicate', (request) => service.dismissDuplicate(db, keys(), actorOf(request), request.params.id));
}
