import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_KEY_ENV,
  base58Decode,
  base58Encode,
  didKeyOf,
  keyIdOf,
  loadKeyring,
  loadVerifyingKeys,
  parsePublicKeys,
  publicKeys,
  rawFromDidKey,
  rotateSigningKey,
} from './certificate.keys.js';
import { encodeCertificateQr, verifyCertificateQr, type CertificateClaims } from './certificate.payload.js';

const folders: string[] = [];
function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-cert-keys-'));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

const claims: CertificateClaims = {
  number: 'HZ-1',
  holderName: 'Ayesha Khan',
  eventTitle: 'Workshop',
  startDate: '2026-01-10',
  endDate: '2026-01-10',
  issuedOn: '2026-01-11',
  kind: 'participation',
};

describe('certificate signing keys', () => {
  it('makes the key on first use, private file 0600, and loads the same key after', () => {
    const dataDir = freshDataDir();
    const first = loadKeyring(dataDir, {});
    const keyFile = path.join(dataDir, 'certificate-keys', 'signing-key.pem');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, 'certificate-keys')).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(keyFile, 'utf8')).toContain('-----BEGIN PRIVATE KEY-----');
    expect(first.signing.id).toMatch(/^[A-Z2-7]{8}$/);
    expect(first.source).toBe('data-folder');
    const again = loadKeyring(dataDir, {});
    expect(again.signing.id).toBe(first.signing.id);
    expect(again.keys.map((k) => k.id)).toEqual([first.signing.id]);
  });

  it('keeps only public keys in keyring.json, in the published form', () => {
    const dataDir = freshDataDir();
    const keyring = loadKeyring(dataDir, {});
    const text = fs.readFileSync(path.join(dataDir, 'certificate-keys', 'keyring.json'), 'utf8');
    expect(text).not.toContain('PRIVATE');
    const published = JSON.parse(text) as ReturnType<typeof publicKeys>;
    expect(published).toEqual(publicKeys(keyring));
    expect(published.keys[0]).toMatchObject({ id: keyring.signing.id, algorithm: 'Ed25519', jwk: { kty: 'OKP', crv: 'Ed25519' } });
    expect(parsePublicKeys(text).keys.map((k) => k.id)).toEqual([keyring.signing.id]);
  });

  it('after a rotation signs with the new key, and certificates signed by the old key still verify', () => {
    const dataDir = freshDataDir();
    const before = loadKeyring(dataDir, {});
    const oldQr = encodeCertificateQr(claims, before.signing);
    const oldPem = fs.readFileSync(path.join(dataDir, 'certificate-keys', 'signing-key.pem'), 'utf8');
    const { previous, current } = rotateSigningKey(dataDir, {});
    expect(previous).toBe(before.signing.id);
    expect(current).not.toBe(previous);
    const after = loadKeyring(dataDir, {});
    expect(after.signing.id).toBe(current);
    expect(after.current).toBe(current);
    // The old private key is gone; its public key is kept.
    expect(fs.readFileSync(path.join(dataDir, 'certificate-keys', 'signing-key.pem'), 'utf8')).not.toBe(oldPem);
    expect(after.keys.map((k) => k.id)).toEqual([previous, current]);
    expect(verifyCertificateQr(oldQr, after)).toMatchObject({ valid: true, claims: { keyId: previous } });
    expect(verifyCertificateQr(encodeCertificateQr(claims, after.signing), loadVerifyingKeys(dataDir, {}))).toMatchObject({
      valid: true,
      claims: { keyId: current },
    });
  });

  it('takes the key from HIFAZAT_CERTIFICATE_KEY (PEM or base64 DER), records its public key, and refuses to rotate it', () => {
    const dataDir = freshDataDir();
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const der = (privateKey.export({ format: 'der', type: 'pkcs8' }) as Buffer).toString('base64');
    const fromPem = loadKeyring(dataDir, { [CERTIFICATE_KEY_ENV]: pem });
    const fromDer = loadKeyring(dataDir, { [CERTIFICATE_KEY_ENV]: der });
    expect(fromPem.source).toBe('environment');
    expect(fromDer.signing.id).toBe(fromPem.signing.id);
    expect(fs.existsSync(path.join(dataDir, 'certificate-keys', 'signing-key.pem'))).toBe(false);
    // Known without the variable afterwards: a later change of key keeps old certificates verifiable.
    expect(loadVerifyingKeys(dataDir, {}).keys.map((k) => k.id)).toEqual([fromPem.signing.id]);
    expect(() => rotateSigningKey(dataDir, { [CERTIFICATE_KEY_ENV]: pem })).toThrow(/HIFAZAT_CERTIFICATE_KEY/);
    expect(() => loadKeyring(dataDir, { [CERTIFICATE_KEY_ENV]: 'not a key' })).toThrow(/not a PKCS #8 private key/);
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => loadKeyring(dataDir, { [CERTIFICATE_KEY_ENV]: rsa })).toThrow(/must be an Ed25519 key/);
  });

  it('verifying creates nothing in an empty data folder', () => {
    const dataDir = freshDataDir();
    expect(loadVerifyingKeys(dataDir, {})).toEqual({ keys: [], current: null });
    expect(fs.existsSync(path.join(dataDir, 'certificate-keys'))).toBe(false);
  });

  it('refuses a keyring whose ids do not match its keys', () => {
    const dataDir = freshDataDir();
    const keyring = loadKeyring(dataDir, {});
    const published = publicKeys(keyring);
    const tampered = { ...published, keys: published.keys.map((k) => ({ ...k, id: 'AAAAAAAA' })) };
    expect(() => parsePublicKeys(JSON.stringify(tampered))).toThrow(/does not match/);
  });

  it('reads a PEM public key as a one-key keyring', () => {
    const { publicKey } = crypto.generateKeyPairSync('ed25519');
    const ring = parsePublicKeys(publicKey.export({ format: 'pem', type: 'spki' }) as string);
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    expect(ring.keys.map((k) => k.id)).toEqual([keyIdOf(raw)]);
  });
});

describe('did:key and base58', () => {
  it('gives the did:key of the W3C test key pair (vc-di-eddsa TestVectors/keyPair.json)', () => {
    // publicKeyMultibase z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2 holds 0xed01 + the raw key.
    const raw = rawFromDidKey('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    expect(raw?.length).toBe(32);
    expect(didKeyOf(raw as Buffer)).toBe('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2');
    expect(rawFromDidKey('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2')).toEqual(raw);
    expect(rawFromDidKey('did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#other')).toBeNull();
    expect(rawFromDidKey('did:web:example.org')).toBeNull();
  });

  it('round-trips bytes with leading zeros', () => {
    const bytes = Buffer.from([0, 0, 1, 2, 255]);
    expect(base58Decode(base58Encode(bytes))).toEqual(bytes);
    expect(base58Decode('0OIl')).toBeNull();
  });
});
