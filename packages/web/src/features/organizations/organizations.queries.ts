import { useQuery } from '@tanstack/react-query';
import type { Organization, Page } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys, usePagedList, type Filters } from '../../lib/queries';

export const useOrganizationList = (filters: Filters) => usePagedList<Organization>(keys.organizationList(filters), '/api/organizations', filters);

/** Organisations for selects (up to 500, filtered in the browser). */
export function useOrganizationOptions() {
  return useQuery({
    queryKey: keys.organizationOptions,
    queryFn: () => api.get<Page<Organization>>('/api/organizations', { limit: 500 }),
    staleTime: 5 * 60_000,
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: keys.organization(id), queryFn: () => api.get<Organization>(`/api/organizations/${id}`) });
}
