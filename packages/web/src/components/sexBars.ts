import type { SexCounts } from '@hifazat/contract';
import type { Translate } from '../i18n';
import type { BarSeries } from './BarChart';

/** The four sexes as stacked bar series, in one order and colour on every chart. */
export const sexSeries = (t: Translate): BarSeries[] => [
  { label: t('sex.female'), color: 'var(--mantine-color-grape-6)' },
  { label: t('sex.male'), color: 'var(--mantine-color-blue-6)' },
  { label: t('sex.other'), color: 'var(--mantine-color-yellow-6)' },
  { label: t('sex.unknown'), color: 'var(--mantine-color-gray-5)' },
];

/** A count's values in the order of `sexSeries`. */
export const sexValues = (counts: SexCounts): number[] => [counts.female, counts.male, counts.other, counts.unknown];

/** "2026-Q4" → "Q4 2026" / "چوتھی سہ ماہی 2026"; anything else as it is. */
export function quarterLabel(t: Translate, value: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(value);
  return match ? t(`report.quarter${match[2]}`, { year: match[1] }) : value;
}
