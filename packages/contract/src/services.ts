/**
 * The service directory (issue 13), after Open Referral HSDS 3.0: an organisation provides a service
 * at a location; the service has eligibility, languages, opening hours, a referral contact and live
 * capacity. Shelters' addresses are confidential.
 */
import { z } from 'zod';
import { zCountryCode, zId, zOptionalText, zSex, zText, zTimestamp } from './common.js';
import { serviceCaseKinds, serviceStatuses, serviceTypes, weekDays } from './service-vocabulary.js';

export * from './service-vocabulary.js';
export const zServiceType = z.enum(serviceTypes);
export const zServiceStatus = z.enum(serviceStatuses);

/** ISO 639-1 or 639-3 language code (HSDS language.code), lower case. */
export const zLanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2,3}$/, 'An ISO 639 language code such as ur, ps or bal');

export const zServiceEligibility = z
  .object({
    /** Sexes served; empty: every sex. */
    sexes: z.array(zSex).max(4).default([]),
    minimumAge: z.number().int().min(0).max(120).nullable().default(null),
    maximumAge: z.number().int().min(0).max(120).nullable().default(null),
    /** ISO 3166-1 alpha-2 codes accepted; empty: any nationality. */
    nationalities: z.array(zCountryCode).max(50).default([]),
    /** Trafficking, smuggling or both; empty: both. */
    caseKinds: z.array(z.enum(serviceCaseKinds)).max(2).default([]),
    /** HSDS eligibility_description: anything the fields above do not say. */
    description: zOptionalText(1000),
  })
  .refine((e) => e.minimumAge === null || e.maximumAge === null || e.minimumAge <= e.maximumAge, {
    message: 'The minimum age is above the maximum',
    path: ['maximumAge'],
  });
export type ServiceEligibility = z.output<typeof zServiceEligibility>;

export const zOpeningHours = z.object({
  days: z.array(z.enum(weekDays)).min(1).max(7),
  opensAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
  closesAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
});
export type OpeningHours = z.infer<typeof zOpeningHours>;

export const zReferralContact = z.object({
  name: zOptionalText(200),
  phone: zOptionalText(40),
  email: z
    .union([z.email(), z.literal('')])
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional(),
});

/** The service's location's address (HSDS address); sealed at rest, withheld from others when confidential. */
export const zServiceAddress = z.object({
  address1: zText(300),
  city: zOptionalText(100),
  postalCode: zOptionalText(20),
});
export type ServiceAddress = z.infer<typeof zServiceAddress>;

const serviceFields = {
  name: zText(200),
  description: zOptionalText(2000),
  type: zServiceType,
  status: zServiceStatus.optional(),
  /** One of the organisations (agencies) of the register: HSDS organization. */
  organizationId: zId.nullable().optional(),
  countryCode: zCountryCode,
  province: zOptionalText(100),
  district: zOptionalText(100),
  eligibility: zServiceEligibility.optional(),
  languages: z.array(zLanguageCode).max(20).optional(),
  openingHours: z.array(zOpeningHours).max(14).optional(),
  open24Hours: z.boolean().optional(),
  referralContact: zReferralContact.optional(),
  address: zServiceAddress.nullable().optional(),
  /** Shelters' addresses are confidential whatever this says. */
  addressConfidential: z.boolean().optional(),
  bedsTotal: z.number().int().min(0).max(100_000).nullable().optional(),
  /** The `service_provider` accounts that answer for this service (update its capacity, later receive its referrals). */
  providerUserIds: z.array(zId).max(50).optional(),
};

export const zCreateServiceBody = z.object(serviceFields);
export type CreateServiceBody = z.input<typeof zCreateServiceBody>;

export const zUpdateServiceBody = z
  .object({ ...serviceFields, name: serviceFields.name.optional(), type: serviceFields.type.optional(), countryCode: serviceFields.countryCode.optional() })
  .refine((body) => Object.keys(body).length > 0, { message: 'Nothing to change' });
export type UpdateServiceBody = z.input<typeof zUpdateServiceBody>;

export const zUpdateCapacityBody = z
  .object({
    bedsFree: z.number().int().min(0).max(100_000).nullable().optional(),
    slotsOpen: z.number().int().min(0).max(100_000).nullable().optional(),
  })
  .refine((body) => body.bedsFree !== undefined || body.slotsOpen !== undefined, { message: 'Give bedsFree or slotsOpen' });
export type UpdateCapacityBody = z.input<typeof zUpdateCapacityBody>;

export const zServiceCapacity = z.object({
  bedsTotal: z.number().nullable(),
  bedsFree: z.number().nullable(),
  slotsOpen: z.number().nullable(),
  updatedAt: zTimestamp.nullable(),
  updatedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type ServiceCapacity = z.infer<typeof zServiceCapacity>;

export const zService = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  type: zServiceType,
  status: zServiceStatus,
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  countryCode: z.string(),
  province: z.string().nullable(),
  district: z.string().nullable(),
  eligibility: z.object({
    sexes: z.array(zSex),
    minimumAge: z.number().nullable(),
    maximumAge: z.number().nullable(),
    nationalities: z.array(z.string()),
    caseKinds: z.array(z.enum(serviceCaseKinds)),
    description: z.string().nullable(),
  }),
  languages: z.array(z.string()),
  openingHours: z.array(zOpeningHours),
  open24Hours: z.boolean(),
  referralContact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),
  addressConfidential: z.boolean(),
  /** null when there is none, or when it is confidential and withheld from the reader (see `addressWithheld`). */
  address: z.object({ address1: z.string(), city: z.string().nullable().optional(), postalCode: z.string().nullable().optional() }).nullable(),
  addressWithheld: z.boolean(),
  capacity: zServiceCapacity,
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Whether the reader may edit the service, and update its capacity. */
  mayEdit: z.boolean(),
  mayUpdateCapacity: z.boolean(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Service = z.infer<typeof zService>;

/** An empty query parameter (a form's cleared filter) is a missing one. */
const blankAsMissing = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const zServiceListQuery = z.object({
  /** The need: a service type. */
  need: blankAsMissing(zServiceType),
  countryCode: blankAsMissing(zCountryCode),
  province: blankAsMissing(z.string().trim().max(100)),
  sex: blankAsMissing(zSex),
  /** The person's age in whole years: services whose age range holds it. */
  age: blankAsMissing(z.coerce.number().int().min(0).max(120)),
  language: blankAsMissing(zLanguageCode),
  /** Only the services the reader answers for (a provider's own). */
  mine: blankAsMissing(z.enum(['true', 'false'])),
  /** Active services only (the default), or every status. */
  status: blankAsMissing(z.enum(['active', 'all'])),
});
export type ServiceListQuery = z.input<typeof zServiceListQuery>;

export const zServiceList = z.object({ items: z.array(zService) });
export type ServiceList = z.infer<typeof zServiceList>;

export const zServiceExportQuery = z.object({
  format: z.literal('hsds'),
  countryCode: blankAsMissing(zCountryCode),
  /** Confidential addresses are left out of the file unless `include` (then the export is audited as such). */
  addresses: blankAsMissing(z.enum(['withhold', 'include'])),
});

export const zServiceImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const zServiceImportReport = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  created: z.array(z.object({ id: z.string(), name: z.string() })),
  changed: z.array(z.object({ id: z.string(), name: z.string(), fields: z.array(z.string()) })),
  unchanged: z.number(),
  organizationsCreated: z.array(z.object({ id: z.string(), name: z.string() })),
  errors: z.array(z.object({ file: z.string(), line: z.number(), field: z.string().nullable(), message: z.string() })),
});
export type ServiceImportReport = z.infer<typeof zServiceImportReport>;

/** A `service_provider` account a keeper may name as a service's provider. */
export const zProviderAccount = z.object({ id: z.string(), name: z.string(), email: z.string() });
export const zProviderAccountList = z.object({ items: z.array(zProviderAccount) });
export type ProviderAccount = z.infer<typeof zProviderAccount>;
