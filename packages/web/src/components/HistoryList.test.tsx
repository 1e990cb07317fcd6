import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@hifazat/contract';
import { renderWithProviders } from '../test/render';
import { groupAdditions, HistoryList } from './HistoryList';

const AYESHA = '01a2303d-0000-7000-8000-000000000001';
const BILAL = '01a2303d-0000-7000-8000-000000000002';
const PROGRAMME = '01a2303d-0000-7000-8000-000000000003';
const ADMIN = '01a2303d-0000-7000-8000-000000000004';

const entry = (overrides: Partial<HistoryEntry>): HistoryEntry => ({
  id: crypto.randomUUID(),
  at: '2025-03-10T09:00:00.000Z',
  action: 'update',
  userId: ADMIN,
  userName: 'Test admin',
  userHidden: false,
  changes: {},
  note: null,
  refs: {},
  ...overrides,
});

describe(HistoryList.name, () => {
  it('names the records an entry refers to, links those that exist and says "deleted person" for one that is gone', () => {
    const items = [
      entry({
        action: 'participants',
        changes: { [`participant:${AYESHA}`]: { from: { role: 'participant', attended: false }, to: { role: 'participant', attended: true } } },
        refs: { [AYESHA]: { type: 'person', name: 'Ayesha Bibi', exists: true } },
      }),
      entry({
        action: 'participants',
        changes: { [`participant:${BILAL}`]: { from: { role: 'participant' }, to: null } },
        refs: { [BILAL]: { type: 'person', name: null, exists: false } },
      }),
      entry({ action: 'merge', note: `Merged Bilal (${BILAL}): 1 participations moved`, refs: { [BILAL]: { type: 'person', name: null, exists: false } } }),
      entry({ changes: { programmeId: { from: null, to: PROGRAMME } }, refs: { [PROGRAMME]: { type: 'programme', name: 'Border programme', exists: true } } }),
      entry({ changes: { birthYear: { from: 1988, to: 1990 } } }),
    ];
    renderWithProviders(<HistoryList items={items} isPending={false} error={null} />);
    const text = screen.getByTestId('history-list').textContent ?? '';
    for (const id of [AYESHA, BILAL, PROGRAMME]) expect(text).not.toContain(id);
    const link = screen.getAllByTestId('history-ref').find((a) => a.textContent === 'Ayesha Bibi');
    expect(link?.getAttribute('href')).toBe(`/people/${AYESHA}`);
    expect(screen.getAllByTestId('history-ref-deleted').map((e) => e.textContent)).toEqual(['deleted person', 'deleted person']);
    expect(screen.getByTestId('history-note').textContent).toBe('Merged Bilal (deleted person): 1 participations moved');
    expect(text).toContain('Border programme');
    // A year reads as a year, not "1,990".
    expect(text).toContain('1990');
    expect(text).not.toContain('1,990');
  });

  it('shows another country’s record and author as not shown', () => {
    const items = [
      entry({
        userId: null,
        userName: null,
        userHidden: true,
        changes: { organizers: { from: [], to: [{ hidden: true }] }, 'participant:hidden-1': { from: null, to: { hidden: true, role: 'participant' } } },
      }),
    ];
    renderWithProviders(<HistoryList items={items} isPending={false} error={null} />);
    expect(screen.getByTestId('history-author').textContent).toBe('An account of another country (not shown)');
    expect(screen.getByTestId('history-list').textContent).toContain('from another country (not shown)');
  });

  it('shows a batch of participants added as one line, the names on opening it', () => {
    const people = Array.from({ length: 24 }, (_, i) => `01a2303d-0000-7000-8000-1000000000${String(i).padStart(2, '0')}`);
    const items = [
      entry({
        action: 'import',
        note: '24 rows: 24 new people',
        changes: {
          participants: { from: null, to: 24 },
          ...Object.fromEntries(people.map((id, i) => [`participant:${id}`, { from: null, to: { name: `Person ${i + 1}`, role: 'participant' } }])),
        },
        refs: Object.fromEntries(people.map((id, i) => [id, { type: 'person' as const, name: `Person ${i + 1}`, exists: true }])),
      }),
    ];
    renderWithProviders(<HistoryList items={items} isPending={false} error={null} />);
    expect(screen.getAllByTestId('history-entry')).toHaveLength(1);
    expect(screen.getByTestId('history-batch-count').textContent).toBe('24 participants added');
    expect(screen.queryByTestId('history-batch-names')).toBeNull();
    // No table row per participant.
    expect(screen.queryByRole('table')).toBeNull();
    fireEvent.click(screen.getByTestId('history-batch-toggle'));
    const names = within(screen.getByTestId('history-batch-names')).getAllByTestId('history-ref');
    expect(names).toHaveLength(24);
    expect(names[0]?.textContent).toBe('Person 1');
    expect(names[0]?.getAttribute('href')).toBe(`/people/${people[0]}`);
  });

  it('reads additions one by one by the same person, minutes apart, as one batch; not across another person or a long pause', () => {
    const add = (i: number, at: string, userId = ADMIN) =>
      entry({
        action: 'participants',
        at,
        userId,
        changes: {
          [`participant:01a2303d-0000-7000-8000-2000000000${String(i).padStart(2, '0')}`]: { from: null, to: { name: `One ${i}`, role: 'participant' } },
        },
      });
    const items = [
      add(4, '2025-03-10T10:00:00.000Z', AYESHA), // another person
      add(3, '2025-03-10T09:06:00.000Z'),
      add(2, '2025-03-10T09:03:00.000Z'),
      add(1, '2025-03-10T09:00:00.000Z'),
      add(0, '2025-03-09T09:00:00.000Z'), // a day earlier
    ];
    const grouped = groupAdditions(items);
    expect(grouped.map((e) => Object.keys(e.changes).length)).toEqual([1, 3, 1]);
    expect(grouped[1]?.id).toBe(items[1]?.id);
    renderWithProviders(<HistoryList items={items} isPending={false} error={null} />);
    expect(screen.getAllByTestId('history-entry')).toHaveLength(3);
    expect(screen.getByTestId('history-batch-count').textContent).toBe('3 participants added');
  });
});
