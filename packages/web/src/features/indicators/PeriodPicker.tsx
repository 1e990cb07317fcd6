import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from '../../i18n';
import './strings';

/** The reporting period: a year, and the whole year or one of its quarters ('2025', '2025-Q2'). */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (period: string) => void }) {
  const { t } = useTranslation();
  const year = value.slice(0, 4);
  const quarter = value.length > 4 ? value.slice(5) : '';
  const now = new Date().getFullYear();
  const years = Array.from({ length: 12 }, (_, i) => String(now + 1 - i));
  if (!years.includes(year)) years.push(year);
  return (
    <Group gap="xs" wrap="nowrap">
      <NativeSelect
        aria-label={t('indicators:year')}
        data={years}
        value={year}
        onChange={(e) => onChange(quarter ? `${e.currentTarget.value}-${quarter}` : e.currentTarget.value)}
        data-testid="period-year"
      />
      <NativeSelect
        aria-label={t('indicators:period')}
        data={[{ value: '', label: t('indicators:wholeYear') }, ...[1, 2, 3, 4].map((n) => ({ value: `Q${n}`, label: t('indicators:quarter', { n }) }))]}
        value={quarter}
        onChange={(e) => onChange(e.currentTarget.value ? `${year}-${e.currentTarget.value}` : year)}
        data-testid="period-quarter"
      />
    </Group>
  );
}

/** The current quarter ('2026-Q3'). */
export function currentQuarter(): string {
  const now = new Date();
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}

export const PERIOD = /^\d{4}(-Q[1-4])?$/;
