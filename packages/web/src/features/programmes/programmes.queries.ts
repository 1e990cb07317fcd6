import { useQuery } from '@tanstack/react-query';
import type { Page, Programme } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys, usePagedList, type Filters } from '../../lib/queries';

export const useProgrammeList = (filters: Filters) => usePagedList<Programme>(keys.programmeList(filters), '/api/programmes', filters);

/** All programmes (a handful), for selects and filters. */
export function useProgrammeOptions() {
  return useQuery({
    queryKey: keys.programmeList({ limit: 500 }),
    queryFn: () => api.get<Page<Programme>>('/api/programmes', { limit: 500 }),
    staleTime: 5 * 60_000,
  });
}
