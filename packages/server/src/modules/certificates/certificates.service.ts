import {
  CERTIFICATE_NUMBER_ALPHABET,
  MAX_CERTIFICATE_LOGOS,
  type Certificate,
  type CertificateKind,
  type CertificateLanguage,
  type CertificateList,
  type CertificateLogo,
  type CertificatePrinting,
  type CertificateSettings,
  type HistoryEntry,
  type IssueCertificatesBody,
  type IssueCertificatesResult,
  type IssuedCertificate,
  type UpdateCertificateSettingsBody,
} from '@hifazat/contract';
import { randomInt } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.js';
import { fromJson, toBoolean } from '../../db/dialect.js';
import { AppError, conflict, databaseRefusal, forbidden, invalid, notFound, ruleViolation } from '../../http/errors.js';
import { managesAllEvents, seesCountry, type Actor } from '../../http/permissions.js';
import { newId, nowIso } from '../../shared/ids.js';
import { testResultsForEvent } from '../assessments/index.js';
import { diff, listHistory, presentHistory, recordAudit, recordAuditMany } from '../audit/index.js';
import { eventDays, getEditableEventRow, getVisibleEventRow, type EventDeletionStep } from '../events/index.js';
import { loadKeyring } from './certificate.keys.js';
import { issueOpenBadge, type SignedOpenBadgeCredential } from './certificate.open-badge.js';
import { CERTIFICATE_TEXT_LIMITS, CertificateClaimsError, encodeCertificateQr, type CertificateClaims } from './certificate.payload.js';
import { deleteLogo, drawable, imageTypeOf, readLogo, writeLogo, type LogoType } from './certificates.files.js';
import { renderPdfInWorker, renderZipInWorker, type RenderInput } from './certificates.render.js';
import * as repo from './certificates.repository.js';
import { decideCertificate, type Decision } from './certificates.rules.js';

/** Where the certificates module keeps its files, and the address printed on certificates. */
export type CertificateSite = {
  /** The data folder: the signing key (certificate-keys/) and logos (certificate-logos/). */
  dataDir: string;
  /** The installation's public address: certificates say "Verify at <verifyBase>/verify/<number>". */
  verifyBase: string;
};

type EventRow = Awaited<ReturnType<typeof getVisibleEventRow>>;

// Settings

const DEFAULTS = { training: true, participation: true, printing: 'en' as CertificatePrinting };

type Settings = { training: boolean; participation: boolean; printing: CertificatePrinting; programmeName: string | null; logos: CertificateLogo[] };

function settingsOf(row: repo.SettingsRow | undefined): Settings {
  if (!row) return { ...DEFAULTS, programmeName: null, logos: [] };
  return {
    training: toBoolean(row.training),
    participation: toBoolean(row.participation),
    printing: row.printing,
    programmeName: row.programme_name,
    logos: fromJson<CertificateLogo[]>(row.logos, []),
  };
}

function presentSettings(event: EventRow, row: repo.SettingsRow | undefined): CertificateSettings {
  return { eventId: event.id, ...settingsOf(row), defaultProgrammeName: event.programme_name, updatedAt: row?.updated_at ?? null };
}

/** What the event's history records of its certificate settings (the logos by id). */
const settingsHistoryView = (s: Settings) => ({
  'certificates.training': s.training,
  'certificates.participation': s.participation,
  'certificates.printing': s.printing,
  'certificates.programmeName': s.programmeName,
  'certificates.logoIds': s.logos.map((l) => l.id),
});

export async function getSettings(db: Db, actor: Actor, eventId: string): Promise<CertificateSettings> {
  const event = await getVisibleEventRow(db, actor, eventId);
  return presentSettings(event, await repo.findSettings(db, eventId));
}

async function saveSettings(trx: Db, actor: Actor, event: EventRow, before: repo.SettingsRow | undefined, next: Settings): Promise<CertificateSettings> {
  const now = nowIso();
  await repo.saveSettings(trx, {
    event_id: event.id,
    training: next.training,
    participation: next.participation,
    printing: next.printing,
    programme_name: next.programmeName,
    logos: next.logos,
    updated_by: actor.id,
    updated_at: now,
  });
  await recordAudit(trx, {
    entityType: 'event',
    entityId: event.id,
    action: 'update',
    userId: actor.id,
    changes: diff(settingsHistoryView(settingsOf(before)), settingsHistoryView(next)),
  });
  return presentSettings(event, await repo.findSettings(trx, event.id));
}

export async function updateSettings(
  db: Db,
  site: CertificateSite,
  actor: Actor,
  eventId: string,
  body: UpdateCertificateSettingsBody,
): Promise<CertificateSettings> {
  const { settings, dropped } = await db.transaction().execute(async (trx) => {
    const event = await getEditableEventRow(trx, actor, eventId);
    const row = await repo.findSettings(trx, eventId);
    const current = settingsOf(row);
    let logos = current.logos;
    if (body.logoIds !== undefined) {
      const known = new Map(current.logos.map((l) => [l.id, l]));
      const problems = body.logoIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `logoIds.${i}`, message: 'Not a logo of this event' }]));
      if (new Set(body.logoIds).size !== body.logoIds.length) problems.push({ path: 'logoIds', message: 'A logo named twice' });
      if (problems.length > 0) throw invalid('Unknown logo', problems);
      logos = body.logoIds.map((id) => known.get(id) as CertificateLogo);
    }
    const next: Settings = {
      training: body.training ?? current.training,
      participation: body.participation ?? current.participation,
      printing: body.printing ?? current.printing,
      programmeName: body.programmeName !== undefined ? body.programmeName : current.programmeName,
      logos,
    };
    const saved = await saveSettings(trx, actor, event, row, next);
    return { settings: saved, dropped: current.logos.filter((l) => !logos.some((kept) => kept.id === l.id)) };
  });
  // After the commit: a rolled-back change keeps its files.
  for (const logo of dropped) deleteLogo(site.dataDir, logo.id, logo.contentType);
  return settings;
}

/**
 * The certificates' part in deleting an event (given to the events module by app.ts): the event's
 * settings are deleted in the same transaction (the foreign key would cascade; deleting them first
 * also makes a logo upload to this event at the same moment wait, then fail and remove its own
 * file), and once the deletion is committed their logo files leave the data folder.
 */
export const eventLogoCleanup =
  (dataDir: string): EventDeletionStep =>
  async (trx, eventId) => {
    const logos = settingsOf(await repo.deleteSettings(trx, eventId)).logos;
    return () => {
      for (const logo of logos) deleteLogo(dataDir, logo.id, logo.contentType);
    };
  };

export async function addLogo(db: Db, site: CertificateSite, actor: Actor, eventId: string, bytes: Buffer): Promise<CertificateSettings> {
  // Checked before anything is written: the event and the room for another logo, then the file itself.
  await getEditableEventRow(db, actor, eventId);
  const type = imageTypeOf(bytes);
  if (!type) throw new AppError('unsupported_media_type', 'A logo must be a PNG or JPEG image');
  if (!(await drawable(bytes))) throw new AppError('unsupported_media_type', 'This image cannot be read; save it again as PNG or JPEG');
  const logo: CertificateLogo = { id: newId(), contentType: type, bytes: bytes.length };
  writeLogo(site.dataDir, logo.id, type, bytes);
  try {
    return await db.transaction().execute(async (trx) => {
      const event = await getEditableEventRow(trx, actor, eventId);
      const row = await repo.findSettings(trx, eventId);
      const current = settingsOf(row);
      if (current.logos.length >= MAX_CERTIFICATE_LOGOS) {
        throw ruleViolation(`A certificate shows at most ${MAX_CERTIFICATE_LOGOS} logos; remove one first`, [{ path: 'file', message: 'Too many logos' }]);
      }
      return saveSettings(trx, actor, event, row, { ...current, logos: [...current.logos, logo] });
    });
  } catch (error) {
    deleteLogo(site.dataDir, logo.id, type);
    throw error;
  }
}

export async function logoImage(
  db: Db,
  site: CertificateSite,
  actor: Actor,
  eventId: string,
  logoId: string,
): Promise<{ bytes: Buffer; contentType: LogoType }> {
  await getVisibleEventRow(db, actor, eventId);
  const logo = settingsOf(await repo.findSettings(db, eventId)).logos.find((l) => l.id === logoId);
  const bytes = logo ? readLogo(site.dataDir, logo.id, logo.contentType) : null;
  if (!logo || !bytes) throw notFound('Logo');
  return { bytes, contentType: logo.contentType };
}

function logosOf(site: CertificateSite, settings: Settings): Buffer[] {
  // A logo whose file is missing (a data folder restored without it) is left off, not an error.
  return settings.logos.flatMap((l) => readLogo(site.dataDir, l.id, l.contentType) ?? []);
}

// Issuing

/** A new number: HZ-<year>-XXXX-XXXX from the unambiguous alphabet, drawn with the system's secure random. */
export function newCertificateNumber(year: number): string {
  const draw = () => Array.from({ length: 4 }, () => CERTIFICATE_NUMBER_ALPHABET[randomInt(CERTIFICATE_NUMBER_ALPHABET.length)]).join('');
  return `HZ-${year}-${draw()}-${draw()}`;
}

const RANK: Record<CertificateKind, number> = { participation: 1, training: 2 };

type Target = { person: repo.PersonOnEvent; decision: Decision };

/** `count` numbers no certificate has: a collision is as likely as guessing a number (1 in 8.5 × 10¹¹), and drawn again. */
async function freeNumbers(db: Db, count: number, year: number): Promise<string[]> {
  for (;;) {
    const numbers = Array.from({ length: count }, () => newCertificateNumber(year));
    if (new Set(numbers).size !== numbers.length) continue;
    const taken = await repo.takenNumbers(db, numbers);
    if (taken.size === 0) return numbers;
  }
}

/** What a certificate's history records when it is issued (ids, never the holder's name). */
const issueHistoryView = (row: repo.CertificateRow, personId: string) => ({
  number: row.number,
  kind: row.kind,
  eventId: row.event_id,
  personId,
  printing: row.printing,
  keyId: row.key_id,
});

async function issueOnce(trx: Db, site: CertificateSite, actor: Actor, eventId: string, body: IssueCertificatesBody): Promise<IssueCertificatesResult> {
  const event = await getEditableEventRow(trx, actor, eventId);
  if (Buffer.byteLength(event.title, 'utf8') > CERTIFICATE_TEXT_LIMITS.eventTitle) {
    throw ruleViolation(`The event's title is too long for a certificate (at most ${CERTIFICATE_TEXT_LIMITS.eventTitle} bytes); shorten it first`, [
      { path: 'title', message: 'Too long for a certificate' },
    ]);
  }
  const settings = settingsOf(await repo.findSettings(trx, eventId));
  const [people, withRegister, results] = await Promise.all([
    repo.peopleOnEvent(trx, eventId),
    repo.peopleWithDayRegister(trx, eventId),
    testResultsForEvent(trx, eventId),
  ]);
  const passed = new Map(results.filter((r) => r.kind === 'post').map((r) => [r.personId, r.passed]));
  const days = eventDays(event.start_date, event.end_date).length;
  const visible = people.filter((p) => seesCountry(actor, p.country_code));
  const byPerson = new Map(visible.map((p) => [p.person_id, p]));

  const skipped: IssueCertificatesResult['skipped'] = [];
  const targets: Target[] = [];
  const decide = (person: repo.PersonOnEvent): Decision => {
    const decision = decideCertificate(settings, {
      role: person.role,
      attended: toBoolean(person.attended),
      daysPresent: Number(person.days_present),
      hasDayRegister: withRegister.has(person.person_id),
      eventDays: days,
      passedPostTest: passed.get(person.person_id) ?? null,
    });
    const name = Buffer.byteLength(person.full_name, 'utf8');
    if ('kind' in decision && (name === 0 || name > CERTIFICATE_TEXT_LIMITS.holderName)) return { skip: 'name_too_long' };
    return decision;
  };
  if (body.personIds) {
    for (const personId of new Set(body.personIds)) {
      const person = byPerson.get(personId);
      if (!person) skipped.push({ personId, reason: 'not_on_event' });
      else targets.push({ person, decision: decide(person) });
    }
  } else {
    for (const person of visible) targets.push({ person, decision: decide(person) });
  }

  const existing = await repo.validCertificatesOf(
    trx,
    targets.map((t) => t.person.participation_id),
  );
  const held = new Map<string, repo.CertificateRow[]>();
  for (const row of existing) if (row.participation_id) held.set(row.participation_id, [...(held.get(row.participation_id) ?? []), row]);

  const now = new Date();
  const issuedAt = now.toISOString();
  const issuedOn = issuedAt.slice(0, 10);
  const keys = loadKeyring(site.dataDir);
  const fresh: Array<{ row: repo.CertificateRow; personId: string }> = [];
  // In the order of the list; a place is kept for each certificate still to be signed.
  const answer: Array<IssuedCertificate | null> = [];
  const toSign: Array<{ person: repo.PersonOnEvent; kind: CertificateKind; at: number }> = [];
  for (const { person, decision } of targets) {
    if (!('kind' in decision)) {
      skipped.push({ personId: person.person_id, reason: decision.skip });
      continue;
    }
    // One of the same kind, or a better one, already held: that one again (the best, if several).
    const best = (held.get(person.participation_id) ?? [])
      .filter((row) => RANK[row.kind] >= RANK[decision.kind])
      .sort((a, b) => RANK[b.kind] - RANK[a.kind])[0];
    if (best) answer.push({ number: best.number, personId: person.person_id, kind: best.kind, qr: best.qr_text, holderName: best.holder_name, existing: true });
    else toSign.push({ person, kind: decision.kind, at: answer.push(null) - 1 });
  }
  const numbers = await freeNumbers(trx, toSign.length, now.getUTCFullYear());
  toSign.forEach(({ person, kind, at }, i) => {
    const claims: CertificateClaims = {
      number: numbers[i] as string,
      holderName: person.full_name,
      eventTitle: event.title,
      startDate: event.start_date,
      endDate: event.end_date,
      issuedOn,
      kind,
    };
    let qr: string;
    try {
      qr = encodeCertificateQr(claims, keys.signing);
    } catch (error) {
      if (error instanceof CertificateClaimsError) throw ruleViolation(`A certificate cannot be made: ${error.message}`);
      throw error;
    }
    const row: repo.CertificateRow = {
      id: newId(),
      number: claims.number,
      event_id: event.id,
      participation_id: person.participation_id,
      country_code: event.country_code,
      holder_country_code: person.country_code,
      kind,
      holder_name: claims.holderName,
      event_title: claims.eventTitle,
      start_date: claims.startDate,
      end_date: claims.endDate,
      issued_on: issuedOn,
      programme_name: settings.programmeName ?? event.programme_name,
      printing: settings.printing,
      issued_at: issuedAt,
      issued_by: actor.id,
      key_id: keys.signing.id,
      qr_text: qr,
      revoked_at: null,
      revoked_by: null,
      revoked_reason: null,
    };
    fresh.push({ row, personId: person.person_id });
    answer[at] = { number: row.number, personId: person.person_id, kind, qr, holderName: row.holder_name, existing: false };
  });
  await repo.insertCertificates(
    trx,
    fresh.map((f) => f.row),
  );
  await recordAuditMany(
    trx,
    fresh.map(({ row, personId }) => ({
      entityType: 'certificate',
      entityId: row.id,
      action: 'create',
      userId: actor.id,
      changes: diff(null, issueHistoryView(row, personId)),
    })),
  );
  const certificates = answer.filter((a): a is IssuedCertificate => a !== null);
  return {
    certificates,
    skipped,
    hidden: body.personIds ? 0 : people.length - visible.length,
    counts: { issued: fresh.length, existing: certificates.length - fresh.length, skipped: skipped.length },
  };
}

/** Tries when two issues for the same people meet: the second, run again, finds the first's certificates. */
const ISSUE_TRIES = 3;

/**
 * Issues the certificates people earn (all of them, or those named), in one transaction. Two issues
 * at the same moment cannot give one person two numbers: the unique index of valid certificates per
 * person and kind refuses the second insert, and that issue runs again and finds the first's.
 */
export async function issueCertificates(
  db: Db,
  site: CertificateSite,
  actor: Actor,
  eventId: string,
  body: IssueCertificatesBody,
): Promise<IssueCertificatesResult> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().execute((trx) => issueOnce(trx, site, actor, eventId, body));
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
      if (attempt >= ISSUE_TRIES || databaseRefusal(code) !== 'conflict') throw error;
    }
  }
}

// Reading

/** Whether the actor sees the certificate: of an event in their countries, held by someone of their countries. */
const seesCertificate = (actor: Actor, row: repo.CertificateRow) => seesCountry(actor, row.country_code) && seesCountry(actor, row.holder_country_code);

function presentCertificate(row: repo.CertificateWithNames): Certificate {
  return {
    number: row.number,
    eventId: row.event_id,
    personId: row.person_id,
    kind: row.kind,
    holderName: row.holder_name,
    event: { title: row.event_title, startDate: row.start_date, endDate: row.end_date },
    printing: row.printing,
    issuedOn: row.issued_on,
    issuedAt: row.issued_at,
    issuedBy: row.issued_by && row.issued_by_name !== null ? { id: row.issued_by, name: row.issued_by_name } : null,
    keyId: row.key_id,
    qr: row.qr_text,
    revoked: row.revoked_at !== null,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by && row.revoked_by_name !== null ? { id: row.revoked_by, name: row.revoked_by_name } : null,
    revokedReason: row.revoked_reason,
  };
}

/** The certificate, when the actor may see it; another country's answers 404, as an unknown number does. */
async function visibleCertificate(db: Db, actor: Actor, number: string): Promise<repo.CertificateWithNames> {
  const row = await repo.findCertificate(db, number);
  if (!row || !seesCertificate(actor, row)) throw notFound('Certificate');
  return row;
}

export async function listEventCertificates(db: Db, actor: Actor, eventId: string): Promise<CertificateList> {
  await getVisibleEventRow(db, actor, eventId);
  const rows = await repo.certificatesOfEvent(db, eventId);
  const visible = rows.filter((r) => seesCertificate(actor, r));
  return { items: visible.map(presentCertificate), hidden: rows.length - visible.length };
}

export async function getCertificate(db: Db, actor: Actor, number: string): Promise<Certificate> {
  return presentCertificate(await visibleCertificate(db, actor, number));
}

export async function certificateHistory(db: Db, actor: Actor, number: string): Promise<HistoryEntry[]> {
  const row = await visibleCertificate(db, actor, number);
  return presentHistory(db, actor, await listHistory(db, 'certificate', row.id));
}

/** The claims a certificate was signed with, from what was stored when it was issued. */
const claimsOf = (row: repo.CertificateRow): CertificateClaims => ({
  number: row.number,
  holderName: row.holder_name,
  eventTitle: row.event_title,
  startDate: row.start_date,
  endDate: row.end_date,
  issuedOn: row.issued_on,
  kind: row.kind,
});

/** The language of one PDF: the one asked for, else the event's printing (both: the reader's language). */
const languageOf = (printing: CertificatePrinting, asked: CertificateLanguage | undefined, reader: CertificateLanguage): CertificateLanguage =>
  asked ?? (printing === 'both' ? reader : printing);

async function currentLogos(db: Db, site: CertificateSite, eventId: string | null): Promise<Buffer[]> {
  return eventId ? logosOf(site, settingsOf(await repo.findSettings(db, eventId))) : [];
}

const renderInput = (row: repo.CertificateRow, language: CertificateLanguage, site: CertificateSite): RenderInput => ({
  language,
  claims: claimsOf(row),
  programme: row.programme_name,
  verifyUrl: site.verifyBase,
  qrText: row.qr_text,
});

/** A revoked certificate is not handed out again, neither as a PDF nor as a credential (410). */
function assertNotRevoked(row: repo.CertificateRow): void {
  if (row.revoked_at !== null) throw new AppError('certificate_revoked', 'This certificate was revoked; it is no longer valid and is not handed out');
}

/**
 * One certificate as a PDF, drawn from what was issued (name, event, dates, programme) with the
 * event's logos as they are now. Drawn in a worker, in the same line as the ZIPs (429 when full).
 */
export async function certificatePdf(
  db: Db,
  site: CertificateSite,
  actor: Actor,
  number: string,
  asked: CertificateLanguage | undefined,
  reader: CertificateLanguage,
): Promise<Buffer> {
  const row = await visibleCertificate(db, actor, number);
  assertNotRevoked(row);
  const logos = await currentLogos(db, site, row.event_id);
  return renderPdfInWorker(renderInput(row, languageOf(row.printing, asked, reader), site), logos);
}

/** The certificate as an Open Badges 3.0 credential, signed now with the current key. */
export async function certificateCredential(db: Db, site: CertificateSite, actor: Actor, number: string): Promise<SignedOpenBadgeCredential> {
  const row = await visibleCertificate(db, actor, number);
  assertNotRevoked(row);
  const keys = loadKeyring(site.dataDir);
  return issueOpenBadge({ claims: claimsOf(row), programme: row.programme_name, verifyUrl: site.verifyBase, issuedAt: row.issued_at }, keys.signing);
}

/** Every valid certificate of the event the actor may see, as a ZIP of PDFs streamed as they are drawn (in a worker). */
export async function eventCertificatesZip(
  db: Db,
  site: CertificateSite,
  actor: Actor,
  eventId: string,
  asked: CertificatePrinting | undefined,
): Promise<{ stream: Readable; count: number }> {
  await getVisibleEventRow(db, actor, eventId);
  const settings = settingsOf(await repo.findSettings(db, eventId));
  const rows = (await repo.certificatesOfEvent(db, eventId)).filter((r) => r.revoked_at === null && seesCertificate(actor, r));
  const printing = asked ?? settings.printing;
  const languages: CertificateLanguage[] = printing === 'both' ? ['en', 'ur'] : [printing];
  const inputs = rows.flatMap((row) => languages.map((language) => ({ ...renderInput(row, language, site), number: row.number })));
  const stream = await renderZipInWorker(inputs, logosOf(site, settings), {
    fileName: (input) => (languages.length > 1 ? `${input.number}-${input.language}` : input.number),
  });
  return { stream, count: rows.length };
}

// Revoking

export async function revokeCertificate(db: Db, actor: Actor, number: string, reason: string): Promise<Certificate> {
  return db.transaction().execute(async (trx) => {
    const row = await visibleCertificate(trx, actor, number);
    if (row.event_id) await getEditableEventRow(trx, actor, row.event_id);
    else if (!managesAllEvents(actor)) throw forbidden('Only programme managers may revoke a certificate whose event was deleted');
    const revokedAt = nowIso();
    if (!(await repo.revokeCertificate(trx, row.id, { revoked_at: revokedAt, revoked_by: actor.id, revoked_reason: reason }))) {
      throw conflict('This certificate is revoked already');
    }
    await recordAudit(trx, {
      entityType: 'certificate',
      entityId: row.id,
      action: 'update',
      userId: actor.id,
      changes: { revokedAt: { from: null, to: revokedAt }, revokedReason: { from: null, to: reason } },
    });
    return presentCertificate(await visibleCertificate(trx, actor, number));
  });
}
