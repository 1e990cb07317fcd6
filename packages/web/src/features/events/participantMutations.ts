import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AddParticipantBody, AttendanceBody, DayAttendanceBody, Event, ParticipantList, Person, UpdateParticipantBody, User } from '@hifazat/contract';
import { newClientId } from '../../lib/clientId';
import { saveSnapshot } from '../../lib/offlineQueue';
import { submit, type NewChange, type Outcome } from '../../lib/offlineSync';
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

/**
 * Queues a change of the event's list or register and sends it (lib/offlineSync.ts): resolves
 * 'saved' once the server has it, 'queued' when it is kept on this device for later, 'conflict'
 * when someone else changed the same value meanwhile. The event and its list as last read are kept
 * beside the queue, so that the page can be shown again after a reload without a network.
 */
function useSubmit(eventId: string) {
  const queryClient = useQueryClient();
  return async (change: NewChange): Promise<Outcome> => {
    const user = queryClient.getQueryData<User | null>(keys.me);
    const event = queryClient.getQueryData<Event>(keys.event(eventId));
    const participants = queryClient.getQueryData<ParticipantList>(keys.eventParticipants(eventId));
    if (user && event && participants) await saveSnapshot({ eventId, userId: user.id, event, participants }).catch(() => undefined);
    return submit(change);
  };
}

/** Puts a person on the list; `person` is the row shown until the server has it. */
export function useAddParticipant(eventId: string) {
  const send = useSubmit(eventId);
  return useMutation({
    // The queue decides what happens without a network; React Query must not hold the change back.
    networkMode: 'always',
    mutationFn: ({ body, person }: { body: AddParticipantBody; person: Person }) =>
      send({
        kind: 'addParticipant',
        eventId,
        body: { ...body, clientId: newClientId() },
        person: {
          personId: person.id,
          fullName: person.fullName,
          hidden: false,
          sex: person.sex,
          designation: person.designation,
          province: person.province,
          organization: person.organization,
          role: body.role ?? 'participant',
          attendedDirect: body.attended ?? false,
          presentDates: [],
          absentDates: [],
          attended: body.attended ?? false,
        },
      }),
  });
}

/** A quick edit of a participant (role, attended); `base` is the value shown when it was made. */
export function useUpdateParticipant(eventId: string) {
  const send = useSubmit(eventId);
  return useMutation({
    // The queue decides what happens without a network; React Query must not hold the change back.
    networkMode: 'always',
    mutationFn: ({ personId, body, base }: { personId: string; body: Omit<UpdateParticipantBody, 'base' | 'clientId'>; base: UpdateParticipantBody['base'] }) =>
      send({ kind: 'updateParticipant', eventId, personId, body: { ...body, base, clientId: newClientId() } }),
  });
}

export function useRemoveParticipant(eventId: string) {
  const invalidate = useInvalidateParticipants(eventId);
  return useMutation({
    mutationFn: (personId: string) => api.call('removeParticipant', { params: { id: eventId, personId } }),
    onSuccess: invalidate,
  });
}

/** Marks a day present or absent; `basePresent` is the mark shown when the box was ticked. */
export function useSetAttendance(eventId: string) {
  const send = useSubmit(eventId);
  return useMutation({
    // The queue decides what happens without a network; React Query must not hold the change back.
    networkMode: 'always',
    mutationFn: (body: AttendanceBody & { basePresent: boolean | null }) =>
      send({ kind: 'setAttendance', eventId, body: { ...body, clientId: newClientId() } }),
  });
}

/** "All present" / "all absent" on one day; `base` is each participant's mark shown then. */
export function useSetDayAttendance(eventId: string) {
  const send = useSubmit(eventId);
  return useMutation({
    // The queue decides what happens without a network; React Query must not hold the change back.
    networkMode: 'always',
    mutationFn: (body: DayAttendanceBody & { base: NonNullable<DayAttendanceBody['base']> }) =>
      send({ kind: 'setDayAttendance', eventId, body: { ...body, clientId: newClientId() } }),
  });
}
