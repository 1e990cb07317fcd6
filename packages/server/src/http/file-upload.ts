import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/**
 * The bytes of the one file sent in the multipart field "file" (an import's ZIP or sheet); other
 * files are read and dropped. A malformed multipart body is the client's doing (4xx), never a 500.
 * `what` names the file in the message ("the ZIP", "the .xlsx").
 */
export async function readFileUpload(request: FastifyRequest, maxBytes: number, what: string): Promise<Buffer> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', `Send ${what} as multipart/form-data in a field named "file"`);
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 4 } })) {
      if (part.type === 'file' && part.fieldname === 'file') file = await part.toBuffer();
      else if (part.type === 'file') await part.toBuffer();
    }
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (error instanceof AppError || (typeof status === 'number' && status < 500)) throw error;
    throw new AppError('validation_failed', 'The upload could not be read', [{ path: 'file', message: 'Unreadable upload' }]);
  }
  if (!file) throw new AppError('validation_failed', 'No file: send it in a field named "file"', [{ path: 'file', message: 'Required' }]);
  return file;
}
