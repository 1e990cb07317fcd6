import { z } from 'zod';
import { zId, zIsoDate, zSex, zSexCounts, zText, zTimestamp } from './common.js';
import { zEventStatus, zEventType } from './event-enums.js';
import { zOrganizationType } from './organizations.js';
import { zOrganizationRef } from './people.js';

/**
 * Master trainers and the training cascade (issue 11): a training of trainers (ToT) has candidates
 * (its participants) and graduates (master trainers, each with a certification date and specialisms);
 * the events their graduates deliver are the ToT's cascade, generation by generation.
 *
 * The rules (docs: README, "Master trainers and cascades"):
 * - the trainers of an event are the people on its list in the role `trainer` or `facilitator`;
 * - generation 1 of a ToT: held events, other than the ToT, starting on or after the day the ToT ended,
 *   one of whose trainers graduated from that ToT; generation k+1: likewise for the graduates of the
 *   ToTs in generation k. An event is in the lowest generation it qualifies for, and in one only;
 * - people reached: attended participants (role `participant`), counted once per generation and once
 *   in the reach of the whole cascade (a person reached in two generations is one person reached).
 */

/** Most specialisms of one master trainer. */
export const MAX_SPECIALISMS = 20;

/** A master trainer counts as active when they delivered an event that started in this many days before today. */
export const ACTIVE_DAYS = 365;

const zSpecialisms = z.array(zText(80)).max(MAX_SPECIALISMS);

export const zGraduateBody = z.object({
  personId: zId,
  /** The day the person was certified as a master trainer; left out: the day the ToT ended. */
  certifiedOn: zIsoDate.optional(),
  /** The topics they may train (the event topics' words, e.g. "victim identification"). */
  specialisms: zSpecialisms.optional(),
});
export type GraduateBody = z.infer<typeof zGraduateBody>;

export const zUpdateGraduateBody = z
  .object({ certifiedOn: zIsoDate.optional(), specialisms: zSpecialisms.optional() })
  .refine((v) => v.certifiedOn !== undefined || v.specialisms !== undefined, { message: 'Nothing to change', path: ['certifiedOn'] });
export type UpdateGraduateBody = z.infer<typeof zUpdateGraduateBody>;

export const zGraduateParams = z.object({ id: zId, personId: zId });

/** A person shown as the viewer may see them: of a country the viewer does not work in, sex only. */
const personFields = {
  personId: zId.nullable(),
  fullName: z.string().nullable(),
  hidden: z.boolean(),
  sex: zSex,
  organization: zOrganizationRef.nullable(),
};

export const zMasterTrainer = z.object({
  id: zId,
  ...personFields,
  totEventId: zId,
  totTitle: z.string(),
  certifiedOn: z.string(),
  specialisms: z.array(z.string()),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type MasterTrainer = z.infer<typeof zMasterTrainer>;

export const zGraduateList = z.object({ items: z.array(zMasterTrainer) });
export type GraduateList = z.infer<typeof zGraduateList>;

const zByOrganizationType = z.array(z.object({ type: zOrganizationType.nullable(), candidates: zSexCounts, pool: zSexCounts }));

/**
 * Who a ToT selected, against whom it could have selected: candidates are the ToT's participants
 * (role `participant`); the pool is everyone who attended, as a participant, a held event of the same
 * programme that started before the ToT (candidates among them included: "4 of 23 selected are women;
 * the pool was 9 of 70"). `candidatesFromPool`: candidates who are in the pool.
 */
export const zCandidatePool = z.object({
  eventId: zId,
  programmeId: zId,
  candidates: zSexCounts,
  graduates: zSexCounts,
  pool: zSexCounts,
  candidatesFromPool: z.number().int(),
  /** Earlier events of the programme the pool came from. */
  poolEvents: z.number().int(),
  byOrganizationType: zByOrganizationType,
});
export type CandidatePool = z.infer<typeof zCandidatePool>;

const zGroupCounts = <K extends z.ZodType>(key: K) => z.array(z.object({ key, people: zSexCounts }));

export const zCascadeEvent = z.object({
  id: zId,
  title: z.string(),
  type: zEventType,
  startDate: z.string(),
  city: z.string(),
  province: z.string().nullable(),
  /** The ToT (of the generation above, or the cascade's own) one of whose graduates trained this event. */
  parentEventId: zId,
  /** Attended participants (role participant). */
  people: z.number().int(),
});
export type CascadeEvent = z.infer<typeof zCascadeEvent>;

export const zCascadeGeneration = z.object({
  /** 1: events delivered by the ToT's own graduates; k + 1: by graduates of ToTs in generation k. */
  level: z.number().int(),
  /** Events of this generation the user sees (of their countries). */
  events: z.number().int(),
  /** Events of this generation in countries the user does not work in: counted here, nowhere else. */
  hiddenEvents: z.number().int(),
  /** Unique people reached in this generation. */
  people: zSexCounts,
  byOrganizationType: zGroupCounts(zOrganizationType.nullable()),
  byProvince: zGroupCounts(z.string().nullable()),
  /** Pooled paired pre/post tests of the generation's events: Hake's ⟨g⟩ (null without pairs). */
  normalizedGain: z.number().nullable(),
  pairedN: z.number().int(),
  eventList: z.array(zCascadeEvent),
});
export type CascadeGeneration = z.infer<typeof zCascadeGeneration>;

export const zCascadeTrainer = z.object({
  ...personFields,
  /** The ToT they graduated from, and its generation (0: the cascade's own ToT). */
  totEventId: zId,
  level: z.number().int(),
  certifiedOn: z.string(),
  specialisms: z.array(z.string()),
  /** Events of the cascade they trained (as trainer or facilitator). */
  eventsDelivered: z.number().int(),
  /** Unique people reached at those events. */
  peopleTrained: z.number().int(),
  /** The start date of the last of those events. */
  lastActive: z.string().nullable(),
  /** Delivered an event that started in the last 365 days. */
  active: z.boolean(),
});
export type CascadeTrainer = z.infer<typeof zCascadeTrainer>;

export const zCascade = z.object({
  tot: z.object({
    id: zId,
    title: z.string(),
    programmeId: zId,
    startDate: z.string(),
    endDate: z.string(),
    status: zEventStatus,
    graduates: zSexCounts,
    /** The ToT's own pre/post tests (generation 0), to compare the generations with. */
    normalizedGain: z.number().nullable(),
    pairedN: z.number().int(),
  }),
  generations: z.array(zCascadeGeneration),
  /** Unique people reached over all generations. */
  reach: zSexCounts,
  /** Master trainers of the cascade: graduates of the ToT and of the ToTs in its generations. */
  masterTrainers: z.number().int(),
  /** reach.total ÷ masterTrainers (null without master trainers). */
  multiplier: z.number().nullable(),
  /** Share of the master trainers active in the last 12 months (null without master trainers). */
  activeShare: z.number().nullable(),
  trainers: z.array(zCascadeTrainer),
});
export type Cascade = z.infer<typeof zCascade>;

export const zCascadeListQuery = z.object({ programmeId: zId.optional() });
export type CascadeListQuery = z.infer<typeof zCascadeListQuery>;

export const zCascadeList = z.object({
  items: z.array(
    z.object({
      id: zId,
      title: z.string(),
      programmeId: zId,
      programmeName: z.string(),
      startDate: z.string(),
      graduates: z.number().int(),
      generations: z.number().int(),
      events: z.number().int(),
      reach: zSexCounts,
    }),
  ),
  /** Unique people reached over every cascade listed (a person in two cascades counts once). */
  reach: zSexCounts,
  masterTrainers: z.number().int(),
  /** Master trainers (graduates of a ToT listed) who have delivered no event with attended participants yet. */
  idle: z.array(
    z.object({
      ...personFields,
      totEventId: zId,
      totTitle: z.string(),
      certifiedOn: z.string(),
    }),
  ),
});
export type CascadeList = z.infer<typeof zCascadeList>;

/**
 * Every cascade at once, in figures (the dashboard): the trainings of trainers with graduates in the
 * user's countries, their master trainers, and the people all their cascades reached, each once.
 */
export const zCascadeSummary = z.object({
  /** Trainings of trainers with at least one graduate: each the top of a cascade. */
  cascades: z.number().int(),
  /** Master trainers: unique people who graduated from one of those ToTs. */
  masterTrainers: z.number().int(),
  /** Master trainers who delivered an event of the cascades that started in the last `ACTIVE_DAYS` days. */
  activeMasterTrainers: z.number().int(),
  /** Master trainers who have delivered no event with attended participants yet. */
  idleMasterTrainers: z.number().int(),
  /** Unique people reached over every cascade (a person in two cascades counts once), by sex. */
  reach: zSexCounts,
});
export type CascadeSummary = z.infer<typeof zCascadeSummary>;
