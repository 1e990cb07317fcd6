import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { User } from '@hifazat/contract';
import { api, isNetworkError } from '../../lib/api';
import { getSnapshot, type EventSnapshot } from '../../lib/offlineQueue';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const useEventList = (filters: Filters) =>
  usePagedList(keys.eventList(filters), (page) => api.call('listEvents', { query: { ...urlQuery('listEvents', filters), ...page } }));

export function useRecentEvents() {
  return useQuery({
    queryKey: keys.eventList({ limit: 5 }),
    queryFn: () => api.call('listEvents', { query: { limit: 5 } }),
  });
}

/**
 * Without a network, an event with changes queued on this device is shown as it was last read (the
 * snapshot kept beside the queue); any other failure, or no snapshot, is the error it was.
 */
async function orSnapshot<T>(queryClient: QueryClient, eventId: string, read: () => Promise<T>, pick: (s: EventSnapshot) => T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const user = queryClient.getQueryData<User | null>(keys.me);
    const snapshot = isNetworkError(error) && user ? await getSnapshot(eventId, user.id).catch(() => undefined) : undefined;
    if (snapshot) return pick(snapshot);
    throw error;
  }
}

export function useEvent(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: keys.event(id),
    // Tried once without a network too, so that the snapshot of an event with queued changes can answer.
    networkMode: 'offlineFirst',
    queryFn: () =>
      orSnapshot(
        queryClient,
        id,
        () => api.call('getEvent', { params: { id } }),
        (s) => s.event,
      ),
  });
}

export function useEventSummary(id: string) {
  return useQuery({ queryKey: keys.eventSummary(id), queryFn: () => api.call('eventSummary', { params: { id } }) });
}

export function useEventParticipants(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: keys.eventParticipants(id),
    networkMode: 'offlineFirst',
    queryFn: () =>
      orSnapshot(
        queryClient,
        id,
        () => api.call('listParticipants', { params: { id } }),
        (s) => s.participants,
      ),
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
