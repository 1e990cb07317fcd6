import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from './api';

/** Deletes a record, forgets its cached copy, refreshes the lists it was in and goes back to its list page. */
export function useDeleteRecord(options: {
  route: 'deleteEvent' | 'deletePerson' | 'deleteOrganization' | 'deleteProgramme' | 'deleteCampaign';
  id: string;
  recordKey: readonly unknown[];
  invalidate: (readonly unknown[])[];
  then: string;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.call(options.route, { params: { id: options.id } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: options.recordKey });
      for (const key of options.invalidate) void queryClient.invalidateQueries({ queryKey: key });
      void navigate(options.then, { replace: true });
    },
  });
}
