/**
 * Runs the checking half of an import (parse, check, match: imports.worker.ts) in a worker thread.
 * A 10 MB, 92,000-row file took 23 s of the event loop, and every other request waited that long.
 * Workers are kept (an idle one ends after IDLE_MS) and at most MAX_IMPORT_WORKERS run at once.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ErrorCode, ErrorDetail } from '@hifazat/contract';
import { AppError } from '../../http/errors.js';
import { turns } from '../../shared/turns.js';
import type { ImportPlan, ImportSnapshot, RegisterKeys } from './imports.plan.js';

export type ImportTask = {
  bytes: Uint8Array;
  filename: string;
  choices: Array<[number, string]>;
  dryRun: boolean;
  urdu: boolean;
};

/** Reads the register for the keys the worker found in the file (imports.service.ts readImportSnapshot). */
export type SnapshotReader = (keys: RegisterKeys) => Promise<ImportSnapshot>;

export type ImportTaskResult = { threadId: number } & ({ kind: 'report'; json: string } | { kind: 'plan'; plan: ImportPlan });

/**
 * What the runner asks a worker, in two steps for one task: check the file (answered with the keys
 * its rows are matched on), then plan it against the register read for those keys. `drop` forgets
 * a checked file whose register could not be read (the event was not found, say).
 */
export type WorkerRequest =
  | { step: 'check'; bytes: Uint8Array; filename: string }
  | { step: 'plan'; snapshot: ImportSnapshot; choices: Array<[number, string]>; dryRun: boolean; urdu: boolean }
  | { step: 'drop' };

type WorkerResult = { kind: 'keys'; keys: RegisterKeys } | ImportTaskResult;

export type WorkerReply =
  | { ok: true; result: WorkerResult }
  | { ok: false; error: { code: ErrorCode; message: string; details: ErrorDetail[] } }
  | { ok: false; error: null; failure: string };

/** One worker per core the machine has beyond the one the server runs on, at least one, at most two. */
export const MAX_IMPORT_WORKERS = Math.max(1, Math.min(2, os.availableParallelism() - 1));
const IDLE_MS = 30_000;
const TASK_TIMEOUT_MS = 180_000;
/** A file that needs more than this to check ends its worker (413), not the server. */
const WORKER_HEAP_MB = 1536;

// Compiled (packages/server/dist), the worker is a bundle of its own beside this code; run from the
// TypeScript sources (vitest, tsx), the boot file registers the TypeScript loader first.
const WORKER_ENTRY = import.meta.url.endsWith('.ts') ? new URL('./imports.worker-boot.mjs', import.meta.url) : new URL('./imports.worker.js', import.meta.url);

type Slot = { worker: Worker; dead: boolean; idleTimer: NodeJS.Timeout | undefined };
const idle: Slot[] = [];

function spawn(): Slot {
  // execArgv empty: the boot file registers the TypeScript loader itself, whatever the parent had.
  const worker = new Worker(WORKER_ENTRY, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const slot: Slot = { worker, dead: false, idleTimer: undefined };
  worker.on('exit', () => {
    slot.dead = true;
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
  });
  // Errors while a task runs are handled by that task; an idle worker's are only noted by 'exit'.
  worker.on('error', () => undefined);
  return slot;
}

function retire(slot: Slot): void {
  slot.dead = true;
  void slot.worker.terminate();
}

/** Imports waiting for a worker, first come first served; past 8 in line, or after a minute, a 429. */
const importTurns = turns({
  max: MAX_IMPORT_WORKERS,
  maxWaiting: 8,
  waitMs: 60_000,
  busyMessage: 'The server is checking other imports; try again in a minute',
});

/** Sends one request to the worker and waits for its answer; a worker that fails or runs too long is ended. */
function ask(current: Slot, request: WorkerRequest): Promise<WorkerResult> {
  return new Promise<WorkerResult>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      current.worker.off('message', onMessage);
      current.worker.off('error', onError);
      current.worker.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      cleanup();
      retire(current);
      reject(new AppError('payload_too_large', 'The file took too long to check; split it into smaller files'));
    }, TASK_TIMEOUT_MS);
    const onMessage = (reply: WorkerReply) => {
      cleanup();
      if (reply.ok) resolve(reply.result);
      else if (reply.error) reject(new AppError(reply.error.code, reply.error.message, reply.error.details));
      else reject(new Error(`import worker failed: ${reply.failure}`));
    };
    const onError = (error: Error & { code?: string }) => {
      cleanup();
      retire(current);
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
        reject(new AppError('payload_too_large', 'The file needs too much memory to check; split it into smaller files'));
      else reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`import worker exited with code ${code}`));
    };
    current.worker.on('message', onMessage);
    current.worker.on('error', onError);
    current.worker.on('exit', onExit);
    current.worker.postMessage(request);
  });
}

/**
 * Checks (and, for a dry run, reports on) an import file in a worker; rejects with the AppError the
 * checking raised, or the one `readSnapshot` raised. The worker holds the checked file while the
 * register is read for its keys on this thread.
 */
export async function runImportTask(task: ImportTask, readSnapshot: SnapshotReader): Promise<ImportTaskResult> {
  await importTurns.take();
  let slot = idle.pop();
  while (slot?.dead) slot = idle.pop();
  const current = slot ?? spawn();
  clearTimeout(current.idleTimer);
  current.worker.ref();
  try {
    const checked = await ask(current, { step: 'check', bytes: task.bytes, filename: task.filename });
    if (checked.kind !== 'keys') throw new Error(`import worker answered the check with ${checked.kind}`);
    let snapshot: ImportSnapshot;
    try {
      snapshot = await readSnapshot(checked.keys);
    } catch (error) {
      current.worker.postMessage({ step: 'drop' } satisfies WorkerRequest);
      throw error;
    }
    const planned = await ask(current, { step: 'plan', snapshot, choices: task.choices, dryRun: task.dryRun, urdu: task.urdu });
    if (planned.kind === 'keys') throw new Error('import worker answered the plan with keys');
    return planned;
  } finally {
    if (!current.dead) {
      // An idle worker neither keeps the process alive nor its memory for long.
      current.worker.unref();
      current.idleTimer = setTimeout(() => {
        const at = idle.indexOf(current);
        if (at >= 0) idle.splice(at, 1);
        retire(current);
      }, IDLE_MS);
      current.idleTimer.unref();
      idle.push(current);
    }
    importTurns.release();
  }
}

/** Ends every idle worker (tests, shutdown). */
export async function stopImportWorkers(): Promise<void> {
  const slots = idle.splice(0);
  await Promise.all(
    slots.map(async (s) => {
      clearTimeout(s.idleTimer);
      s.dead = true;
      await s.worker.terminate();
    }),
  );
}
