import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { dataKeysFor } from '../../shared/data-key.js';
import * as service from './case-referrals.service.js';

export function registerCaseReferralRoutes(app: App, deps: AppDeps): void {
  const { db, config } = deps;
  const keys = () => dataKeysFor(config);
  serveRoute(app, 'createConsent', (request) => service.createConsent(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'listConsents', (request) => service.listConsents(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'withdrawConsent', (request) => service.withdrawConsent(db, keys(), actorOf(request), request.params.id, request.params.consentId));
  serveRoute(app, 'createReferral', (request) => service.createReferral(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'listCaseReferrals', (request) => service.listCaseReferrals(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'listReferrals', (request) => service.listReferrals(db, keys(), actorOf(request), request.query));
  serveRoute(app, 'referralDashboard', (request) => service.referralDashboard(db, keys(), actorOf(request)));
  serveRoute(app, 'getReferral', (request) => service.getReferral(db, keys(), actorOf(request), request.params.id));
  serveRoute(app, 'respondReferral', (request) => service.respondReferral(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'referralOutcome', (request) => service.referralOutcome(db, keys(), actorOf(request), request.params.id, request.body));
  serveRoute(app, 'closeReferral', (request) => service.closeReferral(db, keys(), actorOf(request), request.params.id, request.body.note));
  serveRoute(app, 'withdrawReferral', (request) => service.withdrawReferral(db, keys(), actorOf(request), request.params.id, request.body.reason));
}
