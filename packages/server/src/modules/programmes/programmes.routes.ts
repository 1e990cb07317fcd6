import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { listHistory, presentHistory } from '../audit/index.js';
import * as service from './programmes.service.js';

export function registerProgrammeRoutes(app: App, { db }: AppDeps): void {
  serveRoute(app, 'listProgrammes', (request) => service.listProgrammes(db, actorOf(request), request.query));
  serveRoute(app, 'createProgramme', (request) => service.createProgramme(db, actorOf(request), request.body));
  serveRoute(app, 'getProgramme', (request) => service.getVisibleProgramme(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateProgramme', (request) => service.updateProgramme(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteProgramme', (request) => service.deleteProgramme(db, actorOf(request), request.params.id));
  serveRoute(app, 'programmeHistory', async (request) => {
    await service.getVisibleProgramme(db, actorOf(request), request.params.id);
    return { items: await presentHistory(db, actorOf(request), await listHistory(db, 'programme', request.params.id)) };
  });
}
