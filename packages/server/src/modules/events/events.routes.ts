import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as service from './events.service.js';

export function registerEventRoutes(app: App, { db }: AppDeps): void {
  serveRoute(app, 'listEvents', (request) => service.listEvents(db, actorOf(request), request.query));
  serveRoute(app, 'eventFacets', (request) => service.facets(db, actorOf(request)));
  serveRoute(app, 'createEvent', (request) => service.createEvent(db, actorOf(request), request.body));
  serveRoute(app, 'getEvent', (request) => service.getEvent(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateEvent', (request) => service.updateEvent(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteEvent', (request) => service.deleteEvent(db, actorOf(request), request.params.id));
  serveRoute(app, 'eventHistory', async (request) => ({ items: await service.eventHistory(db, actorOf(request), request.params.id) }));
  serveRoute(app, 'listParticipants', (request) => service.listParticipants(db, actorOf(request), request.params.id));
  serveRoute(app, 'addParticipant', (request) => service.addParticipant(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateParticipant', (request) => service.updateParticipant(db, actorOf(request), request.params.id, request.params.personId, request.body));
  serveRoute(app, 'removeParticipant', (request) => service.removeParticipant(db, actorOf(request), request.params.id, request.params.personId));
  serveRoute(app, 'setAttendance', (request) => service.setAttendance(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'setDayAttendance', (request) => service.setDayAttendance(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'eventSummary', (request) => service.eventSummary(db, actorOf(request), request.params.id));
}
