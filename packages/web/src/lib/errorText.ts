import type { Translate } from '../i18n';
import { isApiError, isNetworkError } from './api';

/**
 * What went wrong, in the reader's language. The server's messages come in it already (the request
 * says which language); the browser's own ("Failed to fetch") and a proxy's ("Bad Gateway") do
 * not, so a request that never reached the server, or that a proxy answered for a server that is
 * down, is explained in words of ours. An answer without a message says what its code means.
 */
export function errorText(t: Translate, error: unknown): string {
  if (!error) return '';
  if (isApiError(error)) {
    if (error.status === 0) return t('apiError.network_error_help');
    if (isNetworkError(error)) return t('apiError.server_down_help');
    return error.message || t(`apiError.${error.code}`);
  }
  return error instanceof Error ? error.message : '';
}
