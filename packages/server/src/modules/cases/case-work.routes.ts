import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { getCareFile, getJusticeTrack, putCareFile, putJusticeTrack } from './case-work.care.js';
import * as service from './case-work.service.js';

export function registerCaseWorkRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'transitionCase', (request) => service.transitionCase(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'caseWorkflow', (request) => service.caseWorkflow(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'requestCaseApproval', (request) => service.requestApproval(db, actorOf(request), request.params.id, request.body.kind));
  serveRoute(app, 'listCaseApprovals', (request) => service.listApprovals(db, actorOf(request)));
  serveRoute(app, 'declineCaseApproval', (request) => service.declineApproval(db, actorOf(request), request.params.id));
  serveRoute(app, 'listCaseTasks', (request) => service.listTasks(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'createCaseTask', (request) => service.createTask(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'updateCaseTask', (request) => service.updateTask(db, keys(), actorOf(request), request.params.id, request.params.taskId, request.body));
  serveRoute(app, 'overdueCaseTasks', (request) => service.overdueTasks(db, keys(), actorOf(request)));
  serveRoute(app, 'getCareFile', (request) => getCareFile(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'putCareFile', (request) => putCareFile(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'getJusticeTrack', (request) => getJusticeTrack(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'putJusticeTrack', (request) => putJusticeTrack(db, keys(), actorOf(request), request.params.id, request.body));
}
