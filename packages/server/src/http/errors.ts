import type { ErrorCode, ErrorDetail } from '@hifazat/contract';
import { z } from 'zod';
import { requestLanguage } from '../i18n/language.js';
import { toUrdu } from '../i18n/urdu.js';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

const statusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  break_glass_required: 403,
  not_found: 404,
  conflict: 409,
  edit_conflict: 409,
  attempt_exists: 409,
  link_closed: 410,
  certificate_revoked: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rule_violation: 422,
  import_invalid: 422,
  rate_limited: 429,
  internal_error: 500,
};

/** A failure the client caused or may act on; becomes `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    /** Sent as `error.current` (an `edit_conflict`: the records as they are now). */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status(): number {
    return statusOf[this.code];
  }
}

/** 429 with the seconds after which trying again can succeed (sent as `Retry-After`). */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this', details: ErrorDetail[] = []) => new AppError('forbidden', message, details);
export const conflict = (message: string, details: ErrorDetail[] = []) => new AppError('conflict', message, details);
/** 409 `edit_conflict`: what the change was based on was changed by someone else; `current` is how it is now. */
export const editConflict = (message: string, current: unknown, details: ErrorDetail[] = []) => new AppError('edit_conflict', message, details, current);
export const ruleViolation = (message: string, details: ErrorDetail[] = []) => new AppError('rule_violation', message, details);
export const invalid = (message: string, details: ErrorDetail[] = []) => new AppError('validation_failed', message, details);

function body(code: ErrorCode, message: string, details: ErrorDetail[] = [], current?: unknown) {
  return { error: { code, message, details, ...(current === undefined ? {} : { current }) } };
}

// Fastify's own error codes for bad requests, mapped to ours.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
};

/**
 * Refusals by the database that a request can cause: a unique or foreign-key constraint broken by a
 * concurrent write (PostgreSQL 23505/23503, SQLite's SQLITE_CONSTRAINT_* codes), or a value
 * PostgreSQL will not store (class 22, data exception: a NUL character, an out-of-range number).
 */
export function databaseRefusal(code: unknown): ErrorCode | undefined {
  if (typeof code !== 'string') return undefined;
  if (
    code === '23505' ||
    code === '23503' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    // PostgreSQL gave up one of two transactions waiting on each other (deadlock, serialization): try again.
    code === '40P01' ||
    code === '40001'
  ) {
    return 'conflict';
  }
  if (/^22[0-9A-Z]{3}$/.test(code)) return 'validation_failed';
  return undefined;
}

/** The one place where errors become HTTP answers. Nothing a client sends gets a 500 or a stack trace. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const urdu = requestLanguage(request) === 'ur';
    const say = (message: string) => (urdu ? toUrdu(message) : message);
    const sayAll = (details: ErrorDetail[]) => details.map((d) => ({ ...d, message: say(d.message) }));
    if (error instanceof AppError) {
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.status(error.status).send(body(error.code, say(error.message), sayAll(error.details), error.current));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const details = error.validation.map((issue) => {
        const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return { path: path || where, message: urdu ? zodIssueInUrdu(issue) : (issue.message ?? 'Invalid value') };
      });
      return reply.status(400).send(body('validation_failed', say(`Invalid ${where}`), details));
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: { message: error.message, route: request.routeOptions.url } }, 'response did not match its schema');
      return reply.status(500).send(body('internal_error', say('Internal error')));
    }
    const refused = databaseRefusal(error.code);
    if (refused) {
      // Two requests changing the same records at once, or a value the database cannot store (a NUL
      // character in PostgreSQL text): the client's doing, not a bug. The driver's message and
      // details name the offending values, so neither is sent nor logged.
      return reply
        .status(statusOf[refused])
        .send(body(refused, say(refused === 'conflict' ? 'The records changed while this was being saved; reload and try again' : 'A value cannot be stored')));
    }
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    // Fastify's own words ("Request body is too large"): in Urdu too, when the catalogue has them.
    if (mapped) return reply.status(statusOf[mapped]).send(body(mapped, say(error.message)));
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code: ErrorCode =
        status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : status === 429
              ? 'rate_limited'
              : status === 404
                ? 'not_found'
                : 'validation_failed';
      // Parse errors and the like: the message is Fastify's own, never a stack.
      return reply.status(status === 413 || status === 415 || status === 429 || status === 404 ? status : 400).send(body(code, say(error.message)));
    }
    // Name, code and stack frames only: a driver's message and fields can quote the offending value
    // (PostgreSQL: 'invalid input syntax for type uuid: "…"', `detail`: "Key (email)=(…)"), and
    // personal data must not reach the logs. The request id leads back to the request.
    const frames = error.stack
      ?.split('\n')
      .filter((line) => line.trimStart().startsWith('at '))
      .join('\n');
    request.log.error({ err: { type: error.name, code: error.code, frames }, route: request.routeOptions.url }, 'unhandled error');
    return reply.status(500).send(body('internal_error', say('Internal error')));
  });
}

const zodUrdu = z.locales.ur();

/**
 * A validation problem in Urdu: our own messages (a refine's "The end date is before the start
 * date") from our catalogue, zod's built-in ones from zod's Urdu locale.
 */
function zodIssueInUrdu(issue: { keyword: string; message?: string; params: Record<string, unknown>; instancePath: string }): string {
  const english = issue.message ?? 'Invalid value';
  const ours = toUrdu(english);
  if (ours !== english) return ours;
  const raw = { ...issue.params, code: issue.keyword, path: issue.instancePath.split('/').filter(Boolean), message: english };
  const localized = zodUrdu.localeError?.(raw as unknown as Parameters<NonNullable<typeof zodUrdu.localeError>>[0]);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? english;
}

/**
 * For Fastify's `frameworkErrors` option. An address that does not decode (`/api/people/%FF`) or a
 * path part longer than the router allows is refused by the router before any hook or error handler
 * runs, and Fastify's own answer is `{ error: 'Bad Request', code: 'FST_ERR_BAD_URL', … }` with the
 * address quoted back: not the API's shape. They are answered the way an invalid id is.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const message = 'The address is not valid: a malformed %-escape or a part too long';
    void reply
      .status(400)
      .send(body('validation_failed', requestLanguage(request) === 'ur' ? toUrdu(message) : message, [{ path: 'url', message: 'Invalid address' }]));
    return;
  }
  request.log.error({ err: { type: error.name, code: error.code } }, 'router error');
  void reply.status(500).send(body('internal_error', requestLanguage(request) === 'ur' ? toUrdu('Internal error') : 'Internal error'));
}

/** The 404 answer for an unknown route, in the API's error shape. */
export function notFoundBody(request: FastifyRequest) {
  const message = `No route ${request.method} ${request.url.split('?')[0]}`;
  return body('not_found', requestLanguage(request) === 'ur' ? toUrdu(message) : message);
}
