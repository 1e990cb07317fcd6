import { useQuery } from '@tanstack/react-query';
import type { Event, EventSummary, Page, ParticipantList } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys, usePagedList, type Filters } from '../../lib/queries';
import type { EventFacets } from '../../lib/types';

export const useEventList = (filters: Filters) => usePagedList<Event>(keys.eventList(filters), '/api/events', filters);

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

/** Cities, provinces, series and topics already used, for suggestions and filters. */
export function useFacets() {
  return useQuery({
    queryKey: keys.facets,
    queryFn: () => api.get<EventFacets>('/api/events/facets'),
    staleTime: 5 * 60_000,
  });
}
