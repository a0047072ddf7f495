import { describe, expect, it } from 'vitest';
import { dropOverprints } from '../../src/ingest/pdf/overprint.js';

const glyph = (str: string, x0: number, baseline = 100, fontSize = 10) => ({
  str,
  x0,
  x1: x0 + (/[0-9.]/.test(str) ? 0.55 : 1) * fontSize,
  baseline,
  fontSize,
});

describe('dropOverprints', () => {
  it('drops a fake-bold second showing of the same glyphs, 0.3 pt to the right', () => {
    const line = ['第', '二', '部', '分'].map((s, i) => glyph(s, 50 + 10 * i));
    const bold = line.map((g) => ({ ...g, x0: g.x0 + 0.3, x1: g.x1 + 0.3 }));
    expect(
      dropOverprints([...line, ...bold])
        .map((g) => g.str)
        .join(''),
    ).toBe('第二部分');
  });

  it('keeps real repeats a whole advance apart, and the same text on another line or size', () => {
    const digits = ['1', '0', '0', '.', '0', '0'].map((s, i) => glyph(s, 200 + 5.5 * i));
    expect(dropOverprints(digits)).toHaveLength(6);
    const below = glyph('第', 50, 112);
    const bigger = glyph('第', 50, 100, 16);
    expect(dropOverprints([glyph('第', 50), below, bigger])).toHaveLength(3);
  });

  it('keeps two different glyphs drawn at one place', () => {
    expect(dropOverprints([glyph('一', 50), glyph('二', 50.2)])).toHaveLength(2);
  });
});
