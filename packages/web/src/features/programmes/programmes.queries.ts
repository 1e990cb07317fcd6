import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const useProgrammeList = (filters: Filters) =>
  usePagedList(keys.programmeList(filters), (page) => api.call('listProgrammes', { query: { ...urlQuery('listProgrammes', filters), ...page } }));

/** All programmes (a handful), for selects and filters. */
export function useProgrammeOptions() {
  return useQuery({
    queryKey: keys.programmeList({ limit: 500 }),
    queryFn: () => api.call('listProgrammes', { query: { limit: 500 } }),
    staleTime: 5 * 60_000,
  });
}
