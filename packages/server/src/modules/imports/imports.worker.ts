/**
 * An import worker thread: parses the uploaded file and checks every row (answering with the keys
 * to read the register by), then matches the rows against that part of the register
 * (imports.plan.ts), so that none of that holds up the server's event loop.
 * Started by imports.runner.ts through imports.worker-boot.mjs; one task at a time.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { AppError } from '../../http/errors.js';
import { toUrdu } from '../../i18n/urdu.js';
import { parseImportFile } from './imports.parse.js';
import { checkImportFile, planImport, registerKeys, type CheckedFile } from './imports.plan.js';
import type { WorkerReply, WorkerRequest } from './imports.runner.js';

if (!parentPort) throw new Error('imports.worker.ts runs only as a worker thread');
const port = parentPort;

/** The file checked by the last `check` step, until its `plan` (or `drop`) step: one task at a time. */
let held: CheckedFile | null = null;

type AnsweredRequest = Exclude<WorkerRequest, { step: 'drop' }>;

async function answer(request: AnsweredRequest): Promise<WorkerReply> {
  switch (request.step) {
    case 'check': {
      held = null;
      const buffer = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
      held = checkImportFile(await parseImportFile(buffer, request.filename));
      return { ok: true, result: { kind: 'keys', keys: registerKeys(held) } };
    }
    case 'plan': {
      const checked = held;
      held = null;
      if (!checked) throw new Error('a plan step came with no checked file');
      const plan = planImport(checked, request.snapshot, new Map(request.choices), request.dryRun);
      if (request.dryRun) {
        // A dry run's problems are read by the person fixing the file, in their language. The answer
        // is made into JSON here too: for 90,000 rows that is tens of milliseconds of the main thread.
        if (request.urdu) plan.report.errors = plan.report.errors.map((e) => ({ ...e, message: toUrdu(e.message) }));
        return { ok: true, result: { kind: 'report', json: JSON.stringify(plan.report), threadId } };
      }
      return { ok: true, result: { kind: 'plan', plan, threadId } };
    }
  }
}

async function run(request: AnsweredRequest): Promise<WorkerReply> {
  try {
    return await answer(request);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    return { ok: false, error: null, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

port.on('message', (request: WorkerRequest) => {
  // A dropped file needs no answer: nobody waits for one.
  if (request.step === 'drop') held = null;
  else void run(request).then((reply) => port.postMessage(reply));
});
