// The case files' vocabulary, without zod: the web app imports these as values (see vocabulary.ts on
// keeping zod out of first loads).

/**
 * Where a case stands. Issue 12 opens cases at `identification` and moves them to `screening` when a
 * screening is stored; the SOP workflow (issue 13) moves them on. `closed` cases are anonymised after
 * the retention period.
 */
export const caseStatuses = ['identification', 'screening', 'assistance', 'referral', 'case_plan', 'follow_up', 'closed'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** Who identified the person (the kind of agency of the first responder). */
export const identifyingAgencyTypes = [
  'police',
  'fia',
  'labour_inspection',
  'immigration',
  'social_welfare',
  'health',
  'ngo',
  'community',
  'self_referral',
  'other',
] as const;
export type IdentifyingAgencyType = (typeof identifyingAgencyTypes)[number];

/** HTCDS `vic_TraffickingStatus`: a person decides it; the screening aid only suggests. */
export const traffickingStatuses = ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'] as const;
export type TraffickingStatus = (typeof traffickingStatuses)[number];

/** HTCDS `vic_TraffickingStatusDecisionMakingOrg`: the kind of organisation that decided. */
export const decisionMakingOrgs = ['Police', 'NGO', 'CourtOrProsecution', 'NonPoliceGovernmentalOrganization', 'Other'] as const;
export type DecisionMakingOrg = (typeof decisionMakingOrgs)[number];

export const identityDocumentKinds = ['cnic', 'passport', 'other'] as const;
export type IdentityDocumentKind = (typeof identityDocumentKinds)[number];

/** Statistics cells below this are not shown (published counts must not point at one person). */
export const CASE_STATISTICS_MIN_CELL = 5;

/** A child: under 18 (UN Protocol Art. 3(d)). */
export const CHILD_AGE_LIMIT = 18;
