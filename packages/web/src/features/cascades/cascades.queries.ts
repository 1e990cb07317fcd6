import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys as appKeys } from '../../lib/queries';

/**
 * A ToT's graduates and pool sit under the event's key (refreshing the event refreshes them); the
 * cascades under their own, which a graduation refreshes too.
 */
export const cascadeKeys = {
  graduates: (eventId: string) => [...appKeys.event(eventId), 'graduates'] as const,
  pool: (eventId: string) => [...appKeys.event(eventId), 'candidate-pool'] as const,
  all: ['cascades'] as const,
  one: (totId: string) => ['cascades', 'one', totId] as const,
  list: (programmeId: string | undefined) => ['cascades', 'list', programmeId ?? ''] as const,
  summary: ['cascades', 'summary'] as const,
};

export function useGraduates(eventId: string) {
  return useQuery({ queryKey: cascadeKeys.graduates(eventId), queryFn: () => api.call('listEventGraduates', { params: { id: eventId } }) });
}

export function useCandidatePool(eventId: string) {
  return useQuery({ queryKey: cascadeKeys.pool(eventId), queryFn: () => api.call('eventCandidatePool', { params: { id: eventId } }) });
}

export function useCascade(totId: string) {
  return useQuery({ queryKey: cascadeKeys.one(totId), queryFn: () => api.call('getCascade', { params: { id: totId } }) });
}

export function useCascades(programmeId: string | undefined) {
  return useQuery({
    queryKey: cascadeKeys.list(programmeId),
    queryFn: () => api.call('listCascades', { query: programmeId ? { programmeId } : {} }),
  });
}

/** Every cascade in figures (the dashboard's card); a graduation refreshes it with the rest of the cascades. */
export function useCascadeSummary() {
  return useQuery({ queryKey: cascadeKeys.summary, queryFn: () => api.call('cascadeSummary'), staleTime: 60_000 });
}
