import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLanguage } from '../i18n';
import ur from '../i18n/ur.json';
import { api, ApiClientError } from '../lib/api';
import { answerApi } from '../test/setup';
import { renderWithProviders } from '../test/render';
import { ErrorAlert } from './ErrorAlert';

const latin = /[A-Za-z]/;

/** The error a save gets when the server (or whatever answers in its place) answers `response`. */
async function failedSave(response: () => Response): Promise<unknown> {
  answerApi(response);
  return api.call('updateParticipant', { params: { id: 'e1', personId: 'p1' }, body: { role: 'observer' } }).then(
    () => null,
    (error: unknown) => error,
  );
}

describe('a failed save, on an Urdu screen', () => {
  beforeEach(async () => {
    await act(() => changeLanguage('ur'));
  });
  afterEach(async () => {
    await act(() => changeLanguage('en'));
  });

  it('says that a proxy answered for a server that is down in Urdu, not in the proxy’s English', async () => {
    const error = await failedSave(
      () => new Response('<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    renderWithProviders(<ErrorAlert error={error} />);
    const alert = screen.getByTestId('error-alert');
    expect(alert.textContent).toContain(ur.apiError.server_down_help);
    expect(alert.textContent).not.toMatch(latin);
  });

  it('says what the code means when an answer without the API’s shape brings no message of its own', async () => {
    const error = await failedSave(() => new Response('Request Entity Too Large', { status: 413, statusText: 'Payload Too Large' }));
    renderWithProviders(<ErrorAlert error={error} />);
    const alert = screen.getByTestId('error-alert');
    expect(alert.textContent).toContain(ur.apiError.internal_error);
    expect(alert.textContent).not.toMatch(latin);
  });

  it('says that the server was not reached in Urdu, not in the browser’s "Failed to fetch"', () => {
    renderWithProviders(<ErrorAlert error={new ApiClientError(0, 'network_error', 'Failed to fetch')} />);
    expect(screen.getByTestId('error-alert').textContent).toBe(ur.apiError.network_error + ur.apiError.network_error_help);
  });

  it('shows the server’s own message, which comes in Urdu', async () => {
    const error = await failedSave(() => Response.json({ error: { code: 'internal_error', message: 'سرور میں اندرونی خرابی', details: [] } }, { status: 500 }));
    renderWithProviders(<ErrorAlert error={error} />);
    expect(screen.getByTestId('error-alert').textContent).toBe(ur.apiError.internal_error + 'سرور میں اندرونی خرابی');
  });
});
