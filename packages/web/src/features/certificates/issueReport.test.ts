import { describe, expect, it } from 'vitest';
import { skipGroups } from './issueReport';

describe('the people an issue run skipped', () => {
  it('groups them by reason in a fixed order, names sorted, and names people no longer listed as "someone"', () => {
    const names: Record<string, string> = { p1: 'Zainab', p2: 'Ahmed', p3: 'Bilal' };
    const groups = skipGroups(
      {
        skipped: [
          { personId: 'p1', reason: 'did_not_attend' },
          { personId: 'p3', reason: 'name_too_long' },
          { personId: 'p2', reason: 'did_not_attend' },
          { personId: 'gone', reason: 'not_a_participant' },
        ],
      },
      (id) => names[id] ?? null,
      'A participant',
      'en',
    );
    expect(groups).toEqual([
      { reason: 'not_a_participant', names: ['A participant'] },
      { reason: 'did_not_attend', names: ['Ahmed', 'Zainab'] },
      { reason: 'name_too_long', names: ['Bilal'] },
    ]);
  });

  it('is empty when nobody was skipped', () => {
    expect(skipGroups({ skipped: [] }, () => null, 'x', 'en')).toEqual([]);
  });
});
