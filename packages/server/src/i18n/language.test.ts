import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { requestLanguage } from './language.js';

const withHeader = (value?: string) => ({ headers: value === undefined ? {} : { 'accept-language': value } }) as unknown as FastifyRequest;

describe('requestLanguage', () => {
  it('reads Urdu in any of its forms, English otherwise', () => {
    expect(requestLanguage(withHeader('ur'))).toBe('ur');
    expect(requestLanguage(withHeader('ur-PK,ur;q=0.9,en;q=0.8'))).toBe('ur');
    expect(requestLanguage(withHeader('en-GB,en;q=0.9'))).toBe('en');
    expect(requestLanguage(withHeader())).toBe('en');
    expect(requestLanguage(withHeader('fr-FR'))).toBe('en');
  });

  it('follows the quality values, not the order, and ignores refused languages', () => {
    expect(requestLanguage(withHeader('en;q=0.5, ur;q=0.9'))).toBe('ur');
    expect(requestLanguage(withHeader('ur;q=0, en'))).toBe('en');
    expect(requestLanguage(withHeader('fr, ur;q=0.4, de'))).toBe('ur');
  });
});
