import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { base45Decode, base45Encode } from './certificate.base45.js';
import { loadKeyring, parsePrivateKey, type VerifyingKeyring } from './certificate.keys.js';
import {
  CertificateClaimsError,
  QR_PREFIX,
  encodeCertificateQr,
  verifyCertificateQr,
  type CertificateClaims,
  type CertificateKind,
} from './certificate.payload.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cert-payload-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const keyring = loadKeyring(dataDir, {});
const QR_ALPHANUMERIC = /^[0-9A-Z $%*+\-./:]*$/;

const claims: CertificateClaims = {
  number: 'HZ-2026-000123',
  holderName: 'محمد علی خان',
  eventTitle: 'Training on victim identification, Lahore',
  startDate: '2026-03-02',
  endDate: '2026-03-04',
  issuedOn: '2026-03-05',
  kind: 'training',
};

describe('base45 (RFC 9285)', () => {
  it('encodes the RFC examples and decodes them back', () => {
    // RFC 9285 §4.3: "AB" → "BB8", "Hello!!" → "%69 VD92EX0", "base-45" → "UJCLQE7W581".
    expect(base45Encode(Buffer.from('AB'))).toBe('BB8');
    expect(base45Encode(Buffer.from('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(Buffer.from('base-45'))).toBe('UJCLQE7W581');
    expect(base45Decode('QED8WEX0')?.toString()).toBe('ietf!');
  });

  it('refuses lower case, a dangling character and groups that overflow', () => {
    expect(base45Decode('bb8')).toBeNull();
    expect(base45Decode('BB8A')).toBeNull();
    expect(base45Decode(':::')).toBeNull(); // 44 + 44·45 + 44·2025 = 91124 > 65535
    expect(base45Decode('::')).toBeNull(); // 44 + 44·45 = 2024 > 255
  });

  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(base45Decode(base45Encode(bytes))).toEqual(Buffer.from(bytes));
      }),
    );
  });
});

describe('the certificate QR text', () => {
  it('is "HZC1:" and QR-alphanumeric characters, and verifies to the claims with the key id', () => {
    const text = encodeCertificateQr(claims, keyring.signing);
    expect(text.startsWith(QR_PREFIX)).toBe(true);
    expect(text).toMatch(QR_ALPHANUMERIC);
    expect(verifyCertificateQr(text, keyring)).toEqual({ valid: true, claims: { ...claims, version: 1, keyId: keyring.signing.id } });
  });

  it('is not genuine under a keyring that does not hold its key, nor when signed by a stranger with our key id', () => {
    const text = encodeCertificateQr(claims, keyring.signing);
    expect(verifyCertificateQr(text, { keys: [], current: null })).toEqual({ valid: false, reason: 'unknown_key' });
    // A stranger's key never has our id unless the ids collide; forge the collision by signing with
    // another key but claiming ours: the signature is checked with our public key and fails.
    const stranger = crypto.generateKeyPairSync('ed25519').privateKey;
    const forged = encodeCertificateQr(claims, { ...keyring.signing, privateKey: stranger });
    expect(verifyCertificateQr(forged, keyring)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('refuses claims it cannot carry exactly, with the field named', () => {
    const bad = (change: Partial<CertificateClaims>) => () => encodeCertificateQr({ ...claims, ...change }, keyring.signing);
    expect(bad({ startDate: '2026-02-30' })).toThrow(/startDate: not a date/);
    expect(bad({ endDate: '2026-03-01' })).toThrow(/endDate: before startDate/);
    expect(bad({ issuedOn: '1969-12-31' })).toThrow(/issuedOn: outside/);
    expect(bad({ holderName: '' })).toThrow(CertificateClaimsError);
    expect(bad({ holderName: 'Ali \uD800' })).toThrow(/holderName: empty or not valid Unicode/);
    expect(bad({ eventTitle: 'ت'.repeat(121) })).toThrow(/eventTitle: 242 bytes in UTF-8, at most 240/);
    expect(bad({ kind: 'attendance' as CertificateKind })).toThrow(/kind/);
  });

  it('answers anything that is not a certificate text with { valid: false }, never by throwing', () => {
    for (const input of [undefined, null, 42, {}, '', 'HZC1:', 'HZC1:BB8', 'hzc1:ABC', `HZC1:${'A'.repeat(5000)}`, 'https://example.org']) {
      expect(verifyCertificateQr(input, keyring)).toMatchObject({ valid: false });
    }
    // A well-formed text of a later version says so.
    const text = encodeCertificateQr(claims, keyring.signing);
    const bytes = base45Decode(text.slice(QR_PREFIX.length)) as Buffer;
    bytes[0] = 2;
    expect(verifyCertificateQr(QR_PREFIX + base45Encode(bytes), keyring)).toEqual({ valid: false, reason: 'unsupported_version' });
  });

  it('fits QR version 10 at error correction M for a typical certificate, and stays printable for a long Urdu name', async () => {
    const typical = encodeCertificateQr(claims, keyring.signing);
    const longUrdu = encodeCertificateQr(
      {
        ...claims,
        holderName: 'سیدہ عائشہ فاطمہ بنتِ محمد عبدالرحمٰن قریشی الہاشمی',
        eventTitle: 'انسانی اسمگلنگ کے متاثرین کی شناخت اور حوالگی پر تربیتی ورکشاپ',
      },
      keyring.signing,
    );
    const typicalQr = QRCode.create(typical, { errorCorrectionLevel: 'M' });
    const longQr = QRCode.create(longUrdu, { errorCorrectionLevel: 'M' });
    // One alphanumeric segment: the whole text is in the QR's compact mode.
    expect(typicalQr.segments.map((s) => s.mode.id)).toEqual(['Alphanumeric']);
    expect(typicalQr.version).toBeLessThanOrEqual(10);
    expect(longQr.version).toBeLessThanOrEqual(16);
  });
});

const arbitraryDate = fc.integer({ min: 0, max: 0xffff }).map((days) => new Date(days * 86_400_000).toISOString().slice(0, 10));
const arbitraryText = (maxBytes: number) =>
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.length > 0 && new TextEncoder().encode(s).length <= maxBytes);
// Urdu letters mixed in, so that names in the Arabic script are among the cases every run.
const urduName = fc
  .array(fc.constantFrom('محمد', 'علی', 'عائشہ', 'خان', 'فاطمہ', 'ؒ', 'ٰ', 'Ali', '۲۰۲۶', ' '), { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join(''));
const arbitraryClaims: fc.Arbitrary<CertificateClaims> = fc
  .record({
    number: arbitraryText(40),
    holderName: fc.oneof(urduName, arbitraryText(200)),
    eventTitle: fc.oneof(urduName, arbitraryText(240)),
    a: arbitraryDate,
    b: arbitraryDate,
    issuedOn: arbitraryDate,
    kind: fc.constantFrom<CertificateKind>('training', 'participation'),
  })
  .map(({ a, b, ...rest }) => ({ ...rest, startDate: a < b ? a : b, endDate: a < b ? b : a }));

describe('properties', () => {
  // One fixed key keeps the runs fast; the key's own bytes play no part in the properties.
  const fixed = parsePrivateKey(crypto.generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  const ring: VerifyingKeyring = { keys: [{ id: fixed.id, publicKey: fixed.publicKey, raw: fixed.raw, addedAt: '' }], current: fixed.id };

  it('random claims, Urdu names among them, come back exactly', () => {
    fc.assert(
      fc.property(arbitraryClaims, (c) => {
        expect(verifyCertificateQr(encodeCertificateQr(c, fixed), ring)).toEqual({ valid: true, claims: { ...c, version: 1, keyId: fixed.id } });
      }),
      { numRuns: 300 },
    );
  });

  it('every single-character change of a QR text (replace, delete, insert) is not genuine', () => {
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:a';
    fc.assert(
      fc.property(arbitraryClaims, fc.nat(), fc.nat(), (c, at, pick) => {
        const text = encodeCertificateQr(c, fixed);
        const i = at % text.length;
        const ch = alphabet[pick % alphabet.length] as string;
        const mutations = [text.slice(0, i) + text.slice(i + 1), text.slice(0, i) + ch + text.slice(i)];
        if (ch !== text[i]) mutations.push(text.slice(0, i) + ch + text.slice(i + 1));
        for (const changed of mutations) expect(verifyCertificateQr(changed, ring).valid).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('exhaustively: every position of one QR text, replaced by every other QR character, is not genuine', () => {
    const text = encodeCertificateQr(claims, fixed);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    let tried = 0;
    for (let i = 0; i < text.length; i += 1) {
      for (const ch of alphabet) {
        if (ch === text[i]) continue;
        expect(verifyCertificateQr(text.slice(0, i) + ch + text.slice(i + 1), ring).valid).toBe(false);
        tried += 1;
      }
    }
    expect(tried).toBe(text.length * 44);
  });
});
