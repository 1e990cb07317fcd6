import { Secret, TOTP } from 'otpauth';

/**
 * TOTP as RFC 6238 has it and every authenticator app reads it: HMAC-SHA-1, 30-second steps, 6 digits.
 * The arithmetic is the `otpauth` library's (maintained, no dependencies beyond its HMAC, checked
 * against the RFC's appendix B in totp.test.ts); what is ours is the window and the replay rule.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of now: a phone's clock a little off still works. */
export const TOTP_WINDOW = 1;
const ISSUER = 'Hifazat';

/** A new secret of 160 bits (RFC 4226's recommended length), in base32 as apps take it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The time step of an instant (milliseconds since 1970). */
export const totpStep = (now: number): number => Math.floor(now / 1000 / TOTP_PERIOD_SECONDS);

/** The otpauth:// address an authenticator app reads from the QR code: issuer Hifazat, the account's email. */
export function otpauthUrl(secret: string, account: string): string {
  return new TOTP({
    issuer: ISSUER,
    label: account,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
  }).toString();
}

/** The code of `secret` at `now` (tests and the end-to-end spec play the authenticator app with it). */
export function totpCode(secret: string, now: number = Date.now(), digits: number = TOTP_DIGITS): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits, period: TOTP_PERIOD_SECONDS, timestamp: now });
}

/**
 * The time step whose code `code` is (within TOTP_WINDOW of now), or undefined. Spaces are allowed
 * (apps show "123 456"). The caller refuses a step at or before the last one it accepted (replay).
 */
export function matchTotp(secret: string, code: string, now: number = Date.now()): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(token)) return undefined;
  const delta = TOTP.validate({
    token,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    timestamp: now,
    window: TOTP_WINDOW,
  });
  return delta === null ? undefined : totpStep(now) + delta;
}
