import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { EVIDENCE_FILE_NAME, EVIDENCE_FOLDER } from '../campaigns/index.js';
import { CERTIFICATE_KEY_FOLDER, CERTIFICATE_KEYRING_FILE, CERTIFICATE_SIGNING_FILE, LOGO_FOLDER, restoreKeys } from '../certificates/index.js';

/**
 * The files of the data folder a backup holds beside the database: the certificate signing key and
 * keyring (certificate-keys/), the logos printed on certificates (certificate-logos/) and the
 * evidence of awareness campaigns (campaign-evidence/). Without them a restored installation could
 * not sign with its key again, nor check offline what it signed, nor show what its campaigns did.
 *
 * In the backup file they come first in the payload (encrypted with it when there is a passphrase),
 * one after another in the order the header lists them with their sizes and SHA-256, then the
 * database. Only these names are ever written back, so a crafted backup cannot write elsewhere.
 *
 * The data keys (DATA_DIR/keys/, shared/data-key.ts) are never among them: a backup that held the
 * key beside the data it seals would open itself when stolen. They are kept apart with
 * `npx hifazat keys export`, and doctor warns until that is done.
 */
export type DataFileEntry = { path: string; bytes: number; sha256: string };

const SIGNING = `${CERTIFICATE_KEY_FOLDER}/${CERTIFICATE_SIGNING_FILE}`;
const KEYRING = `${CERTIFICATE_KEY_FOLDER}/${CERTIFICATE_KEYRING_FILE}`;
const LOGO_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(png|jpg)$/;
const LOGO_PATH = new RegExp(`^${LOGO_FOLDER}/${LOGO_NAME.source.slice(1)}`);
const EVIDENCE_PATH = new RegExp(`^${EVIDENCE_FOLDER}/${EVIDENCE_FILE_NAME.source.slice(1)}`);
/** Folders of files that are written once under a name of their own (a restore adds the missing ones). */
const ONCE_WRITTEN = [`${LOGO_FOLDER}/`, `${EVIDENCE_FOLDER}/`];

/** Whether a path named in a backup's header is one of the files a backup may hold. */
export const isDataFilePath = (name: string): boolean => name === SIGNING || name === KEYRING || LOGO_PATH.test(name) || EVIDENCE_PATH.test(name);

const sha256Of = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The files to back up from `dataDir`, as they are now (missing folders: none). */
export function dataFilesOf(dataDir: string): Array<DataFileEntry & { file: string }> {
  const found: Array<DataFileEntry & { file: string }> = [];
  const add = (relative: string) => {
    const file = path.join(dataDir, ...relative.split('/'));
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) found.push({ path: relative, file, bytes: stat.size, sha256: sha256Of(file) });
  };
  add(SIGNING);
  add(KEYRING);
  const logos = path.join(dataDir, LOGO_FOLDER);
  if (fs.existsSync(logos)) {
    for (const name of fs.readdirSync(logos).sort()) if (LOGO_NAME.test(name)) add(`${LOGO_FOLDER}/${name}`);
  }
  const evidence = path.join(dataDir, EVIDENCE_FOLDER);
  if (fs.existsSync(evidence)) {
    for (const name of fs.readdirSync(evidence).sort()) if (EVIDENCE_FILE_NAME.test(name)) add(`${EVIDENCE_FOLDER}/${name}`);
  }
  return found;
}

/**
 * Writes the files into the backup's payload, one after the other, leaving the stream open for the
 * database. Written by hand: a pipeline per file would leave its listeners on the open stream.
 */
export async function writeDataFiles(files: ReadonlyArray<{ file: string }>, sink: Writable): Promise<void> {
  for (const { file } of files) {
    for await (const chunk of fs.createReadStream(file)) {
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
  }
}

/**
 * Splits a backup's payload: the files named in its header go to `dir` (as 0, 1, 2 …, checked
 * against their SHA-256), everything after them to `rest`, which is ended at the end.
 */
export async function splitPayload(source: Readable, files: readonly DataFileEntry[], dir: string, rest: Writable): Promise<void> {
  let index = 0;
  let left = files[0]?.bytes ?? 0;
  let out: fs.WriteStream | null = null;
  let hash = crypto.createHash('sha256');
  const write = async (stream: Writable, chunk: Buffer) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  const closeFile = async () => {
    const entry = files[index];
    if (out) {
      out.end();
      await finished(out);
      out = null;
    } else fs.writeFileSync(path.join(dir, String(index)), '', { mode: 0o600 });
    if (entry && hash.digest('hex') !== entry.sha256) throw new Error(`the backup's copy of ${entry.path} is damaged`);
    hash = crypto.createHash('sha256');
    index += 1;
    left = files[index]?.bytes ?? 0;
  };
  // Files of no bytes at the start (and after each file) are closed before any byte is read.
  const skipEmpty = async () => {
    while (index < files.length && left === 0) await closeFile();
  };
  await skipEmpty();
  for await (const data of source) {
    let chunk = data as Buffer;
    while (chunk.length > 0 && index < files.length) {
      const part = chunk.subarray(0, left);
      out ??= fs.createWriteStream(path.join(dir, String(index)), { mode: 0o600 });
      hash.update(part);
      await write(out, part);
      left -= part.length;
      chunk = chunk.subarray(part.length);
      await skipEmpty();
    }
    if (chunk.length > 0) await write(rest, chunk);
  }
  if (index < files.length) throw new Error('the backup is cut off in its files');
  rest.end();
}

export type DataFilesRestored = { logos: number; evidence: number; keysAdded: number; signingKey: 'restored' | 'same' | 'kept' | 'none' };

/**
 * Puts the backup's files into the data folder: logos and campaign evidence that are missing (each
 * upload has a name of its own, so one that exists is the same file), and the keys by the certificates module's rule
 * (restoreKeys: no public key is ever dropped, a signing key already here stays).
 */
export function putBackDataFiles(dataDir: string, dir: string, files: readonly DataFileEntry[]): DataFilesRestored {
  let logos = 0;
  let evidence = 0;
  const read = (name: string) => {
    const at = files.findIndex((f) => f.path === name);
    return at < 0 ? undefined : fs.readFileSync(path.join(dir, String(at)), 'utf8');
  };
  files.forEach((entry, i) => {
    if (!ONCE_WRITTEN.some((folder) => entry.path.startsWith(folder))) return;
    const target = path.join(dataDir, ...entry.path.split('/'));
    if (fs.existsSync(target)) return;
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(dir, String(i)), target);
    fs.chmodSync(target, 0o600);
    if (entry.path.startsWith(`${LOGO_FOLDER}/`)) logos += 1;
    else evidence += 1;
  });
  const keyring = read(KEYRING);
  const signingKey = read(SIGNING);
  const keys =
    keyring === undefined && signingKey === undefined ? { keysAdded: 0, signingKey: 'none' as const } : restoreKeys(dataDir, { keyring, signingKey });
  return { logos, evidence, ...keys };
}
