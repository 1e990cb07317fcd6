import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

// Consent and referral. Keyed under the case's own key where they belong to a case, so that a move of
// the case (a referral sent from immediate assistance moves it) refreshes them together.
export const referralKeys = {
  all: ['referrals'] as const,
  dashboard: ['referrals', 'dashboard'] as const,
  ofCase: (caseId: string) => ['cases', 'one', caseId, 'referrals'] as const,
  consents: (caseId: string) => ['cases', 'one', caseId, 'consents'] as const,
};

export const useReferralDashboard = () => useQuery({ queryKey: referralKeys.dashboard, queryFn: () => api.call('referralDashboard', {}) });
export const useAllReferrals = () => useQuery({ queryKey: [...referralKeys.all, 'list'], queryFn: () => api.call('listReferrals', { query: {} }) });
export const useCaseReferrals = (caseId: string) =>
  useQuery({ queryKey: referralKeys.ofCase(caseId), queryFn: () => api.call('listCaseReferrals', { params: { id: caseId } }) });
export const useConsents = (caseId: string) =>
  useQuery({ queryKey: referralKeys.consents(caseId), queryFn: () => api.call('listConsents', { params: { id: caseId } }) });
