import { importColumns, type ImportColumn } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../../http/errors.js';
import { lookupTable } from '../../shared/lookup-table.js';
import { normalizeText } from '../../shared/normalize.js';
import { cellText } from '../../shared/spreadsheet.js';
import { checkXlsxCost, unreadableXlsx } from './imports.xlsx-guard.js';

/** Headers people actually write on sign-in sheets, in English and Urdu, mapped to our columns. */
const HEADER_ALIASES = lookupTable<ImportColumn>();
const aliases: Record<ImportColumn, string[]> = {
  full_name: ['full name', 'name', 'participant', 'participant name', 'name of participant', 'نام', 'پورا نام', 'مکمل نام'],
  sex: ['sex', 'gender', 'm f', 'جنس'],
  organization: ['organization', 'organisation', 'agency', 'department', 'institution', 'org', 'ادارہ', 'محکمہ', 'تنظیم'],
  designation: ['designation', 'rank', 'title', 'position', 'post', 'عہدہ'],
  province: ['province', 'region', 'صوبہ'],
  district: ['district', 'city', 'ضلع'],
  phone: ['phone', 'mobile', 'cell', 'contact', 'contact no', 'phone number', 'mobile number', 'فون', 'موبائل', 'رابطہ'],
  email: ['email', 'e mail', 'email address', 'ای میل'],
  birth_year: ['birth year', 'year of birth', 'yob', 'سال پیدائش'],
  role: ['role', 'کردار'],
  attended: ['attended', 'present', 'attendance', 'حاضر', 'حاضری'],
};
for (const column of importColumns) {
  HEADER_ALIASES[normalizeText(column)] = column;
  for (const alias of aliases[column]) HEADER_ALIASES[normalizeText(alias)] = column;
}

export const MAX_IMPORT_ROWS = 100_000;
/** Columns read from a spreadsheet; a participant list has a dozen, the rest are ignored. */
export const MAX_IMPORT_COLUMNS = 200;

export type RawRow = { line: number; values: Partial<Record<ImportColumn, string>> };
export type ParsedFile = { rows: RawRow[]; headerProblems: Array<{ line: number; column: string; message: string }> };

function mapHeaders(headers: string[]): { columns: Array<ImportColumn | null>; problems: ParsedFile['headerProblems'] } {
  const problems: ParsedFile['headerProblems'] = [];
  const seen = new Set<ImportColumn>();
  const columns = headers.map((header) => {
    const column = HEADER_ALIASES[normalizeText(header)] ?? null;
    if (column && seen.has(column)) {
      problems.push({ line: 1, column: header, message: `Two columns mean "${column}"; keep one` });
      return null;
    }
    if (column) seen.add(column);
    return column;
  });
  if (!seen.has('full_name'))
    problems.push({ line: 1, column: 'full_name', message: 'No name column: the first row must name the columns (full_name, sex, organization, …)' });
  if (!seen.has('sex')) problems.push({ line: 1, column: 'sex', message: 'No sex column: counts by sex are required' });
  return { columns, problems };
}

const tooManyRows = () => new AppError('payload_too_large', `At most ${MAX_IMPORT_ROWS} rows can be imported at once`);
const tooManyLines = () => new AppError('payload_too_large', `A CSV list may have at most ${MAX_CSV_LINES} lines, blank ones and those inside cells included`);

function toRows(records: Array<{ line: number; cells: string[] }>): ParsedFile {
  const [header, ...data] = records;
  if (!header) throw new AppError('import_invalid', 'The file is empty', [{ line: 1, column: '', message: 'No rows' }]);
  if (data.length > MAX_IMPORT_ROWS) {
    throw tooManyRows();
  }
  const { columns, problems } = mapHeaders(header.cells);
  const rows: RawRow[] = [];
  for (const record of data) {
    if (record.cells.every((c) => c.trim() === '')) continue; // blank lines at the end of sheets
    const values: RawRow['values'] = {};
    record.cells.forEach((cell, index) => {
      const column = columns[index];
      if (column) values[column] = cell.trim();
    });
    rows.push({ line: record.line, values });
  }
  return { rows, headerProblems: problems };
}

/** More cells than any list has (the template has 16 columns): a row past this is refused before parsing. */
export const MAX_CSV_CELLS_PER_ROW = 500;

/** Lines a CSV list may have: rows, their cells' line breaks and blank lines (the rows alone are limited to MAX_IMPORT_ROWS). */
export const MAX_CSV_LINES = 5 * MAX_IMPORT_ROWS;

const unreadable = (line: number, message: string) => new AppError('import_invalid', 'The CSV file could not be read', [{ line, column: '', message }]);

/**
 * One pass over the text before it is parsed, which refuses what the parser must never be given:
 * - a row of more than MAX_CSV_CELLS_PER_ROW cells, more than MAX_IMPORT_ROWS rows (lines that are
 *   not empty and do not continue a quoted cell) or more than MAX_CSV_LINES lines. One row of 10
 *   million empty cells (10 MB of commas) took 10-15 s to build, 2.6 million lines of "a,m" 14 s and
 *   1.9 GB, 10 million empty lines 5-7 s and 1.2 GB;
 * - quotes RFC 4180 does not allow: anything but a comma or the line's end after a quoted cell's
 *   closing quote, and a quote after spaces at a cell's start. Papa Parse reads the first by
 *   trimming everything up to the next comma, for each such quote (a 400 KB file took 17 s), and
 *   the second as text, which moved every later cell of the row one column on without a word;
 * - a quoted cell never closed.
 * A quote anywhere else in a cell that does not start with one is text (5'4", Ali "Shani" Khan).
 */
function refuseUnreadableCsv(text: string): void {
  const QUOTE = 34;
  const NEWLINE = 10;
  const COMMA = 44;
  const SPACE = 32;
  const TAB = 9;
  let inQuotes = false;
  let quoteLine = 0;
  // Whether the cell so far holds nothing but spaces (a quote there would be taken for text).
  let blankSoFar = true;
  let commas = 0;
  let line = 1;
  let records = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === NEWLINE && (line += 1) > MAX_CSV_LINES) throw tooManyLines();
      if (c !== QUOTE) continue;
      if (text.charCodeAt(i + 1) === QUOTE) {
        i += 1;
        continue;
      }
      inQuotes = false;
      const next = text.charCodeAt(i + 1);
      if (i + 1 < text.length && next !== COMMA && next !== NEWLINE) {
        throw unreadable(
          line,
          'Something follows the closing quote of a quoted cell before the next comma: put the whole cell in quotes, and write a quote inside it as two ("")',
        );
      }
      continue;
    }
    // The first character of a line that is not empty starts a record (header, rows, one more: too many).
    if (c !== NEWLINE && (i === 0 || text.charCodeAt(i - 1) === NEWLINE) && (records += 1) > MAX_IMPORT_ROWS + 1) throw tooManyRows();
    if (c === NEWLINE) {
      if ((line += 1) > MAX_CSV_LINES) throw tooManyLines();
      commas = 0;
      blankSoFar = true;
    } else if (c === COMMA) {
      if ((commas += 1) >= MAX_CSV_CELLS_PER_ROW) {
        throw unreadable(line, `A row has more than ${MAX_CSV_CELLS_PER_ROW} cells; a participant list has one column per field`);
      }
      blankSoFar = true;
    } else if (c === QUOTE && blankSoFar) {
      if (i > 0 && text.charCodeAt(i - 1) !== COMMA && text.charCodeAt(i - 1) !== NEWLINE) {
        throw unreadable(line, 'A quote after spaces at the start of a cell: remove the spaces before the quote');
      }
      inQuotes = true;
      quoteLine = line;
    } else if (c !== SPACE && c !== TAB) {
      blankSoFar = false;
    }
  }
  if (inQuotes) throw unreadable(quoteLine, 'A quoted cell is never closed: its closing quote is missing');
}

const newlinesIn = (cells: string[]): number => {
  let n = 0;
  for (const cell of cells) for (let at = cell.indexOf('\n'); at >= 0; at = cell.indexOf('\n', at + 1)) n += 1;
  return n;
};

/**
 * The bytes with every CRLF and lone CR made a LF (a CR byte is never part of another character in
 * UTF-8). A string replace of the same took a second for 10 MB of lone CRs.
 */
function lineFeedsOnly(buffer: Buffer): Buffer {
  const CR = 13;
  const LF = 10;
  if (!buffer.includes(CR)) return buffer;
  const out = Buffer.allocUnsafe(buffer.length);
  let length = 0;
  for (let i = 0; i < buffer.length; i += 1) {
    const byte = buffer[i] as number;
    if (byte !== CR) out[length++] = byte;
    else {
      out[length++] = LF;
      if (buffer[i + 1] === LF) i += 1;
    }
  }
  return out.subarray(0, length);
}

/**
 * Reads a CSV participant list with Papa Parse: five to six times faster than csv-parse on a
 * 50,000-row sheet (65-85 ms against 380-560 ms for 6.5 MB; docs/benchmarks.md, import_rows_per_s).
 * Comma-separated always (no guessing), double quotes, RFC 4180 escapes. Each record is numbered by
 * the file line it starts on; empty lines are skipped but counted.
 */
export function parseCsvFile(buffer: Buffer): ParsedFile {
  // One kind of line break, and no byte order mark (every one: Papa Parse drops one more itself, which
  // the pass before it would have read as text): line numbers count "\n" alone.
  const text = lineFeedsOnly(buffer)
    .toString('utf8')
    .replace(/^\uFEFF+/, '');
  refuseUnreadableCsv(text);
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n', quoteChar: '"', escapeChar: '"', header: false, skipEmptyLines: false });
  const records: Array<{ line: number; cells: string[] }> = [];
  const lineOfRow: number[] = [];
  let line = 1;
  for (const cells of parsed.data) {
    lineOfRow.push(line);
    // An empty line is one empty cell: skipped, and counted.
    if (cells.length > 1 || cells[0] !== '') records.push({ line, cells });
    line += 1 + newlinesIn(cells);
  }
  const [error] = parsed.errors;
  if (error) {
    const at = error.row === undefined ? 0 : (lineOfRow[error.row] ?? line);
    throw new AppError('import_invalid', 'The CSV file could not be read', [{ line: at, column: '', message: error.message }]);
  }
  return toRows(records);
}

export async function parseXlsxFile(buffer: Buffer): Promise<ParsedFile> {
  await checkXlsxCost(buffer, MAX_IMPORT_ROWS);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw unreadableXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError('import_invalid', 'The spreadsheet has no sheets', [{ line: 0, column: '', message: 'No sheet' }]);
  const records: Array<{ line: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // The first columns only, looked up without creating cells: one cell in the last column (XFD)
    // gave every row 16,384 cells to make, and a file of a few KB filled the heap.
    const cells: string[] = [];
    const width = Math.min(row.cellCount, MAX_IMPORT_COLUMNS);
    for (let c = 1; c <= width; c += 1) cells.push(cellText(row.findCell(c)?.value));
    records.push({ line: rowNumber, cells });
  });
  return toRows(records);
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The file's kind by its content first (a renamed file is common), then by its name. */
export async function parseImportFile(buffer: Buffer, filename: string): Promise<ParsedFile> {
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return parseXlsxFile(buffer);
  if (/\.xlsx?$/i.test(filename)) {
    throw new AppError('import_invalid', 'This is not an .xlsx file (old .xls files: save as .xlsx or .csv)', [
      { line: 0, column: '', message: 'Unreadable spreadsheet' },
    ]);
  }
  return parseCsvFile(buffer);
}
