import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddParticipantBody, AttendanceBody, DayAttendanceBody, ParticipantList, UpdateParticipantBody } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys } from '../../lib/queries';

/** After any change to who attended: the list, the summary, the event's count and its history. */
export function useInvalidateParticipants(eventId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.eventParticipants(eventId) });
    void queryClient.invalidateQueries({ queryKey: keys.eventSummary(eventId) });
    void queryClient.invalidateQueries({ queryKey: keys.event(eventId) });
    void queryClient.invalidateQueries({ queryKey: keys.eventHistory(eventId) });
    void queryClient.invalidateQueries({ queryKey: ['events', 'list'] });
    void queryClient.invalidateQueries({ queryKey: keys.dashboard });
    void queryClient.invalidateQueries({ queryKey: ['people', 'one'] });
  };
}

export function useAddParticipant(eventId: string) {
  const invalidate = useInvalidateParticipants(eventId);
  return useMutation({
    mutationFn: (body: AddParticipantBody) => api.call('addParticipant', { params: { id: eventId }, body }),
    onSuccess: invalidate,
  });
}

export function useUpdateParticipant(eventId: string) {
  const invalidate = useInvalidateParticipants(eventId);
  return useMutation({
    mutationFn: ({ personId, body }: { personId: string; body: UpdateParticipantBody }) =>
      api.call('updateParticipant', { params: { id: eventId, personId }, body }),
    onSuccess: invalidate,
  });
}

export function useRemoveParticipant(eventId: string) {
  const invalidate = useInvalidateParticipants(eventId);
  return useMutation({
    mutationFn: (personId: string) => api.call('removeParticipant', { params: { id: eventId, personId } }),
    onSuccess: invalidate,
  });
}

function applyAttendance(list: ParticipantList, change: AttendanceBody): ParticipantList {
  return {
    ...list,
    items: list.items.map((p) => {
      if (p.personId !== change.personId) return p;
      const presentDates = p.presentDates.filter((d) => d !== change.date);
      const absentDates = p.absentDates.filter((d) => d !== change.date);
      if (change.present) presentDates.push(change.date);
      else absentDates.push(change.date);
      return { ...p, presentDates, absentDates, attended: presentDates.length > 0 || p.attendedDirect };
    }),
  };
}

/** Marks a day present/absent with an optimistic update of the grid. */
export function useSetAttendance(eventId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateParticipants(eventId);
  const key = keys.eventParticipants(eventId);
  return useMutation({
    mutationFn: (body: AttendanceBody) => api.call('setAttendance', { params: { id: eventId }, body }),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<ParticipantList>(key);
      if (previous) queryClient.setQueryData<ParticipantList>(key, applyAttendance(previous, body));
      return { previous };
    },
    onError: (_error, _body, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    onSettled: () => {
      // Refetch only when no other toggle is still on its way, so quick clicks do not flicker.
      if (queryClient.isMutating({ mutationKey: ['attendance', eventId] }) <= 1) invalidate();
    },
    mutationKey: ['attendance', eventId],
  });
}

/** "All present" / "all absent" on one day: the server marks everyone on the list and answers the new list. */
export function useSetDayAttendance(eventId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateParticipants(eventId);
  return useMutation({
    mutationFn: (body: DayAttendanceBody) => api.call('setDayAttendance', { params: { id: eventId }, body }),
    onSuccess: (list) => {
      queryClient.setQueryData(keys.eventParticipants(eventId), list);
      invalidate();
    },
    mutationKey: ['attendance', eventId],
  });
}
