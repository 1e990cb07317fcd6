import type { OrganizationRef } from '@hifazat/contract';

export function organizationLabel(org: Pick<OrganizationRef, 'name' | 'acronym'> | null | undefined): string {
  if (!org) return '';
  return org.acronym ? `${org.name} (${org.acronym})` : org.name;
}
