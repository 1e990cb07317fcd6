import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';

export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => api.get<Dashboard>('/api/reports/dashboard') });
}
