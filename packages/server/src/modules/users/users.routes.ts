import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { listHistory, presentHistory } from '../audit/index.js';
import * as repo from './users.repository.js';
import * as service from './users.service.js';

export function registerUserRoutes(app: App, { db }: AppDeps): void {
  serveRoute(app, 'listUsers', async (request) => ({ items: await service.listUsers(db, actorOf(request)), nextCursor: null }));
  serveRoute(app, 'createUser', (request) => service.createUser(db, actorOf(request), request.body));
  serveRoute(app, 'updateUser', (request) => service.updateUser(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'userHistory', async (request) => {
    await service.findManagedUser(db, actorOf(request), request.params.id);
    return { items: await presentHistory(db, actorOf(request), await listHistory(db, 'user', request.params.id)) };
  });
  serveRoute(app, 'listTrainers', async (request) => ({ items: await repo.listEventStaffUsers(db, actorOf(request).countries) }));
}
