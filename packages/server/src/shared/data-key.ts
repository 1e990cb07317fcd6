import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// A minimal implementation of the data-key API agreed for issue 12 (ISSUE12-SHARED.md), written by the
// second-factor work so that it can seal TOTP secrets; the key helper's fuller version (rotation,
// doctor's warning) replaces this file at merge, with exactly this API.

export type DataKeyring = {
  /** Id of the key new seals use. */
  readonly currentId: string;
  /** The 32-byte key of that id, or undefined. */
  key(id: string): Buffer | undefined;
};

type KeyFile = { current: string; keys: Record<string, string> };

const keyrings = new Map<string, DataKeyring>();

function ringOf(file: KeyFile): DataKeyring {
  const keys = new Map(Object.entries(file.keys).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
  return { currentId: file.current, key: (id) => keys.get(id) };
}

function readOrCreateKeyFile(dataDir: string): KeyFile {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, 'data-keys.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const id = `k${Date.now().toString(36)}`;
  const created: KeyFile = { current: id, keys: { [id]: randomBytes(32).toString('base64') } };
  // wx: two processes starting at once do not overwrite each other's key; the loser reads the winner's.
  try {
    fs.writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile;
    throw error;
  }
  return created;
}

/**
 * The data keys of this data folder: from HIFAZAT_DATA_KEY (base64 of 32 bytes) when set, otherwise
 * DATA_DIR/keys/data-keys.json, created on first use with mode 0600 (folder 0700). Memoised per folder.
 * Never stored in the database.
 */
export function dataKeysFor(config: { dataDir: string; dataKey?: string | undefined }): DataKeyring {
  const memo = `${config.dataDir}\u0000${config.dataKey ?? ''}`;
  const known = keyrings.get(memo);
  if (known) return known;
  let ring: DataKeyring;
  if (config.dataKey) {
    const key = Buffer.from(config.dataKey, 'base64');
    if (key.length !== 32) throw new Error('HIFAZAT_DATA_KEY must be the base64 of 32 bytes');
    ring = ringOf({ current: 'env', keys: { env: config.dataKey } });
  } else {
    ring = ringOf(readOrCreateKeyFile(config.dataDir));
  }
  keyrings.set(memo, ring);
  return ring;
}

const PREFIX = 'hz1';

/** AES-256-GCM, random 96-bit IV; `purpose` (e.g. 'users.mfa_secret') is bound as associated data. Output: "hz1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>". */
export function sealText(keys: DataKeyring, plaintext: string, purpose: string): string {
  const key = keys.key(keys.currentId);
  if (!key) throw new Error('The current data key is missing');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [PREFIX, keys.currentId, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

/** Opens what sealText made; throws on a wrong purpose, a changed byte or an unknown key id. */
export function openText(keys: DataKeyring, sealed: string, purpose: string): string {
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) throw new Error('Not a sealed text');
  const [, keyId = '', iv = '', ciphertext = '', tag = ''] = parts;
  const key = keys.key(keyId);
  if (!key) throw new Error(`Unknown data key ${keyId}`);
  // The tag's full length is required: a shortened tag would be easier to forge.
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
