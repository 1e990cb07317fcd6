import { useQuery } from '@tanstack/react-query';
import { caseStatuses, roleMay, type User } from '@hifazat/contract';
import { api, isApiError } from '../../lib/api';
import { asEnum } from '../../lib/options';
import { usePagedList } from '../../lib/queries';

// Case files' queries. Their keys live here, not in lib/queries.ts: nothing outside the cases feature
// reads or refreshes a case (the training register never meets a victim's record).

export type CaseFilters = { q: string; status: string; childrenOnly: string };

export const caseKeys = {
  all: ['cases'] as const,
  list: (filters: CaseFilters) => ['cases', 'list', filters] as const,
  one: (id: string) => ['cases', 'one', id] as const,
  history: (id: string) => ['cases', 'one', id, 'history'] as const,
};

/** The list's query from the address's filters: text a link may have made, so only known values go on. */
export function caseListQuery(filters: CaseFilters) {
  const query = filters.q.trim();
  const status = asEnum(caseStatuses, filters.status);
  return {
    ...(query ? { query } : {}),
    ...(status ? { status } : {}),
    ...(filters.childrenOnly === 'true' ? { childrenOnly: 'true' as const } : {}),
  };
}

export const useCaseList = (filters: CaseFilters) =>
  usePagedList(caseKeys.list(filters), (page) => api.call('listCases', { query: { ...caseListQuery(filters), ...page } }));

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.one(id), queryFn: () => api.call('getCase', { params: { id } }) });
}

export function useCaseHistory(id: string, enabled: boolean) {
  return useQuery({ queryKey: caseKeys.history(id), queryFn: () => api.call('caseHistory', { params: { id } }), enabled });
}

/** The refusal that a supervisor or an administrator may answer by breaking the glass. */
export const needsBreakGlass = (error: unknown): boolean => isApiError(error) && error.status === 403 && error.code === 'break_glass_required';

/** What the case pages offer to each role (the server decides; these hide what would be refused). */
export const caseCan = {
  read: (user: User | null) => !!user && roleMay(user.role, 'cases.read'),
  /** The menu's "Cases": the case roles. An administrator reads only what they broke the glass for, from its link. */
  inMenu: (user: User | null) => !!user && (user.role === 'data_officer' || user.role === 'supervisor'),
  create: (user: User | null) => !!user && roleMay(user.role, 'cases.create'),
  write: (user: User | null) => !!user && roleMay(user.role, 'cases.write'),
  screen: (user: User | null) => !!user && roleMay(user.role, 'cases.screen'),
  retention: (user: User | null) => !!user && roleMay(user.role, 'cases.retention'),
  /** HTCDS export: a data officer or supervisor, of their own agency's cases (the server narrows it). */
  exchange: (user: User | null) => !!user && roleMay(user.role, 'cases.exchange'),
};
