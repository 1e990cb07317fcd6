/** The service directory's vocabularies (issue 13), without zod: the web's pages import them in their first load. */

export const serviceTypes = [
  'shelter',
  'medical',
  'psychosocial',
  'legal_aid',
  'interpretation',
  'return_reintegration',
  'livelihood',
  'child_protection',
] as const;
export type ServiceType = (typeof serviceTypes)[number];

/** HSDS service.status. */
export const serviceStatuses = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;

/** Whom a service takes in: the victims of trafficking, smuggled migrants, or both. */
export const serviceCaseKinds = ['trafficking', 'smuggling'] as const;

/** HSDS schedule.byday (RFC 5545 day codes). */
export const weekDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Languages a directory is usually searched in (Pakistan and its neighbours); any ISO 639 code is accepted. */
export const commonServiceLanguages = ['ur', 'en', 'ps', 'sd', 'pa', 'bal', 'skr', 'fa', 'prs', 'bn', 'ar'] as const;
