import { exportText, type ExportQuery, type ExportText, type LabelLanguage } from '@hifazat/contract';
import { csvLines, toXlsx, type Cell, type SheetLayout } from './spreadsheet.js';

/** One table of an export: a sheet of its own in XLSX, a section of the CSV. `layout`: the sheet's, XLSX only. */
export type ExportSection = { title: string; header: string[]; rows: Cell[][]; widths?: number[]; layout?: SheetLayout };

/**
 * A file people can hand on: first what it is (what was exported, with which filters, when and by
 * whom), then its tables. Headings and labels are already in the file's language.
 */
export type ExportBook = { lang: LabelLanguage; about: Array<[string, Cell]>; sections: ExportSection[] };

export type ExportFile = { body: Buffer; contentType: string; fileName: string };

/** "2026-12-01 06:15 UTC": unambiguous in either language, and the same wherever the file is opened. */
export const madeAtText = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A country's name in the language, with its code ("Pakistan (PK)"); the code alone if unknown. */
export function countryName(lang: LabelLanguage, code: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'region' }).of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch {
    return code;
  }
}

/**
 * The rows of the "about this export" sheet: `what` (the kind of file, the period…), then every
 * filter applied (or "none"), then when and by whom, then notes on how to read the figures.
 */
export function aboutRows(
  text: ExportText,
  input: { what: Array<[string, Cell]>; filters: Array<[string, Cell]>; madeBy: string; madeAt: Date; notes?: string[] },
): Array<[string, Cell]> {
  const rows: Array<[string, Cell]> = [...input.what];
  if (input.filters.length === 0) rows.push([text.filters, text.none]);
  else rows.push(...input.filters);
  rows.push([text.madeAt, madeAtText(input.madeAt)], [text.madeBy, input.madeBy]);
  for (const note of input.notes ?? []) rows.push(['', note]);
  return rows;
}

/**
 * CSV: the about lines first, then each table as a section (its title on a line, its headings, its
 * rows, an empty line), so that the one file holds what the workbook's sheets hold.
 */
export function bookCsv(book: ExportBook): Buffer {
  const text = exportText[book.lang];
  const lines: Cell[][] = [[text.about], ...book.about, []];
  for (const section of book.sections) lines.push([section.title], section.header, ...section.rows, []);
  return csvLines(lines);
}

/** XLSX: the about sheet first, then a sheet per table; right to left in Urdu. */
export function bookXlsx(book: ExportBook): Promise<Buffer> {
  const text = exportText[book.lang];
  const rightToLeft = book.lang === 'ur';
  return toXlsx([
    { name: text.about, header: [text.about, ''], rows: book.about, rightToLeft, widths: [28, 60] },
    ...book.sections.map((s) => ({
      name: sheetName(s.title),
      header: s.header,
      rows: s.rows,
      rightToLeft,
      ...(s.widths ? { widths: s.widths } : {}),
      ...(s.layout ? { layout: s.layout } : {}),
    })),
  ]);
}

/** A sheet's name: at most 31 characters, none of the ones Excel refuses (: \ / ? * [ ]). */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

export async function exportFile(book: ExportBook, format: ExportQuery['format'], baseName: string): Promise<ExportFile> {
  if (format === 'csv') return { body: bookCsv(book), contentType: 'text/csv; charset=utf-8', fileName: `${baseName}.csv` };
  return {
    body: await bookXlsx(book),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `${baseName}.xlsx`,
  };
}
