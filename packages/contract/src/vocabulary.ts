// The contract's fixed vocabularies and limits, without zod: the web app imports these as values, and
// keeping them out of the modules that build schemas keeps zod out of its first loads (the forms fetch
// their schemas later: packages/web/src/lib/form-schemas.ts). The schema modules re-export them.

/** Stable error codes: clients branch on these, never on messages. */
export const errorCodes = [
  'validation_failed', // 400
  'unauthorized', // 401
  'forbidden', // 403
  'not_found', // 404
  'conflict', // 409
  'edit_conflict', // 409: the value an offline edit was based on changed meanwhile (`current` says how it is now)
  'attempt_exists', // 409: this person has answered this test (or another form of its kind), or the event's questionnaire, already
  'link_closed', // 410: the public link of a test or a questionnaire was closed by its trainer
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'rule_violation', // 422
  'import_invalid', // 422
  'rate_limited', // 429
  'internal_error', // 500 (a bug, never a reaction to input)
] as const;

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

export const roles = ['admin', 'programme_manager', 'trainer', 'viewer'] as const;

export const mergeFields = ['fullName', 'sex', 'birthYear', 'organizationId', 'designation', 'province', 'district', 'phone', 'email', 'countryCode'] as const;

export const duplicateReasons = ['same_email', 'same_phone', 'same_name_same_organization', 'same_name'] as const;

export const organizationTypes = [
  'law_enforcement',
  'prosecution',
  'judiciary',
  'government',
  'civil_society',
  'academia',
  'media',
  'international',
  'donor',
  'other',
] as const;

/** Longest event the attendance register accepts (a multi-week course at most). */
export const MAX_EVENT_DAYS = 60;

export const eventTypes = ['training', 'training_of_trainers', 'workshop', 'awareness_session', 'meeting'] as const;

export const eventStatuses = ['planned', 'held', 'cancelled'] as const;

export const participantRoles = ['participant', 'trainer', 'facilitator', 'organizer', 'speaker', 'observer'] as const;

/** Which events a report counts: held ones unless asked otherwise; `all` is every status, cancelled included. */
export const reportStatuses = ['held', 'planned', 'cancelled', 'all'] as const;

export const DEFAULT_REPORT_STATUS: (typeof reportStatuses)[number] = 'held';

/** The columns of a participant list, in the order of the template the web app offers. */
export const importColumns = [
  'full_name',
  'sex',
  'organization',
  'designation',
  'province',
  'district',
  'phone',
  'email',
  'birth_year',
  'role',
  'attended',
] as const;
