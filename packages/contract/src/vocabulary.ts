// The contract's fixed vocabularies and limits, without zod: the web app imports these as values, and
// keeping them out of the modules that build schemas keeps zod out of its first loads (the forms fetch
// their schemas later: packages/web/src/lib/form-schemas.ts). The schema modules re-export them.

/** Stable error codes: clients branch on these, never on messages. */
export const errorCodes = [
  'validation_failed', // 400
  'unauthorized', // 401
  'forbidden', // 403
  'break_glass_required', // 403: a case outside the reader's scope; a supervisor or administrator may break the glass, giving a reason
  'not_found', // 404
  'conflict', // 409
  'edit_conflict', // 409: the value an offline edit was based on changed meanwhile (`current` says how it is now)
  'attempt_exists', // 409: this person has answered this test (or another form of its kind), or the event's questionnaire, already
  'link_closed', // 410: the public link of a test or a questionnaire was closed by its trainer
  'certificate_revoked', // 410: the certificate was revoked; its PDF and credential are no longer handed out
  'payload_too_large', // 413
  'unsupported_media_type', // 415
  'rule_violation', // 422
  'import_invalid', // 422
  'rate_limited', // 429
  'internal_error', // 500 (a bug, never a reaction to input)
] as const;

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

/**
 * The first four work on the training register; the last four work on victims' case files (issue 12),
 * see nothing of the register, and sign in with a second factor.
 */
export const roles = ['admin', 'programme_manager', 'trainer', 'viewer', 'data_officer', 'supervisor', 'service_provider', 'analyst'] as const;

/** Roles that sign in with a second factor (TOTP) and whose sessions end after 30 minutes idle. */
export const secondFactorRoles = ['data_officer', 'supervisor', 'service_provider', 'analyst'] as const;

/** Whether a role signs in with a second factor. */
export const needsSecondFactor = (role: (typeof roles)[number]): boolean => (secondFactorRoles as readonly string[]).includes(role);

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

// Tests (learning evidence)
export const questionTypes = ['single_choice', 'multiple_choice', 'true_false', 'short_answer'] as const;

/** Most points one question can carry; also the most a marker can award for one answer. */
export const MAX_QUESTION_POINTS = 100;

/** Most options of one choice question. */
export const MAX_QUESTION_OPTIONS = 10;

/** Most questions in one test. */
export const MAX_TEST_QUESTIONS = 200;

export const testKinds = ['pre', 'post'] as const;

/** Parallel forms of one kind (the same objectives, other questions). */
export const testForms = ['A', 'B'] as const;

// Feedback questionnaires (learning evidence): limits here, apart from their schemas, so that a form can use them without zod.

/** Most items in one template. */
export const MAX_FEEDBACK_ITEMS = 50;
/** Most options of one single-choice item. */
export const MAX_FEEDBACK_OPTIONS = 10;
/** Longest free-text answer. */
export const MAX_FEEDBACK_TEXT = 2000;

export const feedbackItemKinds = ['likert', 'choice', 'text'] as const;

export type OptionRule = { path: string; message: string };
/**
 * What is wrong with a question's options for its type (empty: nothing). Shared by the contract's
 * own check and the server's (which sees a changed type together with the options already stored).
 * - single choice and true/false: exactly one option is correct (true/false has exactly two);
 * - multiple choice: at least one is correct; marked all-or-nothing (every correct option and no other);
 * - short answer: no options; a person marks the answer.
 */
export function questionOptionProblems(type: (typeof questionTypes)[number], options: ReadonlyArray<{ correct: boolean }> | undefined): OptionRule[] {
  const list = options ?? [];
  const correct = list.filter((o) => o.correct).length;
  if (type === 'short_answer') {
    return list.length > 0 ? [{ path: 'options', message: 'A short-answer question has no options; a person marks the answer' }] : [];
  }
  if (type === 'true_false' && list.length !== 2) return [{ path: 'options', message: 'A true/false question has exactly 2 options' }];
  if (list.length < 2) return [{ path: 'options', message: 'A choice question needs at least 2 options' }];
  if (type === 'multiple_choice') return correct < 1 ? [{ path: 'options', message: 'At least one option is correct' }] : [];
  return correct !== 1 ? [{ path: 'options', message: 'Exactly one option is correct' }] : [];
}

// Certificates (learning evidence; the schemas are in certificates.ts)
export const certificateKinds = ['training', 'participation'] as const;

/** The language of one PDF. */
export const certificateLanguages = ['en', 'ur'] as const;

/** What an event's certificates are printed in: English, Urdu, or one PDF in each. */
export const certificatePrintings = ['en', 'ur', 'both'] as const;

/** Most logos a certificate shows (the programme's and its partners'), left to right. */
export const MAX_CERTIFICATE_LOGOS = 4;

/** Largest logo file accepted. */
export const MAX_CERTIFICATE_LOGO_BYTES = 1024 * 1024;

export const certificateLogoTypes = ['image/png', 'image/jpeg'] as const;

export const certificateSkipReasons = [
  // Not on the event's list (or of a country the user does not work in: the two are not told apart).
  'not_on_event',
  // On the list as a trainer, facilitator, organiser, speaker or observer.
  'not_a_participant',
  'did_not_attend',
  // Attended, but participation certificates are turned off and the training certificate's rule is not met.
  'training_not_earned',
  // The event gives no certificates (both kinds turned off).
  'certificates_off',
  // The name is longer than a certificate holds (200 bytes of UTF-8).
  'name_too_long',
] as const;
