import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Page, QueryValue, RouteInput, RouteName, Routes } from '@hifazat/contract';
import { api } from './api';

// The query keys and the pieces every feature uses; each feature's own hooks live beside it
// (features/<feature>/<feature>.queries.ts). The keys stay in one place because features invalidate
// each other's (saving a person refreshes the dashboard).

export type Filters = Record<string, QueryValue>;

export const keys = {
  me: ['me'] as const,
  dashboard: ['dashboard'] as const,
  events: ['events'] as const,
  eventList: (filters: Filters) => ['events', 'list', filters] as const,
  event: (id: string) => ['events', 'one', id] as const,
  eventSummary: (id: string) => ['events', 'one', id, 'summary'] as const,
  eventParticipants: (id: string) => ['events', 'one', id, 'participants'] as const,
  eventHistory: (id: string) => ['events', 'one', id, 'history'] as const,
  facets: ['events', 'facets'] as const,
  people: ['people'] as const,
  peopleList: (filters: Filters) => ['people', 'list', filters] as const,
  person: (id: string) => ['people', 'one', id] as const,
  personHistory: (id: string) => ['people', 'one', id, 'history'] as const,
  personParticipations: (id: string) => ['people', 'one', id, 'participations'] as const,
  organizations: ['organizations'] as const,
  organizationList: (filters: Filters) => ['organizations', 'list', filters] as const,
  organizationOptions: ['organizations', 'options'] as const,
  organization: (id: string) => ['organizations', 'one', id] as const,
  organizationHistory: (id: string) => ['organizations', 'one', id, 'history'] as const,
  programmes: ['programmes'] as const,
  programmeList: (filters: Filters) => ['programmes', 'list', filters] as const,
  programme: (id: string) => ['programmes', 'one', id] as const,
  programmeHistory: (id: string) => ['programmes', 'one', id, 'history'] as const,
  trainers: ['trainers'] as const,
  users: ['users'] as const,
  system: ['system'] as const,
  report: (filters: Filters) => ['reports', 'programme', filters] as const,
  campaigns: ['campaigns'] as const,
  campaignList: (filters: Filters) => ['campaigns', 'list', filters] as const,
  campaign: (id: string) => ['campaigns', 'one', id] as const,
  campaignHistory: (id: string) => ['campaigns', 'one', id, 'history'] as const,
  needsAssessments: ['needs-assessments'] as const,
  needsAssessmentList: (filters: Filters) => ['needs-assessments', 'list', filters] as const,
  learning: (part: 'assessment' | 'feedback', filters: Filters) => ['reports', 'learning', part, filters] as const,
};

const PAGE_SIZE = 50;

/** The routes that answer a record's history. */
export type HistoryRoute =
  | 'eventHistory'
  | 'personHistory'
  | 'organizationHistory'
  | 'programmeHistory'
  | 'userHistory'
  | 'questionHistory'
  | 'testHistory'
  | 'feedbackTemplateHistory'
  | 'campaignHistory';

/**
 * Filters read from the address, as a route's query. They are text a user or a shared link wrote, so
 * their type cannot be known here: the server checks them against the route's query schema (a wrong one
 * answers 400, which the page shows). This is the one place where that text meets a typed route.
 */
export function urlQuery<N extends RouteName>(_route: N, filters: Filters): NonNullable<RouteInput<Routes[N]>['query']> {
  return filters as NonNullable<RouteInput<Routes[N]>['query']>;
}

/** A cursor-paginated list with "Load more"; `fetchPage` asks the list's route for one page. */
export function usePagedList<T>(key: readonly unknown[], fetchPage: (page: { limit: number; cursor: string | undefined }) => Promise<Page<T>>, enabled = true) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => fetchPage({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** A record's history (who changed what, when); `enabled` to load it only when its tab is open. */
export function useHistory(key: readonly unknown[], route: HistoryRoute, id: string, enabled = true) {
  return useQuery({ queryKey: key, queryFn: () => api.call(route, { params: { id } }), enabled });
}
