import type { Readable } from 'node:stream';
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
