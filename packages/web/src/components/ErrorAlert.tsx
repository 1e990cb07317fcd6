import { Alert, List } from '@mantine/core';
import { useTranslation } from '../i18n';
import { isApiError } from '../lib/api';

/** An API error as an alert: the translated meaning of its code, then the server's message and details. */
export function ErrorAlert({ error, testId = 'error-alert' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isApiError(error) ? error.code : 'network_error';
  // The server's messages come in the reader's language; the browser's own ("Failed to fetch") do
  // not, so a request that never reached the server is explained in words of ours.
  const neverReached = isApiError(error) && error.status === 0;
  const message = neverReached ? t('apiError.network_error_help') : isApiError(error) ? error.message : error instanceof Error ? error.message : '';
  const details = isApiError(error) ? error.details.filter((d) => !d.path && d.line === undefined) : [];
  return (
    <Alert color="red" title={t(`apiError.${code}`)} data-testid={testId} mb="sm">
      {message}
      {details.length > 0 ? (
        <List size="sm" mt="xs">
          {details.map((d, i) => (
            <List.Item key={i}>{d.message}</List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
