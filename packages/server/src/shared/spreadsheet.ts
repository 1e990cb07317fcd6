import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { wellFormed } from './well-formed.js';

export type Cell = string | number | null;

/**
 * What a read cell says, as text: a date as YYYY-MM-DD, a formula by its result, rich text joined.
 * A spreadsheet can spell half a surrogate pair (`_xD800_`, which exceljs decodes); stored, it would
 * come back as U+FFFD and no longer match what was checked or written to the audit trail from it,
 * so it becomes U+FFFD here.
 */
export function cellText(value: ExcelJS.CellValue): string {
  return wellFormed(cellValueText(value));
}

function cellValueText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    // A hyperlink's text may itself be rich text.
    if ('text' in value) return typeof value.text === 'string' ? value.text : cellValueText(value.text as ExcelJS.CellValue);
    if ('result' in value) return value.result === undefined || value.result === null ? '' : cellValueText(value.result as ExcelJS.CellValue);
    return '';
  }
  return String(value);
}

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a
 * leading apostrophe, as OWASP's CSV-injection advice says. Numbers stay numbers.
 */
export function neutralizeFormula(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toCsv(header: string[], rows: Cell[][]): Buffer {
  return csvLines([header, ...rows]);
}

/** Lines of any length (a CSV of several sections), UTF-8 with a byte-order mark so that Excel reads Urdu. */
export function csvLines(lines: Cell[][]): Buffer {
  const text = stringify(
    lines.map((r) => r.map(neutralizeFormula)),
    { bom: true },
  );
  return Buffer.from(text, 'utf8');
}

/**
 * How a sheet of several tables is laid out (rows counted as indexes into `rows`): `strongRows` in
 * bold, as the header is (the headings of its tables); `printWide`, printed landscape and scaled to
 * one page wide (tables with charts beside them); `pageBreaksBefore`, rows that start a printed page.
 */
export type SheetLayout = { strongRows?: number[]; printWide?: boolean; pageBreaksBefore?: number[] };

export type Sheet = { name: string; header: string[]; rows: Cell[][]; rightToLeft?: boolean; widths?: number[]; layout?: SheetLayout };

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hifazat';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: sheet.rightToLeft ?? false }] });
    const layout = sheet.layout ?? {};
    if (layout.printWide) ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    ws.addRow(sheet.header).font = { bold: true };
    const strong = new Set(layout.strongRows ?? []);
    sheet.rows.forEach((row, i) => {
      const added = ws.addRow(row.map(neutralizeFormula));
      if (strong.has(i)) added.font = { bold: true };
    });
    // A break goes after a row: before rows[i] (sheet row i + 2) is after sheet row i + 1.
    for (const i of layout.pageBreaksBefore ?? []) ws.getRow(i + 1).addPageBreak();
    ws.columns.forEach((column, index) => {
      column.width = sheet.widths?.[index] ?? 16;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
