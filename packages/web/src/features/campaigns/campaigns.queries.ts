import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const useCampaignList = (filters: Filters) =>
  usePagedList(keys.campaignList(filters), (page) => api.call('listCampaigns', { query: { ...urlQuery('listCampaigns', filters), ...page } }));

export function useCampaign(id: string) {
  return useQuery({ queryKey: keys.campaign(id), queryFn: () => api.call('getCampaign', { params: { id } }) });
}

export const useNeedsAssessmentList = (filters: Filters) =>
  usePagedList(keys.needsAssessmentList(filters), (page) =>
    api.call('listNeedsAssessments', { query: { ...urlQuery('listNeedsAssessments', filters), ...page } }),
  );

/** Needs assessments for a campaign's select (the newest 500). */
export function useNeedsAssessmentOptions() {
  return useQuery({
    queryKey: keys.needsAssessmentList({ limit: 500 }),
    queryFn: () => api.call('listNeedsAssessments', { query: { limit: 500 } }),
    staleTime: 60_000,
  });
}

/** After a change to a campaign's parts: its page and the list (counts) are read again. */
export function useRefreshCampaign(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.campaign(id) });
    void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
  };
}
