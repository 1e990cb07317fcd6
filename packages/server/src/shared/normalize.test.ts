import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone, normalizeText, personNameKey } from './normalize.js';

describe('normalizeText', () => {
  it('lower-cases and collapses spaces', () => {
    expect(normalizeText('  Ayesha   KHAN ')).toBe('ayesha khan');
    expect(normalizeText('FIA\tIslamabad\nZone')).toBe('fia islamabad zone');
  });

  it('gives ASCII text (its quick path) what the full Unicode folding gives', () => {
    // A no-break space at the end sends the same text through the full folding (NFKD makes it a
    // space, which the end trim drops): both paths must agree on every ASCII string.
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 60 }), (text) => {
        expect(normalizeText(text)).toBe(normalizeText(`${text}\u00a0`));
      }),
      { numRuns: 2000 },
    );
    expect(normalizeText('Dr. AYESHA_Khan-2 (FIA)')).toBe('dr ayesha khan 2 fia');
  });

  it('drops accents and other combining marks', () => {
    expect(normalizeText('José Ñúñez')).toBe('jose nunez');
    expect(normalizeText('Zoë Brontë')).toBe('zoe bronte');
    expect(normalizeText('Ａｌｉ')).toBe('ali'); // full-width letters fold through NFKD
  });

  it('drops Urdu vowel marks (zer, zabar, pesh, shad)', () => {
    expect(normalizeText('مُحَمَّد')).toBe('محمد');
  });

  it('folds the Arabic yeh, alef maksura, kaf and heh to the Urdu letters', () => {
    // ي U+064A and ى U+0649 → ی U+06CC; ك U+0643 → ک U+06A9; ه U+0647 → ہ U+06C1
    expect(normalizeText('علي')).toBe('علی');
    expect(normalizeText('مصطفى')).toBe('مصطفی');
    expect(normalizeText('كراچی')).toBe('کراچی');
    expect(normalizeText('فاطمه')).toBe('فاطمہ');
    expect(normalizeText('عائشه صديقي')).toBe(normalizeText('عائشہ صدیقی'));
    // The Urdu forms themselves are left as they are.
    expect(normalizeText('علی کراچی فاطمہ')).toBe('علی کراچی فاطمہ');
  });

  it('turns punctuation, Latin and Urdu, into single spaces', () => {
    expect(normalizeText('Ali-Raza, Jr.')).toBe('ali raza jr');
    expect(normalizeText("O'Brien (FIA)")).toBe('o brien fia');
    expect(normalizeText('علی، خان۔')).toBe('علی خان');
    expect(normalizeText('...!!!')).toBe('');
  });

  it('keeps digits, Latin and Urdu', () => {
    expect(normalizeText('Batch 2024')).toBe('batch 2024');
    expect(normalizeText('بیچ ۲۰۲۴')).toBe('بیچ ۲۰۲۴');
  });
});

describe('personNameKey', () => {
  it('drops honorifics, with or without a full stop', () => {
    expect(personNameKey('Dr. Ayesha Siddiqui')).toBe('ayesha siddiqui');
    expect(personNameKey('Mrs Ayesha Siddiqui')).toBe('ayesha siddiqui');
    expect(personNameKey('Prof. Dr. Ayesha Siddiqui')).toBe('ayesha siddiqui');
    expect(personNameKey('Syed Ali Raza')).toBe('ali raza');
    expect(personNameKey('Hafiz Usman')).toBe('usman');
  });

  it('treats Muhammad, Mohammad, Mohd, Md and M. as one spelling', () => {
    const key = personNameKey('Muhammad Ali Khan');
    expect(key).toBe('ali khan');
    for (const spelling of [
      'Mohammad Ali Khan',
      'Mohammed Ali Khan',
      'Muhammed Ali Khan',
      'Mohd Ali Khan',
      'Md. Ali Khan',
      'M. Ali Khan',
      'M.Ali Khan',
      'MUHAMMAD ALI KHAN',
      'Dr. Muhammad Ali Khan',
    ]) {
      expect({ spelling, key: personNameKey(spelling) }).toEqual({ spelling, key });
    }
  });

  it('keeps a name made only of honorifics rather than returning nothing', () => {
    expect(personNameKey('Muhammad')).toBe('muhammad');
    expect(personNameKey('Mr. M.')).toBe('mr m');
  });

  it('keeps names that only contain an honorific inside a word', () => {
    expect(personNameKey('Drina Mrsic')).toBe('drina mrsic');
    expect(personNameKey('Sirajuddin Madambi')).toBe('sirajuddin madambi');
  });

  it('tells different people apart', () => {
    expect(personNameKey('Ali Khan')).not.toBe(personNameKey('Ali Raza'));
  });

  it('keys Urdu names on their normalised letters', () => {
    expect(personNameKey('علي رضا')).toBe(personNameKey('علی رضا'));
  });
});

describe('personNameKey in Urdu script', () => {
  it('drops Urdu honorifics and Muhammad written in Urdu', () => {
    expect(personNameKey('محمد علی خان')).toBe(personNameKey('علی خان'));
    expect(personNameKey('ڈاکٹر عائشہ بی بی')).toBe(personNameKey('عائشہ بی بی'));
    expect(personNameKey('سید حسن')).not.toBe(personNameKey('سید حسین'));
  });
});

describe('normalizePhone', () => {
  it('restores the leading zero a spreadsheet dropped from a mobile number', () => {
    expect(normalizePhone('3001234567')).toBe(normalizePhone('0300-1234567'));
  });

  it('writes Pakistani numbers in international digits whichever way they were written', () => {
    const expected = '923001234567';
    for (const written of [
      '0300-1234567',
      '03001234567',
      '0300 1234567',
      '(0300) 123 4567',
      '+92 300 1234567',
      '+92-300-1234567',
      '0092 300 1234567',
      '00923001234567',
      '923001234567',
    ]) {
      expect({ written, phone: normalizePhone(written) }).toEqual({ written, phone: expected });
    }
  });

  it('treats an 11-digit landline with its area code as Pakistani', () => {
    expect(normalizePhone('042-35761234')).toBe('924235761234');
  });

  it('keeps foreign international numbers as their digits', () => {
    expect(normalizePhone('+44 20 7946 0958')).toBe('442079460958');
    expect(normalizePhone('0044 20 7946 0958')).toBe('442079460958');
    expect(normalizePhone('+93 70 123 4567')).toBe('93701234567');
  });

  it('gives null for blanks and junk too short to be a number', () => {
    for (const junk of [null, undefined, '', '   ', 'n/a', '----', '123', '12-34', 'none']) {
      expect({ junk, phone: normalizePhone(junk) }).toEqual({ junk, phone: null });
    }
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ayesha.Khan@FIA.gov.PK ')).toBe('ayesha.khan@fia.gov.pk');
  });

  it('gives null for blanks', () => {
    expect(normalizeEmail('')).toBeNull();
    expect(normalizeEmail('   ')).toBeNull();
    expect(normalizeEmail(null)).toBeNull();
    expect(normalizeEmail(undefined)).toBeNull();
  });
});
