import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

export type ReadSection = { header: string[]; rows: string[][] };
/** A CSV export read back: its "about" lines as label → value, and each section by its title. */
export type ReadCsv = { title: string; about: Map<string, string>; notes: string[]; sections: Map<string, ReadSection>; lines: string[][] };

/**
 * Reads a sectioned CSV export as a spreadsheet would: a byte-order mark, the about block (title
 * line, then label,value lines, ended by an empty line), then sections (title, headings, rows, empty line).
 */
export function readCsvExport(body: Buffer): ReadCsv {
  if (!(body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf)) throw new Error('no byte-order mark');
  const lines = parse(body.subarray(3).toString('utf8'), { relaxColumnCount: true, skipEmptyLines: false }) as string[][];
  const blocks: string[][][] = [[]];
  for (const line of lines) {
    if (line.length === 0 || (line.length === 1 && line[0] === '')) blocks.push([]);
    else blocks[blocks.length - 1]?.push(line);
  }
  const [aboutBlock = [], ...rest] = blocks.filter((b) => b.length > 0);
  const about = new Map<string, string>();
  const notes: string[] = [];
  for (const [label = '', value = ''] of aboutBlock.slice(1)) {
    if (label === '') notes.push(value);
    else about.set(label, value);
  }
  const sections = new Map<string, ReadSection>();
  for (const [title, header, ...rows] of rest) sections.set(title?.[0] ?? '', { header: header ?? [], rows });
  return { title: aboutBlock[0]?.[0] ?? '', about, notes, sections, lines };
}

export type ReadSheet = { name: string; rows: Array<Array<string | number | null>>; rightToLeft: boolean };

/** An XLSX export read back with exceljs: every sheet in order, each as rows of plain values. */
export async function readXlsxExport(body: Buffer): Promise<ReadSheet[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const rows: Array<Array<string | number | null>> = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      // exceljs leaves holes for empty cells: every cell up to the last is read, empty ones as null.
      const values = row.values as ExcelJS.CellValue[];
      rows.push(
        Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1]).map((v) => (typeof v === 'string' || typeof v === 'number' ? v : null)),
      );
    });
    return { name: sheet.name, rows, rightToLeft: sheet.views[0]?.rightToLeft ?? false };
  });
}

/** The about sheet of a workbook as label → value. */
export function aboutOf(sheet: ReadSheet | undefined): Map<string, string | number | null> {
  return new Map((sheet?.rows.slice(1) ?? []).filter((r) => r[0]).map((r) => [String(r[0]), r[1] ?? null]));
}
