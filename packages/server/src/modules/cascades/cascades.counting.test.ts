import { describe, expect, it } from 'vitest';
import { activeSince, countCascade, type Reached } from './cascades.counting.js';

const row = (event: string, person: string, sex: Reached['person_sex'], province: string | null = 'Punjab'): Reached => ({
  event_id: event,
  person_id: person,
  person_sex: sex,
  organization_type: 'law_enforcement',
  event_province: province,
  event_start_date: '2025-03-01',
});

describe('countCascade', () => {
  const levels = new Map([
    ['e1', 1],
    ['e2', 1],
    ['e3', 2],
  ]);
  const rows = [
    row('e1', 'p1', 'female'),
    row('e1', 'p2', 'male'),
    row('e2', 'p1', 'female', 'Sindh'),
    row('e3', 'p2', 'male'),
    row('e3', 'p3', 'other'),
    row('gone', 'p9', 'male'),
  ];
  const delivered = new Map([
    ['t1', new Set(['e1', 'e3', 'not-counted'])],
    ['t2', new Set<string>()],
  ]);
  const starts = new Map([
    ['e1', '2025-01-01'],
    ['e3', '2025-06-01'],
  ]);

  it('counts a person once per generation, once in the reach, once per province', () => {
    const counts = countCascade(levels, rows, delivered, starts, 3);
    expect(counts.generations.map((g) => [g.level, g.people.total])).toEqual([
      [1, 2],
      [2, 2],
      [3, 0],
    ]);
    expect(counts.reach).toEqual({ total: 3, female: 1, male: 1, other: 1, unknown: 0 });
    expect(counts.generations[0]?.byProvince).toEqual([
      { key: 'Punjab', people: { total: 2, female: 1, male: 1, other: 0, unknown: 0 } },
      { key: 'Sindh', people: { total: 1, female: 1, male: 0, other: 0, unknown: 0 } },
    ]);
    expect(counts.perEvent.get('e1')).toBe(2);
    expect(counts.perEvent.has('gone')).toBe(false);
  });

  it("sums a trainer's people over the counted events they delivered, each person once", () => {
    const counts = countCascade(levels, rows, delivered, starts, 2);
    expect(counts.trainers.get('t1')).toEqual({ eventsDelivered: 2, peopleTrained: 3, lastActive: '2025-06-01' });
    expect(counts.trainers.get('t2')).toEqual({ eventsDelivered: 0, peopleTrained: 0, lastActive: null });
  });
});

describe('activeSince', () => {
  it('is active with an event in the last 365 days, the first day included', () => {
    expect(activeSince('2024-06-01', '2025-06-01', 365)).toBe(true);
    expect(activeSince('2024-05-31', '2025-06-01', 365)).toBe(false);
    expect(activeSince(null, '2025-06-01', 365)).toBe(false);
  });
});
