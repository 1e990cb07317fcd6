import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Ed25519 keys that sign certificates (QR payloads and Open Badges), kept outside the database's
 * tables, in DATA_DIR/certificate-keys/:
 *
 *   signing-key.pem  the private key (PKCS #8 PEM), mode 0600, made on first use;
 *   keyring.json     every public key this installation has signed with, the current one marked:
 *                    the file to publish and to hand to an offline verifier (docs/certificates.md).
 *
 * Or the private key comes from the environment, HIFAZAT_CERTIFICATE_KEY: a PKCS #8 PEM
 * ("-----BEGIN PRIVATE KEY-----…") or the same DER bytes in base64 on one line. Several server
 * processes must share one key: give them all the same variable (and the same keyring.json).
 *
 * Rotation makes a new signing key and forgets the old private key; the old public key stays in the
 * keyring, so certificates it signed still verify.
 */
export const CERTIFICATE_KEY_ENV = 'HIFAZAT_CERTIFICATE_KEY';
export const KEYRING_FORMAT = 'hifazat-certificate-keys/1';
export const CERTIFICATE_KEY_FOLDER = 'certificate-keys';
export const CERTIFICATE_SIGNING_FILE = 'signing-key.pem';
export const CERTIFICATE_KEYRING_FILE = 'keyring.json';
const KEY_FOLDER = CERTIFICATE_KEY_FOLDER;
const SIGNING_FILE = CERTIFICATE_SIGNING_FILE;
const KEYRING_FILE = CERTIFICATE_KEYRING_FILE;

export type VerifyingKey = Readonly<{
  /** 8 characters: RFC 4648 base32 of the first 5 bytes of SHA-256 over the raw 32-byte public key. */
  id: string;
  publicKey: KeyObject;
  /** The raw 32-byte Ed25519 public key (RFC 8032). */
  raw: Buffer;
  addedAt: string;
}>;

export type SigningKey = Readonly<{ id: string; privateKey: KeyObject; publicKey: KeyObject; raw: Buffer }>;

/** The public keys a verifier trusts; `current` is the key new certificates are signed with (when known). */
export type VerifyingKeyring = Readonly<{ keys: readonly VerifyingKey[]; current: string | null }>;

export type CertificateKeyring = VerifyingKeyring & Readonly<{ signing: SigningKey; source: 'data-folder' | 'environment'; current: string }>;

/** The published form of a keyring (keyring.json, a public endpoint, `--public-key`). */
export type PublishedKeyring = {
  format: typeof KEYRING_FORMAT;
  current: string | null;
  keys: Array<{
    id: string;
    algorithm: 'Ed25519';
    /** base64url of the raw 32-byte public key. */
    publicKey: string;
    /** The same key as a did:key (W3C did:key method, multicodec ed25519-pub 0xed01, base58btc). */
    did: string;
    jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
    addedAt: string;
  }>;
};

export class CertificateKeyError extends Error {}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 §6 base32 without padding; 5 bytes give exactly 8 characters. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The first 5 bytes of the SHA-256 of the public key: also how the QR payload names its key. */
export function keyIdBytes(raw: Uint8Array): Buffer {
  return crypto.createHash('sha256').update(raw).digest().subarray(0, 5);
}

export function keyIdOf(raw: Uint8Array): string {
  return base32(keyIdBytes(raw));
}

/** The 8-character key id for the 5 id bytes a QR payload carries. */
export function formatKeyId(idBytes: Uint8Array): string {
  return base32(idBytes);
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new CertificateKeyError('Not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new CertificateKeyError('An Ed25519 public key has 32 bytes');
  return crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Bitcoin base58 (the multibase 'z' alphabet, draft-msporny-base58). */
export function base58Encode(bytes: Uint8Array): string {
  let n = 0n;
  for (const byte of bytes) n = (n << 8n) | BigInt(byte);
  let out = '';
  while (n > 0n) {
    out = (BASE58[Number(n % 58n)] as string) + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

export function base58Decode(text: string): Buffer | null {
  let n = 0n;
  for (const ch of text) {
    const digit = BASE58.indexOf(ch);
    if (digit < 0) return null;
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 255n));
    n >>= 8n;
  }
  let zeros = 0;
  while (text[zeros] === '1') zeros += 1;
  return Buffer.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

// did:key for Ed25519: 'did:key:z' + base58btc(0xed 0x01 || raw public key) (W3C CCG did:key method).
const ED25519_MULTICODEC = Buffer.from([0xed, 0x01]);

export function didKeyOf(raw: Uint8Array): string {
  return `did:key:z${base58Encode(Buffer.concat([ED25519_MULTICODEC, raw]))}`;
}

/** The raw public key a did:key (or a did:key URL with a fragment) names, or null. */
export function rawFromDidKey(did: string): Buffer | null {
  const match = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)(#z[1-9A-HJ-NP-Za-km-z]+)?$/.exec(did);
  if (!match?.[1]) return null;
  if (match[2] !== undefined && match[2] !== `#z${match[1]}`) return null;
  const bytes = base58Decode(match[1]);
  if (!bytes || bytes.length !== 34 || !bytes.subarray(0, 2).equals(ED25519_MULTICODEC)) return null;
  return bytes.subarray(2);
}

function signingKeyFrom(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new CertificateKeyError('The certificate key must be an Ed25519 key');
  const publicKey = crypto.createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  return Object.freeze({ id: keyIdOf(raw), privateKey, publicKey, raw });
}

/** A PKCS #8 PEM, or its DER in base64 (one line, easier in an environment variable). */
export function parsePrivateKey(text: string): SigningKey {
  const trimmed = text.trim();
  let privateKey: KeyObject;
  try {
    privateKey = trimmed.includes('-----BEGIN')
      ? crypto.createPrivateKey({ key: trimmed, format: 'pem' })
      : crypto.createPrivateKey({ key: Buffer.from(trimmed.replace(/\s+/g, ''), 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new CertificateKeyError(`${CERTIFICATE_KEY_ENV}: not a PKCS #8 private key (PEM, or its DER in base64)`);
  }
  return signingKeyFrom(privateKey);
}

function verifyingKey(raw: Buffer, addedAt: string): VerifyingKey {
  return Object.freeze({ id: keyIdOf(raw), publicKey: publicKeyFromRaw(raw), raw, addedAt });
}

export function publicKeys(keyring: VerifyingKeyring): PublishedKeyring {
  return {
    format: KEYRING_FORMAT,
    current: keyring.current,
    keys: keyring.keys.map((key) => {
      const x = key.raw.toString('base64url');
      return {
        id: key.id,
        algorithm: 'Ed25519' as const,
        publicKey: x,
        did: didKeyOf(key.raw),
        jwk: { kty: 'OKP' as const, crv: 'Ed25519' as const, x },
        addedAt: key.addedAt,
      };
    }),
  };
}

function keysFromPublished(value: unknown): VerifyingKeyring {
  const doc = value as Partial<PublishedKeyring> | null;
  if (!doc || doc.format !== KEYRING_FORMAT || !Array.isArray(doc.keys)) throw new CertificateKeyError(`Not a keyring (${KEYRING_FORMAT})`);
  const keys = doc.keys.map((entry) => {
    const raw = typeof entry?.publicKey === 'string' ? Buffer.from(entry.publicKey, 'base64url') : Buffer.alloc(0);
    if (raw.length !== 32) throw new CertificateKeyError('A keyring entry has no 32-byte publicKey');
    const key = verifyingKey(raw, typeof entry.addedAt === 'string' ? entry.addedAt : '');
    // The id is derived, never trusted: a keyring that names a key wrongly is damaged.
    if (entry.id !== key.id) throw new CertificateKeyError(`Keyring entry ${String(entry.id)} does not match its public key`);
    return key;
  });
  return { keys, current: typeof doc.current === 'string' ? doc.current : null };
}

/**
 * Public keys from a file's text, for `hifazat certificate verify --public-key`: a keyring
 * (keyring.json as published), an SPKI PEM public key, or a PKCS #8 private key (its public half).
 */
export function parsePublicKeys(text: string): VerifyingKeyring {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new CertificateKeyError('The key file is not valid JSON');
    }
    return keysFromPublished(parsed);
  }
  if (trimmed.includes('-----BEGIN PUBLIC KEY-----')) {
    let publicKey: KeyObject;
    try {
      publicKey = crypto.createPublicKey({ key: trimmed, format: 'pem' });
    } catch {
      throw new CertificateKeyError('The key file holds no readable public key');
    }
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new CertificateKeyError('The public key is not an Ed25519 key');
    const key = verifyingKey(rawPublicKey(publicKey), '');
    return { keys: [key], current: key.id };
  }
  const signing = parsePrivateKey(trimmed);
  return { keys: [verifyingKey(signing.raw, '')], current: signing.id };
}

function folder(dataDir: string): string {
  return path.join(dataDir, KEY_FOLDER);
}

function readKeyringFile(dataDir: string): VerifyingKeyring {
  const file = path.join(folder(dataDir), KEYRING_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { keys: [], current: null };
    throw error;
  }
  try {
    return keysFromPublished(JSON.parse(text));
  } catch (error) {
    throw new CertificateKeyError(`${file} is damaged (${error instanceof Error ? error.message : 'unreadable'}); restore it from a backup`);
  }
}

/** Written whole to a scratch file, then renamed over: a reader never sees half a file. */
function writeAtomically(file: string, text: string, mode: number): void {
  const scratch = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(scratch, text, { mode, flag: 'wx' });
  fs.renameSync(scratch, file);
}

function writeKeyring(dataDir: string, keyring: VerifyingKeyring): void {
  writeAtomically(path.join(folder(dataDir), KEYRING_FILE), `${JSON.stringify(publicKeys(keyring), null, 2)}\n`, 0o644);
}

/** The keyring with `key` in it (kept at the end, in the order keys were first seen) and marked current. */
function withKey(keyring: VerifyingKeyring, key: SigningKey, now: string): VerifyingKeyring {
  const known = keyring.keys.some((k) => k.id === key.id);
  return { keys: known ? keyring.keys : [...keyring.keys, verifyingKey(key.raw, now)], current: key.id };
}

/**
 * Creates the signing key file only when none exists: written to a scratch file and hard-linked into
 * place, which fails if another process made one meanwhile (then that one is used).
 */
function createSigningKeyFile(file: string): SigningKey {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const scratch = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(scratch, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(scratch, file);
    return signingKeyFrom(privateKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parsePrivateKey(fs.readFileSync(file, 'utf8'));
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

/**
 * The signing key and every public key, for issuing. The key is made on first use (or taken from
 * HIFAZAT_CERTIFICATE_KEY); a signing key the keyring does not list yet is added to it, so that it
 * is still known after a later rotation or a change of the variable.
 */
export function loadKeyring(dataDir: string, env: NodeJS.ProcessEnv = process.env): CertificateKeyring {
  const fromEnvironment = env[CERTIFICATE_KEY_ENV]?.trim();
  fs.mkdirSync(folder(dataDir), { recursive: true, mode: 0o700 });
  const signing = fromEnvironment
    ? parsePrivateKey(fromEnvironment)
    : (() => {
        const file = path.join(folder(dataDir), SIGNING_FILE);
        return fs.existsSync(file) ? parsePrivateKey(fs.readFileSync(file, 'utf8')) : createSigningKeyFile(file);
      })();
  const stored = readKeyringFile(dataDir);
  const keyring = withKey(stored, signing, new Date().toISOString());
  if (keyring.keys.length !== stored.keys.length || stored.current !== signing.id) writeKeyring(dataDir, keyring);
  return Object.freeze({ ...keyring, signing, current: signing.id, source: fromEnvironment ? 'environment' : 'data-folder' });
}

/**
 * The public keys only, for verifying: nothing is created. The environment's key counts too (an
 * installation that signs with it may not have written it to the keyring yet).
 */
export function loadVerifyingKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): VerifyingKeyring {
  const stored = readKeyringFile(dataDir);
  const fromEnvironment = env[CERTIFICATE_KEY_ENV]?.trim();
  if (!fromEnvironment) {
    const file = path.join(folder(dataDir), SIGNING_FILE);
    if (!fs.existsSync(file)) return stored;
    return withKey(stored, parsePrivateKey(fs.readFileSync(file, 'utf8')), '');
  }
  return withKey(stored, parsePrivateKey(fromEnvironment), '');
}

/**
 * A new signing key; the old private key is forgotten, its public key stays in the keyring. Refused
 * when the key comes from the environment: there, set a new key in the variable (the old public key
 * is already in the keyring, written when it was first used).
 */
export function rotateSigningKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): { previous: string | null; current: string } {
  if (env[CERTIFICATE_KEY_ENV]?.trim()) {
    throw new CertificateKeyError(`The signing key comes from ${CERTIFICATE_KEY_ENV}: put a new key there to rotate (the old public key stays in the keyring)`);
  }
  const before = loadKeyring(dataDir, env);
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const next = signingKeyFrom(privateKey);
  // The keyring first: if the process stops between the two writes, the new public key is known
  // already and the old key still signs; the other order could leave signed certificates unverifiable.
  writeKeyring(dataDir, withKey(before, next, new Date().toISOString()));
  writeAtomically(path.join(folder(dataDir), SIGNING_FILE), privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
  return { previous: before.signing.id, current: next.id };
}

/**
 * Restoring a backup's keys into this data folder. The public keys the backup's keyring lists are
 * added to this folder's (none is ever dropped: certificates they signed must go on verifying). The
 * backup's signing key is put back only where this folder has none; one that is here already stays
 * the signing key (its own public key and the backup's are both in the keyring).
 */
export function restoreKeys(
  dataDir: string,
  backup: { keyring?: string; signingKey?: string },
): { keysAdded: number; signingKey: 'restored' | 'same' | 'kept' | 'none' } {
  fs.mkdirSync(folder(dataDir), { recursive: true, mode: 0o700 });
  const stored = readKeyringFile(dataDir);
  let keyring: VerifyingKeyring = stored;
  if (backup.keyring !== undefined) {
    const theirs = parsePublicKeys(backup.keyring);
    keyring = { keys: [...stored.keys, ...theirs.keys.filter((k) => !stored.keys.some((s) => s.id === k.id))], current: stored.current ?? theirs.current };
  }
  let signingKey: 'restored' | 'same' | 'kept' | 'none' = 'none';
  if (backup.signingKey !== undefined) {
    const restored = parsePrivateKey(backup.signingKey);
    const file = path.join(folder(dataDir), SIGNING_FILE);
    if (fs.existsSync(file)) {
      signingKey = parsePrivateKey(fs.readFileSync(file, 'utf8')).id === restored.id ? 'same' : 'kept';
      // Its public half is kept in the keyring either way: what it signed still verifies.
      keyring = { ...withKey(keyring, restored, new Date().toISOString()), current: keyring.current ?? restored.id };
    } else {
      keyring = withKey(keyring, restored, new Date().toISOString());
      writeAtomically(file, backup.signingKey, 0o600);
      signingKey = 'restored';
    }
  }
  const keysAdded = keyring.keys.length - stored.keys.length;
  if (keysAdded > 0 || keyring.current !== stored.current) writeKeyring(dataDir, keyring);
  return { keysAdded, signingKey };
}
