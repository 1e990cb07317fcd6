import zlib from 'node:zlib';

/** One file in a zip: its compressed bytes and what the headers will claim about it. */
export type ZipEntry = { name: string; method: 0 | 8; data: Buffer; crc: number; size: number };

/** A plain file, deflated. */
export function deflated(name: string, content: string | Buffer): ZipEntry {
  const raw = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, method: 8, data: zlib.deflateRawSync(raw), crc: zlib.crc32(raw), size: raw.length };
}

/**
 * A zip container written by hand (local headers, central directory, end record), so that a test can
 * put in it what no zip library would: a bomb, or sizes that lie.
 */
export function zip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(0x0800, 8);
    record.writeUInt16LE(entry.method, 10);
    record.writeUInt16LE(0, 12);
    record.writeUInt16LE(0x21, 14);
    record.writeUInt32LE(entry.crc >>> 0, 16);
    record.writeUInt32LE(entry.data.length, 20);
    record.writeUInt32LE(entry.size, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    parts.push(local, name, entry.data);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
// Columns A to Z are all a participant list needs.
const inlineCell = (row: number, column: number, text: string) =>
  `<c r="${String.fromCharCode(65 + column)}${row}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
const sheetRow = (row: number, cells: string[]) => `<row r="${row}">${cells.map((text, column) => inlineCell(row, column, text)).join('')}</row>`;

/** A minimal but real .xlsx (one sheet of inline strings), as a spreadsheet program would save it. */
export function xlsx(rows: string[][]): Buffer {
  return xlsxOfSheet(rows.map((cells, index) => sheetRow(index + 1, cells)).join(''));
}

/**
 * An .xlsx whose sheet data is the XML given (cells of any type, formulas, references to nothing),
 * with what a sheet declares `before` and `after` its data (columns; merged ranges, drop-down lists)
 * and the workbook's `definedNames`.
 */
export function xlsxOfSheet(sheetData: string, declared: { before?: string; after?: string; definedNames?: string } = {}): Buffer {
  const head = SHEET_HEAD.replace('<sheetData>', `${declared.before ?? ''}<sheetData>`);
  const sheet = head + sheetData + SHEET_TAIL.replace('</sheetData>', `</sheetData>${declared.after ?? ''}`);
  return zip([
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', ROOT_RELS),
    deflated('xl/workbook.xml', WORKBOOK.replace('</sheets>', `</sheets>${declared.definedNames ?? ''}`)),
    deflated('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    deflated('xl/worksheets/sheet1.xml', sheet),
  ]);
}

/**
 * An .xlsx whose sheet inflates to about `megabytes` MB from a few hundred KB. One 1 MB block of
 * rows is deflated once (ending in a sync flush, so it refers to nothing before it) and repeated:
 * the file is built in milliseconds without ever holding the inflated sheet. `lie` makes the
 * headers claim a 1 KB sheet, as a hostile file would to pass a check of the declared sizes.
 * `filler: 'spaces'` pads with whitespace instead of rows.
 */
export function xlsxBomb(megabytes: number, options: { lie?: boolean; filler?: 'rows' | 'spaces' } = {}): Buffer {
  // The same data row over and over: a parser that gets that far builds millions of row objects.
  // Or whitespace between rows, which no row count notices.
  const row = options.filler === 'spaces' ? ' ' : sheetRow(2, ['x', 'female']);
  const block = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length)), 'utf8');
  const head = Buffer.from(SHEET_HEAD + sheetRow(1, ['full_name', 'sex']), 'utf8');
  const tail = Buffer.from(SHEET_TAIL, 'utf8');
  const flushed = (data: Buffer) => zlib.deflateRawSync(data, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const deflatedBlock = flushed(block);
  const pieces: Buffer[] = [flushed(head)];
  let crc = zlib.crc32(head);
  for (let i = 0; i < megabytes; i += 1) {
    pieces.push(deflatedBlock);
    crc = zlib.crc32(block, crc);
  }
  // The tail in a final block of its own.
  pieces.push(zlib.deflateRawSync(tail));
  crc = zlib.crc32(tail, crc);
  const size = head.length + block.length * megabytes + tail.length;
  const sheet: ZipEntry = {
    name: 'xl/worksheets/sheet1.xml',
    method: 8,
    data: Buffer.concat(pieces),
    crc: options.lie ? 0 : crc,
    size: options.lie ? 1024 : size % 2 ** 32,
  };
  return zip([
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', ROOT_RELS),
    deflated('xl/workbook.xml', WORKBOOK),
    deflated('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    sheet,
  ]);
}
