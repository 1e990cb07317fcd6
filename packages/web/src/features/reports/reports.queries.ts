import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, type Filters } from '../../lib/queries';

export function useProgrammeReport(filters: Filters) {
  return useQuery({
    queryKey: keys.report(filters),
    queryFn: () => api.call('programmeReport', { query: urlQuery('programmeReport', filters) }),
    placeholderData: keepPreviousData,
  });
}
