import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as service from './screening.service.js';

export function registerScreeningRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;
  serveRoute(app, 'evaluateScreening', (request) => service.evaluateScreening(db, request.body));
  serveRoute(app, 'listScreeningRules', () => service.listRuleVersions(db));
  serveRoute(app, 'getScreeningRules', (request) => service.getRuleVersion(db, request.params.id));
  serveRoute(app, 'createScreeningRules', (request) => service.createRuleVersion(db, actorOf(request), request.body));
}
