import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKeyring } from './certificate.keys.js';
import { issueOpenBadge } from './certificate.open-badge.js';
import { encodeCertificateQr, type CertificateClaims } from './certificate.payload.js';
import { qrTextFromPdf, renderCertificatePdf } from './certificate.pdf.js';
import { verifyCertificateDocument } from './certificate.verify.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cert-verify-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const keyring = loadKeyring(dataDir, {});
const claims: CertificateClaims = {
  number: 'HZ-9',
  holderName: 'محمد علی',
  eventTitle: 'Workshop',
  startDate: '2026-05-01',
  endDate: '2026-05-01',
  issuedOn: '2026-05-02',
  kind: 'participation',
};

describe('verifying whatever a person has in hand', () => {
  it('takes the QR text (with a line break after it), a certificate PDF, or the Open Badge JSON', async () => {
    const qr = encodeCertificateQr(claims, keyring.signing);
    expect(verifyCertificateDocument(`${qr}\n`, keyring)).toMatchObject({ form: 'qr', verdict: { valid: true, claims: { holderName: 'محمد علی' } } });
    const pdf = await renderCertificatePdf({ language: 'ur', claims, programme: 'P', verifyUrl: 'https://x.example', qrText: qr });
    expect(qrTextFromPdf(pdf)).toBe(qr);
    expect(verifyCertificateDocument(pdf, keyring)).toMatchObject({ form: 'pdf', verdict: { valid: true, claims: { number: 'HZ-9' } } });
    const badge = JSON.stringify(issueOpenBadge({ claims, programme: 'P', verifyUrl: 'https://x.example' }, keyring.signing), null, 2);
    expect(verifyCertificateDocument(Buffer.from(badge), keyring)).toMatchObject({ form: 'open-badge', verdict: { valid: true } });
  });

  it('says not genuine for a changed character, and unknown for anything else', () => {
    const qr = encodeCertificateQr(claims, keyring.signing);
    const changed = `${qr.slice(0, 20)}${qr[20] === 'A' ? 'B' : 'A'}${qr.slice(21)}`;
    expect(verifyCertificateDocument(changed, keyring)).toMatchObject({ form: 'qr', verdict: { valid: false } });
    expect(verifyCertificateDocument('hello', keyring)).toEqual({ form: 'unknown' });
    expect(verifyCertificateDocument(Buffer.from('%PDF-1.7 nothing here'), keyring)).toEqual({ form: 'unknown' });
  });
});
