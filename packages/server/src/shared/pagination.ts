import { invalid } from '../http/errors.js';

/** Keyset cursors: the sort value and id of the last row seen, opaque to clients. */
export type Cursor = { sort: string; id: string };

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | undefined): Cursor | undefined {
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && typeof value[1] === 'string') {
      return { sort: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw invalid('Invalid cursor', [{ path: 'cursor', message: 'Not a cursor this server gave out' }]);
}

/** Rows are fetched with limit + 1 so that we know whether another page exists. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  sortOf: (row: Row) => Cursor,
  present: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(present), nextCursor: more && last ? encodeCursor(sortOf(last)) : null };
}
