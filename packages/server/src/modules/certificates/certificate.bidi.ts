import bidiModule from 'bidi-js';

/**
 * One line of mixed English/Urdu text cut into the pieces a PDF draws left to right.
 *
 * pdfkit shapes Arabic-script words right (fontkit joins the letters and puts the glyphs of a word in
 * visual order) but lays the words of a line out left to right in logical order, so Urdu comes out
 * with its words backwards (reference/deps.md, "Urdu PDF findings"). So each line goes through the
 * Unicode Bidirectional Algorithm (UAX #9, bidi-js): resolved levels, runs reordered for display,
 * mirrored brackets at right-to-left levels, then cut wherever the level's direction, the script
 * (which font draws it) or a space changes. The caller draws the pieces in the order given.
 */
export type Piece = Readonly<{
  /**
   * What to hand to pdfkit. fontkit lays out any Arabic-script string right to left (it reverses the
   * glyphs), so an Arabic-script piece is given reversed from display order: for letters that is the
   * logical order; for Urdu digits (a left-to-right level) it is what fontkit turns back the right way.
   */
  text: string;
  /** Which font draws it: the Urdu font for Arabic-script letters, the Latin font for the rest. */
  script: 'arabic' | 'latin';
  /** Drawn right to left (an odd bidi level). */
  rtl: boolean;
  /** A run of spaces: no glyphs, only its width. */
  space: boolean;
}>;

// bidi-js is CommonJS with ESM-style types: Node hands over module.exports (the factory) as the
// default import, while the types describe a `default` property; either shape is accepted.
type BidiFactory = typeof bidiModule.default;
const bidiFactory: BidiFactory = typeof bidiModule === 'function' ? (bidiModule as unknown as BidiFactory) : bidiModule.default;
const bidi = bidiFactory();

/** Arabic-script letters and marks: Arabic, Supplement, Extended-A, Presentation Forms A and B. */
export function isArabicScript(codePoint: number): boolean {
  return (
    (codePoint >= 0x0600 && codePoint <= 0x06ff) ||
    (codePoint >= 0x0750 && codePoint <= 0x077f) ||
    (codePoint >= 0x08a0 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb50 && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
  );
}

export function hasArabicScript(text: string): boolean {
  for (const ch of text) if (isArabicScript(ch.codePointAt(0) as number)) return true;
  return false;
}

export function visualPieces(text: string, direction: 'ltr' | 'rtl'): Piece[] {
  if (text === '') return [];
  const embedding = bidi.getEmbeddingLevels(text, direction);
  const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
  // UTF-16 indices in display order; a surrogate pair is kept together below by walking code points.
  const order = bidi.getReorderedIndices(text, embedding);
  const pieces: Array<{ chars: string[]; script: Piece['script']; rtl: boolean; space: boolean }> = [];
  for (let k = 0; k < order.length; k += 1) {
    const index = order[k] as number;
    const unit = text.charCodeAt(index);
    // Low surrogates travel with their high surrogate (reversed runs put them first: skip them).
    if (unit >= 0xdc00 && unit <= 0xdfff) continue;
    const ch = String.fromCodePoint(text.codePointAt(index) as number);
    const rtl = ((embedding.levels[index] as number) & 1) === 1;
    const glyph = mirrored.get(index) ?? ch;
    const space = /\s/.test(ch);
    const script: Piece['script'] = isArabicScript(ch.codePointAt(0) as number) ? 'arabic' : 'latin';
    const last = pieces[pieces.length - 1];
    // A space takes the script of the piece before it (its width is that font's space).
    const pieceScript = space && last ? last.script : script;
    if (last && last.rtl === rtl && last.space === space && last.script === pieceScript) last.chars.push(glyph);
    else pieces.push({ chars: [glyph], script: pieceScript, rtl, space });
  }
  return pieces.map((p) => ({
    text: p.script === 'arabic' ? [...p.chars].reverse().join('') : p.chars.join(''),
    script: p.script,
    rtl: p.rtl,
    space: p.space,
  }));
}
