import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { keys, urlQuery, usePagedList, type Filters } from '../../lib/queries';

export const useCampaignList = (filters: Filters) =>
  usePagedList(keys.campaignList(filters), (page) => api.call('listCampaigns', { query: { ...urlQuery('listCampaigns', filters), ...page } }));

/** The key of the years' campaigns in figures (the dashboard's card): changes to a campaign refresh them. */
export const campaignSummaryKey = [...keys.campaigns, 'summary'] as const;

/** A calendar year's campaigns in figures; the year shown stays while another one loads. */
export function useCampaignSummary(year: number) {
  return useQuery({
    queryKey: [...campaignSummaryKey, year],
    queryFn: () => api.call('campaignSummary', { query: { year } }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}

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

/** After a change to a campaign's parts: its page, the list (counts) and the year's figures are read again. */
export function useRefreshCampaign(id: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: keys.campaign(id) });
    void queryClient.invalidateQueries({ queryKey: ['campaigns', 'list'] });
    void queryClient.invalidateQueries({ queryKey: campaignSummaryKey });
  };
}
