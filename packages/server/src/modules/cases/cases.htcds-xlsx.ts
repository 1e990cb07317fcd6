/**
 * The HTCDS v2.0 Excel case sheet (issue 13): written as the official template lays it out (sheet
 * "Case Sheet", row 1 the machine names, hidden as there; row 2 the labels; a case a row from row 3)
 * with drop-down lists of the HTCDS pick-lists, and read back tolerantly (docs/cases.md, "HTCDS exchange").
 */
import { htcdsAliases, htcdsColumns, MAX_HTCDS_IMPORT_ROWS, type HtcdsCase, type HtcdsColumn } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import { AppError } from '../../http/errors.js';
import { checkXlsxCost } from '../imports/index.js';
import { cellText, neutralizeFormula } from '../../shared/spreadsheet.js';
import { cellTextOf } from './cases.htcds.js';

export const CASE_SHEET = 'Case Sheet';
const LISTS_SHEET = 'Lists';
/** Rows below the cases that keep their drop-down lists, for cases added by hand. */
const SPARE_ROWS = 500;

/** "A", …, "Z", "AA", … */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The sheet of these cases, as an .xlsx file. */
export async function writeCaseSheet(cases: HtcdsCase[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hifazat';
  const sheet = workbook.addWorksheet(CASE_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });

  sheet.columns = htcdsColumns.map((c) => ({ key: c.key, width: Math.min(40, Math.max(14, c.label.length + 2)) }));
  sheet.addRow(htcdsColumns.map((c) => c.name));
  sheet.addRow(htcdsColumns.map((c) => c.label));
  // As in the template: the machine names are there for programs, hidden from people.
  sheet.getRow(1).hidden = true;
  sheet.getRow(2).font = { bold: true };
  // Text a spreadsheet would run (=, +, -, @ first) gets the app's leading apostrophe; the import takes it off.
  sheet.addRows(cases.map((c) => htcdsColumns.map((column) => neutralizeFormula(cellTextOf(column, c[column.key])))));

  // Each pick-list once on the hidden sheet; each column's cells take its values from a drop-down.
  // exceljs keeps data validations on every worksheet; its typings leave them out.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
  const listRanges = new Map<readonly string[], string>();
  const lastRow = 2 + cases.length + SPARE_ROWS;
  htcdsColumns.forEach((column, index) => {
    if (!column.values || (column.kind !== 'pick' && column.kind !== 'multi')) return;
    let range = listRanges.get(column.values);
    if (!range) {
      const listColumn = listRanges.size + 1;
      column.values.forEach((value, i) => {
        lists.getCell(i + 1, listColumn).value = value;
      });
      const letter = columnLetter(listColumn - 1);
      range = `${LISTS_SHEET}!$${letter}$1:$${letter}$${column.values.length}`;
      listRanges.set(column.values, range);
    }
    const letter = columnLetter(index);
    validations.add(`${letter}3:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      // A multi-select cell holds values joined by "; " (the template's macro joins them; an .xlsx carries
      // no macro), so its drop-down offers the values without refusing a joined list.
      showErrorMessage: column.kind === 'pick',
      errorStyle: 'stop',
      errorTitle: column.label,
      error: 'Choose a value from the HTCDS list',
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type SheetRow = { line: number; cells: Map<string, string> };
export type ReadSheet = {
  rows: SheetRow[];
  /** "T vic_TraffickinStatusDecisionMakingOrg": where the file holds a field (its letter and the template's name). */
  where: (key: string) => string;
};

const lower = (text: string) => text.trim().toLowerCase();
const byLabel = new Map(htcdsColumns.map((c) => [lower(c.label), c]));
const byName = new Map<string, HtcdsColumn>();
for (const c of htcdsColumns) {
  byName.set(lower(c.key), c);
  byName.set(lower(c.name), c);
}
for (const [spelling, name] of Object.entries(htcdsAliases)) {
  const column = htcdsColumns.find((c) => c.name === name);
  if (column) byName.set(lower(spelling), column);
}

const unreadable = (message: string) => new AppError('import_invalid', message, [{ line: 0, column: '', message }]);

/**
 * Reads the case sheet: which field each column holds (by its label in row 2 when known, since the
 * template's names in N–R do not match their labels; else by its name in row 1, in either spelling),
 * and the rows from row 3 that hold anything.
 */
export async function readCaseSheet(buffer: Buffer): Promise<ReadSheet> {
  // The case sheet's columns, and as many again of a program's own (a template's notes, formatting).
  await checkXlsxCost(buffer, MAX_HTCDS_IMPORT_ROWS + 2, 2 * htcdsColumns.length);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadable('Not a readable .xlsx file: save the HTCDS case sheet as .xlsx');
  }
  const sheet = workbook.getWorksheet(CASE_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw unreadable('The file has no sheet');
  const names = sheet.getRow(1);
  const labels = sheet.getRow(2);
  const keyAt = new Map<number, string>();
  const letterOf = new Map<string, string>();
  for (let col = 1; col <= Math.max(names.cellCount, labels.cellCount); col += 1) {
    const column = byLabel.get(lower(cellText(labels.getCell(col).value))) ?? byName.get(lower(cellText(names.getCell(col).value)));
    if (!column || letterOf.has(column.key)) continue;
    keyAt.set(col, column.key);
    letterOf.set(column.key, columnLetter(col - 1));
  }
  if (!keyAt.size) throw unreadable('Row 1 names no HTCDS field: is this the HTCDS case sheet?');
  const rows: SheetRow[] = [];
  for (let line = 3; line <= sheet.rowCount; line += 1) {
    const row = sheet.getRow(line);
    const cells = new Map<string, string>();
    for (const [col, key] of keyAt) {
      const text = cellText(row.getCell(col).value)
        .trim()
        .replace(/^'(?=[=+\-@\t\r])/, '');
      if (text) cells.set(key, text);
    }
    if (cells.size > 0) rows.push({ line, cells });
  }
  if (rows.length > MAX_HTCDS_IMPORT_ROWS) throw new AppError('payload_too_large', `At most ${MAX_HTCDS_IMPORT_ROWS} cases can be imported at once`);
  const nameOf = new Map(htcdsColumns.map((c) => [c.key, c.name]));
  return { rows, where: (key) => `${letterOf.get(key) ?? '—'} ${nameOf.get(key) ?? key}` };
}
