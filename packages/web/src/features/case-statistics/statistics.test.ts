import { describe, expect, it } from 'vitest';
import type { CaseStatistics } from '@hifazat/contract';
import { i18n } from '../../i18n';
import { createFormatters } from '../../lib/format';
import { breakdowns, cellText } from './statistics';
import './strings';

const STATS: CaseStatistics = {
  total: 40,
  minimumCell: 5,
  rounding: 5,
  bySex: { female: 30, male: null, other: 0, unknown: 6 },
  byAgeGroup: { child: 12, adult: 24, unknown: null },
  // As the server may answer once the workflow adds a status: unknown keys after the known ones, "not recorded" last.
  byStatus: { not_recorded: 5, identification: 20, screening: 15, assistance: 0, referral: 0, case_plan: 0, follow_up: 0, closed: 0, archived: 0 },
  byProvince: [
    { province: 'Punjab', count: 25 },
    { province: null, count: 11 },
    { province: 'Gilgit-Baltistan', count: null },
  ],
  byCitizenship: [
    { citizenship: 'PK', count: 36 },
    { citizenship: 'NP', count: null },
  ],
  byTraffickingStatus: { PossibleVictimOfTrafficking: 10, ActualVictimOfTrafficking: null, NotAVictimOfTrafficking: 0, not_recorded: 27 },
  bySuggestion: { tip: 10, som: 0, both: 0, neither: 0, insufficient: 0, not_recorded: 30 },
};

const f = createFormatters('en');
const tables = () => Object.fromEntries(breakdowns(STATS, i18n.t, f.country).map((b) => [b.id, b.rows]));

describe('the case statistics as tables', () => {
  it('reads a withheld count as "<5" and any other as the number', () => {
    expect(cellText(null, 5, f.number)).toBe('<5');
    expect(cellText(0, 5, f.number)).toBe('0');
    expect(cellText(1234, 5, f.number)).toBe('1,234');
  });

  it('orders each breakdown as the vocabulary does, then unknown keys, then "not recorded"', () => {
    expect(tables().byStatus?.map((r) => r.key)).toEqual([
      'identification',
      'screening',
      'assistance',
      'referral',
      'case_plan',
      'follow_up',
      'closed',
      'archived',
      'not_recorded',
    ]);
    expect(tables().bySuggestion?.map((r) => r.label)).toEqual([
      'Trafficking',
      'Smuggling',
      'Trafficking and smuggling',
      'Neither',
      'Insufficient answers',
      'Not screened yet',
    ]);
    expect(tables().byAgeGroup?.map((r) => [r.label, r.count])).toEqual([
      ['Children (under 18)', 12],
      ['Adults', 24],
      ['Age not known', null],
    ]);
  });

  it('keeps a withheld cell withheld (no share, no guess) and gives the others their share of the total', () => {
    const sex = tables().bySex ?? [];
    expect(sex.map((r) => [r.key, r.count, r.share])).toEqual([
      ['female', 30, 0.75],
      ['male', null, null],
      ['other', 0, 0],
      ['unknown', 6, 0.15],
    ]);
    // A withheld total withholds every share.
    const small = breakdowns({ ...STATS, total: null }, i18n.t, f.country);
    expect(small.flatMap((b) => b.rows).every((r) => r.share === null)).toBe(true);
  });

  it('names places in the reader’s language and an empty one "Not recorded"', () => {
    expect(tables().byProvince?.map((r) => r.label)).toEqual(['Punjab', 'Not recorded', 'Gilgit-Baltistan']);
    expect(tables().byCitizenship?.map((r) => [r.label, r.count])).toEqual([
      ['Pakistan', 36],
      ['Nepal', null],
    ]);
    const urdu = breakdowns(STATS, (key, values) => (key === 'province.Punjab' ? 'پنجاب' : i18n.t(key, values)), createFormatters('ur').country);
    expect(urdu.find((b) => b.id === 'byProvince')?.rows[0]?.label).toBe('پنجاب');
    expect(urdu.find((b) => b.id === 'byCitizenship')?.rows[0]?.label).toBe('پاکستان');
  });
});
