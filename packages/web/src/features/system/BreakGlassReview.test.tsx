import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BreakGlassEntry } from '@hifazat/contract';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import { BreakGlassReview } from './BreakGlassReview';

const OTHERS = '0190f0a1-0000-4000-8000-0000000000e1';
const MINE = '0190f0a1-0000-4000-8000-0000000000e2';
const entry = (id: string, reference: string, by: string, extra: Partial<BreakGlassEntry> = {}): BreakGlassEntry => ({
  id,
  caseId: '0190f0a1-0000-4000-8000-0000000000c1',
  caseReference: reference,
  user: { id: `0190f0a1-0000-4000-8000-0000000000${by === 'Other Admin' ? 'f1' : 'f2'}`, name: by },
  reason: 'The family called the helpline at night; the case officer was unreachable',
  at: '2026-05-04T22:10:00.000Z',
  expiresAt: '2026-05-05T02:10:00.000Z',
  reviewedAt: null,
  reviewedBy: null,
  ...extra,
});

describe('break-glass openings on the System page', () => {
  it('lists the openings awaiting review, marks one reviewed, and shows the refusal to review one’s own', async () => {
    const reviewed = new Set<string>();
    const asked: string[] = [];
    answerApi((path, init) => {
      if (path.startsWith('/api/break-glass') && (init?.method ?? 'GET') === 'GET') {
        asked.push(path);
        const all = [
          entry(
            OTHERS,
            'PK-2026-000007',
            'Other Admin',
            reviewed.has(OTHERS) ? { reviewedAt: '2026-05-05T08:00:00.000Z', reviewedBy: { id: MINE, name: 'Me' } } : {},
          ),
          entry(MINE, 'PK-2026-000009', 'Me'),
        ];
        return json({ items: path.includes('reviewed=false') ? all.filter((e) => !e.reviewedAt) : all });
      }
      if (path === `/api/break-glass/${OTHERS}/review` && init?.method === 'POST') {
        reviewed.add(OTHERS);
        return json(entry(OTHERS, 'PK-2026-000007', 'Other Admin', { reviewedAt: '2026-05-05T08:00:00.000Z', reviewedBy: { id: MINE, name: 'Me' } }));
      }
      if (path === `/api/break-glass/${MINE}/review`) {
        return json({ error: { code: 'rule_violation', message: 'Another administrator reviews your own break-glass openings', details: [] } }, 422);
      }
      return json({ error: { code: 'not_found', message: path, details: [] } }, 404);
    });
    renderWithProviders(<BreakGlassReview />);
    await waitFor(() => expect(screen.getAllByTestId('break-glass-row')).toHaveLength(2));
    expect(asked[0]).toBe('/api/break-glass?reviewed=false');
    const first = screen.getAllByTestId('break-glass-row')[0] as HTMLElement;
    expect(within(first).getByTestId('break-glass-reference').textContent).toBe('PK-2026-000007');
    expect(within(first).getByTestId('break-glass-user').textContent).toContain('Other Admin');
    expect(within(first).getByTestId('break-glass-reason').textContent).toContain('helpline at night');
    expect(within(first).getByTestId('break-glass-state').textContent).toBe('Awaiting review');

    fireEvent.click(within(first).getByTestId(`break-glass-review-${OTHERS}`));
    await waitFor(() => expect(screen.getAllByTestId('break-glass-row')).toHaveLength(1));

    fireEvent.click(screen.getByTestId(`break-glass-review-${MINE}`));
    const refusal = await screen.findByTestId('break-glass-error');
    expect(refusal.textContent).toContain('Another administrator reviews your own break-glass openings');
    expect(within(screen.getByTestId('break-glass-row')).getByTestId('break-glass-error')).toBe(refusal);

    // The reviewed ones on demand, with who reviewed them.
    fireEvent.click(screen.getByTestId('break-glass-show-reviewed'));
    await waitFor(() => expect(screen.getAllByTestId('break-glass-row')).toHaveLength(2));
    expect(asked.at(-1)).toBe('/api/break-glass');
    expect(screen.getByTestId('break-glass-reviewed').textContent).toContain('Reviewed by Me');
  });

  it('says when nothing waits for review', async () => {
    answerApi(() => json({ items: [] }));
    renderWithProviders(<BreakGlassReview />);
    expect((await screen.findByTestId('break-glass-none')).textContent).toBe('No break-glass opening waits for review.');
  });
});
