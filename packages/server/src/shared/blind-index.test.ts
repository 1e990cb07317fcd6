import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nameIndexTokens, nameSkeleton, queryIndexTokens, type BlindIndexKeys } from './blind-index.js';

const keys: BlindIndexKeys = { indexRoot: crypto.randomBytes(32) };

/** Whether a search for `query` finds the stored `name`: every query token among the name's tokens. */
function finds(query: string, name: string, with_: BlindIndexKeys = keys): boolean {
  const stored = new Set(nameIndexTokens(with_, name));
  const asked = queryIndexTokens(with_, query);
  return asked.length > 0 && asked.every((t) => stored.has(t));
}

// Each pair: the same name as people write it in Latin and Urdu script, or in two spellings. Both
// directions must find each other.
const SAME: Array<[string, string]> = [
  ['Muhammad', 'محمد'],
  ['Mohammad', 'محمد'],
  ['Mohammed', 'Muhammad'],
  ['Mohd', 'Muhammad'],
  ['Md', 'محمد'],
  ['Muhammad Ali Khan', 'محمد علی خان'],
  ['Mohd Ali', 'محمد علی'],
  ['Fatima', 'فاطمہ'],
  ['Fatimah', 'Fatima'],
  ['Fatimah', 'فاطمہ'],
  ['Fatima', 'فاطمة'],
  ['Fatima Bibi', 'فاطمہ بی بی'],
  ['Bibi', 'بی بی'],
  ['Bibi', 'بی‌بی'],
  ['Bi Bi', 'بیبی'],
  ['Khan', 'خان'],
  ['Ali', 'علی'],
  ['Ali', 'على'],
  ['Ayesha', 'عائشہ'],
  ['Aisha', 'Ayesha'],
  ['Ahmed', 'احمد'],
  ['Ahmad', 'Ahmed'],
  ['Abdul Rehman', 'عبدالرحمن'],
  ['Abdur Rahman', 'Abdul Rehman'],
  ['Abdulrahman', 'عبدالرحمٰن'],
  ['Abdullah', 'عبداللہ'],
  ['Zia ul Haq', 'ضیاء الحق'],
  ['Muhammad Altaf', 'محمد الطاف'],
  ['Altaf', 'الطاف'],
  ['Chaudhry', 'چوہدری'],
  ['Chaudhary', 'Choudhry'],
  ['Shah', 'شاہ'],
  ['Yousuf', 'یوسف'],
  ['Yusuf', 'Yousaf'],
  ['Zainab', 'زینب'],
  ['Zaynab', 'Zainab'],
  ['Siddiqui', 'صدیقی'],
  ['Siddiqi', 'Siddiqui'],
  ['Qureshi', 'قریشی'],
  ['Noor', 'نور'],
  ['Nur', 'Noor'],
  ['Usman', 'عثمان'],
  ['Osman', 'Usman'],
  ['Umar', 'عمر'],
  ['Omar', 'Umar'],
  ['Naveed', 'نوید'],
  ['Parveen', 'پروین'],
  ['Perveen', 'Parveen'],
  ['Shahid', 'شاہد'],
  ['Sadia', 'سعدیہ'],
  ['Rukhsana', 'رخسانہ'],
  ['Nasreen', 'نسرین'],
  ['Shazia', 'شازیہ'],
  ['Imran', 'عمران'],
  ['Hussain', 'حسین'],
  ['Husain', 'Hussain'],
  ['Hassan', 'حسن'],
  ['Begum', 'بیگم'],
  ['Akhtar', 'اختر'],
  ['Bashir', 'بشیر'],
  ['Rashid', 'راشد'],
  ['Javed', 'جاوید'],
  ['Jawed', 'Javed'],
  ['Iqbal', 'اقبال'],
  ['Mehwish', 'مہوش'],
  ['Ghulam', 'غلام'],
  ['Gul', 'گل'],
  ['Kausar', 'کوثر'],
  ['Kausar', 'Kosar'],
  ['Tahira', 'طاہرہ'],
  ['Sakina', 'سکینہ'],
  ['Zubair', 'زبیر'],
  ['Abbas', 'عباس'],
  // Order does not matter, nor case, accents, tatweel or vowel marks.
  ['khan fatima', 'Fatima Khan'],
  ['FÄTIMA', 'fatima'],
  ['محـمد', 'محمد'],
  ['مُحَمَّد', 'Muhammad'],
];

// A part of the name finds the whole; the whole does not find a part (every query word must be there).
const PARTS: Array<[string, string]> = [
  ['Ali', 'Muhammad Ali Khan'],
  ['Khan', 'محمد علی خان'],
  ['فاطمہ', 'Fatima Bibi'],
  ['Haq', 'ضیاء الحق'],
];

// Decided: these are different names and a search for one must not find the other.
const DIFFERENT: Array<[string, string]> = [
  ['Khan', 'Khanum'],
  ['خان', 'خانم'],
  ['Ali', 'Iqbal'],
  ['Ali', 'Lia'],
  ['Ahmed', 'Mehmood'],
  ['Fatima', 'Fahmida'],
  ['Ayesha', 'Asma'],
  ['Usman', 'Imran'],
  ['Zainab', 'Zubair'],
  ['Bibi', 'Begum'],
  ['Shah', 'Shahid'],
  ['Rashid', 'Rafiq'],
  ['Muhammad', 'Hamid'],
  ['Sadia', 'Saima'],
  ['Nasreen', 'Nargis'],
  ['Abdul Rehman', 'Abdul Karim'],
];

// Decided, and documented: vowels are dropped, so these are one name to the index. A search lists
// them all as candidates and a person chooses among the decrypted names.
const COARSE: Array<[string, string]> = [
  ['Ali', 'Alia'],
  ['Ali', 'Aly'],
  ['Hassan', 'Hussain'],
  ['Shahid', 'Shahida'],
  ['Rashid', 'Rasheeda'],
  // h inside a word is dropped (Chaudhry/چوہدری, Ahmed/احمد meet), and with it what tells these apart.
  ['Muhammad', 'Mahmood'],
];

describe('blind index of names', () => {
  it.each(SAME)('"%s" and "%s" find each other', (a, b) => {
    expect(finds(a, b)).toBe(true);
    expect(finds(b, a)).toBe(true);
  });

  it.each(PARTS)('"%s" finds "%s" and not the other way round', (part, whole) => {
    expect(finds(part, whole)).toBe(true);
    expect(finds(whole, part)).toBe(false);
  });

  it.each(DIFFERENT)('"%s" and "%s" do not find each other', (a, b) => {
    expect(finds(a, b)).toBe(false);
    expect(finds(b, a)).toBe(false);
  });

  it.each(COARSE)('"%s" and "%s" are one name to the index (vowels dropped)', (a, b) => {
    expect(finds(a, b)).toBe(true);
  });

  it('gives consonant skeletons Latin and Urdu share', () => {
    expect(nameSkeleton('muhammad')).toBe('mmd');
    expect(nameSkeleton('محمد')).toBe('mmd');
    expect(nameSkeleton('fatimah')).toBe('ftm');
    expect(nameSkeleton('khan')).toBe('xn');
    expect(nameSkeleton('خان')).toBe('xn');
  });

  it('tokens are keyed: another key gives other tokens, and no token is the name or its skeleton', () => {
    const other: BlindIndexKeys = { indexRoot: crypto.randomBytes(32) };
    const mine = nameIndexTokens(keys, 'Fatima Bibi');
    const theirs = nameIndexTokens(other, 'Fatima Bibi');
    expect(mine).toHaveLength(2);
    expect(mine.some((t) => theirs.includes(t))).toBe(false);
    expect(finds('Fatima', 'Fatima Bibi', other)).toBe(true);
    for (const t of mine) expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // The same key gives the same tokens every time (they are stored and searched later).
    expect(nameIndexTokens(keys, 'Fatima Bibi')).toEqual(mine);
    // Unkeyed SHA-256 of the skeleton (a guess anyone could make) is not a token.
    expect(mine).not.toContain(crypto.createHash('sha256').update('name:ftm').digest().subarray(0, 16).toString('base64url'));
  });

  it('a query with no consonant, or nothing but joining words, asks for nothing and finds nothing', () => {
    expect(queryIndexTokens(keys, '')).toEqual([]);
    expect(queryIndexTokens(keys, '  ---  ')).toEqual([]);
    expect(queryIndexTokens(keys, 'ul bin')).toEqual([]);
    expect(finds('', 'Fatima')).toBe(false);
  });

  it('treats words that are names of JavaScript object properties as words (a search for "constructor" answered 500)', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(queryIndexTokens(keys, word), word).toHaveLength(1);
      expect(finds(word, `Ali ${word}`), word).toBe(true);
    }
    // The short forms of Muhammad still are Muhammad.
    expect(finds('Mohd Ali', 'Muhammad Ali')).toBe(true);
  });

  it('refuses a keyring without its blind-index root', () => {
    expect(() => nameIndexTokens({ currentId: 'x', key: () => undefined }, 'Ali')).toThrow(/blind-index key/);
  });
});
