import type { CertificateVerification, PublishedKeyringDocument } from '@hifazat/contract';
import type { Db } from '../../db/database.js';
import { notFound } from '../../http/errors.js';
import { countRequest, type AddressLimit } from '../address-limits/index.js';
import { recordAccess } from '../audit/index.js';
import { loadVerifyingKeys, publicKeys } from './certificate.keys.js';
import { verifyCertificateQr } from './certificate.payload.js';
import * as repo from './certificates.repository.js';

/**
 * What anyone may ask without an account: whether a certificate is genuine (by its number or by its
 * QR text) and the keys to check certificates offline. Each answer says what the certificate itself
 * says and nothing more; the issuing staff, the person's id and the reason for a revocation stay in.
 */

/**
 * Checks per network address. An office checking a pile of certificates stays well inside it; someone
 * guessing numbers needs about 8.5 × 10¹¹ / (issued certificates) guesses per hit, at 300 every
 * 10 minutes.
 */
export const VERIFY_LIMIT: AddressLimit = {
  name: 'certificate-verify',
  limit: 300,
  windowSeconds: 600,
  message: 'Too many certificate checks from this network address; wait a few minutes and try again',
};
/** The keyring is the same for everyone and seldom changes: a verifier app fetches it once in a while. */
export const KEYS_LIMIT: AddressLimit = {
  name: 'certificate-keys',
  limit: 120,
  windowSeconds: 600,
  message: 'Too many requests for the certificate keys from this network address; wait a few minutes',
};

const notGenuine = (reason: NonNullable<CertificateVerification['reason']>): CertificateVerification => ({
  valid: false,
  genuine: false,
  revoked: false,
  recorded: false,
  reason,
  number: null,
  kind: null,
  holder: null,
  event: null,
  issuedAt: null,
});

/**
 * A check of a certificate this installation holds is written to the audit log as a read of it:
 * its id only, no name, no network address (how often a certificate was checked, not by whom).
 */
async function recordCheck(db: Db, certificateId: string, how: 'number' | 'qr'): Promise<void> {
  await recordAccess(db, { entityType: 'certificate', entityId: certificateId, action: 'view', userId: null, note: `public verification by ${how}` });
}

export async function verifyByNumber(db: Db, number: string, address: string): Promise<CertificateVerification> {
  await countRequest(db, VERIFY_LIMIT, address);
  const row = await repo.findCertificate(db, number);
  if (!row) throw notFound('Certificate');
  await recordCheck(db, row.id, 'number');
  const revoked = row.revoked_at !== null;
  return {
    valid: !revoked,
    genuine: true,
    revoked,
    recorded: true,
    reason: null,
    number: row.number,
    kind: row.kind,
    holder: row.holder_name,
    event: { title: row.event_title, startDate: row.start_date, endDate: row.end_date },
    issuedAt: row.issued_on,
  };
}

/**
 * Decided by the signature alone, against every key this installation ever signed with; then, for a
 * genuine text, whether its number was revoked here. Anything else (a changed character, another
 * issuer's key, not a certificate) is "not genuine" with the reason, never an error.
 */
export async function verifyByQr(db: Db, dataDir: string, qr: string, address: string): Promise<CertificateVerification> {
  await countRequest(db, VERIFY_LIMIT, address);
  const verdict = verifyCertificateQr(qr, loadVerifyingKeys(dataDir));
  if (!verdict.valid) return notGenuine(verdict.reason);
  const { claims } = verdict;
  const row = await repo.findCertificate(db, claims.number);
  // The number is the record's only if the record holds this very text (a text signed elsewhere with the same number is not it).
  const recorded = row !== undefined && row.qr_text === qr;
  if (row && recorded) await recordCheck(db, row.id, 'qr');
  const revoked = recorded && row.revoked_at !== null;
  return {
    valid: !revoked,
    genuine: true,
    revoked,
    recorded,
    reason: null,
    number: claims.number,
    kind: claims.kind,
    holder: claims.holderName,
    event: { title: claims.eventTitle, startDate: claims.startDate, endDate: claims.endDate },
    issuedAt: claims.issuedOn,
  };
}

/** Every public key this installation signed certificates with (nothing is created: empty before the first certificate). */
export async function publishedKeys(db: Db, dataDir: string, address: string): Promise<PublishedKeyringDocument> {
  await countRequest(db, KEYS_LIMIT, address);
  return publicKeys(loadVerifyingKeys(dataDir));
}
