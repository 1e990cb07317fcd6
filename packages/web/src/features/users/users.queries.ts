import { useQuery } from '@tanstack/react-query';
import type { Page, User } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';
import type { TrainerList } from '../../lib/types';

export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api.get<Page<User>>('/api/users', { limit: 500 }),
    enabled,
  });
}

/** The users who can be named as an event's trainers. */
export function useTrainers(enabled = true) {
  return useQuery({
    queryKey: keys.trainers,
    queryFn: () => api.get<TrainerList>('/api/trainers'),
    staleTime: 5 * 60_000,
    enabled,
  });
}
