/**
 * An import is checked off the event loop (review issue 7 A): a 92,000-row dry run held every
 * other request for 20 s. These tests prove the checking runs in a worker thread and that timers
 * (and so requests) keep being served meanwhile; reliability/import-load.ts measures it over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import type { ApiError, ImportReport } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, json, seedEvent, signIn, type TestContext } from '../../../test/helpers.js';
import { AppError } from '../../http/errors.js';
import { createUser } from '../users/users.service.js';
import { parseCsvFile } from './imports.parse.js';
import { checkImportFile, planImport, type ImportSnapshot } from './imports.plan.js';
import { runImportTask, stopImportWorkers } from './imports.runner.js';

const ROWS = 40_000;
const bigCsv = () => {
  const lines = ['full_name,sex,organization,designation,phone,email,attended'];
  for (let i = 0; i < ROWS; i += 1)
    lines.push(`Person ${i} Khan,${i % 2 ? 'f' : 'm'},Agency ${i % 50},Inspector,0300 ${String(1_000_000 + i)},p${i}@example.pk,yes`);
  return `${lines.join('\r\n')}\r\n`;
};
const emptyRegister: ImportSnapshot = { eventCountry: 'PK', people: [], organizations: [], registerVersion: 0 };

/** Runs `work` while a 5 ms timer ticks; how often it ticked and the longest wait between ticks. */
async function whileTicking<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number; longestGapMs: number; ms: number }> {
  let ticks = 0;
  let last = performance.now();
  let longestGapMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last);
    last = now;
    ticks += 1;
  }, 5);
  const started = performance.now();
  try {
    const value = await work();
    longestGapMs = Math.max(longestGapMs, performance.now() - last);
    return { value, ticks, longestGapMs, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

describe('the import worker', () => {
  afterAll(async () => stopImportWorkers());

  it('checks a large file in another thread while this thread keeps running its timers', async () => {
    const csv = Buffer.from(bigCsv());
    // The same work on this thread, for scale: the timer cannot tick until it is over.
    const inline = await whileTicking(async () => planImport(checkImportFile(parseCsvFile(csv)), emptyRegister, new Map(), true));
    expect(inline.ticks).toBe(0);
    expect(inline.value.report.rows).toBe(ROWS);

    const off = await whileTicking(() => runImportTask({ bytes: csv, filename: 'big.csv', choices: [], dryRun: true, urdu: false }, async () => emptyRegister));
    expect(off.value.threadId).not.toBe(threadId);
    if (off.value.kind !== 'report') throw new Error('a dry run answers with the report');
    const report = JSON.parse(off.value.json) as ImportReport;
    expect(report).toMatchObject({ rows: ROWS, valid: ROWS, createdPeople: ROWS, toChoose: 0 });
    expect(report.plan).toHaveLength(ROWS);
    // The timer kept firing through the whole check; no wait came near the time the check takes on this thread.
    expect(off.ticks).toBeGreaterThanOrEqual(10);
    expect(off.longestGapMs).toBeLessThan(inline.ms / 4);
  });

  it('carries the checking errors back as they were raised', async () => {
    const error = await runImportTask(
      { bytes: Buffer.from('not a zip'), filename: 'old.xls', choices: [], dryRun: true, urdu: false },
      async () => emptyRegister,
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'import_invalid', message: expect.stringContaining('.xlsx') });
  });
});

describe('the import worker and the register it is given', () => {
  afterAll(async () => stopImportWorkers());

  it('asks for the register by the file’s own keys, and answers with the error of a register that could not be read', async () => {
    const csv = Buffer.from('full_name,sex,phone,email\r\nDr. Sana Khan,f,0301-2345678,SANA@example.pk\r\nBilal,m,,\r\nBad,zebra,0399-0000000,\r\n');
    const asked: unknown[] = [];
    const refused = await runImportTask({ bytes: csv, filename: 'list.csv', choices: [], dryRun: true, urdu: false }, async (keys) => {
      asked.push(keys);
      throw new AppError('not_found', 'No such event');
    }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'not_found', message: 'No such event' });
    // Only the valid rows' keys, as the register stores them; the row with an unknown sex is not looked up.
    expect(asked).toEqual([{ nameKeys: ['sana khan', 'bilal'], phones: ['923012345678'], emails: ['sana@example.pk'] }]);

    // The worker dropped that file: the next task is planned from its own file.
    const next = await runImportTask(
      { bytes: Buffer.from('full_name,sex\r\nHina,f\r\n'), filename: 'b.csv', choices: [], dryRun: true, urdu: false },
      async () => emptyRegister,
    );
    if (next.kind !== 'report') throw new Error('a dry run answers with the report');
    expect(JSON.parse(next.json)).toMatchObject({ rows: 1, createdPeople: 1, plan: [{ line: 2, fullName: 'Hina', action: 'create' }] });
  });
});

describe('imports through the route', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(async () => {
    await ctx.close();
    await stopImportWorkers();
  });

  const upload = (eventId: string, csv: string, cookie: { cookie: string }) => {
    const boundary = `----hifazat${randomBytes(8).toString('hex')}`;
    return ctx.app.inject({
      method: 'POST',
      url: `/api/events/${eventId}/participants/import?dryRun=true`,
      headers: { ...cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\n\r\n`),
        Buffer.from(csv),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
  };

  it('lets a user run one import at a time (409 for the second), and other users’ imports wait their turn', async () => {
    const { event } = await seedEvent(ctx);
    const csv = bigCsv();
    const other = await createUser(ctx.db, null, {
      email: 'second.manager@test.example',
      name: 'Second',
      role: 'programme_manager',
      password: 'correct horse battery',
      countries: null,
    });
    const otherCookie = { cookie: await signIn(ctx.app, other.email) };
    const [first, second, someoneElse] = await Promise.all([
      upload(event.id, csv, ctx.as('admin')),
      upload(event.id, csv, ctx.as('admin')),
      upload(event.id, csv, otherCookie),
    ]);
    expect(first.statusCode, first.body.slice(0, 300)).toBe(200);
    expect(json<ImportReport>(first).rows).toBe(ROWS);
    expect(second.statusCode).toBe(409);
    expect(json<ApiError>(second).error).toMatchObject({ code: 'conflict', message: 'You already have an import running; wait until it has finished' });
    expect(someoneElse.statusCode, someoneElse.body.slice(0, 300)).toBe(200);
    // Once the first has finished, the same user may import again.
    expect((await upload(event.id, 'full_name,sex\r\nA,f\r\n', ctx.as('admin'))).statusCode).toBe(200);
  });

  it('answers a dry run as JSON with the report the worker made', async () => {
    const { event } = await seedEvent(ctx);
    const response = await upload(event.id, 'full_name,sex\r\nA,f\r\nB,zebra\r\n', ctx.as('admin'));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(json<ImportReport>(response)).toMatchObject({
      rows: 2,
      valid: 1,
      plan: [
        { line: 2, action: 'create' },
        { line: 3, action: 'error' },
      ],
    });
  });
});
