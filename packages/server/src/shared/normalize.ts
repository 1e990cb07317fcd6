/**
 * Normalised forms used for matching and searching, stored beside the original so that
 * case-insensitive lookups work the same on SQLite and PostgreSQL.
 */

// Honorifics that people put before names on sign-in sheets; they do not tell people apart.
const HONORIFIC_WORDS = [
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'prof',
  'sir',
  'madam',
  'syed',
  'sayed',
  'hafiz',
  'muhammad',
  'mohammad',
  'muhammed',
  'mohammed',
  'mohd',
  'md',
  'm',
  // The same in Urdu script: Muhammad, Syed, Hafiz, Doctor, Professor, Mr (janab), Mrs/Ms (mohtarma), Begum.
  'محمد',
  'سید',
  'حافظ',
  'ڈاکٹر',
  'پروفیسر',
  'جناب',
  'محترمہ',
  'بیگم',
];

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower case, accents, vowel marks and punctuation removed, spaces collapsed; Arabic letter forms folded to Urdu ones. */
export function normalizeText(value: string): string {
  // ASCII text (most of a Latin-script sign-in sheet) has no marks, compatibility forms or Arabic
  // letters to fold, and its letters and digits are a-z and 0-9 once lower-cased: the same result
  // without the Unicode passes, which were most of the cost of checking an import's rows.
  if (ASCII_ONLY.test(value))
    return value
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return (
    value
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Arabic and Urdu code points for the same letter (keyboards differ): yeh, kaf, heh.
      .replace(/[\u064A\u0649]/g, '\u06CC')
      .replace(/\u0643/g, '\u06A9')
      .replace(/\u0647/g, '\u06C1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

// Folded the same way as names, so that Arabic and Urdu letter forms of a title both match.
const HONORIFICS = new Set(HONORIFIC_WORDS.map((w) => normalizeText(w)));

/** Whether a word of a name is a title or honorific (Dr., Syed, Muhammad, جناب) rather than the person's own name. */
export function isHonorific(word: string): boolean {
  return HONORIFICS.has(normalizeText(word));
}

/**
 * Key for "probably the same person": normalised, honorifics dropped, and the common spellings of
 * Muhammad dropped too (Muhammad Ali, M. Ali and Mohd Ali are one name on different sheets).
 */
export function personNameKey(fullName: string): string {
  return nameKeyOfNormalized(normalizeText(fullName));
}

/** personNameKey of a name already normalised (normalizeText): the people rows keep both. */
export function nameKeyOfNormalized(normalized: string): string {
  const words = normalized.split(' ').filter(Boolean);
  const kept = words.filter((w) => !HONORIFICS.has(w));
  return (kept.length > 0 ? kept : words).join(' ');
}

/**
 * Phone numbers compared by their digits in international form, Pakistani numbers assumed when
 * written nationally (0300 1234567 → 923001234567).
 */
export function normalizePhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  let digits = phone.replace(/\D/g, '');
  if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0') && digits.length === 11) digits = `92${digits.slice(1)}`;
  // A mobile number that lost its leading zero in a spreadsheet cell stored as a number (3001234567).
  else if (digits.startsWith('3') && digits.length === 10) digits = `92${digits}`;
  return digits.length >= 5 ? digits : null;
}

export function normalizeEmail(email: string | null | undefined): string | null {
  const value = email?.trim().toLowerCase();
  return value ? value : null;
}

/** A person's name, phone and email as the register compares them (people.name_normalized, name_key, phone_normalized, email_normalized). */
export type PersonMatchKeys = { nameNormalized: string; nameKey: string; phone: string | null; email: string | null };

export function personMatchKeys(person: { fullName: string; phone?: string | null; email?: string | null }): PersonMatchKeys {
  const nameNormalized = normalizeText(person.fullName);
  return { nameNormalized, nameKey: nameKeyOfNormalized(nameNormalized), phone: normalizePhone(person.phone), email: normalizeEmail(person.email) };
}
