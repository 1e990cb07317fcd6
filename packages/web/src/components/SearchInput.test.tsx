import { useState } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../test/render';
import { SearchInput } from './SearchInput';

/**
 * The search box of a list, with its value kept the way a list page keeps it: in the address, which
 * catches up a moment after the box reports (the router draws the page again, and effects run after
 * the paint). `lag` is that moment; `outside` changes the value as back/forward or "clear" would.
 */
function Harness({ lag, reported }: { lag: number; reported: string[] }) {
  const [value, setValue] = useState('');
  return (
    <>
      <SearchInput
        label="Search"
        testId="search"
        value={value}
        onChange={(next) => {
          reported.push(next);
          setTimeout(() => setValue(next), lag);
        }}
      />
      <button type="button" data-testid="outside" onClick={() => setValue('Quetta')} />
      <output data-testid="value">{value}</output>
    </>
  );
}

const box = () => screen.getByTestId('search') as HTMLInputElement;
const type = (text: string) => fireEvent.input(box(), { target: { value: text } });
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe(SearchInput.name, () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps what is typed while the address catches up with what it reported before', async () => {
    const reported: string[] = [];
    renderWithProviders(<Harness lag={40} reported={reported} />);
    type('Lah');
    await wait(300);
    expect(reported).toEqual(['Lah']);
    // The typist goes on before the address has "Lah".
    type('Laho');
    await wait(40);
    expect(screen.getByTestId('value').textContent).toBe('Lah');
    expect(box().value).toBe('Laho');
    type('Lahore');
    await wait(300);
    await wait(40);
    expect(box().value).toBe('Lahore');
    expect(reported).toEqual(['Lah', 'Lahore']);
    expect(screen.getByTestId('value').textContent).toBe('Lahore');
  });

  it('shows a value changed from outside (back, forward, clear), and one that returns to what it reported', async () => {
    const reported: string[] = [];
    renderWithProviders(<Harness lag={0} reported={reported} />);
    type('Lahore');
    await wait(300);
    await wait(0);
    expect(screen.getByTestId('value').textContent).toBe('Lahore');
    fireEvent.click(screen.getByTestId('outside'));
    await wait(0);
    expect(box().value).toBe('Quetta');
    await wait(300);
    // Not reported back: the value came from outside.
    expect(reported).toEqual(['Lahore']);
  });
});
