import { Component, lazy, type ReactNode } from 'react';
import { Route, Routes, useLocation } from 'react-router';
import { RouteError } from './RouteError';

// Every page is its own chunk; the signed-in frame too, so that the sign-in page loads neither.
const SignedIn = lazy(() => import('./SignedIn'));
const LoginPage = lazy(() => import('../features/auth/LoginPage'));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage'));
const EventsListPage = lazy(() => import('../features/events/EventsListPage'));
const EventFormPage = lazy(() => import('../features/events/EventFormPage'));
const EventPage = lazy(() => import('../features/events/EventPage'));
const PeopleListPage = lazy(() => import('../features/people/PeopleListPage'));
const PersonCreatePage = lazy(() => import('../features/people/PersonCreatePage'));
const PersonPage = lazy(() => import('../features/people/PersonPage'));
const OrganizationsPage = lazy(() => import('../features/organizations/OrganizationsPage'));
const OrganizationPage = lazy(() => import('../features/organizations/OrganizationPage'));
const ProgrammesPage = lazy(() => import('../features/programmes/ProgrammesPage'));
const ProgrammeReportPage = lazy(() => import('../features/reports/ProgrammeReportPage'));
const UsersPage = lazy(() => import('../features/users/UsersPage'));
const SystemPage = lazy(() => import('../features/system/SystemPage'));

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
        <Route path="/login" element={<LoginPage />} />
        <Route path="/" element={<SignedIn />}>
          <Route index element={<DashboardPage />} />
          <Route path="events" element={<EventsListPage />} />
          <Route path="events/new" element={<EventFormPage />} />
          <Route path="events/:id" element={<EventPage />} />
          <Route path="events/:id/edit" element={<EventFormPage />} />
          <Route path="people" element={<PeopleListPage />} />
          <Route path="people/new" element={<PersonCreatePage />} />
          <Route path="people/:id" element={<PersonPage />} />
          <Route path="organizations" element={<OrganizationsPage />} />
          <Route path="organizations/:id" element={<OrganizationPage />} />
          <Route path="programmes" element={<ProgrammesPage />} />
          <Route path="reports" element={<ProgrammeReportPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="system" element={<SystemPage />} />
          <Route path="*" element={<RouteError notFound />} />
        </Route>
      </Routes>
    </RouteErrorBoundary>
  );
}
