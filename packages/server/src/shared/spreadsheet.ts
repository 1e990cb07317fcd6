import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

export type Cell = string | number | null;

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

export type Sheet = { name: string; header: string[]; rows: Cell[][]; rightToLeft?: boolean; widths?: number[] };

export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hifazat';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1, rightToLeft: sheet.rightToLeft ?? false }] });
    ws.addRow(sheet.header).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(row.map(neutralizeFormula));
    ws.columns.forEach((column, index) => {
      column.width = sheet.widths?.[index] ?? 16;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
