import { z } from 'zod';
import { zCountryCode, zId, zOptionalText, zPageQuery, zSex, zText, zTimestamp } from './common.js';
import { zOrganizationType } from './organizations.js';
import { zEventType, zParticipantRole } from './event-enums.js';
import { type mergeFields, duplicateReasons } from './vocabulary.js';

export const zOrganizationRef = z.object({
  id: zId,
  name: z.string(),
  acronym: z.string().nullable(),
  type: zOrganizationType,
});
export type OrganizationRef = z.infer<typeof zOrganizationRef>;

export const zPerson = z.object({
  id: zId,
  fullName: z.string(),
  sex: zSex,
  birthYear: z.number().int().nullable(),
  organization: zOrganizationRef.nullable(),
  designation: z.string().nullable(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  countryCode: z.string().nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Person = z.infer<typeof zPerson>;

const currentYear = new Date().getUTCFullYear();

export const zPersonFields = z.object({
  fullName: zText(200),
  sex: zSex,
  organizationId: zId.nullable().optional(),
  designation: zOptionalText(200),
  province: zOptionalText(100),
  district: zOptionalText(100),
  phone: zOptionalText(40)
    .refine((v) => v == null || /^[+0-9 ()\-/.]{5,40}$/.test(v), {
      message: 'A phone number has digits, spaces and + - ( ) only',
    })
    .meta({ description: 'Digits, spaces and + - ( ) / . only, 5 to 40 characters; an empty string clears it', pattern: '^[+0-9 ()\\-/.]{5,40}$' }),
  email: z
    .union([z.literal(''), z.email().max(254)])
    .transform((v) => (v === '' ? null : v.toLowerCase()))
    .nullable()
    .optional(),
  birthYear: z.number().int().min(1900).max(currentYear).nullable().optional(),
  countryCode: zCountryCode.nullable().optional(),
});
export const zCreatePersonBody = zPersonFields;
export type CreatePersonBody = z.infer<typeof zCreatePersonBody>;
export const zUpdatePersonBody = zPersonFields.partial();
export type UpdatePersonBody = z.infer<typeof zUpdatePersonBody>;

export { duplicateReasons } from './vocabulary.js';
export const zDuplicateCandidate = z.object({
  person: zPerson,
  reasons: z.array(z.enum(duplicateReasons)),
});
export type DuplicateCandidate = z.infer<typeof zDuplicateCandidate>;

/** The created person, with people who probably are the same person (the UI asks before creating). */
export const zCreatedPerson = zPerson.extend({ possibleDuplicates: z.array(zDuplicateCandidate) });
export type CreatedPerson = z.infer<typeof zCreatedPerson>;

export const zDuplicateQuery = z.object({
  fullName: z.string().trim().max(200).optional(),
  organizationId: zId.optional(),
  phone: z.string().trim().max(40).optional(),
  email: z.string().trim().max(254).optional(),
  excludeId: zId.optional(),
});
export type DuplicateQuery = z.infer<typeof zDuplicateQuery>;
export const zDuplicateResult = z.object({ candidates: z.array(zDuplicateCandidate) });
export type DuplicateResult = z.infer<typeof zDuplicateResult>;

/**
 * Values the merged record keeps where the two differ; each must be the kept record's or the
 * duplicate's value (else 400, nothing changed). A field left out keeps the kept record's value, or
 * the duplicate's where the kept record has none.
 */
export const zMergeValues = z
  .object({
    fullName: z.string().max(200),
    sex: zSex,
    birthYear: z.number().int().nullable(),
    organizationId: zId.nullable(),
    designation: z.string().max(200).nullable(),
    province: z.string().max(100).nullable(),
    district: z.string().max(100).nullable(),
    phone: z.string().max(40).nullable(),
    email: z.string().max(254).nullable(),
    countryCode: z.string().max(2).nullable(),
  })
  .partial()
  .strict();
export type MergeValues = z.infer<typeof zMergeValues>;
export { mergeFields } from './vocabulary.js';
export type MergeField = (typeof mergeFields)[number];

export const zMergeBody = z.object({ duplicateId: zId, values: zMergeValues.optional() });
export type MergeBody = z.infer<typeof zMergeBody>;
export const zMergeResult = z.object({
  person: zPerson,
  movedParticipations: z.number().int(),
  joinedParticipations: z.number().int(),
});
export type MergeResult = z.infer<typeof zMergeResult>;

export const zPersonListQuery = zPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  organizationId: zId.optional(),
  sex: zSex.optional(),
  province: z.string().trim().max(100).optional(),
});
export type PersonListQuery = z.infer<typeof zPersonListQuery>;

export const zPersonParticipation = z.object({
  eventId: zId,
  title: z.string(),
  type: zEventType,
  startDate: z.string(),
  endDate: z.string(),
  city: z.string(),
  role: zParticipantRole,
  attended: z.boolean(),
  /** The signed-in user is a trainer of this event (a trainer may then change this person's record). */
  youTrain: z.boolean(),
});
export type PersonParticipation = z.infer<typeof zPersonParticipation>;
export const zPersonParticipations = z.object({ items: z.array(zPersonParticipation) });
export type PersonParticipations = z.infer<typeof zPersonParticipations>;
