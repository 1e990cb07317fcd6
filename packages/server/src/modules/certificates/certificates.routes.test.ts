import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ApiError, CertificateVerification, IssueCertificatesResult } from '@hifazat/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../../db/test-db.js';
import { callRoute, make } from '../../../test/factories.js';
import { createTestContext, json, signIn, TEST_PASSWORD, type TestContext } from '../../../test/helpers.js';
import { inspectZip } from '../../shared/zip.js';
import { parsePublicKeys } from './certificate.keys.js';
import { verifyOpenBadge } from './certificate.open-badge.js';
import { QR_PREFIX } from './certificate.payload.js';
import { MAX_RENDER_WORKERS, RENDER_QUEUE_LENGTH, renderLoad, renderZipInWorker, stopRenderWorkers } from './certificates.render.js';

afterAll(async () => stopRenderWorkers());

/** The characters a QR text is made of after its prefix (base45, RFC 9285). */
const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

type People = Record<'allDaysPassed' | 'allDaysFailed' | 'twoDaysPassed' | 'absent' | 'trainer' | 'oneDayOnly', { id: string; fullName: string }>;

/**
 * A three-day event (10–12 March 2025) with a post-test (pass mark 50) and six people on its list:
 * present every day and passed; every day and failed; two days and passed; never; a trainer who was
 * present every day; one who was present one day and never took the test.
 */
async function seedEvent(ctx: TestContext) {
  const event = await make.event(ctx, { title: 'Victim identification workshop', startDate: '2025-03-10', endDate: '2025-03-12' });
  const names = {
    allDaysPassed: 'Ayesha Khan',
    allDaysFailed: 'Bilal Ahmed',
    twoDaysPassed: 'Sana Malik',
    absent: 'Imran Shah',
    trainer: 'Nadia Hussain',
    oneDayOnly: 'عائشہ فاطمہ',
  } as const;
  const people = {} as People;
  for (const [key, fullName] of Object.entries(names) as Array<[keyof People, string]>) {
    const person = await make.person(ctx, { fullName });
    people[key] = { id: person.id, fullName };
    const added = await callRoute(ctx, 'addParticipant', {
      params: { id: event.id },
      body: { personId: person.id, role: key === 'trainer' ? 'trainer' : 'participant' },
    });
    expect(added.status, added.raw).toBe(201);
  }
  const present = async (who: keyof People, dates: string[]) => {
    for (const date of dates) {
      const marked = await callRoute(ctx, 'setAttendance', { params: { id: event.id }, body: { personId: people[who].id, date, present: true } });
      expect(marked.status, marked.raw).toBe(200);
    }
  };
  const allDays = ['2025-03-10', '2025-03-11', '2025-03-12'];
  await present('allDaysPassed', allDays);
  await present('allDaysFailed', allDays);
  await present('twoDaysPassed', allDays.slice(0, 2));
  await present('trainer', allDays);
  await present('oneDayOnly', allDays.slice(0, 1));
  const marked = await callRoute(ctx, 'setAttendance', { params: { id: event.id }, body: { personId: people.absent.id, date: '2025-03-10', present: false } });
  expect(marked.status).toBe(200);

  const question = await make.question(ctx);
  const [right, wrong] = question.options.map((o) => o.id);
  const test = await make.test(ctx, event.id, { kind: 'post', passMark: 50, questionIds: [question.id] });
  for (const [who, option] of [
    ['allDaysPassed', right],
    ['allDaysFailed', wrong],
    ['twoDaysPassed', right],
  ] as const) {
    const attempt = await callRoute(ctx, 'createAttempt', {
      params: { id: test.id },
      body: { personId: people[who].id, answers: [{ questionId: question.id, optionIds: [option as string] }] },
    });
    expect(attempt.status, attempt.raw).toBe(201);
  }
  return { event, people };
}

const issue = (ctx: TestContext, eventId: string, body: { personIds?: string[] } = {}, role: Parameters<TestContext['as']>[0] = 'admin') =>
  callRoute(ctx, 'issueCertificates', { params: { id: eventId }, body }, role);

/** The same text with the character at `at` changed to another of the same alphabet. */
function tamper(text: string, at: number): string {
  const alphabet = at < QR_PREFIX.length ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:' : BASE45;
  const original = text[at] as string;
  const other = alphabet[(alphabet.indexOf(original) + 1 + (at % (alphabet.length - 1))) % alphabet.length] as string;
  return text.slice(0, at) + (other === original ? (alphabet[(alphabet.indexOf(original) + 1) % alphabet.length] as string) : other) + text.slice(at + 1);
}

describe.each(testEngines())('certificates through the API, on %s', (engine) => {
  let ctx: TestContext;
  let seeded: Awaited<ReturnType<typeof seedEvent>>;
  let first: IssueCertificatesResult;
  beforeAll(async () => {
    ctx = await createTestContext(engine);
    seeded = await seedEvent(ctx);
    const answer = await issue(ctx, seeded.event.id);
    expect(answer.status, answer.raw).toBe(200);
    first = answer.body;
  });
  afterAll(async () => ctx.close());

  const byPerson = (result: IssueCertificatesResult) => new Map(result.certificates.map((c) => [c.personId, c]));
  const skippedOf = (result: IssueCertificatesResult) => new Map(result.skipped.map((s) => [s.personId, s.reason]));

  it('gives the training certificate to those present every day who passed the post-test, participation to others who attended', () => {
    const { people } = seeded;
    const issued = byPerson(first);
    expect(issued.get(people.allDaysPassed.id)?.kind).toBe('training');
    expect(issued.get(people.allDaysFailed.id)?.kind).toBe('participation');
    expect(issued.get(people.twoDaysPassed.id)?.kind).toBe('participation');
    expect(issued.get(people.oneDayOnly.id)?.kind).toBe('participation');
    expect(skippedOf(first)).toEqual(
      new Map([
        [people.absent.id, 'did_not_attend'],
        [people.trainer.id, 'not_a_participant'],
      ]),
    );
    expect(first.counts).toEqual({ issued: 4, existing: 0, skipped: 2 });
    expect(first.hidden).toBe(0);
    for (const certificate of first.certificates) {
      expect(certificate.number).toMatch(/^HZ-\d{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      expect(certificate.qr.startsWith(QR_PREFIX)).toBe(true);
      expect(certificate.existing).toBe(false);
    }
    expect(new Set(first.certificates.map((c) => c.number)).size).toBe(4);
    expect(issued.get(people.oneDayOnly.id)?.holderName).toBe('عائشہ فاطمہ');
  });

  it('gives the same certificates again on a second issue, never a second number', async () => {
    const again = await issue(ctx, seeded.event.id);
    expect(again.status).toBe(200);
    expect(again.body.counts).toEqual({ issued: 0, existing: 4, skipped: 2 });
    expect(again.body.certificates.map((c) => [c.personId, c.number, c.qr, c.existing])).toEqual(
      first.certificates.map((c) => [c.personId, c.number, c.qr, true]),
    );
  });

  it('issues for the people named, and reports those it cannot issue for', async () => {
    const { people } = seeded;
    const stranger = await make.person(ctx);
    const answer = await issue(ctx, seeded.event.id, { personIds: [people.allDaysPassed.id, people.absent.id, stranger.id, people.allDaysPassed.id] });
    expect(answer.status).toBe(200);
    expect(answer.body.certificates.map((c) => [c.personId, c.existing])).toEqual([[people.allDaysPassed.id, true]]);
    expect(skippedOf(answer.body)).toEqual(
      new Map([
        [stranger.id, 'not_on_event'],
        [people.absent.id, 'did_not_attend'],
      ]),
    );
  });

  it('follows the settings: participation off, then everything off', async () => {
    const event = await make.event(ctx, { startDate: '2025-04-01', endDate: '2025-04-01' });
    const person = await make.person(ctx);
    await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, attended: true } });
    let settings = await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { participation: false } });
    expect(settings.status, settings.raw).toBe(200);
    expect(settings.body).toMatchObject({ training: true, participation: false, printing: 'en' });
    // A one-day event without a post-test: attended, but no training certificate is earned.
    expect(skippedOf((await issue(ctx, event.id)).body).get(person.id)).toBe('training_not_earned');
    settings = await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { training: false } });
    expect(skippedOf((await issue(ctx, event.id)).body).get(person.id)).toBe('certificates_off');
    settings = await callRoute(ctx, 'updateCertificateSettings', { params: { id: event.id }, body: { participation: true } });
    const issued = await issue(ctx, event.id);
    expect(issued.body.certificates.map((c) => [c.personId, c.kind])).toEqual([[person.id, 'participation']]);
    const history = await callRoute(ctx, 'eventHistory', { params: { id: event.id } });
    const changed = history.body.items.flatMap((entry) => Object.keys(entry.changes)).filter((k) => k.startsWith('certificates.'));
    expect(changed).toEqual(expect.arrayContaining(['certificates.participation', 'certificates.training']));
  });

  it('lets a trainer issue only for events they train; a viewer not at all', async () => {
    expect((await issue(ctx, seeded.event.id, {}, 'trainer')).status).toBe(403);
    expect((await issue(ctx, seeded.event.id, {}, 'viewer')).status).toBe(403);
    const trained = await make.event(ctx, { trainerUserIds: [ctx.users.trainer.id] });
    expect((await issue(ctx, trained.id, {}, 'trainer')).status).toBe(200);
  });

  it('verifies a number publicly: what the certificate says, and nothing else', async () => {
    const training = byPerson(first).get(seeded.people.allDaysPassed.id);
    const response = await ctx.app.inject({ method: 'GET', url: `/api/verify/${training?.number.toLowerCase() ?? ''}` });
    expect(response.statusCode).toBe(200);
    const answer = json<CertificateVerification>(response);
    expect(answer).toEqual({
      valid: true,
      genuine: true,
      revoked: false,
      recorded: true,
      reason: null,
      number: training?.number,
      kind: 'training',
      holder: 'Ayesha Khan',
      event: { title: 'Victim identification workshop', startDate: '2025-03-10', endDate: '2025-03-12' },
      issuedAt: new Date().toISOString().slice(0, 10),
    });
    const unknown = await ctx.app.inject({ method: 'GET', url: '/api/verify/HZ-2026-2222-2222' });
    expect(unknown.statusCode).toBe(404);
    expect(json<ApiError>(unknown).error).toMatchObject({ code: 'not_found', message: 'Certificate not found' });
    const inUrdu = await ctx.app.inject({ method: 'GET', url: '/api/verify/HZ-2026-2222-2222', headers: { 'accept-language': 'ur' } });
    expect(json<ApiError>(inUrdu).error.message).toBe('سرٹیفکیٹ نہیں ملا');
    const malformed = await ctx.app.inject({ method: 'GET', url: '/api/verify/HZ-2026-0000-OOOO' });
    expect(malformed.statusCode).toBe(400);
    // The check is in the audit log by the certificate's id, with no name.
    const checks = await ctx.db
      .selectFrom('audit_log')
      .select(['entity_type', 'action', 'user_id', 'note'])
      .where('entity_type', '=', 'certificate')
      .where('action', '=', 'view')
      .execute();
    expect(checks).toContainEqual({ entity_type: 'certificate', action: 'view', user_id: null, note: 'public verification by number' });
    expect(JSON.stringify(checks)).not.toContain('Ayesha');
  });

  it('verifies the QR text by its signature: genuine as issued, never with any one character changed', async () => {
    const { qr, number } = first.certificates[0] ?? { qr: '', number: '' };
    const genuine = await callRoute(ctx, 'verifyCertificateQr', { body: { qr } });
    expect(genuine.body).toMatchObject({ valid: true, genuine: true, revoked: false, recorded: true, reason: null, number });
    // Every prefix position, the last ten, and every fifth position in between.
    const positions = [...new Set([...Array.from({ length: 6 }, (_, i) => i), ...Array.from({ length: 10 }, (_, i) => qr.length - 1 - i)])];
    for (let at = 6; at < qr.length - 10; at += 5) positions.push(at);
    for (const at of positions) {
      const changed = tamper(qr, at);
      expect(changed).not.toBe(qr);
      const response = await ctx.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { qr: changed } });
      expect(response.statusCode, `position ${at}`).toBe(200);
      const answer = json<CertificateVerification>(response);
      expect({ at, valid: answer.valid, genuine: answer.genuine, holder: answer.holder }).toEqual({ at, valid: false, genuine: false, holder: null });
      expect(answer.reason).not.toBeNull();
    }
    for (const junk of ['', 'hello', `${qr} `, qr.toLowerCase(), qr.slice(0, -1), `${qr}0`, 'HZC1:'.padEnd(4000, '%')]) {
      const response = await ctx.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { qr: junk } });
      expect(response.statusCode).toBe(200);
      expect(json<CertificateVerification>(response).valid).toBe(false);
    }
  });

  it('shows a revoked certificate as revoked, by number and by QR; revoking is final and a new issue gives a new number', async () => {
    const { people } = seeded;
    const target = byPerson(first).get(people.allDaysFailed.id);
    const number = target?.number ?? '';
    const revoked = await callRoute(ctx, 'revokeCertificate', { params: { number }, body: { reason: 'Issued to the wrong person' } });
    expect(revoked.status, revoked.raw).toBe(200);
    expect(revoked.body).toMatchObject({ revoked: true, revokedReason: 'Issued to the wrong person', revokedBy: { id: ctx.users.admin.id } });
    const byNumber = json<CertificateVerification>(await ctx.app.inject({ method: 'GET', url: `/api/verify/${number}` }));
    expect(byNumber).toMatchObject({ valid: false, genuine: true, revoked: true });
    expect(JSON.stringify(byNumber)).not.toContain('wrong person');
    const byQr = await callRoute(ctx, 'verifyCertificateQr', { body: { qr: target?.qr ?? '' } });
    expect(byQr.body).toMatchObject({ valid: false, genuine: true, revoked: true, recorded: true });
    const again = await callRoute(ctx, 'revokeCertificate', { params: { number }, body: { reason: 'Twice' } });
    expect(again.status).toBe(409);
    const reissued = await issue(ctx, seeded.event.id, { personIds: [people.allDaysFailed.id] });
    expect(reissued.body.certificates).toHaveLength(1);
    expect(reissued.body.certificates[0]?.number).not.toBe(number);
    expect(reissued.body.certificates[0]?.existing).toBe(false);
    const listed = await callRoute(ctx, 'listEventCertificates', { params: { id: seeded.event.id } });
    expect(listed.body.items.filter((c) => c.personId === people.allDaysFailed.id).map((c) => c.revoked)).toEqual(expect.arrayContaining([true, false]));
    const history = await callRoute(ctx, 'certificateHistory', { params: { number } });
    expect(history.body.items.map((e) => e.action)).toEqual(['update', 'create']);
    expect(history.body.items[0]?.changes.revokedReason?.to).toBe('Issued to the wrong person');
  });

  it('hands out no PDF and no credential for a revoked certificate: 410 certificate_revoked, in Urdu too', async () => {
    const { people } = seeded;
    const reissued = await issue(ctx, seeded.event.id, { personIds: [people.oneDayOnly.id] });
    const number = reissued.body.certificates[0]?.number ?? '';
    expect((await callRoute(ctx, 'revokeCertificate', { params: { number }, body: { reason: 'Attendance entered by mistake' } })).status).toBe(200);
    for (const url of [`/api/certificates/${number}/pdf`, `/api/certificates/${number}/pdf?lang=ur`, `/api/certificates/${number}/credential`]) {
      const response = await ctx.app.inject({ method: 'GET', url, headers: ctx.as('viewer') });
      expect(response.statusCode, url).toBe(410);
      expect(json<ApiError>(response).error).toMatchObject({
        code: 'certificate_revoked',
        message: 'This certificate was revoked; it is no longer valid and is not handed out',
      });
      expect(response.body).not.toContain('proof');
    }
    const inUrdu = await ctx.app.inject({
      method: 'GET',
      url: `/api/certificates/${number}/credential`,
      headers: { ...ctx.as('viewer'), 'accept-language': 'ur' },
    });
    expect(json<ApiError>(inUrdu).error.message).toBe('یہ سرٹیفکیٹ منسوخ ہو چکا ہے؛ یہ اب درست نہیں اور جاری نہیں کیا جاتا');
    // The record itself is still there to read, marked revoked.
    expect((await callRoute(ctx, 'getCertificate', { params: { number } }, 'viewer')).body).toMatchObject({ number, revoked: true });
  });

  it('draws single PDFs in the worker line the ZIPs use: past the line, 429 with Retry-After; those in line are served', async () => {
    const number = byPerson(first).get(seeded.people.allDaysPassed.id)?.number ?? '';
    const pdf = () => ctx.app.inject({ method: 'GET', url: `/api/certificates/${number}/pdf`, headers: ctx.as('viewer') });
    // Every worker busy with a ZIP nobody reads yet.
    const held = await Promise.all(Array.from({ length: MAX_RENDER_WORKERS }, () => renderZipInWorker([], [])));
    try {
      const waiting = Array.from({ length: RENDER_QUEUE_LENGTH }, () => pdf());
      for (let i = 0; i < 500 && renderLoad().waiting < RENDER_QUEUE_LENGTH; i += 1) await new Promise((r) => setTimeout(r, 10));
      expect(renderLoad()).toEqual({ busy: MAX_RENDER_WORKERS, waiting: RENDER_QUEUE_LENGTH });
      const refused = await pdf();
      expect(refused.statusCode).toBe(429);
      expect(json<ApiError>(refused).error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      for (const stream of held) stream.destroy();
      const served = await Promise.all(waiting);
      expect(served.map((r) => r.statusCode)).toEqual(Array.from({ length: RENDER_QUEUE_LENGTH }, () => 200));
      expect(served.every((r) => r.rawPayload.subarray(0, 5).toString('latin1') === '%PDF-')).toBe(true);
    } finally {
      for (const stream of held) stream.destroy();
    }
    expect(renderLoad()).toEqual({ busy: 0, waiting: 0 });
  });

  it('serves the PDF, whose text holds the holder and the number, in English and in Urdu', async () => {
    const certificate = byPerson(first).get(seeded.people.allDaysPassed.id);
    const response = await ctx.app.inject({ method: 'GET', url: `/api/certificates/${certificate?.number ?? ''}/pdf`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="${certificate?.number}.pdf"`);
    const file = path.join(ctx.dataDir, 'certificate.pdf');
    fs.writeFileSync(file, response.rawPayload);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ayesha Khan');
    expect(text).toContain(certificate?.number);
    expect(text).toContain(`localhost:80/verify/${certificate?.number}`);
    const urdu = await ctx.app.inject({ method: 'GET', url: `/api/certificates/${certificate?.number ?? ''}/pdf?lang=ur`, headers: ctx.as('viewer') });
    expect(urdu.statusCode).toBe(200);
    expect(urdu.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(urdu.rawPayload.equals(response.rawPayload)).toBe(false);
  });

  it('streams a ZIP of every valid certificate, drawn in a worker', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/api/events/${seeded.event.id}/certificates.zip?lang=both`, headers: ctx.as('viewer') });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const names: string[] = [];
    const verdict = await inspectZip(response.rawPayload, {
      maxEntries: 100,
      maxInflatedBytes: 50_000_000,
      onChunk: (name) => {
        if (!names.includes(name)) names.push(name);
        return true;
      },
    });
    expect(verdict.ok).toBe(true);
    const valid = (await callRoute(ctx, 'listEventCertificates', { params: { id: seeded.event.id } })).body.items.filter((c) => !c.revoked);
    expect(names.sort()).toEqual(valid.flatMap((c) => [`${c.number}-en.pdf`, `${c.number}-ur.pdf`]).sort());
  });

  it('gives the Open Badge credential, which verifies against the published keyring', async () => {
    const certificate = byPerson(first).get(seeded.people.allDaysPassed.id);
    const response = await ctx.app.inject({ method: 'GET', url: `/api/certificates/${certificate?.number ?? ''}/credential`, headers: ctx.as('viewer') });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/vc');
    const keys = await ctx.app.inject({ method: 'GET', url: '/api/certificates/keys' });
    expect(keys.statusCode).toBe(200);
    const verdict = verifyOpenBadge(response.body, parsePublicKeys(keys.body));
    expect(verdict.valid).toBe(true);
    if (verdict.valid) expect(verdict.summary).toMatchObject({ holderName: 'Ayesha Khan', eventTitle: 'Victim identification workshop' });
  });

  it('answers 404 to users of other countries, as for an unknown event or number', async () => {
    const afghan = await make.user(ctx, { role: 'programme_manager', countries: ['AF'], email: `af-${engine}@test.example` });
    const cookie = await signIn(ctx.app, afghan.email, TEST_PASSWORD);
    const number = first.certificates[0]?.number ?? '';
    for (const [method, url] of [
      ['GET', `/api/events/${seeded.event.id}/certificates`],
      ['POST', `/api/events/${seeded.event.id}/certificates/issue`],
      ['GET', `/api/events/${seeded.event.id}/certificates/settings`],
      ['GET', `/api/events/${seeded.event.id}/certificates.zip`],
      ['GET', `/api/certificates/${number}`],
      ['GET', `/api/certificates/${number}/pdf`],
      ['GET', `/api/certificates/${number}/credential`],
      ['GET', `/api/certificates/${number}/history`],
      ['POST', `/api/certificates/${number}/revoke`],
    ] as const) {
      const response = await ctx.app.inject({ method, url, headers: { cookie }, ...(method === 'POST' ? { payload: { reason: 'x' } } : {}) });
      expect(response.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('leaves out, and only counts, holders of countries the user does not work in', async () => {
    const limited = await make.user(ctx, { role: 'programme_manager', countries: ['PK'], email: `pk-${engine}@test.example` });
    const cookie = await signIn(ctx.app, limited.email, TEST_PASSWORD);
    const event = await make.event(ctx, { startDate: '2025-05-01', endDate: '2025-05-01' });
    const visitor = await make.person(ctx, { countryCode: 'AF', fullName: 'Visiting Officer' });
    const local = await make.person(ctx);
    for (const person of [visitor, local]) await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, attended: true } });
    const limitedIssue = await ctx.app.inject({ method: 'POST', url: `/api/events/${event.id}/certificates/issue`, headers: { cookie }, payload: {} });
    const result = json<IssueCertificatesResult>(limitedIssue);
    expect(result.certificates.map((c) => c.personId)).toEqual([local.id]);
    expect(result.hidden).toBe(1);
    expect(JSON.stringify(result)).not.toContain('Visiting Officer');
    await issue(ctx, event.id);
    const listed = json<{ items: Array<{ holderName: string }>; hidden: number }>(
      await ctx.app.inject({ method: 'GET', url: `/api/events/${event.id}/certificates`, headers: { cookie } }),
    );
    expect(listed.hidden).toBe(1);
    expect(listed.items.map((c) => c.holderName)).toEqual([local.fullName]);
  });

  it('refuses public checks past the limit per address with 429', async () => {
    const remoteAddress = `198.51.100.${engine === 'sqlite' ? 7 : 8}`;
    let last = 0;
    for (let i = 0; i < 301; i += 1) {
      last = (await ctx.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { qr: 'HZC1:00' }, remoteAddress })).statusCode;
    }
    expect(last).toBe(429);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/certificates/verify', payload: { qr: 'HZC1:00' } })).statusCode).toBe(200);
  });

  // PostgreSQL runs the issues side by side (SQLite one after the other): the unique index decides.
  it('gives one number per person and kind when issues run at the same moment', async () => {
    const event = await make.event(ctx, { startDate: '2025-06-01', endDate: '2025-06-01' });
    const people = await Promise.all(Array.from({ length: 12 }, () => make.person(ctx)));
    for (const person of people) await callRoute(ctx, 'addParticipant', { params: { id: event.id }, body: { personId: person.id, attended: true } });
    const answers = await Promise.all(Array.from({ length: 6 }, () => issue(ctx, event.id)));
    for (const answer of answers) expect(answer.status, answer.raw).toBe(200);
    const numbersOf = (answer: (typeof answers)[number]) => answer.body.certificates.map((c) => `${c.personId}:${c.number}`).sort();
    for (const answer of answers) expect(numbersOf(answer)).toEqual(numbersOf(answers[0] as (typeof answers)[number]));
    const rows = await ctx.db.selectFrom('certificates').select('number').where('event_id', '=', event.id).execute();
    expect(rows).toHaveLength(12);
    expect(answers.reduce((sum, a) => sum + a.body.counts.issued, 0)).toBe(12);
  });
});
