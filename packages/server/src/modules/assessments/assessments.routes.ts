import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import * as across from './assessments.across.js';
import * as attempts from './assessments.attempts.js';
import * as service from './assessments.service.js';

export function registerAssessmentRoutes(app: App, { db }: AppDeps): void {
  // The question bank
  serveRoute(app, 'listQuestions', (request) => service.listQuestions(db, actorOf(request), request.query));
  serveRoute(app, 'questionTopics', (request) => service.questionTopics(db, actorOf(request)));
  serveRoute(app, 'createQuestion', (request) => service.createQuestion(db, actorOf(request), request.body));
  serveRoute(app, 'getQuestion', (request) => service.getQuestion(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateQuestion', (request) => service.updateQuestion(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteQuestion', (request) => service.deleteQuestion(db, actorOf(request), request.params.id));
  serveRoute(app, 'questionHistory', async (request) => ({ items: await service.questionHistory(db, actorOf(request), request.params.id) }));

  // Tests of an event
  serveRoute(app, 'listEventTests', (request) => service.listEventTests(db, actorOf(request), request.params.id));
  serveRoute(app, 'eventAssessment', (request) => attempts.eventAssessment(db, actorOf(request), request.params.id));
  serveRoute(app, 'assessmentAcrossEvents', (request) => across.assessmentAcrossEvents(db, actorOf(request), request.query));
  serveRoute(app, 'createTest', (request) => service.createTest(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'getTest', (request) => service.getTest(db, actorOf(request), request.params.id));
  serveRoute(app, 'updateTest', (request) => service.updateTest(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteTest', (request) => service.deleteTest(db, actorOf(request), request.params.id));
  serveRoute(app, 'setTestLink', (request) => service.setTestLink(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'testHistory', async (request) => ({ items: await service.testHistory(db, actorOf(request), request.params.id) }));

  // Attempts, marking, personal codes
  serveRoute(app, 'listAttempts', (request) => attempts.listAttempts(db, actorOf(request), request.params.id));
  serveRoute(app, 'createAttempt', (request) => attempts.createAttempt(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'markAttempt', (request) => attempts.markAttempt(db, actorOf(request), request.params.id, request.body));
  serveRoute(app, 'deleteAttempt', (request) => attempts.deleteAttempt(db, actorOf(request), request.params.id));
  serveRoute(app, 'listParticipantCodes', (request) => attempts.listParticipantCodes(db, actorOf(request), request.params.id));

  // Public: taking a test through its link. request.ip is the client's address (the proxy's
  // X-Forwarded-For only behind the configured number of trusted proxies: app.ts, trustProxy).
  serveRoute(app, 'takeTest', (request) => attempts.takeTest(db, request.params.token, request.ip));
  serveRoute(app, 'submitTakeAttempt', (request) => attempts.submitTakeAttempt(db, request.params.token, request.ip, request.body));
}
