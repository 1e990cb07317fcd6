import { useState, type ReactNode } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { isApiError, isUnauthorized } from '../lib/api';
import { keys } from '../lib/queries';
import { meQuery } from '../features/auth/session';
import { MantineShell } from './MantineShell';
import { PUBLIC_PAGES } from './page-table';

function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // A 401 anywhere means the session ended: back to sign-in.
        if (isUnauthorized(error) && query.queryKey[0] !== keys.me[0]) client.setQueryData(keys.me, null);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error) => {
        if (isUnauthorized(error)) client.setQueryData(keys.me, null);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
  // Asked at once, alongside the page's own chunk, instead of when that chunk has arrived and drawn:
  // one round trip less before any page shows (400 ms each on a slow link). A public page (a test
  // taken through its link) has no account to ask about.
  if (!PUBLIC_PAGES.some(({ path }) => matchPath(path, window.location.pathname))) void client.prefetchQuery(meQuery);
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <MantineShell>{children}</MantineShell>
    </QueryClientProvider>
  );
}
