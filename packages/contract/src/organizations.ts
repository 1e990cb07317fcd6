import { z } from 'zod';
import { zCountryCode, zId, zOptionalText, zPageQuery, zText, zTimestamp } from './common.js';
import { organizationTypes } from './vocabulary.js';

export { organizationTypes } from './vocabulary.js';
export const zOrganizationType = z.enum(organizationTypes);
export type OrganizationType = z.infer<typeof zOrganizationType>;

export const zOrganization = z.object({
  id: zId,
  name: z.string(),
  acronym: z.string().nullable(),
  type: zOrganizationType,
  countryCode: z.string().nullable(),
  province: z.string().nullable(),
  createdAt: zTimestamp,
  updatedAt: zTimestamp,
});
export type Organization = z.infer<typeof zOrganization>;

export const zCreateOrganizationBody = z.object({
  name: zText(300),
  acronym: zOptionalText(40),
  type: zOrganizationType,
  countryCode: zCountryCode.nullable().optional(),
  province: zOptionalText(100),
});
export type CreateOrganizationBody = z.infer<typeof zCreateOrganizationBody>;
export const zUpdateOrganizationBody = zCreateOrganizationBody.partial();
export type UpdateOrganizationBody = z.infer<typeof zUpdateOrganizationBody>;

export const zOrganizationListQuery = zPageQuery.extend({
  q: z.string().trim().max(200).optional(),
  type: zOrganizationType.optional(),
  countryCode: zCountryCode.optional(),
});
export type OrganizationListQuery = z.infer<typeof zOrganizationListQuery>;
