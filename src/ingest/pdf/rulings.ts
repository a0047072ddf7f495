/**
 * Drawn path pieces → table rulings. Pure geometry on top-left page coordinates (PDF points), like
 * tabula's Ruling: snap near-axis segments, turn thin filled rectangles into their centre lines, and
 * merge collinear pieces (a border is often drawn cell by cell).
 */
import type { Ruling } from '../../ir/types.js';

export interface Segment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A segment within this angle of an axis is snapped to it (tabula uses 1°). */
export const SNAP_DEGREES = 1;
/** A filled rectangle at most this thick is a drawn line (WPS/Word draw cell borders this way). */
export const MAX_RULE_THICKNESS = 1.5;
/** Rulings shorter than this are dots, ticks or glyph parts, not borders. */
export const MIN_RULING_LENGTH = 2;
/** Pieces whose positions differ by at most this are collinear (half a typical border width + rounding). */
export const POS_TOLERANCE = 1;
/** Collinear pieces this close (or overlapping) join into one ruling. */
export const JOIN_TOLERANCE = 1.5;

/** Snap one segment; null when it is neither near-horizontal nor near-vertical, or too short. */
export function snapSegment(s: Segment): Ruling | null {
  const dx = s.x1 - s.x0;
  const dy = s.y1 - s.y0;
  const len = Math.hypot(dx, dy);
  if (len < MIN_RULING_LENGTH) return null;
  const tan = Math.tan((SNAP_DEGREES * Math.PI) / 180);
  if (Math.abs(dy) <= Math.abs(dx) * tan) {
    return { axis: 'h', pos: (s.y0 + s.y1) / 2, start: Math.min(s.x0, s.x1), end: Math.max(s.x0, s.x1) };
  }
  if (Math.abs(dx) <= Math.abs(dy) * tan) {
    return { axis: 'v', pos: (s.x0 + s.x1) / 2, start: Math.min(s.y0, s.y1), end: Math.max(s.y0, s.y1) };
  }
  return null;
}

/** A thin filled rectangle as the line through its middle; null for areas (shading, images). */
export function rectToRuling(r: Segment): Ruling | null {
  const w = Math.abs(r.x1 - r.x0);
  const h = Math.abs(r.y1 - r.y0);
  const x0 = Math.min(r.x0, r.x1);
  const y0 = Math.min(r.y0, r.y1);
  if (h <= MAX_RULE_THICKNESS && w >= MIN_RULING_LENGTH && w > h) {
    return { axis: 'h', pos: y0 + h / 2, start: x0, end: x0 + w };
  }
  if (w <= MAX_RULE_THICKNESS && h >= MIN_RULING_LENGTH && h > w) {
    return { axis: 'v', pos: x0 + w / 2, start: y0, end: y0 + h };
  }
  return null;
}

/** Merge collinear, touching or overlapping rulings of one axis; output sorted by pos then start. */
export function mergeRulings(rulings: Ruling[]): Ruling[] {
  const out: Ruling[] = [];
  for (const axis of ['h', 'v'] as const) {
    const sorted = rulings.filter((r) => r.axis === axis).sort((a, b) => a.pos - b.pos || a.start - b.start);
    // Group by position first (a chain of positions each within tolerance of the group's first).
    const groups: Ruling[][] = [];
    for (const r of sorted) {
      const g = groups[groups.length - 1];
      if (g && Math.abs(r.pos - g[0]!.pos) <= POS_TOLERANCE) g.push(r);
      else groups.push([r]);
    }
    for (const g of groups) {
      const pos = g.reduce((s, r) => s + r.pos, 0) / g.length;
      const byStart = [...g].sort((a, b) => a.start - b.start);
      let cur: Ruling | null = null;
      for (const r of byStart) {
        if (cur && r.start <= cur.end + JOIN_TOLERANCE) cur.end = Math.max(cur.end, r.end);
        else {
          if (cur) out.push(cur);
          cur = { axis, pos: round(pos), start: r.start, end: r.end };
        }
      }
      if (cur) out.push(cur);
    }
  }
  return out.map((r) => ({ ...r, start: round(r.start), end: round(r.end) }));
}

/** Two decimals: finer than any border width, and stable output for tests and diffs. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}

export function buildRulings(segments: Segment[], filledRects: Segment[]): Ruling[] {
  const pieces: Ruling[] = [];
  for (const s of segments) {
    const r = snapSegment(s);
    if (r) pieces.push(r);
  }
  for (const f of filledRects) {
    const r = rectToRuling(f);
    if (r) pieces.push(r);
  }
  return mergeRulings(pieces);
}
