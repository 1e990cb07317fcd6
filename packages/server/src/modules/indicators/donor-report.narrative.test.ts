import { periodRange, type DonorReportFacts } from '@hifazat/contract';
import { describe, expect, it } from 'vitest';
import { draftHighlights, draftNarrative, listText, periodLabel } from './donor-report.narrative.js';

const sc = (female: number, male: number) => ({ total: female + male, female, male, other: 0, unknown: 0 });

describe('periods', () => {
  it('turns quarters and years into their first and last days, and refuses anything else', () => {
    expect(periodRange('2025-Q1')).toEqual({ from: '2025-01-01', to: '2025-03-31' });
    expect(periodRange('2024-Q2')).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(periodRange('2025-Q4')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(periodRange('2025')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    for (const bad of ['2025-Q0', '2025-Q5', '2025-q1', '25', '2025-1', '']) expect(periodRange(bad), bad).toBeNull();
  });
});

describe('the drafted narrative', () => {
  const facts: DonorReportFacts = {
    events: 4,
    participations: sc(9, 51),
    people: sc(8, 47),
    byEventType: [
      { type: 'workshop', events: 3, places: ['Islamabad', 'Lahore', 'Peshawar'], participations: sc(9, 51) },
      { type: 'meeting', events: 1, places: ['Karachi'], participations: sc(0, 0) },
    ],
    meanNormalisedGain: 0.42,
  };
  it('says events by type and place with attended participants, in the programme’s style', () => {
    const en = draftNarrative('en', { periodLabel: periodLabel('en', '2025-Q1'), facts, rows: [] });
    expect(en).toContain('In the first quarter of 2025 the programme held four events.');
    expect(en).toContain('Three workshops in Islamabad, Lahore and Peshawar were attended by 60 participants (9 female, 51 male).');
    expect(en).toContain('One meeting was held in Karachi.');
    expect(en).toContain('mean normalised gain of 0.42 (medium)');
    const ur = draftNarrative('ur', { periodLabel: periodLabel('ur', '2025-Q1'), facts, rows: [] });
    expect(ur).toContain('اسلام آباد، لاہور اور پشاور میں ورکشاپ کی 3 تقریبات منعقد ہوئیں، جن میں 60 شرکاء (9 خواتین، 51 مرد) نے شرکت کی۔');
    expect(ur).toContain('کراچی میں اجلاس کی ایک تقریب منعقد ہوئی۔');
  });
  it('counts the targets met among the indicators that have one', () => {
    const row = (code: string, actual: number, target: number | null) => ({
      indicatorId: '0190a0a0-0000-7000-8000-000000000000',
      code,
      name: { en: code, ur: code },
      resultCode: null,
      unit: 'people',
      baseline: null,
      target,
      actual,
      now: null,
      difference: null,
      percentAchieved: target ? (actual / target) * 100 : null,
      bySex: null,
    });
    expect(draftHighlights('en', { facts, rows: [row('A', 10, 8), row('B', 3, 6), row('C', 1, null)] })).toContain('1 of 2 indicator targets met');
    expect(listText('en', ['A'])).toBe('A');
  });
});
