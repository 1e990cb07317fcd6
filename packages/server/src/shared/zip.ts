import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

export type ZipLimits = {
  maxEntries: number;
  /** Bytes all entries may inflate to, counted as they inflate: the sizes a zip declares can lie. */
  maxInflatedBytes: number;
  /** Sees each inflated chunk; returning false stops at once (a reader's own limit was reached). */
  onChunk?: (name: string, chunk: Buffer) => boolean;
};

export type ZipVerdict = { ok: true; inflatedBytes: number } | { ok: false; reason: 'unreadable' | 'too_many_entries' | 'too_large' | 'stopped' };
type Refusal = Exclude<ZipVerdict, { ok: true }>['reason'];

const open = (buffer: Buffer) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    // Sizes are counted here as they inflate, so yauzl need not trust (or check) the declared ones.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: false }, (error, zip) =>
      error || !zip ? reject(error ?? new Error('no zip')) : resolve(zip),
    ),
  );

const readStream = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error || !stream ? reject(error ?? new Error('no stream')) : resolve(stream))),
  );

/**
 * Inflates every entry of a zip with yauzl, keeping nothing but a count, and stops as soon as a limit
 * is passed. A zip bomb of a few hundred KB that inflates to gigabytes costs at most
 * `maxInflatedBytes` of decompression work and a few chunks of memory, before any library holds it.
 */
export async function inspectZip(buffer: Buffer, limits: ZipLimits): Promise<ZipVerdict> {
  let zip: yauzl.ZipFile;
  try {
    zip = await open(buffer);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return { ok: false, reason: 'too_many_entries' };
  }
  let inflated = 0;
  const entries = (async function* () {
    for (;;) {
      const next = new Promise<yauzl.Entry | null>((resolve, reject) => {
        zip.once('entry', resolve);
        zip.once('end', () => resolve(null));
        zip.once('error', reject);
      });
      zip.readEntry();
      const entry = await next;
      zip.removeAllListeners('entry').removeAllListeners('end').removeAllListeners('error');
      if (!entry) return;
      yield entry;
    }
  })();
  try {
    for await (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const stream = await readStream(zip, entry);
      let refusal: Refusal | null = null;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.maxInflatedBytes) refusal = 'too_large';
        else if (limits.onChunk && !limits.onChunk(entry.fileName, chunk)) refusal = 'stopped';
        if (refusal) {
          stream.destroy();
          return { ok: false, reason: refusal };
        }
      }
    }
    return { ok: true, inflatedBytes: inflated };
  } catch {
    return { ok: false, reason: 'unreadable' };
  } finally {
    zip.close();
  }
}

export type ZipEntry = { name: string; data: Buffer };

const ZIP_LIMIT = 0xffffffff;

/**
 * Writes a zip (PKWARE APPNOTE.TXT 6.3) as it goes, one chunk per entry, then the central directory:
 * a batch of files is never held whole. Entries are stored, not deflated (meant for files that are
 * compressed already, like PDFs); names are UTF-8 (general purpose flag bit 11). No Zip64: at most
 * 65,535 entries and 4 GiB, refused past that.
 */
export async function* writeZip(entries: AsyncIterable<ZipEntry> | Iterable<ZipEntry>, modified: Date = new Date()): AsyncGenerator<Buffer> {
  // MS-DOS date and time, local fields as the format has them; seconds in units of two.
  const dosTime = (modified.getHours() << 11) | (modified.getMinutes() << 5) | Math.floor(modified.getSeconds() / 2);
  const dosDate = ((Math.max(1980, modified.getFullYear()) - 1980) << 9) | ((modified.getMonth() + 1) << 5) | modified.getDate();
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = zlib.crc32(entry.data);
    if (++count > 0xffff || entry.data.length >= ZIP_LIMIT || offset + 30 + name.length + entry.data.length >= ZIP_LIMIT) {
      throw new Error('Too many or too large files for one zip');
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4); // made by: 2.0
    local.copy(header, 6, 4, 30); // version needed … name length, as in the local header
    header.writeUInt16LE(0, 32); // comment length (after the extra length copied at 30)
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
    yield Buffer.concat([local, name, entry.data]);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}
