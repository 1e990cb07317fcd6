import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { matchTotp, newTotpSecret, otpauthUrl, totpCode, totpStep } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits.
const RFC_SECRET = Secret.fromLatin1('12345678901234567890').base32;
const RFC_VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(RFC_VECTORS)('at %i s the SHA-1 code is %s (appendix B)', (seconds, expected) => {
    expect(totpCode(RFC_SECRET, seconds * 1000, 8)).toBe(expected);
  });

  it('six-digit codes are the last six digits of the eight-digit ones (RFC 4226 truncation)', () => {
    for (const [seconds, expected] of RFC_VECTORS) expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(expected.slice(-6));
  });

  it('accepts the code of now and of one step either side, and no further, naming the step', () => {
    const secret = newTotpSecret();
    const now = 1_750_000_000_000;
    const step = totpStep(now);
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1);
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now)).toBeUndefined();
    expect(matchTotp(secret, totpCode(secret, now + 60_000), now)).toBeUndefined();
  });

  it('takes a code with spaces, refuses other shapes', () => {
    const secret = newTotpSecret();
    const now = Date.now();
    const code = totpCode(secret, now);
    expect(matchTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    expect(matchTotp(secret, `${code}0`, now)).toBeUndefined();
    expect(matchTotp(secret, 'abcdef', now)).toBeUndefined();
    expect(matchTotp(secret, '', now)).toBeUndefined();
  });

  it('a secret is 160 bits of base32, new each time, and the otpauth address names the issuer and parameters', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const url = new URL(otpauthUrl(secret, 'officer@example.org'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Hifazat');
    expect(url.searchParams.get('algorithm')).toBe('SHA1');
    expect(url.searchParams.get('digits')).toBe('6');
    expect(url.searchParams.get('period')).toBe('30');
    expect(decodeURIComponent(url.pathname)).toContain('officer@example.org');
    // The address parses back to the same generator.
    expect(TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: 0 })).toBe(totpCode(secret, 0));
  });
});
