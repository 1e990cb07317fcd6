import { useRef, useState, type KeyboardEvent } from 'react';
import { Button, Table, Text } from '@mantine/core';
import { useTranslation } from '../../i18n';
import type { AnswerInput } from '@hifazat/contract';
import { WideTable } from '../../components/WideTable';
import { newClientId } from '../../lib/clientId';
import { useFormat } from '../../lib/format';
import { normaliseCell, OPTION_LETTERS, rowAnswers, type SheetQuestion } from './answerSheet';
import { cellMove, paperSaveProblem } from './paperKeys';
import './assessments.css';
import './strings';

/** A participant's row: `saved` when the server has their sheet already (its cells shown, not changed). */
export type SheetRow = {
  personId: string;
  name: string;
  saved: { score: number; maxScore: number; cells: Record<string, string> } | null;
};

export type SaveSheet = (personId: string, answers: AnswerInput[], clientId: string) => Promise<{ score: number; maxScore: number }>;

type RowStatus =
  | { state: 'idle' | 'dirty' | 'saving' }
  | { state: 'saved'; score: number; maxScore: number }
  | { state: 'error'; message: string; badCells?: ReadonlySet<string> };

/**
 * Paper answer sheets of a whole room typed in with the keyboard alone: one row per participant,
 * one column per question. A choice cell takes the letters of the options ticked (A, B, C…; several
 * for a multiple-choice question), a short-answer cell the points the marker gives. Tab or Enter
 * moves on; Enter in a row's last cell saves the row and goes to the next; ↑ and ↓ move between rows.
 * Each row says whether the server has it. A row is sent with its own client id, so that sending it
 * again after a lost answer stores it once.
 */
export function PaperSheetGrid({ questions, rows, onSave }: { questions: SheetQuestion[]; rows: SheetRow[]; onSave: SaveSheet }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [cells, setCells] = useState<Record<string, Record<string, string>>>({});
  // The cells as typed, read by a save that follows a keystroke before the next render.
  const cellsNow = useRef(cells);
  const [status, setStatus] = useState<Record<string, RowStatus>>({});
  const clientIds = useRef(new Map<string, string>());
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const last = questions.length - 1;

  const statusOf = (row: SheetRow): RowStatus =>
    status[row.personId] ?? (row.saved ? { state: 'saved', score: row.saved.score, maxScore: row.saved.maxScore } : { state: 'idle' });
  const locked = (row: SheetRow) => row.saved !== null || ['saved', 'saving'].includes(statusOf(row).state);
  const setRowStatus = (personId: string, next: RowStatus) => setStatus((current) => ({ ...current, [personId]: next }));

  const focusCell = (rowIndex: number, column: number) => {
    const row = rows[rowIndex];
    if (!row) return;
    inputs.current.get(`${row.personId}:${column}`)?.focus();
  };
  /** The next row (down or up) still to be typed, else none. */
  const nextOpenRow = (from: number, step: 1 | -1) => {
    for (let i = from + step; i >= 0 && i < rows.length; i += step) {
      const candidate = rows[i];
      if (candidate && !locked(candidate)) return i;
    }
    return -1;
  };

  const save = async (row: SheetRow) => {
    if (locked(row)) return;
    const { answers, problems } = rowAnswers(questions, cellsNow.current[row.personId] ?? {});
    if (problems.length > 0) {
      const first = problems[0];
      const position = questions.findIndex((q) => q.questionId === first?.questionId) + 1;
      setRowStatus(row.personId, {
        state: 'error',
        message: t('assessments:sheet.tooManyPoints', { n: position, max: first?.max ?? 0 }),
        badCells: new Set(problems.map((p) => p.questionId)),
      });
      return;
    }
    if (answers.length === 0) {
      setRowStatus(row.personId, { state: 'error', message: t('assessments:sheet.emptyRow') });
      return;
    }
    let clientId = clientIds.current.get(row.personId);
    if (!clientId) {
      clientId = newClientId();
      clientIds.current.set(row.personId, clientId);
    }
    setRowStatus(row.personId, { state: 'saving' });
    try {
      const result = await onSave(row.personId, answers, clientId);
      setRowStatus(row.personId, { state: 'saved', score: result.score, maxScore: result.maxScore });
    } catch (error) {
      const message = paperSaveProblem(error, {
        answeredAlready: t('assessments:sheet.answeredAlready'),
        offline: t('assessments:sheet.notSavedOffline'),
        failed: t('assessments:sheet.notSaved'),
      });
      setRowStatus(row.personId, { state: 'error', message });
    }
  };

  const type = (row: SheetRow, question: SheetQuestion, typed: string) => {
    const value = normaliseCell(question, typed);
    const next = { ...cellsNow.current, [row.personId]: { ...cellsNow.current[row.personId], [question.questionId]: value } };
    cellsNow.current = next;
    setCells(next);
    const current = statusOf(row).state;
    if (current !== 'dirty') setRowStatus(row.personId, { state: 'dirty' });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, rowIndex: number, column: number) => {
    const row = rows[rowIndex];
    if (!row) return;
    const move = cellMove(event, { rows: true });
    if (move === 'next') {
      if (column < last) return focusCell(rowIndex, column + 1);
      void save(row);
      const next = nextOpenRow(rowIndex, 1);
      if (next >= 0) focusCell(next, 0);
    } else if (move === 'down' || move === 'up') {
      const next = nextOpenRow(rowIndex, move === 'down' ? 1 : -1);
      if (next >= 0) focusCell(next, column);
    } else if (move === 'previous' && column > 0) {
      focusCell(rowIndex, column - 1);
    }
  };

  const hint = (q: SheetQuestion) =>
    q.type === 'short_answer'
      ? t('assessments:sheet.hintPoints', { max: q.points })
      : q.type === 'multiple_choice'
        ? t('assessments:sheet.hintSeveral', { last: OPTION_LETTERS[q.optionIds.length - 1] })
        : t('assessments:sheet.hintOne', { last: OPTION_LETTERS[q.optionIds.length - 1] });

  return (
    <WideTable minWidth={260 + questions.length * 64} testId="sheet-scroll">
      <Table withColumnBorders verticalSpacing={4} horizontalSpacing={6} data-testid="sheet-grid">
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="sticky-col" miw={150}>
              {t('person.fullName')}
            </Table.Th>
            {questions.map((q, i) => (
              <Table.Th key={q.questionId} ta="center" data-testid={`sheet-question-${i + 1}`}>
                <Text size="sm" fw={700} component="div">
                  {f.number(i + 1)}
                </Text>
                <Text size="xs" c="dimmed" component="div" style={{ whiteSpace: 'nowrap' }}>
                  {hint(q)}
                </Text>
              </Table.Th>
            ))}
            <Table.Th miw={150}>{t('assessments:sheet.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, rowIndex) => {
            const rowStatus = statusOf(row);
            const readOnly = locked(row);
            const badCells = rowStatus.state === 'error' ? rowStatus.badCells : undefined;
            return (
              <Table.Tr key={row.personId} data-testid={`sheet-row-${row.personId}`} data-state={rowStatus.state}>
                <Table.Td className="sticky-col">
                  <Text size="sm" fw={500} dir="auto">
                    {row.name}
                  </Text>
                </Table.Td>
                {questions.map((q, column) => (
                  <Table.Td key={q.questionId} ta="center">
                    <input
                      ref={(el) => {
                        if (el) inputs.current.set(`${row.personId}:${column}`, el);
                        else inputs.current.delete(`${row.personId}:${column}`);
                      }}
                      className="sheet-cell"
                      value={row.saved ? (row.saved.cells[q.questionId] ?? '') : (cells[row.personId]?.[q.questionId] ?? '')}
                      readOnly={readOnly}
                      inputMode={q.type === 'short_answer' ? 'numeric' : 'text'}
                      autoComplete="off"
                      autoCapitalize="characters"
                      spellCheck={false}
                      aria-label={t('assessments:sheet.cellLabel', { name: row.name, n: column + 1 })}
                      aria-invalid={badCells?.has(q.questionId) ? 'true' : undefined}
                      onChange={(e) => type(row, q, e.currentTarget.value)}
                      onKeyDown={(e) => onKeyDown(e, rowIndex, column)}
                      data-testid={`sheet-cell-${row.personId}-${column + 1}`}
                    />
                  </Table.Td>
                ))}
                <Table.Td>
                  <RowState status={rowStatus} personId={row.personId} />
                  {!readOnly ? (
                    <Button size="compact-xs" variant="light" mt={2} onClick={() => void save(row)} data-testid={`sheet-save-${row.personId}`}>
                      {t('assessments:sheet.save')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function RowState({ status, personId }: { status: RowStatus; personId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  const testId = `sheet-state-${personId}`;
  switch (status.state) {
    case 'idle':
      return (
        <Text size="xs" c="dimmed" data-testid={testId}>
          {t('assessments:sheet.empty')}
        </Text>
      );
    case 'dirty':
      return (
        <Text size="xs" c="orange.8" fw={600} data-testid={testId}>
          {t('assessments:sheet.notSavedYet')}
        </Text>
      );
    case 'saving':
      return (
        <Text size="xs" c="dimmed" data-testid={testId}>
          {t('assessments:sheet.saving')}
        </Text>
      );
    case 'saved':
      return (
        <Text size="xs" c="teal.8" fw={600} data-testid={testId}>
          {t('assessments:sheet.saved', { score: f.number(status.score), max: f.number(status.maxScore) })}
        </Text>
      );
    case 'error':
      return (
        <Text size="xs" c="red.8" fw={600} role="alert" data-testid={testId}>
          {status.message}
        </Text>
      );
  }
}
