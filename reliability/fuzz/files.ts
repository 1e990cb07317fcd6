import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { FORMULAS, HOSTILE_STRINGS, INVALID_UTF8 } from './payloads.js';
import { xlsx, xlsxOfSheet } from './zip.js';

export type Part = { field: string; filename?: string; contentType?: string; content: Buffer };

/** A multipart/form-data body, built by hand so that it can also be built wrong. */
export function multipart(parts: Part[], options: { boundary?: string; truncate?: boolean } = {}): { body: Buffer; contentType: string } {
  const boundary = options.boundary ?? `----fuzz${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.field}"${part.filename === undefined ? '' : `; filename="${part.filename}"`}`;
    const type = part.contentType ? `\r\nContent-Type: ${part.contentType}` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}${type}\r\n\r\n`, 'utf8'), part.content, Buffer.from('\r\n', 'utf8'));
  }
  if (!options.truncate) chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  const body = Buffer.concat(chunks);
  return { body: options.truncate ? body.subarray(0, Math.max(1, body.length - 7)) : body, contentType: `multipart/form-data; boundary=${boundary}` };
}

const BOM = '\uFEFF';
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), randomBytesFixed(200)]);
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** Bytes that look random but are the same in every run, so that a failure can be replayed. */
function randomBytesFixed(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 2463534242;
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
export const csv = (rows: string[][]) => Buffer.from(BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');

export const IMPORT_HEADER = ['full_name', 'sex', 'organization', 'designation', 'province', 'district', 'phone', 'email', 'birth_year', 'role', 'attended'];

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom('Ali Khan', 'F', 'male', 'خاتون', 'FIA', 'Punjab', '0300-1234567', 'yes', '1985') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const importRow = fc.tuple(
  fc.oneof(fc.constantFrom(...FORMULAS, 'محمد علی', 'Sara Bibi'), cell),
  fc.constantFrom('F', 'M', 'female', 'مرد', 'خاتون', '?', ''),
  cell,
  cell,
  cell,
  cell,
  cell,
  cell,
  fc.constantFrom('1985', '-1', '3000', 'abc', ''),
  cell,
  fc.constantFrom('yes', 'no', '', 'x'),
);

/** A range as a sheet may declare it: small, whole columns, or the whole sheet. */
const range = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('A', 'B', 'K', 'XFD'),
      fc.integer({ min: 1, max: 1_048_576 }),
      fc.constantFrom('A', 'C', 'Z', 'XFD'),
      fc.integer({ min: 1, max: 1_048_576 }),
    )
    .map(([c1, r1, c2, r2]) => `${c1}${r1}:${c2}${r2}`),
  fc.constantFrom('D1:F2', 'B2:B1048576', 'A1:XFD1048576', '&#65;1:&#88;FD1048576', 'A1', 'Z9:A1'),
);
const inlineRow = (r: number, name: string, sex: string) =>
  `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${name}</t></is></c><c r="B${r}" t="inlineStr"><is><t>${sex}</t></is></c></row>`;

/** A small sheet that declares ranges exceljs expands cell by cell, or row and column numbers past the sheet's end. */
const declaringXlsx = fc
  .record({
    merges: fc.array(range, { maxLength: 3 }),
    validations: fc.array(range, { maxLength: 2 }),
    names: fc.array(
      range.map((r) => r.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')),
      { maxLength: 2 },
    ),
    colMax: fc.constantFrom(11, 16_384, 16_385, 2_000_000_000),
    lastRow: fc.constantFrom(3, 1_048_576, 1_048_577, 2_000_000_000),
  })
  .map((d) =>
    xlsxOfSheet(`${inlineRow(1, 'full_name', 'sex')}${inlineRow(2, 'Ali', 'm')}${inlineRow(d.lastRow, 'Sara', 'f')}`, {
      before: `<cols><col min="1" max="${d.colMax}" width="12"/></cols>`,
      after:
        (d.merges.length ? `<mergeCells count="${d.merges.length}">${d.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '') +
        (d.validations.length
          ? `<dataValidations count="1"><dataValidation type="list" sqref="${d.validations.join(' ')}"><formula1>"f,m"</formula1></dataValidation></dataValidations>`
          : ''),
      definedNames: d.names.length
        ? `<definedNames>${d.names.map((n, i) => `<definedName name="n${i}">Sheet1!${n}</definedName>`).join('')}</definedNames>`
        : '',
    }),
  );

export type Upload = { filename: string; contentType: string; content: Buffer; label: string };

/** A file as people (and attackers) upload it: lists with hostile cells, lies about the type, broken files. */
export const uploadFile = (): fc.Arbitrary<Upload> =>
  fc.oneof(
    fc
      .array(importRow, { maxLength: 6 })
      .map((rows) => ({ filename: 'list.csv', contentType: 'text/csv', content: csv([IMPORT_HEADER, ...rows]), label: 'csv with hostile cells' })),
    fc.array(importRow, { maxLength: 6 }).map((rows) => ({
      filename: 'list.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content: xlsx([IMPORT_HEADER, ...rows]),
      label: 'xlsx with hostile cells',
    })),
    fc.constantFrom(...INVALID_UTF8).map((bad) => ({
      filename: 'bad.csv',
      contentType: 'text/csv',
      content: Buffer.concat([Buffer.from('full_name,sex\n'), bad, Buffer.from(',female\n')]),
      label: 'csv in invalid UTF-8',
    })),
    fc
      .constantFrom({ name: 'photo.csv', bytes: PNG }, { name: 'doc.xlsx', bytes: PDF }, { name: 'photo.xlsx', bytes: PNG })
      .map((f) => ({ filename: f.name, contentType: 'text/csv', content: f.bytes, label: 'wrong type' })),
    declaringXlsx.map((content) => ({
      filename: 'declared.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      content,
      label: 'xlsx declaring large ranges',
    })),
    fc.integer({ min: 10, max: 400 }).map((cut) => ({
      filename: 'cut.xlsx',
      contentType: 'application/octet-stream',
      content: xlsx([IMPORT_HEADER, ['Ali', 'M']]).subarray(0, cut),
      label: 'truncated xlsx',
    })),
    fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ filename: 'noise.csv', contentType: 'text/csv', content: Buffer.from(bytes), label: 'random bytes' })),
    fc
      .constantFrom('', BOM, 'full_name,sex', '"unclosed,quote\n', ',,,,\n,,,\n', 'a\u0000b,c\n')
      .map((text) => ({ filename: 'odd.csv', contentType: 'text/csv', content: Buffer.from(text, 'utf8'), label: 'odd csv' })),
    fc.constantFrom('../../etc/passwd', 'نام.csv', 'a"b.csv', '', 'x'.repeat(1000), 'list.CSV', 'list.xlsx.exe').map((filename) => ({
      filename,
      contentType: 'text/csv',
      content: csv([
        ['full_name', 'sex'],
        ['Ali', 'M'],
      ]),
      label: 'odd file name',
    })),
  );
