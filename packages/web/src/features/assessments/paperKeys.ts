import type { KeyboardEvent } from 'react';
import { isApiError, isNetworkError } from '../../lib/api';

/**
 * Typing paper sheets in with the keyboard alone (a test's answer sheets, feedback questionnaires):
 * what a key pressed in a cell asks for. Enter moves on (in a text box that takes several lines,
 * Shift+Enter is a new line); ↑ and ↓ move between rows of a grid; Backspace in an empty cell goes
 * back to the one before. The key's own action is prevented when it moves.
 */
export type CellMove = 'next' | 'previous' | 'up' | 'down';

export function cellMove(event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>, options: { rows?: boolean } = {}): CellMove | null {
  const multiline = event.currentTarget instanceof HTMLTextAreaElement;
  let move: CellMove | null = null;
  if (event.key === 'Enter' && !(multiline && event.shiftKey) && !event.nativeEvent.isComposing) move = 'next';
  else if (options.rows && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) move = event.key === 'ArrowDown' ? 'down' : 'up';
  else if (event.key === 'Backspace' && event.currentTarget.value === '') move = 'previous';
  if (move) event.preventDefault();
  return move;
}

/**
 * Why a typed-in sheet was not saved, in the feature's own words: the person has one already (409
 * `attempt_exists`), there is no connection, or the server's own message (else `failed`).
 */
export function paperSaveProblem(error: unknown, words: { answeredAlready: string; offline: string; failed: string }): string {
  if (isApiError(error) && error.code === 'attempt_exists') return words.answeredAlready;
  if (isNetworkError(error)) return words.offline;
  return isApiError(error) ? error.message : words.failed;
}
