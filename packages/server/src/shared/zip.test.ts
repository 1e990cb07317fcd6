import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { inspectZip, writeZip } from './zip.js';

async function workbook(rows: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('List');
  sheet.addRow(['full_name', 'sex']);
  for (let i = 0; i < rows; i += 1) sheet.addRow([`محمد علی ${i}`, i % 2 ? 'female' : 'male']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const roomy = { maxEntries: 100, maxInflatedBytes: 64 * 1024 * 1024 };

describe('inspectZip', () => {
  it('inflates a real spreadsheet to its size without keeping it', async () => {
    const file = await workbook(2000);
    const verdict = await inspectZip(file, roomy);
    expect(verdict.ok).toBe(true);
    if (verdict.ok) expect(verdict.inflatedBytes).toBeGreaterThan(file.length);
  });

  it('stops at the first limit passed: inflated bytes, entries, or the reader’s own', async () => {
    const file = await workbook(2000);
    expect(await inspectZip(file, { ...roomy, maxInflatedBytes: 10_000 })).toEqual({ ok: false, reason: 'too_large' });
    expect(await inspectZip(file, { ...roomy, maxEntries: 2 })).toEqual({ ok: false, reason: 'too_many_entries' });
    let seen = 0;
    const stopped = await inspectZip(file, { ...roomy, onChunk: () => ++seen < 2 });
    expect(stopped).toEqual({ ok: false, reason: 'stopped' });
    expect(seen).toBe(2);
  });

  it('calls a cut, garbled or foreign file unreadable instead of throwing', async () => {
    const file = await workbook(10);
    expect(await inspectZip(file.subarray(0, file.length - 30), roomy)).toEqual({ ok: false, reason: 'unreadable' });
    expect(await inspectZip(Buffer.from('full_name,sex\nAli,m\n'), roomy)).toEqual({ ok: false, reason: 'unreadable' });
    expect(await inspectZip(Buffer.alloc(0), roomy)).toEqual({ ok: false, reason: 'unreadable' });
    // Entries whose deflated bytes are noise.
    const garbled = Buffer.from(file);
    for (let i = 40; i < garbled.length / 2; i += 7) garbled[i] = 0xff;
    expect((await inspectZip(garbled, roomy)).ok).toBe(false);
  });
});

describe('writeZip', () => {
  it('writes entries that a zip reader gets back byte for byte, with UTF-8 names', async () => {
    const entries = [
      { name: 'HZ-1.pdf', data: Buffer.from('%PDF-1.7 one') },
      { name: 'سرٹیفکیٹ.pdf', data: Buffer.alloc(70_000, 7) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
    ];
    const chunks: Buffer[] = [];
    for await (const chunk of writeZip(entries, new Date(2026, 2, 5, 10, 30, 12))) chunks.push(chunk);
    const file = Buffer.concat(chunks);
    expect(await inspectZip(file, roomy)).toEqual({ ok: true, inflatedBytes: 70_012 });
    const read = new Map<string, Buffer>();
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(file, { lazyEntries: true }, (e, z) => (e || !z ? reject(e ?? new Error('no zip')) : resolve(z))),
    );
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        expect(entry.getLastModDate().getMinutes()).toBe(30);
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => {
            read.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', resolve);
      zip.readEntry();
    });
    expect([...read.keys()]).toEqual(entries.map((e) => e.name));
    for (const entry of entries) expect(read.get(entry.name)).toEqual(entry.data);
  });
});
