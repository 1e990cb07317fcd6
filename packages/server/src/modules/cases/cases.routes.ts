import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import { referredCase } from './case-referrals.service.js';
import { exportCase } from './cases.export.js';
import { eraseCase } from './cases.retention.js';
import * as service from './cases.service.js';
import { caseStatistics } from './cases.statistics.js';

export function registerCaseRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;
  // The keyring is read once and cached by dataKeysFor; asked for per request so a test's data folder is honoured.
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'createCase', (request) => service.createCase(db, keys(), actorOf(request), request.body));
  serveRoute(app, 'listCases', (request) => service.listCases(db, keys(), actorOf(request), request.query));
  serveRoute(app, 'caseStatistics', (request) => caseStatistics(db, actorOf(request), request.query));
  serveRoute(app, 'getCase', (request) => {
    const actor = actorOf(request);
    // A provider reads only the case of a live referral to its service, as the referral shares it.
    return actor.role === 'service_provider' ? referredCase(db, keys(), actor, request.params.id) : service.getCase(db, keys(), actor, request.params.id);
  });
  serveRoute(app, 'updateCase', (request) => service.updateCase(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'caseHistory', (request) => service.caseHistory(db, actorOf(request), request.params.id));
  serveRoute(app, 'breakGlassCase', (request) => service.breakGlass(db, keys(), actorOf(request), request.params.id, request.body.reason));
  serveRoute(app, 'createCaseScreening', (request) => service.createScreening(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'exportCase', (request) => exportCase(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'eraseCase', (request) => eraseCase(db, keys(), actorOf(request), request.params.id, request.body.confirmReference));
  serveRoute(app, 'listBreakGlass', (request) => service.listBreakGlass(db, keys(), actorOf(request), request.query.reviewed));
  serveRoute(app, 'reviewBreakGlass', (request) => service.reviewBreakGlass(db, keys(), actorOf(request), request.params.id));
}
