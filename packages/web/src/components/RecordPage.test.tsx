import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { answerApi, json } from '../test/setup';
import { renderWithProviders } from '../test/render';
import { RecordPage } from './RecordPage';

const history = { queryKey: ['events', 'one', 't1', 'history'], route: 'eventHistory', id: 't1' } as const;

describe(RecordPage.name, () => {
  it('shows the header, the details and the first tab, and loads the history only when its tab opens', async () => {
    const asked: string[] = [];
    answerApi((path) => {
      asked.push(path);
      return json({ items: [] });
    });
    renderWithProviders(
      <RecordPage
        title="Training in Lahore"
        badges={<span data-testid="badge">Held</span>}
        subtitle="Workshop"
        actions={<button data-testid="thing-edit">Edit</button>}
        tabs={[
          { value: 'people', label: 'People', testId: 'tab-people', content: <p data-testid="people-panel">3 people</p> },
          { value: 'days', label: 'Days', testId: 'tab-days', content: <p data-testid="days-panel">2 days</p> },
        ]}
        history={history}
      >
        <div data-testid="thing-details">Lahore</div>
      </RecordPage>,
    );
    expect(screen.getByTestId('page-title').textContent).toBe('Training in Lahore');
    expect(screen.getByTestId('badge')).toBeTruthy();
    expect(screen.getByTestId('thing-edit')).toBeTruthy();
    expect(screen.getByTestId('thing-details')).toBeTruthy();
    expect(screen.getByTestId('people-panel')).toBeTruthy();
    expect(screen.queryByTestId('days-panel')).toBeNull();

    fireEvent.click(screen.getByTestId('tab-days'));
    expect(screen.getByTestId('days-panel')).toBeTruthy();
    expect(asked).toEqual([]);

    fireEvent.click(screen.getByTestId('tab-history'));
    expect(await screen.findByTestId('history-empty')).toBeTruthy();
    expect(asked).toEqual(['/api/events/t1/history']);
  });

  it('follows the tab the page chooses', () => {
    answerApi(() => json({ items: [] }));
    const tabs = [
      { value: 'people', label: 'People', testId: 'tab-people', content: <p data-testid="people-panel" /> },
      { value: 'days', label: 'Days', testId: 'tab-days', content: <p data-testid="days-panel" /> },
    ];
    renderWithProviders(<RecordPage title="T" tabs={tabs} tab="days" history={history} />);
    expect(screen.getByTestId('days-panel')).toBeTruthy();
    expect(screen.queryByTestId('people-panel')).toBeNull();
  });

  it('without other tabs, shows the history under the details straight away', async () => {
    answerApi(() =>
      json({
        items: [{ id: 'h1', action: 'create', at: '2026-11-02T10:00:00.000Z', userId: 'u1', userName: 'Sana Malik', changes: {}, note: null }],
      }),
    );
    renderWithProviders(<RecordPage title="FIA" history={history} />);
    expect(screen.queryByTestId('tab-history')).toBeNull();
    expect(screen.getByRole('heading', { name: 'History' })).toBeTruthy();
    expect((await screen.findByTestId('history-entry')).textContent).toContain('Sana Malik');
  });
});
