import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { listHistory, presentHistory } from '../audit/index.js';
import * as service from './organizations.service.js';

export function registerOrganizationRoutes(app: App, { db }: AppDeps): void {
  serveRoute(app, 'listOrganizations', (request) => service.listOrganizations(db, actorOf(request), request.query));
  serveRoute(app, 'createOrganization', (request) => service.createOrganization(db, actorOf(request), request.body));
  serveRoute(app, 'getOrganization', (request) => service.getOrganization(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateOrganization', (request) => service.updateOrganization(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteOrganization', (request) => service.deleteOrganization(db, actorOf(request), request.params.id));
  serveRoute(app, 'organizationHistory', async (request) => {
    await service.getVisibleOrganization(db, actorOf(request), request.params.id);
    return { items: await presentHistory(db, actorOf(request), await listHistory(db, 'organization', request.params.id)) };
  });
}
