import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '@hifazat/contract';
import { ApiClientError } from '../../lib/api';
import { renderWithProviders } from '../../test/render';
import { normaliseCell, optionIndexOfKey, rowAnswers, type SheetQuestion } from './answerSheet';
import { PaperSheetGrid, type SaveSheet, type SheetRow } from './PaperSheetGrid';

const questions: SheetQuestion[] = [
  { questionId: 'q1', type: 'single_choice', optionIds: ['q1a', 'q1b', 'q1c', 'q1d'], points: 1 },
  { questionId: 'q2', type: 'multiple_choice', optionIds: ['q2a', 'q2b', 'q2c'], points: 2 },
  { questionId: 'q3', type: 'short_answer', optionIds: [], points: 3 },
];
const rows: SheetRow[] = [
  { personId: 'amina', name: 'Amina Baig', saved: null },
  { personId: 'bashir', name: 'Bashir Khan', saved: { score: 2, maxScore: 6, cells: { q1: 'A', q2: 'B', q3: '1' } } },
  { personId: 'chandni', name: 'Chandni Wali', saved: null },
];

type Call = { personId: string; answers: AnswerInput[]; clientId: string };

function renderGrid(save: SaveSheet) {
  renderWithProviders(<PaperSheetGrid questions={questions} rows={rows} onSave={save} />);
}
const cell = (personId: string, n: number) => screen.getByTestId(`sheet-cell-${personId}-${n}`) as HTMLInputElement;
const type = (personId: string, n: number, value: string) => fireEvent.input(cell(personId, n), { target: { value } });
const key = (personId: string, n: number, name: string) => fireEvent.keyDown(cell(personId, n), { key: name });

describe('what a cell keeps of what is typed', () => {
  it('reads A–J, a–j, 1–9 and the Urdu abjad letters as options, and nothing else', () => {
    expect(['A', 'c', '2', 'ج', 'ه', 'ی', 'x', '0', '!'].map(optionIndexOfKey)).toEqual([0, 2, 1, 2, 4, 9, null, null, null]);
    const single = questions[0] as SheetQuestion;
    const several = questions[1] as SheetQuestion;
    // The last option typed wins in a single-choice cell; letters beyond the options are dropped.
    expect(normaliseCell(single, 'ab')).toBe('B');
    expect(normaliseCell(single, 'e')).toBe('');
    expect(normaliseCell(several, 'cAa d')).toBe('AC');
    expect(normaliseCell(questions[2] as SheetQuestion, '1x2')).toBe('12');
  });

  it('turns a row into answers, leaving out empty cells and holding points to the question’s', () => {
    expect(rowAnswers(questions, { q1: 'C', q2: 'AB', q3: '' })).toEqual({
      answers: [
        { questionId: 'q1', optionIds: ['q1c'] },
        { questionId: 'q2', optionIds: ['q2a', 'q2b'] },
      ],
      problems: [],
    });
    expect(rowAnswers(questions, { q3: '4' }).problems).toEqual([{ questionId: 'q3', max: 3 }]);
    expect(rowAnswers(questions, { q3: '0' }).answers).toEqual([{ questionId: 'q3', awarded: 0 }]);
  });
});

describe('the paper answer-sheet grid, keyboard only', () => {
  it('moves on with Enter, saves the row at its last cell and goes to the next row still to type, skipping a saved one', async () => {
    const calls: Call[] = [];
    renderGrid(async (personId, answers, clientId) => {
      calls.push({ personId, answers, clientId });
      return { score: 3, maxScore: 6 };
    });
    cell('amina', 1).focus();
    type('amina', 1, 'c');
    expect(cell('amina', 1).value).toBe('C');
    expect(screen.getByTestId('sheet-state-amina').textContent).toBe('Not saved yet');
    key('amina', 1, 'Enter');
    expect(document.activeElement).toBe(cell('amina', 2));
    type('amina', 2, 'ba');
    key('amina', 2, 'Enter');
    type('amina', 3, '2');
    key('amina', 3, 'Enter');
    // Bashir's sheet is on the server already: the cursor goes to Chandni's row.
    expect(document.activeElement).toBe(cell('chandni', 1));
    await waitFor(() => expect(screen.getByTestId('sheet-state-amina').textContent).toBe('Saved: 3 of 6'));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.personId).toBe('amina');
    expect(calls[0]?.answers).toEqual([
      { questionId: 'q1', optionIds: ['q1c'] },
      { questionId: 'q2', optionIds: ['q2a', 'q2b'] },
      { questionId: 'q3', awarded: 2 },
    ]);
    // A saved row is shown, not changed.
    expect(cell('amina', 1).readOnly).toBe(true);
    expect(cell('bashir', 2).value).toBe('B');
    expect(cell('bashir', 2).readOnly).toBe(true);
  });

  it('moves between rows with ↑ and ↓ in the same column, and back a cell with Backspace in an empty one', () => {
    renderGrid(async () => ({ score: 0, maxScore: 6 }));
    cell('amina', 2).focus();
    key('amina', 2, 'ArrowDown');
    expect(document.activeElement).toBe(cell('chandni', 2));
    key('chandni', 2, 'ArrowUp');
    expect(document.activeElement).toBe(cell('amina', 2));
    key('amina', 2, 'Backspace');
    expect(document.activeElement).toBe(cell('amina', 1));
  });

  it('says a row is not saved when the server cannot be reached, and sends it again with the same client id', async () => {
    const calls: Call[] = [];
    let online = false;
    renderGrid(async (personId, answers, clientId) => {
      calls.push({ personId, answers, clientId });
      if (!online) throw new ApiClientError(0, 'network_error', 'Failed to fetch');
      return { score: 1, maxScore: 6 };
    });
    type('chandni', 1, 'a');
    fireEvent.click(screen.getByTestId('sheet-save-chandni'));
    await waitFor(() => expect(screen.getByTestId('sheet-state-chandni').textContent).toContain('Not saved: no connection'));
    expect(screen.getByTestId('sheet-row-chandni').getAttribute('data-state')).toBe('error');
    online = true;
    key('chandni', 3, 'Enter');
    await waitFor(() => expect(screen.getByTestId('sheet-state-chandni').textContent).toBe('Saved: 1 of 6'));
    expect(calls).toHaveLength(2);
    expect(calls[1]?.clientId).toBe(calls[0]?.clientId);
  });

  it('refuses a row with too many points or nothing typed, and says why, without sending it', () => {
    const calls: Call[] = [];
    renderGrid(async (personId, answers, clientId) => {
      calls.push({ personId, answers, clientId });
      return { score: 0, maxScore: 6 };
    });
    fireEvent.click(screen.getByTestId('sheet-save-amina'));
    expect(screen.getByTestId('sheet-state-amina').textContent).toBe('Type at least one answer.');
    type('amina', 3, '9');
    key('amina', 3, 'Enter');
    expect(screen.getByTestId('sheet-state-amina').textContent).toBe('Question 3 gives at most 3 points.');
    expect(cell('amina', 3).getAttribute('aria-invalid')).toBe('true');
    expect(calls).toEqual([]);
  });

  it('says so when the person has answered already', async () => {
    renderGrid(async () => {
      throw new ApiClientError(409, 'attempt_exists', 'Amina Baig has answered the pre-test of this event already');
    });
    type('amina', 1, 'b');
    key('amina', 3, 'Enter');
    await waitFor(() => expect(screen.getByTestId('sheet-state-amina').textContent).toBe('This person has answered this kind of test already.'));
  });
});
