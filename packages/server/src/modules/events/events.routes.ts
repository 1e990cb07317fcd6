import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { exportFile, type ExportFile } from '../../shared/export-book.js';
import { recordAccess } from '../audit/index.js';
import { visibleProgrammeName } from '../programmes/index.js';
import { eventListBook, participantListBook } from './events.export.js';
import * as service from './events.service.js';
import type { FastifyReply } from 'fastify';

const sendFile = (reply: FastifyReply, file: ExportFile) =>
  reply.header('content-type', file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);

/** What other modules do when an event is deleted (app.ts gives them: this module depends on none of them). */
export type EventRouteOptions = { deletionSteps?: readonly service.EventDeletionStep[] };

export function registerEventRoutes(app: App, { db, live }: AppDeps, options: EventRouteOptions = {}): void {
  // The list is kept while the change counter stands (http/live-cache.ts) and sent as plain JSON.
  serveRoute(app, 'listEvents', (request) => service.listEvents(db, actorOf(request), request.query), { plainJson: true, cache: live });
  // Files: the handlers send them and return the reply. Exports are audited (no personal data in the note).
  serveRoute(app, 'exportEvents', async (request, reply) => {
    const { format, lang, ...filters } = request.query;
    const actor = actorOf(request);
    const events = await service.allEvents(db, actor, filters);
    const programmeName = filters.programmeId ? await visibleProgrammeName(db, actor, filters.programmeId) : null;
    await recordAccess(db, {
      entityType: 'event',
      entityId: null,
      action: 'export',
      userId: actor.id,
      note: JSON.stringify({ list: 'events', format, lang, ...filters }),
    });
    const book = eventListBook(events, { lang, filters, programmeName, madeBy: actor.name, madeAt: new Date() });
    return sendFile(reply, await exportFile(book, format, `hifazat-events-${new Date().toISOString().slice(0, 10)}`));
  });
  serveRoute(app, 'exportParticipants', async (request, reply) => {
    const { format, lang } = request.query;
    const actor = actorOf(request);
    const { event, list } = await service.participantsForExport(db, actor, request.params.id);
    await recordAccess(db, {
      entityType: 'event',
      entityId: event.id,
      action: 'export',
      userId: actor.id,
      note: JSON.stringify({ list: 'participants', format, lang }),
    });
    const book = participantListBook(event, list, { lang, madeBy: actor.name, madeAt: new Date() });
    return sendFile(reply, await exportFile(book, format, `hifazat-participants-${event.startDate}-${event.id.slice(0, 8)}`));
  });
  serveRoute(app, 'eventFacets', (request) => service.facets(db, actorOf(request)));
  serveRoute(app, 'createEvent', (request) => service.createEvent(db, actorOf(request), request.body));
  serveRoute(app, 'getEvent', (request) => service.getEvent(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateEvent', (request) => service.updateEvent(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteEvent', (request) => service.deleteEvent(db, actorOf(request), request.params.id, options.deletionSteps));
  serveRoute(app, 'eventHistory', async (request) => ({ items: await service.eventHistory(db, actorOf(request), request.params.id) }));
  serveRoute(app, 'listParticipants', (request) => service.listParticipants(db, actorOf(request), request.params.id));
  serveRoute(app, 'addParticipant', (request) => service.addParticipant(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateParticipant', (request) => service.updateParticipant(db, actorOf(request), request.params.id, request.params.personId, request.body));
  serveRoute(app, 'removeParticipant', (request) => service.removeParticipant(db, actorOf(request), request.params.id, request.params.personId));
  serveRoute(app, 'setAttendance', (request) => service.setAttendance(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'setDayAttendance', (request) => service.setDayAttendance(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'eventSummary', (request) => service.eventSummary(db, actorOf(request), request.params.id));
}
