import { act, fireEvent, screen } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { useUrlFilters } from './useUrlFilters';

const NAMES = ['q', 'from', 'to'] as const;

function Filters() {
  const { values, set, clear } = useUrlFilters(NAMES);
  const location = useLocation();
  return (
    <>
      <output data-testid="search">{location.search}</output>
      <output data-testid="values">{JSON.stringify(values)}</output>
      {/* A date range picked in one go sets both ends in one handler, before the page is drawn again. */}
      <button
        type="button"
        data-testid="range"
        onClick={() => {
          set('from', '2025-01-01');
          set('to', '2025-03-31');
        }}
      />
      <button type="button" data-testid="no-end" onClick={() => set('to', null)} />
      <button type="button" data-testid="clear" onClick={clear} />
    </>
  );
}

describe(useUrlFilters.name, () => {
  it('keeps every filter set before the address has caught up, and the ones already there', async () => {
    renderWithProviders(<Filters />, { route: '/events?q=Lahore' });
    await act(async () => {
      fireEvent.click(screen.getByTestId('range'));
    });
    expect(JSON.parse(screen.getByTestId('values').textContent ?? '')).toEqual({ q: 'Lahore', from: '2025-01-01', to: '2025-03-31' });
    await act(async () => {
      fireEvent.click(screen.getByTestId('no-end'));
    });
    expect(screen.getByTestId('search').textContent).toBe('?q=Lahore&from=2025-01-01');
    await act(async () => {
      fireEvent.click(screen.getByTestId('clear'));
    });
    expect(screen.getByTestId('search').textContent).toBe('');
  });
});
