import crypto from 'node:crypto';
import type { DataKeyring } from './data-key.js';
import { lookupTable } from './lookup-table.js';

/**
 * Keyed blind indexes for finding encrypted names (issue 12) without ever storing a name, or a
 * guessable hash of one, in the database.
 *
 * A name is cut into words; each word is brought to a consonant skeleton that Latin and Urdu
 * spellings of common Pakistani names share ("Muhammad", "Mohammad", "Mohd", "محمد" → "mmd";
 * "Fatima", "Fatimah", "فاطمہ" → "ftm"; "Khan", "خان" → "xn"); each skeleton is then an HMAC-SHA256
 * under the installation's blind-index key. A search finds the names whose tokens include every
 * token of the query (whole words, in any order; no prefix search).
 *
 * The key: HKDF-SHA256 from the keyring's blind-index root (shared/data-key.ts), which `keys rotate`
 * never changes, so that rotating the data key leaves every stored index valid (no re-indexing). The
 * root is derived from the first data key of the installation and kept in the keyring file; with
 * HIFAZAT_DATA_KEY it is derived from that key. Someone with the database but not the key cannot
 * test a guessed name against the tokens.
 *
 * The skeleton is deliberately coarse: vowels are dropped, so a search for "Ali" also finds "Alia"
 * and "Aly", "Hassan" finds "Hussain", "Shahid" finds "Shahida", "Muhammad" finds "Mahmood" (an h
 * inside a word is dropped so that Chaudhry meets چوہدری). A search result is a list of
 * candidates, which an authorised person reads (decrypted) and chooses among. A word that has no
 * consonant at all gives no token; a query with no token finds nothing (ask for more of the name).
 *
 * No library fits (the ones found translate Urdu to Roman Urdu words, not to a matching key), so
 * the transliteration is here, small and table-driven.
 */

/** What the index needs of a keyring: the root that rotation does not change. */
export type BlindIndexKeys = { readonly indexRoot: Buffer };

const keyCache = new WeakMap<Buffer, Buffer>();

function indexKey(keys: DataKeyring | BlindIndexKeys): Buffer {
  const root = 'indexRoot' in keys ? keys.indexRoot : undefined;
  if (!(root instanceof Buffer) || root.length !== 32) throw new Error('This keyring has no blind-index key (load it with dataKeysFor)');
  let key = keyCache.get(root);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', root, Buffer.alloc(0), 'hifazat blind index: names v1', 32));
    keyCache.set(root, key);
  }
  return key;
}

// Urdu (and Arabic) letters to the skeleton's letters. Vowel letters (alef, ain, waw, yeh) are 'V':
// kept as 'a' at the start of a word (Ali/علی → "al", Umar/عمر → "amr"), dropped elsewhere. Heh and
// hah are 'H': kept at the start of a word, dropped elsewhere (Ahmed/احمد → "amd", Rehman/رحمان →
// "rmn", Chaudhry/چوہدری → "cdr"). Waw and yeh are 'W'/'Y': consonants at the start of a word only.
// Letters that sound alike in Urdu fold together (ث س ص → s; ذ ز ض ظ → z; ت ط ٹ → t; ق ک → k).
const URDU: Record<string, string> = {
  ا: 'V',
  ٱ: 'V',
  ع: 'V',
  ب: 'b',
  پ: 'p',
  ت: 't',
  ٹ: 't',
  ط: 't',
  ث: 's',
  س: 's',
  ص: 's',
  ج: 'j',
  چ: 'c',
  ح: 'H',
  ہ: 'H',
  ه: 'H',
  ە: 'H',
  ھ: 'H',
  ۃ: 'H',
  ة: 'H',
  خ: 'x',
  د: 'd',
  ڈ: 'd',
  ذ: 'z',
  ز: 'z',
  ژ: 'z',
  ض: 'z',
  ظ: 'z',
  ر: 'r',
  ڑ: 'r',
  ش: 'S',
  غ: 'g',
  ف: 'f',
  ق: 'k',
  ک: 'k',
  ك: 'k',
  گ: 'g',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ں: 'n',
  و: 'W',
  ی: 'Y',
  ي: 'Y',
  ى: 'Y',
  ے: 'Y',
  ء: '',
};

// Latin letter groups, longest first: the digraphs of Pakistani romanisation (kh خ, gh غ, sh ش,
// ch چ, ph ف); the other "Xh" (bh, dh, th…) lose their h by the rule for H.
const LATIN: Array<[string, string]> = [
  ['sh', 'S'],
  ['ch', 'c'],
  ['kh', 'x'],
  ['gh', 'g'],
  ['ph', 'f'],
  ['ck', 'k'],
  ['a', 'V'],
  ['e', 'V'],
  ['i', 'V'],
  ['o', 'V'],
  ['u', 'V'],
  ['h', 'H'],
  ['w', 'W'],
  ['v', 'W'],
  ['y', 'Y'],
  ['q', 'k'],
  ['c', 'k'],
  ['x', 'ks'],
];

/** Common short forms of Muhammad (and of the compound prefix Abd) that a skeleton cannot reach. */
const LATIN_ALIASES = lookupTable({ mohd: 'muhammad', muhd: 'muhammad', mhd: 'muhammad', md: 'muhammad' });

/** Joining words of Arabic compound names (Zia ul Haq, Naseer ud Din): no part of the name itself. */
const LATIN_JOINERS = new Set(['ul', 'ud', 'ur', 'us', 'uz', 'un', 'al', 'el', 'ad', 'ud', 'bin', 'binte', 'bint']);
const URDU_JOINERS = new Set(['بن', 'بنت']);

const isUrdu = (word: string) => /[\u0600-\u06FF]/.test(word);

/** Letters of a word as skeleton symbols (before the positional rules). */
function symbols(word: string): string[] {
  const out: string[] = [];
  if (isUrdu(word)) {
    for (const ch of word) {
      const mapped = URDU[ch];
      if (mapped !== undefined) out.push(...mapped);
    }
    return out;
  }
  let i = 0;
  while (i < word.length) {
    const pair = LATIN.find(([from]) => word.startsWith(from, i));
    if (pair) {
      out.push(...pair[1]);
      i += pair[0].length;
    } else {
      const ch = word[i] ?? '';
      if (/[a-z]/.test(ch)) out.push(ch);
      i += 1;
    }
  }
  return out;
}

/**
 * A word's consonant skeleton: doubled letters collapsed (Muhammad → muhamad, Abbas → abas), then
 * the positional rules: a vowel, h, w or y at the start is kept (as 'a', 'h', 'w', 'y'), elsewhere dropped.
 */
export function nameSkeleton(word: string): string {
  const letters = symbols(word);
  const collapsed = letters.filter((s, i) => i === 0 || s !== letters[i - 1]);
  return collapsed
    .map((s, i) => {
      if (s === 'V') return i === 0 ? 'a' : '';
      if (s === 'H') return i === 0 ? 'h' : '';
      if (s === 'W') return i === 0 ? 'w' : '';
      if (s === 'Y') return i === 0 ? 'y' : '';
      return s;
    })
    .join('');
}

/** Unicode clean-up of a name before it is cut into words: marks, tatweel and joiners out; Arabic letter forms to Urdu. */
function cleanName(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      // Tatweel, zero-width non-joiner and joiner (بی‌بی is Bibi written as one word).
      .replace(/[\u0640\u200C\u200D]/g, '')
      .toLowerCase()
      // Bibi, written as two words in Urdu (بی بی) or Latin (Bi Bi), is one name.
      .replace(/(^|[^\p{L}])(بی|بي)\s+(بی|بي)(?=$|[^\p{L}])/gu, '$1بیبی')
      .replace(/\bbi\s+bi\b/g, 'bibi')
  );
}

/** The words of a name, each with the forms it is indexed under (first: the form a query uses). */
function wordForms(name: string): string[][] {
  const words = cleanName(name)
    .split(/[^\p{L}]+/u)
    .filter((w) => w !== '');
  const forms: string[][] = [];
  words.forEach((raw, position) => {
    const word = LATIN_ALIASES[raw] ?? raw;
    if (LATIN_JOINERS.has(word) || URDU_JOINERS.has(word)) return;
    const parts: string[][] = [];
    // Abd compounds: عبدالرحمن / Abdulrahman / Abdur Rehman / Abdul Rehman all give "abd" + "rmn".
    const urduAbd = /^عبد(?:ال)?(.{2,})$/u.exec(word);
    const latinAbd = /^abd(?:[aeiou][lrsnzdt]?)?$|^abd[aeiou][lrsnzdt](.{3,})$/.exec(word);
    if (urduAbd?.[1] || latinAbd) {
      parts.push(['abd']);
      const rest = urduAbd?.[1] ?? latinAbd?.[1];
      if (rest) parts.push([rest]);
    } else if (/^ال(.{2,})$/u.test(word) || /^[ae]l(.{3,})$/.test(word)) {
      // The article al-: Urdu writes it joined (الحق), Latin apart (ul Haq) or not at all. Indexed
      // with and without it; a query's later word (ضیاء الحق) asks without it, its first word with it.
      const without = word.slice(2);
      parts.push(position > 0 && isUrdu(word) ? [without, word] : [word, without]);
    } else parts.push([word]);
    for (const part of parts) {
      const skeletons = [...new Set(part.map((p) => (p === 'abd' ? 'abd' : nameSkeleton(p))))].filter((s) => s.length >= (part.length > 1 ? 2 : 1));
      if (skeletons.length > 0) forms.push(skeletons);
    }
  });
  return forms;
}

function token(key: Buffer, skeleton: string): string {
  return crypto.createHmac('sha256', key).update(`name:${skeleton}`).digest().subarray(0, 16).toString('base64url');
}

/** The blind-index tokens to store for a name: every form of every word (sorted, no repeats). */
export function nameIndexTokens(keys: DataKeyring | BlindIndexKeys, fullName: string): string[] {
  const key = indexKey(keys);
  return [...new Set(wordForms(fullName).flatMap((forms) => forms.map((s) => token(key, s))))].sort();
}

/** The tokens a search for `query` needs: one per word; a name matches when it has all of them. */
export function queryIndexTokens(keys: DataKeyring | BlindIndexKeys, query: string): string[] {
  const key = indexKey(keys);
  return [...new Set(wordForms(query).flatMap((forms) => (forms[0] === undefined ? [] : [token(key, forms[0])])))].sort();
}

/** The skeletons a name is indexed under (for tests and for explaining a match; never stored or logged). */
export function nameSkeletons(fullName: string): string[][] {
  return wordForms(fullName);
}

/** What else a case is matched on across agencies (possible duplicates, issue 13). */
export type MatchKind = 'birth_date' | 'phone' | 'identity_number';

/**
 * A value brought to the form two spellings of it share: a date as YYYY-MM-DD; a phone as its last
 * 10 digits (+92 300 1234567, 0300-1234567 and 3001234567 are one number); an identity number as its
 * letters and digits, upper case (35202-1234567-1 and 3520212345671 are one CNIC). Null when too
 * short to tell people apart (a phone under 7 digits, a number under 5 characters).
 */
export function normaliseMatchValue(kind: MatchKind, value: string): string | null {
  if (kind === 'birth_date') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  if (kind === 'phone') {
    const digits = value.replace(/\D/g, '');
    return digits.length >= 7 ? digits.slice(-10) : null;
  }
  const compact = value
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .toUpperCase();
  return compact.length >= 5 ? compact : null;
}

/**
 * The blind-index token of a date of birth, phone or identity number: an HMAC under the same key as
 * the names, with the kind in the message (a phone never meets an identity number of the same digits).
 */
export function matchIndexToken(keys: DataKeyring | BlindIndexKeys, kind: MatchKind, value: string): string | null {
  const normal = normaliseMatchValue(kind, value);
  if (normal === null) return null;
  return crypto.createHmac('sha256', indexKey(keys)).update(`${kind}:${normal}`).digest().subarray(0, 16).toString('base64url');
}
