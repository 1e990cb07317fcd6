import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ProgrammeReport } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys, type Filters } from '../../lib/queries';

export function useProgrammeReport(filters: Filters) {
  return useQuery({
    queryKey: keys.report(filters),
    queryFn: () => api.get<ProgrammeReport>('/api/reports/programme', filters),
    placeholderData: keepPreviousData,
  });
}
