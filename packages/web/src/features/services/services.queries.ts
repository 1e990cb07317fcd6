import { useQuery } from '@tanstack/react-query';
import { roleMay, serviceTypes, sexes, type ServiceListQuery, type User } from '@hifazat/contract';
import { api } from '../../lib/api';
import { asEnum } from '../../lib/options';

// The directory's queries; their keys live here: nothing outside the feature reads or refreshes a service.

export type ServiceFilters = { need: string; province: string; sex: string; age: string; language: string; mine: string };

export const serviceKeys = {
  all: ['services'] as const,
  list: (filters: ServiceFilters) => ['services', 'list', filters] as const,
  one: (id: string) => ['services', 'one', id] as const,
  providers: ['services', 'provider-accounts'] as const,
};

/** The list's query from the address's filters: only known values go on (a link may hold anything). */
export function serviceListQuery(filters: ServiceFilters): ServiceListQuery {
  const need = asEnum(serviceTypes, filters.need);
  const sex = asEnum(sexes, filters.sex);
  const age = /^\d{1,3}$/.test(filters.age.trim()) ? filters.age.trim() : '';
  const language = /^[a-z]{2,3}$/.test(filters.language) ? filters.language : '';
  return {
    ...(need ? { need } : {}),
    ...(filters.province ? { province: filters.province } : {}),
    ...(sex ? { sex } : {}),
    ...(age ? { age } : {}),
    ...(language ? { language } : {}),
    ...(filters.mine === 'true' ? { mine: 'true' as const } : {}),
  };
}

export const useServiceList = (filters: ServiceFilters) =>
  useQuery({ queryKey: serviceKeys.list(filters), queryFn: () => api.call('listServices', { query: serviceListQuery(filters) }) });

export const useService = (id: string) => useQuery({ queryKey: serviceKeys.one(id), queryFn: () => api.call('getService', { params: { id } }) });

export const useProviderAccounts = (enabled: boolean) =>
  useQuery({ queryKey: serviceKeys.providers, queryFn: () => api.call('listProviderAccounts', {}), enabled });

/** What the directory's pages offer to each role (the server decides; these hide what it would refuse). */
export const serviceCan = {
  read: (user: User | null) => !!user && roleMay(user.role, 'services.read'),
  keep: (user: User | null) => !!user && roleMay(user.role, 'services.write'),
};
