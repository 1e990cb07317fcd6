import zlib from 'node:zlib';

/** A PDF literal string's bytes (PDF 32000-1 §7.3.4.2): escapes and balanced parentheses. */
function literalAt(text: string, open: number): Buffer {
  const bytes: number[] = [];
  let depth = 0;
  const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
  for (let i = open + 1; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (ch === '\\') {
      const next = text[++i] as string;
      if (next in simple) bytes.push(simple[next] as number);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(text.slice(i))?.[0] ?? next;
        bytes.push(parseInt(octal, 8));
        i += octal.length - 1;
      }
      continue;
    }
    if (ch === '(') depth += 1;
    if (ch === ')' && depth-- === 0) break;
    bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

/**
 * Every /ActualText of a PDF's content streams (pdfkit's marked spans), in drawing order, decoded:
 * the text of each line in reading order, which for Nastaliq a text extractor cannot give back
 * from the glyphs.
 */
export function pdfActualTexts(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const found: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index as number) + match[0].length;
    let content: string;
    try {
      content = zlib.inflateSync(pdf.subarray(start, raw.indexOf('endstream', start))).toString('latin1');
    } catch {
      continue;
    }
    for (const at of content.matchAll(/\/ActualText \(/g)) {
      const bytes = literalAt(content, (at.index as number) + at[0].length - 1);
      found.push(bytes[0] === 0xfe && bytes[1] === 0xff ? Buffer.from(bytes.subarray(2)).swap16().toString('utf16le') : bytes.toString('latin1'));
    }
  }
  return found;
}
