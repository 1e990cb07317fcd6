/**
 * Base45 (RFC 9285): bytes as characters of the QR code's alphanumeric mode, 5.5 bits per character
 * there against 8 in byte mode. Two bytes [a, b] become n = a·256 + b written as three digits
 * c + 45·d + 45²·e (c first); a last odd byte becomes two digits.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const DIGIT = new Map([...ALPHABET].map((ch, i) => [ch, i]));

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] as number) * 256 + (bytes[i + 1] as number);
    for (let k = 0; k < 3; k += 1) {
      out += ALPHABET[n % 45];
      n = Math.floor(n / 45);
    }
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] as number;
    out += (ALPHABET[n % 45] as string) + (ALPHABET[Math.floor(n / 45)] as string);
  }
  return out;
}

/**
 * Strict: null for a character outside the alphabet (lower case included), a length that leaves one
 * character over, or a group whose value is too large (RFC 9285 §4.2 says to reject those), so each
 * byte string has exactly one text and each text at most one byte string.
 */
export function base45Decode(text: string): Buffer | null {
  if (text.length % 3 === 1) return null;
  const out = Buffer.alloc(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const group = text.slice(i, i + 3);
    let n = 0;
    for (let k = group.length - 1; k >= 0; k -= 1) {
      const digit = DIGIT.get(group[k] as string);
      if (digit === undefined) return null;
      n = n * 45 + digit;
    }
    if (group.length === 3) {
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}
