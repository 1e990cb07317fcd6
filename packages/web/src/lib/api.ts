import { ApiClientError, createApiClient, type ErrorDetail } from '@hifazat/contract';
import { i18n } from '../i18n';
import { trackedFetch } from './connection';

/**
 * The one API client of the web app: same origin, session cookie, and the language the user reads
 * in, so that the server's error messages come back in it.
 */
export const api = createApiClient({ fetch: trackedFetch, headers: () => ({ 'accept-language': i18n.language === 'ur' ? 'ur' : 'en' }) });

/** No answer from the server (offline, or it is down): the request may be sent again later. */
export function isNetworkError(error: unknown): boolean {
  return (
    isApiError(error) &&
    (error.code === 'network_error' || ((error.status === 502 || error.status === 503 || error.status === 504) && error.code === 'internal_error'))
  );
}

export { ApiClientError };

export function isApiError(error: unknown): error is ApiClientError {
  return error instanceof ApiClientError;
}

export function isUnauthorized(error: unknown): boolean {
  return isApiError(error) && error.status === 401;
}

/** Field errors of a 400 answer, keyed by the field path ("endDate", "topics.0" → "topics"). */
export function fieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isApiError(error) || error.status !== 400) return result;
  for (const detail of error.details) {
    if (!detail.path) continue;
    const field = detail.path.split('.')[0] ?? detail.path;
    if (!(field in result)) result[field] = detail.message;
    if (!(detail.path in result)) result[detail.path] = detail.message;
  }
  return result;
}

/** Details without a field path (shown above a form). */
export function generalDetails(error: unknown): ErrorDetail[] {
  if (!isApiError(error)) return [];
  return error.details.filter((d) => !d.path);
}

/** Uploads a file as multipart field `file`. */
export function uploadForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file);
  return form;
}
