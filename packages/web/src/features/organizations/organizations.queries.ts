import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const useOrganizationList = (filters: Filters) =>
  usePagedList(keys.organizationList(filters), (page) => api.call('listOrganizations', { query: { ...urlQuery('listOrganizations', filters), ...page } }));

/** Organisations for selects (up to 500, filtered in the browser). */
export function useOrganizationOptions() {
  return useQuery({
    queryKey: keys.organizationOptions,
    queryFn: () => api.call('listOrganizations', { query: { limit: 500 } }),
    staleTime: 5 * 60_000,
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: keys.organization(id), queryFn: () => api.call('getOrganization', { params: { id } }) });
}
