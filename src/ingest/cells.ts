/**
 * Cells from detected rules: each gap between two consecutive horizontal rules is a row band, and
 * the vertical rules crossing the band's middle cut it into cells. Merged cells fall out naturally
 * (a vertical rule that stops short of a band does not cut it). Pixel coordinates throughout.
 */
import type { PixelRule } from './grid.js';

export interface CellBox {
  x0: number;
  x1: number;
}

export interface Band {
  /** Inner edges: below the upper rule, above the lower one. */
  y0: number;
  y1: number;
  cells: CellBox[];
}

export interface CellOptions {
  /** Bands thinner than this hold no text (double rules, rule thickness noise). */
  minBandHeight: number;
  /** Rules closer than this are one rule (anti-aliasing, double borders). */
  mergeDistance: number;
}

export function cellOptionsFor(dpi: number): CellOptions {
  return { minBandHeight: Math.round(dpi * 0.06), mergeDistance: Math.round(dpi * 0.02) };
}

/** Cluster positions closer than `d`; each cluster keeps its extreme edges. */
function clusterRules(rules: PixelRule[], d: number): PixelRule[][] {
  const sorted = [...rules].sort((a, b) => a.pos - b.pos);
  const groups: PixelRule[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    const last = g?.[g.length - 1];
    if (g && last && r.pos - last.pos <= d) g.push(r);
    else groups.push([r]);
  }
  return groups;
}

export function bandsFromRules(rules: PixelRule[], opts: CellOptions): Band[] {
  const hs = rules.filter((r) => r.axis === 'h');
  const vs = rules.filter((r) => r.axis === 'v');
  const tol = opts.mergeDistance;
  const bands: Band[] = [];
  const hGroups = clusterRules(hs, tol);
  for (let i = 0; i + 1 < hGroups.length; i++) {
    const upper = hGroups[i]!;
    const lower = hGroups[i + 1]!;
    const y0 = Math.max(...upper.map((r) => r.hi)) + 1;
    const y1 = Math.min(...lower.map((r) => r.lo));
    if (y1 - y0 < opts.minBandHeight) continue;
    const mid = (y0 + y1) / 2;
    // A vertical rule bounds this band when it spans the band (tolerance for rules that end a
    // pixel or two short of the horizontal they meet).
    const crossing = vs.filter((v) => v.start <= y0 + tol && v.end >= y1 - tol && v.start <= mid && v.end >= mid);
    const xs = clusterRules(crossing, tol).map((g) => ({
      lo: Math.min(...g.map((r) => r.lo)),
      hi: Math.max(...g.map((r) => r.hi)),
    }));
    if (xs.length < 2) continue;
    const cells: CellBox[] = [];
    for (let k = 0; k + 1 < xs.length; k++) {
      const x0 = xs[k]!.hi + 1;
      const x1 = xs[k + 1]!.lo;
      if (x1 - x0 >= opts.minBandHeight) cells.push({ x0, x1 });
    }
    // Both horizontal rules must overlap the cells, or the gap lies between two tables.
    const left = xs[0]!.lo;
    const right = xs[xs.length - 1]!.hi;
    const spans = (g: PixelRule[]) => {
      const start = Math.min(...g.map((r) => r.start));
      const end = Math.max(...g.map((r) => r.end));
      return start < right && end > left;
    };
    if (!spans(upper) || !spans(lower)) continue;
    if (cells.length > 0) bands.push({ y0, y1, cells });
  }
  return bands;
}
