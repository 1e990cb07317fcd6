import { Component, lazy, type ComponentType, type ReactNode } from 'react';
import { matchPath, Route, Routes, useLocation } from 'react-router';
import { RouteError } from './RouteError';

/** A page in a chunk of its own, fetched once: when first drawn, or at start-up for the address opened. */
function page(load: () => Promise<{ default: ComponentType }>) {
  let loading: Promise<{ default: ComponentType }> | undefined;
  const fetch = () => (loading ??= load());
  return { fetch, Page: lazy(fetch) };
}

// The signed-in frame is a chunk too, so that the sign-in page loads neither it nor any other page.
const signedIn = page(() => import('./SignedIn'));
const signInPage = page(() => import('../features/auth/LoginPage'));
/** The signed-in pages, by address under "/" ('' is the dashboard); the first that matches is drawn. */
const PAGES: [string, ReturnType<typeof page>][] = [
  ['', page(() => import('../features/dashboard/DashboardPage'))],
  ['events', page(() => import('../features/events/EventsListPage'))],
  ['events/new', page(() => import('../features/events/EventFormPage'))],
  ['events/:id', page(() => import('../features/events/EventPage'))],
  ['events/:id/edit', page(() => import('../features/events/EventFormPage'))],
  ['people', page(() => import('../features/people/PeopleListPage'))],
  ['people/new', page(() => import('../features/people/PersonCreatePage'))],
  ['people/:id', page(() => import('../features/people/PersonPage'))],
  ['organizations', page(() => import('../features/organizations/OrganizationsPage'))],
  ['organizations/:id', page(() => import('../features/organizations/OrganizationPage'))],
  ['programmes', page(() => import('../features/programmes/ProgrammesPage'))],
  ['reports', page(() => import('../features/reports/ProgrammeReportPage'))],
  ['users', page(() => import('../features/users/UsersPage'))],
  ['system', page(() => import('../features/system/SystemPage'))],
];

// The frame's and the page's chunks are asked for together at start-up, not one after the other as
// each draws (a round trip saved per level on a slow link).
if (matchPath('/login', window.location.pathname)) void signInPage.fetch();
else {
  void signedIn.fetch();
  void PAGES.find(([path]) => matchPath(`/${path}`, window.location.pathname))?.[1].fetch();
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
        <Route path="/login" element={<signInPage.Page />} />
        <Route path="/" element={<signedIn.Page />}>
          {PAGES.map(([path, { Page }]) => (path === '' ? <Route key={path} index element={<Page />} /> : <Route key={path} path={path} element={<Page />} />))}
          <Route path="*" element={<RouteError notFound />} />
        </Route>
      </Routes>
    </RouteErrorBoundary>
  );
}
