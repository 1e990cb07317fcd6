import fs from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { skipNullAnchors } from './font-null-anchors.js';

const require = createRequire(import.meta.url);
const open = (file: string) => fontkit.create(fs.readFileSync(require.resolve(file))) as fontkit.Font;
const NASTALIQ = '@expo-google-fonts/noto-nastaliq-urdu/400Regular/NotoNastaliqUrdu_400Regular.ttf';

describe('laying out Urdu names in Noto Nastaliq', () => {
  it('fails in fontkit as it is for names like شہباز (the reason for the fix)', () => {
    expect(() => open(NASTALIQ).layout('شہباز')).toThrow(/xCoordinate/);
  });

  it('lays out every name once NULL anchors are skipped, with the dots still placed where the font has anchors', () => {
    const font = skipNullAnchors(open(NASTALIQ));
    for (const name of ['شہباز', 'نواز شریف', 'راز', 'ژالہ', 'عزیز', 'محمد', 'فرحان']) {
      const run = font.layout(name);
      expect(run.glyphs.length, name).toBeGreaterThan(0);
      expect(run.advanceWidth, name).toBeGreaterThan(0);
    }
    // Marks placed by anchors keep their offsets: the same as without the mark feature would differ.
    const placed = font.layout('فرحان').positions.some((p) => p.xOffset !== 0 || p.yOffset !== 0);
    expect(placed).toBe(true);
  });
});
