import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newLinkToken, newPersonalCode, normalizeCode, participantRef, pickListName, pickListNames } from './assessments.names.js';

describe('names on the public pick-list', () => {
  it('shows the given name and the initial of the family name, without titles', () => {
    expect(pickListName('Ayesha Khan')).toBe('Ayesha K.');
    expect(pickListName('Dr. Ayesha Siddiqa Khan')).toBe('Ayesha K.');
    expect(pickListName('Muhammad Imran Shah')).toBe('Imran S.');
    expect(pickListName('  Syed   Ali  ')).toBe('Ali');
    expect(pickListName('Sana')).toBe('Sana');
    // A name that is nothing but a title stays as it is.
    expect(pickListName('Muhammad')).toBe('Muhammad');
    expect(pickListName('علی خان')).toBe('علی خ.');
  });

  it('numbers people who would show the same instead of showing more of their names', () => {
    const names = pickListNames([
      { key: '1', fullName: 'Ali Khan' },
      { key: '2', fullName: 'Ali Kamal' },
      { key: '3', fullName: 'Sana Malik' },
    ]);
    expect([...names.entries()]).toEqual([
      ['1', 'Ali K. (1)'],
      ['2', 'Ali K. (2)'],
      ['3', 'Sana M.'],
    ]);
  });
});

describe('references, tokens and codes', () => {
  it('makes a reference per test that does not show the participation id and differs between tests', () => {
    const participationId = '01930000-0000-7000-8000-000000000001';
    const one = participantRef('key-of-test-one', participationId);
    expect(one).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(one).toBe(participantRef('key-of-test-one', participationId));
    expect(one).not.toBe(participantRef('key-of-test-two', participationId));
    expect(one).not.toContain('0193');
  });

  it('makes link tokens of 128 random bits in base64url', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newLinkToken()));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('makes personal codes of six unmistakable characters and reads them however typed', () => {
    for (let i = 0; i < 200; i += 1) {
      const code = newPersonalCode();
      expect(code).toHaveLength(6);
      for (const c of code) expect(CODE_ALPHABET).toContain(c);
    }
    expect(CODE_ALPHABET).not.toMatch(/[01IOL]/);
    expect(normalizeCode(' abc-d23 ')).toBe('ABCD23');
    expect(normalizeCode('AB CD 23')).toBe('ABCD23');
  });
});
