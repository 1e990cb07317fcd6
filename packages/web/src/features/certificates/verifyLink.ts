/**
 * The QR text a verify link carries: after `#` (`/verify/HZ-…#HZC1:…`, never sent to the server) or
 * in `?qr=`. Decoded as a URI component only, not as a form: '+' is a base45 character and must
 * stay '+' (a space arrives as %20). Null when there is none or it cannot be decoded.
 */
export function qrFromLocation(search: string, hash: string): string | null {
  const fromHash = hash.startsWith('#') ? hash.slice(1) : hash;
  const fromQuery = /(?:^\?|&)qr=([^&]*)/.exec(search)?.[1] ?? '';
  const raw = fromHash !== '' ? fromHash : fromQuery;
  if (raw === '') return null;
  try {
    const text = decodeURIComponent(raw).trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}
