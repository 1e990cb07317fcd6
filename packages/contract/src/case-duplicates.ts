import { z } from 'zod';
import { zId, zTimestamp } from './common.js';
import { zCaseStatus } from './cases.js';

/**
 * Possible duplicates across agencies (issue 13): the same person opened twice, found through the blind
 * indexes of names, date of birth, phone and identity numbers; shown to supervisors, never merged by
 * themselves.
 */

/** What matched between two cases, strongest first. */
export const caseDuplicateSignals = ['identity_number', 'phone', 'birth_date', 'name'] as const;
export const zCaseDuplicateSignal = z.enum(caseDuplicateSignals);
export type CaseDuplicateSignal = z.infer<typeof zCaseDuplicateSignal>;

/** Points each signal adds to a pair's score; a pair is a candidate from MIN_DUPLICATE_SCORE, strong from STRONG_DUPLICATE_SCORE. */
export const duplicateSignalPoints: Record<CaseDuplicateSignal, number> = { identity_number: 60, phone: 40, birth_date: 20, name: 30 };
export const MIN_DUPLICATE_SCORE = 40;
export const STRONG_DUPLICATE_SCORE = 60;

export const caseDuplicateStatuses = ['open', 'merge_requested', 'dismissed', 'merged'] as const;
export const zCaseDuplicateStatus = z.enum(caseDuplicateStatuses);

const zAgencyRef = z.object({ id: zId, name: z.string() });

/**
 * One case of a pair. A case of the reader's agency shows its name and day of identification; a case of
 * another agency only what lets the supervisor contact that agency or break the glass: its reference,
 * agency, province and status (`fullName` and `identifiedOn` null).
 */
export const zCaseDuplicateSide = z.object({
  id: zId,
  reference: z.string(),
  agency: zAgencyRef.nullable(),
  province: z.string().nullable(),
  status: zCaseStatus,
  /** The case is of the reader's agency (in their scope). */
  ownAgency: z.boolean(),
  fullName: z.string().nullable(),
  identifiedOn: z.string().nullable(),
});
export type CaseDuplicateSide = z.infer<typeof zCaseDuplicateSide>;

export const zCaseDuplicate = z.object({
  id: zId,
  countryCode: z.string(),
  /** Which signals matched (the score is their points added up). */
  signals: z.array(zCaseDuplicateSignal),
  score: z.number().int(),
  level: z.enum(['strong', 'medium']),
  status: zCaseDuplicateStatus,
  cases: z.tuple([zCaseDuplicateSide, zCaseDuplicateSide]),
  /** A merge of cases of two agencies waits for the other agency's supervisor: who asked, to keep which case. */
  mergeRequest: z
    .object({
      keepCaseId: zId,
      agency: zAgencyRef.nullable(),
      /** Asked by the reader's agency (then the other agency confirms). */
      byOwnAgency: z.boolean(),
      at: zTimestamp,
    })
    .nullable(),
  /** The case kept, once merged. */
  keptCaseId: zId.nullable(),
  detectedAt: zTimestamp,
  decidedAt: zTimestamp.nullable(),
});
export type CaseDuplicate = z.infer<typeof zCaseDuplicate>;

export const zCaseDuplicateList = z.object({ items: z.array(zCaseDuplicate) });
export type CaseDuplicateList = z.infer<typeof zCaseDuplicateList>;

export const zMergeCaseDuplicateBody = z.object({ keep: zId }).strict();
export const zDismissCaseDuplicateBody = z.object({}).strict();
