/**
 * A lattice whose cells hold text → one Line per band. The only thing that differs between the
 * native and the OCR path is where a cell's text comes from (glyphs in the cell, or the recognizer's
 * reading of the cell's pixels); this module turns either into the lines the table readers take.
 *
 * A band is a table row: its cells' texts, wrapped over several lines inside the cell, are one run
 * each, and the band is one line (`grid: true`). A producer that draws no rules between body rows
 * leaves several rows in one band: a cell then holds two or more lines with a number each (amounts
 * never wrap), and that band is read by baselines instead, its runs still cut at the drawn columns.
 */
import type { Box, Line, Run } from '../ir/types.js';
import type { Lattice, LatticeCell } from './lattice.js';

/** A cell's text as printed: its text lines top to bottom, each as runs left to right. */
export type CellText = Run[][];

const NUMBER = /^[-−]?[\d,，]+(?:[.．]\d+)?$/;
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

export function isNumberText(t: string): boolean {
  return NUMBER.test(t.replace(/\s/g, ''));
}

/** Join text pieces as a reader would: nothing between Han glyphs or digits, else one space. */
export function joinPieces(pieces: string[]): string {
  let out = '';
  for (const p of pieces.map((s) => s.trim()).filter((s) => s !== '')) {
    if (out === '') {
      out = p;
      continue;
    }
    const a = out[out.length - 1]!;
    const b = p[0]!;
    out += CJK.test(a) || CJK.test(b) ? p : ` ${p}`;
  }
  return out;
}

function union(runs: Run[]): Box {
  return {
    x0: Math.min(...runs.map((r) => r.x0)),
    y0: Math.min(...runs.map((r) => r.y0)),
    x1: Math.max(...runs.map((r) => r.x1)),
    y1: Math.max(...runs.map((r) => r.y1)),
  };
}

function cellBox(c: LatticeCell): Box {
  return { x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1 };
}

/** The whole text of a cell as one run (or, when it holds several numbers side by side, one run each). */
function cellRuns(cell: LatticeCell, text: CellText): Run[] {
  const runs = text.flat().filter((r) => r.text.trim() !== '');
  if (runs.length === 0) return [];
  const box = cellBox(cell);
  // A missing rule between two value columns leaves two amounts in one drawn cell: keep them apart.
  if (text.some((line) => line.filter((r) => isNumberText(r.text)).length > 1)) {
    return runs.map((r) => ({ ...r, cell: box }));
  }
  return [
    {
      text: joinPieces(runs.map((r) => r.text)),
      ...union(runs),
      conf: Math.min(...runs.map((r) => r.conf)),
      origin: runs[0]!.origin,
      ...(runs[0]!.fontSize !== undefined ? { fontSize: runs[0]!.fontSize } : {}),
      cell: box,
    },
  ];
}

/** Several body rows in one band: two or more lines of a cell each print a number. */
function holdsSeveralRows(cells: LatticeCell[], textOf: (c: LatticeCell) => CellText): boolean {
  return cells.some(
    (c) => c.rowSpan === 1 && textOf(c).filter((line) => line.some((r) => isNumberText(r.text))).length > 1,
  );
}

/** Lines of one band read by baselines: each cell's text line becomes a run cut at the cell's sides. */
function baselineLines(cells: LatticeCell[], textOf: (c: LatticeCell) => CellText, page: number | null): Line[] {
  const pieces: { y: number; cell: LatticeCell; runs: Run[] }[] = [];
  for (const c of cells) {
    for (const line of textOf(c)) {
      const runs = line.filter((r) => r.text.trim() !== '');
      if (runs.length) pieces.push({ y: (union(runs).y0 + union(runs).y1) / 2, cell: c, runs });
    }
  }
  pieces.sort((a, b) => a.y - b.y);
  const groups: (typeof pieces)[] = [];
  for (const p of pieces) {
    const g = groups[groups.length - 1];
    const h = union(p.runs).y1 - union(p.runs).y0;
    if (g && Math.abs(p.y - g[0]!.y) <= 0.5 * h) g.push(p);
    else groups.push([p]);
  }
  return groups.map((g) => {
    const runs = g
      .sort((a, b) => a.cell.x0 - b.cell.x0)
      .flatMap((p) =>
        cellRuns({ ...p.cell, rowSpan: 1 }, [p.runs]).map((r) => ({ ...r, cell: { ...r.cell!, ...yOf(p.runs) } })),
      );
    const box = union(runs);
    return {
      page,
      index: 0,
      y: round((box.y0 + box.y1) / 2),
      runs,
      separation: 'geometry' as const,
      text: runs.map((r) => r.text).join('\t'),
    };
  });
}

function yOf(runs: Run[]): { y0: number; y1: number } {
  const b = union(runs);
  return { y0: b.y0, y1: b.y1 };
}

/** One lattice → its lines, top to bottom. `textOf` gives each cell's text (glyphs or OCR). */
export function latticeLines(lattice: Lattice, textOf: (c: LatticeCell) => CellText, page: number | null): Line[] {
  const out: Line[] = [];
  for (let r = 0; r + 1 < lattice.ys.length; r++) {
    const cells = lattice.cells.filter((c) => c.row === r);
    if (cells.length === 0) continue;
    if (holdsSeveralRows(cells, textOf)) {
      out.push(...baselineLines(cells, textOf, page));
      continue;
    }
    const runs = cells.flatMap((c) => cellRuns(c, textOf(c)));
    if (runs.length === 0) continue;
    out.push({
      page,
      index: 0,
      y: round((lattice.ys[r]! + lattice.ys[r + 1]!) / 2),
      runs,
      separation: 'geometry',
      text: runs.map((x) => x.text).join('\t'),
      grid: { xs: lattice.xs },
    });
  }
  return out;
}

/** Is the point inside the cell (strictly, so a glyph on a border belongs to neither side twice)? */
export function inCell(c: Box, x: number, y: number): boolean {
  return x > c.x0 && x < c.x1 && y > c.y0 && y < c.y1;
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
