import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import fs from 'node:fs';
import { Transform, type TransformCallback, type Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { z } from 'zod';

/**
 * A Hifazat backup file: one text line naming the format, one line of JSON header, then the payload
 * (the data folder's files the header lists, then a gzipped SQLite file or a pg_dump archive). With a passphrase the payload is AES-256-GCM
 * encrypted under a key derived by scrypt; the header is authenticated with it, and the 16-byte tag
 * follows the payload, so a wrong passphrase or a changed byte anywhere is detected.
 */
export const BACKUP_MAGIC = 'HIFAZAT-BACKUP 1';
const TAG_BYTES = 16;
// scrypt cost: about a third of a second and 128 MiB on a laptop, once per backup or restore.
const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
const MAX_HEADER_BYTES = 64 * 1024;

const zEncryption = z.object({
  cipher: z.literal('aes-256-gcm'),
  kdf: z.literal('scrypt'),
  // Bounded: the header is read before anything is authenticated, and scrypt allocates 128·N·r bytes.
  N: z
    .number()
    .int()
    .min(1024)
    .max(2 ** 18),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: z.string(),
  iv: z.string(),
  /** HMAC of a fixed label under the key: tells a wrong passphrase apart from a damaged file, up front. */
  check: z.string(),
});

export const zBackupHeader = z.object({
  engine: z.enum(['sqlite', 'postgres']),
  payload: z.enum(['sqlite-gzip', 'pg_dump-custom']),
  createdAt: z.string(),
  appVersion: z.string(),
  /** Migrations applied in the database when it was backed up, in order. */
  migrations: z.array(z.string()),
  /** Row counts of the main tables, to show before a restore and to compare after it. */
  counts: z.record(z.string(), z.number()),
  /**
   * Files of the data folder (certificate keys and logos: backup-data-files.ts) at the start of the
   * payload, in this order, before the database. Backups made before there were any list none.
   */
  files: z
    .array(
      z.object({
        path: z.string().max(200),
        bytes: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(100_000)
    .default([]),
  encryption: zEncryption.nullable(),
});
export type BackupHeader = z.infer<typeof zBackupHeader>;

export class BackupFileError extends Error {}

function deriveKey(passphrase: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 256 * cost.N * cost.r + 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

const keyCheck = (key: Buffer) => createHmac('sha256', key).update('hifazat-backup-key-check').digest('base64');

/** Passes everything through but the last `keep` bytes, which it hands to `onTail` at the end. */
class HoldBackTail extends Transform {
  private held = Buffer.alloc(0);
  constructor(
    private readonly keep: number,
    private readonly onTail: (tail: Buffer) => Error | undefined,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const all = Buffer.concat([this.held, chunk]);
    const cut = Math.max(0, all.length - this.keep);
    this.held = all.subarray(cut);
    done(null, cut > 0 ? all.subarray(0, cut) : undefined);
  }
  override _flush(done: TransformCallback): void {
    done(this.onTail(this.held));
  }
}

/**
 * Writes header and payload to `file`. `produce` writes the payload into the stream it is given and
 * ends it (a stream pipeline does both).
 */
export async function writeBackupFile(
  file: string,
  header: Omit<BackupHeader, 'encryption'>,
  passphrase: string | undefined,
  produce: (sink: Writable) => Promise<void>,
): Promise<BackupHeader> {
  let encryption: BackupHeader['encryption'] = null;
  let key: Buffer | undefined;
  if (passphrase !== undefined) {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    key = await deriveKey(passphrase, salt, SCRYPT);
    encryption = { cipher: 'aes-256-gcm', kdf: 'scrypt', ...SCRYPT, salt: salt.toString('base64'), iv: iv.toString('base64'), check: keyCheck(key) };
  }
  const full: BackupHeader = { ...header, encryption };
  const headerLine = Buffer.from(`${BACKUP_MAGIC}\n${JSON.stringify(full)}\n`, 'utf8');
  // Written beside the target and renamed at the end: a half-written backup never has the final name.
  const partial = `${file}.partial-${process.pid}`;
  const out = fs.createWriteStream(partial, { flags: 'wx', mode: 0o600 });
  try {
    out.write(headerLine);
    if (key && encryption) {
      const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(encryption.iv, 'base64'));
      cipher.setAAD(headerLine);
      const toFile = pipeline(cipher, out, { end: false });
      // Both settle before either failure is thrown: a full disk must not leave a rejection unhandled.
      const [produced, written] = await Promise.allSettled([produce(cipher), toFile]);
      if (produced.status === 'rejected') throw produced.reason;
      if (written.status === 'rejected') throw written.reason;
      out.end(cipher.getAuthTag());
    } else {
      await produce(out);
    }
    await finished(out);
    await syncFile(partial);
    fs.renameSync(partial, file);
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return full;
}

async function syncFile(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Reads and checks the header without touching the payload. */
export async function readBackupHeader(file: string): Promise<{ header: BackupHeader; headerBytes: Buffer }> {
  const handle = await fs.promises.open(file, 'r').catch(() => {
    throw new BackupFileError(`Cannot open ${file}`);
  });
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead);
    const first = text.indexOf(0x0a);
    if (first < 0 || text.subarray(0, first).toString('utf8') !== BACKUP_MAGIC) throw new BackupFileError(`${file} is not a Hifazat backup`);
    const second = text.indexOf(0x0a, first + 1);
    if (second < 0) throw new BackupFileError(`${file}: the backup header is cut off`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.subarray(first + 1, second).toString('utf8'));
    } catch {
      throw new BackupFileError(`${file}: the backup header is damaged`);
    }
    const header = zBackupHeader.safeParse(parsed);
    if (!header.success) throw new BackupFileError(`${file}: the backup header is damaged`);
    return { header: header.data, headerBytes: text.subarray(0, second + 1) };
  } finally {
    await handle.close();
  }
}

/**
 * Streams the payload (decrypted when needed) into `consume`. With encryption, GCM only proves the
 * data genuine at the very end: callers write into a scratch place and use it only after this resolves.
 */
export async function readBackupPayload(file: string, passphrase: string | undefined, consume: (source: Readable) => Promise<void>): Promise<BackupHeader> {
  const { header, headerBytes } = await readBackupHeader(file);
  const raw = fs.createReadStream(file, { start: headerBytes.length });
  const enc = header.encryption;
  if (!enc) {
    await consume(raw);
    return header;
  }
  if (passphrase === undefined) throw new BackupFileError('This backup is encrypted: give its passphrase');
  const key = await deriveKey(passphrase, Buffer.from(enc.salt, 'base64'), enc);
  const expected = Buffer.from(enc.check, 'base64');
  const actual = Buffer.from(keyCheck(key), 'base64');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new BackupFileError('Wrong passphrase for this backup');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(enc.iv, 'base64'));
  decipher.setAAD(headerBytes);
  const tail = new HoldBackTail(TAG_BYTES, (tag) => {
    if (tag.length !== TAG_BYTES) return new BackupFileError('The backup is cut off');
    decipher.setAuthTag(tag);
    return undefined;
  });
  try {
    await Promise.all([pipeline(raw, tail, decipher), consume(decipher)]);
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    if (error instanceof Error && /unable to authenticate|auth/i.test(error.message)) {
      throw new BackupFileError('The backup file was changed or damaged after it was made');
    }
    throw error;
  }
  return header;
}
