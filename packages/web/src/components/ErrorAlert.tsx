import { Alert, List } from '@mantine/core';
import { useTranslation } from '../i18n';
import { isApiError } from '../lib/api';
import { errorText } from '../lib/errorText';

/** An API error as an alert: the translated meaning of its code, then the server's message and details. */
export function ErrorAlert({ error, testId = 'error-alert' }: { error: unknown; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isApiError(error) ? error.code : 'network_error';
  const title = t(`apiError.${code}`);
  const message = errorText(t, error);
  const details = isApiError(error) ? error.details.filter((d) => !d.path && d.line === undefined) : [];
  return (
    <Alert color="red" title={title} data-testid={testId} mb="sm">
      {message === title ? null : message}
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
