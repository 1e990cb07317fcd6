/**
 * The columns that hold values sealed with the data keys (shared/data-key.ts). A module registers
 * each of its sealed columns here, from its index.ts, so that `npx hifazat keys rotate` re-encrypts
 * them and doctor and restore can count what each key still opens. Nothing here reads the
 * database: modules/data-protection walks the list.
 */
export type SealedColumn = Readonly<{
  table: string;
  /** The table's primary key (one column), used to walk the table in batches. */
  idColumn: string;
  column: string;
  /** The purpose the values were sealed with, e.g. 'users.mfa_secret'; each value's associated data is rowPurpose(purpose, its row's id). */
  purpose: string;
}>;

/**
 * The associated data a value of a registered column is sealed with: its purpose and its row's id. A
 * value copied into another row (someone able to write to the database putting their own TOTP secret
 * in another account's row) or another column does not open there.
 */
export const rowPurpose = (purpose: string, rowId: string): string => `${purpose}:${rowId}`;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const columns = new Map<string, SealedColumn>();

/** Registers a sealed column (again: the same registration is kept once; another purpose for it is refused). */
export function registerSealedColumn(column: SealedColumn): void {
  for (const name of [column.table, column.idColumn, column.column]) {
    if (!IDENTIFIER.test(name)) throw new Error(`registerSealedColumn: not a plain SQL name: ${name}`);
  }
  if (column.purpose.trim() === '') throw new Error('registerSealedColumn: give the purpose the values are sealed with');
  const key = `${column.table}.${column.column}`;
  const known = columns.get(key);
  if (known && (known.purpose !== column.purpose || known.idColumn !== column.idColumn)) {
    throw new Error(`registerSealedColumn: ${key} is registered already with another purpose or id column`);
  }
  columns.set(key, Object.freeze({ ...column }));
}

/** Every registered sealed column, in a stable order. */
export function sealedColumns(): SealedColumn[] {
  return [...columns.values()].sort((a, b) => `${a.table}.${a.column}`.localeCompare(`${b.table}.${b.column}`));
}

/** Removes a registration (tests that register a throwaway table). */
export function unregisterSealedColumn(table: string, column: string): void {
  columns.delete(`${table}.${column}`);
}
