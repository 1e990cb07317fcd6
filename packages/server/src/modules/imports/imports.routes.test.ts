import { randomBytes } from 'node:crypto';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { ApiError, ImportReport, ParticipantList } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, type TestContext } from '../../../test/helpers.js';
import { verifyAuditChain } from '../audit/index.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx.close());

type Role = 'admin' | 'programme_manager' | 'trainer' | 'viewer';

/** A multipart/form-data body built by hand, the way a browser sends a file input. */
function multipart(filename: string, content: Buffer | string, options: { field?: string; contentType?: string } = {}) {
  const boundary = `----hifazat${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? 'file'}"; filename="${filename}"\r\nContent-Type: ${options.contentType ?? 'text/csv'}\r\n\r\n`;
  return {
    payload: Buffer.concat([
      Buffer.from(head, 'utf8'),
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
    ]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

const BOM = '\uFEFF';

/** A zip written by hand (no library would write a bomb or lie about sizes): local headers, directory, end record. */
function zipOf(entries: Array<{ name: string; data: Buffer; crc: number; size: number }>): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, name, e.data);
    directory.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

const file = (name: string, text: string) => {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length };
};

/**
 * An .xlsx whose sheet is `megabytes` MB of `filler`: 1 MB of it deflated once, ending in a sync
 * flush so that it refers to nothing before it, and repeated. Built in milliseconds.
 */
function xlsxBomb(megabytes: number, filler: string, options: { claimedSize?: number } = {}): Buffer {
  const head = Buffer.from(
    `<?xml version="1.0"?><worksheet ${SHEET_NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>full_name</t></is></c><c r="B1" t="inlineStr"><is><t>sex</t></is></c></row>`,
  );
  const block = Buffer.from(filler.repeat(Math.ceil((1024 * 1024) / filler.length)));
  const tail = Buffer.from('</sheetData></worksheet>');
  const flushed = (b: Buffer) => deflateRawSync(b, { finishFlush: constants.Z_SYNC_FLUSH });
  const repeated = flushed(block);
  let crc = crc32(head);
  for (let i = 0; i < megabytes; i += 1) crc = crc32(block, crc);
  crc = crc32(tail, crc);
  const sheet = {
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.concat([flushed(head), ...Array.from({ length: megabytes }, () => repeated), deflateRawSync(tail)]),
    crc,
    size: options.claimedSize ?? (head.length + block.length * megabytes + tail.length) % 2 ** 32,
  };
  return workbookAround(sheet);
}

const SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RELS_NS = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';

/** The parts of an .xlsx around one sheet; `definedNames` goes into the workbook part. */
function workbookAround(sheet: { name: string; data: Buffer; crc: number; size: number }, definedNames = ''): Buffer {
  return zipOf([
    file(
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    file(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships ${RELS_NS}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    file(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook ${SHEET_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>${definedNames}</workbook>`,
    ),
    file(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships ${RELS_NS}><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    sheet,
  ]);
}

/** A small .xlsx with a header row and one participant, and `before`/`after` around its sheet data. */
function xlsxDeclaring(parts: { before?: string; after?: string; definedNames?: string; row?: string; sheetEntry?: string }): Buffer {
  const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const rows = `<row r="1">${cell('A1', 'full_name')}${cell('B1', 'sex')}</row>${parts.row ?? `<row r="2">${cell('A2', 'Ali')}${cell('B2', 'm')}</row>`}`;
  return workbookAround(
    file(
      parts.sheetEntry ?? 'xl/worksheets/sheet1.xml',
      `<?xml version="1.0"?><worksheet ${SHEET_NS}>${parts.before ?? ''}<sheetData>${rows}</sheetData>${parts.after ?? ''}</worksheet>`,
    ),
    parts.definedNames,
  );
}

function upload(
  eventId: string,
  filename: string,
  content: Buffer | string,
  options: { dryRun?: boolean; role?: Role; field?: string; contentType?: string } = {},
) {
  const body = multipart(filename, content, options);
  const query = options.dryRun === undefined ? '' : `?dryRun=${options.dryRun}`;
  return ctx.app.inject({
    method: 'POST',
    url: `/api/events/${eventId}/participants/import${query}`,
    headers: { ...ctx.as(options.role ?? 'admin'), ...body.headers },
    payload: body.payload,
  });
}

async function counts() {
  const count = async (table: 'people' | 'participations' | 'organizations') =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { people: await count('people'), participations: await count('participations'), organizations: await count('organizations') };
}

const participants = async (eventId: string) =>
  json<ParticipantList>(await ctx.app.inject({ method: 'GET', url: `/api/events/${eventId}/participants`, headers: ctx.as('viewer') })).items;

describe('participant list import', () => {
  it('imports a CSV with a BOM and Urdu names, dry run first', async () => {
    const { event } = await seedEvent(ctx);
    const csv = `${BOM}full_name,sex,organization,phone,email\r\nعائشہ بی بی,خاتون,محکمہ پولیس,0300-1110001,\r\nمحمد علی,مرد,محکمہ پولیس,,ali.urdu@example.pk\r\nSara Khan,F,Sahil NGO,,\r\n`;
    const before = await counts();
    const dry = await upload(event.id, 'list.csv', csv);
    expect(dry.statusCode, dry.body).toBe(200);
    const plan = json<ImportReport>(dry);
    expect(plan).toMatchObject({ dryRun: true, rows: 3, valid: 3, errors: [], duplicates: [], createdPeople: 3, linkedPeople: 0, addedParticipants: 3 });
    expect(plan.newOrganizations.sort()).toEqual(['Sahil NGO', 'محکمہ پولیس'].sort());
    expect(await counts()).toEqual(before);

    const real = await upload(event.id, 'list.csv', csv, { dryRun: false });
    expect(real.statusCode, real.body).toBe(200);
    expect(json<ImportReport>(real)).toMatchObject({ dryRun: false, rows: 3, createdPeople: 3, addedParticipants: 3, alreadyListed: 0 });
    expect(await counts()).toEqual({ people: before.people + 3, participations: before.participations + 3, organizations: before.organizations + 2 });
    const list = await participants(event.id);
    const byName = new Map(list.map((p) => [p.fullName, p]));
    expect([...byName.keys()].sort()).toEqual(['Sara Khan', 'عائشہ بی بی', 'محمد علی'].sort());
    expect(byName.get('عائشہ بی بی')).toMatchObject({ sex: 'female', role: 'participant', attended: false, organization: { name: 'محکمہ پولیس' } });
    expect(byName.get('محمد علی')?.sex).toBe('male');
    // No attended column: attendance not recorded, so nobody counts as having come (yet).
    const summary = json<{ participants: { total: number } }>(
      await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/summary`, headers: ctx.as('viewer') }),
    );
    expect(summary.participants.total).toBe(0);
  });

  it('understands Urdu column headers', async () => {
    const { event } = await seedEvent(ctx);
    const csv = `${BOM}نام,جنس,عہدہ\nفاطمہ جناح,خاتون,انسپکٹر\n`;
    const response = await upload(event.id, 'urdu.csv', csv, { dryRun: false });
    expect(response.statusCode, response.body).toBe(200);
    expect(await participants(event.id)).toEqual([expect.objectContaining({ fullName: 'فاطمہ جناح', sex: 'female', designation: 'انسپکٹر' })]);
  });

  it('imports an XLSX file built with exceljs', async () => {
    const { event } = await seedEvent(ctx);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sign-in sheet');
    sheet.addRow(['Name', 'Gender', 'Organisation', 'Designation', 'Mobile', 'Role', 'Attended']);
    sheet.addRow(['Kashif Mehmood', 'male', 'XLSX Police', 'ASI', '0301 2223334', 'participant', 'yes']);
    sheet.addRow(['Nargis Bano', 'female', 'XLSX Police', 'SI', '0301 2223335', '', 'no']);
    sheet.addRow(['Resource Person', 'M', '', '', '', 'trainer', 'yes']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await upload(event.id, 'sheet.xlsx', buffer, {
      dryRun: false,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<ImportReport>(response)).toMatchObject({ rows: 3, valid: 3, createdPeople: 3, addedParticipants: 3, newOrganizations: ['XLSX Police'] });
    const list = await participants(event.id);
    expect(list.map((p) => [p.fullName, p.role, p.attended]).sort()).toEqual(
      [
        ['Kashif Mehmood', 'participant', true],
        ['Nargis Bano', 'participant', false],
        ['Resource Person', 'trainer', true],
      ].sort(),
    );
    // A renamed spreadsheet is recognised by its content.
    const { event: other } = await seedEvent(ctx);
    const renamed = await upload(other.id, 'list.csv', buffer);
    expect(renamed.statusCode).toBe(200);
    expect(json<ImportReport>(renamed).rows).toBe(3);
  });

  it('reads half a surrogate pair spelled in a spreadsheet (_xD800_) as U+FFFD, so the audit chain stays intact', async () => {
    const { event } = await seedEvent(ctx);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sign-in sheet');
    sheet.addRow(['Name', 'Gender']);
    sheet.addRow(['Ali _xD800_ Raza', 'male']);
    sheet.addRow(['Moon 🌙 Bibi', 'female']);
    const response = await upload(event.id, 'sheet.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()), { dryRun: false });
    expect(response.statusCode, response.body).toBe(200);
    expect((await participants(event.id)).map((p) => p.fullName).sort()).toEqual(['Ali \uFFFD Raza', 'Moon 🌙 Bibi']);
    const chain = await verifyAuditChain(ctx.db);
    expect(chain.intact, chain.text).toBe(true);
  });

  it('takes the names of JavaScript object properties as words it does not know, in headers, sexes and roles', async () => {
    const { event } = await seedEvent(ctx);
    const csv = ['full_name,sex,role,constructor,__proto__', 'Word Sex,constructor,participant,x,y', 'Word Role,female,toString,x,y'].join('\n');
    const response = await upload(event.id, 'words.csv', csv, { dryRun: true });
    expect(response.statusCode, response.body).toBe(200);
    const plan = json<ImportReport>(response);
    expect(plan.valid).toBe(0);
    expect(plan.errors).toEqual([
      { line: 2, column: 'sex', message: expect.stringContaining('constructor') },
      { line: 3, column: 'role', message: expect.stringContaining('toString') },
    ]);
  });

  it('a dry run reports bad rows by line, column and message, and people already registered', async () => {
    const { event } = await seedEvent(ctx);
    const known = await ctx.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: ctx.as('admin'),
      payload: { fullName: 'Already Registered', sex: 'female', phone: '0345 1234567' },
    });
    expect(known.statusCode).toBe(201);
    const knownId = json<{ id: string }>(known).id;
    const csv = [
      'full_name,sex,email,phone',
      'Good Row,male,good@example.org,',
      'Bad Sex,maybe,,',
      'Bad Email,female,not-an-email,',
      ',female,,',
      'A. Registered,female,,+92 345 1234567',
    ].join('\n');
    const before = await counts();
    const response = await upload(event.id, 'check.csv', csv, { dryRun: true });
    expect(response.statusCode, response.body).toBe(200);
    const plan = json<ImportReport>(response);
    expect(plan.rows).toBe(5);
    expect(plan.valid).toBe(2);
    expect(plan.errors).toEqual([
      { line: 3, column: 'sex', message: expect.stringContaining('maybe') },
      { line: 4, column: 'email', message: expect.any(String) },
      { line: 5, column: 'full_name', message: 'The name is missing' },
    ]);
    expect(plan.duplicates).toEqual([
      {
        line: 6,
        fullName: 'A. Registered',
        candidates: [{ personId: knownId, fullName: 'Already Registered', organizationName: null, reasons: ['same_phone'] }],
      },
    ]);
    expect(plan).toMatchObject({ createdPeople: 1, linkedPeople: 1, addedParticipants: 2 });
    expect(await counts()).toEqual(before);
  });

  it('a real import with a bad row answers 422 listing the problems and writes nothing', async () => {
    const { event } = await seedEvent(ctx);
    const bad = 'full_name,sex,organization,email\nFirst Good,female,Brand New Org,\nSecond Bad,female,,broken@\nThird Good,male,,\n';
    const before = await counts();
    const response = await upload(event.id, 'bad.csv', bad, { dryRun: false });
    expect(response.statusCode).toBe(422);
    const error = json<ApiError>(response).error;
    expect(error.code).toBe('import_invalid');
    expect(error.details).toEqual([{ line: 3, column: 'email', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
    expect(await participants(event.id)).toEqual([]);

    const fixed = bad.replace('broken@', 'second@example.org');
    const imported = await upload(event.id, 'fixed.csv', fixed, { dryRun: false });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(json<ImportReport>(imported)).toMatchObject({ rows: 3, valid: 3, errors: [], createdPeople: 3, addedParticipants: 3 });
    expect(await counts()).toEqual({ people: before.people + 3, participations: before.participations + 3, organizations: before.organizations + 1 });

    // The same file again adds nobody twice.
    const again = await upload(event.id, 'fixed.csv', fixed, { dryRun: false });
    expect(again.statusCode).toBe(200);
    expect(json<ImportReport>(again)).toMatchObject({ createdPeople: 0, linkedPeople: 3, alreadyListed: 3, addedParticipants: 0, newOrganizations: [] });
    expect(await counts()).toEqual({ people: before.people + 3, participations: before.participations + 3, organizations: before.organizations + 1 });
    expect(await participants(event.id)).toHaveLength(3);
  });

  it('refuses one person twice in the same file', async () => {
    const { event } = await seedEvent(ctx);
    const csv = 'full_name,sex,phone\nTwin One,male,0311 5556667\nTwin Two,male,+923115556667\n';
    const response = await upload(event.id, 'twice.csv', csv, { dryRun: false });
    expect(response.statusCode).toBe(422);
    expect(json<ApiError>(response).error.details).toEqual([{ line: 3, column: 'phone', message: expect.stringContaining('line 2') }]);
  });

  it('refuses a file without a name or sex column', async () => {
    const { event } = await seedEvent(ctx);
    const response = await upload(event.id, 'headers.csv', 'person,remarks\nSomeone,ok\n', { dryRun: false });
    expect(response.statusCode).toBe(422);
    expect(
      json<ApiError>(response)
        .error.details.map((d) => d.column)
        .sort(),
    ).toEqual(['full_name', 'sex']);
  });

  it('accepts a file larger than the 1 MB limit on JSON bodies', async () => {
    const { event } = await seedEvent(ctx);
    // 3 MB in a column the import does not read (blank lines past MAX_CSV_LINES are refused on their own).
    const csv = `full_name,sex,notes\nBig File,f,${'x'.repeat(3 * 1024 * 1024)}\n`;
    const response = await upload(event.id, 'big.csv', csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(json<ImportReport>(response)).toMatchObject({ rows: 1, valid: 1 });
  });

  it('refuses an upload over 10 MB with 413', async () => {
    const { event } = await seedEvent(ctx);
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 'a');
    const response = await upload(event.id, 'big.csv', big);
    expect(response.statusCode).toBe(413);
    expect(json<ApiError>(response).error.code).toBe('payload_too_large');
  });

  it('refuses a body that is not multipart with 415', async () => {
    const { event } = await seedEvent(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants/import`,
      headers: ctx.as('admin'),
      payload: { file: 'full_name,sex' },
    });
    expect(response.statusCode).toBe(415);
    expect(json<ApiError>(response).error.code).toBe('unsupported_media_type');
  });

  it('refuses a file in the wrong field with 400', async () => {
    const { event } = await seedEvent(ctx);
    const response = await upload(event.id, 'list.csv', 'full_name,sex\nA,f\n', { field: 'upload' });
    expect(response.statusCode).toBe(400);
    expect(json<ApiError>(response).error.details[0]?.path).toBe('file');
  });

  it('refuses a file of the wrong kind with 422', async () => {
    const { event } = await seedEvent(ctx);
    const notXlsx = await upload(event.id, 'participants.xlsx', 'full_name,sex\nA,f\n');
    expect(notXlsx.statusCode).toBe(422);
    expect(json<ApiError>(notXlsx).error.code).toBe('import_invalid');
    const brokenZip = await upload(event.id, 'participants.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(200)]));
    expect(brokenZip.statusCode).toBe(422);
    const empty = await upload(event.id, 'empty.csv', '');
    expect(empty.statusCode).toBe(422);
  });

  it('refuses a multipart body cut short with 400, not 500', async () => {
    const { event } = await seedEvent(ctx);
    const { payload, headers } = multipart('list.csv', 'full_name,sex\nAli,m\n');
    const before = await counts();
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants/import?dryRun=false`,
      headers: { ...ctx.as('admin'), ...headers },
      payload: payload.subarray(0, payload.length - 10),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(json<ApiError>(response).error).toMatchObject({ code: 'validation_failed', details: [{ path: 'file' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses an XLSX zip bomb of repeated rows with 413 before exceljs inflates it', async () => {
    // 1 MB of file, 300 MB of sheet: exceljs used to take half a minute and gigabytes, then import it.
    const { event } = await seedEvent(ctx);
    const before = await counts();
    const response = await upload(
      event.id,
      'list.xlsx',
      xlsxBomb(300, `<row r="2"><c r="A2" t="inlineStr"><is><t>Ali</t></is></c><c r="B2" t="inlineStr"><is><t>m</t></is></c></row>`),
      { dryRun: false },
    );
    expect(response.statusCode, response.body).toBe(413);
    expect(json<ApiError>(response).error.message).toBe('At most 100000 rows can be imported at once');
    expect(await counts()).toEqual(before);
  });

  it('refuses an XLSX that inflates past the limit even without rows, and one whose sizes lie', async () => {
    const { event } = await seedEvent(ctx);
    // Elements exceljs ignores, then the same with a directory claiming a 1 KB sheet.
    const padded = await upload(event.id, 'list.xlsx', xlsxBomb(300, '<x/>'), { dryRun: false });
    expect(padded.statusCode, padded.body).toBe(413);
    expect(json<ApiError>(padded).error.code).toBe('payload_too_large');
    const lying = await upload(event.id, 'list.xlsx', xlsxBomb(300, '<x/>', { claimedSize: 1024 }), { dryRun: false });
    expect(lying.statusCode, lying.body).toBe(413);
    // 300 MB of spaces: no tag is that long.
    const spaces = await upload(event.id, 'list.xlsx', xlsxBomb(300, ' '), { dryRun: false });
    expect(spaces.statusCode, spaces.body).toBe(422);
  });

  it('refuses, in a file of 2 KB, what exceljs would expand cell by cell, and still reads the modest kind', async () => {
    // Each of these filled the heap and ended the process (A1:XFD1048576 is 17 billion cells).
    const { event } = await seedEvent(ctx);
    const refused = [
      { after: '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>' },
      // exceljs reads this entry as the first sheet too (its patterns are not anchored at the end).
      { after: '<mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>', sheetEntry: 'xl/worksheets/sheet1.xml.bak' },
      // The same range written with character references, as an XML parser would read it.
      { after: '<mergeCells count="1"><mergeCell ref="&#65;3:&#88;FD1048576"/></mergeCells>' },
      {
        after:
          '<dataValidations count="1"><dataValidation type="list" prompt="a > b" sqref="C1 A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
      },
      { definedNames: '<definedNames><definedName name="everything">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>' },
      { before: '<cols><col min="1" max="2000000000" width="9"/></cols>' },
      { row: '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>Ali</t></is></c></row>' },
    ];
    const before = await counts();
    for (const parts of refused) {
      const response = await upload(event.id, 'list.xlsx', xlsxDeclaring(parts), { dryRun: false });
      expect(response.statusCode, JSON.stringify(parts)).toBeGreaterThanOrEqual(413);
      expect(response.statusCode, JSON.stringify(parts)).toBeLessThan(500);
    }
    expect(await counts()).toEqual(before);
    // A merged title, a drop-down on one column and a print area of the whole sheet are ordinary.
    const modest = xlsxDeclaring({
      after:
        '<mergeCells count="1"><mergeCell ref="D1:F2"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="B2:B1048576"><formula1>"f,m"</formula1></dataValidation></dataValidations>',
      definedNames: '<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>',
    });
    const read = await upload(event.id, 'list.xlsx', modest);
    expect(read.statusCode, read.body).toBe(200);
    expect(json<ImportReport>(read)).toMatchObject({ rows: 1, valid: 1 });
  });

  it('lets only people who may edit the event import', async () => {
    const { event } = await seedEvent(ctx);
    const csv = 'full_name,sex\nSomeone,f\n';
    expect((await upload(event.id, 'list.csv', csv, { role: 'viewer' })).statusCode).toBe(403);
    expect((await upload(event.id, 'list.csv', csv, { role: 'trainer' })).statusCode).toBe(403);
    expect((await upload('00000000-0000-7000-8000-000000000000', 'list.csv', csv)).statusCode).toBe(404);
  });
});

describe('import and countries', () => {
  let scoped: TestContext;
  beforeAll(async () => {
    scoped = await createTestContext('sqlite', { countries: ['AF'] });
  });
  afterAll(async () => scoped.close());

  it('does not show or link people from countries the user may not see', async () => {
    const pkPerson = await scoped.app.inject({
      method: 'POST',
      url: '/api/people',
      headers: scoped.as('admin'),
      payload: { fullName: 'Hidden Pakistani', sex: 'male', phone: '0300 7654321', email: 'hidden@example.pk', countryCode: 'PK' },
    });
    expect(pkPerson.statusCode).toBe(201);
    const pkId = json<{ id: string }>(pkPerson).id;
    const programme = json<{ id: string }>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/programmes',
        headers: scoped.as('admin'),
        payload: { name: 'Afghan programme', countries: ['AF'] },
      }),
    );
    const event = json<{ id: string }>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: scoped.as('admin'),
        payload: {
          programmeId: programme.id,
          title: 'Kabul training',
          type: 'training',
          startDate: '2025-03-10',
          endDate: '2025-03-10',
          city: 'Kabul',
          countryCode: 'AF',
        },
      }),
    );
    const body = multipart('list.csv', 'full_name,sex,phone,email\nSomebody Else,male,+92 300 7654321,HIDDEN@example.pk\n');
    const send = (dryRun: boolean) =>
      scoped.app.inject({
        method: 'POST',
        url: `/api/events/${event.id}/participants/import?dryRun=${dryRun}`,
        headers: { ...scoped.as('programme_manager'), ...body.headers },
        payload: body.payload,
      });
    const dry = await send(true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(json<ImportReport>(dry).duplicates).toEqual([]);
    expect(dry.body).not.toContain('Hidden Pakistani');
    const real = await send(false);
    expect(real.statusCode, real.body).toBe(200);
    expect(json<ImportReport>(real)).toMatchObject({ createdPeople: 1, linkedPeople: 0 });
    const listed = json<ParticipantList>(
      await scoped.app.inject({ method: 'GET', url: `/api/events/${event.id}/participants`, headers: scoped.as('viewer') }),
    ).items;
    expect(listed.map((p) => p.personId)).not.toContain(pkId);
    expect(listed.map((p) => p.fullName)).toEqual(['Somebody Else']);
  });

  it("does not link imported people to another country's organisation of the same name", async () => {
    const pkOrg = await scoped.app.inject({
      method: 'POST',
      url: '/api/organizations',
      headers: scoped.as('admin'),
      payload: { name: 'Border Police', type: 'law_enforcement', countryCode: 'PK' },
    });
    expect(pkOrg.statusCode).toBe(201);
    const programme = json<{ id: string }>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/programmes',
        headers: scoped.as('admin'),
        payload: { name: 'Afghan programme 2', countries: ['AF'] },
      }),
    );
    const event = json<{ id: string }>(
      await scoped.app.inject({
        method: 'POST',
        url: '/api/events',
        headers: scoped.as('admin'),
        payload: {
          programmeId: programme.id,
          title: 'Herat training',
          type: 'training',
          startDate: '2025-04-10',
          endDate: '2025-04-10',
          city: 'Herat',
          countryCode: 'AF',
        },
      }),
    );
    const body = multipart('list.csv', 'full_name,sex,organization\nNew Officer,male,Border Police\n');
    const response = await scoped.app.inject({
      method: 'POST',
      url: `/api/events/${event.id}/participants/import?dryRun=false`,
      headers: { ...scoped.as('programme_manager'), ...body.headers },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<ImportReport>(response).newOrganizations).toEqual(['Border Police']);
    const [participant] = json<ParticipantList>(
      await scoped.app.inject({ method: 'GET', url: `/api/events/${event.id}/participants`, headers: scoped.as('programme_manager') }),
    ).items;
    expect(participant?.organization?.id).toBeDefined();
    expect(participant?.organization?.id).not.toBe(json<{ id: string }>(pkOrg).id);
  });
});
