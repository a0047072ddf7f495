/**
 * Overprinted glyphs: producers fake a bold face the font lacks by showing the same text twice, a
 * fraction of a point apart (wkhtmltopdf/Qt with a regular-only CJK font; Word's "shadow" and some
 * PDF printers do the same). Read as text, every glyph of such a line comes twice ("第第二二部部分分"),
 * so headings and titles stop matching. A glyph is dropped when an earlier one shows the same text
 * at the same size on the same baseline, shifted by well under its own advance: a real repeat
 * ("00" in 100.00) sits a whole advance away.
 */
import type { PdfGlyph } from './operators.js';

type Placed = Pick<PdfGlyph, 'str' | 'x0' | 'x1' | 'baseline' | 'fontSize'>;

/** Horizontal shift, as a fraction of the glyph's advance, below which a repeat is an overprint. */
const OVERPRINT_SHIFT = 0.3;
/** Baseline and size difference, as a fraction of the font size, still counted as the same place. */
const SAME_PLACE = 0.1;

export function dropOverprints<T extends Placed>(glyphs: T[]): T[] {
  const shown = new Map<string, T[]>();
  return glyphs.filter((g) => {
    const key = `${g.str}\u0000${Math.round(g.baseline)}`;
    const advance = Math.max(g.x1 - g.x0, SAME_PLACE * g.fontSize);
    const near = [-1, 0, 1].flatMap((d) => shown.get(`${g.str}\u0000${Math.round(g.baseline) + d}`) ?? []);
    const overprint = near.some(
      (o) =>
        Math.abs(o.baseline - g.baseline) <= SAME_PLACE * g.fontSize &&
        Math.abs(o.fontSize - g.fontSize) <= SAME_PLACE * g.fontSize &&
        Math.abs(o.x0 - g.x0) < OVERPRINT_SHIFT * advance,
    );
    if (overprint) return false;
    const list = shown.get(key);
    if (list) list.push(g);
    else shown.set(key, [g]);
    return true;
  });
}
