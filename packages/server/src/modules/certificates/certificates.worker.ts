/**
 * A worker thread that draws certificate PDFs (certificate.pdf.ts), so that a batch of hundreds
 * (about 19 ms of CPU each) does not hold up the server's event loop. Started by
 * certificates.render.ts; it draws one PDF at a time, in the order asked.
 */
import { parentPort } from 'node:worker_threads';
import { renderCertificatePdf } from './certificate.pdf.js';
import type { RenderReply, RenderRequest } from './certificates.render.js';

if (!parentPort) throw new Error('certificates.worker.ts runs only as a worker thread');
const port = parentPort;

/** The logos of the batch being drawn: sent once, not with each certificate. */
let logos: Buffer[] = [];

/** The PDF's bytes, handed over without a copy when they fill their own memory (they nearly always do). */
function transferable(pdf: Buffer): Uint8Array {
  if (pdf.byteOffset === 0 && pdf.byteLength === pdf.buffer.byteLength) return new Uint8Array(pdf.buffer, 0, pdf.byteLength);
  return new Uint8Array(pdf);
}

// Requests are handled one after the other: the next waits until the PDF before it is done.
let queue: Promise<void> = Promise.resolve();

port.on('message', (request: RenderRequest) => {
  if (request.type === 'logos') {
    queue = queue.then(() => {
      logos = request.logos.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    return;
  }
  queue = queue.then(async () => {
    let reply: RenderReply;
    try {
      const pdf = transferable(await renderCertificatePdf({ ...request.input, logos }));
      reply = { id: request.id, ok: true, pdf };
      port.postMessage(reply, [pdf.buffer as ArrayBuffer]);
    } catch (error) {
      reply = { id: request.id, ok: false, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
      port.postMessage(reply);
    }
  });
});
