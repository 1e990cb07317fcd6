import { useTranslation } from '../../i18n';
import { PAKISTAN_PROVINCES, eventTypes } from '@hifazat/contract';
import { enumOptions, provinceLabel, uniqueSorted } from '../../lib/options';
import { NativeFilter } from '../../components/NativeFilter';
import { useProgrammeOptions } from '../programmes/programmes.queries';
import { useFacets } from './events.queries';
import { DateField } from '../../components/DateField';

// Filter fields the events list and the programme report share; each reports '' or null for "any".

type SelectFilter = { value: string; onChange: (value: string | null) => void; testId: string };

export function ProgrammeFilter({ value, onChange, testId }: SelectFilter) {
  const { t } = useTranslation();
  const programmes = useProgrammeOptions();
  return (
    <NativeFilter
      label={t('event.programme')}
      data={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
      value={value}
      onChange={onChange}
      testId={testId}
    />
  );
}

export function ProvinceFilter({ value, onChange, testId }: SelectFilter) {
  const { t } = useTranslation();
  const facets = useFacets();
  return (
    <NativeFilter
      label={t('event.province')}
      data={uniqueSorted([...PAKISTAN_PROVINCES, ...(facets.data?.provinces ?? [])]).map((province) => ({
        value: province,
        label: provinceLabel(t, province) ?? province,
      }))}
      value={value}
      onChange={onChange}
      testId={testId}
    />
  );
}

export function EventTypeFilter({ value, onChange, testId }: SelectFilter) {
  const { t } = useTranslation();
  return <NativeFilter label={t('event.type')} data={enumOptions(t, 'eventType', eventTypes)} value={value} onChange={onChange} testId={testId} />;
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
