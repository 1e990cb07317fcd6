import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { DirectionProvider, MantineProvider, createTheme, useDirection } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from '../i18n';
import { matchPath } from 'react-router';
import { isApiError, isUnauthorized } from '../lib/api';
import { keys } from '../lib/queries';
import { meQuery } from '../features/auth/session';
import { directionOf } from '../i18n';
import { PUBLIC_PAGES } from './page-table';

const LATIN_FONTS = "'Noto Sans', 'Noto Nastaliq Urdu', system-ui, sans-serif";
const URDU_FONTS = "'Noto Nastaliq Urdu', 'Noto Sans', system-ui, sans-serif";

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

function DirectionSync({ language }: { language: string }) {
  const { setDirection } = useDirection();
  const { t } = useTranslation();
  useEffect(() => {
    setDirection(directionOf(language));
    document.title = t('app.name');
  }, [language, setDirection, t]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const language = i18n.language;
  const urdu = language === 'ur';
  const theme = useMemo(
    () =>
      createTheme({
        primaryColor: 'teal',
        fontFamily: urdu ? URDU_FONTS : LATIN_FONTS,
        headings: { fontFamily: urdu ? URDU_FONTS : LATIN_FONTS, fontWeight: '700' },
        lineHeights: urdu ? { xs: '1.9', sm: '1.9', md: '1.9', lg: '1.9', xl: '1.9' } : { xs: '1.4', sm: '1.45', md: '1.55', lg: '1.6', xl: '1.65' },
        defaultRadius: 'sm',
      }),
    [urdu],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <DirectionProvider initialDirection={directionOf(language)} detectDirection={false}>
        <DirectionSync language={language} />
        <MantineProvider theme={theme} defaultColorScheme="light">
          {children}
        </MantineProvider>
      </DirectionProvider>
    </QueryClientProvider>
  );
}
