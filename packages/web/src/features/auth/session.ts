import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LoginBody, User } from '@hifazat/contract';
import { api, isNetworkError, isUnauthorized } from '../../lib/api';
import { keys } from '../../lib/queries';
import { lastUser, rememberUser } from './lastUser';

/** The signed-in user (null when signed out). GET /api/auth/me drives the session; without a network, the last one. */
export const meQuery = {
  queryKey: keys.me,
  queryFn: async (): Promise<User | null> => {
    try {
      const { user } = await api.call('me');
      rememberUser(user);
      return user;
    } catch (error) {
      if (isUnauthorized(error)) {
        rememberUser(null);
        return null;
      }
      const last = isNetworkError(error) ? lastUser() : null;
      if (last) return last;
      throw error;
    }
  },
  staleTime: 5 * 60_000,
  retry: false,
  // Asked once without a network too: the account last signed in then opens the app.
  networkMode: 'offlineFirst' as const,
};

export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user inside the authenticated layout (never null there). */
export function useUser(): User {
  const { data } = useMe();
  if (!data) throw new Error('useUser outside an authenticated route');
  return data;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginBody) => api.call('signIn', { body }),
    onSuccess: (result) => {
      queryClient.clear();
      // A case role's sign-in waits for the second factor: nobody is signed in yet.
      if (!('user' in result)) return;
      signedIn(queryClient, result.user);
    },
  });
}

/** The session became full (a password, or a second factor after it): the app starts afresh as `user`. */
export function signedIn(queryClient: QueryClient, user: User): void {
  rememberUser(user);
  queryClient.clear();
  queryClient.setQueryData(keys.me, user);
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.call('signOut'),
    onSettled: () => {
      rememberUser(null);
      queryClient.clear();
      queryClient.setQueryData(keys.me, null);
    },
  });
}
