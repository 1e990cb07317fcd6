import { z } from 'zod';
import { zClientId, zCountryCode, zId, zIsoDate, zOptionalText, zPageQuery, zSex, zSexCounts, zText, zTimestamp } from './common.js';
import { zOrganizationRef } from './people.js';
import { zOrganizationType } from './organizations.js';

export * from './event-enums.js';
import { zEventStatus, zEventType, zParticipantRole } from './event-enums.js';
import { MAX_EVENT_DAYS, type importColumns } from './vocabulary.js';

export { MAX_EVENT_DAYS } from './vocabulary.js';

export const zEvent = z.object({
  id: zId,
  programmeId: zId,
  programmeName: z.string(),
  title: z.string(),
  type: zEventType,
  series: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  city: z.string(),
  province: z.string().nullable(),
  countryCode: z.string(),
  venue: z.string().nullable(),
  status: zEventStatus,
  topics: z.array(z.string()),
  learningObjectives: z.string().nullable(),
  organizers: z.array(zOrganizationRef),
  partners: z.array(zOrganizationRef),
  trainerUserIds: z.array(zId),
  /** The trainers' names, for everyone who may see the event (the user list is for managers). */
  trainers: z.array(z.object({ id: zId, name: z.string() })),
  /**
   * Organisers, partners and trainers of countries the user does not work in: counted, never named
   * (they are left out of the lists above and of trainerUserIds).
   */
  hiddenOrganizers: z.number().int(),
  hiddenPartners: z.number().int(),
  hiddenTrainers: z.number().int(),
  /** Attended participants (role participant), for lists. */
  participantCount: z.number().int(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Event = z.infer<typeof zEvent>;

const eventFields = z.object({
  programmeId: zId,
  title: zText(300),
  type: zEventType,
  series: zOptionalText(200),
  startDate: zIsoDate,
  endDate: zIsoDate,
  city: zText(100),
  province: zOptionalText(100),
  countryCode: zCountryCode,
  venue: zOptionalText(300),
  status: zEventStatus.optional(),
  topics: z.array(zText(80)).max(30).optional(),
  learningObjectives: zOptionalText(5000),
  organizerIds: z.array(zId).max(30).optional(),
  partnerIds: z.array(zId).max(30).optional(),
  trainerUserIds: z.array(zId).max(30).optional(),
});

const dayCount = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
type DateRange = { startDate?: string; endDate?: string };
const checkDates = (v: DateRange, ctx: z.RefinementCtx) => {
  if (!v.startDate || !v.endDate) return;
  if (v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date' });
  } else if (dayCount(v.startDate, v.endDate) > MAX_EVENT_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: `An event lasts at most ${MAX_EVENT_DAYS} days` });
  }
};

const datesRule = `endDate is not before startDate, and an event lasts at most ${MAX_EVENT_DAYS} days (startDate and endDate included)`;
export const zCreateEventBody = eventFields.superRefine(checkDates).meta({ description: `A new event. ${datesRule}.` });
export type CreateEventBody = z.infer<typeof zCreateEventBody>;
export const zUpdateEventBody = eventFields
  .partial()
  .superRefine(checkDates)
  .meta({ description: `The fields to change. With the dates already stored: ${datesRule}.` });
export type UpdateEventBody = z.infer<typeof zUpdateEventBody>;

export const zEventListQuery = zPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  programmeId: zId.optional(),
  type: zEventType.optional(),
  status: zEventStatus.optional(),
  province: z.string().trim().max(100).optional(),
  countryCode: zCountryCode.optional(),
  topic: z.string().trim().max(80).optional(),
  series: z.string().trim().max(200).optional(),
  from: zIsoDate.optional(),
  to: zIsoDate.optional(),
});
export type EventListQuery = z.infer<typeof zEventListQuery>;

/**
 * Which events figures across events count (learning evidence and feedback results across events):
 * those of a programme, of a series and/or starting within a period, always within the user's
 * countries (as the event list and the reports). Fields given narrow the selection together.
 */
export const eventSelectionFields = {
  programmeId: zId.optional(),
  /** The events' series, as written on them (the event list's series filter). */
  series: z.string().trim().min(1).max(200).optional(),
  /** Events starting on or after this day. */
  from: zIsoDate.optional(),
  /** Events starting on or before this day. */
  to: zIsoDate.optional(),
};
export type EventSelection = { programmeId?: string; series?: string; from?: string; to?: string };

export const SELECTION_REQUIRED = 'Choose a programme, a series or a period';
export const PERIOD_BACKWARDS = '"to" is before "from"';

/** A selection names at least a programme, a series or one end of a period; a period does not end before it starts. */
export function checkEventSelection(v: EventSelection, ctx: z.RefinementCtx, alsoEnough = false): void {
  if (!alsoEnough && v.programmeId === undefined && v.series === undefined && v.from === undefined && v.to === undefined) {
    ctx.addIssue({ code: 'custom', path: ['programmeId'], message: SELECTION_REQUIRED });
  }
  if (v.from !== undefined && v.to !== undefined && v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: PERIOD_BACKWARDS });
}

/** The filters of the event list, without paging: an export holds every event they match. */
export const zEventFilters = zEventListQuery.omit({ limit: true, cursor: true });
export type EventFilters = z.infer<typeof zEventFilters>;

export const zAddParticipantBody = z.object({
  personId: zId,
  role: zParticipantRole.default('participant'),
  attended: z.boolean().optional(),
  clientId: zClientId.optional(),
});
export type AddParticipantBody = z.infer<typeof zAddParticipantBody>;

export const zUpdateParticipantBody = z.object({
  role: zParticipantRole.optional(),
  attended: z.boolean().optional(),
  clientId: zClientId.optional(),
  /**
   * The values this change was based on (an edit made offline): if the server's value of a changed
   * field is neither this nor the new one, someone else changed it meanwhile → 409 `edit_conflict`.
   */
  base: z.object({ role: zParticipantRole.optional(), attended: z.boolean().optional() }).optional(),
});
export type UpdateParticipantBody = z.infer<typeof zUpdateParticipantBody>;

export const zParticipantParams = z.object({ id: zId, personId: zId });

/** A day's mark as it was before a change: present, absent, or null for not marked. */
const zBaseMark = z.boolean().nullable();

export const zAttendanceBody = z.object({
  personId: zId,
  date: zIsoDate,
  present: z.boolean(),
  clientId: zClientId.optional(),
  /** The mark this change was based on; another since (by someone else) → 409 `edit_conflict`. */
  basePresent: zBaseMark.optional(),
});
export type AttendanceBody = z.infer<typeof zAttendanceBody>;

/** Everyone on the list (whom the user may see) present, or absent, on one day of the event. */
export const zDayAttendanceBody = z.object({
  date: zIsoDate,
  present: z.boolean(),
  clientId: zClientId.optional(),
  /** Each participant's mark this change was based on; one changed since by someone else → 409 `edit_conflict`. */
  base: z
    .array(z.object({ personId: zId, present: zBaseMark }))
    .max(5000)
    .optional(),
});
export type DayAttendanceBody = z.infer<typeof zDayAttendanceBody>;

export const zParticipant = z.object({
  /**
   * Null, like the name, designation, province and organisation, when the person is of a country
   * the user does not work in (`hidden`): such a row is counted and shows sex, role and attendance only.
   */
  personId: zId.nullable(),
  fullName: z.string().nullable(),
  /** A participant from another country: shown masked, with no way to look the person up. */
  hidden: z.boolean(),
  sex: zSex,
  designation: z.string().nullable(),
  province: z.string().nullable(),
  organization: zOrganizationRef.nullable(),
  role: zParticipantRole,
  /** Recorded as attended directly (historic events with no day register). */
  attendedDirect: z.boolean(),
  /** Dates (YYYY-MM-DD) on which the person was marked present. */
  presentDates: z.array(z.string()),
  /** Dates on which the person was marked absent. */
  absentDates: z.array(z.string()),
  /** Counts as having attended: present on at least one day or recorded as attended. */
  attended: z.boolean(),
});
export type Participant = z.infer<typeof zParticipant>;
export const zParticipantList = z.object({ items: z.array(zParticipant), days: z.array(z.string()) });
export type ParticipantList = z.infer<typeof zParticipantList>;

export const zCountsByOrganizationType = z.object({ type: zOrganizationType.nullable() }).extend(zSexCounts.shape);
/** organizationId and name null: no organisation recorded, or (`hidden`) participants from other countries, counted together. */
export const zCountsByOrganization = z
  .object({ organizationId: zId.nullable(), name: z.string().nullable(), acronym: z.string().nullable(), hidden: z.boolean() })
  .extend(zSexCounts.shape);

export const zEventSummary = z.object({
  participants: zSexCounts,
  byOrganizationType: z.array(zCountsByOrganizationType),
  byOrganization: z.array(zCountsByOrganization),
  /** Trainers, facilitators, organisers, speakers and observers who attended. */
  staff: zSexCounts,
  text: z.object({ en: z.string(), ur: z.string() }),
});
export type EventSummary = z.infer<typeof zEventSummary>;

export const zEventFacets = z.object({
  topics: z.array(z.string()),
  series: z.array(z.string()),
  provinces: z.array(z.string()),
  cities: z.array(z.string()),
});
export type EventFacets = z.infer<typeof zEventFacets>;

export const zTrainerOption = z.object({ id: zId, name: z.string(), role: z.string() });
export const zTrainerList = z.object({ items: z.array(zTrainerOption) });
export type TrainerList = z.infer<typeof zTrainerList>;

export { importColumns } from './vocabulary.js';
export type ImportColumn = (typeof importColumns)[number];

export const zImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const zImportProblem = z.object({ line: z.number().int(), column: z.string(), message: z.string() });
export type ImportProblem = z.infer<typeof zImportProblem>;

export const zImportDuplicate = z.object({
  line: z.number().int(),
  fullName: z.string(),
  candidates: z.array(
    z.object({
      personId: zId,
      fullName: z.string(),
      organizationName: z.string().nullable(),
      reasons: z.array(z.string()),
    }),
  ),
});
export type ImportDuplicate = z.infer<typeof zImportDuplicate>;

/**
 * What a real import does with one row: `create` a new person, `link` to a registered person (a strong
 * match: the same email, the same phone, or the same name, organisation and designation as exactly
 * one person), `listed` (that person is already on the event's list: left as is), `choose` (several
 * or only weak matches: the person importing picks one of the candidates or a new person), `error`.
 */
export const importActions = ['create', 'link', 'listed', 'choose', 'error'] as const;
export type ImportAction = (typeof importActions)[number];

/** A registered person a row may be; phone and email masked (the last digits, the first letter and domain). */
export const zImportCandidate = z.object({
  personId: zId,
  fullName: z.string(),
  organizationName: z.string().nullable(),
  designation: z.string().nullable(),
  sex: zSex,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  /** Events this person attended. */
  eventsAttended: z.number().int(),
  reasons: z.array(z.string()),
});
export type ImportCandidate = z.infer<typeof zImportCandidate>;

export const zImportPlanRow = z.object({
  line: z.number().int(),
  fullName: z.string(),
  action: z.enum(importActions),
  /** The registered person the row is linked to (`link`, `listed`, or a choice made). */
  personId: zId.optional(),
  /** `choose`: the people to choose from; `link`/`listed`: the one linked to. */
  candidates: z.array(zImportCandidate).optional(),
});
export type ImportPlanRow = z.infer<typeof zImportPlanRow>;

/**
 * The multipart field `choices` (JSON text): for a row whose action is `choose` (or to override a
 * `link`), its line number → the personId of one of its candidates, or "new" for a new person.
 */
export const zImportChoices = z.record(z.string().regex(/^[1-9]\d{0,6}$/, 'A line number'), z.union([zId, z.literal('new')]));
export type ImportChoices = z.infer<typeof zImportChoices>;

export const zImportReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  valid: z.number().int(),
  errors: z.array(zImportProblem),
  /** Rows that match people already registered; the import links them instead of creating new people. */
  duplicates: z.array(zImportDuplicate),
  /** Organisations named in the file that are not registered yet; the import creates them. */
  newOrganizations: z.array(z.string()),
  createdPeople: z.number().int(),
  linkedPeople: z.number().int(),
  /** Rows for people already on this event's list: left as they are. */
  alreadyListed: z.number().int(),
  addedParticipants: z.number().int(),
  /** Rows still to be chosen for: a real import refuses them until `choices` names each one. */
  toChoose: z.number().int(),
  /** Every row, in file order, with what the import does with it. */
  plan: z.array(zImportPlanRow),
});
export type ImportReport = z.infer<typeof zImportReport>;
