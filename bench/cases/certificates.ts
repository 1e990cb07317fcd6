/**
 * certificates_per_s (issue 10): a batch of 500 certificate PDFs through the path the ZIP download
 * takes (GET /api/events/{id}/certificates.zip): each certificate's signed QR text, the PDF drawn in
 * the certificate worker thread (fonts embedded, Urdu shaped and ordered, the QR as vector squares,
 * two logos), streamed into a ZIP. Half the batch is in English, half in Urdu. Target: at least 20
 * certificates a second.
 *
 * The baseline is the least a PDF of the same words costs with the same library: a bare pdfkit page
 * (A4 landscape) with the English certificate's lines in pdfkit's built-in Helvetica (a standard
 * font: nothing to embed, no shaping, no bidi), no QR code and no logos, drawn in the benchmark's own
 * thread one after another. The ratio is therefore the price of everything a real certificate needs
 * over the bare page, less what the worker thread wins back by drawing beside the main thread.
 *
 * The worker is warmed with a small batch first, as a server that drew certificates in the last half
 * minute has it (an idle worker is kept for 30 s); the figure without that is in docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import {
  encodeCertificateQr,
  loadKeyring,
  newCertificateNumber,
  renderZipInWorker,
  stopRenderWorkers,
  type RenderInput,
} from '../../packages/server/src/testing.js';
import { throughputResult, type Result } from '../lib/measure.js';
import { Rng } from '../lib/prng.js';

const BATCH = 500;
const WARM_UP = 10;

const GIVEN = ['Ayesha', 'Bilal', 'Sana', 'Imran', 'Nadia', 'Farah', 'Usman', 'Hina', 'Kamran', 'Saima'];
const FAMILY = ['Khan', 'Ahmed', 'Malik', 'Shah', 'Hussain', 'Qureshi', 'Butt', 'Chaudhry', 'Raza', 'Iqbal'];
const GIVEN_UR = ['عائشہ', 'بلال', 'ثنا', 'عمران', 'نادیہ', 'فرح', 'عثمان', 'حنا', 'کامران', 'صائمہ'];
const FAMILY_UR = ['خان', 'احمد', 'ملک', 'شاہ', 'حسین', 'قریشی', 'بٹ', 'چودھری', 'رضا', 'اقبال'];

/** A PNG of one colour (PNG specification: signature, IHDR, IDAT, IEND; CRC-32 each), as a logo. */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x += 1) row.set(rgb, 1 + x * 3);
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 500 certificates of one event, half in English and half in Urdu, each with its signed QR text. */
function batch(dataDir: string, size: number, seed: number): RenderInput[] {
  const rng = new Rng(seed);
  const keys = loadKeyring(dataDir, {});
  // The numbers are drawn with the system's random (as issued); the rest of the batch follows the seed.
  return Array.from({ length: size }, (_, i) => {
    const urdu = i % 2 === 1;
    const holderName = urdu ? `${rng.pick(GIVEN_UR)} ${rng.pick(FAMILY_UR)}` : `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`;
    const claims = {
      number: newCertificateNumber(2026),
      holderName,
      eventTitle: urdu ? 'انسانی اسمگلنگ کے متاثرین کی شناخت پر تربیتی ورکشاپ' : 'Training on the identification of victims of trafficking',
      startDate: '2026-03-02',
      endDate: '2026-03-04',
      issuedOn: '2026-03-05',
      kind: rng.chance(0.7) ? ('training' as const) : ('participation' as const),
    };
    return {
      language: urdu ? ('ur' as const) : ('en' as const),
      claims,
      programme: 'National Anti-Trafficking Programme',
      verifyUrl: 'https://hifazat.example.org',
      qrText: encodeCertificateQr(claims, keys.signing),
    };
  });
}

/** Reads the ZIP stream to its end, as a download would; the bytes it held. */
async function drain(stream: NodeJS.ReadableStream): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

/** The baseline: the English certificate's lines on a bare pdfkit page in Helvetica. */
function barePage(input: RenderInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 0 });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const lines: Array<[string, number, number]> = [
    [input.programme, 17, 90],
    ['Training certificate', 34, 160],
    ['This is to certify that', 14, 210],
    [input.claims.holderName, 28, 260],
    ['has successfully completed the training', 14, 300],
    [input.claims.eventTitle, 21, 345],
    ['2–4 March 2026', 13, 385],
    [`Issued by ${input.programme} on 5 March 2026`, 11, 415],
    [`Certificate No. ${input.claims.number}`, 11, 520],
    [`Verify at ${input.verifyUrl}/verify/${input.claims.number}`, 10, 540],
  ];
  for (const [text, size, y] of lines) doc.font('Helvetica').fontSize(size).text(text, 0, y, { width: 841.89, align: 'center', lineBreak: false });
  doc.end();
  return done;
}

export async function benchCertificates(log: (line: string) => void): Promise<Result[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hifazat-bench-certificates-'));
  try {
    const inputs = batch(dataDir, BATCH, 10);
    const logos = [solidPng(260, 116, [11, 110, 105]), solidPng(200, 116, [31, 42, 55])];

    const coldStart = performance.now();
    const warmBytes = await drain(await renderZipInWorker(inputs.slice(0, WARM_UP), logos));
    const coldMs = performance.now() - coldStart;
    log(`certificates: worker started and drew ${WARM_UP} (${Math.round(warmBytes / 1024)} kB) in ${Math.round(coldMs)} ms`);

    // How long the main thread (the server's, in a real download) was held at a time meanwhile.
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const start = performance.now();
    const bytes = await drain(await renderZipInWorker(inputs, logos));
    const appPerSecond = BATCH / ((performance.now() - start) / 1000);
    delay.disable();
    log(
      `certificates: ${BATCH} in a ZIP of ${(bytes / 1024 / 1024).toFixed(1)} MB, ${appPerSecond.toFixed(1)} a second; ` +
        `the main thread's longest pause ${(delay.max / 1e6).toFixed(0)} ms`,
    );

    const english = inputs.filter((i) => i.language === 'en');
    for (const input of english.slice(0, WARM_UP)) await barePage(input);
    const baseStart = performance.now();
    for (let i = 0; i < BATCH; i += 1) await barePage(english[i % english.length] as RenderInput);
    const basePerSecond = BATCH / ((performance.now() - baseStart) / 1000);
    log(`certificates: bare pdfkit pages ${basePerSecond.toFixed(1)} a second`);
    return [throughputResult('certificates_per_s', appPerSecond, basePerSecond, 'certificates/s')];
  } finally {
    await stopRenderWorkers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
