import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys as appKeys } from '../../lib/queries';

/** An event's certificates and their settings sit under the event's key: refreshing the event refreshes them. */
export const certificateKeys = {
  settings: (eventId: string) => [...appKeys.event(eventId), 'certificate-settings'] as const,
  list: (eventId: string) => [...appKeys.event(eventId), 'certificates'] as const,
  /** Under the list's key: a revocation, which refreshes the list, refreshes the history too. */
  history: (eventId: string, number: string) => [...certificateKeys.list(eventId), number, 'history'] as const,
};

export function useCertificateSettings(eventId: string) {
  return useQuery({ queryKey: certificateKeys.settings(eventId), queryFn: () => api.call('certificateSettings', { params: { id: eventId } }) });
}

export function useEventCertificates(eventId: string) {
  return useQuery({ queryKey: certificateKeys.list(eventId), queryFn: () => api.call('listEventCertificates', { params: { id: eventId } }) });
}
