import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateVerification } from '@hifazat/contract';
import { answerApi, json } from '../../test/setup';
import { renderWithProviders } from '../../test/render';
import VerifyPage from './VerifyPage';

const NUMBER = 'HZ-2026-7KQ3-M9TX';
const QR = 'HZC1:NCF2K5ZU7A8+T$4C5';
const VALID: CertificateVerification = {
  valid: true,
  genuine: true,
  revoked: false,
  recorded: true,
  reason: null,
  number: NUMBER,
  kind: 'training',
  holder: 'Amina Bibi',
  event: { title: 'Victim identification workshop — Gilgit', startDate: '2026-03-09', endDate: '2026-03-11' },
  issuedAt: '2026-03-12',
};
const NOT_GENUINE: CertificateVerification = {
  valid: false,
  genuine: false,
  revoked: false,
  recorded: false,
  reason: 'bad_signature',
  number: null,
  kind: null,
  holder: null,
  event: null,
  issuedAt: null,
};
const apiError = (status: number, code: string) => json({ error: { code, message: code, details: [] } }, status);

/** Answers the two public checks; `qrBodies` collects the QR texts sent. */
function serve(byNumber: (number: string) => Response, byQr: (qr: string) => Response = () => json(NOT_GENUINE)) {
  const qrBodies: string[] = [];
  answerApi((path, init) => {
    const number = /^\/api\/verify\/([^/?]+)$/.exec(path)?.[1];
    if (number && (init?.method ?? 'GET') === 'GET') return byNumber(decodeURIComponent(number));
    if (path === '/api/certificates/verify' && init?.method === 'POST') {
      const { qr } = JSON.parse(String(init.body)) as { qr: string };
      qrBodies.push(qr);
      return byQr(qr);
    }
    return apiError(404, 'not_found');
  });
  return qrBodies;
}

function renderVerify(address: string) {
  // The page reads the fragment and ?qr= from the browser's own address, as it does when opened from a link.
  window.history.replaceState(null, '', address);
  return renderWithProviders(
    <Routes>
      <Route path="/verify/:number" element={<VerifyPage />} />
      <Route path="/verify" element={<VerifyPage />} />
    </Routes>,
    { route: address.replace(/[?#].*$/, '') },
  );
}

afterEach(() => window.history.replaceState(null, '', '/'));

describe('the public verify page', () => {
  it('says valid and shows the holder, the event and its dates for a number issued here', async () => {
    serve((number) => (number === NUMBER ? json(VALID) : apiError(404, 'not_found')));
    renderVerify(`/verify/${NUMBER}`);
    await waitFor(() => expect(screen.getByTestId('verify-number-result').dataset.state).toBe('valid'));
    expect(screen.getByTestId('verify-number-result-verdict').textContent).toBe('Valid');
    expect(screen.getByTestId('verify-holder').textContent).toBe('Amina Bibi');
    expect(screen.getByTestId('verify-kind').textContent).toBe('Training certificate');
    expect(screen.getByTestId('verify-event').textContent).toBe('Victim identification workshop — Gilgit');
    expect(screen.getByTestId('verify-dates').textContent).toMatch(/9.*11.*2026/);
    // The reader is told to look at the address they are on.
    expect(screen.getByTestId('verify-address-warning').textContent).toContain(window.location.host);
  });

  it('says revoked, and not found in words for an unknown number, never an error page', async () => {
    serve((number) => (number === NUMBER ? json({ ...VALID, valid: false, revoked: true }) : apiError(404, 'not_found')));
    const first = renderVerify(`/verify/${NUMBER}`);
    await waitFor(() => expect(screen.getByTestId('verify-number-result').dataset.state).toBe('revoked'));
    expect(screen.getByTestId('verify-number-result-verdict').textContent).toBe('Revoked');
    first.unmount();

    renderVerify('/verify/HZ-2026-2222-3333');
    await waitFor(() => expect(screen.getByTestId('verify-number-result').dataset.state).toBe('notFound'));
    expect(screen.getByTestId('verify-number-result-verdict').textContent).toBe('Not found');
    expect(screen.getByTestId('verify-number-result').textContent).toContain('HZ-2026-2222-3333');
  });

  it('says a malformed number is not a certificate number, and a refused check asks to wait', async () => {
    serve((number) => (number === 'nonsense' ? apiError(400, 'validation_failed') : apiError(429, 'rate_limited')));
    const first = renderVerify('/verify/nonsense');
    await waitFor(() => expect(screen.getByTestId('verify-number-result').dataset.state).toBe('badNumber'));
    expect(screen.getByTestId('verify-number-result').textContent).toContain('not a certificate number');
    first.unmount();
    renderVerify(`/verify/${NUMBER}`);
    await waitFor(() => expect(screen.getByTestId('verify-number-result').dataset.state).toBe('rateLimited'));
    expect(screen.getByTestId('verify-retry')).toBeTruthy();
  });

  it('checks a pasted QR text: genuine for the signed one, not genuine with the reason for a changed one', async () => {
    const sent = serve(
      () => json(VALID),
      (qr) => (qr === QR ? json(VALID) : json(NOT_GENUINE)),
    );
    renderVerify('/verify');
    fireEvent.click(screen.getByTestId('verify-qr-submit'));
    expect(await screen.findByText('Paste the text of the QR code first')).toBeTruthy();
    expect(sent).toEqual([]);

    fireEvent.input(screen.getByTestId('verify-qr-input'), { target: { value: `  ${QR}\n` } });
    fireEvent.click(screen.getByTestId('verify-qr-submit'));
    await waitFor(() => expect(screen.getByTestId('verify-qr-result').dataset.state).toBe('genuine'));
    expect(screen.getByTestId('verify-qr-result-verdict').textContent).toBe('Genuine');
    expect(sent).toEqual([QR]);

    const changed = QR.replace('K5', 'K6');
    fireEvent.input(screen.getByTestId('verify-qr-input'), { target: { value: changed } });
    fireEvent.click(screen.getByTestId('verify-qr-submit'));
    await waitFor(() => expect(screen.getByTestId('verify-qr-result').dataset.state).toBe('not_genuine'));
    expect(screen.getByTestId('verify-qr-result-verdict').textContent).toBe('Not genuine');
    expect(screen.getByTestId('verify-qr-result').textContent).toContain('something in it was changed');
    expect(sent).toEqual([QR, changed]);
  });

  it('checks the QR text of the link it was opened with (#HZC1:…) as well as the number', async () => {
    const sent = serve(
      () => json(VALID),
      () => json(VALID),
    );
    renderVerify(`/verify/${NUMBER}#${encodeURI(QR)}`);
    await waitFor(() => expect(screen.getByTestId('verify-qr-result').dataset.state).toBe('genuine'));
    expect(sent).toEqual([QR]);
    expect((screen.getByTestId('verify-qr-input') as HTMLTextAreaElement).value).toBe(QR);
    expect(screen.getByTestId('verify-qr-result').textContent).toContain('Checked from the link you opened.');
    await waitFor(() => expect(screen.getByTestId('verify-number-result').dataset.state).toBe('valid'));
  });

  it('says the check could not be made when there is no connection, without an error page', async () => {
    serve(
      () => json(VALID),
      () => {
        throw new TypeError('Failed to fetch');
      },
    );
    renderVerify('/verify');
    fireEvent.input(screen.getByTestId('verify-qr-input'), { target: { value: QR } });
    fireEvent.click(screen.getByTestId('verify-qr-submit'));
    await waitFor(() => expect(screen.getByTestId('verify-qr-result').dataset.state).toBe('offline'));
    expect(screen.getByTestId('verify-qr-result').textContent).toContain('no connection');
  });
});
