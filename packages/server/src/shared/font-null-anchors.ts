import type * as fontkit from 'fontkit';

/** The parts of fontkit's GPOS processor this fix touches (private in fontkit, hence described here). */
type AnchorProcessor = {
  applyAnchor: (markRecord: { markAnchor: unknown } | null | undefined, baseAnchor: unknown, baseGlyphIndex: number) => void;
};
type WithLayoutEngine = { _layoutEngine?: { engine?: { GPOSProcessor?: AnchorProcessor | null } } };

/**
 * fontkit 2.0.4 throws "Cannot read properties of null (reading 'xCoordinate')" when a mark-to-base
 * lookup meets a NULL anchor, which the OpenType specification allows ("no anchor for this glyph in
 * this lookup"). Noto Nastaliq Urdu has them: every word where zain, reh, dal or waw meets a dotted
 * letter (شہباز, نواز, راز) failed to lay out, so a certificate or report with such a name failed.
 * HarfBuzz skips the attachment in that case, and so does this wrapper (fontkit issue #367, open as
 * of fontkit 2.0.4). Applied once to each font this server lays text out with.
 */
export function skipNullAnchors<T extends fontkit.Font>(font: T): T {
  const processor = (font as unknown as WithLayoutEngine)._layoutEngine?.engine?.GPOSProcessor;
  if (!processor) return font;
  const apply = processor.applyAnchor.bind(processor);
  processor.applyAnchor = (markRecord, baseAnchor, baseGlyphIndex) => {
    if (!baseAnchor || !markRecord?.markAnchor) return;
    apply(markRecord, baseAnchor, baseGlyphIndex);
  };
  return font;
}
