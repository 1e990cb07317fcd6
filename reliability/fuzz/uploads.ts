import { randomBytes } from 'node:crypto';
import { csv, IMPORT_HEADER, multipart, PDF, PNG } from './files.js';
import { FORMULAS, INVALID_UTF8 } from './payloads.js';
import type { Sent, Sender } from './sender.js';
import { xlsx, xlsxBomb, xlsxOfSheet } from './zip.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type BombFigures = { peakRssMb: number; rssGrowthMb: number; seconds: number; status: number; slowestUploadSeconds: number };

const CASE_SECONDS = 10;

type Case = { name: string; filename: string; type: string; content: Buffer; dryRun: boolean; expect: (status: number) => boolean; field?: string };

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
// A row of cells from column A, and with `far` one more in the sheet's very last column (XFD).
const sheetRow = (r: number, cells: string[], far = false) =>
  `<row r="${r}">${cells.map((text, i) => inline(`${String.fromCharCode(65 + i)}${r}`, text)).join('')}${far ? inline(`XFD${r}`, 'x') : ''}</row>`;
const DECLARED: Array<{ what: string; declared: { before?: string; after?: string; definedNames?: string } }> = [
  { what: 'merged range over the whole sheet', declared: { after: '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>' } },
  {
    what: 'drop-down list over the whole sheet',
    declared: {
      after: '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"f,m"</formula1></dataValidation></dataValidations>',
    },
  },
  {
    what: 'named range over the whole sheet',
    declared: { definedNames: '<definedNames><definedName name="all">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>' },
  },
  { what: 'column range to 2 billion', declared: { before: '<cols><col min="1" max="2000000000" width="9"/></cols>' } },
];

let bombs: { honest: Buffer; lying: Buffer; spaces: Buffer } | undefined;

/**
 * The upload cases the issue names, sent to every route that takes a file: each one once, with
 * what it must answer. Returns the zip bomb's cost; failures go through the sender's checks.
 */
/**
 * What a route takes: a participant list (CSV or XLSX; the named cases say what each should get), or an
 * image (a certificate's logo), which must refuse every one of these files that is not an image.
 */
/** What a route takes: a participant list, an image, or a file of its own (the directory's HSDS ZIP of CSV files, the HTCDS case sheet). */
export type UploadKind = 'spreadsheet' | 'image' | 'own-format';

const isImage = (content: Buffer) =>
  content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
  content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));

export async function uploadChecks(send: Sender, urls: string[], failures: string[], kind: UploadKind = 'spreadsheet'): Promise<BombFigures> {
  // About 300 MB of sheet XML from a file of about 1 MB, honest about its sizes or lying about them.
  bombs ??= { honest: xlsxBomb(300), lying: xlsxBomb(300, { lie: true }), spaces: xlsxBomb(300, { filler: 'spaces' }) };
  const refused = (s: number) => s >= 400 && s < 500;
  // Names no earlier request of the run can have given anyone: the formula rows must import as new
  // people, not stop on a namesake the random phase happened to create.
  const nonce = randomBytes(4).toString('hex');
  const cases: Case[] = [
    {
      name: 'oversized CSV (10 MB + 1 KB)',
      filename: 'big.csv',
      type: 'text/csv',
      content: Buffer.concat([Buffer.from(`full_name,sex\n`), Buffer.alloc(MAX_UPLOAD_BYTES + 1024, 'Ali Khan,M\n')]),
      dryRun: true,
      expect: (s) => s === 413,
    },
    { name: 'PNG named .csv', filename: 'photo.csv', type: 'text/csv', content: PNG, dryRun: false, expect: refused },
    { name: 'PDF named .xlsx', filename: 'report.xlsx', type: XLSX_TYPE, content: PDF, dryRun: false, expect: refused },
    { name: 'PNG named .xlsx', filename: 'photo.xlsx', type: XLSX_TYPE, content: PNG, dryRun: false, expect: refused },
    {
      name: 'truncated XLSX',
      filename: 'cut.xlsx',
      type: XLSX_TYPE,
      content: xlsx([IMPORT_HEADER, ['Ali Khan', 'M']]).subarray(0, 300),
      dryRun: false,
      expect: refused,
    },
    {
      name: 'CSV in invalid UTF-8',
      filename: 'latin.csv',
      type: 'text/csv',
      content: Buffer.concat([Buffer.from('full_name,sex\n'), ...INVALID_UTF8.map((b) => Buffer.concat([Buffer.from('Ali'), b, Buffer.from(',M\n')]))]),
      dryRun: false,
      expect: (s) => s < 500,
    },
    {
      name: 'CSV of formulas',
      filename: 'formulas.csv',
      type: 'text/csv',
      content: csv([IMPORT_HEADER, ...FORMULAS.map((f, i) => [`${f} ${nonce}`, i % 2 ? 'F' : 'M', f, f, f, f, '', '', '', '', 'yes'])]),
      dryRun: false,
      expect: (s) => s === 200,
    },
    {
      name: 'XLSX of formulas',
      filename: 'formulas.xlsx',
      type: XLSX_TYPE,
      content: xlsx([IMPORT_HEADER, ...FORMULAS.map((f, i) => [`${f} x${nonce}`, i % 2 ? 'F' : 'M', f, f, f, f, '', '', '', '', 'yes'])]),
      dryRun: false,
      expect: (s) => s === 200,
    },
    {
      name: 'XLSX of formula, boolean, error, huge number and dangling shared-string cells',
      filename: 'typed.xlsx',
      type: XLSX_TYPE,
      content: xlsxOfSheet(
        `${'<row r="1"><c r="A1" t="inlineStr"><is><t>full_name</t></is></c><c r="B1" t="inlineStr"><is><t>sex</t></is></c><c r="C1" t="inlineStr"><is><t>birth_year</t></is></c></row>'}` +
          '<row r="2"><c r="A2"><f>HYPERLINK("http://x","y")</f><v>y</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#REF!</v></c></row>' +
          '<row r="3"><c r="A3" t="s"><v>99</v></c><c r="B3"><f>1/0</f></c><c r="C3"><v>1e308</v></c></row>' +
          '<row r="4"><c r="A4" t="str"><f>"=1+1"</f><v>=1+1</v></c><c r="B4" t="inlineStr"><is><t>f</t></is></c><c r="C4"><v>-1.5</v></c></row>' +
          '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far away</t></is></c></row>',
      ),
      dryRun: false,
      expect: (s) => s < 500,
    },
    {
      name: 'XLSX with a cell in the last column (XFD) on 3000 rows',
      filename: 'wide.xlsx',
      type: XLSX_TYPE,
      content: xlsxOfSheet(Array.from({ length: 3001 }, (_, i) => sheetRow(i + 1, i === 0 ? ['full_name', 'sex'] : [`Ali ${i}`, 'm'], true)).join('')),
      dryRun: true,
      expect: (s) => s < 500,
    },
    ...DECLARED.map(({ what, declared }) => ({
      name: `XLSX of 2 KB declaring a ${what}`,
      filename: 'declared.xlsx',
      type: XLSX_TYPE,
      content: xlsxOfSheet(sheetRow(1, ['full_name', 'sex']) + sheetRow(2, ['Ali', 'm']), declared),
      dryRun: false,
      expect: refused,
    })),
    {
      name: 'CSV of 2.6 million short lines (10 MB)',
      filename: 'lines.csv',
      type: 'text/csv',
      content: Buffer.concat([Buffer.from('full_name,sex\n'), Buffer.alloc(MAX_UPLOAD_BYTES - 1024, 'a,m\n')]),
      dryRun: true,
      expect: (s) => s === 413,
    },
    {
      name: 'CSV of one row of 10 million empty cells (10 MB)',
      filename: 'commas.csv',
      type: 'text/csv',
      content: Buffer.concat([Buffer.from('full_name,sex\nAli,m'), Buffer.alloc(MAX_UPLOAD_BYTES - 1024, ',')]),
      dryRun: true,
      expect: (s) => s < 500,
    },
    { name: 'empty file', filename: 'empty.csv', type: 'text/csv', content: Buffer.alloc(0), dryRun: false, expect: refused },
    {
      name: 'file in the wrong field',
      filename: 'list.csv',
      type: 'text/csv',
      content: csv([
        ['full_name', 'sex'],
        ['Ali', 'M'],
      ]),
      dryRun: true,
      expect: refused,
      field: 'upload',
    },
  ];
  let bomb = { peakRssMb: 0, rssGrowthMb: 0, seconds: 0, status: 0 };
  let slowest = 0;
  for (const url of urls) {
    for (const c of cases) {
      const body = multipart([{ field: c.field ?? 'file', filename: c.filename, contentType: c.type, content: c.content }]);
      const started = performance.now();
      const response = await send(
        { method: 'POST', url: `${url}?dryRun=${c.dryRun}`, headers: { 'content-type': body.contentType }, payload: body.body },
        c.name,
      );
      const seconds = (performance.now() - started) / 1000;
      slowest = Math.max(slowest, seconds);
      // An image route may take an image whatever its name says; anything else it refuses, never with a 5xx.
      // A route of its own format takes none of these lists (none is its ZIP or case sheet): each is refused with a 4xx.
      const refusedHere = (status: number) => status >= 400 && status < 500;
      const expected =
        kind === 'spreadsheet' ? c.expect : kind === 'own-format' ? refusedHere : (status: number) => (isImage(c.content) ? status < 500 : refusedHere(status));
      if (!expected(response.status)) failures.push(`upload "${c.name}" to ${url}: answered ${response.status} ${JSON.stringify(response.body.slice(0, 200))}`);
      // A file within the size limit that takes this long to answer is a way to stall the server.
      if (seconds > CASE_SECONDS) failures.push(`upload "${c.name}" to ${url}: took ${seconds.toFixed(1)} s`);
    }
    // Two files where one is allowed, and a body that ends in the middle.
    const two = multipart([
      {
        field: 'file',
        filename: 'a.csv',
        contentType: 'text/csv',
        content: csv([
          ['full_name', 'sex'],
          ['Ali', 'M'],
        ]),
      },
      {
        field: 'file',
        filename: 'b.csv',
        contentType: 'text/csv',
        content: csv([
          ['full_name', 'sex'],
          ['Sara', 'F'],
        ]),
      },
    ]);
    await send({ method: 'POST', url: `${url}?dryRun=false`, headers: { 'content-type': two.contentType }, payload: two.body }, 'two files');
    const cut = multipart(
      [
        {
          field: 'file',
          filename: 'a.csv',
          contentType: 'text/csv',
          content: csv([
            ['full_name', 'sex'],
            ['Ali', 'M'],
          ]),
        },
      ],
      { truncate: true },
    );
    await send({ method: 'POST', url: `${url}?dryRun=false`, headers: { 'content-type': cut.contentType }, payload: cut.body }, 'truncated multipart');

    for (const [name, content] of [
      ['zip bomb XLSX', bombs.honest],
      ['zip bomb XLSX with lying sizes', bombs.lying],
      ['zip bomb XLSX of whitespace', bombs.spaces],
    ] as const) {
      const measured = await measure(() => {
        const body = multipart([{ field: 'file', filename: 'list.xlsx', contentType: XLSX_TYPE, content }]);
        return send({ method: 'POST', url: `${url}?dryRun=false`, headers: { 'content-type': body.contentType }, payload: body.body }, name);
      });
      const { response } = measured;
      if (!refused(response.status))
        failures.push(
          `${name} (${(content.length / 1024).toFixed(0)} KB) to ${url}: answered ${response.status} ${JSON.stringify(response.body.slice(0, 200))}`,
        );
      if (measured.seconds > CASE_SECONDS) failures.push(`${name}: took ${measured.seconds.toFixed(1)} s to refuse`);
      if (measured.rssGrowthMb > 256) failures.push(`${name}: memory grew by ${measured.rssGrowthMb} MB`);
      if (measured.peakRssMb >= bomb.peakRssMb)
        bomb = {
          peakRssMb: measured.peakRssMb,
          rssGrowthMb: Math.max(bomb.rssGrowthMb, measured.rssGrowthMb),
          seconds: Math.max(bomb.seconds, measured.seconds),
          status: response.status,
        };
    }
  }
  return { ...bomb, slowestUploadSeconds: Math.round(slowest * 100) / 100 };
}

/**
 * Peak resident memory while a request runs. A handler that inflates synchronously blocks the timer
 * that samples, so the kernel's high-water mark (maxRSS) is read too: if it rose, the new mark was
 * reached during the request.
 */
async function measure(run: () => Promise<Sent>): Promise<{ response: Sent; peakRssMb: number; rssGrowthMb: number; seconds: number }> {
  const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  const highWaterBefore = process.resourceUsage().maxRSS * 1024;
  const before = process.memoryUsage.rss();
  let sampled = before;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  try {
    const response = await run();
    const seconds = (performance.now() - started) / 1000;
    sampled = Math.max(sampled, process.memoryUsage.rss());
    const highWaterAfter = process.resourceUsage().maxRSS * 1024;
    const peak = highWaterAfter > highWaterBefore ? highWaterAfter : sampled;
    return { response, peakRssMb: mb(peak), rssGrowthMb: Math.max(0, mb(peak - before)), seconds: Math.round(seconds * 100) / 100 };
  } finally {
    clearInterval(timer);
  }
}
