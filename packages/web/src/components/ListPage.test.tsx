import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { setPhone } from '../test/setup';
import { renderWithProviders } from '../test/render';
import { ListPage, type Column, type ListState } from './ListPage';

type Row = { id: string; name: string; city: string };
const rows: Row[] = [
  { id: 'a', name: 'Ayesha Khan', city: 'Lahore' },
  { id: 'b', name: 'Bilal Ahmed', city: 'Quetta' },
];
const columns: Column<Row>[] = [
  { key: 'name', header: 'Name', cell: (r) => r.name },
  { key: 'city', header: 'City', cell: (r) => r.city },
];

function renderList(list: Partial<ListState<Row>>, extra: { filters?: boolean } = {}) {
  return renderWithProviders(
    <ListPage
      testId="things"
      title="Things"
      search={{ value: '', onChange: () => {} }}
      filters={extra.filters ? <input data-testid="things-filter-city" /> : undefined}
      activeFilters={0}
      list={{ items: rows, isPending: false, error: null, ...list }}
      columns={columns}
      rowKey={(r) => r.id}
      rowProps={(r) => ({ 'data-testid': 'thing-row', 'data-thing-id': r.id })}
      emptyText="Nothing here."
      tableMinWidth={400}
    />,
  );
}

describe(ListPage.name, () => {
  it('shows the rows as a table with a header per column on a wide screen', () => {
    renderList({});
    const table = screen.getByTestId('things-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Name', 'City']);
    const row = screen.getAllByTestId('thing-row');
    expect(row).toHaveLength(2);
    expect(row[1]?.getAttribute('data-thing-id')).toBe('b');
    expect(within(row[1] as HTMLElement).getByText('Quetta')).toBeTruthy();
    expect(screen.queryByTestId('things-cards')).toBeNull();
  });

  it('says so when nothing is found, and shows a loader while loading', () => {
    renderList({ items: [] });
    expect(screen.getByTestId('things-empty').textContent).toBe('Nothing here.');
    expect(screen.queryByTestId('things-table')).toBeNull();
    renderList({ items: [], isPending: true });
    expect(screen.getByTestId('page-loader')).toBeTruthy();
  });

  it('shows an error instead of "nothing found" when the list could not load', () => {
    renderList({ items: [], error: new Error('offline') });
    expect(screen.getByTestId('error-alert').textContent).toContain('offline');
    expect(screen.queryByTestId('things-empty')).toBeNull();
  });

  it('shows cards on a phone, with the search in sight and the other filters folded away', () => {
    setPhone(true);
    renderList({}, { filters: true });
    const cards = screen.getByTestId('things-cards');
    expect(within(cards).getAllByTestId('thing-row')).toHaveLength(2);
    expect(within(cards).getByText('Ayesha Khan')).toBeTruthy();
    expect(within(cards).getAllByText('City:')).toHaveLength(2);
    expect(screen.queryByTestId('things-table')).toBeNull();
    expect(screen.getByTestId('things-filter-q')).toBeTruthy();
    const toggle = screen.getByTestId('things-filters-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('offers "Load more" while there is a next page, and asks for it', () => {
    const fetchNextPage = vi.fn();
    renderList({ hasNextPage: true, isFetchingNextPage: false, fetchNextPage });
    fireEvent.click(screen.getByTestId('things-load-more'));
    expect(fetchNextPage).toHaveBeenCalledOnce();
  });

  it('offers no "Load more" on the last page', () => {
    renderList({ hasNextPage: false, isFetchingNextPage: false, fetchNextPage: vi.fn() });
    expect(screen.queryByTestId('things-load-more')).toBeNull();
  });
});
