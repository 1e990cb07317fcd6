import { z } from 'zod';
import { zCountryCode, zId, zIsoDate, zSexCounts } from './common.js';
import { eventStatuses, zEventStatus, zEventType, type EventStatus } from './events.js';
import { zAgeBand, zLabelLanguage } from './labels.js';
import { zOrganizationType } from './organizations.js';
import { reportStatuses, DEFAULT_REPORT_STATUS } from './vocabulary.js';

export { reportStatuses } from './vocabulary.js';
export const zReportStatus = z.enum(reportStatuses);
export type ReportStatus = z.infer<typeof zReportStatus>;
export { DEFAULT_REPORT_STATUS } from './vocabulary.js';

/** The event statuses a report status counts. */
export const countedStatuses = (status: ReportStatus | undefined): EventStatus[] => {
  const chosen = status ?? DEFAULT_REPORT_STATUS;
  return chosen === 'all' ? [...eventStatuses] : [chosen];
};

export const zProgrammeReportQuery = z
  .object({
    from: zIsoDate,
    to: zIsoDate,
    programmeId: zId.optional(),
    province: z.string().trim().max(100).optional(),
    type: zEventType.optional(),
    topic: z.string().trim().max(80).optional(),
    countryCode: zCountryCode.optional(),
    /** Events of which status to count: `held` when not given. */
    status: zReportStatus.optional(),
  })
  .refine((q) => q.from <= q.to, { message: '"to" is before "from"', path: ['to'] });
export type ProgrammeReportQuery = z.infer<typeof zProgrammeReportQuery>;

/**
 * What every export takes: the file format, and the language of its headings and labels (`en` when
 * not given; the web sends the language of the screen it was made from).
 */
export const zExportQuery = z.object({ format: z.enum(['csv', 'xlsx']), lang: zLabelLanguage.default('en') });
export type ExportQuery = z.infer<typeof zExportQuery>;

export const zProgrammeReport = z.object({
  from: z.string(),
  to: z.string(),
  /** The event statuses counted (see the `status` parameter): ['held'] unless asked otherwise. */
  statuses: z.array(zEventStatus),
  /** Events of those statuses starting within the period. */
  events: z.number().int(),
  /** Attended participant places: a person at three events counts three times. */
  participations: zSexCounts,
  /** Unique people among those participations. */
  people: zSexCounts,
  byOrganizationType: z.array(z.object({ type: zOrganizationType.nullable(), participations: zSexCounts, people: zSexCounts })),
  byProvince: z.array(z.object({ province: z.string().nullable(), events: z.number().int(), participations: zSexCounts, people: zSexCounts })),
  byEventType: z.array(z.object({ type: zEventType, events: z.number().int(), participations: zSexCounts })),
  byQuarter: z.array(z.object({ quarter: z.string(), events: z.number().int(), participations: zSexCounts })),
  /**
   * By the participant's organisation, as registered now. `hidden`: participants (or organisations)
   * of countries the user does not work in, counted together, not named; all nulls: no organisation.
   */
  byOrganization: z.array(
    z.object({
      organizationId: zId.nullable(),
      name: z.string().nullable(),
      acronym: z.string().nullable(),
      type: zOrganizationType.nullable(),
      hidden: z.boolean(),
      participations: zSexCounts,
      people: zSexCounts,
    }),
  ),
  /** By the district where the participant is registered (people's district, not the event's place); `hidden` as above. */
  byDistrict: z.array(z.object({ district: z.string().nullable(), hidden: z.boolean(), participations: zSexCounts, people: zSexCounts })),
  /**
   * By age in the year of the event (the event's year minus the year of birth), youngest first; null:
   * no year of birth. A person whose events fall in two bands counts once in each.
   */
  byAgeBand: z.array(z.object({ band: zAgeBand.nullable(), participations: zSexCounts, people: zSexCounts })),
});
export type ProgrammeReport = z.infer<typeof zProgrammeReport>;

export const zDashboard = z.object({
  /** Every event the user sees, of any status. */
  events: z.number().int(),
  upcomingEvents: z.number().int(),
  people: z.number().int(),
  organizations: z.number().int(),
  /** Attended participations at events held this year (the programme report's default). */
  participationsThisYear: zSexCounts,
  /**
   * The trend: the last eight calendar quarters ("2026-Q4"), oldest first, the current one last, each
   * with its held events and their attended participations by sex (quarters without any included).
   */
  quarters: z.array(z.object({ quarter: z.string(), events: z.number().int(), participations: zSexCounts })),
  /** This year's attended participations (as `participationsThisYear`) by the event's province, most first. */
  byProvince: z.array(z.object({ province: z.string().nullable(), participations: zSexCounts })),
});
export type Dashboard = z.infer<typeof zDashboard>;
