import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, enrolSecondFactor, json, type TestContext } from '../../../test/helpers.js';
import { testEngines } from '../../db/test-db.js';

const run = promisify(execFile);
const PG_DUMP = '/usr/bin/pg_dump';

/**
 * What victims' case files hold, entered through the API: none of it may be readable in the database
 * file, its WAL, or a PostgreSQL dump (issue 12, "Done when"). Every string is long or unusual enough
 * that it cannot turn up by chance inside base64 ciphertext or a hash.
 */
const VICTIMS = [
  {
    fullName: 'Zarmeena Gulbadan Afridi',
    otherScriptName: 'زرمینہ گلبدن آفریدی',
    aliases: ['Zarmo Shinwarikhel'],
    phone: '+92 345 7781234',
    identityNumbers: [
      { kind: 'cnic' as const, number: '17301-4455667-3' },
      { kind: 'passport' as const, number: 'QX7719034' },
    ],
    address: 'House 14, Mohalla Qissakhwani, Peshawar',
    identificationPlace: 'Torkham Nadirabad checkpoint',
    narrative: 'Recruited in Landikotal with the promise of tailoring work in Muscat; her passport was taken by the agent Gulzarkhan',
  },
  {
    fullName: 'شہربانو نازنین',
    otherScriptName: 'Shehrbano Nazneen',
    aliases: ['نازو بلوچانی'],
    phone: '0300-9988776',
    identityNumbers: [{ kind: 'cnic' as const, number: '42101-7654321-9' }],
    address: 'مکان نمبر بائیس، گلی کلاکوٹ، لیاری، کراچی',
    identificationPlace: 'جناح انٹرنیشنل ایئرپورٹ امیگریشن کاؤنٹر',
    narrative: 'اسے دبئی میں گھریلو ملازمت کا جھانسہ دے کر سرحد پار لے جایا گیا',
  },
];
const CORRECTED_PHONE = '+92 311 6402957';
const BREAK_GLASS_REASON = 'Her cousin Sherbazkhan Mohmandzai came to the Jamrud station asking for her';
const BREAK_GLASS_REASON_URDU = 'اس کی خالہ ثمینہ بیگم تھانے آئیں';

/** A training participant: the register's names are not sealed, so they must be found (the test can fail). */
const PARTICIPANT = { fullName: 'Gulmakai Positivecontrol Yousafzai', urdu: 'ملالہ مثبتکنٹرول', phone: '0333 5550199' };

/**
 * Every form a value could be stored in: as typed, case-folded, digits only (phones, identity
 * numbers) and, for names, each longer word alone. Not the words of narratives and addresses: common
 * words ("passport", "ملازمت") are rightly in the screening rules' legal texts.
 */
function forms(value: string, byWord: boolean): string[] {
  const out = new Set([value, value.toLowerCase(), value.toUpperCase()]);
  const digits = value.replace(/\D/g, '');
  if (digits.length >= 7) {
    out.add(digits);
    if (digits.startsWith('92')) out.add(digits.slice(2));
    if (digits.startsWith('0')) out.add(digits.slice(1));
  }
  for (const word of byWord ? value.split(/\s+/) : []) {
    // Latin words of 8+ letters (8 given letters by chance in base64 text: about 2^-48 per place); Urdu words of 4+ letters.
    if (/^\p{Script=Arabic}{4,}$/u.test(word) || /^[A-Za-z]{8,}$/.test(word)) {
      out.add(word);
      out.add(word.toLowerCase());
    }
  }
  return [...out];
}

/** The byte sequences a form could appear as: UTF-8, UTF-16 (both byte orders) and, for non-ASCII text, JSON's \u escapes. */
function encodings(form: string): Array<{ how: string; bytes: Buffer }> {
  const utf16le = Buffer.from(form, 'utf16le');
  const utf16be = Buffer.from(utf16le).swap16();
  const out = [
    { how: 'UTF-8', bytes: Buffer.from(form, 'utf8') },
    { how: 'UTF-16LE', bytes: utf16le },
    { how: 'UTF-16BE', bytes: utf16be },
  ];
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(form)) {
    const escaped = [...form].map((ch) => (ch.charCodeAt(0) > 0x7f ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}` : ch)).join('');
    out.push({ how: 'JSON escapes', bytes: Buffer.from(escaped, 'utf8') });
    out.push({
      how: 'JSON escapes (upper case)',
      bytes: Buffer.from(
        escaped.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`),
        'utf8',
      ),
    });
  }
  return out;
}

/** The values (and their forms, in every encoding) found in `haystack`: `where` names the file. */
function leaks(haystack: Buffer, values: Secret[], where: string): string[] {
  const found: string[] = [];
  for (const { value, name } of values) {
    for (const form of forms(value, name)) {
      for (const { how, bytes } of encodings(form)) {
        if (haystack.includes(bytes)) found.push(`${where}: "${form}" (${how}, from "${value}")`);
      }
    }
  }
  return found;
}

type Secret = { value: string; name: boolean };
const names = (values: string[]): Secret[] => values.map((value) => ({ value, name: true }));
const texts = (values: string[]): Secret[] => values.map((value) => ({ value, name: false }));
const secrets: Secret[] = [
  ...VICTIMS.flatMap((v) => [
    ...names([v.fullName, v.otherScriptName, ...v.aliases]),
    ...texts([v.phone, ...v.identityNumbers.map((d) => d.number), v.address, v.identificationPlace, v.narrative]),
  ]),
  ...texts([CORRECTED_PHONE, BREAK_GLASS_REASON, BREAK_GLASS_REASON_URDU]),
];

describe.each(testEngines())('victims’ data at rest on %s', { timeout: 120_000 }, (engine) => {
  let ctx: TestContext;
  const caseIds: string[] = [];

  beforeAll(async () => {
    ctx = await createTestContext(engine, { caseRoles: true });
    for (const victim of VICTIMS) {
      const { narrative, identificationPlace, ...person } = victim;
      const created = await callRoute(
        ctx,
        'createCase',
        {
          body: {
            countryCode: 'PK',
            province: 'Khyber Pakhtunkhwa',
            district: 'Khyber',
            identificationPlace,
            identifiedByAgencyType: 'fia',
            narrative,
            victim: { ...person, sex: 'female', estimatedAge: 17, citizenship: 'PK', languages: ['ps', 'ur'] },
          },
        },
        'data_officer',
      );
      expect(created.status, created.raw).toBe(201);
      caseIds.push(created.body.id);
    }
    const [first, second] = caseIds as [string, string];
    // A correction (the old phone must not survive either), a stored screening, reads, searches and an export.
    const corrected = await callRoute(ctx, 'updateCase', { params: { id: first }, body: { victim: { phone: CORRECTED_PHONE } } }, 'data_officer');
    expect(corrected.status, corrected.raw).toBe(200);
    const screened = await callRoute(
      ctx,
      'createCaseScreening',
      {
        params: { id: first },
        body: { countryCode: 'PK', elements: { act: true, means: true, purpose: true, irregularEntry: true, facilitation: true, benefit: true } },
      },
      'data_officer',
    );
    expect(screened.status, screened.raw).toBe(201);
    for (const query of ['Zarmeena Afridi', 'شہربانو', 'Shehrbano Nazneen', 'زرمینہ']) {
      const found = await callRoute(ctx, 'listCases', { query: { query } }, 'data_officer');
      expect(found.body.items.length, query).toBeGreaterThan(0);
    }
    expect((await callRoute(ctx, 'getCase', { params: { id: second } }, 'supervisor')).status).toBe(200);
    expect((await callRoute(ctx, 'exportCase', { params: { id: second } }, 'supervisor')).status).toBe(201);
    // Break-glass by a supervisor of another agency, with reasons that name people (Latin and Urdu).
    const other = await make.organization(ctx, { name: 'Khyber District Police' });
    const outsider = await make.user(ctx, { role: 'supervisor', organizationId: other.id, countries: ['PK'] });
    const { cookie } = await enrolSecondFactor(ctx.app, outsider.email);
    for (const [id, reason] of [
      [first, BREAK_GLASS_REASON],
      [second, BREAK_GLASS_REASON_URDU],
    ] as const) {
      const glass = await ctx.app.inject({ method: 'POST', url: `/api/cases/${id}/break-glass`, headers: { cookie }, payload: { reason } });
      expect(glass.statusCode, glass.body).toBe(201);
      const read = await ctx.app.inject({ method: 'GET', url: `/api/cases/${id}`, headers: { cookie } });
      expect(json<{ victim: { fullName: string } }>(read).victim.fullName).toBe(VICTIMS[caseIds.indexOf(id)]?.fullName);
    }
    // The positive control: a training participant in the same database, in both scripts.
    await make.person(ctx, { fullName: PARTICIPANT.fullName, phone: PARTICIPANT.phone });
    await make.person(ctx, { fullName: PARTICIPANT.urdu });
    // Everything came back whole through the API (so the data was really stored, not dropped).
    const read = await callRoute(ctx, 'getCase', { params: { id: first } }, 'data_officer');
    expect(read.body.victim).toMatchObject({ fullName: VICTIMS[0]?.fullName, phone: CORRECTED_PHONE, address: VICTIMS[0]?.address });
    expect(read.body.narrative).toBe(VICTIMS[0]?.narrative);
    expect(read.body.breakGlass.map((g) => g.reason)).toEqual([BREAK_GLASS_REASON]);
  });
  afterAll(() => ctx.close());

  /** SQLite: the database file, its WAL and its shared-memory file, read as they are on disk. */
  async function checkSqliteFiles(): Promise<void> {
    const file = ctx.databaseAddress;
    const read = (suffix: string) => (fs.existsSync(`${file}${suffix}`) ? fs.readFileSync(`${file}${suffix}`) : Buffer.alloc(0));
    const files = { database: read(''), wal: read('-wal'), shm: read('-shm') };
    // The recent writes are still in the WAL: the test reads it as it is, before any checkpoint.
    expect(files.wal.length).toBeGreaterThan(0);
    const all = Buffer.concat([files.database, files.wal, files.shm]);
    for (const control of [PARTICIPANT.fullName, PARTICIPANT.urdu, PARTICIPANT.phone]) expect(all.includes(Buffer.from(control, 'utf8')), control).toBe(true);
    for (const [name, bytes] of Object.entries(files)) expect(leaks(bytes, secrets, name)).toEqual([]);

    // Once checkpointed into the database file, the same.
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);
    const checkpointed = read('');
    expect(checkpointed.includes(Buffer.from(PARTICIPANT.fullName, 'utf8'))).toBe(true);
    expect(checkpointed.includes(Buffer.from(PARTICIPANT.urdu, 'utf8'))).toBe(true);
    expect(leaks(checkpointed, secrets, 'database after checkpoint')).toEqual([]);
  }

  /** PostgreSQL: a plain-format pg_dump of the whole test database. */
  async function checkPgDump(): Promise<void> {
    const { stdout } = await run(PG_DUMP, ['--format=plain', '--no-owner', `--dbname=${ctx.databaseAddress}`], {
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
    });
    const dump = Buffer.from(stdout);
    // It is a real dump with the case rows in it.
    const text = dump.toString('utf8');
    expect(text).toContain('COPY public.cases ');
    expect(text).toContain('COPY public.case_name_tokens ');
    for (const id of caseIds) expect(text).toContain(id);
    expect(text).toContain(PARTICIPANT.fullName);
    expect(text).toContain(PARTICIPANT.urdu);
    expect(leaks(dump, secrets, 'pg_dump')).toEqual([]);
  }

  it(`holds none of it ${engine === 'sqlite' ? 'in the SQLite file, its WAL and -shm file' : 'in a pg_dump'}, while a training participant's name is there`, async () => {
    if (engine === 'sqlite') await checkSqliteFiles();
    else await checkPgDump();
  });
});
