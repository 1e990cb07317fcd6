import { describe, expect, it } from 'vitest';
import { qrFromLocation } from './verifyLink';

describe('the QR text a verify link carries', () => {
  it('reads it after # and keeps + as +, since + is a base45 character', () => {
    expect(qrFromLocation('', '#HZC1:6BF+A%20B')).toBe('HZC1:6BF+A B');
  });

  it('reads ?qr= when there is no fragment, among other parameters, without turning + into a space', () => {
    expect(qrFromLocation('?lang=ur&qr=HZC1:AB+C%2FD&x=1', '')).toBe('HZC1:AB+C/D');
  });

  it('prefers the fragment, which the browser never sends to a server', () => {
    expect(qrFromLocation('?qr=HZC1:FROMQUERY', '#HZC1:FROMHASH')).toBe('HZC1:FROMHASH');
  });

  it('gives null for no text, an empty one, or one that cannot be decoded', () => {
    expect(qrFromLocation('', '')).toBeNull();
    expect(qrFromLocation('?qr=', '#')).toBeNull();
    expect(qrFromLocation('?other=1', '')).toBeNull();
    expect(qrFromLocation('', '#HZC1:%E0%A4%A')).toBeNull();
  });
});
