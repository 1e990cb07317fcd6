/**
 * An import worker thread: parses the uploaded file, checks every row and matches it against the
 * register snapshot (imports.plan.ts), so that none of that holds up the server's event loop.
 * Started by imports.runner.ts through imports.worker-boot.mjs; one task at a time.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { AppError } from '../../http/errors.js';
import { toUrdu } from '../../i18n/urdu.js';
import { parseImportFile } from './imports.parse.js';
import { planImport } from './imports.plan.js';
import type { ImportTask, WorkerReply } from './imports.runner.js';

if (!parentPort) throw new Error('imports.worker.ts runs only as a worker thread');
const port = parentPort;

async function run(task: ImportTask): Promise<WorkerReply> {
  try {
    const buffer = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    const parsed = await parseImportFile(buffer, task.filename);
    const plan = planImport(parsed, task.snapshot, new Map(task.choices), task.dryRun);
    if (task.dryRun) {
      // A dry run's problems are read by the person fixing the file, in their language. The answer
      // is made into JSON here too: for 90,000 rows that is tens of milliseconds of the main thread.
      if (task.urdu) plan.report.errors = plan.report.errors.map((e) => ({ ...e, message: toUrdu(e.message) }));
      return { ok: true, result: { kind: 'report', json: JSON.stringify(plan.report), threadId } };
    }
    return { ok: true, result: { kind: 'plan', plan, threadId } };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message, details: error.details } };
    return { ok: false, error: null, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

port.on('message', (task: ImportTask) => {
  void run(task).then((reply) => port.postMessage(reply));
});
