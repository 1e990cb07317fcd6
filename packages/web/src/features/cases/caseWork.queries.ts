import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

// The SOP work on a case: keyed under the case's own key, so that invalidating the case refreshes them too.
export const caseWorkKeys = {
  workflow: (id: string) => ['cases', 'one', id, 'workflow'] as const,
  tasks: (id: string) => ['cases', 'one', id, 'tasks'] as const,
  care: (id: string) => ['cases', 'one', id, 'care'] as const,
  justice: (id: string) => ['cases', 'one', id, 'justice'] as const,
  approvals: ['cases', 'approvals'] as const,
  overdue: ['cases', 'overdue'] as const,
};

export const useCaseWorkflow = (id: string) => useQuery({ queryKey: caseWorkKeys.workflow(id), queryFn: () => api.call('caseWorkflow', { params: { id } }) });
export const useCaseTasks = (id: string) => useQuery({ queryKey: caseWorkKeys.tasks(id), queryFn: () => api.call('listCaseTasks', { params: { id } }) });
export const useCareFile = (id: string) => useQuery({ queryKey: caseWorkKeys.care(id), queryFn: () => api.call('getCareFile', { params: { id } }) });
export const useJusticeTrack = (id: string, enabled: boolean) =>
  useQuery({ queryKey: caseWorkKeys.justice(id), queryFn: () => api.call('getJusticeTrack', { params: { id } }), enabled });
