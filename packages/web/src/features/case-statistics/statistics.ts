import { caseStatuses, screeningSuggestions, sexes, traffickingStatuses, type CaseStatistics } from '@hifazat/contract';
import type { Translate } from '../../i18n';
import { provinceLabel } from '../../lib/options';

/** One line of a breakdown: what it counts, the count (null: withheld) and its share of the total (null: unknown). */
export type StatisticsRow = { key: string; label: string; count: number | null; share: number | null };
export type Breakdown = { id: BreakdownId; rows: StatisticsRow[] };

export const BREAKDOWNS = ['bySex', 'byAgeGroup', 'byStatus', 'byProvince', 'byCitizenship', 'byTraffickingStatus', 'bySuggestion'] as const;
export type BreakdownId = (typeof BREAKDOWNS)[number];

/** The server groups cases without a value under this key. */
const NOT_RECORDED = 'not_recorded';

/** A count as read: the number, or "<5" where it is withheld (1 to 4 cases). */
export function cellText(count: number | null, minimumCell: number, number: (n: number) => string): string {
  return count === null ? `<${number(minimumCell)}` : number(count);
}

const shareOf = (count: number | null, total: number | null) => (count === null || total === null || total <= 0 ? null : Math.min(1, count / total));

/**
 * The keys of a breakdown in the vocabulary's order (the order the programme reports in), then any the
 * server sent that the vocabulary lacks (a status added later), "not recorded" last.
 */
function ordered(counts: Record<string, number | null>, vocabulary: readonly string[]): string[] {
  const known = vocabulary.filter((key) => key in counts);
  const others = Object.keys(counts)
    .filter((key) => !vocabulary.includes(key) && key !== NOT_RECORDED)
    .sort();
  return [...known, ...others, ...(NOT_RECORDED in counts ? [NOT_RECORDED] : [])];
}

/**
 * The statistics as the page's tables: one breakdown per dimension, each row labelled in the reader's
 * language. A withheld cell stays null (never a guess: "<5" could be 1 or 4).
 */
export function breakdowns(stats: CaseStatistics, t: Translate, country: (code: string) => string): Breakdown[] {
  const total = stats.total;
  const row = (key: string, label: string, count: number | null): StatisticsRow => ({ key, label, count, share: shareOf(count, total) });
  const fromRecord = (counts: Record<string, number | null>, vocabulary: readonly string[], label: (key: string) => string) =>
    ordered(counts, vocabulary).map((key) => row(key, label(key), counts[key] ?? null));
  const notRecorded = t('caseStats:notRecorded');
  return [
    { id: 'bySex', rows: fromRecord(stats.bySex, sexes, (key) => (key === NOT_RECORDED ? notRecorded : t(`sex.${key}`, { defaultValue: key }))) },
    {
      id: 'byAgeGroup',
      rows: (['child', 'adult', 'unknown'] as const).map((key) => row(key, t(`caseStats:ageGroup.${key}`), stats.byAgeGroup[key])),
    },
    {
      id: 'byStatus',
      rows: fromRecord(stats.byStatus, caseStatuses, (key) => (key === NOT_RECORDED ? notRecorded : t(`caseStats:status.${key}`, { defaultValue: key }))),
    },
    {
      id: 'byProvince',
      rows: stats.byProvince.map((p) =>
        row(p.province ?? NOT_RECORDED, p.province === null ? notRecorded : (provinceLabel(t, p.province) ?? p.province), p.count),
      ),
    },
    {
      id: 'byCitizenship',
      rows: stats.byCitizenship.map((c) => row(c.citizenship ?? NOT_RECORDED, c.citizenship === null ? notRecorded : country(c.citizenship), c.count)),
    },
    {
      id: 'byTraffickingStatus',
      rows: fromRecord(stats.byTraffickingStatus, traffickingStatuses, (key) => t(`caseStats:traffickingStatus.${key}`, { defaultValue: key })),
    },
    { id: 'bySuggestion', rows: fromRecord(stats.bySuggestion, screeningSuggestions, (key) => t(`caseStats:suggestion.${key}`, { defaultValue: key })) },
  ];
}
