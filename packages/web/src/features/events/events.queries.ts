import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const useEventList = (filters: Filters) =>
  usePagedList(keys.eventList(filters), (page) => api.call('listEvents', { query: { ...urlQuery('listEvents', filters), ...page } }));

export function useRecentEvents() {
  return useQuery({
    queryKey: keys.eventList({ limit: 5 }),
    queryFn: () => api.call('listEvents', { query: { limit: 5 } }),
  });
}

export function useEvent(id: string) {
  return useQuery({ queryKey: keys.event(id), queryFn: () => api.call('getEvent', { params: { id } }) });
}

export function useEventSummary(id: string) {
  return useQuery({ queryKey: keys.eventSummary(id), queryFn: () => api.call('eventSummary', { params: { id } }) });
}

export function useEventParticipants(id: string) {
  return useQuery({
    queryKey: keys.eventParticipants(id),
    queryFn: () => api.call('listParticipants', { params: { id } }),
  });
}

/** Cities, provinces, series and topics already used, for suggestions and filters. */
export function useFacets() {
  return useQuery({
    queryKey: keys.facets,
    queryFn: () => api.call('eventFacets'),
    staleTime: 5 * 60_000,
  });
}
