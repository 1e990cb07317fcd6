import { describe, expect, it } from 'vitest';
import { activeSince, assembleCounts, uniquePeople, type CountRow } from './cascades.counting.js';

const counts = (total: number, female: number, male: number, other = 0, unknown = 0) => ({ total, female, male, other, unknown });

describe('assembleCounts', () => {
  const rows: CountRow[] = [
    { kind: 0, level: 1, grp: null, sex: 'female', n: 3 },
    { kind: 0, level: 1, grp: null, sex: 'male', n: 2 },
    { kind: 0, level: 3, grp: null, sex: null, n: 1 },
    { kind: 1, level: 1, grp: 'civil_society', sex: 'female', n: 1 },
    { kind: 1, level: 1, grp: null, sex: 'male', n: 2 },
    { kind: 1, level: 1, grp: null, sex: 'female', n: 2 },
    { kind: 2, level: 1, grp: 'Sindh', sex: 'male', n: 2 },
    { kind: 3, level: 0, grp: null, sex: 'female', n: 3 },
    { kind: 3, level: 0, grp: null, sex: 'male', n: 2 },
    { kind: 3, level: 0, grp: null, sex: 'other', n: 1 },
    { kind: 4, level: 0, grp: 'e1', sex: null, n: 7 },
    { kind: 5, level: 0, grp: 't1', sex: null, n: 4 },
  ];

  it('answers every generation to the depth, empty ones included, and groups by size', () => {
    const result = assembleCounts(rows, 3);
    expect(result.generations.map((g) => [g.level, g.people.total])).toEqual([
      [1, 5],
      [2, 0],
      [3, 1],
    ]);
    expect(result.generations[2]?.people).toEqual(counts(1, 0, 0, 0, 1));
    expect(result.generations[0]?.byOrganizationType).toEqual([
      { key: null, people: counts(4, 2, 2) },
      { key: 'civil_society', people: counts(1, 1, 0) },
    ]);
    expect(result.reach).toEqual(counts(6, 3, 2, 1));
    expect(result.perEvent.get('e1')).toBe(7);
    expect(result.peopleTrained.get('t1')).toBe(4);
  });
});

describe('uniquePeople', () => {
  it('counts a person on two rows once', () => {
    expect(
      uniquePeople([
        { person_id: 'a', person_sex: 'female' },
        { person_id: 'a', person_sex: 'female' },
        { person_id: 'b', person_sex: 'male' },
      ]),
    ).toEqual(counts(2, 1, 1));
  });
});

describe('activeSince', () => {
  it('is active with an event in the last 365 days, the first day included', () => {
    expect(activeSince('2024-06-01', '2025-06-01', 365)).toBe(true);
    expect(activeSince('2024-05-31', '2025-06-01', 365)).toBe(false);
    expect(activeSince(null, '2025-06-01', 365)).toBe(false);
  });
});
