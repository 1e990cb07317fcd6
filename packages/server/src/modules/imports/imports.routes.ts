import { routes, zImportChoices, type ImportReport } from '@hifazat/contract';
import type { FastifyRequest } from 'fastify';
import { AppError, conflict } from '../../http/errors.js';
import { serveRoute } from '../../http/route.js';
import { actorOf, type App, type AppDeps } from '../../http/types.js';
import { requestLanguage } from '../../i18n/language.js';
import { getEditableEventRow } from '../events/index.js';
import type { RowChoices } from './imports.plan.js';
import { runImportTask } from './imports.runner.js';
import { readImportSnapshot, writeImportPlan } from './imports.service.js';

/** The upload limit, from the route map (the multipart parser and the document use the same). */
export const MAX_UPLOAD_BYTES = routes.importParticipants.upload.maxBytes;

/** One import at a time per user (in this process): the second answers 409 while the first runs. */
const importing = new Set<string>();

type Upload = { buffer: Buffer; filename: string; choices: RowChoices };

function parseChoices(text: string): RowChoices {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError('validation_failed', 'The choices are not valid JSON', [{ path: 'choices', message: 'Not JSON' }]);
  }
  const checked = zImportChoices.safeParse(value);
  if (!checked.success) {
    throw new AppError(
      'validation_failed',
      'The choices must map line numbers to a personId or "new"',
      checked.error.issues.map((issue) => ({ path: ['choices', ...issue.path.map(String)].join('.'), message: issue.message })),
    );
  }
  return new Map(Object.entries(checked.data).map(([line, choice]) => [Number(line), choice]));
}

/**
 * The uploaded file's bytes and the choices sent beside it. The multipart parser rejects a body
 * that ends early or is not well-formed with a bare Error; that is the client's doing and answers
 * 400, not 500. Its own errors with a status (the 413 past the size limit) keep theirs.
 */
async function readUpload(request: FastifyRequest): Promise<Upload> {
  let file: { buffer: Buffer; filename: string } | undefined;
  let choices: RowChoices = new Map();
  try {
    for await (const part of request.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1024 * 1024 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file')
          throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
        file = { buffer: await part.toBuffer(), filename: part.filename };
      } else if (part.fieldname === 'choices' && typeof part.value === 'string' && part.value.trim() !== '') {
        choices = parseChoices(part.value);
      }
    }
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
    throw new AppError('validation_failed', 'The upload could not be read: it ended early or is not well-formed multipart/form-data', [
      { path: 'file', message: 'Unreadable upload' },
    ]);
  }
  if (!file) throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
  return { ...file, choices };
}

export function registerImportRoutes(app: App, { db }: AppDeps): void {
  // A multipart upload (the map's `upload`: no body schema): the handler reads the parts itself.
  serveRoute(app, 'importParticipants', async (request, reply) => {
    if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data in a field named "file"');
    const actor = actorOf(request);
    if (importing.has(actor.id)) throw conflict('You already have an import running; wait until it has finished');
    importing.add(actor.id);
    try {
      const { buffer, filename, choices } = await readUpload(request);
      const eventId = request.params.id;
      // Refused before the file is checked: a worker's time is not spent on an event the user may not change.
      await getEditableEventRow(db, actor, eventId);
      const dryRun = request.query.dryRun;
      const result = await runImportTask({ bytes: buffer, filename, choices: [...choices], dryRun, urdu: requestLanguage(request) === 'ur' }, (keys) =>
        readImportSnapshot(db, actor, eventId, keys),
      );
      // The worker made the dry run's answer into JSON already: sent as it is, not serialised again.
      if (result.kind === 'report') return reply.type('application/json; charset=utf-8').send(result.json as unknown as ImportReport);
      return await writeImportPlan(db, actor, eventId, result.plan);
    } finally {
      importing.delete(actor.id);
    }
  });
}
