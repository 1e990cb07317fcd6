import { randomUUID } from 'node:crypto';
import type { Role } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionRoles, type Permission } from '../src/http/permissions.js';
import { createTestContext, enrolOwnSecondFactor, json, signIn, TEST_PASSWORD, type TestContext } from './helpers.js';
import { multipartFile, solidPng } from './png.js';

/**
 * Every route the app serves, with the permission it must declare. The test below fails when a route
 * is added without an entry here, so that nobody adds a route without deciding who may call it.
 */
const expectedPermissions: Record<string, Permission> = {
  'GET /api/health': 'public',
  'GET /api/health/live': 'public',
  'GET /api/health/ready': 'public',
  'GET /api/system/status': 'system.manage',
  'POST /api/system/backups': 'system.manage',
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'account',
  'POST /api/auth/password': 'account',
  'POST /api/auth/mfa/setup': 'second_factor',
  'POST /api/auth/mfa/confirm': 'second_factor',
  'POST /api/auth/mfa/verify': 'second_factor',
  'POST /api/auth/mfa/enrol': 'account',
  'POST /api/auth/mfa/enrol/confirm': 'account',
  'DELETE /api/users/{id}/second-factor': 'users.manage',
  'GET /api/users': 'users.manage',
  'POST /api/users': 'users.manage',
  'PATCH /api/users/{id}': 'users.manage',
  'GET /api/users/{id}/history': 'users.manage',
  'GET /api/trainers': 'trainers.list',
  'GET /api/organizations': 'signed_in',
  'POST /api/organizations': 'organizations.create',
  'GET /api/organizations/{id}': 'signed_in',
  'PATCH /api/organizations/{id}': 'organizations.write',
  'DELETE /api/organizations/{id}': 'records.delete',
  'GET /api/organizations/{id}/history': 'signed_in',
  'GET /api/people': 'signed_in',
  'POST /api/people': 'people.create',
  'GET /api/people/duplicates': 'signed_in',
  'GET /api/people/{id}': 'signed_in',
  'PATCH /api/people/{id}': 'people.write',
  'DELETE /api/people/{id}': 'records.delete',
  'POST /api/people/{id}/merge': 'people.merge',
  'GET /api/people/{id}/participations': 'signed_in',
  'GET /api/people/{id}/history': 'signed_in',
  'GET /api/programmes': 'signed_in',
  'POST /api/programmes': 'programmes.write',
  'GET /api/programmes/{id}': 'signed_in',
  'PATCH /api/programmes/{id}': 'programmes.write',
  'DELETE /api/programmes/{id}': 'records.delete',
  'GET /api/programmes/{id}/history': 'signed_in',
  'GET /api/events': 'signed_in',
  'POST /api/events': 'events.create',
  'GET /api/events/facets': 'signed_in',
  'GET /api/events/export': 'signed_in',
  'GET /api/events/{id}/participants/export': 'signed_in',
  'GET /api/events/{id}': 'signed_in',
  'PATCH /api/events/{id}': 'events.write',
  'DELETE /api/events/{id}': 'events.delete',
  'GET /api/events/{id}/history': 'signed_in',
  'GET /api/events/{id}/participants': 'signed_in',
  'POST /api/events/{id}/participants': 'events.write',
  'PATCH /api/events/{id}/participants/{personId}': 'events.write',
  'DELETE /api/events/{id}/participants/{personId}': 'events.write',
  'PUT /api/events/{id}/attendance': 'events.write',
  'PUT /api/events/{id}/attendance/day': 'events.write',
  'GET /api/events/{id}/summary': 'signed_in',
  'POST /api/events/{id}/participants/import': 'events.write',
  'GET /api/questions': 'signed_in',
  'GET /api/questions/topics': 'signed_in',
  'POST /api/questions': 'questions.write',
  'GET /api/questions/{id}': 'signed_in',
  'PATCH /api/questions/{id}': 'questions.write',
  'DELETE /api/questions/{id}': 'questions.write',
  'GET /api/questions/{id}/history': 'signed_in',
  'GET /api/events/{id}/tests': 'signed_in',
  'GET /api/events/{id}/assessment': 'signed_in',
  'GET /api/assessment': 'signed_in',
  'POST /api/events/{id}/tests': 'events.write',
  'GET /api/tests/{id}': 'signed_in',
  'PATCH /api/tests/{id}': 'events.write',
  'DELETE /api/tests/{id}': 'events.write',
  'PUT /api/tests/{id}/link': 'events.write',
  'GET /api/tests/{id}/history': 'signed_in',
  'GET /api/tests/{id}/attempts': 'signed_in',
  'POST /api/tests/{id}/attempts': 'events.write',
  'PUT /api/attempts/{id}/marks': 'events.write',
  'DELETE /api/attempts/{id}': 'events.write',
  'GET /api/events/{id}/participant-codes': 'events.write',
  'GET /api/take/{token}': 'public',
  'POST /api/take/{token}/attempts': 'public',
  'GET /api/events/{id}/certificates/settings': 'signed_in',
  'PATCH /api/events/{id}/certificates/settings': 'events.write',
  'POST /api/events/{id}/certificates/logos': 'events.write',
  'GET /api/events/{id}/certificates/logos/{logoId}': 'signed_in',
  'POST /api/events/{id}/certificates/issue': 'events.write',
  'GET /api/events/{id}/certificates': 'signed_in',
  'GET /api/events/{id}/certificates.zip': 'signed_in',
  'GET /api/certificates/{number}': 'signed_in',
  'GET /api/certificates/{number}/pdf': 'signed_in',
  'GET /api/certificates/{number}/credential': 'signed_in',
  'POST /api/certificates/{number}/revoke': 'events.write',
  'GET /api/certificates/{number}/history': 'signed_in',
  'GET /api/verify/{number}': 'public',
  'POST /api/certificates/verify': 'public',
  'GET /api/certificates/keys': 'public',
  'GET /api/feedback-templates': 'signed_in',
  'POST /api/feedback-templates': 'questions.write',
  'POST /api/feedback-templates/standard': 'questions.write',
  'GET /api/feedback-templates/{id}': 'signed_in',
  'PATCH /api/feedback-templates/{id}': 'questions.write',
  'DELETE /api/feedback-templates/{id}': 'questions.write',
  'GET /api/feedback-templates/{id}/history': 'signed_in',
  'GET /api/events/{id}/feedback': 'signed_in',
  'POST /api/events/{id}/feedback': 'events.write',
  'DELETE /api/events/{id}/feedback': 'events.write',
  'PUT /api/events/{id}/feedback/link': 'events.write',
  'GET /api/events/{id}/feedback/history': 'signed_in',
  'POST /api/events/{id}/feedback/responses': 'events.write',
  'GET /api/events/{id}/feedback/results': 'signed_in',
  'GET /api/feedback/results': 'signed_in',
  'GET /api/feedback/{token}': 'public',
  'POST /api/feedback/{token}/responses': 'public',
  'GET /api/events/{id}/graduates': 'signed_in',
  'POST /api/events/{id}/graduates': 'events.write',
  'PATCH /api/events/{id}/graduates/{personId}': 'events.write',
  'DELETE /api/events/{id}/graduates/{personId}': 'events.write',
  'GET /api/events/{id}/candidate-pool': 'signed_in',
  'GET /api/cascades': 'signed_in',
  'GET /api/cascades/summary': 'signed_in',
  'GET /api/cascades/{id}': 'signed_in',
  'GET /api/reports/programme': 'signed_in',
  'GET /api/reports/programme/export': 'signed_in',
  'GET /api/reports/dashboard': 'signed_in',
  'GET /api/programmes/{id}/logframe': 'signed_in',
  'POST /api/programmes/{id}/results': 'indicators.write',
  'PATCH /api/results/{id}': 'indicators.write',
  'DELETE /api/results/{id}': 'indicators.write',
  'POST /api/programmes/{id}/indicators': 'indicators.write',
  'GET /api/indicators/{id}': 'signed_in',
  'PATCH /api/indicators/{id}': 'indicators.write',
  'DELETE /api/indicators/{id}': 'indicators.write',
  'GET /api/indicators/{id}/values': 'signed_in',
  'PUT /api/indicators/{id}/values/{period}': 'indicators.write',
  'GET /api/programmes/{id}/values': 'signed_in',
  'POST /api/programmes/{id}/periods/{period}/lock': 'periods.lock',
  'POST /api/programmes/{id}/periods/{period}/unlock': 'periods.unlock',
  'GET /api/programmes/{id}/donor-report': 'signed_in',
  'PUT /api/programmes/{id}/periods/{period}/narrative': 'indicators.write',
  'GET /api/programmes/{id}/donor-report.xlsx': 'signed_in',
  'GET /api/programmes/{id}/donor-report.pdf': 'signed_in',
  'GET /api/campaigns': 'signed_in',
  'GET /api/campaigns/summary': 'signed_in',
  'POST /api/campaigns': 'campaigns.write',
  'GET /api/campaigns/{id}': 'signed_in',
  'PATCH /api/campaigns/{id}': 'campaigns.write',
  'DELETE /api/campaigns/{id}': 'campaigns.write',
  'GET /api/campaigns/{id}/history': 'signed_in',
  'POST /api/campaigns/{id}/sessions': 'campaigns.write',
  'DELETE /api/campaigns/{id}/sessions/{sessionId}': 'campaigns.write',
  'POST /api/campaigns/{id}/outputs': 'campaigns.write',
  'PATCH /api/campaigns/{id}/outputs/{outputId}': 'campaigns.write',
  'DELETE /api/campaigns/{id}/outputs/{outputId}': 'campaigns.write',
  'POST /api/campaigns/{id}/evidence': 'campaigns.write',
  'GET /api/campaigns/{id}/evidence/{evidenceId}': 'signed_in',
  'DELETE /api/campaigns/{id}/evidence/{evidenceId}': 'campaigns.write',
  'GET /api/needs-assessments': 'signed_in',
  'POST /api/needs-assessments': 'campaigns.write',
  'GET /api/needs-assessments/{id}': 'signed_in',
  'PATCH /api/needs-assessments/{id}': 'campaigns.write',
  'POST /api/screenings/evaluate': 'screening.aid',
  'GET /api/screening-rules': 'screening.aid',
  'GET /api/screening-rules/{id}': 'screening.aid',
  'POST /api/screening-rules': 'screening.rules',
  'POST /api/cases': 'cases.create',
  'GET /api/cases': 'cases.read',
  'GET /api/cases/statistics': 'cases.statistics',
  'GET /api/cases/{id}': 'cases.read',
  'PATCH /api/cases/{id}': 'cases.write',
  'GET /api/cases/{id}/history': 'cases.read',
  'POST /api/cases/{id}/break-glass': 'cases.break_glass',
  'POST /api/cases/{id}/screenings': 'cases.screen',
  'POST /api/cases/{id}/export': 'cases.retention',
  'POST /api/cases/{id}/erase': 'cases.retention',
  'GET /api/break-glass': 'system.manage',
  'GET /api/services': 'services.read',
  'POST /api/services': 'services.write',
  'GET /api/services/export': 'services.write',
  'POST /api/services/import': 'services.write',
  'GET /api/services/provider-accounts': 'services.write',
  'GET /api/services/{id}': 'services.read',
  'PATCH /api/services/{id}': 'services.write',
  'PATCH /api/services/{id}/capacity': 'services.capacity',
  'POST /api/break-glass/{id}/review': 'system.manage',
  // Case management by the SOPs (issue 13)
  'POST /api/cases/{id}/transitions': 'cases.transition',
  'GET /api/cases/{id}/workflow': 'cases.read',
  'POST /api/cases/{id}/approval-requests': 'cases.request_approval',
  'GET /api/case-approvals': 'cases.approve',
  'POST /api/case-approvals/{id}/decline': 'cases.approve',
  'GET /api/cases/{id}/tasks': 'cases.read',
  'POST /api/cases/{id}/tasks': 'cases.tasks',
  'PATCH /api/cases/{id}/tasks/{taskId}': 'cases.tasks',
  'GET /api/case-tasks/overdue': 'cases.tasks',
  'GET /api/cases/{id}/care-file': 'cases.read',
  'PUT /api/cases/{id}/care-file': 'cases.write',
  'GET /api/cases/{id}/justice': 'cases.justice',
  'PUT /api/cases/{id}/justice': 'cases.justice',
  // Consent and referral (issue 13)
  'POST /api/cases/{id}/consents': 'cases.write',
  'GET /api/cases/{id}/consents': 'cases.write',
  'POST /api/cases/{id}/consents/{consentId}/withdraw': 'cases.write',
  'POST /api/cases/{id}/referrals': 'referrals.send',
  'GET /api/cases/{id}/referrals': 'referrals.send',
  'GET /api/referrals': 'referrals.read',
  'GET /api/referrals/dashboard': 'referrals.read',
  'GET /api/referrals/{id}': 'referrals.read',
  'POST /api/referrals/{id}/respond': 'referrals.respond',
  'POST /api/referrals/{id}/outcome': 'referrals.respond',
  'POST /api/referrals/{id}/close': 'referrals.send',
  'POST /api/referrals/{id}/withdraw': 'referrals.send',
  // HTCDS v2.0 exchange (issue 13)
  'GET /api/cases/export': 'cases.exchange',
  'GET /api/cases/{id}/export': 'cases.exchange',
  'POST /api/cases/import': 'cases.create',
  // Possible duplicates across agencies (issue 13)
  'GET /api/case-duplicates': 'cases.duplicates',
  'POST /api/case-duplicates/{id}/merge': 'cases.duplicates',
  'POST /api/case-duplicates/{id}/dismiss': 'cases.duplicates',
};

/** Routes left out of the OpenAPI document on purpose. */
const HIDDEN_ROUTES = ['GET /api/openapi.json', 'GET /api/docs'];

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Fixture = {
  programmeId: string;
  emptyProgrammeId: string;
  eventId: string;
  organizationId: string;
  personId: string;
  otherPersonId: string;
  lonePersonId: string;
  userId: string;
  /** Questions written by the trainer (who may change only their own): one in both tests, a short answer, one in none. */
  questionId: string;
  shortQuestionId: string;
  loneQuestionId: string;
  /** The pre-test, answered by personId (attemptId); the post-test (form A), not answered, with its link's token and a name's reference. */
  testId: string;
  attemptId: string;
  emptyTestId: string;
  testToken: string;
  participantRef: string;
  /** personId's certificate (they attended), its QR text, and a logo of the event's certificates. */
  certificateNumber: string;
  certificateQr: string;
  logoId: string;
  /** Questionnaire templates written by the trainer: one in use, one in none; an event the trainer trains with the questionnaire attached, personId on its list. */
  feedbackTemplateId: string;
  loneFeedbackTemplateId: string;
  feedbackItemId: string;
  feedbackEventId: string;
  feedbackToken: string;
  feedbackParticipantRef: string;
  /** The programme's logframe: an outcome, a manual indicator, and one computed. */
  resultId: string;
  indicatorId: string;
  manualIndicatorId: string;
  /** A programme whose 2025-Q1 is locked. */
  lockedProgrammeId: string;
  /** A training of trainers the trainer trains; personId attended it and graduated from it. */
  totEventId: string;
  /** An awareness campaign with a session of an estimated audience, an output, an evidence file (a PNG), and a needs assessment. */
  campaignId: string;
  sessionId: string;
  outputId: string;
  evidenceId: string;
  needsAssessmentId: string;
  /** A shelter of the directory, the service provider its own provider account. */
  serviceId: string;
  consentId: string;
  referralId: string;
  /** The seeded international rules' content: what a new version of the screening rules is copied from. */
  rulesContent: Record<string, unknown>;
  /** A case file opened by the data officer (the supervisor's agency); the administrator broke the glass on it. */
  caseId: string;
  caseReference: string;
  /** A break-glass opening of that case by another administrator, not yet reviewed. */
  breakGlassId: string;
  /** An overdue task on that case (its title names the person), and a pending approval of another case's plan. */
  taskId: string;
  approvalId: string;
  /** Two cases of the data officer's agency with the same phone and date of birth: a possible duplicate. */
  duplicateId: string;
  duplicateKeepId: string;
};
type Sample = {
  query?: string | ((f: Fixture) => string);
  body?: (f: Fixture) => Record<string, unknown>;
  ids?: (f: Fixture) => Record<string, string>;
  /** A multipart upload: a CSV participant list, or a PNG logo. */
  multipart?: 'csv' | 'png' | 'hsds' | 'htcds';
  /** Changes or removes the records it names: every call gets records of its own. */
  destructive?: boolean;
  /** What the administrator's call answers when it cannot succeed for a reason of state (said beside the sample). */
  adminAnswers?: number;
};

const uniq = () => randomUUID().slice(0, 8);

const samples: Record<string, Sample> = {
  'POST /api/auth/login': { body: () => ({ email: 'viewer@test.example', password: TEST_PASSWORD }) },
  // The same password again: the caller's own session goes on, and later sign-ins still work.
  'POST /api/auth/password': { body: () => ({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD }) },
  // Full sessions are refused here (403 for every role): half sessions are walked in auth-spellings.test.ts.
  'POST /api/auth/mfa/confirm': { body: () => ({ code: '000000' }) },
  'POST /api/auth/mfa/verify': { body: () => ({ code: '000000' }) },
  // The administrator of the walk has a second factor already (to break the glass): 409. Enrolment is tested in auth.
  'POST /api/auth/mfa/enrol': { adminAnswers: 409 },
  'POST /api/auth/mfa/enrol/confirm': { body: () => ({ code: '000000' }), adminAnswers: 409 },
  'POST /api/users': { body: () => ({ email: `u-${uniq()}@example.org`, name: 'Sample', role: 'viewer', password: TEST_PASSWORD }) },
  'PATCH /api/users/{id}': { body: () => ({ name: `Renamed ${uniq()}` }), ids: (f) => ({ id: f.userId }) },
  'GET /api/users/{id}/history': { ids: (f) => ({ id: f.userId }) },
  'POST /api/organizations': { body: () => ({ name: `Org ${uniq()}`, type: 'government', countryCode: 'PK' }) },
  'PATCH /api/organizations/{id}': { body: () => ({ province: 'Sindh' }) },
  'DELETE /api/organizations/{id}': { destructive: true },
  'POST /api/people': { body: () => ({ fullName: `Person ${uniq()}`, sex: 'female' }) },
  'GET /api/people/duplicates': { query: 'fullName=Sample' },
  'PATCH /api/people/{id}': { body: () => ({ designation: 'Inspector' }) },
  'DELETE /api/people/{id}': { destructive: true, ids: (f) => ({ id: f.lonePersonId }) },
  'POST /api/people/{id}/merge': { destructive: true, body: (f) => ({ duplicateId: f.lonePersonId }) },
  'POST /api/programmes': { body: () => ({ name: `Programme ${uniq()}`, countries: ['PK'] }) },
  'PATCH /api/programmes/{id}': { body: () => ({ donor: 'EU' }) },
  'DELETE /api/programmes/{id}': { destructive: true, ids: (f) => ({ id: f.emptyProgrammeId }) },
  'POST /api/events': {
    body: (f) => ({
      programmeId: f.programmeId,
      title: 'Sample event',
      type: 'training',
      startDate: '2025-03-10',
      endDate: '2025-03-11',
      city: 'Lahore',
      countryCode: 'PK',
    }),
  },
  'PATCH /api/events/{id}': { body: () => ({ venue: 'Hall A' }) },
  'DELETE /api/events/{id}': { destructive: true },
  'POST /api/events/{id}/participants': { destructive: true, body: (f) => ({ personId: f.otherPersonId }) },
  'PATCH /api/events/{id}/participants/{personId}': { body: () => ({ attended: true }) },
  'DELETE /api/events/{id}/participants/{personId}': { destructive: true },
  'PUT /api/events/{id}/attendance': { body: (f) => ({ personId: f.personId, date: '2025-03-10', present: true }) },
  'PUT /api/events/{id}/attendance/day': { body: () => ({ date: '2025-03-11', present: true }) },
  'POST /api/events/{id}/participants/import': { multipart: 'csv' },
  'GET /api/reports/programme': { query: 'from=2025-01-01&to=2025-12-31' },
  'GET /api/reports/programme/export': { query: 'from=2025-01-01&to=2025-12-31&format=csv' },
  'GET /api/events/export': { query: 'format=csv' },
  'GET /api/events/{id}/participants/export': { query: 'format=xlsx' },
  'POST /api/questions': { body: () => ({ type: 'short_answer', text: { en: `Sample question ${uniq()}` } }) },
  'PATCH /api/questions/{id}': { body: () => ({ topic: `Topic ${uniq()}` }) },
  'DELETE /api/questions/{id}': { destructive: true, ids: (f) => ({ id: f.loneQuestionId }) },
  'POST /api/events/{id}/tests': { destructive: true, body: (f) => ({ kind: 'post', form: 'B', title: 'Sample test', questionIds: [f.questionId] }) },
  'PATCH /api/tests/{id}': { body: () => ({ title: `Renamed ${uniq()}` }) },
  'DELETE /api/tests/{id}': { destructive: true, ids: (f) => ({ id: f.emptyTestId }) },
  'PUT /api/tests/{id}/link': { body: () => ({ open: true }) },
  'POST /api/tests/{id}/attempts': { destructive: true, ids: (f) => ({ id: f.emptyTestId }), body: (f) => ({ personId: f.personId, answers: [] }) },
  'PUT /api/attempts/{id}/marks': { body: (f) => ({ marks: [{ questionId: f.shortQuestionId, awarded: 1 }] }) },
  'DELETE /api/attempts/{id}': { destructive: true },
  'GET /api/take/{token}': { ids: (f) => ({ token: f.testToken }) },
  'POST /api/take/{token}/attempts': {
    destructive: true,
    ids: (f) => ({ token: f.testToken }),
    body: (f) => ({ participant: f.participantRef, answers: [], clientId: randomUUID() }),
  },
  'PATCH /api/events/{id}/certificates/settings': { body: () => ({ printing: 'both' }) },
  // At most four logos an event: every call gets an event of its own.
  'POST /api/events/{id}/certificates/logos': { destructive: true, multipart: 'png' },
  'POST /api/events/{id}/certificates/issue': { body: () => ({}) },
  'POST /api/certificates/{number}/revoke': { destructive: true, body: () => ({ reason: 'Issued by mistake (route walk)' }) },
  'POST /api/certificates/verify': { body: (f) => ({ qr: f.certificateQr }) },
  'POST /api/feedback-templates': { body: () => ({ title: { en: `Sample ${uniq()}` }, items: [{ kind: 'text', text: { en: 'Anything else?' } }] }) },
  'POST /api/feedback-templates/standard': { body: () => ({}) },
  'GET /api/feedback-templates/{id}': { ids: (f) => ({ id: f.feedbackTemplateId }) },
  'PATCH /api/feedback-templates/{id}': { ids: (f) => ({ id: f.feedbackTemplateId }), body: () => ({ title: { en: `Renamed ${uniq()}` } }) },
  'DELETE /api/feedback-templates/{id}': { destructive: true, ids: (f) => ({ id: f.loneFeedbackTemplateId }) },
  'GET /api/feedback-templates/{id}/history': { ids: (f) => ({ id: f.feedbackTemplateId }) },
  // The fixture's own event has no questionnaire yet: attaching one is the sample.
  'POST /api/events/{id}/feedback': { destructive: true, body: (f) => ({ templateId: f.feedbackTemplateId }) },
  'DELETE /api/events/{id}/feedback': { destructive: true, ids: (f) => ({ id: f.feedbackEventId }) },
  'PUT /api/events/{id}/feedback/link': { ids: (f) => ({ id: f.feedbackEventId }), body: () => ({ open: true }) },
  'GET /api/events/{id}/feedback/history': { ids: (f) => ({ id: f.feedbackEventId }) },
  'POST /api/events/{id}/feedback/responses': {
    destructive: true,
    ids: (f) => ({ id: f.feedbackEventId }),
    body: (f) => ({ personId: f.personId, answers: [{ itemId: f.feedbackItemId, text: 'Useful' }] }),
  },
  'GET /api/events/{id}/feedback/results': { ids: (f) => ({ id: f.feedbackEventId }) },
  'GET /api/feedback/results': { query: (f) => `templateId=${f.feedbackTemplateId}&from=2025-01-01&to=2025-12-31` },
  'GET /api/assessment': { query: 'from=2025-01-01&to=2025-12-31' },
  'POST /api/programmes/{id}/results': { body: () => ({ kind: 'outcome', code: `OC${uniq()}`, statement: 'Sample outcome' }) },
  'PATCH /api/results/{id}': { body: () => ({ statement: `Renamed ${uniq()}` }) },
  'DELETE /api/results/{id}': { destructive: true },
  'POST /api/programmes/{id}/indicators': { body: () => ({ code: `I${uniq()}`, name: 'Sample', unit: 'people', computation: 'participations' }) },
  'PATCH /api/indicators/{id}': { body: () => ({ name: `Renamed ${uniq()}` }) },
  'DELETE /api/indicators/{id}': { destructive: true },
  'GET /api/indicators/{id}/values': { query: 'period=2025-Q1' },
  'PUT /api/indicators/{id}/values/{period}': {
    ids: (f) => ({ id: f.manualIndicatorId, period: '2025-Q3' }),
    body: () => ({ value: 2, evidence: 'Route walk' }),
  },
  'GET /api/programmes/{id}/values': { query: 'period=2025' },
  // Each call locks a period of a programme of its own, and unlocks one locked first.
  'POST /api/programmes/{id}/periods/{period}/lock': { destructive: true, body: () => ({}) },
  'POST /api/programmes/{id}/periods/{period}/unlock': { destructive: true, ids: (f) => ({ id: f.lockedProgrammeId }), body: () => ({ reason: 'Route walk' }) },
  'GET /api/programmes/{id}/donor-report': { query: 'period=2025-Q1' },
  'PUT /api/programmes/{id}/periods/{period}/narrative': { body: () => ({ en: 'Narrative', ur: 'بیانیہ' }) },
  'GET /api/programmes/{id}/donor-report.xlsx': { query: 'period=2025&lang=ur' },
  'GET /api/programmes/{id}/donor-report.pdf': { query: 'period=2025-Q1&lang=en' },
  'GET /api/feedback/{token}': { ids: (f) => ({ token: f.feedbackToken }) },
  'GET /api/events/{id}/graduates': { ids: (f) => ({ id: f.totEventId }) },
  // personId graduated already: graduating again answers the record as it is.
  'POST /api/events/{id}/graduates': { ids: (f) => ({ id: f.totEventId }), body: (f) => ({ personId: f.personId, specialisms: ['gender'] }) },
  'PATCH /api/events/{id}/graduates/{personId}': { ids: (f) => ({ id: f.totEventId }), body: () => ({ specialisms: [`Topic ${uniq()}`] }) },
  'DELETE /api/events/{id}/graduates/{personId}': { destructive: true, ids: (f) => ({ id: f.totEventId }) },
  'GET /api/events/{id}/candidate-pool': { ids: (f) => ({ id: f.totEventId }) },
  'GET /api/cascades/{id}': { ids: (f) => ({ id: f.totEventId }) },
  'POST /api/feedback/{token}/responses': {
    destructive: true,
    ids: (f) => ({ token: f.feedbackToken }),
    body: (f) => ({ participant: f.feedbackParticipantRef, answers: [{ itemId: f.feedbackItemId, text: 'Useful' }], clientId: randomUUID() }),
  },
  'GET /api/campaigns': { query: (f) => `programmeId=${f.programmeId}&province=Gilgit-Baltistan&from=2025-01-01&to=2025-12-31` },
  'GET /api/campaigns/summary': { query: 'year=2025' },
  'POST /api/campaigns': {
    body: (f) => ({ programmeId: f.programmeId, countryCode: 'PK', title: `Campaign ${uniq()}`, startDate: '2025-05-01', endDate: '2025-06-30' }),
  },
  'PATCH /api/campaigns/{id}': { body: () => ({ area: `Hunza ${uniq()}` }) },
  'DELETE /api/campaigns/{id}': { destructive: true },
  'POST /api/campaigns/{id}/sessions': { body: () => ({ date: '2025-05-10', place: 'Aliabad bazaar', estimatedAudience: 300 }) },
  'DELETE /api/campaigns/{id}/sessions/{sessionId}': { destructive: true },
  'POST /api/campaigns/{id}/outputs': { body: () => ({ kind: 'poster', quantity: 200, language: 'ur' }) },
  'PATCH /api/campaigns/{id}/outputs/{outputId}': { body: () => ({ quantity: 250 }) },
  'DELETE /api/campaigns/{id}/outputs/{outputId}': { destructive: true },
  'POST /api/campaigns/{id}/evidence': { multipart: 'png' },
  'DELETE /api/campaigns/{id}/evidence/{evidenceId}': { destructive: true },
  'POST /api/needs-assessments': { body: () => ({ countryCode: 'PK', area: `Ghizer ${uniq()}`, assessedOn: '2025-02-01', findings: 'No campaign ever held' }) },
  'PATCH /api/needs-assessments/{id}': { body: () => ({ recommendations: 'Radio in Shina' }) },
  'POST /api/screenings/evaluate': { body: () => ({ countryCode: 'PK', age: 17, answers: { act_recruited: 'yes', purpose_labour: 'yes' } }) },
  'GET /api/screening-rules/{id}': { ids: () => ({ id: 'PK-2018.1' }) },
  // Versions never change: every call adds one of its own, on a day of its own.
  'POST /api/screening-rules': {
    body: (f) => {
      rulesDay += 1;
      const day = new Date(Date.UTC(2040, 0, rulesDay)).toISOString().slice(0, 10);
      return { id: `INTL-walk.${rulesDay}`, countryCode: '*', effectiveFrom: day, title: 'Route walk', basedOn: 'INTL-2000.1', content: f.rulesContent };
    },
  },
  'GET /api/cases': { query: `query=${encodeURIComponent('نسرین اختر')}` },
  'POST /api/cases': {
    body: () => ({ countryCode: 'PK', province: 'Punjab', victim: { fullName: `Walk ${uniq()} Begum`, sex: 'female', phone: '+923001110000' } }),
  },
  'PATCH /api/cases/{id}': { body: () => ({ district: `Lahore ${uniq()}` }) },
  'POST /api/cases/{id}/break-glass': { body: () => ({ reason: 'Route walk: reading the fixture case' }) },
  'POST /api/cases/{id}/screenings': { body: () => ({ countryCode: 'PK', elements: { act: true, means: true, purpose: true } }) },
  'POST /api/cases/{id}/erase': { destructive: true, body: (f) => ({ confirmReference: f.caseReference }) },
  'POST /api/break-glass/{id}/review': { destructive: true, body: () => ({}) },
  // A case of its own, at identification: the move to screening is an officer's (and a supervisor's).
  'POST /api/cases/{id}/transitions': { destructive: true, body: () => ({ to: 'screening' }) },
  // The fixture case is not at its plan: 409 for the case roles (the route ran: not 401/403).
  'POST /api/cases/{id}/approval-requests': { body: () => ({ kind: 'case_plan' }) },
  'POST /api/case-approvals/{id}/decline': { body: () => ({}) },
  // The supervisor's call merges the fixture's pair (both cases of its agency); a later call finds it merged (409).
  'POST /api/case-duplicates/{id}/merge': { body: (f) => ({ keep: f.duplicateKeepId }) },
  'POST /api/case-duplicates/{id}/dismiss': { body: () => ({}) },
  'POST /api/cases/{id}/tasks': { body: () => ({ title: 'Walk: call Nasreen Akhtar back', dueOn: '2026-01-05' }) },
  'PATCH /api/cases/{id}/tasks/{taskId}': { body: () => ({ done: true }) },
  'PUT /api/cases/{id}/care-file': {
    body: () => ({ exploitationTypes: ['ForcedLabour'], perpetrators: [{ name: 'Walk recruiter Akhtar', role: 'RecruiterOrIntermediary' }] }),
  },
  'PUT /api/cases/{id}/justice': { body: () => ({ firNumber: 'FIR-12/2026', policeStation: 'Gulberg', charges: ['PTPA-2018-s3'] }) },
  'GET /api/cases/export': { query: 'format=htcds-xlsx&identity=include' },
  'GET /api/cases/{id}/export': { query: 'format=htcds-json' },
  // A dry run of a one-case HTCDS sheet: checked, made and rolled back.
  'POST /api/cases/import': { multipart: 'htcds', query: 'dryRun=true' },
  'GET /api/services': { query: 'need=shelter&province=Punjab&sex=female&age=25&language=ur' },
  'POST /api/services': { body: () => ({ name: `Walk shelter ${uniq()}`, type: 'shelter', countryCode: 'PK', address: { address1: 'Walk street 1' } }) },
  'GET /api/services/export': { query: 'format=hsds' },
  'POST /api/services/import': { multipart: 'hsds', query: 'dryRun=true' },
  'PATCH /api/services/{id}': { body: () => ({ district: `Lahore ${uniq()}` }) },
  // The fixture's shelter names the service provider as its own: its call changes the capacity.
  'PATCH /api/services/{id}/capacity': { body: () => ({ bedsFree: 2 }) },
  // The fixture case has a consent for the fixture shelter, and a referral to it waiting for an answer.
  'POST /api/cases/{id}/consents': {
    body: (f) => ({ purpose: 'Walk: referral to a shelter', serviceId: f.serviceId, givenBy: 'person', explainedInLanguage: 'ur' }),
  },
  'POST /api/cases/{id}/consents/{consentId}/withdraw': { destructive: true, body: () => ({}) },
  'POST /api/cases/{id}/referrals': { body: (f) => ({ serviceId: f.serviceId, reason: 'Walk: a safe place', urgency: 'normal' }) },
  // The provider declines (the walk never accepts: an accepted referral shows the provider the person's name, by design).
  'POST /api/referrals/{id}/respond': { destructive: true, body: () => ({ decision: 'declined', reason: 'Walk: no beds free' }) },
  // Not accepted yet: 409 for the provider (the route ran).
  'POST /api/referrals/{id}/outcome': { body: () => ({ delivered: true }) },
  // Neither delivered nor declined yet: 409 for the agency.
  'POST /api/referrals/{id}/close': { body: () => ({}) },
  'POST /api/referrals/{id}/withdraw': { destructive: true, body: () => ({ reason: 'Walk: the person changed her mind' }) },
};
let rulesDay = 0;

/** The fixture case's person: no analyst's answer, on any route, may hold any of these. */
const WALK_VICTIM = {
  fullName: 'Nasreen Akhtar',
  otherScriptName: 'نسرین اختر',
  phone: '+923451112233',
  identityNumber: '61101-7654321-9',
  address: 'House 12, Street 4, Gulberg',
};

let ctx: TestContext;
let shared: Fixture;
let routes: Array<{ method: Method; path: string; key: string }>;

async function create(url: string, payload: Record<string, unknown>, role: Role = 'admin'): Promise<string> {
  const response = await ctx.app.inject({ method: 'POST', url, headers: ctx.as(role), payload });
  if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
  return json<{ id: string }>(response).id;
}

/** A programme with an event (the trainer is one of its trainers), people on it and off it, and an account. */
async function makeFixture(): Promise<Fixture> {
  const programmeId = await create('/api/programmes', { name: `Fixture ${uniq()}`, countries: ['PK'] });
  const emptyProgrammeId = await create('/api/programmes', { name: `Empty ${uniq()}`, countries: ['PK'] });
  const eventId = await create('/api/events', {
    programmeId,
    title: 'Fixture event',
    type: 'workshop',
    startDate: '2025-03-10',
    endDate: '2025-03-12',
    city: 'Lahore',
    province: 'Punjab',
    countryCode: 'PK',
    trainerUserIds: [ctx.users.trainer.id],
  });
  const organizationId = await create('/api/organizations', { name: `Fixture org ${uniq()}`, type: 'civil_society', countryCode: 'PK' });
  const personId = await create('/api/people', { fullName: `Listed ${uniq()}`, sex: 'male' });
  const otherPersonId = await create('/api/people', { fullName: `Unlisted ${uniq()}`, sex: 'female' });
  const lonePersonId = await create('/api/people', { fullName: `Lone ${uniq()}`, sex: 'unknown' });
  await create(`/api/events/${eventId}/participants`, { personId, attended: true });
  const userId = await create('/api/users', { email: `fixture-${uniq()}@example.org`, name: 'Fixture user', role: 'viewer', password: TEST_PASSWORD });
  const options = [
    { text: { en: 'Yes' }, correct: true },
    { text: { en: 'No' }, correct: false },
  ];
  const questionId = await create('/api/questions', { type: 'single_choice', text: { en: `Fixture ${uniq()}` }, options }, 'trainer');
  const shortQuestionId = await create('/api/questions', { type: 'short_answer', text: { en: `Fixture ${uniq()}` } }, 'trainer');
  const loneQuestionId = await create('/api/questions', { type: 'short_answer', text: { en: `Lone ${uniq()}` } }, 'trainer');
  const testId = await create(`/api/events/${eventId}/tests`, { kind: 'pre', title: 'Fixture pre-test', questionIds: [questionId, shortQuestionId] });
  const attemptId = await create(`/api/tests/${testId}/attempts`, { personId, answers: [{ questionId: shortQuestionId, text: 'An answer' }] });
  const emptyTestId = await create(`/api/events/${eventId}/tests`, { kind: 'post', form: 'A', title: 'Fixture post-test', questionIds: [questionId] });
  // A post-test's link takes personal codes only by default; the walk answers it by a name from the list.
  const listed = await ctx.app.inject({
    method: 'PUT',
    url: `/api/tests/${emptyTestId}/link`,
    headers: ctx.as('admin'),
    payload: { open: true, identifyBy: 'list' },
  });
  if (listed.statusCode !== 200) throw new Error(`link not set to the list: ${listed.body}`);
  const testToken = json<{ link: { token: string } }>(await ctx.app.inject({ method: 'GET', url: `/api/tests/${emptyTestId}`, headers: ctx.as('admin') })).link
    .token;
  const page = json<{ participants: Array<{ ref: string }> }>(await ctx.app.inject({ method: 'GET', url: `/api/take/${testToken}` }));
  const participantRef = page.participants[0]?.ref ?? '';
  const issued = await ctx.app.inject({ method: 'POST', url: `/api/events/${eventId}/certificates/issue`, headers: ctx.as('admin'), payload: {} });
  const certificate = json<{ certificates: Array<{ number: string; qr: string }> }>(issued).certificates[0];
  if (!certificate) throw new Error(`no certificate: ${issued.body}`);
  const logo = multipartPng();
  const uploaded = await ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/certificates/logos`,
    headers: { ...ctx.as('admin'), 'content-type': logo.contentType },
    payload: logo.payload,
  });
  const logoId = json<{ logos: Array<{ id: string }> }>(uploaded).logos[0]?.id ?? '';
  const feedbackTemplateId = await create(
    '/api/feedback-templates',
    { title: { en: `Fixture ${uniq()}` }, items: [{ kind: 'text', text: { en: 'Useful?' } }] },
    'trainer',
  );
  const loneFeedbackTemplateId = await create('/api/feedback-templates/standard', {}, 'trainer');
  const template = json<{ items: Array<{ id: string }> }>(
    await ctx.app.inject({ method: 'GET', url: `/api/feedback-templates/${feedbackTemplateId}`, headers: ctx.as('admin') }),
  );
  const feedbackItemId = template.items[0]?.id ?? '';
  const feedbackEventId = await create('/api/events', {
    programmeId,
    title: 'Fixture feedback event',
    type: 'workshop',
    startDate: '2025-04-10',
    endDate: '2025-04-10',
    city: 'Lahore',
    countryCode: 'PK',
    trainerUserIds: [ctx.users.trainer.id],
  });
  await create(`/api/events/${feedbackEventId}/participants`, { personId });
  const feedbackToken = json<{ link: { token: string } }>(
    await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${feedbackEventId}/feedback`,
      headers: ctx.as('admin'),
      payload: { templateId: feedbackTemplateId },
    }),
  ).link.token;
  const feedbackPage = json<{ participants: Array<{ ref: string }> }>(await ctx.app.inject({ method: 'GET', url: `/api/feedback/${feedbackToken}` }));
  const feedbackParticipantRef = feedbackPage.participants[0]?.ref ?? '';
  const resultId = await create(`/api/programmes/${programmeId}/results`, { kind: 'outcome', code: `OC${uniq()}`, statement: 'Practitioners respond better' });
  const indicatorId = await create(`/api/programmes/${programmeId}/indicators`, {
    code: `P${uniq()}`,
    name: 'People trained',
    unit: 'people',
    computation: 'people_trained_unique',
  });
  const manualIndicatorId = await create(`/api/programmes/${programmeId}/indicators`, {
    code: `M${uniq()}`,
    name: 'SOPs adopted',
    unit: 'number',
    computation: 'manual',
  });
  const lockedProgrammeId = await create('/api/programmes', { name: `Locked ${uniq()}`, countries: ['PK'] });
  const locked = await ctx.app.inject({
    method: 'POST',
    url: `/api/programmes/${lockedProgrammeId}/periods/2025-Q1/lock`,
    headers: ctx.as('admin'),
    payload: {},
  });
  if (locked.statusCode !== 200) throw new Error(`period not locked: ${locked.body}`);
  const totEventId = await create('/api/events', {
    programmeId,
    title: 'Fixture training of trainers',
    type: 'training_of_trainers',
    startDate: '2025-02-10',
    endDate: '2025-02-12',
    city: 'Lahore',
    countryCode: 'PK',
    trainerUserIds: [ctx.users.trainer.id],
  });
  await create(`/api/events/${totEventId}/participants`, { personId, attended: true });
  const graduated = await ctx.app.inject({ method: 'POST', url: `/api/events/${totEventId}/graduates`, headers: ctx.as('admin'), payload: { personId } });
  if (graduated.statusCode !== 201) throw new Error(`not graduated: ${graduated.body}`);
  const needsAssessmentId = await create('/api/needs-assessments', {
    countryCode: 'PK',
    province: 'Gilgit-Baltistan',
    area: 'Ghizer',
    assessedOn: '2025-02-01',
    findings: 'Never had a campaign',
  });
  const campaignId = await create('/api/campaigns', {
    programmeId,
    countryCode: 'PK',
    title: `Fixture campaign ${uniq()}`,
    province: 'Gilgit-Baltistan',
    startDate: '2025-05-01',
    endDate: '2025-06-30',
    needsAssessmentId,
  });
  const sessionId = await create(`/api/campaigns/${campaignId}/sessions`, { date: '2025-05-10', place: 'Gahkuch', estimatedAudience: 400 });
  const outputId = await create(`/api/campaigns/${campaignId}/outputs`, { kind: 'banner', quantity: 12 });
  const photo = multipartPng();
  const evidence = await ctx.app.inject({
    method: 'POST',
    url: `/api/campaigns/${campaignId}/evidence`,
    headers: { ...ctx.as('admin'), 'content-type': photo.contentType },
    payload: photo.payload,
  });
  const evidenceId = json<{ id: string }>(evidence).id;
  const rules = await ctx.app.inject({ method: 'GET', url: '/api/screening-rules/INTL-2000.1', headers: ctx.as('viewer') });
  const rulesContent = json<{ content: Record<string, unknown> }>(rules).content;
  const opened = await ctx.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: ctx.as('data_officer'),
    payload: { countryCode: 'PK', province: 'Punjab', victim: { ...WALK_VICTIM, sex: 'female', estimatedAge: 19 }, narrative: `Met at ${WALK_VICTIM.address}` },
  });
  if (opened.statusCode !== 201) throw new Error(`case not opened: ${opened.body}`);
  const { id: caseId, reference: caseReference } = json<{ id: string; reference: string }>(opened);
  await create(`/api/cases/${caseId}/break-glass`, { reason: 'Route walk: the administrator reads the fixture' });
  // Another administrator (with a second factor, which breaking the glass needs) opens it too.
  const otherAdmin = `admin-${uniq()}@test.example`;
  await create('/api/users', { email: otherAdmin, name: 'Second administrator', role: 'admin', password: TEST_PASSWORD });
  const otherCookie = await signIn(ctx.app, otherAdmin);
  await enrolOwnSecondFactor(ctx.app, otherCookie);
  const glass = await ctx.app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/break-glass`,
    headers: { cookie: otherCookie },
    payload: { reason: 'Route walk: another administrator reads the fixture' },
  });
  if (glass.statusCode !== 201) throw new Error(`no break-glass: ${glass.body}`);
  const taskId = await create(
    `/api/cases/${caseId}/tasks`,
    { title: `Visit ${WALK_VICTIM.fullName} at ${WALK_VICTIM.address}`, dueOn: '2025-01-10' },
    'data_officer',
  );
  // Another case, moved to its plan, whose approval the data officer asks for.
  const planned = await create(
    '/api/cases',
    { countryCode: 'PK', province: 'Punjab', victim: { fullName: `Walk ${uniq()} Bibi`, sex: 'female' } },
    'data_officer',
  );
  for (const to of ['screening', 'assistance', 'case_plan']) {
    const moved = await ctx.app.inject({ method: 'POST', url: `/api/cases/${planned}/transitions`, headers: ctx.as('data_officer'), payload: { to } });
    if (moved.statusCode !== 200) throw new Error(`not moved to ${to}: ${moved.body}`);
  }
  const approvalId = await create(`/api/cases/${planned}/approval-requests`, { kind: 'case_plan' }, 'data_officer');
  const phone = `0300${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const twin = (fullName: string) =>
    create('/api/cases', { countryCode: 'PK', province: 'Punjab', victim: { fullName, sex: 'female', birthDate: '2000-02-02', phone } }, 'data_officer');
  const duplicateKeepId = await twin(`Walk ${uniq()} Bano`);
  const twinId = await twin(`Walk ${uniq()} Bano`);
  // Read from the table: the walk's fixtures pile up pairs of their own (the same person opened many times), past the list's 200.
  const [first, second] = [duplicateKeepId, twinId].sort() as [string, string];
  const pair = await ctx.db.selectFrom('case_duplicates').select('id').where('case_a_id', '=', first).where('case_b_id', '=', second).executeTakeFirst();
  if (!pair) throw new Error('no possible duplicate');
  const duplicateId = pair.id;
  const serviceId = await create('/api/services', {
    name: `Fixture shelter ${uniq()}`,
    type: 'shelter',
    countryCode: 'PK',
    province: 'Punjab',
    bedsTotal: 10,
    address: { address1: 'Shelter lane 3, Township' },
    providerUserIds: [ctx.users.service_provider.id],
  });
  const consentId = await create(
    `/api/cases/${caseId}/consents`,
    { purpose: 'Walk: referral to a shelter', serviceId, givenBy: 'person', explainedInLanguage: 'ur' },
    'data_officer',
  );
  const referralId = await create(`/api/cases/${caseId}/referrals`, { serviceId, reason: 'Walk: a safe place', urgency: 'normal' }, 'data_officer');
  return {
    consentId,
    referralId,
    taskId,
    approvalId,
    duplicateId,
    duplicateKeepId,
    serviceId,
    caseId,
    caseReference,
    breakGlassId: json<{ id: string }>(glass).id,
    rulesContent,
    campaignId,
    sessionId,
    outputId,
    evidenceId,
    needsAssessmentId,
    programmeId,
    emptyProgrammeId,
    eventId,
    organizationId,
    personId,
    otherPersonId,
    lonePersonId,
    userId,
    questionId,
    shortQuestionId,
    loneQuestionId,
    testId,
    attemptId,
    emptyTestId,
    testToken,
    participantRef,
    certificateNumber: certificate.number,
    certificateQr: certificate.qr,
    logoId,
    feedbackTemplateId,
    loneFeedbackTemplateId,
    feedbackItemId,
    feedbackEventId,
    feedbackToken,
    feedbackParticipantRef,
    resultId,
    indicatorId,
    manualIndicatorId,
    lockedProgrammeId,
    totEventId,
  };
}

function urlFor(route: { path: string; key: string }, f: Fixture, override?: string): string {
  const prefix = route.path.split('/')[2];
  const defaults: Record<string, string> = {
    users: f.userId,
    organizations: f.organizationId,
    people: f.personId,
    programmes: f.programmeId,
    events: f.eventId,
    questions: f.questionId,
    tests: f.testId,
    attempts: f.attemptId,
    results: f.resultId,
    indicators: f.indicatorId,
    campaigns: f.campaignId,
    'needs-assessments': f.needsAssessmentId,
    cases: f.caseId,
    'break-glass': f.breakGlassId,
    'case-approvals': f.approvalId,
    'case-duplicates': f.duplicateId,
    services: f.serviceId,
    referrals: f.referralId,
  };
  const ids = {
    id: defaults[prefix ?? ''] ?? '',
    personId: f.personId,
    number: f.certificateNumber,
    logoId: f.logoId,
    period: '2025-Q1',
    sessionId: f.sessionId,
    outputId: f.outputId,
    evidenceId: f.evidenceId,
    taskId: f.taskId,
    consentId: f.consentId,
    ...samples[route.key]?.ids?.(f),
  };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => override ?? ids[name as keyof typeof ids] ?? '');
  const given = samples[route.key]?.query;
  const query = typeof given === 'function' ? given(f) : given;
  return query ? `${path}?${query}` : path;
}

function multipartCsv() {
  const boundary = `----route-walk-${uniq()}`;
  const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\nfull_name,sex\nWalker,f\n\r\n--${boundary}--\r\n`;
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

function multipartPng() {
  return multipartFile('logo.png', 'image/png', solidPng(30, 12, [11, 110, 105]));
}

type Caller = Role | 'anonymous';

async function call(route: { method: Method; path: string; key: string }, caller: Caller, options: { sharedFixture?: boolean } = {}) {
  const sample = samples[route.key] ?? {};
  const fixture = sample.destructive && !options.sharedFixture ? await makeFixture() : shared;
  const headers: Record<string, string> = {};
  if (caller !== 'anonymous') {
    // Signing out ends the session it is sent with: give it one of its own.
    headers.cookie = route.key === 'POST /api/auth/logout' ? await signIn(ctx.app, `${caller}@test.example`) : ctx.as(caller).cookie;
  }
  let payload: string | Buffer | Record<string, unknown> | undefined = sample.body?.(fixture);
  if (sample.multipart) {
    const body =
      sample.multipart === 'png'
        ? multipartPng()
        : sample.multipart === 'hsds'
          ? multipartFile('directory.zip', 'application/zip', hsdsZip)
          : sample.multipart === 'htcds'
            ? multipartFile('cases.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', htcdsSheet)
            : multipartCsv();
    payload = body.payload;
    headers['content-type'] = body.contentType;
  }
  return ctx.app.inject({ method: route.method, url: urlFor(route, fixture), headers, ...(payload !== undefined ? { payload } : {}) });
}

/** A small HSDS tabular ZIP (one service) for the import route. */
let hsdsZip: Buffer;
/** An HTCDS case sheet of one case (a name unlike the fixture's: the walk searches answers for that one). */
let htcdsSheet: Buffer;

beforeAll(async () => {
  const zip = new JSZip();
  zip.file('services.csv', 'id,name,status\n,Walk interpreters,active\n');
  zip.file('attributes.csv', 'id,link_id,taxonomy_term_id,link_type,link_entity,value\n');
  hsdsZip = await zip.generateAsync({ type: 'nodebuffer' });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Case Sheet');
  sheet.addRow(['prs_FirstName', 'prs_Gender', 'hfz_CountryCode', 'vic_TypeOfExploitation']);
  sheet.addRow(['First Name', 'Gender', 'Country of the case', 'Type of Exploitation']);
  sheet.addRow(['Walk Zarina', 'Feminine', 'PK', 'ForcedLabour; ForcedBegging']);
  htcdsSheet = Buffer.from(await workbook.xlsx.writeBuffer());
  ctx = await createTestContext('sqlite', { caseRoles: true });
  // The administrator breaks the glass on the fixture's case file: that needs their second factor.
  await enrolOwnSecondFactor(ctx.app, ctx.as('admin').cookie);
  // The case roles may read the justice track only with the administrator's grant on their accounts.
  for (const role of ['data_officer', 'supervisor'] as const) {
    const granted = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${ctx.users[role].id}`,
      headers: ctx.as('admin'),
      payload: { justiceAccess: true },
    });
    if (granted.statusCode !== 200) throw new Error(`no justice grant: ${granted.body}`);
  }
  shared = await makeFixture();
  const doc = json<{ paths: Record<string, Record<string, unknown>> }>(await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' }));
  routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase() as Method, path, key: `${method.toUpperCase()} ${path}` })),
  );
  for (const key of HIDDEN_ROUTES) {
    const [method, path] = key.split(' ') as [Method, string];
    routes.push({ method, path, key });
  }
});
afterAll(async () => ctx.close());

// The case roles too (each enrolled in the second factor, with a full session): they see nothing of the
// training register, only their own account.
const callers: Caller[] = ['anonymous', 'admin', 'programme_manager', 'trainer', 'viewer', 'data_officer', 'supervisor', 'service_provider', 'analyst'];

// Each test walks every route (on each database engine): 5–15 s, and past the default 30 s when the
// machine's two cores are busy with other suites.
const WALK = { timeout: 120_000 };

describe('every route × every role', WALK, () => {
  it('the list of routes is the list of expected permissions, no more and no less', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.map((r) => r.key).sort()).toEqual(Object.keys(expectedPermissions).sort());
    for (const key of Object.keys(samples)) expect(Object.keys(expectedPermissions), `sample for unknown route ${key}`).toContain(key);
  });

  it('answers 401 to anonymous callers on every non-public route and lets them through on public ones', async () => {
    for (const route of routes) {
      const permission = expectedPermissions[route.key];
      const response = await call(route, 'anonymous');
      if (permission === 'public') {
        expect([401, 403], `${route.key} is public`).not.toContain(response.statusCode);
        expect(response.statusCode, route.key).toBeLessThan(500);
      } else {
        expect(response.statusCode, `${route.key} without a session`).toBe(401);
        expect(json<{ error: { code: string } }>(response).error.code).toBe('unauthorized');
      }
    }
  });

  for (const role of callers.filter((c): c is Role => c !== 'anonymous')) {
    it(`answers 403 to the ${role} role exactly where the permission map leaves it out`, async () => {
      for (const route of routes) {
        const permission = expectedPermissions[route.key];
        if (!permission) throw new Error(`no expected permission for ${route.key}`);
        const allowed: readonly Role[] | null = permissionRoles[permission];
        const response = await call(route, role);
        if (allowed === null || allowed.includes(role)) {
          expect([401, 403], `${role} may call ${route.key}: ${response.body.slice(0, 200)}`).not.toContain(response.statusCode);
          expect(response.statusCode, `${role} ${route.key}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
          // The samples are valid: an administrator's call succeeds, so the handler really ran.
          const adminAnswers = samples[route.key]?.adminAnswers;
          if (role === 'admin' && adminAnswers) expect(response.statusCode, `admin ${route.key}: ${response.body.slice(0, 200)}`).toBe(adminAnswers);
          else if (role === 'admin') expect(response.statusCode, `admin ${route.key}: ${response.body.slice(0, 200)}`).toBeLessThan(300);
        } else {
          expect(response.statusCode, `${role} must not call ${route.key}`).toBe(403);
          expect(json<{ error: { code: string } }>(response).error.code).toBe('forbidden');
        }
      }
    });
  }
});

describe('bad input never gets a 500', WALK, () => {
  const send = async (route: { method: Method; path: string; key: string }, payload: string, override?: string) => {
    // A bad id never reaches a handler: the shared fixture serves (fresh ones only for real changes).
    const fixture = samples[route.key]?.destructive && override === undefined ? await makeFixture() : shared;
    // The administrator, or for a route they may not call (a case file's), the first role that may.
    const allowed: readonly Role[] | null = permissionRoles[expectedPermissions[route.key] ?? 'public'];
    const role = allowed === null || allowed.length === 0 || allowed.includes('admin') ? 'admin' : (allowed[0] ?? 'admin');
    const cookie = route.key === 'POST /api/auth/logout' ? await signIn(ctx.app, 'admin@test.example') : ctx.as(role).cookie;
    return ctx.app.inject({ method: route.method, url: urlFor(route, fixture, override), headers: { cookie, 'content-type': 'application/json' }, payload });
  };

  it('an empty JSON body', async () => {
    for (const route of routes) {
      const response = await send(route, '');
      expect(response.statusCode, `${route.key}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      if (route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT') {
        if (route.key !== 'POST /api/auth/logout') expect(response.statusCode, route.key).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('a body that is not JSON', async () => {
    for (const route of routes) {
      const response = await send(route, '{"name": "unterminated');
      expect(response.statusCode, `${route.key}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
      // The second-factor routes refuse a full session (the administrator's here) before reading any body.
      const refused = expectedPermissions[route.key] === 'second_factor';
      if (route.method !== 'GET') expect(response.statusCode, route.key).toBe(refused ? 403 : 400);
    }
  });

  it('a JSON body of the wrong shape', async () => {
    for (const route of routes.filter((r) => r.method !== 'GET')) {
      const response = await send(route, '[1, "two", null]');
      expect(response.statusCode, `${route.key}: ${response.body.slice(0, 200)}`).toBeLessThan(500);
    }
  });

  it('a JSON body over 1 MB gets 413', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: { ...ctx.as('admin'), 'content-type': 'application/json' },
      payload: JSON.stringify({ fullName: 'x'.repeat(1024 * 1024 + 10), sex: 'male' }),
    });
    expect(response.statusCode).toBe(413);
    expect(json<{ error: { code: string } }>(response).error.code).toBe('payload_too_large');
  });

  it('a query string of the wrong kind gets 400', async () => {
    for (const url of [
      '/api/people?limit=abc',
      '/api/events?from=yesterday',
      '/api/organizations?type=club',
      '/api/programmes?limit=-1',
      '/api/reports/programme?from=2025-01-01&to=2025-12-31&programmeId=x',
    ]) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('admin') });
      expect(response.statusCode, url).toBe(400);
    }
  });

  it('an unknown /api route gets a JSON 404', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/nothing-here', headers: ctx.as('admin') });
    expect(response.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(response).error.code).toBe('not_found');
  });

  it('an id that is not a UUID', async () => {
    for (const route of routes.filter((r) => r.path.includes('{'))) {
      for (const bad of ['not-a-uuid', '1', "1'%20OR%20'1'='1", '%00']) {
        const response = await send(route, '{}', bad);
        expect(response.statusCode, `${route.key} with id ${bad}: ${response.body.slice(0, 200)}`).toBe(400);
        expect(json<{ error: { code: string } }>(response).error.code).toBe('validation_failed');
      }
    }
  });
});

describe('what identifies a victim never reaches a role without the case files', WALK, () => {
  // The analyst above all (statistics only), and every role that is not a case reader: each answer of
  // each route, successes and refusals alike, is searched for the fixture person's name (both scripts),
  // phone, identity number and address.
  const forbidden = ['Nasreen', 'Akhtar', 'نسرین', '3451112233', '7654321', 'Gulberg'];
  for (const role of ['analyst', 'service_provider', 'programme_manager', 'trainer', 'viewer'] as const) {
    it(`no answer to the ${role} holds the person's name, phone, identity number or address`, async () => {
      let answered = 0;
      for (const route of routes) {
        // On the shared fixture (these roles may not erase a case; a fresh fixture per destructive
        // route would run into the public pages' rate limits). This block runs last in the file.
        const response = await call(route, role, { sharedFixture: true });
        answered += 1;
        for (const word of forbidden) expect(response.body.includes(word), `${role} ${route.key} gave away "${word}"`).toBe(false);
      }
      expect(answered).toBe(routes.length);
      // And the one route an analyst has there: counts, no names.
      if (role === 'analyst') {
        const stats = await ctx.app.inject({ method: 'GET', url: '/api/cases/statistics', headers: ctx.as('analyst') });
        expect(stats.statusCode).toBe(200);
        expect(json<{ bySex: Record<string, number | null> }>(stats).bySex).toHaveProperty('female');
      }
    });
  }
});
