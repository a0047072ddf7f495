/**
 * Page geometry shared by the emitters, so that a table has the same column proportions whichever
 * program prints it (the producers differ in how they draw, not in what they are asked to draw).
 */
import type { LayoutOptions, MTable } from './model.js';

export const MM = 72 / 25.4;
export const A4 = { w: 210 * MM, h: 297 * MM };
export const MARGIN_MM = 15;

/** Printable width in pt of a table page. */
export function availableWidth(landscape: boolean): number {
  return (landscape ? A4.h : A4.w) - 2 * MARGIN_MM * MM;
}

/** Horizontal cell padding (pt, both sides together) every emitter uses. */
export const CELL_PAD = 6;

/**
 * Column widths in pt: each column its em width at the table font plus padding; a table wider than
 * the page is scaled down; a narrower one is stretched to the page width, except the name columns
 * of the wrap variant, which must stay narrow so their names wrap.
 */
export function columnWidths(t: MTable, opts: LayoutOptions): number[] {
  const avail = availableWidth(t.landscape);
  const natural = t.colEm.map((em) => em * opts.fontSize + CELL_PAD);
  const total = natural.reduce((a, b) => a + b, 0);
  if (total >= avail) return natural.map((w) => (w * avail) / total);
  const fixed = natural.map((_, i) => opts.wrap && t.colRoles[i] === 'name');
  const fixedSum = natural.reduce((a, w, i) => a + (fixed[i] ? w : 0), 0);
  const flexSum = total - fixedSum;
  if (flexSum <= 0) return natural;
  const k = (avail - fixedSum) / flexSum;
  return natural.map((w, i) => (fixed[i] ? w : w * k));
}
