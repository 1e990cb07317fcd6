import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';

export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => api.call('dashboard') });
}
