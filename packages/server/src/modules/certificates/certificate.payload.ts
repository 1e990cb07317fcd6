import crypto from 'node:crypto';
import { base45Decode, base45Encode } from './certificate.base45.js';
import { formatKeyId, keyIdBytes, type SigningKey, type VerifyingKeyring } from './certificate.keys.js';

/**
 * The text of a certificate's QR code: a signed, compact payload any verifier can check offline with
 * the issuer's public key (docs/certificates.md describes it for third parties).
 *
 *   QR text   = "HZC1:" + base45(payload ‖ signature)
 *   signature = Ed25519 (RFC 8032) over the ASCII bytes "HZC1:" followed by the payload bytes
 *   payload   = version   1 byte   = 1
 *               kind      1 byte   0 training, 1 participation
 *               key id    5 bytes  first 5 bytes of SHA-256(raw issuer public key)
 *               start     2 bytes  days since 1970-01-01, big-endian
 *               end       2 bytes  (the same)
 *               issued    2 bytes  (the same)
 *               number, holder's name, event title: each a length (LEB128, in bytes) + UTF-8
 *
 * Every character of the text is in the QR alphanumeric set (base45, RFC 9285, was made for this;
 * the EU Digital COVID Certificate's "HC1:" texts do the same): training_anchors §8.4 measured about
 * three QR versions fewer than base64url in byte mode. Signing the prefix too ties the signature to
 * this format, so no other message signed with the same key (an Open Badge) can pass for a payload.
 * The decoder is strict (one text per payload), so a changed character always changes the signed
 * bytes or breaks the decoding: it is never valid.
 */
export const QR_PREFIX = 'HZC1:';
const PAYLOAD_VERSION = 1;
const SIGNATURE_BYTES = 64;
const HEADER_BYTES = 1 + 1 + 5 + 2 + 2 + 2;
/** Longer texts would make QR codes too dense to print at a few centimetres. */
export const CERTIFICATE_TEXT_LIMITS = { number: 40, holderName: 200, eventTitle: 240 } as const;
/** Above any text a valid payload makes (QR version 40 holds 4296 alphanumeric characters). */
const MAX_QR_TEXT = 4296;

export const certificateKinds = ['training', 'participation'] as const;
export type CertificateKind = (typeof certificateKinds)[number];

export type CertificateClaims = Readonly<{
  number: string;
  holderName: string;
  eventTitle: string;
  /** Calendar dates, YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  issuedOn: string;
  kind: CertificateKind;
}>;

export type VerifiedCertificateClaims = CertificateClaims & Readonly<{ version: number; keyId: string }>;

export type CertificateVerification =
  { valid: true; claims: VerifiedCertificateClaims } | { valid: false; reason: 'malformed' | 'unsupported_version' | 'unknown_key' | 'bad_signature' };

export class CertificateClaimsError extends Error {}

const DAY_MS = 86_400_000;
const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function daysOf(date: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over into March: a real date comes back as itself.
  if (!match || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new CertificateClaimsError(`${field}: not a date (YYYY-MM-DD)`);
  }
  const days = ms / DAY_MS;
  if (days < 0 || days > 0xffff) throw new CertificateClaimsError(`${field}: outside 1970-01-01 … 2149-06-06`);
  return days;
}

function dateOf(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function textBytes(value: string, field: keyof typeof CERTIFICATE_TEXT_LIMITS): Uint8Array {
  const bytes = encoder.encode(value);
  // A lone surrogate would come back as U+FFFD: the holder's name must come back exactly.
  if (value.length === 0 || strictDecoder.decode(bytes) !== value) throw new CertificateClaimsError(`${field}: empty or not valid Unicode`);
  if (bytes.length > CERTIFICATE_TEXT_LIMITS[field]) {
    throw new CertificateClaimsError(`${field}: ${bytes.length} bytes in UTF-8, at most ${CERTIFICATE_TEXT_LIMITS[field]}`);
  }
  return bytes;
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

/** The payload bytes (what is signed, after the prefix). Throws CertificateClaimsError for bad claims. */
export function encodeCertificatePayload(claims: CertificateClaims, keyId: Uint8Array): Buffer {
  const kind = certificateKinds.indexOf(claims.kind);
  if (kind < 0) throw new CertificateClaimsError('kind: training or participation');
  const start = daysOf(claims.startDate, 'startDate');
  const end = daysOf(claims.endDate, 'endDate');
  const issued = daysOf(claims.issuedOn, 'issuedOn');
  if (end < start) throw new CertificateClaimsError('endDate: before startDate');
  const header = Buffer.alloc(HEADER_BYTES);
  header[0] = PAYLOAD_VERSION;
  header[1] = kind;
  Buffer.from(keyId).copy(header, 2, 0, 5);
  header.writeUInt16BE(start, 7);
  header.writeUInt16BE(end, 9);
  header.writeUInt16BE(issued, 11);
  const texts = [textBytes(claims.number, 'number'), textBytes(claims.holderName, 'holderName'), textBytes(claims.eventTitle, 'eventTitle')];
  return Buffer.concat([header, ...texts.flatMap((bytes) => [Buffer.from(leb128(bytes.length)), bytes])]);
}

function signedMessage(payload: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(QR_PREFIX, 'ascii'), payload]);
}

/** The QR text for these claims, signed with the signing key. Throws CertificateClaimsError for bad claims. */
export function encodeCertificateQr(claims: CertificateClaims, signingKey: SigningKey): string {
  const payload = encodeCertificatePayload(claims, keyIdBytes(signingKey.raw));
  const signature = crypto.sign(null, signedMessage(payload), signingKey.privateKey);
  return QR_PREFIX + base45Encode(Buffer.concat([payload, signature]));
}

type Parsed = { keyId: Buffer; claims: CertificateClaims; version: number };

/** Reads the payload strictly: canonical lengths, valid UTF-8, real dates, nothing left over. */
function parsePayload(payload: Buffer): Parsed | 'malformed' | 'unsupported_version' {
  if (payload.length < HEADER_BYTES + 3) return 'malformed';
  const version = payload[0] as number;
  if (version !== PAYLOAD_VERSION) return 'unsupported_version';
  const kind = certificateKinds[payload[1] as number];
  if (!kind) return 'malformed';
  const [start, end, issued] = [payload.readUInt16BE(7), payload.readUInt16BE(9), payload.readUInt16BE(11)];
  if (end < start) return 'malformed';
  let offset = HEADER_BYTES;
  const readText = (limit: number): string | null => {
    let length = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = payload[offset++];
      if (byte === undefined || shift > 14) return null;
      length |= (byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) {
        // The shortest form only (a trailing 0x00 group would be a second spelling of the same length).
        if (byte === 0 && shift > 0) return null;
        break;
      }
    }
    if (length === 0 || length > limit || offset + length > payload.length) return null;
    try {
      return strictDecoder.decode(payload.subarray(offset, (offset += length)));
    } catch {
      return null;
    }
  };
  const number = readText(CERTIFICATE_TEXT_LIMITS.number);
  const holderName = number === null ? null : readText(CERTIFICATE_TEXT_LIMITS.holderName);
  const eventTitle = holderName === null ? null : readText(CERTIFICATE_TEXT_LIMITS.eventTitle);
  if (number === null || holderName === null || eventTitle === null || offset !== payload.length) return 'malformed';
  return {
    version,
    keyId: payload.subarray(2, 7),
    claims: { number, holderName, eventTitle, startDate: dateOf(start), endDate: dateOf(end), issuedOn: dateOf(issued), kind },
  };
}

/**
 * Checks a QR text against the keyring, offline. Never throws: anything that is not a genuine
 * certificate text, of whatever type, is `{ valid: false, reason }`.
 */
export function verifyCertificateQr(text: unknown, keyring: VerifyingKeyring): CertificateVerification {
  try {
    if (typeof text !== 'string' || text.length > MAX_QR_TEXT || !text.startsWith(QR_PREFIX)) return { valid: false, reason: 'malformed' };
    const bytes = base45Decode(text.slice(QR_PREFIX.length));
    if (!bytes || bytes.length < HEADER_BYTES + SIGNATURE_BYTES) return { valid: false, reason: 'malformed' };
    const payload = bytes.subarray(0, bytes.length - SIGNATURE_BYTES);
    const signature = bytes.subarray(bytes.length - SIGNATURE_BYTES);
    const parsed = parsePayload(payload);
    if (typeof parsed === 'string') return { valid: false, reason: parsed };
    const keyId = formatKeyId(parsed.keyId);
    const key = keyring.keys.find((k) => k.id === keyId);
    if (!key) return { valid: false, reason: 'unknown_key' };
    if (!crypto.verify(null, signedMessage(payload), key.publicKey, signature)) return { valid: false, reason: 'bad_signature' };
    return { valid: true, claims: { ...parsed.claims, version: parsed.version, keyId } };
  } catch {
    return { valid: false, reason: 'malformed' };
  }
}
