import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { EventSelection } from '@hifazat/contract';
import { api } from '../../lib/api';
import { keys, urlQuery, type Filters } from '../../lib/queries';

export function useProgrammeReport(filters: Filters) {
  return useQuery({
    queryKey: keys.report(filters),
    queryFn: () => api.call('programmeReport', { query: urlQuery('programmeReport', filters) }),
    placeholderData: keepPreviousData,
  });
}

/** The tests of a selection of events, pooled (GET /api/assessment). */
export function useAssessmentAcross(selection: EventSelection) {
  return useQuery({
    queryKey: keys.learning('assessment', selection),
    queryFn: () => api.call('assessmentAcrossEvents', { query: selection }),
    placeholderData: keepPreviousData,
  });
}

/** The questionnaires of a selection of events, one template's pooled (GET /api/feedback/results). */
export function useFeedbackAcross(selection: EventSelection & { templateId?: string }) {
  return useQuery({
    queryKey: keys.learning('feedback', selection),
    queryFn: () => api.call('feedbackResults', { query: selection }),
    placeholderData: keepPreviousData,
  });
}
