import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';

export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api.call('listUsers'),
    enabled,
  });
}

/** The users who can be named as an event's trainers. */
export function useTrainers(enabled = true) {
  return useQuery({
    queryKey: keys.trainers,
    queryFn: () => api.call('listTrainers'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

/** An administrator resets an account's second factor (a lost phone): it enrols again at its next sign-in. */
export function useResetSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('resetSecondFactor', { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.users }),
  });
}
