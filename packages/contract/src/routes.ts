import type { z } from 'zod';
import {
  zChangePasswordBody,
  zCreateUserBody,
  zLoginBody,
  zMe,
  zRecoveryCodes,
  zSecondFactorCodeBody,
  zSecondFactorSetup,
  zSignInResult,
  zUpdateUserBody,
  zUser,
  zUserListItem,
} from './auth.js';
import { campaignRoutes } from './campaign-routes.js';
import { screeningRoutes } from './screening-routes.js';
import { caseRoutes } from './case-routes.js';
import { caseWorkRoutes } from './case-work-routes.js';
import { caseHtcdsRoutes } from './case-htcds-routes.js';
import { caseDuplicateRoutes } from './case-duplicates-routes.js';
import { serviceRoutes } from './service-routes.js';
import { caseReferralRoutes } from './case-referral-routes.js';
import { zAssessmentAcross, zAssessmentAcrossQuery, zAssessmentAnalysis } from './assessments.js';
import {
  MAX_CERTIFICATE_LOGO_BYTES,
  zCertificate,
  zCertificateList,
  zCertificateLogoParams,
  zCertificateNumberParams,
  zCertificatePdfQuery,
  zCertificateSettings,
  zCertificatesZipQuery,
  zCertificateVerification,
  zIssueCertificatesBody,
  zIssueCertificatesResult,
  zPublishedKeyring,
  zRevokeCertificateBody,
  zUpdateCertificateSettingsBody,
  zVerifyQrBody,
} from './certificates.js';
import {
  zCandidatePool,
  zCascade,
  zCascadeList,
  zCascadeListQuery,
  zCascadeSummary,
  zGraduateBody,
  zGraduateList,
  zGraduateParams,
  zMasterTrainer,
  zUpdateGraduateBody,
} from './cascades.js';
import { zHistory, zIdParams, zPage } from './common.js';
import {
  zCreateFeedbackFormBody,
  zCreateFeedbackTemplateBody,
  zEventFeedback,
  zEventFeedbackResults,
  zFeedbackForm,
  zFeedbackLinkBody,
  zFeedbackLinkParams,
  zFeedbackReceipt,
  zFeedbackResultsAcross,
  zFeedbackResultsQuery,
  zFeedbackTemplate,
  zFeedbackTemplateListQuery,
  zPublicFeedbackForm,
  zPublicFeedbackResponseBody,
  zStaffFeedbackResponseBody,
  zStandardFeedbackTemplateBody,
  zUpdateFeedbackTemplateBody,
} from './feedback.js';
import {
  zAddParticipantBody,
  zAttendanceBody,
  zCreateEventBody,
  zDayAttendanceBody,
  zEvent,
  zEventFacets,
  zEventFilters,
  zEventListQuery,
  zEventSummary,
  zImportQuery,
  zImportReport,
  zParticipant,
  zParticipantList,
  zParticipantParams,
  zTrainerList,
  zUpdateEventBody,
  zUpdateParticipantBody,
} from './events.js';
import { zCreateOrganizationBody, zOrganization, zOrganizationListQuery, zUpdateOrganizationBody } from './organizations.js';
import {
  zCreatedPerson,
  zCreatePersonBody,
  zDuplicateQuery,
  zDuplicateResult,
  zMergeBody,
  zMergeResult,
  zPerson,
  zPersonListQuery,
  zPersonParticipations,
  zUpdatePersonBody,
} from './people.js';
import { indicatorRoutes } from './indicator-routes.js';
import type { Permission } from './permissions.js';
import { zCreateProgrammeBody, zProgramme, zProgrammeListQuery, zUpdateProgrammeBody } from './programmes.js';
import { zDashboard, zExportQuery, zProgrammeReport, zProgrammeReportQuery } from './reports.js';
import { zBackupFile, zLiveness, zReadiness, zSystemStatus } from './system.js';
import {
  zAttempt,
  zAttemptList,
  zCreateAttemptBody,
  zCreateQuestionBody,
  zCreateTestBody,
  zMarkAttemptBody,
  zParticipantCodes,
  zQuestion,
  zQuestionListQuery,
  zQuestionTopics,
  zTakeAttemptBody,
  zTakeParams,
  zTakeResult,
  zTakeTest,
  zTest,
  zTestLinkBody,
  zTestList,
  zUpdateQuestionBody,
  zUpdateTestBody,
} from './tests.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation of the API. The server registers its routes from these (validation, permission,
 * OpenAPI), and the web's client is typed by them: a call with a wrong body, or a caller that misreads
 * the answer, does not compile.
 */
export type RouteSpec = {
  method: HttpMethod;
  /** OpenAPI style: /api/events/{id}. */
  path: `/api/${string}`;
  /** One line for the OpenAPI document (its operationId is the route's name in `routes`). */
  summary: string;
  description?: string;
  tag: string;
  permission: Permission;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** A multipart/form-data upload: a file in field `file` (described in the document, read by the handler). */
  upload?: { maxBytes: number; fields: Record<string, string> };
  /** The success status and its JSON answer (null: no body). */
  status: 200 | 201 | 204;
  response: z.ZodType | null;
  /** An answer that is a file in one of these content types, instead of JSON. */
  produces?: readonly string[];
  /** Answers beyond those every route of its kind can give (those are derived: see `errorStatuses`). */
  extraErrors?: readonly number[];
};

const define = <const R extends Record<string, RouteSpec>>(routes: R): R => routes;

/** Upload limit of the import route (the multipart parser enforces it). */
export const MAX_IMPORT_UPLOAD_BYTES = 10 * 1024 * 1024;

export const routes = define({
  // Health
  liveness: { method: 'GET', path: '/api/health/live', summary: 'The process answers', tag: 'health', permission: 'public', status: 200, response: zLiveness },
  readiness: {
    method: 'GET',
    path: '/api/health/ready',
    summary: 'Whether the server can serve (503 when not)',
    tag: 'health',
    permission: 'public',
    status: 200,
    response: zReadiness,
    extraErrors: [503],
  },
  health: {
    method: 'GET',
    path: '/api/health',
    summary: 'Readiness, under its short address',
    tag: 'health',
    permission: 'public',
    status: 200,
    response: zReadiness,
    extraErrors: [503],
  },

  // Sign-in and the signed-in user
  signIn: {
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in; the session is an HttpOnly cookie',
    description:
      'Limited per account and network address together (README, "Sign-in limits"): a refused attempt answers 429 with Retry-After. ' +
      'For the roles that need a second factor (data_officer, supervisor, service_provider, analyst) it answers `{ mfa: "required" }` or ' +
      '`{ mfa: "setup_required" }` and a half session that may only call the /api/auth/mfa routes and sign out.',
    tag: 'auth',
    permission: 'public',
    body: zLoginBody,
    status: 200,
    response: zSignInResult,
    extraErrors: [401, 403, 429],
  },
  signOut: {
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End this session',
    tag: 'auth',
    permission: 'public',
    status: 204,
    response: null,
    extraErrors: [403],
  },
  me: { method: 'GET', path: '/api/auth/me', summary: 'The signed-in user', tag: 'auth', permission: 'account', status: 200, response: zMe },
  setUpSecondFactor: {
    method: 'POST',
    path: '/api/auth/mfa/setup',
    summary: 'Start enrolling a second factor: a new TOTP secret (half session of a user not yet enrolled)',
    description: 'Each call replaces a secret not yet confirmed. The secret is stored encrypted.',
    tag: 'auth',
    permission: 'second_factor',
    status: 200,
    response: zSecondFactorSetup,
    extraErrors: [409],
  },
  confirmSecondFactor: {
    method: 'POST',
    path: '/api/auth/mfa/confirm',
    summary: 'Finish enrolling with a code from the app: answers the recovery codes (shown once) and the session becomes full',
    tag: 'auth',
    permission: 'second_factor',
    body: zSecondFactorCodeBody,
    status: 200,
    response: zRecoveryCodes,
    extraErrors: [409, 422, 429],
  },
  verifySecondFactor: {
    method: 'POST',
    path: '/api/auth/mfa/verify',
    summary: 'Give the second factor (a code from the app, or a recovery code once): the session becomes full',
    description: 'Wrong codes are limited like passwords (README, "Sign-in limits"); a code is refused a second time.',
    tag: 'auth',
    permission: 'second_factor',
    body: zSecondFactorCodeBody,
    status: 200,
    response: zMe,
    extraErrors: [409, 422, 429],
  },
  enrolOwnSecondFactor: {
    method: 'POST',
    path: '/api/auth/mfa/enrol',
    summary: 'Start enrolling a second factor from a full session (the roles that may choose one: an administrator must, to break the glass)',
    description:
      'For an account without a second factor: a new TOTP secret, replacing one not yet confirmed. Once confirmed, every sign-in of ' +
      'the account asks for a code. 409 when one is enrolled already (the case roles always are).',
    tag: 'auth',
    permission: 'account',
    status: 200,
    response: zSecondFactorSetup,
    extraErrors: [409],
  },
  confirmOwnSecondFactor: {
    method: 'POST',
    path: '/api/auth/mfa/enrol/confirm',
    summary: 'Finish enrolling from a full session with a code from the app: answers the recovery codes (shown once)',
    tag: 'auth',
    permission: 'account',
    body: zSecondFactorCodeBody,
    status: 200,
    response: zRecoveryCodes,
    extraErrors: [409, 422, 429],
  },
  changeOwnPassword: {
    method: 'POST',
    path: '/api/auth/password',
    summary: "Change the signed-in user's own password",
    description: 'The current password is checked under the sign-in limits; every other session of the user ends.',
    tag: 'auth',
    permission: 'account',
    body: zChangePasswordBody,
    status: 204,
    response: null,
    extraErrors: [429],
  },

  // Users
  listUsers: {
    method: 'GET',
    path: '/api/users',
    summary: "The accounts the administrator manages, each with its agency's name",
    tag: 'users',
    permission: 'users.manage',
    status: 200,
    response: zPage(zUserListItem),
  },
  createUser: {
    method: 'POST',
    path: '/api/users',
    summary: 'Create an account',
    description:
      '`organizationId` is the agency whose case files a data officer or supervisor works on (400 when the administrator sees no such ' +
      "organisation); `provinces` limit a data officer's case files to those provinces (null: every province of the account's countries).",
    tag: 'users',
    permission: 'users.manage',
    body: zCreateUserBody,
    status: 201,
    response: zUser,
  },
  updateUser: {
    method: 'PATCH',
    path: '/api/users/{id}',
    summary: 'Change an account (name, role, countries, agency, provinces, password, active)',
    tag: 'users',
    permission: 'users.manage',
    params: zIdParams,
    body: zUpdateUserBody,
    status: 200,
    response: zUser,
  },
  resetSecondFactor: {
    method: 'DELETE',
    path: '/api/users/{id}/second-factor',
    summary: "Reset an account's second factor: its secret and recovery codes are removed, its sessions end, and it enrols again at its next sign-in",
    tag: 'users',
    permission: 'users.manage',
    params: zIdParams,
    status: 200,
    response: zUser,
  },
  userHistory: {
    method: 'GET',
    path: '/api/users/{id}/history',
    summary: "An account's history",
    tag: 'users',
    permission: 'users.manage',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },
  listTrainers: {
    method: 'GET',
    path: '/api/trainers',
    summary: 'Accounts that can be named trainers of an event',
    tag: 'users',
    permission: 'trainers.list',
    status: 200,
    response: zTrainerList,
  },

  // Organisations
  listOrganizations: {
    method: 'GET',
    path: '/api/organizations',
    summary: 'Organisations, filtered and paginated',
    tag: 'organizations',
    permission: 'signed_in',
    query: zOrganizationListQuery,
    status: 200,
    response: zPage(zOrganization),
  },
  createOrganization: {
    method: 'POST',
    path: '/api/organizations',
    summary: 'Add an organisation',
    tag: 'organizations',
    permission: 'organizations.create',
    body: zCreateOrganizationBody,
    status: 201,
    response: zOrganization,
  },
  getOrganization: {
    method: 'GET',
    path: '/api/organizations/{id}',
    summary: 'One organisation',
    tag: 'organizations',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zOrganization,
  },
  updateOrganization: {
    method: 'PATCH',
    path: '/api/organizations/{id}',
    summary: 'Change an organisation',
    tag: 'organizations',
    permission: 'organizations.write',
    params: zIdParams,
    body: zUpdateOrganizationBody,
    status: 200,
    response: zOrganization,
  },
  deleteOrganization: {
    method: 'DELETE',
    path: '/api/organizations/{id}',
    summary: 'Delete an organisation nobody refers to',
    tag: 'organizations',
    permission: 'records.delete',
    params: zIdParams,
    status: 204,
    response: null,
  },
  organizationHistory: {
    method: 'GET',
    path: '/api/organizations/{id}/history',
    summary: "An organisation's history",
    tag: 'organizations',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },

  // People
  listPeople: {
    method: 'GET',
    path: '/api/people',
    summary: 'People, searched, filtered and paginated',
    tag: 'people',
    permission: 'signed_in',
    query: zPersonListQuery,
    status: 200,
    response: zPage(zPerson),
  },
  findDuplicates: {
    method: 'GET',
    path: '/api/people/duplicates',
    summary: 'People who may be the one about to be added',
    tag: 'people',
    permission: 'signed_in',
    query: zDuplicateQuery,
    status: 200,
    response: zDuplicateResult,
  },
  createPerson: {
    method: 'POST',
    path: '/api/people',
    summary: 'Add a person',
    tag: 'people',
    permission: 'people.create',
    body: zCreatePersonBody,
    status: 201,
    response: zCreatedPerson,
  },
  getPerson: {
    method: 'GET',
    path: '/api/people/{id}',
    summary: 'One person',
    tag: 'people',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zPerson,
  },
  updatePerson: {
    method: 'PATCH',
    path: '/api/people/{id}',
    summary: 'Change a person (trainers: only people of their own events)',
    tag: 'people',
    permission: 'people.write',
    params: zIdParams,
    body: zUpdatePersonBody,
    status: 200,
    response: zPerson,
  },
  deletePerson: {
    method: 'DELETE',
    path: '/api/people/{id}',
    summary: 'Delete a person who took part in nothing',
    tag: 'people',
    permission: 'records.delete',
    params: zIdParams,
    status: 204,
    response: null,
  },
  mergePeople: {
    method: 'POST',
    path: '/api/people/{id}/merge',
    summary: 'Merge a duplicate into this person',
    tag: 'people',
    permission: 'people.merge',
    params: zIdParams,
    body: zMergeBody,
    status: 200,
    response: zMergeResult,
  },
  personParticipations: {
    method: 'GET',
    path: '/api/people/{id}/participations',
    summary: "A person's events",
    tag: 'people',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zPersonParticipations,
  },
  personHistory: {
    method: 'GET',
    path: '/api/people/{id}/history',
    summary: "A person's history",
    tag: 'people',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },

  // Programmes
  listProgrammes: {
    method: 'GET',
    path: '/api/programmes',
    summary: 'Programmes',
    tag: 'programmes',
    permission: 'signed_in',
    query: zProgrammeListQuery,
    status: 200,
    response: zPage(zProgramme),
  },
  createProgramme: {
    method: 'POST',
    path: '/api/programmes',
    summary: 'Add a programme',
    tag: 'programmes',
    permission: 'programmes.write',
    body: zCreateProgrammeBody,
    status: 201,
    response: zProgramme,
  },
  getProgramme: {
    method: 'GET',
    path: '/api/programmes/{id}',
    summary: 'One programme',
    tag: 'programmes',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zProgramme,
  },
  updateProgramme: {
    method: 'PATCH',
    path: '/api/programmes/{id}',
    summary: 'Change a programme',
    tag: 'programmes',
    permission: 'programmes.write',
    params: zIdParams,
    body: zUpdateProgrammeBody,
    status: 200,
    response: zProgramme,
  },
  deleteProgramme: {
    method: 'DELETE',
    path: '/api/programmes/{id}',
    summary: 'Delete a programme without events',
    tag: 'programmes',
    permission: 'records.delete',
    params: zIdParams,
    status: 204,
    response: null,
  },
  programmeHistory: {
    method: 'GET',
    path: '/api/programmes/{id}/history',
    summary: "A programme's history",
    tag: 'programmes',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },

  // Events, participants, attendance, imports
  listEvents: {
    method: 'GET',
    path: '/api/events',
    summary: 'Events, filtered and paginated',
    tag: 'events',
    permission: 'signed_in',
    query: zEventListQuery,
    status: 200,
    response: zPage(zEvent),
  },
  exportEvents: {
    method: 'GET',
    path: '/api/events/export',
    summary: 'The event list as CSV (UTF-8 with BOM) or XLSX, with the filters of the list',
    description:
      'Every event the list would show for the same filters (no paging). The first sheet (CSV: the first lines) says what was ' +
      'exported: the filters, when and by whom. `lang=ur`: Urdu headings and labels.',
    tag: 'events',
    permission: 'signed_in',
    query: zEventFilters.and(zExportQuery),
    status: 200,
    response: null,
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  eventFacets: {
    method: 'GET',
    path: '/api/events/facets',
    summary: 'Values to filter events by',
    tag: 'events',
    permission: 'signed_in',
    status: 200,
    response: zEventFacets,
  },
  createEvent: {
    method: 'POST',
    path: '/api/events',
    summary: 'Add an event (at most 60 days long)',
    tag: 'events',
    permission: 'events.create',
    body: zCreateEventBody,
    status: 201,
    response: zEvent,
  },
  getEvent: {
    method: 'GET',
    path: '/api/events/{id}',
    summary: 'One event',
    tag: 'events',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zEvent,
  },
  updateEvent: {
    method: 'PATCH',
    path: '/api/events/{id}',
    summary: 'Change an event (trainers: only events they train)',
    tag: 'events',
    permission: 'events.write',
    params: zIdParams,
    body: zUpdateEventBody,
    status: 200,
    response: zEvent,
  },
  deleteEvent: {
    method: 'DELETE',
    path: '/api/events/{id}',
    summary: 'Delete an event',
    tag: 'events',
    permission: 'events.delete',
    params: zIdParams,
    status: 204,
    response: null,
  },
  eventHistory: {
    method: 'GET',
    path: '/api/events/{id}/history',
    summary: "An event's history",
    tag: 'events',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },
  listParticipants: {
    method: 'GET',
    path: '/api/events/{id}/participants',
    summary: "An event's participants with their attendance",
    tag: 'events',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zParticipantList,
  },
  exportParticipants: {
    method: 'GET',
    path: '/api/events/{id}/participants/export',
    summary: "An event's participant list as CSV (UTF-8 with BOM) or XLSX",
    description:
      'The list as the participants tab shows it: participants of countries the user does not work in are counted, not named. ' +
      'The first sheet (CSV: the first lines) names the event, when and by whom. `lang=ur`: Urdu headings and labels.',
    tag: 'events',
    permission: 'signed_in',
    params: zIdParams,
    query: zExportQuery,
    status: 200,
    response: null,
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  addParticipant: {
    method: 'POST',
    path: '/api/events/{id}/participants',
    summary: 'Put a person on the list',
    tag: 'events',
    permission: 'events.write',
    params: zIdParams,
    body: zAddParticipantBody,
    status: 201,
    response: zParticipant,
  },
  updateParticipant: {
    method: 'PATCH',
    path: '/api/events/{id}/participants/{personId}',
    summary: "Change a participant's role or recorded attendance",
    tag: 'events',
    permission: 'events.write',
    params: zParticipantParams,
    body: zUpdateParticipantBody,
    status: 200,
    response: zParticipant,
  },
  removeParticipant: {
    method: 'DELETE',
    path: '/api/events/{id}/participants/{personId}',
    summary: 'Take a person off the list',
    tag: 'events',
    permission: 'events.write',
    params: zParticipantParams,
    status: 204,
    response: null,
  },
  setAttendance: {
    method: 'PUT',
    path: '/api/events/{id}/attendance',
    summary: 'Mark a participant present or absent on a day',
    tag: 'events',
    permission: 'events.write',
    params: zIdParams,
    body: zAttendanceBody,
    status: 200,
    response: zParticipant,
  },
  setDayAttendance: {
    method: 'PUT',
    path: '/api/events/{id}/attendance/day',
    summary: 'Mark everyone on the list present or absent on one day ("all present today")',
    tag: 'events',
    permission: 'events.write',
    params: zIdParams,
    body: zDayAttendanceBody,
    status: 200,
    response: zParticipantList,
  },
  eventSummary: {
    method: 'GET',
    path: '/api/events/{id}/summary',
    summary: 'Who took part, by sex, organisation type and organisation',
    tag: 'events',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zEventSummary,
  },
  importParticipants: {
    method: 'POST',
    path: '/api/events/{id}/participants/import',
    summary: 'Check (dryRun=true) or import a participant list',
    description:
      'Multipart upload, field `file`: a CSV or XLSX participant list (at most 10 MB); optional field `choices`: JSON ' +
      '`{"<line>": "<personId>" | "new"}` for the rows whose dry-run action is `choose`. `dryRun=true` (default) checks ' +
      "without writing and lists every row's action; a real import with a row still to be chosen for answers 422. " +
      'One import at a time per user (409); 429 while the server is checking other imports.',
    tag: 'events',
    permission: 'events.write',
    params: zIdParams,
    query: zImportQuery,
    upload: {
      maxBytes: MAX_IMPORT_UPLOAD_BYTES,
      fields: { choices: 'JSON: {"<line>": "<personId>" | "new"} for the rows whose dry-run action is choose' },
    },
    status: 200,
    response: zImportReport,
    extraErrors: [413, 415, 429],
  },

  // Learning evidence: the question bank, pre- and post-tests, attempts and marking
  listQuestions: {
    method: 'GET',
    path: '/api/questions',
    summary: 'Questions of the bank, searched and filtered (by topic, type, country), newest first',
    tag: 'tests',
    permission: 'signed_in',
    query: zQuestionListQuery,
    status: 200,
    response: zPage(zQuestion),
  },
  questionTopics: {
    method: 'GET',
    path: '/api/questions/topics',
    summary: 'The topics of the questions the user may see',
    tag: 'tests',
    permission: 'signed_in',
    status: 200,
    response: zQuestionTopics,
  },
  createQuestion: {
    method: 'POST',
    path: '/api/questions',
    summary: 'Add a question to the bank',
    tag: 'tests',
    permission: 'questions.write',
    body: zCreateQuestionBody,
    status: 201,
    response: zQuestion,
  },
  getQuestion: {
    method: 'GET',
    path: '/api/questions/{id}',
    summary: 'One question (its current version)',
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zQuestion,
  },
  updateQuestion: {
    method: 'PATCH',
    path: '/api/questions/{id}',
    summary: 'Change a question (a new version once it has answers; trainers: only questions they wrote)',
    tag: 'tests',
    permission: 'questions.write',
    params: zIdParams,
    body: zUpdateQuestionBody,
    status: 200,
    response: zQuestion,
  },
  deleteQuestion: {
    method: 'DELETE',
    path: '/api/questions/{id}',
    summary: 'Delete a question no test uses (trainers: only questions they wrote)',
    tag: 'tests',
    permission: 'questions.write',
    params: zIdParams,
    status: 204,
    response: null,
  },
  questionHistory: {
    method: 'GET',
    path: '/api/questions/{id}/history',
    summary: "A question's history",
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },
  listEventTests: {
    method: 'GET',
    path: '/api/events/{id}/tests',
    summary: "An event's pre- and post-tests",
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zTestList,
  },
  eventAssessment: {
    method: 'GET',
    path: '/api/events/{id}/assessment',
    summary:
      "What the event's pre- and post-tests show: scores, paired gain, tests of significance, items, by sex and organisation type (figures of groups under 5 withheld)",
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zAssessmentAnalysis,
  },
  assessmentAcrossEvents: {
    method: 'GET',
    path: '/api/assessment',
    summary: 'The pre/post test analysis pooled over the events of a programme, a series and/or a period (figures of sets under 5 withheld)',
    description:
      "Events of the user's countries only, of any status. Pairs per (event, person); scores in per cent of each attempt's maximum " +
      "(maxScore 100); items by question id over every attempt that held them; Cronbach's α only where every pooled test of a kind " +
      'holds the same questions. `events` gives each event with tests its counts and ⟨g⟩. At least one of programmeId, series, from or to.',
    tag: 'tests',
    permission: 'signed_in',
    query: zAssessmentAcrossQuery,
    status: 200,
    response: zAssessmentAcross,
  },
  createTest: {
    method: 'POST',
    path: '/api/events/{id}/tests',
    summary: 'Attach a pre- or post-test to an event (trainers: only events they train)',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    body: zCreateTestBody,
    status: 201,
    response: zTest,
  },
  getTest: {
    method: 'GET',
    path: '/api/tests/{id}',
    summary: 'One test with its questions (correct options included) and its public link',
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zTest,
  },
  updateTest: {
    method: 'PATCH',
    path: '/api/tests/{id}',
    summary: 'Change a test (its questions only while nobody has answered it)',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    body: zUpdateTestBody,
    status: 200,
    response: zTest,
  },
  deleteTest: {
    method: 'DELETE',
    path: '/api/tests/{id}',
    summary: 'Delete a test nobody has answered',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    status: 204,
    response: null,
  },
  setTestLink: {
    method: 'PUT',
    path: '/api/tests/{id}/link',
    summary: "Open or close the test's public link, give it a new token, or set how people name themselves on it",
    description:
      '`identifyBy`: `list` (tap a name on the list, or type the personal code) or `code` (the personal code only). A new ' +
      'post-test takes codes only, a new pre-test either; left out, the setting stays as it is.',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    body: zTestLinkBody,
    status: 200,
    response: zTest,
  },
  testHistory: {
    method: 'GET',
    path: '/api/tests/{id}/history',
    summary: "A test's history: changes, links opened and closed, attempts typed in, answers marked",
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },
  listAttempts: {
    method: 'GET',
    path: '/api/tests/{id}/attempts',
    summary: "A test's attempts with their answers and scores",
    tag: 'tests',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zAttemptList,
  },
  createAttempt: {
    method: 'POST',
    path: '/api/tests/{id}/attempts',
    summary: "Type in a participant's answer sheet",
    description:
      "The person must be a participant of the test's event (else 422). One attempt per person per kind of test (pre, post) of an event: " +
      'a second answers 409 `attempt_exists`. With `clientId`, a resend of the same sheet is answered as the first time.',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    body: zCreateAttemptBody,
    status: 201,
    response: zAttempt,
  },
  markAttempt: {
    method: 'PUT',
    path: '/api/attempts/{id}/marks',
    summary: 'Mark short answers of an attempt (the score follows)',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    body: zMarkAttemptBody,
    status: 200,
    response: zAttempt,
  },
  deleteAttempt: {
    method: 'DELETE',
    path: '/api/attempts/{id}',
    summary: 'Delete an attempt (a sheet typed in for the wrong person, a name picked by mistake)',
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    status: 204,
    response: null,
  },
  listParticipantCodes: {
    method: 'GET',
    path: '/api/events/{id}/participant-codes',
    summary: "The participants' personal codes, to print on the attendance sheet (made on first request)",
    tag: 'tests',
    permission: 'events.write',
    params: zIdParams,
    status: 200,
    response: zParticipantCodes,
  },
  takeTest: {
    method: 'GET',
    path: '/api/take/{token}',
    summary: 'A test through its public link: the questions without their answers, and the names to pick from',
    description:
      'No account needed. Names are first names with the initial of the family name, of that event only, each with a reference valid ' +
      'for this test only; a link that takes personal codes only (`identifyBy: code`) lists nobody. A closed link answers 410 ' +
      '`link_closed`; an unknown one 404. Limited per network address (429 with Retry-After).',
    tag: 'take',
    permission: 'public',
    params: zTakeParams,
    status: 200,
    response: zTakeTest,
    extraErrors: [410, 429],
  },
  submitTakeAttempt: {
    method: 'POST',
    path: '/api/take/{token}/attempts',
    summary: 'Send the answers given through the public link',
    description:
      'Identified by the `ref` of the name picked or by the personal code (a link that takes codes only refuses a `ref`: 422 on ' +
      '`participant`). The answers are checked against the test first (400), then the one-attempt rule: another attempt by the same ' +
      'person answers 409 `attempt_exists`. A resend with the same `clientId` is answered as the first time, even after the link was ' +
      'closed; anything else on a closed link answers 410 `link_closed`. Limited per network address, and wrong names or codes more ' +
      'strictly, per address and link (429 with Retry-After).',
    tag: 'take',
    permission: 'public',
    params: zTakeParams,
    body: zTakeAttemptBody,
    status: 201,
    response: zTakeResult,
    extraErrors: [409, 410, 422, 429],
  },

  // Learning evidence: certificates
  certificateSettings: {
    method: 'GET',
    path: '/api/events/{id}/certificates/settings',
    summary: "Who earns which certificate at the event, the languages they are printed in, the programme's name and logos",
    description:
      'Until changed: participation certificates for everyone who attended, training certificates for those who attended every day ' +
      "(by the day register; a one-day event's attendance counts) and passed the post-test at the test's pass mark; printed in English.",
    tag: 'certificates',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zCertificateSettings,
  },
  updateCertificateSettings: {
    method: 'PATCH',
    path: '/api/events/{id}/certificates/settings',
    summary: "Change the event's certificate settings (trainers: only events they train)",
    description: '`logoIds`: the uploaded logos to keep, in the order they are printed; a logo left out is deleted.',
    tag: 'certificates',
    permission: 'events.write',
    params: zIdParams,
    body: zUpdateCertificateSettingsBody,
    status: 200,
    response: zCertificateSettings,
  },
  uploadCertificateLogo: {
    method: 'POST',
    path: '/api/events/{id}/certificates/logos',
    summary: "Add a logo to the event's certificates (PNG or JPEG, at most 1 MB; at most 4 logos)",
    description: 'Multipart upload, field `file`. The logo goes last; reorder or remove logos with the settings. 415 for a file that is neither PNG nor JPEG.',
    tag: 'certificates',
    permission: 'events.write',
    params: zIdParams,
    upload: { maxBytes: MAX_CERTIFICATE_LOGO_BYTES, fields: {} },
    status: 201,
    response: zCertificateSettings,
    extraErrors: [413, 415],
  },
  certificateLogo: {
    method: 'GET',
    path: '/api/events/{id}/certificates/logos/{logoId}',
    summary: "One logo of the event's certificates (the image)",
    tag: 'certificates',
    permission: 'signed_in',
    params: zCertificateLogoParams,
    status: 200,
    response: null,
    produces: ['image/png', 'image/jpeg'],
  },
  issueCertificates: {
    method: 'POST',
    path: '/api/events/{id}/certificates/issue',
    summary: 'Issue certificates to everyone on the event who earns one, or to the people named (trainers: only events they train)',
    description:
      'Each person gets the best certificate they earn (training before participation). Someone who has a valid certificate of that kind ' +
      'already gets the same one back (`existing: true`), never a second number. People who earn nothing are listed in `skipped` with a ' +
      'reason; participants of countries the user does not work in are only counted (`hidden`). `counts` says how many were issued, ' +
      'found and skipped (the answer of a batch of 500 comes within a second or two; the web shows it, no polling). 422 when the ' +
      "event's title is too long for a certificate.",
    tag: 'certificates',
    permission: 'events.write',
    params: zIdParams,
    body: zIssueCertificatesBody,
    status: 200,
    response: zIssueCertificatesResult,
  },
  listEventCertificates: {
    method: 'GET',
    path: '/api/events/{id}/certificates',
    summary: "The event's certificates, revoked ones included",
    tag: 'certificates',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zCertificateList,
  },
  eventCertificatesZip: {
    method: 'GET',
    path: '/api/events/{id}/certificates.zip',
    summary: 'Every valid certificate of the event as PDFs in one ZIP, streamed as they are drawn',
    description:
      "`lang`: en, ur or both (two PDFs per certificate, `<number>-en.pdf` and `<number>-ur.pdf`); by default the event's printing. " +
      'The PDFs are drawn in a worker thread; 429 while the server is drawing other batches.',
    tag: 'certificates',
    permission: 'signed_in',
    params: zIdParams,
    query: zCertificatesZipQuery,
    status: 200,
    response: null,
    produces: ['application/zip'],
    extraErrors: [429],
  },
  getCertificate: {
    method: 'GET',
    path: '/api/certificates/{number}',
    summary: 'One certificate',
    tag: 'certificates',
    permission: 'signed_in',
    params: zCertificateNumberParams,
    status: 200,
    response: zCertificate,
  },
  certificatePdf: {
    method: 'GET',
    path: '/api/certificates/{number}/pdf',
    summary: 'The certificate as a PDF (A4 landscape)',
    description:
      "`lang`: en or ur; by default the event's printing (both: the language of the request). A revoked certificate answers 410 " +
      '`certificate_revoked`. Drawn in a worker thread, one at a time per worker; when too many wait, 429 with Retry-After.',
    tag: 'certificates',
    permission: 'signed_in',
    params: zCertificateNumberParams,
    query: zCertificatePdfQuery,
    status: 200,
    response: null,
    produces: ['application/pdf'],
    extraErrors: [410, 429],
  },
  certificateCredential: {
    method: 'GET',
    path: '/api/certificates/{number}/credential',
    summary: 'The certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential, eddsa-jcs-2022 proof), for a wallet',
    description: 'A revoked certificate answers 410 `certificate_revoked`: no credential is signed for it.',
    tag: 'certificates',
    permission: 'signed_in',
    params: zCertificateNumberParams,
    status: 200,
    response: null,
    produces: ['application/vc'],
    extraErrors: [410],
  },
  revokeCertificate: {
    method: 'POST',
    path: '/api/certificates/{number}/revoke',
    summary: 'Revoke a certificate, with the reason (trainers: only for events they train)',
    description:
      'Final: a revoked certificate is never valid again, so that a verifier who once saw "revoked" is never shown otherwise. ' +
      'To correct a mistake, issue again: the person gets a new number. 409 when it is revoked already.',
    tag: 'certificates',
    permission: 'events.write',
    params: zCertificateNumberParams,
    body: zRevokeCertificateBody,
    status: 200,
    response: zCertificate,
  },
  certificateHistory: {
    method: 'GET',
    path: '/api/certificates/{number}/history',
    summary: "A certificate's history: issued and revoked, by whom and when",
    tag: 'certificates',
    permission: 'signed_in',
    params: zCertificateNumberParams,
    status: 200,
    response: zHistory,
  },
  verifyCertificateNumber: {
    method: 'GET',
    path: '/api/verify/{number}',
    summary: 'Public: whether a certificate number was issued here, and whether it was revoked',
    description:
      'No account needed. Answers what the certificate itself says (number, kind, holder, event, issue date) and nothing else. ' +
      'An unknown number answers 404 `not_found`; a number that is not in the HZ-YYYY-XXXX-XXXX form answers 400. Limited per network ' +
      'address (429 with Retry-After).',
    tag: 'verify',
    permission: 'public',
    params: zCertificateNumberParams,
    status: 200,
    response: zCertificateVerification,
    extraErrors: [429],
  },
  verifyCertificateQr: {
    method: 'POST',
    path: '/api/certificates/verify',
    summary: "Public: whether a certificate's QR text is genuine, decided by its signature alone, and whether it was revoked",
    description:
      'No account needed. Any text that is not a genuine certificate (a changed character, another key, not a certificate at all) ' +
      "answers 200 with `valid: false, genuine: false` and the `reason`, never an error. A genuine text's number is looked up too: " +
      '`revoked` when it was revoked here, `recorded: false` when this installation has no record of it. Limited per network address (429).',
    tag: 'verify',
    permission: 'public',
    body: zVerifyQrBody,
    status: 200,
    response: zCertificateVerification,
    extraErrors: [429],
  },
  certificateKeys: {
    method: 'GET',
    path: '/api/certificates/keys',
    summary: "Public: the issuer's keyring (every public key it ever signed certificates with), for verifying offline",
    description: 'The same document as `npx hifazat certificate keys show` and DATA_DIR/certificate-keys/keyring.json (docs/certificates.md).',
    tag: 'verify',
    permission: 'public',
    status: 200,
    response: zPublishedKeyring,
    extraErrors: [429],
  },
  // Feedback questionnaires: templates, the questionnaire of an event, responses, results
  listFeedbackTemplates: {
    method: 'GET',
    path: '/api/feedback-templates',
    summary: 'Questionnaire templates the user may use, newest first',
    tag: 'feedback',
    permission: 'signed_in',
    query: zFeedbackTemplateListQuery,
    status: 200,
    response: zPage(zFeedbackTemplate),
  },
  createFeedbackTemplate: {
    method: 'POST',
    path: '/api/feedback-templates',
    summary: 'Add a questionnaire template',
    tag: 'feedback',
    permission: 'questions.write',
    body: zCreateFeedbackTemplateBody,
    status: 201,
    response: zFeedbackTemplate,
  },
  createStandardFeedbackTemplate: {
    method: 'POST',
    path: '/api/feedback-templates/standard',
    summary: 'Add the standard post-workshop questionnaire (English and Urdu) as a new template',
    description:
      'Relevance, content, facilitators and venue (Likert 1–5), whether the respondent would recommend the workshop (yes / maybe / no), ' +
      'what was most useful and suggestions (free text). The new template can be changed like any other.',
    tag: 'feedback',
    permission: 'questions.write',
    body: zStandardFeedbackTemplateBody,
    status: 201,
    response: zFeedbackTemplate,
  },
  getFeedbackTemplate: {
    method: 'GET',
    path: '/api/feedback-templates/{id}',
    summary: 'One questionnaire template (its current version)',
    tag: 'feedback',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zFeedbackTemplate,
  },
  updateFeedbackTemplate: {
    method: 'PATCH',
    path: '/api/feedback-templates/{id}',
    summary: 'Change a questionnaire template (a new version once it has responses; trainers: only templates they wrote)',
    tag: 'feedback',
    permission: 'questions.write',
    params: zIdParams,
    body: zUpdateFeedbackTemplateBody,
    status: 200,
    response: zFeedbackTemplate,
  },
  deleteFeedbackTemplate: {
    method: 'DELETE',
    path: '/api/feedback-templates/{id}',
    summary: 'Delete a questionnaire template no event uses (trainers: only templates they wrote)',
    tag: 'feedback',
    permission: 'questions.write',
    params: zIdParams,
    status: 204,
    response: null,
  },
  feedbackTemplateHistory: {
    method: 'GET',
    path: '/api/feedback-templates/{id}/history',
    summary: "A questionnaire template's history",
    tag: 'feedback',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },
  getEventFeedback: {
    method: 'GET',
    path: '/api/events/{id}/feedback',
    summary: "The event's questionnaire with its public link (form null when it has none)",
    tag: 'feedback',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zEventFeedback,
  },
  createEventFeedback: {
    method: 'POST',
    path: '/api/events/{id}/feedback',
    summary: 'Attach a questionnaire template to an event (trainers: only events they train)',
    description: 'One questionnaire per event (a second answers 409). The template must be of no country or of the event’s country.',
    tag: 'feedback',
    permission: 'events.write',
    params: zIdParams,
    body: zCreateFeedbackFormBody,
    status: 201,
    response: zFeedbackForm,
  },
  deleteEventFeedback: {
    method: 'DELETE',
    path: '/api/events/{id}/feedback',
    summary: 'Take the questionnaire off an event (only while it has no responses)',
    tag: 'feedback',
    permission: 'events.write',
    params: zIdParams,
    status: 204,
    response: null,
  },
  setEventFeedbackLink: {
    method: 'PUT',
    path: '/api/events/{id}/feedback/link',
    summary: "Open or close the questionnaire's public link, or give it a new token",
    tag: 'feedback',
    permission: 'events.write',
    params: zIdParams,
    body: zFeedbackLinkBody,
    status: 200,
    response: zFeedbackForm,
  },
  eventFeedbackHistory: {
    method: 'GET',
    path: '/api/events/{id}/feedback/history',
    summary: "The history of the event's questionnaire: attached, removed, links opened, closed and renewed (never responses)",
    tag: 'feedback',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zHistory,
  },
  createStaffFeedbackResponse: {
    method: 'POST',
    path: '/api/events/{id}/feedback/responses',
    summary: "Type in a participant's paper questionnaire",
    description:
      'The person must be a participant of the event (else 422). Stored without any link to the person: only a separate record says that ' +
      'they have answered. A second questionnaire for the same person answers 409 `attempt_exists`; with `clientId`, a resend is answered as ' +
      'the first time.',
    tag: 'feedback',
    permission: 'events.write',
    params: zIdParams,
    body: zStaffFeedbackResponseBody,
    status: 201,
    response: zFeedbackReceipt,
  },
  eventFeedbackResults: {
    method: 'GET',
    path: '/api/events/{id}/feedback/results',
    summary: "The results of the event's questionnaire: per item n, distribution, mean, free text; by sex and organisation type (groups under 5: counts only)",
    description:
      'Figures only once the link is closed and at least 5 have responded (`withheld` null); until then the number of responses alone ' +
      '(`withheld`: `link_open` or `too_few`, `items` empty), so that reading the results before and after one submission does not show it.',
    tag: 'feedback',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zEventFeedbackResults,
  },
  feedbackResults: {
    method: 'GET',
    path: '/api/feedback/results',
    summary: "One template's results over the events the user may see (by programme, series and period of the events' start)",
    description:
      "Every version's answers counted together, item by item and option by option (items keep their ids across versions). Without " +
      '`templateId`, the template the most events of the selection use; `templates` lists the others. An unknown template, or one the ' +
      'user may not see that no event of the selection uses, answers 404. At least one of templateId, programmeId, series, from or to.',
    tag: 'feedback',
    permission: 'signed_in',
    query: zFeedbackResultsQuery,
    status: 200,
    response: zFeedbackResultsAcross,
    extraErrors: [404],
  },
  getPublicFeedback: {
    method: 'GET',
    path: '/api/feedback/{token}',
    summary: 'A questionnaire through its public link: the items in English and Urdu, and the names to pick from',
    description:
      'No account needed. Names are first names with the initial of the family name, of that event only, each with a reference valid for ' +
      'this questionnaire only. A closed link answers 410 `link_closed`; an unknown one 404. Limited per network address (429 with Retry-After).',
    tag: 'take',
    permission: 'public',
    params: zFeedbackLinkParams,
    status: 200,
    response: zPublicFeedbackForm,
    extraErrors: [410, 429],
  },
  submitPublicFeedback: {
    method: 'POST',
    path: '/api/feedback/{token}/responses',
    summary: 'Send a questionnaire filled in through the public link',
    description:
      'Identified by the `ref` of the name picked or by the personal code, only to allow one questionnaire per participant: the answers are ' +
      'stored without any link to the person. A resend with the same `clientId` is answered as the first time; a second questionnaire by the ' +
      'same person answers 409 `attempt_exists`. A closed link answers 410 `link_closed`. Limited per network address, and wrong names or ' +
      'codes more strictly (429 with Retry-After).',
    tag: 'take',
    permission: 'public',
    params: zFeedbackLinkParams,
    body: zPublicFeedbackResponseBody,
    status: 201,
    response: zFeedbackReceipt,
    extraErrors: [409, 410, 422, 429],
  },

  // Master trainers and the training cascade
  listEventGraduates: {
    method: 'GET',
    path: '/api/events/{id}/graduates',
    summary: 'The master trainers who graduated from a training of trainers',
    tag: 'cascades',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zGraduateList,
  },
  addEventGraduate: {
    method: 'POST',
    path: '/api/events/{id}/graduates',
    summary: 'Make an attended participant of a training of trainers a master trainer (trainers: only ToTs they train)',
    description:
      '400 when the event is not a training of trainers; 409 when the person did not attend it (or is not on its list). ' +
      'A person who already graduated from this ToT is answered with their record as it is (201 all the same: sending twice graduates once). ' +
      '`certifiedOn` defaults to the day the ToT ended.',
    tag: 'cascades',
    permission: 'events.write',
    params: zIdParams,
    body: zGraduateBody,
    status: 201,
    response: zMasterTrainer,
  },
  updateEventGraduate: {
    method: 'PATCH',
    path: '/api/events/{id}/graduates/{personId}',
    summary: "Change a master trainer's certification date or specialisms",
    tag: 'cascades',
    permission: 'events.write',
    params: zGraduateParams,
    body: zUpdateGraduateBody,
    status: 200,
    response: zMasterTrainer,
  },
  removeEventGraduate: {
    method: 'DELETE',
    path: '/api/events/{id}/graduates/{personId}',
    summary: 'Take back a graduation from a training of trainers',
    tag: 'cascades',
    permission: 'events.write',
    params: zGraduateParams,
    status: 204,
    response: null,
  },
  eventCandidatePool: {
    method: 'GET',
    path: '/api/events/{id}/candidate-pool',
    summary: "A training of trainers' candidates and graduates against the pool they came from, by sex and organisation type",
    description:
      'The pool: people who attended, as participants, held events of the same programme that started before the ToT, within the ' +
      "user's countries. 400 when the event is not a training of trainers.",
    tag: 'cascades',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zCandidatePool,
  },
  listCascades: {
    method: 'GET',
    path: '/api/cascades',
    summary: 'Every training of trainers with graduates, its cascade in figures, the reach of all, and master trainers who trained nobody yet',
    tag: 'cascades',
    permission: 'signed_in',
    query: zCascadeListQuery,
    status: 200,
    response: zCascadeList,
  },
  cascadeSummary: {
    method: 'GET',
    path: '/api/cascades/summary',
    summary: 'Every cascade in figures: trainings of trainers with graduates, master trainers (active, idle) and the people reached, each once',
    description:
      "Over every programme, within the user's countries, by the rules of `GET /api/cascades`: `reach` counts a person reached in two cascades " +
      'once; a master trainer is active when they delivered an event of the cascades that started in the last 365 days, idle when no event ' +
      'they delivered has attended participants yet.',
    tag: 'cascades',
    permission: 'signed_in',
    status: 200,
    response: zCascadeSummary,
  },
  getCascade: {
    method: 'GET',
    path: '/api/cascades/{id}',
    summary: "A training of trainers' cascade: generations, people reached, master trainers' activity, learning gain per generation",
    description:
      'Generation 1: held events, other than the ToT, that start on or after the day it ended and have one of its graduates among their ' +
      'trainers (list role trainer or facilitator); generation k + 1: the same for graduates of the ToTs in generation k. An event is in ' +
      'the lowest generation it qualifies for. People reached: attended participants (role participant), once per generation and once in ' +
      '`reach`. Events of countries the user does not work in are counted in `hiddenEvents` only. 400 when the event is not a training of trainers.',
    tag: 'cascades',
    permission: 'signed_in',
    params: zIdParams,
    status: 200,
    response: zCascade,
  },

  // Reports
  programmeReport: {
    method: 'GET',
    path: '/api/reports/programme',
    summary: 'The programme report for a period (held events by default)',
    tag: 'reports',
    permission: 'signed_in',
    query: zProgrammeReportQuery,
    status: 200,
    response: zProgrammeReport,
  },
  exportProgrammeReport: {
    method: 'GET',
    path: '/api/reports/programme/export',
    summary: 'The programme report as CSV (UTF-8 with BOM) or XLSX',
    description:
      'XLSX: a first sheet that says what was exported (period, statuses counted, every filter, when and by whom), then one sheet ' +
      'per breakdown. CSV: the same, as sections one after another (a title line, a heading line, the rows, an empty line). ' +
      '`lang=ur`: Urdu headings and labels.',
    tag: 'reports',
    permission: 'signed_in',
    query: zProgrammeReportQuery.and(zExportQuery),
    status: 200,
    response: null,
    produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  },
  dashboard: {
    method: 'GET',
    path: '/api/reports/dashboard',
    summary: 'The dashboard figures',
    tag: 'reports',
    permission: 'signed_in',
    status: 200,
    response: zDashboard,
  },

  // The installation
  systemStatus: {
    method: 'GET',
    path: '/api/system/status',
    summary: 'Readiness, backups, disk and what needs attention',
    tag: 'system',
    permission: 'system.manage',
    status: 200,
    response: zSystemStatus,
  },
  backUpNow: {
    method: 'POST',
    path: '/api/system/backups',
    summary: 'Make a backup now',
    tag: 'system',
    permission: 'system.manage',
    status: 201,
    response: zBackupFile,
  },

  // Logframe, indicators, reporting periods and the donor report (indicator-routes.ts)
  ...indicatorRoutes,
  // Awareness campaigns and needs assessments (campaign-routes.ts)
  ...campaignRoutes,
  // The screening aid and its versioned rules (screening-routes.ts)
  ...screeningRoutes,
  // Victims' case files (case-routes.ts)
  ...caseRoutes,
  // Case management by the SOPs (case-work-routes.ts)
  ...caseWorkRoutes,
  // HTCDS v2.0 exchange of case files (case-htcds-routes.ts)
  ...caseHtcdsRoutes,
  // Possible duplicates across agencies, and merging (case-duplicates-routes.ts)
  ...caseDuplicateRoutes,
  // The service directory (service-routes.ts)
  ...serviceRoutes,
  ...caseReferralRoutes,
});

export type Routes = typeof routes;
export type RouteName = keyof Routes;

/**
 * The error answers a route can give, from what it takes: a session (401, 403), an id (404), input
 * or a foreign Host (400), a JSON body (413 past 1 MB), a change (409, 422), plus its own.
 */
export function errorStatuses(spec: RouteSpec): number[] {
  // Every route answers 400 to a Host header that is not the server's (DNS rebinding).
  const statuses = new Set<number>([400, ...(spec.extraErrors ?? [])]);
  if (spec.permission !== 'public') {
    statuses.add(401);
    statuses.add(403);
  }
  if (spec.params) statuses.add(404);
  if (spec.params || spec.query || spec.body || spec.upload) statuses.add(400);
  if (spec.body) statuses.add(413);
  if (spec.method !== 'GET' && spec.permission !== 'public') {
    statuses.add(409);
    statuses.add(422);
  }
  return [...statuses].sort((a, b) => a - b);
}

type Infer<T> = T extends z.ZodType ? z.input<T> : never;
type Output<T> = T extends z.ZodType ? z.output<T> : undefined;

/** What a caller sends to a route: params, query and body as the contract's schemas accept them. */
export type RouteInput<S extends RouteSpec> = (S['params'] extends z.ZodType ? { params: Infer<S['params']> } : { params?: never }) &
  (S['query'] extends z.ZodType ? { query?: Infer<S['query']> } : { query?: never }) &
  (S['body'] extends z.ZodType ? { body: Infer<S['body']> } : S['upload'] extends object ? { body: FormData } : { body?: never });

/** What a route answers (undefined for 204 and for file downloads, which are fetched as files). */
export type RouteOutput<S extends RouteSpec> = Output<S['response']>;
