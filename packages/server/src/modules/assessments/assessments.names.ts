import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { isHonorific } from '../../shared/normalize.js';

/**
 * What the public pick-list of a test shows of a person, and how a participant is referred to
 * without an account: a per-test reference (never the person's id) and a personal code.
 */

const firstLetter = (word: string) => Array.from(word)[0] ?? '';

/**
 * How a person shows on the public pick-list: the given name and the family name's initial
 * ("Ayesha K."), nothing more, since anyone with the link reads the list. Titles and honorifics
 * before the given name (Dr., Syed, Muhammad) are left out, unless the name is nothing else.
 */
export function pickListName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  const firstOwn = words.findIndex((w) => !isHonorific(w));
  const own = firstOwn === -1 ? words : words.slice(firstOwn);
  const [given = fullName.trim(), ...rest] = own;
  const family = rest.at(-1);
  return family ? `${given} ${firstLetter(family)}.` : given;
}

/**
 * The names of a pick-list, by key. Two people who would show the same are numbered ("Ali K. (1)",
 * "Ali K. (2)") rather than shown with more of their names: they type their personal code instead.
 * `people` in a stable order (the numbering follows it).
 */
export function pickListNames(people: ReadonlyArray<{ key: string; fullName: string }>): Map<string, string> {
  const names = people.map((p) => pickListName(p.fullName));
  const total = new Map<string, number>();
  for (const name of names) total.set(name, (total.get(name) ?? 0) + 1);
  const seen = new Map<string, number>();
  const result = new Map<string, string>();
  people.forEach((p, i) => {
    const name = names[i] ?? '';
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    result.set(p.key, (total.get(name) ?? 0) > 1 ? `${name} (${n})` : name);
  });
  return result;
}

/** A new key for a test's references (256 random bits). */
export const newRefKey = (): string => randomBytes(32).toString('base64url');

/** A new public link token: 128 random bits, base64url (22 characters), as unguessable as a session id needs to be. */
export const newLinkToken = (): string => randomBytes(16).toString('base64url');

/**
 * The reference of a participant on one test's pick-list: HMAC-SHA256 of the participation's id under
 * the test's own key, 96 bits in base64url. It names nobody, differs from test to test, and cannot be
 * made without the key, so a list of one test says nothing about another.
 */
export const participantRef = (refKey: string, participationId: string): string =>
  createHmac('sha256', refKey).update(participationId).digest('base64url').slice(0, 16);

/** Letters and digits that cannot be mistaken for one another when read off paper: no 0/O, 1/I/L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

/** A new personal code: 6 characters of 31 (about 887 million codes), drawn with the system's secure random. */
export function newPersonalCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i += 1) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as typed ("abc-d23", " ABCD 23 ") in its stored form ("ABCD23"). */
export const normalizeCode = (typed: string): string => typed.toUpperCase().replace(/[\s-]+/g, '');
