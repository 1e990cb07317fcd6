import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as responses from './feedback.responses.js';
import * as results from './feedback.results.js';
import * as service from './feedback.service.js';

export function registerFeedbackRoutes(app: App, { db }: AppDeps): void {
  // Templates
  serveRoute(app, 'listFeedbackTemplates', (request) => service.listTemplates(db, actorOf(request), request.query));
  serveRoute(app, 'createFeedbackTemplate', (request) => service.createTemplate(db, actorOf(request), request.body));
  serveRoute(app, 'createStandardFeedbackTemplate', (request) => service.createStandardTemplate(db, actorOf(request), request.body));
  serveRoute(app, 'getFeedbackTemplate', (request) => service.getTemplate(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateFeedbackTemplate', (request) => service.updateTemplate(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteFeedbackTemplate', (request) => service.deleteTemplate(db, actorOf(request), request.params.id));
  serveRoute(app, 'feedbackTemplateHistory', async (request) => ({ items: await service.templateHistory(db, actorOf(request), request.params.id) }));

  // The questionnaire of an event
  serveRoute(app, 'getEventFeedback', (request) => service.getEventFeedback(db, actorOf(request), request.params.id));
  serveRoute(app, 'createEventFeedback', (request) => service.createEventFeedback(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteEventFeedback', (request) => service.deleteEventFeedback(db, actorOf(request), request.params.id));
  serveRoute(app, 'setEventFeedbackLink', (request) => service.setEventFeedbackLink(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'eventFeedbackHistory', async (request) => ({ items: await service.eventFeedbackHistory(db, actorOf(request), request.params.id) }));
  serveRoute(app, 'createStaffFeedbackResponse', (request) => responses.createStaffFeedbackResponse(db, actorOf(request), request.params.id, request.body));

  // Results
  serveRoute(app, 'eventFeedbackResults', (request) => results.eventFeedbackResults(db, actorOf(request), request.params.id));
  serveRoute(app, 'feedbackResults', (request) => results.feedbackResults(db, actorOf(request), request.query));

  // Public: filling in through the link. request.ip is the client's address (behind the configured
  // number of trusted proxies only: app.ts, trustProxy).
  serveRoute(app, 'getPublicFeedback', (request) => responses.getPublicFeedback(db, request.params.token, request.ip));
  serveRoute(app, 'submitPublicFeedback', (request) => responses.submitPublicFeedback(db, request.params.token, request.ip, request.body));
}
