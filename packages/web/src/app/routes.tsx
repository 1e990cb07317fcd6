import { Component, lazy, type ComponentType, type ReactNode } from 'react';
import { matchPath, Route, Routes, useLocation } from 'react-router';
import { PUBLIC_PAGES, SIGN_IN_PAGE, SIGNED_IN_FRAME, SIGNED_IN_PAGES } from './page-table';
import { RouteError } from './RouteError';

/** A page in a chunk of its own, fetched once: when first drawn, or at start-up for the address opened. */
function page(load: () => Promise<{ default: ComponentType }>) {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const fetch = () => (loading ??= load());
  return { fetch, Page: lazy(fetch) };
}

type PageModule = { default: ComponentType };
// Every page module, each a lazy chunk of its own, keyed as in page-table.ts ('src/features/…').
const PAGE_MODULES = import.meta.glob<PageModule>(['../features/*/*Page.tsx', './SignedIn.tsx']);

function pageOf(module: string) {
  const load = PAGE_MODULES[module.replace(/^src\/(app\/)?/, (_, app: string | undefined) => (app ? './' : '../'))];
  if (!load) throw new Error(`no page module ${module}`);
  return page(load);
}

// The signed-in frame is a chunk too, so that the sign-in page loads neither it nor any other page.
const signedIn = pageOf(SIGNED_IN_FRAME);
const signInPage = pageOf(SIGN_IN_PAGE.module);
const PAGES = SIGNED_IN_PAGES.map(({ path, module }) => ({ path, ...pageOf(module) }));
const OPEN_PAGES = PUBLIC_PAGES.map(({ path, module }) => ({ path, ...pageOf(module) }));

// The frame's and the page's chunks are asked for together at start-up, not one after the other as
// each draws (a round trip saved per level on a slow link; the server names their files in the HTML too).
const openPage = OPEN_PAGES.find(({ path }) => matchPath(path, window.location.pathname));
if (matchPath(SIGN_IN_PAGE.path, window.location.pathname)) void signInPage.fetch();
else if (openPage) void openPage.fetch();
else {
  void signedIn.fetch();
  void PAGES.find(({ path }) => matchPath(path, window.location.pathname))?.fetch();
}

/**
 * Shows the error page when a page fails to draw (or its chunk fails to load), until the address
 * changes. Declarative routes, not createBrowserRouter: the data router was 16 kB (gzip) of every
 * first load for features the app does not use (loaders, actions, fetchers).
 */
class RouteErrorBoundary extends Component<{ pathname: string; children: ReactNode }, { failed: boolean; pathname: string }> {
  override state = { failed: false, pathname: this.props.pathname };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { pathname: string }, state: { failed: boolean; pathname: string }) {
    if (props.pathname === state.pathname) return null;
    return { failed: false, pathname: props.pathname };
  }

  override render() {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}

export function AppRoutes() {
  const { pathname } = useLocation();
  return (
    <RouteErrorBoundary pathname={pathname}>
      <Routes>
        <Route path={SIGN_IN_PAGE.path} element={<signInPage.Page />} />
        {/* Public pages: outside the signed-in frame, which would send a visitor to sign-in. */}
        {OPEN_PAGES.map(({ path, Page }) => (
          <Route key={path} path={path} element={<Page />} />
        ))}
        <Route path="/" element={<signedIn.Page />}>
          {PAGES.map(({ path, Page }) =>
            path === '/' ? <Route key={path} index element={<Page />} /> : <Route key={path} path={path.slice(1)} element={<Page />} />,
          )}
          <Route path="*" element={<RouteError notFound />} />
        </Route>
      </Routes>
    </RouteErrorBoundary>
  );
}
