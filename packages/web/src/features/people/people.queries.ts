import { useQuery } from '@tanstack/react-query';
import type { Person } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys, usePagedList, type Filters } from '../../lib/queries';
import type { PersonParticipations } from '../../lib/types';

export const usePeopleList = (filters: Filters) => usePagedList<Person>(keys.peopleList(filters), '/api/people', filters);

export function usePerson(id: string) {
  return useQuery({ queryKey: keys.person(id), queryFn: () => api.get<Person>(`/api/people/${id}`) });
}

export function usePersonParticipations(id: string) {
  return useQuery({
    queryKey: keys.personParticipations(id),
    queryFn: () => api.get<PersonParticipations>(`/api/people/${id}/participations`),
  });
}
