import { qrTextFromPdf } from './certificate.pdf.js';
import { verifyOpenBadge, type OpenBadgeVerification } from './certificate.open-badge.js';
import { QR_PREFIX, verifyCertificateQr, type CertificateVerification } from './certificate.payload.js';
import type { VerifyingKeyring } from './certificate.keys.js';

export type AnyCertificateVerification =
  { form: 'qr' | 'pdf'; verdict: CertificateVerification } | { form: 'open-badge'; verdict: OpenBadgeVerification } | { form: 'unknown' };

/**
 * Whatever a person has in hand, checked offline: the QR's text, a certificate PDF of ours (it
 * carries the QR's text), or the Open Badges JSON. A text file may end with one line break.
 */
export function verifyCertificateDocument(content: Buffer | string, keyring: VerifyingKeyring): AnyCertificateVerification {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') {
    const qr = qrTextFromPdf(bytes);
    return qr === null ? { form: 'unknown' } : { form: 'pdf', verdict: verifyCertificateQr(qr, keyring) };
  }
  // Only the one line break an editor adds is dropped: a QR text may itself end with a space.
  const text = bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r?\n$/, '');
  if (text.trimStart().startsWith('{')) return { form: 'open-badge', verdict: verifyOpenBadge(text, keyring) };
  if (text.startsWith(QR_PREFIX)) return { form: 'qr', verdict: verifyCertificateQr(text, keyring) };
  return { form: 'unknown' };
}
