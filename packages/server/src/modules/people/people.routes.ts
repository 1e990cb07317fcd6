import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as service from './people.service.js';

export function registerPeopleRoutes(app: App, { db }: AppDeps): void {
  serveRoute(app, 'listPeople', (request) => service.listPeople(db, actorOf(request), request.query));
  serveRoute(app, 'findDuplicates', async (request) => ({ candidates: await service.findDuplicates(db, actorOf(request), request.query) }));
  serveRoute(app, 'createPerson', (request) => service.createPerson(db, actorOf(request), request.body));
  serveRoute(app, 'getPerson', (request) => service.getPerson(db, actorOf(request), request.params.id));
  serveRoute(app, 'updatePerson', (request) => service.updatePerson(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deletePerson', (request) => service.deletePerson(db, actorOf(request), request.params.id));
  serveRoute(app, 'mergePeople', (request) => service.mergePeople(db, actorOf(request), request.params.id, request.body.duplicateId, request.body.values));
  serveRoute(app, 'personParticipations', (request) => service.listPersonParticipations(db, actorOf(request), request.params.id));
  serveRoute(app, 'personHistory', async (request) => ({ items: await service.personHistory(db, actorOf(request), request.params.id) }));
}
