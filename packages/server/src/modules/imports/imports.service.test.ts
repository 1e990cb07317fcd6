import type { EventStatus } from '@hifazat/contract';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { createTestDatabase, testEngines } from '../../db/test-db.js';
import { AppError } from '../../http/errors.js';
import type { Actor } from '../../http/permissions.js';
import { newId } from '../../shared/ids.js';
import { insertEvent, type EventRow } from '../events/events.repository.js';
import { insertOrganization } from '../organizations/organizations.repository.js';
import { insertPerson } from '../people/people.repository.js';
import { personRowFrom } from '../people/people.service.js';
import {
  MAX_CSV_CELLS_PER_ROW,
  MAX_CSV_LINES,
  MAX_IMPORT_COLUMNS,
  MAX_IMPORT_ROWS,
  parseCsvFile,
  parseImportFile,
  parseXlsxFile,
  type ParsedFile,
} from './imports.parse.js';
import { checkImportFile, planImport, registerKeys } from './imports.plan.js';
import { importParticipants, readImportSnapshot } from './imports.service.js';
import { seededRandom } from '../../shared/random.js';

const NOW = '2025-01-02T03:04:05.000Z';
const admin: Actor = { id: newId(), name: 'Admin', email: 'admin@test', role: 'admin', countries: null };

const csv = (lines: string[], eol = '\r\n') => Buffer.from(lines.join(eol), 'utf8');
const withBom = (buffer: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), buffer]);
const lineValues = (file: ParsedFile) => file.rows.map((r) => ({ line: r.line, ...r.values }));

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function syncErrorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('reading CSV files', () => {
  it(`refuses a row of more than ${MAX_CSV_CELLS_PER_ROW} cells before parsing it, naming its line; commas inside quotes are text`, () => {
    const wide = Buffer.concat([Buffer.from('full_name,sex\nAli,m\nSara,f'), Buffer.alloc(1024 * 1024, ',')]);
    const error = syncErrorOf(() => parseCsvFile(wide));
    expect(error.code).toBe('import_invalid');
    expect(error.details).toEqual([{ line: 3, column: '', message: expect.stringContaining(`more than ${MAX_CSV_CELLS_PER_ROW} cells`) }]);
    const quoted = parseCsvFile(csv(['full_name,sex,designation', `Ali,m,"${','.repeat(MAX_CSV_CELLS_PER_ROW * 2)}"`]));
    expect(lineValues(quoted)).toEqual([{ line: 2, full_name: 'Ali', sex: 'm', designation: ','.repeat(MAX_CSV_CELLS_PER_ROW * 2) }]);
  });

  it('reads a BOM, CRLF line ends, quoted commas and Urdu text', () => {
    const file = parseCsvFile(
      withBom(csv(['full_name,sex,organization,designation', 'فاطمہ بی بی,خاتون,"FIA, Lahore","Inspector, AHTC"', 'Ali Raza,M,Punjab Police,ASI', ''])),
    );
    expect(file.headerProblems).toEqual([]);
    expect(lineValues(file)).toEqual([
      { line: 2, full_name: 'فاطمہ بی بی', sex: 'خاتون', organization: 'FIA, Lahore', designation: 'Inspector, AHTC' },
      { line: 3, full_name: 'Ali Raza', sex: 'M', organization: 'Punjab Police', designation: 'ASI' },
    ]);
  });

  it('reads a file with two byte order marks as one with one, and refuses it the same way', () => {
    const twice = (buffer: Buffer) => withBom(withBom(buffer));
    // Papa Parse drops a second mark itself: a quote after it was text to the pass before it, and an opening quote to the parser.
    const quoted = csv(['"a,b",full_name,sex', 'q,Ali,m']);
    expect(lineValues(parseCsvFile(twice(quoted)))).toEqual(lineValues(parseCsvFile(withBom(quoted))));
    const wide = csv(['",",full_name,sex', `${','.repeat(600)}x"`]);
    expect(syncErrorOf(() => parseCsvFile(twice(wide))).details).toEqual(syncErrorOf(() => parseCsvFile(withBom(wide))).details);
  });

  it('numbers rows by the file line they start on, after multi-line cells and blank lines', () => {
    const file = parseCsvFile(
      csv([
        'full_name,sex,designation', // 1
        '"Sara', // 2
        'Khan",f,"Deputy', // 3
        'Director', // 4
        'FIA"', // 5
        'Zahid Ali,m,SI', // 6
        '', // 7
        ',,', // 8 (blank cells only)
        'Last Person,f,', // 9
      ]),
    );
    expect(lineValues(file)).toEqual([
      { line: 2, full_name: 'Sara\nKhan', sex: 'f', designation: 'Deputy\nDirector\nFIA' },
      { line: 6, full_name: 'Zahid Ali', sex: 'm', designation: 'SI' },
      { line: 9, full_name: 'Last Person', sex: 'f', designation: '' },
    ]);
  });

  it('numbers rows the same way with LF line ends', () => {
    const file = parseCsvFile(csv(['name,sex', '"A', 'B",f', 'C,m'], '\n'));
    expect(file.rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('trims cells and ignores columns it does not know', () => {
    const file = parseCsvFile(csv(['Name, Gender ,Shoe size', '  Ayesha Khan  , F ,38']));
    expect(lineValues(file)).toEqual([{ line: 2, full_name: 'Ayesha Khan', sex: 'F' }]);
  });

  it('maps English header aliases to the import columns', () => {
    const file = parseCsvFile(
      csv([
        'Name of Participant,Gender,Organisation,Rank,Region,City,Mobile Number,E-mail,Year of Birth,Role,Present',
        'A,f,B,C,D,E,0300 1234567,a@b.pk,1990,participant,yes',
      ]),
    );
    expect(file.headerProblems).toEqual([]);
    expect(file.rows[0]?.values).toEqual({
      full_name: 'A',
      sex: 'f',
      organization: 'B',
      designation: 'C',
      province: 'D',
      district: 'E',
      phone: '0300 1234567',
      email: 'a@b.pk',
      birth_year: '1990',
      role: 'participant',
      attended: 'yes',
    });
  });

  it('maps Urdu header aliases, typed with Urdu or Arabic keyboard letters', () => {
    const file = parseCsvFile(
      csv(['نام,جنس,ادارہ,عہدہ,صوبه,ضلع,موبائل,ای میل,سال پیدائش,کردار,حاضری', 'علی,مرد,پولیس,ایس آئی,پنجاب,لاہور,03001234567,ali@x.pk,1985,شریک,حاضر']),
    );
    expect(file.headerProblems).toEqual([]);
    expect(file.rows[0]?.values).toEqual({
      full_name: 'علی',
      sex: 'مرد',
      organization: 'پولیس',
      designation: 'ایس آئی',
      province: 'پنجاب',
      district: 'لاہور',
      phone: '03001234567',
      email: 'ali@x.pk',
      birth_year: '1985',
      role: 'شریک',
      attended: 'حاضر',
    });
  });

  it('reports a column named twice and missing name or sex columns on line 1', () => {
    expect(parseCsvFile(csv(['Name,Full Name,Sex', 'a,b,f'])).headerProblems).toEqual([
      { line: 1, column: 'Full Name', message: expect.stringContaining('full_name') },
    ]);
    expect(parseCsvFile(csv(['Designation,Province', 'a,b'])).headerProblems.map((p) => p.column)).toEqual(['full_name', 'sex']);
  });

  it('refuses an empty file and a file it cannot read', () => {
    expect(syncErrorOf(() => parseCsvFile(Buffer.from(''))).code).toBe('import_invalid');
    expect(syncErrorOf(() => parseCsvFile(csv(['name,sex', '"Unclosed,f']))).code).toBe('import_invalid');
  });

  it('reads a quote inside an unquoted cell as text, and doubled quotes inside a quoted cell as one', () => {
    const file = parseCsvFile(csv(['full_name,sex,designation', 'Ali "Shani" Khan,m,"Inspector ""AHTC"""', `"Sara, ""S."" Khan",f,5'4"`]));
    expect(lineValues(file)).toEqual([
      { line: 2, full_name: 'Ali "Shani" Khan', sex: 'm', designation: 'Inspector "AHTC"' },
      { line: 3, full_name: 'Sara, "S." Khan', sex: 'f', designation: `5'4"` },
    ]);
  });

  it('refuses quotes RFC 4180 does not allow, naming the line, before the parser reads them', () => {
    const refusal = (lines: string[]) => {
      const error = syncErrorOf(() => parseCsvFile(csv(lines)));
      expect(error.code).toBe('import_invalid');
      return error.details[0];
    };
    // Text after a closing quote: the parser trimmed up to the next comma for each such quote (seconds for a small file).
    expect(refusal(['full_name,sex', 'Ali,m', '', '"Sara', 'Khan"x,f', 'Zahid,m'])).toMatchObject({
      line: 5,
      message: expect.stringContaining('closing quote'),
    });
    const slow = Buffer.from(`full_name,sex\n"${'x"'.repeat(5000)}${' '.repeat(200_000)},m\n`);
    const started = performance.now();
    expect(syncErrorOf(() => parseCsvFile(slow)).details[0]).toMatchObject({ line: 2 });
    expect(performance.now() - started).toBeLessThan(1000);
    // A quote after spaces: read as text it moved the rest of the row one column on.
    expect(refusal(['full_name,sex,organization,designation', 'Ali Raza,m, "FIA, Lahore",Inspector'])).toMatchObject({
      line: 2,
      message: expect.stringContaining('spaces before the quote'),
    });
    // A quoted cell never closed: the line it opens on.
    expect(refusal(['full_name,sex', 'Ali,m', '"Sara,f', 'Zahid,m'])).toMatchObject({ line: 3, message: expect.stringContaining('never closed') });
    // What is allowed stays allowed: a quoted cell right after the comma, an empty quoted cell, spaces inside quotes.
    expect(lineValues(parseCsvFile(csv(['full_name,sex,designation', '"  Ali  ",m,""', 'Sara,"f",'])))).toEqual([
      { line: 2, full_name: 'Ali', sex: 'm', designation: '' },
      { line: 3, full_name: 'Sara', sex: 'f', designation: '' },
    ]);
  });

  it(`refuses more than ${MAX_CSV_LINES} lines, blank ones included, before parsing them`, () => {
    // Ten million empty lines took the parser 5-7 s and over a gigabyte; a lone CR is a line end too.
    for (const end of ['\n', '\r']) {
      const error = syncErrorOf(() => parseCsvFile(Buffer.from(`full_name,sex\n${end.repeat(MAX_CSV_LINES)}Ali,m\n`)));
      expect(error.code).toBe('payload_too_large');
    }
    const blanks = parseCsvFile(Buffer.from(`full_name,sex\n${'\n'.repeat(MAX_CSV_LINES - 10)}Ali,m\n`));
    expect(lineValues(blanks)).toEqual([{ line: MAX_CSV_LINES - 8, full_name: 'Ali', sex: 'm' }]);
  });

  it('refuses too many cells or rows before parsing even after a quote that is only text', () => {
    // Read as an opening quote, the stray one would hide every comma and line after it from the check.
    const wide = Buffer.concat([Buffer.from('full_name,sex\nAli "Shani,m\nSara,f'), Buffer.alloc(1024 * 1024, ',')]);
    expect(syncErrorOf(() => parseCsvFile(wide)).details).toEqual([{ line: 3, column: '', message: expect.stringContaining('cells') }]);
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => 'a,m');
    expect(syncErrorOf(() => parseCsvFile(csv(['name,sex', 'Ali "Shani,m', ...rows]))).code).toBe('payload_too_large');
    // Exactly the limit, with blank lines and multi-line cells between: read whole.
    const atLimit = Array.from({ length: MAX_IMPORT_ROWS - 1 }, (_, i) => (i % 1000 === 0 ? '\n"two\nlines",m' : 'a,m'));
    expect(parseCsvFile(csv(['name,sex', 'Ali "Shani,m', ...atLimit], '\n')).rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('stops reading a CSV one row past the limit: the rest is never parsed', () => {
    // Millions of short lines used to be parsed in full (seconds, gigabytes) before the limit refused them.
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, () => 'a,m');
    const error = syncErrorOf(() => parseCsvFile(csv(['name,sex', ...rows, '"never read, since parsing stopped before it'])));
    expect(error.code).toBe('payload_too_large');
  });
});

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('Participants'));
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading XLSX files', () => {
  it('reads rich text, numbers, dates, formulas and links as text, with the sheet’s row numbers', async () => {
    const buffer = await workbook((sheet) => {
      sheet.addRow(['نام', 'جنس', 'موبائل', 'سال پیدائش', 'ای میل', 'عہدہ']);
      sheet.addRow([
        { richText: [{ text: 'Ayesha ' }, { font: { bold: true }, text: 'Siddiqui' }] },
        'female',
        923001234567,
        { formula: '1980+10', result: 1990 },
        { text: 'ayesha@example.pk', hyperlink: 'mailto:ayesha@example.pk' },
        new Date(Date.UTC(2024, 2, 15)),
      ]);
      sheet.addRow([]);
      sheet.addRow(['  فاطمہ بی بی ', 'خاتون', '0300-1234567', 1985, null, { formula: 'UPPER("si")', result: 'SI' }]);
    });
    const file = await parseXlsxFile(buffer);
    expect(file.headerProblems).toEqual([]);
    expect(lineValues(file)).toEqual([
      {
        line: 2,
        full_name: 'Ayesha Siddiqui',
        sex: 'female',
        phone: '923001234567',
        birth_year: '1990',
        email: 'ayesha@example.pk',
        designation: '2024-03-15',
      },
      { line: 4, full_name: 'فاطمہ بی بی', sex: 'خاتون', phone: '0300-1234567', birth_year: '1985', email: '', designation: 'SI' },
    ]);
  });

  it('reads a formula without a cached result or with an error as empty', async () => {
    const buffer = await workbook((sheet) => {
      sheet.addRow(['Name', 'Sex', 'Designation', 'District']);
      sheet.addRow(['A', 'f', { formula: 'B2&"x"' }, { formula: '1/0', result: { error: '#DIV/0!' } }]);
    });
    const file = await parseXlsxFile(buffer);
    expect(file.rows[0]?.values).toEqual({ full_name: 'A', sex: 'f', designation: '', district: '' });
  });

  it(`reads the first ${MAX_IMPORT_COLUMNS} columns only, without making the cells of the 16,384 a row may reach`, async () => {
    // One cell in the last column (XFD) gave every row 16,384 cells to make: a file of a few KB filled the heap.
    const buffer = await workbook((sheet) => {
      sheet.addRow(['Name', 'Sex']).getCell(MAX_IMPORT_COLUMNS + 1).value = 'Designation';
      for (let i = 0; i < 300; i += 1) {
        const row = sheet.addRow([`Person ${i}`, 'f']);
        row.getCell(MAX_IMPORT_COLUMNS + 1).value = 'Inspector';
        row.getCell(16_384).value = 'far away';
      }
    });
    const file = await parseXlsxFile(buffer);
    expect(file.rows).toHaveLength(300);
    // The designation column lies past the columns read.
    expect(file.rows[299]?.values).toEqual({ full_name: 'Person 299', sex: 'f' });
  });

  it('tells a spreadsheet from CSV by its content, not its name', async () => {
    const buffer = await workbook((sheet) => {
      sheet.addRow(['Name', 'Sex']);
      sheet.addRow(['Renamed File', 'm']);
    });
    expect((await parseImportFile(buffer, 'participants.csv')).rows[0]?.values).toEqual({ full_name: 'Renamed File', sex: 'm' });
    expect((await parseImportFile(csv(['Name,Sex', 'Plain,f']), 'participants.txt')).rows[0]?.values).toEqual({ full_name: 'Plain', sex: 'f' });
    expect((await errorOf(parseImportFile(Buffer.from('not a zip'), 'old.xls'))).code).toBe('import_invalid');
    expect((await errorOf(parseXlsxFile(Buffer.from('PK\u0003\u0004 broken')))).code).toBe('import_invalid');
  });
});

describe.each(testEngines())('importing participants on %s', (engine) => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Db;
  let police: string;
  let registered: string;
  let programmeId: string;

  async function event(status: EventStatus = 'held'): Promise<EventRow> {
    const row: EventRow = {
      id: newId(),
      programme_id: programmeId,
      title: 'Import target',
      title_normalized: 'import target',
      type: 'training',
      series: null,
      start_date: '2024-05-06',
      end_date: '2024-05-07',
      city: 'Lahore',
      province: 'Punjab',
      country_code: 'PK',
      venue: null,
      status,
      learning_objectives: null,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
    };
    await insertEvent(db, row);
    return row;
  }

  async function counts() {
    const count = async (table: 'people' | 'organizations' | 'participations' | 'audit_log' | 'attendance') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      people: await count('people'),
      organizations: await count('organizations'),
      participations: await count('participations'),
      audit: await count('audit_log'),
      attendance: await count('attendance'),
    };
  }

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    db = handle.db;
    programmeId = newId();
    await db
      .insertInto('programmes')
      .values({
        id: programmeId,
        name: 'Programme',
        name_normalized: 'programme',
        donor: null,
        start_date: null,
        end_date: null,
        created_at: NOW,
        updated_at: NOW,
      })
      .execute();
    police = newId();
    await insertOrganization(db, {
      id: police,
      name: 'Punjab Police',
      name_normalized: 'punjab police',
      acronym: 'PP',
      acronym_normalized: 'pp',
      type: 'law_enforcement',
      country_code: 'PK',
      province: 'Punjab',
      created_at: NOW,
      updated_at: NOW,
    });
    registered = newId();
    await insertPerson(
      db,
      personRowFrom(
        { fullName: 'Ayesha Siddiqui', sex: 'female', organizationId: police, email: 'ayesha@example.pk' },
        { id: registered, now: NOW, countryCode: 'PK' },
      ),
    );
  });
  afterAll(async () => handle.destroy());

  const sheet = () =>
    parseCsvFile(
      withBom(
        csv([
          'نام,جنس,ادارہ,عہدہ,ای میل,موبائل,کردار,حاضری',
          'زینب علی,خاتون,Sahil Foundation,Coordinator,zainab@example.pk,0301-1111111,,',
          'Imran Qureshi,M,PP,"Inspector, CTD",,0302 2222222,trainer,no',
          'A. Siddiqui,male,,,AYESHA@example.pk,,,',
          'Bushra Bibi,F,sahil foundation,,,,observer,yes',
        ]),
      ),
    );

  it('creates new people and organisations, links registered people and copies the right facts', async () => {
    const ev = await event('held');
    const before = await counts();
    const report = await importParticipants(db, admin, ev.id, sheet(), false);
    expect(report).toMatchObject({
      dryRun: false,
      rows: 4,
      valid: 4,
      errors: [],
      newOrganizations: ['Sahil Foundation'],
      createdPeople: 3,
      linkedPeople: 1,
      alreadyListed: 0,
      addedParticipants: 4,
    });
    expect(report.duplicates.map((d) => [d.line, d.candidates.map((c) => [c.personId, c.reasons])])).toEqual([[4, [[registered, ['same_email']]]]]);
    const after = await counts();
    expect(after).toEqual({
      ...before,
      people: before.people + 3,
      organizations: before.organizations + 1,
      participations: before.participations + 4,
      audit: before.audit + 4,
    });

    const sahil = await db.selectFrom('organizations').selectAll().where('name_normalized', '=', 'sahil foundation').executeTakeFirstOrThrow();
    expect(sahil).toMatchObject({ name: 'Sahil Foundation', type: 'other', country_code: 'PK' });
    const rows = await db
      .selectFrom('participations')
      .innerJoin('people', 'people.id', 'participations.person_id')
      .select([
        'people.id',
        'people.full_name',
        'people.organization_id',
        'people.phone_normalized',
        'participations.role',
        'participations.attended',
        'participations.person_sex',
        'participations.organization_type',
        'participations.event_province',
      ])
      .where('participations.event_id', '=', ev.id)
      .execute();
    const byName = new Map(rows.map((r) => [r.full_name, { ...r, attended: toBoolean(r.attended) }]));
    // A blank attended cell is "not recorded", not "came".
    expect(byName.get('زینب علی')).toMatchObject({
      organization_id: sahil.id,
      phone_normalized: '923011111111',
      role: 'participant',
      attended: false,
      person_sex: 'female',
      organization_type: 'other',
      event_province: 'Punjab',
    });
    expect(byName.get('Imran Qureshi')).toMatchObject({
      organization_id: police,
      role: 'trainer',
      attended: false,
      person_sex: 'male',
      organization_type: 'law_enforcement',
    });
    expect(byName.get('Bushra Bibi')).toMatchObject({ organization_id: sahil.id, role: 'observer', attended: true, person_sex: 'female' });
    // The registered person keeps her recorded sex and organisation, whatever the sheet says.
    expect(byName.get('Ayesha Siddiqui')).toMatchObject({ id: registered, person_sex: 'female', organization_type: 'law_enforcement' });
    const audit = await db.selectFrom('audit_log').select(['entity_type', 'entity_id', 'action', 'changes']).where('action', '=', 'import').execute();
    // One entry for the whole batch, naming each person put on the list (registered people by their registered name).
    expect(audit.filter((a) => a.entity_type === 'event' && a.entity_id === ev.id).map((a) => fromJson(a.changes, {}))).toEqual([
      {
        participants: { from: null, to: 4 },
        ...Object.fromEntries([...byName.values()].map((r) => [`participant:${r.id}`, { from: null, to: { name: r.full_name, role: r.role } }])),
      },
    ]);
  });

  it('lists nobody twice when the same sheet is imported again', async () => {
    const ev = await event('held');
    await importParticipants(db, admin, ev.id, sheet(), false);
    const before = await counts();
    const again = await importParticipants(db, admin, ev.id, sheet(), false);
    expect(again).toMatchObject({ createdPeople: 0, linkedPeople: 4, alreadyListed: 4, addedParticipants: 0, newOrganizations: [] });
    const after = await counts();
    expect({ ...after, audit: before.audit }).toEqual(before);
  });

  it('reports what it would do on a dry run and writes nothing', async () => {
    const ev = await event('planned');
    const file = parseCsvFile(csv(['Name,Sex,Organisation', 'Dry Run Person,f,Brand New Org', 'Ayesha Siddiqui,f,Punjab Police']));
    const before = await counts();
    const report = await importParticipants(db, admin, ev.id, file, true);
    expect(report).toMatchObject({
      dryRun: true,
      rows: 2,
      valid: 2,
      newOrganizations: ['Brand New Org'],
      createdPeople: 1,
      linkedPeople: 1,
      addedParticipants: 2,
    });
    expect(await counts()).toEqual(before);
  });

  it('names the file line and column of each bad row and imports nothing', async () => {
    const ev = await event('held');
    const file = parseCsvFile(
      csv([
        'Name,Sex,Designation,Email,Year of Birth,Attended', // 1
        'Good Row,f,"Two', // 2
        'lines",,,', // 3
        'Bad Sex,zebra,,,,', // 4
        ',m,,,,', // 5
        'Bad Mail,m,,not-an-email,,', // 6
        'Bad Year,f,,,nineteen,maybe', // 7
      ]),
    );
    const before = await counts();
    const error = await errorOf(importParticipants(db, admin, ev.id, file, false));
    expect(error.code).toBe('import_invalid');
    expect(error.details.map((d) => [d.line, d.column])).toEqual([
      [4, 'sex'],
      [5, 'full_name'],
      [6, 'email'],
      [7, 'attended'],
      [7, 'birth_year'],
    ]);
    expect(await counts()).toEqual(before);
    // A dry run reports the same problems instead of refusing.
    const dry = await importParticipants(db, admin, ev.id, file, true);
    expect(dry.valid).toBe(1);
    expect(dry.errors.map((d) => d.line)).toEqual([4, 5, 6, 7, 7]);
  });

  it('leaves no person, organisation, participation or audit row behind when a person row breaks a constraint mid-write', async () => {
    const ev = await event('held');
    // Two new people with the same name key at two different new organisations: the import creates
    // the organisations, then the second person breaks this (test-only) unique index.
    await sql`create unique index test_people_name_key_uq on people (name_key) where name_key = 'zubair khan'`.execute(db);
    try {
      const file = parseCsvFile(
        csv(['Name,Sex,Organisation', 'Fresh Person,f,Rollback Org One', 'Zubair Khan,m,Rollback Org One', 'Muhammad Zubair Khan,m,Rollback Org Two']),
      );
      const before = await counts();
      await expect(importParticipants(db, admin, ev.id, file, false)).rejects.toThrow(/unique|duplicate/i);
      expect(await counts()).toEqual(before);
      expect(await db.selectFrom('organizations').select('id').where('name_normalized', 'like', 'rollback org%').execute()).toEqual([]);
      expect(await db.selectFrom('people').select('id').where('full_name', '=', 'Fresh Person').execute()).toEqual([]);
    } finally {
      await sql`drop index test_people_name_key_uq`.execute(db);
    }
  });

  it('leaves nothing behind when the very last write of the import fails', async () => {
    const ev = await event('held');
    if (engine === 'sqlite') {
      await sql`create trigger refuse_import_audit before insert on audit_log when new.entity_type = 'event' and new.action = 'import' begin select raise(abort, 'refused by test trigger'); end`.execute(
        db,
      );
    } else {
      await sql`create function refuse_import_audit() returns trigger language plpgsql as $$ begin raise exception 'refused by test trigger'; end $$`.execute(
        db,
      );
      await sql`create trigger refuse_import_audit before insert on audit_log for each row when (new.entity_type = 'event' and new.action = 'import') execute function refuse_import_audit()`.execute(
        db,
      );
    }
    try {
      const file = parseCsvFile(
        csv(['Name,Sex,Organisation,Phone', 'Last Step One,f,Last Step Org,0333 9999991', 'Last Step Two,m,,0333 9999992', 'Ayesha Siddiqui,f,PP,']),
      );
      const before = await counts();
      await expect(importParticipants(db, admin, ev.id, file, false)).rejects.toThrow(/refused by test trigger/);
      expect(await counts()).toEqual(before);
      expect(await db.selectFrom('participations').select('id').where('event_id', '=', ev.id).execute()).toEqual([]);
    } finally {
      await sql`drop trigger refuse_import_audit${engine === 'postgres' ? sql` on audit_log` : sql``}`.execute(db);
    }
  });

  it('refuses a file whose header is missing required columns, even with valid-looking rows', async () => {
    const ev = await event('held');
    const file = parseCsvFile(csv(['Name,Designation', 'No Sex Column,ASI']));
    const before = await counts();
    const error = await errorOf(importParticipants(db, admin, ev.id, file, false));
    expect(error.details).toEqual([{ line: 1, column: 'sex', message: expect.any(String) }]);
    expect(await counts()).toEqual(before);
  });

  it('reads only the registered people who share a name key, phone or email with the file, with the events they attended', async () => {
    const person = async (fields: Parameters<typeof personRowFrom>[0]) => {
      const id = newId();
      await insertPerson(db, personRowFrom(fields, { id, now: NOW, countryCode: 'PK' }));
      return id;
    };
    // The same name once its honorific is dropped; the same phone written another way; the same email in capitals.
    const namesake = await person({ fullName: 'Dr. Kamran Akmal', sex: 'male', organizationId: police });
    const samePhone = await person({ fullName: 'Someone Else', sex: 'male', phone: '+92 333 4445556' });
    const sameEmail = await person({ fullName: 'Another Person', sex: 'female', email: 'NAILA@EXAMPLE.PK' });
    await person({ fullName: 'Unrelated Person', sex: 'female', phone: '0300-9999999', email: 'unrelated@example.pk' });
    const earlier = await event('held');
    await importParticipants(db, admin, earlier.id, parseCsvFile(csv(['full_name,sex,organization,attended', 'Dr. Kamran Akmal,m,PP,yes'])), false);

    const file = parseCsvFile(csv(['full_name,sex,phone,email', 'Kamran Akmal,m,,', 'New Name,m,0333-4445556,', 'Naila,f,,naila@example.pk']));
    const checked = checkImportFile(file);
    const ev = await event('held');
    const snapshot = await readImportSnapshot(db, admin, ev.id, registerKeys(checked));
    expect(new Map(snapshot.people.map((p) => [p.id, p.eventsAttended]))).toEqual(
      new Map([
        [namesake, 1],
        [samePhone, 0],
        [sameEmail, 0],
      ]),
    );
    const plan = planImport(checked, snapshot, new Map(), true);
    expect(plan.report.plan.map((r) => [r.line, r.action, r.personId ?? null])).toEqual([
      [2, 'choose', null],
      [3, 'link', samePhone],
      [4, 'link', sameEmail],
    ]);
  });

  it('plans a file the same with the people sharing its keys as with the whole register (random registers and files)', async () => {
    const random = seededRandom(20261203);
    const { pick, chance } = random;
    // Enough names that many people match a row by phone or email alone.
    const names = ['Ali', 'Muhammad Ali', 'Sana', 'Bilal', 'Dr. Bilal', 'Hina', 'Usman', 'Nadia'].flatMap((first) =>
      ['Raza', 'Khan', 'Ahmed', 'Akram', 'Tariq', 'Bibi'].map((last) => `${first} ${last}`),
    );
    const phones = ['0301-1000001', '0301-1000002', '0301-1000003', '0301-1000004', null, null];
    const emails = ['a@example.pk', 'b@example.pk', 'c@example.pk', null, null, null];
    const designations = ['Inspector', 'ASI', null];
    const reasons = new Set<string>();
    for (let round = 0; round < 4; round += 1) {
      const ev = await event('held');
      const registerIds: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        const id = newId();
        const phone = pick(phones);
        const email = pick(emails);
        await insertPerson(
          db,
          personRowFrom(
            {
              fullName: pick(names),
              sex: pick(['male', 'female'] as const),
              organizationId: chance(0.5) ? police : null,
              designation: pick(designations),
              phone: phone ? phone.replace('0301', `03${round}1`) : null,
              email: email ? `${round}.${email}` : null,
            },
            { id, now: NOW, countryCode: 'PK' },
          ),
        );
        registerIds.push(id);
      }
      const lines = ['full_name,sex,organization,designation,phone,email'];
      for (let i = 0; i < 25; i += 1) {
        const phone = pick(phones);
        const email = pick(emails);
        lines.push(
          [
            pick(names),
            pick(['m', 'f']),
            chance(0.5) ? 'PP' : '',
            pick(designations) ?? '',
            phone ? phone.replace('0301', `03${round}1`) : '',
            email ? `${round}.${email}` : '',
          ].join(','),
        );
      }
      const checked = checkImportFile(parseCsvFile(csv(lines)));
      const keyed = await readImportSnapshot(db, admin, ev.id, registerKeys(checked));
      const everyone = await db.selectFrom('people').select(['name_key', 'phone_normalized', 'email_normalized']).execute();
      const whole = await readImportSnapshot(db, admin, ev.id, {
        nameKeys: [...new Set(everyone.map((p) => p.name_key))],
        phones: [...new Set(everyone.flatMap((p) => (p.phone_normalized ? [p.phone_normalized] : [])))],
        emails: [...new Set(everyone.flatMap((p) => (p.email_normalized ? [p.email_normalized] : [])))],
      });
      expect(whole.people.length).toBeGreaterThan(keyed.people.length);
      const planned = planImport(checked, keyed, new Map(), true).report;
      expect(planned).toEqual(planImport(checked, whole, new Map(), true).report);
      for (const d of planned.duplicates) for (const c of d.candidates) for (const reason of c.reasons) reasons.add(reason);
    }
    // The files matched people by each key: the comparison says something.
    expect(reasons).toEqual(new Set(['same_email', 'same_phone', 'same_name', 'same_name_same_organization']));
  });

  it('numbers imported people for the report columns after the highest number in use, each once, and counts them', async () => {
    const highest = async () => Number((await sql<{ n: number | null }>`select max(report_n) as n from people`.execute(db)).rows[0]?.n ?? 0);
    const before = await highest();
    const ev = await event('held');
    const lines = ['full_name,sex,attended'];
    for (let i = 0; i < 620; i += 1) lines.push(`Numbered Person ${i},${i % 2 ? 'f' : 'm'},${i % 4 === 0 ? 'no' : 'yes'}`);
    const report = await importParticipants(db, admin, ev.id, parseCsvFile(csv(lines)), false);
    expect(report.createdPeople).toBe(620);
    const numbers = (
      await sql<{
        report_n: number | null;
      }>`select p.report_n from people p join participations pa on pa.person_id = p.id where pa.event_id = ${ev.id}`.execute(db)
    ).rows.map((r) => Number(r.report_n));
    expect(numbers).toHaveLength(620);
    expect(new Set(numbers).size).toBe(620);
    expect(Math.min(...numbers)).toBeGreaterThan(before);
    expect(await highest()).toBe(before + 620);
    // The report facts name each attending person by that number.
    const facts = await sql<{ n: number | string }>`
      select count(*) as n from report_facts f join people p on p.report_n = f.person_n
       join events e on e.report_n = f.event_n where e.id = ${ev.id}`.execute(db);
    expect(Number(facts.rows[0]?.n)).toBe(620 - 155);
  });
});
