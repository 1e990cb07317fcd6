import { CASE_STATISTICS_MIN_CELL, caseStatuses, screeningSuggestions, sexes, traffickingStatuses, type CaseStatistics } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import type { Actor } from '../../http/permissions.js';
import * as repo from './cases.repository.js';

/**
 * Counts that are safe to hand an analyst or to publish: grouped by fields that identify nobody, and a
 * cell of 1 to 4 cases withheld (null), since a count that small can point at one person in a district.
 * Zero is shown: it says nothing about anyone. Every other count is rounded to the nearest multiple of
 * 5: withholding alone is undone by subtraction (the total minus the other cells of a breakdown, or
 * all years minus one year), while a difference of rounded counts leaves the small cell uncertain.
 */
const ROUNDING = CASE_STATISTICS_MIN_CELL;
const withheld = (n: number): number | null => (n === 0 ? 0 : n < CASE_STATISTICS_MIN_CELL ? null : Math.round(n / ROUNDING) * ROUNDING);

function tally<K extends string>(
  keys: readonly K[],
  rows: repo.StatisticsRow[],
  keyOf: (row: repo.StatisticsRow) => string | null,
): Record<string, number | null> {
  const counts = new Map<string, number>(keys.map((k) => [k, 0]));
  for (const row of rows) {
    const key = keyOf(row) ?? 'not_recorded';
    counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
  }
  return Object.fromEntries([...counts].map(([k, n]) => [k, withheld(n)]));
}

/**
 * A breakdown by a value people type (a province is free text): a value with a withheld count is not
 * named at all, so that neither a rare place nor anything typed where a place should be (a name) ever
 * reaches a reader of the statistics. Ordered by the published count, so the order says no more than it.
 */
function ranked<K extends string>(name: K, rows: repo.StatisticsRow[], keyOf: (row: repo.StatisticsRow) => string | null) {
  const counts = new Map<string | null, number>();
  for (const row of rows) counts.set(keyOf(row), (counts.get(keyOf(row)) ?? 0) + Number(row.n));
  return [...counts]
    .map(([key, n]) => [key, withheld(n)] as const)
    .filter((entry): entry is readonly [string | null, number] => entry[1] !== null)
    .sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])))
    .map(([key, count]) => ({ [name]: key, count }) as { [P in K]: string | null } & { count: number | null });
}

export async function caseStatistics(db: Db, actor: Actor, query: { countryCode?: string | undefined; year?: number | undefined }): Promise<CaseStatistics> {
  const rows = await repo.statisticsRows(db, actor.countries, {
    ...(query.countryCode ? { countryCode: query.countryCode } : {}),
    ...(query.year ? { year: query.year } : {}),
  });
  const total = rows.reduce((sum, r) => sum + Number(r.n), 0);
  const ages = tally(['child', 'adult', 'unknown'] as const, rows, (r) =>
    r.victim_age_at_identification === null ? 'unknown' : Number(r.victim_age_at_identification) < 18 ? 'child' : 'adult',
  );
  return {
    total: withheld(total),
    minimumCell: CASE_STATISTICS_MIN_CELL,
    rounding: ROUNDING,
    bySex: tally(sexes, rows, (r) => r.victim_sex),
    byAgeGroup: { child: ages.child ?? null, adult: ages.adult ?? null, unknown: ages.unknown ?? null },
    byStatus: tally(caseStatuses, rows, (r) => r.status),
    byProvince: ranked('province', rows, (r) => r.province),
    byCitizenship: ranked('citizenship', rows, (r) => r.victim_citizenship),
    byTraffickingStatus: tally(traffickingStatuses, rows, (r) => r.trafficking_status),
    bySuggestion: tally(screeningSuggestions, rows, (r) => r.last_suggestion),
  };
}
