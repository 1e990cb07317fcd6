import fc from 'fast-check';

/** Strings a spreadsheet program would run as a formula when the cell is opened. */
export const FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1)', '-2+3', '\t=1', '\r=1', '=1+1', "=cmd|' /C notepad'!'A1'", '-@SUM(1)'];

/**
 * The hostile dictionary: what an attacker, a broken client or a real sign-in sheet sends. None of it
 * looks like a stack trace or driver message, so that stored and echoed values cannot trip that check.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR 1=1--",
  "'; DROP TABLE people;--",
  '" OR ""="',
  '1; SELECT pg_sleep(0)--',
  "admin'--",
  '%27%20OR%201%3D1',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{constructor.constructor("return 1")()}}',
  '${7*7}',
  ...FORMULAS,
  'محمد علی',
  'خاتون',
  'عائشہ بی بی',
  'مرد',
  'Ali \u202Eevil\u202C txt',
  '\u200Fمحمد\u200F Khan',
  '\u2066Ali\u2069 \u2067علی\u2069 \u2068x\u2069',
  '\u202E=1+1',
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\ud83d',
  '👩🏽‍⚖️ 🇵🇰',
  '\uFEFFname',
  '   ',
  '',
  '\r\n',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '%00',
  '%FF%FE',
];

/** A 100k-character string of several kinds: ASCII, Urdu, emoji (surrogate pairs), formula. */
export const HUGE_STRINGS: readonly string[] = ['A'.repeat(100_000), 'م'.repeat(100_000), '😀'.repeat(50_000), `=${'1+'.repeat(49_999)}1`];

export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    // A hostile string inside an otherwise normal value.
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('Ali ', 'Punjab', 'x'), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b) },
  );

/** Any JSON-ish value of the wrong kind for a field. */
export const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 5, arbitrary: hostileString() },
    {
      weight: 3,
      arbitrary: fc.constantFrom<unknown>(
        null,
        true,
        false,
        0,
        -1,
        1.5,
        2 ** 53,
        -(2 ** 63),
        1e308,
        [],
        {},
        [null],
        { $ne: null },
        JSON.parse('{"__proto__":{"admin":true}}'),
        ['a', 'b'],
      ),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );

/** Keys that try prototype pollution or confuse parsers. */
export const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'constructor[prototype][admin]',
  '__proto__[admin]',
  '$where',
  '',
  ' ',
  'a.b',
  'ق',
  '\u0000',
];

/** Percent-encodings that decode to nothing valid: lone continuation bytes, overlongs, truncated escapes. */
export const BAD_PERCENT = ['%FF%FE', '%C0%AF', '%E0%A4%A', '%', '%G1', '%ED%A0%80', '%F8%88%80%80%80', '%00', '%0D%0A', '%%', '%u0041'];

/** Byte strings that are not UTF-8. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe, 0xfd]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe0, 0x80]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
  Buffer.from([0x80, 0x81, 0x82]),
  Buffer.from([0xd9]), // half an Urdu letter
];

export const invalidUtf8 = (): fc.Arbitrary<Buffer> =>
  fc.oneof(
    fc.constantFrom(...INVALID_UTF8),
    fc.uint8Array({ minLength: 1, maxLength: 200 }).map((a) => Buffer.from(a)),
    fc
      .tuple(
        fc.constantFrom('{"fullName":"', '{"name":"', 'full_name,sex\n'),
        fc.constantFrom(...INVALID_UTF8),
        fc.constantFrom('","sex":"male"}', '"}', ',female\n'),
      )
      .map(([a, b, c]) => Buffer.concat([Buffer.from(a), b, Buffer.from(c)])),
  );

/** A percent-encoded value, or a raw malformed one, for a query string or path. */
export const urlValue = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString().map((s) => encodeUtf16Safely(s)) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_PERCENT) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'محمد', ''), fc.constantFrom(...BAD_PERCENT)).map(([a, b]) => encodeUtf16Safely(a) + b) },
  );

/** encodeURIComponent that does not throw on a lone surrogate: it is sent as the bytes a sloppy client would send. */
export function encodeUtf16Safely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
}
