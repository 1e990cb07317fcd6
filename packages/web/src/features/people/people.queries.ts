import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const usePeopleList = (filters: Filters) =>
  usePagedList(keys.peopleList(filters), (page) => api.call('listPeople', { query: { ...urlQuery('listPeople', filters), ...page } }));

export function usePerson(id: string) {
  return useQuery({ queryKey: keys.person(id), queryFn: () => api.call('getPerson', { params: { id } }) });
}

export function usePersonParticipations(id: string) {
  return useQuery({
    queryKey: keys.personParticipations(id),
    queryFn: () => api.call('personParticipations', { params: { id } }),
  });
}
