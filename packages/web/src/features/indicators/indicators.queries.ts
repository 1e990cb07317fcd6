import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const indicatorKeys = {
  all: ['indicators'] as const,
  logframe: (programmeId: string) => ['indicators', 'logframe', programmeId] as const,
  values: (programmeId: string, period: string) => ['indicators', 'values', programmeId, period] as const,
  donorReport: (programmeId: string, period: string) => ['indicators', 'donor-report', programmeId, period] as const,
};

export const useLogframe = (programmeId: string) =>
  useQuery({ queryKey: indicatorKeys.logframe(programmeId), queryFn: () => api.call('getLogframe', { params: { id: programmeId } }) });

export const useProgrammeValues = (programmeId: string, period: string) =>
  useQuery({
    queryKey: indicatorKeys.values(programmeId, period),
    queryFn: () => api.call('programmeValues', { params: { id: programmeId }, query: { period } }),
    placeholderData: keepPreviousData,
  });

export const useDonorReport = (programmeId: string, period: string) =>
  useQuery({
    queryKey: indicatorKeys.donorReport(programmeId, period),
    queryFn: () => api.call('donorReport', { params: { id: programmeId }, query: { period } }),
    placeholderData: keepPreviousData,
  });
