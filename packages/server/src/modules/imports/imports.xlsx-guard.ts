import { AppError } from '../../http/errors.js';
import { inspectZip } from '../../shared/zip.js';

/**
 * exceljs builds its whole model of a workbook before anything can be counted, and some of what a
 * file declares it expands cell by cell: a merged range, a drop-down list (data validation) or a
 * named range over A1:XFD1048576, a column range to 2,000,000,000, a row numbered 2,000,000,000.
 * Each of those, in a file of 2 KB, filled the heap and ended the process; a zip bomb of repeated
 * rows (1 MB of file, 300 MB of sheet) took half a minute and gigabytes. So the file is first
 * inflated as a stream, keeping nothing, while its XML is scanned for what exceljs would expand.
 */
export const XLSX_LIMITS = {
  /** 100,000 rows of eleven columns as a spreadsheet program saves them is about 50 MB. */
  inflatedBytes: 128 * 1024 * 1024,
  entries: 1000,
  merges: 1000, // exceljs checks each merge against every other one
  mergedCells: 200_000,
  /** Cells covered by drop-down lists and named ranges: a whole column is 1,048,576. */
  rangeCells: 1_100_000,
  lastRow: 1_048_576,
  lastColumn: 16_384,
  /** One tag with its text: Excel keeps a cell to 32,767 characters. */
  tagChars: 1024 * 1024,
};

type Tally = { rows: number; cells: number; merges: number; mergedCells: number; rangeCells: number; problem: AppError | null };

const tooLarge = (message: string) => new AppError('payload_too_large', message);
export const unreadableXlsx = () =>
  new AppError('import_invalid', 'The spreadsheet could not be read; save it as .xlsx or .csv', [
    { line: 0, column: '', message: 'Not a readable .xlsx file' },
  ]);

/**
 * Refuses, before exceljs sees it, an .xlsx that would cost far more than its rows are worth: more
 * rows than `maxRows`, or more cells than rows of `maxColumns` would hold (exceljs keeps every cell:
 * 1.5 million of them, in a 4 MB upload, held about 450 MB).
 */
export async function checkXlsxCost(buffer: Buffer, maxRows: number, maxColumns = 16): Promise<void> {
  const tally: Tally = { rows: 0, cells: 0, merges: 0, mergedCells: 0, rangeCells: 0, problem: null };
  // Row elements, blank and formatted ones included, beyond which the row limit cannot be met.
  const maxRowElements = 2 * maxRows;
  const maxCells = maxRows * maxColumns;
  let entry = '';
  let carry = '';
  const verdict = await inspectZip(buffer, {
    maxEntries: XLSX_LIMITS.entries,
    maxInflatedBytes: XLSX_LIMITS.inflatedBytes,
    onChunk: (name, chunk) => {
      // exceljs finds its parts by unanchored patterns (`xl/worksheets/sheet1.xml.bak` is read as a
      // sheet), so every entry whose name holds ".xml" is scanned, not only those ending in it.
      if (!/\.xml/i.test(name)) return true;
      if (name !== entry) {
        scan(carry, tally);
        entry = name;
        carry = '';
      }
      // Cut before the chunk's last '<': '<' cannot occur inside a tag, so every tag scanned is
      // whole and the text after a tag stays with it. Only the new chunk is searched.
      const text = chunk.toString('latin1');
      const cut = text.lastIndexOf('<');
      if (cut < 0) {
        carry += text;
      } else {
        scan(carry + text.slice(0, cut), tally);
        carry = text.slice(cut);
      }
      if (carry.length > XLSX_LIMITS.tagChars) tally.problem = unreadableXlsx();
      if (tally.rows > maxRowElements) tally.problem = tooLarge(`At most ${maxRows} rows can be imported at once`);
      if (tally.cells > maxCells) tally.problem = tooLarge(`At most ${maxRows} rows of ${maxColumns} columns can be imported at once`);
      return tally.problem === null;
    },
  });
  if (verdict.ok) scan(carry, tally);
  if (tally.cells > maxCells) tally.problem ??= tooLarge(`At most ${maxRows} rows of ${maxColumns} columns can be imported at once`);
  if (tally.problem) throw tally.problem;
  if (!verdict.ok) {
    if (verdict.reason === 'too_large') throw tooLarge('The spreadsheet is too large once unpacked; split it or save it as .csv');
    throw unreadableXlsx();
  }
}

// A start tag and the text after it. Quoted values may hold '>' but never '<', so no match runs
// past the next tag: the scan stays linear whatever the file holds.
const TAG = /<(row|c|mergeCell|dataValidation|col|definedName)\b((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>([^<]*)/g;
const ATTRIBUTE = /([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const CELL = /^\$?([A-Za-z]{1,4})\$?(\d{1,12})$/;
const RANGE_IN_TEXT = /\$?([A-Za-z]{1,4})\$?(\d{1,12})(?:\s*:\s*\$?([A-Za-z]{1,4})\$?(\d{1,12}))?/g;

function scan(xml: string, tally: Tally): void {
  for (const match of xml.matchAll(TAG)) {
    const [, name, attributeText = '', text = ''] = match;
    const attributes = new Map<string, string>();
    for (const a of attributeText.matchAll(ATTRIBUTE)) attributes.set(a[1] ?? '', decodeXml(a[2] ?? a[3] ?? ''));
    switch (name) {
      case 'c':
        tally.cells += 1;
        break;
      case 'row':
        tally.rows += 1;
        // exceljs keeps rows in an array indexed by row number and walks all of it.
        if (Number(attributes.get('r') ?? 0) > XLSX_LIMITS.lastRow) tally.problem ??= unreadableXlsx();
        break;
      case 'col':
        if (Number(attributes.get('max') ?? 0) > XLSX_LIMITS.lastColumn || Number(attributes.get('min') ?? 0) > XLSX_LIMITS.lastColumn)
          tally.problem ??= unreadableXlsx();
        break;
      case 'mergeCell':
        tally.merges += 1;
        tally.mergedCells += areaOf(attributes.get('ref') ?? '');
        if (tally.merges > XLSX_LIMITS.merges || tally.mergedCells > XLSX_LIMITS.mergedCells) {
          tally.problem ??= tooLarge('The spreadsheet merges too many cells; unmerge them or save it as .csv');
        }
        break;
      case 'dataValidation':
        for (const ref of (attributes.get('sqref') ?? '').split(/\s+/)) tally.rangeCells += areaOf(ref);
        break;
      case 'definedName':
        // exceljs turns these two into page settings; every other name it expands cell by cell.
        if (attributes.get('name') === '_xlnm.Print_Area' || attributes.get('name') === '_xlnm.Print_Titles') break;
        for (const range of decodeXml(text).matchAll(RANGE_IN_TEXT)) tally.rangeCells += areaOf(range[0].replace(/\s+/g, ''));
        break;
    }
    if (tally.rangeCells > XLSX_LIMITS.rangeCells) {
      tally.problem ??= tooLarge('The spreadsheet has drop-down lists or named ranges over too many cells; remove them or save it as .csv');
    }
  }
}

/** Cells in "B2:D10" (27) or "B2" (1); a reference that does not parse counts as one cell. */
function areaOf(ref: string): number {
  const [from, to = from] = ref.split(':');
  const a = CELL.exec(from ?? '');
  const b = CELL.exec(to ?? '');
  if (!a || !b) return 1;
  const rows = Math.abs(Number(b[2]) - Number(a[2])) + 1;
  const columns = Math.abs(columnNumber(b[1] ?? '') - columnNumber(a[1] ?? '')) + 1;
  return rows * columns;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The entities an XML parser would decode in a value: a reference written as &#65;1 is still A1. */
function decodeXml(value: string): string {
  if (!value.includes('&')) return value;
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16) % 0x110000);
    if (entity.startsWith('#')) return String.fromCodePoint(Number.parseInt(entity.slice(1), 10) % 0x110000);
    return named[entity] ?? whole;
  });
}
