import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The data keys that protect victims' data at rest (issue 12), never stored in the database:
 *
 * - from HIFAZAT_DATA_KEY (base64 of 32 bytes) when set: that one key, managed outside Hifazat;
 * - otherwise DATA_DIR/keys/data-keys.json (folder 0700, file 0600), made on first use: a keyring of
 *   every data key still needed (id, key, created date), the id of the current one (new seals use
 *   it), the blind-index key (shared/blind-index.ts; rotation never changes it) and when the keyring
 *   was last exported (`npx hifazat keys export`, so that doctor can say whether it is kept apart
 *   from the database's backups, which never hold it).
 *
 * A sealed value is "hz1.<keyId>.<iv>.<ciphertext>.<tag>" (base64url): AES-256-GCM with a random
 * 96-bit IV and a 128-bit tag, the purpose bound as associated data: for a registered column, its
 * purpose and the row's id (shared/sealed-columns.ts rowPurpose, e.g. 'users.mfa_secret:<user id>'),
 * so a value copied into another column or row does not open there.
 *
 * A running server notices a rotation made by `npx hifazat keys rotate` in another process: the file
 * is looked at again (its size and time) at most once a second, and at once when a seal names a key
 * it does not know.
 */
export type DataKeyring = {
  /** Id of the key new seals use. */
  readonly currentId: string;
  /** The 32-byte key of that id, or undefined. */
  key(id: string): Buffer | undefined;
};

export const DATA_KEY_ENV = 'HIFAZAT_DATA_KEY';
export const DATA_KEY_FOLDER = 'keys';
export const DATA_KEY_FILE = 'data-keys.json';
export const DATA_KEYRING_FORMAT = 'hifazat-data-keys/1';
const SEAL_VERSION = 'hz1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** How often (at most) a memoised keyring looks at its file again. */
const RECHECK_MS = 1000;

export class DataKeyError extends Error {}

/** One key of the keyring file. */
export type StoredDataKey = { id: string; key: string; createdAt: string };

/** The keyring file (and the file `keys export` writes). */
export type DataKeyringFile = {
  format: typeof DATA_KEYRING_FORMAT;
  current: string;
  keys: StoredDataKey[];
  /** base64 of the 32-byte root of the blind-index key; made once, never rotated. */
  indexKey: string;
  /** The last `keys export`: when, and which key was current then. */
  exported: { at: string; currentId: string } | null;
};

/** A keyring as this module hands it out: the API's two members and what the CLI and doctor need. */
export type LoadedDataKeyring = DataKeyring & {
  readonly source: 'environment' | 'data-folder';
  /** Every key id, oldest first. */
  readonly ids: readonly string[];
  /** The 32-byte root the blind-index key is derived from (shared/blind-index.ts). */
  readonly indexRoot: Buffer;
};

/** Strict base64 of exactly 32 bytes (what HIFAZAT_DATA_KEY and the key file hold), or an error's reason. */
export function parseDataKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || bytes.toString('base64') !== trimmed) {
    throw new DataKeyError(`${DATA_KEY_ENV} must be base64 (of 32 random bytes: openssl rand -base64 32)`);
  }
  if (bytes.length !== KEY_BYTES) throw new DataKeyError(`${DATA_KEY_ENV} must be base64 of exactly 32 bytes, not ${bytes.length}`);
  return bytes;
}

/**
 * A key's id: 10 hex digits of an HMAC of the key, so the same key has the same id in every process
 * (and an environment key the same id as in a file), and no LIKE wildcard ever appears in it.
 */
export function dataKeyIdOf(key: Buffer): string {
  return crypto.createHmac('sha256', key).update('hifazat data key id').digest('hex').slice(0, 10);
}

/** The blind-index root a keyring made from `key` gets: derived, so an environment key and its file agree. */
function indexRootFrom(key: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'hifazat blind index root v1', KEY_BYTES));
}

export const dataKeyFolder = (dataDir: string) => path.join(dataDir, DATA_KEY_FOLDER);
export const dataKeyFile = (dataDir: string) => path.join(dataKeyFolder(dataDir), DATA_KEY_FILE);

/** A new keyring file's content around one key. */
export function newKeyringFile(key: Buffer = crypto.randomBytes(KEY_BYTES), now = new Date()): DataKeyringFile {
  const id = dataKeyIdOf(key);
  return {
    format: DATA_KEYRING_FORMAT,
    current: id,
    keys: [{ id, key: key.toString('base64'), createdAt: now.toISOString() }],
    indexKey: indexRootFrom(key).toString('base64'),
    exported: null,
  };
}

/** Checks a keyring file's content (ids are derived from the keys, never trusted). */
export function parseKeyringFile(text: string, where: string): DataKeyringFile {
  let doc: Partial<DataKeyringFile> | null;
  try {
    doc = JSON.parse(text) as Partial<DataKeyringFile> | null;
  } catch {
    throw new DataKeyError(`${where} is not valid JSON: restore it from the copy made with npx hifazat keys export`);
  }
  const damaged = (why: string) => new DataKeyError(`${where} is damaged (${why}): restore it from the copy made with npx hifazat keys export`);
  if (!doc || doc.format !== DATA_KEYRING_FORMAT || !Array.isArray(doc.keys) || doc.keys.length === 0) throw damaged(`not a ${DATA_KEYRING_FORMAT} keyring`);
  const keys = doc.keys.map((entry) => {
    let key: Buffer;
    try {
      key = parseDataKey(typeof entry?.key === 'string' ? entry.key : '');
    } catch {
      throw damaged('a key is not base64 of 32 bytes');
    }
    if (entry.id !== dataKeyIdOf(key)) throw damaged(`key ${String(entry.id)} does not match its id`);
    return { id: entry.id, key: entry.key, createdAt: typeof entry.createdAt === 'string' ? entry.createdAt : '' };
  });
  if (typeof doc.current !== 'string' || !keys.some((k) => k.id === doc.current)) throw damaged('its current key is not in it');
  if (typeof doc.indexKey !== 'string' || Buffer.from(doc.indexKey, 'base64').length !== KEY_BYTES) throw damaged('no blind-index key');
  const exported =
    doc.exported && typeof doc.exported.at === 'string' && typeof doc.exported.currentId === 'string'
      ? { at: doc.exported.at, currentId: doc.exported.currentId }
      : null;
  return { format: DATA_KEYRING_FORMAT, current: doc.current, keys, indexKey: doc.indexKey, exported };
}

/** The keyring file of `dataDir`, or null when there is none. */
export function readKeyringFile(dataDir: string): DataKeyringFile | null {
  const file = dataKeyFile(dataDir);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return parseKeyringFile(text, file);
}

const serialise = (doc: DataKeyringFile) => `${JSON.stringify(doc, null, 2)}\n`;

/** Written whole to a scratch file (0600) in the same folder, then renamed over: a reader never sees half a file. */
export function writeFileAtomically(file: string, text: string): void {
  const scratch = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  try {
    fs.writeFileSync(scratch, text, { mode: 0o600, flag: 'wx' });
    fs.renameSync(scratch, file);
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

function ensureFolder(dataDir: string): void {
  fs.mkdirSync(dataKeyFolder(dataDir), { recursive: true, mode: 0o700 });
  // mkdir's mode is filtered by the umask, and an existing folder keeps its own: set it outright.
  fs.chmodSync(dataKeyFolder(dataDir), 0o700);
}

/** Replaces the keyring file (the folder made first when needed). */
export function writeKeyringFile(dataDir: string, doc: DataKeyringFile): void {
  ensureFolder(dataDir);
  writeFileAtomically(dataKeyFile(dataDir), serialise(doc));
}

/**
 * Creates the keyring file only when none exists: written to a scratch file and hard-linked into
 * place, which fails if another process made one meanwhile (then that one is read).
 */
function createKeyringFile(dataDir: string): DataKeyringFile {
  ensureFolder(dataDir);
  const file = dataKeyFile(dataDir);
  const doc = newKeyringFile();
  const scratch = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(scratch, serialise(doc), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(scratch, file);
    return doc;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseKeyringFile(fs.readFileSync(file, 'utf8'), file);
  } finally {
    fs.rmSync(scratch, { force: true });
  }
}

type Snapshot = { currentId: string; keys: Map<string, Buffer>; ids: string[]; indexRoot: Buffer };

function snapshotOf(doc: DataKeyringFile): Snapshot {
  const keys = new Map(doc.keys.map((k) => [k.id, Buffer.from(k.key, 'base64')] as const));
  return { currentId: doc.current, keys, ids: doc.keys.map((k) => k.id), indexRoot: Buffer.from(doc.indexKey, 'base64') };
}

function environmentKeyring(text: string): LoadedDataKeyring {
  const key = parseDataKey(text);
  const id = dataKeyIdOf(key);
  return Object.freeze({
    source: 'environment' as const,
    currentId: id,
    ids: Object.freeze([id]),
    indexRoot: indexRootFrom(key),
    key: (asked: string) => (asked === id ? key : undefined),
  });
}

/** A keyring backed by the file: re-read when the file changes (another process rotated). */
function fileKeyring(dataDir: string): LoadedDataKeyring {
  const file = dataKeyFile(dataDir);
  let snapshot = snapshotOf(readKeyringFile(dataDir) ?? createKeyringFile(dataDir));
  let stamp = statStamp(file);
  let checkedAt = Date.now();
  const refresh = (force: boolean) => {
    if (!force && Date.now() - checkedAt < RECHECK_MS) return;
    checkedAt = Date.now();
    const now = statStamp(file);
    if (now === stamp) return;
    // A file that vanished (or is being replaced) leaves the keys already known in use.
    const doc = now === '' ? null : readKeyringFile(dataDir);
    if (doc) {
      snapshot = snapshotOf(doc);
      stamp = now;
    }
  };
  return {
    source: 'data-folder',
    get currentId() {
      refresh(false);
      return snapshot.currentId;
    },
    get ids() {
      refresh(false);
      return snapshot.ids;
    },
    get indexRoot() {
      return snapshot.indexRoot;
    },
    key(id: string) {
      if (!snapshot.keys.has(id)) refresh(true);
      return snapshot.keys.get(id);
    },
  };
}

function statStamp(file: string): string {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}:${stat.ino}` : '';
}

const memo = new Map<string, LoadedDataKeyring>();

/**
 * The data keys of this data folder: from HIFAZAT_DATA_KEY (base64 of 32 bytes) when set, otherwise
 * DATA_DIR/keys/data-keys.json, created on first use with mode 0600 (folder 0700). Memoised per folder.
 * Never stored in the database.
 */
export function dataKeysFor(config: { dataDir: string; dataKey?: string | undefined }): DataKeyring {
  return loadDataKeys(config);
}

/** dataKeysFor with the members the CLI, doctor and blind indexes use. */
export function loadDataKeys(config: { dataDir: string; dataKey?: string | undefined }): LoadedDataKeyring {
  const fromEnvironment = config.dataKey?.trim() ? config.dataKey.trim() : undefined;
  const memoKey = `${path.resolve(config.dataDir)}\u0000${fromEnvironment ? dataKeyIdOf(parseDataKey(fromEnvironment)) : ''}`;
  let keyring = memo.get(memoKey);
  if (!keyring) {
    keyring = fromEnvironment ? environmentKeyring(fromEnvironment) : fileKeyring(path.resolve(config.dataDir));
    memo.set(memoKey, keyring);
  }
  return keyring;
}

/** Forgets the memoised keyrings (tests, and a CLI command that replaced the file wholesale). */
export function forgetDataKeys(): void {
  memo.clear();
}

const b64 = (bytes: Buffer) => bytes.toString('base64url');

/** AES-256-GCM, random 96-bit IV; `purpose` (e.g. 'users.mfa_secret') is bound as associated data. Output: "hz1.<keyId>.<iv b64url>.<ciphertext b64url>.<tag b64url>". */
export function sealText(keys: DataKeyring, plaintext: string, purpose: string): string {
  const keyId = keys.currentId;
  const key = keys.key(keyId);
  if (!key) throw new DataKeyError(`The current data key ${keyId} is missing from the keyring`);
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEAL_VERSION, keyId, b64(iv), b64(ciphertext), b64(cipher.getAuthTag())].join('.');
}

const SEALED = /^hz1\.([0-9a-f]{10})\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/;

/** The key id a sealed value names, or null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  return SEALED.exec(sealed)?.[1] ?? null;
}

/** Opens what sealText made; throws on a wrong purpose, a changed byte or an unknown key id. */
export function openText(keys: DataKeyring, sealed: string, purpose: string): string {
  const match = SEALED.exec(sealed);
  if (!match) throw new DataKeyError('Not a sealed value');
  const [, keyId = '', iv = '', ciphertext = '', tag = ''] = match;
  const key = keys.key(keyId);
  // The message names the key id only: never the value or what it holds.
  if (!key) throw new DataKeyError(`Sealed with data key ${keyId}, which this keyring does not hold (npx hifazat keys import, or ${DATA_KEY_ENV})`);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    throw new DataKeyError('A sealed value did not open: it was changed, or belongs to another purpose');
  }
}
