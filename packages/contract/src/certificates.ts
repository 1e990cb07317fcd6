import { z } from 'zod';
import { zId, zIsoDate, zOptionalText, zText, zTimestamp } from './common.js';
import {
  certificateKinds,
  certificateLanguages,
  certificateLogoTypes,
  certificatePrintings,
  certificateSkipReasons,
  MAX_CERTIFICATE_LOGOS,
} from './vocabulary.js';
export {
  certificateKinds,
  certificateLanguages,
  certificateLogoTypes,
  certificatePrintings,
  certificateSkipReasons,
  MAX_CERTIFICATE_LOGO_BYTES,
  MAX_CERTIFICATE_LOGOS,
} from './vocabulary.js';

/**
 * Learning evidence, certificates: who earns which certificate at an event (its settings), issuing,
 * revoking, the PDF, the Open Badges 3.0 credential, and verification by anyone — by the number
 * printed on the certificate, or by the text of its QR code (docs/certificates.md).
 */

export const zCertificateKind = z.enum(certificateKinds);
export type CertificateKind = z.infer<typeof zCertificateKind>;

export const zCertificateLanguage = z.enum(certificateLanguages);
export type CertificateLanguage = z.infer<typeof zCertificateLanguage>;
export const zCertificatePrinting = z.enum(certificatePrintings);
export type CertificatePrinting = z.infer<typeof zCertificatePrinting>;

/**
 * Certificate numbers: `HZ-<year issued>-XXXX-XXXX`, the X drawn from letters and digits that
 * cannot be mistaken for one another when read off paper (no 0/O, 1/I/L): 31⁸ ≈ 8.5 × 10¹¹ numbers a
 * year, so that guessing a valid number through the public verify page is hopeless at its rate limit.
 */
export const CERTIFICATE_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CERTIFICATE_NUMBER_PATTERN = /^HZ-\d{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/;
/** A number as a person types it: upper or lower case, spaces around it; stored and compared upper case. */
export const zCertificateNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(CERTIFICATE_NUMBER_PATTERN, 'Not a certificate number (HZ-2026-XXXX-XXXX)')
  .meta({ description: 'A certificate number, HZ-<year>-XXXX-XXXX (case does not matter)', example: 'HZ-2026-7KQ3-M9TX' });
export const zCertificateNumberParams = z.object({ number: zCertificateNumber });
export const zCertificateLogoParams = z.object({ id: zId, logoId: zId });

export const zCertificateLogo = z.object({ id: zId, contentType: z.enum(certificateLogoTypes), bytes: z.number().int() });
export type CertificateLogo = z.infer<typeof zCertificateLogo>;

export const zCertificateSettings = z.object({
  eventId: zId,
  /** Attended every day of the event and passed its post-test at the test's pass mark. */
  training: z.boolean(),
  /** Attended the event (at least one day). */
  participation: z.boolean(),
  printing: zCertificatePrinting,
  /** The programme's name as printed; null: the event's programme's own name (`defaultProgrammeName`). */
  programmeName: z.string().nullable(),
  defaultProgrammeName: z.string(),
  logos: z.array(zCertificateLogo),
  /** Null while the event has the default settings. */
  updatedAt: zTimestamp.nullable(),
});
export type CertificateSettings = z.infer<typeof zCertificateSettings>;

export const zUpdateCertificateSettingsBody = z
  .object({
    training: z.boolean(),
    participation: z.boolean(),
    printing: zCertificatePrinting,
    programmeName: zOptionalText(200),
    /** The logos to keep, in the order they are shown: uploaded ones left out are deleted. */
    logoIds: z.array(zId).max(MAX_CERTIFICATE_LOGOS),
  })
  .partial();
export type UpdateCertificateSettingsBody = z.infer<typeof zUpdateCertificateSettingsBody>;

/** Most people named in one issue request (an event's list is far shorter). */
export const MAX_ISSUE_PEOPLE = 5000;
export const zIssueCertificatesBody = z.object({
  /** The people to issue for; without it, everyone on the event's list who earns a certificate. */
  personIds: z.array(zId).min(1).max(MAX_ISSUE_PEOPLE).optional(),
});
export type IssueCertificatesBody = z.infer<typeof zIssueCertificatesBody>;

export const zIssuedCertificate = z.object({
  number: z.string(),
  personId: zId,
  kind: zCertificateKind,
  /** The exact text of the certificate's QR code (docs/certificates.md, "The QR code"). */
  qr: z.string(),
  holderName: z.string(),
  /** True when the person had this certificate already (valid, not revoked): the same number again. */
  existing: z.boolean(),
});
export type IssuedCertificate = z.infer<typeof zIssuedCertificate>;

export const zCertificateSkipReason = z.enum(certificateSkipReasons);
export type CertificateSkipReason = z.infer<typeof zCertificateSkipReason>;

export const zIssueCertificatesResult = z.object({
  certificates: z.array(zIssuedCertificate),
  skipped: z.array(z.object({ personId: zId, reason: zCertificateSkipReason })),
  /** Participants of countries the user does not work in: neither issued for nor named. */
  hidden: z.number().int(),
  counts: z.object({ issued: z.number().int(), existing: z.number().int(), skipped: z.number().int() }),
});
export type IssueCertificatesResult = z.infer<typeof zIssueCertificatesResult>;

export const zCertificateEvent = z.object({ title: z.string(), startDate: zIsoDate, endDate: zIsoDate });

export const zCertificate = z.object({
  number: z.string(),
  /** Null once the event was deleted (the certificate stays verifiable). */
  eventId: zId.nullable(),
  /** Null once the person was taken off the event's list. */
  personId: zId.nullable(),
  kind: zCertificateKind,
  holderName: z.string(),
  event: zCertificateEvent,
  printing: zCertificatePrinting,
  issuedOn: zIsoDate,
  issuedAt: zTimestamp,
  issuedBy: z.object({ id: zId, name: z.string() }).nullable(),
  keyId: z.string(),
  qr: z.string(),
  revoked: z.boolean(),
  revokedAt: zTimestamp.nullable(),
  revokedBy: z.object({ id: zId, name: z.string() }).nullable(),
  revokedReason: z.string().nullable(),
});
export type Certificate = z.infer<typeof zCertificate>;

export const zCertificateList = z.object({
  items: z.array(zCertificate),
  /** Certificates of participants of countries the user does not work in: counted, not shown. */
  hidden: z.number().int(),
});
export type CertificateList = z.infer<typeof zCertificateList>;

export const zRevokeCertificateBody = z.object({ reason: zText(500) });
export type RevokeCertificateBody = z.infer<typeof zRevokeCertificateBody>;

export const zCertificatePdfQuery = z.object({ lang: zCertificateLanguage.optional() });
export const zCertificatesZipQuery = z.object({ lang: zCertificatePrinting.optional() });

/** Longer than any QR text a certificate makes (QR version 40 holds 4296 alphanumeric characters). */
export const MAX_QR_TEXT = 4296;
export const zVerifyQrBody = z.object({ qr: z.string().max(MAX_QR_TEXT) });

export const verificationReasons = ['malformed', 'unsupported_version', 'unknown_key', 'bad_signature'] as const;

/**
 * What the public learns of a certificate: whether it is genuine and not revoked, and what the
 * certificate itself says (its number, kind, holder, event and issue date). Nothing else: no ids,
 * no reason for a revocation.
 */
export const zCertificateVerification = z.object({
  /** Genuine and not revoked. */
  valid: z.boolean(),
  /** By number: this installation issued it. By QR: the signature is one of the issuer's keys'. */
  genuine: z.boolean(),
  revoked: z.boolean(),
  /** This installation has a record of the number (by QR: false means revocation could not be checked). */
  recorded: z.boolean(),
  /** Why a QR text is not genuine. */
  reason: z.enum(verificationReasons).nullable(),
  number: z.string().nullable(),
  kind: zCertificateKind.nullable(),
  holder: z.string().nullable(),
  event: zCertificateEvent.nullable(),
  /** The day it was issued (YYYY-MM-DD), as the certificate says. */
  issuedAt: zIsoDate.nullable(),
});
export type CertificateVerification = z.infer<typeof zCertificateVerification>;

export const zPublishedKeyring = z.object({
  format: z.string(),
  current: z.string().nullable(),
  keys: z.array(
    z.object({
      id: z.string(),
      algorithm: z.literal('Ed25519'),
      publicKey: z.string(),
      did: z.string(),
      jwk: z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string() }),
      addedAt: z.string(),
    }),
  ),
});
export type PublishedKeyringDocument = z.infer<typeof zPublishedKeyring>;
