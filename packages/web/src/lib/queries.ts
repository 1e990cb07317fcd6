import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type {
  Dashboard,
  Event,
  EventSummary,
  HistoryEntry,
  Organization,
  Page,
  ParticipantList,
  Person,
  Programme,
  ProgrammeReport,
  User,
} from '@hifazat/contract';
import type { QueryValue } from '@hifazat/contract';
import { api } from './api';
import type { EventFacets, PersonParticipations, TrainerList } from './types';

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
};

const PAGE_SIZE = 50;

/** A cursor-paginated list with "Load more". */
export function usePagedList<T>(key: readonly unknown[], path: string, filters: Filters, enabled = true) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => api.get<Page<T>>(path, { ...filters, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useEventList = (filters: Filters) => usePagedList<Event>(keys.eventList(filters), '/api/events', filters);
export const usePeopleList = (filters: Filters) => usePagedList<Person>(keys.peopleList(filters), '/api/people', filters);
export const useOrganizationList = (filters: Filters) =>
  usePagedList<Organization>(keys.organizationList(filters), '/api/organizations', filters);
export const useProgrammeList = (filters: Filters) =>
  usePagedList<Programme>(keys.programmeList(filters), '/api/programmes', filters);

export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => api.get<Dashboard>('/api/reports/dashboard') });
}

export function useRecentEvents() {
  return useQuery({
    queryKey: keys.eventList({ limit: 5 }),
    queryFn: () => api.get<Page<Event>>('/api/events', { limit: 5 }),
  });
}

export function useEvent(id: string) {
  return useQuery({ queryKey: keys.event(id), queryFn: () => api.get<Event>(`/api/events/${id}`) });
}

export function useEventSummary(id: string) {
  return useQuery({ queryKey: keys.eventSummary(id), queryFn: () => api.get<EventSummary>(`/api/events/${id}/summary`) });
}

export function useEventParticipants(id: string) {
  return useQuery({
    queryKey: keys.eventParticipants(id),
    queryFn: () => api.get<ParticipantList>(`/api/events/${id}/participants`),
  });
}

export function useHistory(key: readonly unknown[], path: string, enabled = true) {
  return useQuery({ queryKey: key, queryFn: () => api.get<{ items: HistoryEntry[] }>(path), enabled });
}

export function useFacets() {
  return useQuery({
    queryKey: keys.facets,
    queryFn: () => api.get<EventFacets>('/api/events/facets'),
    staleTime: 5 * 60_000,
  });
}

/** All programmes (a handful), for selects and filters. */
export function useProgrammeOptions() {
  return useQuery({
    queryKey: keys.programmeList({ limit: 500 }),
    queryFn: () => api.get<Page<Programme>>('/api/programmes', { limit: 500 }),
    staleTime: 5 * 60_000,
  });
}

/** Organisations for selects (up to 500, filtered in the browser). */
export function useOrganizationOptions() {
  return useQuery({
    queryKey: keys.organizationOptions,
    queryFn: () => api.get<Page<Organization>>('/api/organizations', { limit: 500 }),
    staleTime: 5 * 60_000,
  });
}

export function useTrainers(enabled = true) {
  return useQuery({
    queryKey: keys.trainers,
    queryFn: () => api.get<TrainerList>('/api/trainers'),
    staleTime: 5 * 60_000,
    enabled,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: keys.person(id), queryFn: () => api.get<Person>(`/api/people/${id}`) });
}

export function usePersonParticipations(id: string) {
  return useQuery({
    queryKey: keys.personParticipations(id),
    queryFn: () => api.get<PersonParticipations>(`/api/people/${id}/participations`),
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: keys.organization(id), queryFn: () => api.get<Organization>(`/api/organizations/${id}`) });
}

export function useUsers(enabled: boolean) {
  return useQuery({
    queryKey: keys.users,
    queryFn: () => api.get<Page<User>>('/api/users', { limit: 500 }),
    enabled,
  });
}

export function useProgrammeReport(filters: Filters) {
  return useQuery({
    queryKey: keys.report(filters),
    queryFn: () => api.get<ProgrammeReport>('/api/reports/programme', filters),
    placeholderData: keepPreviousData,
  });
}
