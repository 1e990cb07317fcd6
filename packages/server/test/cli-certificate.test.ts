import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeCertificateQr, issueOpenBadge, loadKeyring, renderCertificatePdf, type CertificateClaims } from '../src/modules/certificates/index.js';

const bin = path.resolve(import.meta.dirname, '../bin/hifazat.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-cert-'));
const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cli-cert-empty-'));
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(elsewhere, { recursive: true, force: true });
});

function hifazat(args: string[], extraEnv: Record<string, string> = {}) {
  const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', HIFAZAT_CERTIFICATE_KEY: '', ...extraEnv };
  return spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

const claims: CertificateClaims = {
  number: 'HZ-2026-000777',
  holderName: 'عائشہ خان',
  eventTitle: 'Training on victim identification',
  startDate: '2026-03-02',
  endDate: '2026-03-04',
  issuedOn: '2026-03-05',
  kind: 'training',
};

// No database is opened: these commands read the key folder only, so each start is quick.
describe('hifazat certificate', { timeout: 60_000 }, () => {
  it('verifies a QR text file offline with the keys in DATA_DIR, and calls a changed character not genuine (exit 1)', () => {
    const keyring = loadKeyring(dataDir, {});
    const qr = encodeCertificateQr(claims, keyring.signing);
    const file = path.join(dataDir, 'qr.txt');
    fs.writeFileSync(file, `${qr}\n`);
    const genuine = hifazat(['certificate', 'verify', file]);
    expect(genuine.status, genuine.stderr).toBe(0);
    expect(genuine.stdout).toContain('Genuine training certificate HZ-2026-000777');
    expect(genuine.stdout).toContain('Holder: عائشہ خان');
    expect(genuine.stdout).toContain('Dates:  2026-03-02 to 2026-03-04');
    expect(genuine.stdout).toContain(`Signed with key ${keyring.signing.id}`);

    const changed = `${qr.slice(0, 30)}${qr[30] === '7' ? '8' : '7'}${qr.slice(31)}`;
    const tampered = hifazat(['certificate', 'verify', changed]);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/^Not genuine: /);
  });

  it('rotates the signing key; certificates signed before still verify, and with --public-key elsewhere too', () => {
    const before = loadKeyring(dataDir, {});
    const oldQr = encodeCertificateQr(claims, before.signing);
    const rotated = hifazat(['certificate', 'keys', 'rotate']);
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toContain(`${before.signing.id} signs no more`);
    const after = loadKeyring(dataDir, {});
    expect(after.signing.id).not.toBe(before.signing.id);

    const shown = hifazat(['certificate', 'keys', 'show']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).not.toContain('PRIVATE');
    const keyringFile = path.join(elsewhere, 'issuer-keys.json');
    fs.writeFileSync(keyringFile, shown.stdout);
    // Another machine: an empty data folder, only the published keyring.
    const offline = hifazat(['certificate', 'verify', oldQr, '--public-key', keyringFile], { DATA_DIR: elsewhere });
    expect(offline.status, offline.stderr).toBe(0);
    expect(offline.stdout).toContain(`Signed with key ${before.signing.id}`);
    const noKeys = hifazat(['certificate', 'verify', oldQr], { DATA_DIR: elsewhere });
    expect(noKeys.status).toBe(2);
    expect(noKeys.stderr).toContain('--public-key');
  });

  it('verifies a certificate PDF and an Open Badge JSON file', async () => {
    const keyring = loadKeyring(dataDir, {});
    const qrText = encodeCertificateQr(claims, keyring.signing);
    const pdfFile = path.join(dataDir, 'certificate.pdf');
    fs.writeFileSync(pdfFile, await renderCertificatePdf({ language: 'en', claims, programme: 'Programme', verifyUrl: 'https://x.example', qrText }));
    const badgeFile = path.join(dataDir, 'badge.json');
    const badge = issueOpenBadge({ claims, programme: 'Programme', verifyUrl: 'https://x.example' }, keyring.signing);
    fs.writeFileSync(badgeFile, JSON.stringify(badge, null, 2));
    const fromPdf = hifazat(['certificate', 'verify', pdfFile]);
    expect(fromPdf.status, fromPdf.stderr).toBe(0);
    expect(fromPdf.stdout).toContain('Genuine training certificate HZ-2026-000777');
    const fromBadge = hifazat(['certificate', 'verify', badgeFile]);
    expect(fromBadge.status, fromBadge.stderr).toBe(0);
    expect(fromBadge.stdout).toContain('Genuine Open Badge');
    expect(fromBadge.stdout).toContain('Holder:     عائشہ خان');
    fs.writeFileSync(badgeFile, JSON.stringify({ ...badge, validFrom: '2020-01-01T00:00:00Z' }));
    expect(hifazat(['certificate', 'verify', badgeFile]).status).toBe(1);
  });
});
