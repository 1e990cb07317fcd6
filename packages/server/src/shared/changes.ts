/**
 * The columns whose new value differs from the row as it was read. Updates write only these, so
 * that two people editing different fields of one record at the same moment do not undo each
 * other's change (`updated_at` and other always-written columns go in `always`).
 */
export function changedColumns<Row extends object>(before: Row, next: Partial<Row>, always: Array<keyof Row> = []): Partial<Row> {
  const changed: Partial<Row> = {};
  for (const key of Object.keys(next) as Array<keyof Row>) {
    if (always.includes(key) || next[key] !== before[key]) changed[key] = next[key];
  }
  return changed;
}
