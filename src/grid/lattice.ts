/**
 * Ruled tables as cells, the way pdfplumber's table finder and tabula's lattice mode read them:
 * rulings → their intersections → the smallest rectangles whose four sides are drawn → tables of
 * cells with row and column spans. Merged cells fall out naturally: a side that is not drawn does
 * not bound a cell. Pure geometry in one coordinate system (PDF points, top-left origin), shared by
 * the native path (vector rulings) and the OCR path (rules detected in pixels, mapped to points).
 */
import type { Ruling } from '../ir/types.js';

export interface LatticeCell {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Index of the cell's top/left grid line among its table's lines; spans count grid bands. */
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface Lattice {
  /** y of each horizontal grid line, top to bottom; band r lies between ys[r] and ys[r + 1]. */
  ys: number[];
  /** x of each vertical grid line, left to right. */
  xs: number[];
  cells: LatticeCell[];
}

export interface LatticeOptions {
  /** Rulings whose positions differ by at most this are one grid line; ends may miss by this much. */
  tolerance: number;
  /** Bands and columns narrower than this are border artefacts (double rules), not cells. */
  minSize: number;
}

export const DEFAULT_LATTICE_OPTIONS: LatticeOptions = { tolerance: 2, minSize: 3 };

/** Cluster sorted positions: a position within `tol` of the group's last member joins it. */
function clusterPositions(values: number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1]! <= tol) g.push(v);
    else groups.push([v]);
  }
  return groups.map((g) => g.reduce((s, v) => s + v, 0) / g.length);
}

/** Intervals covered by the rulings of one grid line, merged where they touch. */
function coverage(rulings: Ruling[], tol: number): [number, number][] {
  const sorted = rulings.map((r) => [r.start, r.end] as [number, number]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + tol) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function covers(intervals: [number, number][], from: number, to: number, tol: number): boolean {
  return intervals.some(([s, e]) => s <= from + tol && e >= to - tol);
}

/**
 * Every table drawn on one page. Cells come from the smallest drawn rectangle at each corner;
 * tables are groups of cells that share corners; a lone framed box (one cell) is not a table.
 */
export function findLattices(rulings: Ruling[], opts: LatticeOptions = DEFAULT_LATTICE_OPTIONS): Lattice[] {
  const tol = opts.tolerance;
  const hs = rulings.filter((r) => r.axis === 'h');
  const vs = rulings.filter((r) => r.axis === 'v');
  if (hs.length < 2 || vs.length < 2) return [];
  const ys = clusterPositions(
    hs.map((r) => r.pos),
    tol,
  );
  const xs = clusterPositions(
    vs.map((r) => r.pos),
    tol,
  );
  const nearest = (grid: number[], v: number) => grid.findIndex((g) => Math.abs(g - v) <= tol);
  const hCover = ys.map((_, i) =>
    coverage(
      hs.filter((r) => nearest(ys, r.pos) === i),
      tol,
    ),
  );
  const vCover = xs.map((_, i) =>
    coverage(
      vs.filter((r) => nearest(xs, r.pos) === i),
      tol,
    ),
  );
  const hasH = (yi: number, xa: number, xb: number) => covers(hCover[yi]!, xs[xa]!, xs[xb]!, tol);
  const hasV = (xi: number, ya: number, yb: number) => covers(vCover[xi]!, ys[ya]!, ys[yb]!, tol);

  const cells: { xa: number; xb: number; ya: number; yb: number }[] = [];
  for (let ya = 0; ya + 1 < ys.length; ya++) {
    for (let xa = 0; xa + 1 < xs.length; xa++) {
      // A corner: both the top side and the left side start here.
      if (!hasH(ya, xa, xa) || !hasV(xa, ya, ya)) continue;
      let found: { xb: number; yb: number } | undefined;
      for (let yb = ya + 1; yb < ys.length && !found; yb++) {
        if (!hasV(xa, ya, yb)) break; // the left side ends above this line
        for (let xb = xa + 1; xb < xs.length; xb++) {
          if (!hasH(ya, xa, xb)) break; // the top side ends before this line
          if (hasV(xb, ya, yb) && hasH(yb, xa, xb)) {
            found = { xb, yb };
            break;
          }
        }
      }
      if (found) cells.push({ xa, ya, ...found });
    }
  }
  return groupTables(cells, xs, ys, opts);
}

/** Cells sharing a corner belong to one table; each table gets its own grid lines. */
function groupTables(
  cells: { xa: number; xb: number; ya: number; yb: number }[],
  xs: number[],
  ys: number[],
  opts: LatticeOptions,
): Lattice[] {
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const byCorner = new Map<string, number>();
  cells.forEach((c, i) => {
    for (const key of [`${c.xa},${c.ya}`, `${c.xb},${c.ya}`, `${c.xa},${c.yb}`, `${c.xb},${c.yb}`]) {
      const j = byCorner.get(key);
      if (j === undefined) byCorner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, typeof cells>();
  cells.forEach((c, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  const out: Lattice[] = [];
  for (const group of groups.values()) {
    const yIdx = [...new Set(group.flatMap((c) => [c.ya, c.yb]))].sort((a, b) => a - b);
    const xIdx = [...new Set(group.flatMap((c) => [c.xa, c.xb]))].sort((a, b) => a - b);
    // A table has at least two rows and two columns; a framed title or page border does not.
    if (yIdx.length < 3 || xIdx.length < 3) continue;
    const tys = yIdx.map((i) => round(ys[i]!));
    const txs = xIdx.map((i) => round(xs[i]!));
    const tableCells: LatticeCell[] = group
      .filter((c) => xs[c.xb]! - xs[c.xa]! >= opts.minSize && ys[c.yb]! - ys[c.ya]! >= opts.minSize)
      .map((c) => {
        const row = yIdx.indexOf(c.ya);
        const col = xIdx.indexOf(c.xa);
        return {
          x0: round(xs[c.xa]!),
          y0: round(ys[c.ya]!),
          x1: round(xs[c.xb]!),
          y1: round(ys[c.yb]!),
          row,
          col,
          rowSpan: yIdx.indexOf(c.yb) - row,
          colSpan: xIdx.indexOf(c.xb) - col,
        };
      })
      .sort((a, b) => a.row - b.row || a.col - b.col);
    out.push({ ys: tys, xs: txs, cells: tableCells });
  }
  return out.sort((a, b) => a.ys[0]! - b.ys[0]! || a.xs[0]! - b.xs[0]!);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
