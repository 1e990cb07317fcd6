import { Select } from '@mantine/core';
import { useTranslation } from '../../i18n';
import { PAKISTAN_PROVINCES, eventTypes } from '@hifazat/contract';
import { enumOptions, uniqueSorted } from '../../lib/options';
import { useProgrammeOptions } from '../programmes/programmes.queries';
import { useFacets } from './events.queries';
import { DateField } from '../../components/DateField';

// Filter fields the events list and the programme report share; each reports '' or null for "any".

type SelectFilter = { value: string; onChange: (value: string | null) => void; testId: string };

export function ProgrammeFilter({ value, onChange, testId }: SelectFilter) {
  const { t } = useTranslation();
  const programmes = useProgrammeOptions();
  return (
    <Select
      label={t('event.programme')}
      data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={value || null}
      onChange={onChange}
      clearable
      searchable
      data-testid={testId}
    />
  );
}

export function ProvinceFilter({ value, onChange, testId }: SelectFilter) {
  const { t } = useTranslation();
  const facets = useFacets();
  return (
    <Select
      label={t('event.province')}
      data={uniqueSorted([...PAKISTAN_PROVINCES, ...(facets.data?.provinces ?? [])])}
      value={value || null}
      onChange={onChange}
      clearable
      searchable
      data-testid={testId}
    />
  );
}

export function EventTypeFilter({ value, onChange, testId }: SelectFilter) {
  const { t } = useTranslation();
  return (
    <Select label={t('event.type')} data={enumOptions(t, 'eventType', eventTypes)} value={value || null} onChange={onChange} clearable data-testid={testId} />
  );
}

/** "From" and "To" dates. */
export function DateRangeFilter(props: { from: string; to: string; onChange: (name: 'from' | 'to', value: string) => void; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <DateField
        label={t('common.from')}
        value={props.from}
        onChange={(value) => props.onChange('from', value)}
        clearable
        testId={`${props.testIdPrefix}-from`}
      />
      <DateField label={t('common.to')} value={props.to} onChange={(value) => props.onChange('to', value)} clearable testId={`${props.testIdPrefix}-to`} />
    </>
  );
}
