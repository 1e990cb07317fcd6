/**
 * Draws certificate PDFs in worker threads (certificates.worker.ts). Measured on this machine: one
 * PDF costs about 19 ms of CPU, so a ZIP of 500 is about 10 s of work; in the server's own thread it
 * would slow every other request for that long. One worker draws one job at a time (a batch, or a
 * single PDF); at most MAX_RENDER_WORKERS run, others wait their turn in one line (a 429 with
 * Retry-After past RENDER_QUEUE_LENGTH waiting). Single PDFs go through the same line: drawn in the
 * server's thread, a burst of 100 requests held every other request up for seconds.
 */
import os from 'node:os';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { turns } from '../../shared/turns.js';
import { renderCertificatesZip, type CertificatePdfInput } from './certificate.pdf.js';

/** A certificate to draw; the batch's logos are sent once (a megabyte each, copied per message otherwise). */
export type RenderInput = Omit<CertificatePdfInput, 'logos'>;
export type RenderRequest = { type: 'logos'; logos: Uint8Array[] } | { type: 'render'; id: number; input: RenderInput };
export type RenderReply = { id: number; ok: true; pdf: Uint8Array } | { id: number; ok: false; failure: string };

/** One worker per core beyond the server's own, at least one, at most two (as imports do). */
export const MAX_RENDER_WORKERS = Math.max(1, Math.min(2, os.availableParallelism() - 1));
const IDLE_MS = 30_000;
/** Jobs that may wait for a worker (single PDFs take a moment each; a batch, seconds). */
export const RENDER_QUEUE_LENGTH = 8;
const WAIT_MS = 60_000;
/** PDFs asked for ahead of the one being written out, so that the worker never waits for the next. */
const LOOK_AHEAD = 2;

// Compiled (packages/server/dist), the worker is a bundle of its own beside this code; run from the
// TypeScript sources (vitest, tsx), the boot file registers the TypeScript loader first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./certificates.worker-boot.mjs', import.meta.url)
  : new URL('./certificates.worker.js', import.meta.url);

type Pending = { resolve: (pdf: Buffer) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; dead: boolean; pending: Map<number, Pending>; idleTimer: NodeJS.Timeout | undefined };

const idle: Slot[] = [];
let nextId = 0;
const renderTurns = turns({
  max: MAX_RENDER_WORKERS,
  maxWaiting: RENDER_QUEUE_LENGTH,
  waitMs: WAIT_MS,
  busyMessage: 'The server is drawing other certificates; try again in a minute',
});

function failAll(slot: Slot, error: Error): void {
  slot.dead = true;
  for (const pending of slot.pending.values()) pending.reject(error);
  slot.pending.clear();
  const at = idle.indexOf(slot);
  if (at >= 0) idle.splice(at, 1);
}

function spawn(): Slot {
  // execArgv empty: the boot file registers the TypeScript loader itself, whatever the parent had.
  const worker = new Worker(WORKER_ENTRY, { execArgv: [] });
  const slot: Slot = { worker, dead: false, pending: new Map(), idleTimer: undefined };
  worker.on('message', (reply: RenderReply) => {
    const pending = slot.pending.get(reply.id);
    if (!pending) return;
    slot.pending.delete(reply.id);
    if (reply.ok) pending.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    else pending.reject(new Error(`certificate worker: ${reply.failure}`));
  });
  worker.on('error', (error) => failAll(slot, error));
  worker.on('exit', (code) => failAll(slot, new Error(`certificate worker exited with code ${code}`)));
  return slot;
}

function takeSlot(): Slot {
  let slot = idle.pop();
  while (slot?.dead) slot = idle.pop();
  const current = slot ?? spawn();
  clearTimeout(current.idleTimer);
  current.worker.ref();
  return current;
}

function putBack(slot: Slot): void {
  if (slot.dead) return;
  if (slot.pending.size > 0) {
    // Left mid-batch (the download was cancelled): its queue may hold many PDFs nobody will read.
    failAll(slot, new Error('certificate batch abandoned'));
    void slot.worker.terminate();
    return;
  }
  // An idle worker neither keeps the process alive nor its memory for long.
  slot.worker.unref();
  slot.idleTimer = setTimeout(() => {
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
    slot.dead = true;
    void slot.worker.terminate();
  }, IDLE_MS);
  slot.idleTimer.unref();
  idle.push(slot);
}

function ask(slot: Slot, input: RenderInput): Promise<Buffer> {
  if (slot.dead) return Promise.reject(new Error('certificate worker is gone'));
  const id = (nextId += 1);
  const done = new Promise<Buffer>((resolve, reject) => slot.pending.set(id, { resolve, reject }));
  const request: RenderRequest = { type: 'render', id, input };
  slot.worker.postMessage(request);
  return done;
}

/**
 * The certificates as a ZIP of PDFs, a stream that is drawn in a worker as it is read. The worker's
 * turn is taken before the stream is made, so that a 429 comes as an answer and not as a broken
 * download; it is given back when the stream ends or is closed (a download cancelled). `fileName`
 * names each PDF (without ".pdf").
 */
export async function renderZipInWorker<I extends RenderInput>(
  inputs: readonly I[],
  logos: readonly Buffer[],
  options: { fileName?: (input: I) => string; onProgress?: (done: number) => void } = {},
): Promise<Readable> {
  await renderTurns.take();
  let slot: Slot;
  try {
    slot = takeSlot();
  } catch (error) {
    renderTurns.release();
    throw error;
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    putBack(slot);
    renderTurns.release();
  };
  const request: RenderRequest = { type: 'logos', logos: logos.map((logo) => new Uint8Array(logo)) };
  slot.worker.postMessage(request);
  const started = new Map<number, Promise<Buffer>>();
  const startUpTo = (index: number) => {
    for (let i = started.size; i <= Math.min(index, inputs.length - 1); i += 1) {
      const render = ask(slot, inputs[i] as I);
      // Awaited in turn below; one failing early must not count as unhandled meanwhile.
      render.catch(() => undefined);
      started.set(i, render);
    }
  };
  const indexOf = new Map(inputs.map((input, i) => [input, i]));
  async function* zip(): AsyncGenerator<Buffer> {
    try {
      yield* renderCertificatesZip(inputs, {
        ...options,
        // The PDF asked for, and the next LOOK_AHEAD asked for too, so the worker is never idle.
        render: (input) => {
          const index = indexOf.get(input) ?? 0;
          startUpTo(index + LOOK_AHEAD);
          return started.get(index) ?? ask(slot, input);
        },
      });
    } finally {
      release();
    }
  }
  const stream = Readable.from(zip(), { objectMode: false });
  // A stream closed before it was first read never runs the generator's own `finally`.
  stream.on('close', release);
  return stream;
}

/** One certificate's PDF, drawn in a worker when its turn comes (429 when the line is full). */
export async function renderPdfInWorker(input: RenderInput, logos: readonly Buffer[]): Promise<Buffer> {
  await renderTurns.take();
  let slot: Slot | undefined;
  try {
    slot = takeSlot();
    const request: RenderRequest = { type: 'logos', logos: logos.map((logo) => new Uint8Array(logo)) };
    slot.worker.postMessage(request);
    return await ask(slot, input);
  } finally {
    if (slot) putBack(slot);
    renderTurns.release();
  }
}

/** Jobs drawing and waiting now (tests). */
export const renderLoad = () => renderTurns.load();

/** Ends every idle worker (tests, shutdown). */
export async function stopRenderWorkers(): Promise<void> {
  const slots = idle.splice(0);
  await Promise.all(
    slots.map(async (slot) => {
      clearTimeout(slot.idleTimer);
      slot.dead = true;
      await slot.worker.terminate();
    }),
  );
}
