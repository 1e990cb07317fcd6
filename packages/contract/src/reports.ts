import { z } from 'zod';
import { zCountryCode, zId, zIsoDate, zSexCounts } from './common.js';
import { zEventType } from './events.js';
import { zOrganizationType } from './organizations.js';

export const zProgrammeReportQuery = z
  .object({
    from: zIsoDate,
    to: zIsoDate,
    programmeId: zId.optional(),
    province: z.string().trim().max(100).optional(),
    type: zEventType.optional(),
    topic: z.string().trim().max(80).optional(),
    countryCode: zCountryCode.optional(),
  })
  .refine((q) => q.from <= q.to, { message: '"to" is before "from"', path: ['to'] });
export type ProgrammeReportQuery = z.infer<typeof zProgrammeReportQuery>;

export const zExportQuery = z.object({ format: z.enum(['csv', 'xlsx']) });

export const zProgrammeReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Events held or planned (cancelled ones left out) starting within the period. */
  events: z.number().int(),
  /** Attended participant places: a person at three events counts three times. */
  participations: zSexCounts,
  /** Unique people among those participations. */
  people: zSexCounts,
  byOrganizationType: z.array(
    z.object({ type: zOrganizationType.nullable(), participations: zSexCounts, people: zSexCounts }),
  ),
  byProvince: z.array(
    z.object({ province: z.string().nullable(), events: z.number().int(), participations: zSexCounts, people: zSexCounts }),
  ),
  byEventType: z.array(z.object({ type: zEventType, events: z.number().int(), participations: zSexCounts })),
  byQuarter: z.array(z.object({ quarter: z.string(), events: z.number().int(), participations: zSexCounts })),
});
export type ProgrammeReport = z.infer<typeof zProgrammeReport>;

export const zDashboard = z.object({
  events: z.number().int(),
  upcomingEvents: z.number().int(),
  people: z.number().int(),
  organizations: z.number().int(),
  participationsThisYear: zSexCounts,
});
export type Dashboard = z.infer<typeof zDashboard>;
