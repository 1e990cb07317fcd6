import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './AppLayout';
import { RouteError } from './RouteError';

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

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'events', element: <EventsListPage /> },
      { path: 'events/new', element: <EventFormPage /> },
      { path: 'events/:id', element: <EventPage /> },
      { path: 'events/:id/edit', element: <EventFormPage /> },
      { path: 'people', element: <PeopleListPage /> },
      { path: 'people/new', element: <PersonCreatePage /> },
      { path: 'people/:id', element: <PersonPage /> },
      { path: 'organizations', element: <OrganizationsPage /> },
      { path: 'organizations/:id', element: <OrganizationPage /> },
      { path: 'programmes', element: <ProgrammesPage /> },
      { path: 'reports', element: <ProgrammeReportPage /> },
      { path: 'users', element: <UsersPage /> },
      { path: 'system', element: <SystemPage /> },
      { path: '*', element: <RouteError notFound /> },
    ],
  },
]);
