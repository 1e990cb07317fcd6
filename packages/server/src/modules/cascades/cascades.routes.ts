import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as service from './cascades.service.js';

export function registerCascadeRoutes(app: App, { db }: AppDeps): void {
  // Graduates of a training of trainers
  serveRoute(app, 'listEventGraduates', (request) => service.listGraduates(db, actorOf(request), request.params.id));
  serveRoute(app, 'addEventGraduate', (request) => service.addGraduate(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateEventGraduate', (request) => service.updateGraduate(db, actorOf(request), request.params.id, request.params.personId, request.body));
  serveRoute(app, 'removeEventGraduate', (request) => service.removeGraduate(db, actorOf(request), request.params.id, request.params.personId));
  serveRoute(app, 'eventCandidatePool', (request) => service.candidatePool(db, actorOf(request), request.params.id));

  // Cascades
  serveRoute(app, 'listCascades', (request) => service.listCascades(db, actorOf(request), request.query));
  serveRoute(app, 'cascadeSummary', (request) => service.cascadeSummary(db, actorOf(request)));
  serveRoute(app, 'getCascade', (request) => service.getCascade(db, actorOf(request), request.params.id));
}
