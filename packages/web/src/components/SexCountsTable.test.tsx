import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { setPhone } from '../test/setup';
import { renderWithProviders } from '../test/render';
import { SexCountsTable } from './SexCountsTable';

const rows = [
  { key: 'gov', label: 'Government', counts: { female: 3, male: 2, other: 0, unknown: 1, total: 6 }, extra: ['4'] },
  { key: 'law', label: 'Law enforcement', counts: { female: 1, male: 7, other: 0, unknown: 0, total: 8 }, extra: ['2'] },
];

function renderCounts() {
  return renderWithProviders(<SexCountsTable rows={rows} firstColumn="Type" extraColumns={['Events']} testId="counts" />);
}

describe(SexCountsTable.name, () => {
  it('is a table with a Total column on a wide screen', () => {
    renderCounts();
    const table = screen.getByTestId('counts');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Type', 'Events', 'Female', 'Male', 'Other', 'Not recorded', 'Total']);
    expect(screen.queryAllByTestId('counts-card')).toHaveLength(0);
  });

  it('gives each row a card on a phone, with its total and every count in sight', () => {
    setPhone(true);
    renderCounts();
    expect(screen.queryByRole('table')).toBeNull();
    const [gov, law] = screen.getAllByTestId('counts-card');
    expect(gov?.textContent).toContain('Government');
    expect(gov?.textContent).toContain('Total: 6');
    expect(gov?.textContent).toContain('Events: 4');
    expect(gov?.textContent).toContain('Not recorded: 1');
    expect(law?.textContent).toContain('Male: 7');
  });
});
