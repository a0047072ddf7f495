/**
 * One rendered page → PageIR through OCR. Rules are detected and erased first (see grid.ts) and
 * read as a lattice by the same grid reader the native path uses (src/grid/); each table cell
 * holding ink is cropped and recognized on its own line of a stacked sheet (ocr-stack.ts), so a
 * cell's words never leak into its neighbour and the cell's column is known from the grid, not
 * guessed from gaps. Text outside the tables is recognized per region as a block. Pixel boxes are
 * mapped back to PDF points with the render scale, top-left origin, as the native text layer
 * gives them.
 */
import type { Line, PageIR, Ruling, Run } from '../../ir/types.js';
import { findLattices, type Lattice, type LatticeCell } from '../../grid/lattice.js';
import { latticeLines, type CellText } from '../../grid/grid-lines.js';
import { deskew } from './deskew.js';
import { binarizeNearPaper, enlarge2, recognizeStacked, type Box } from './ocr-stack.js';
import { foldOcrPunctuation } from './ocr-punctuation.js';
import { mendSeparators } from './ocr-number.js';
import { detectRules, eraseRules, gridOptionsFor, inkBox, ruleThreshold, type Gray, type PixelRule } from './grid.js';
import type { OcrPool, OcrWord } from './ocr.js';
import type { GrayPage } from '../image.js';

export interface OcrPageOptions {
  /** Re-read every numeric cell (binarized, digits-only), not only the doubtful ones. */
  numericPass: boolean;
  /** In a money column, cells read below this confidence are re-read. */
  retryBelow: number;
}

/**
 * Every numeric cell is read three times and the readings vote. Re-reading only the doubtful ones
 * (below 0.75) was enough once, but tesseract's reading of a crop depends on its sheet-mates: with
 * the cells cut from the drawn grid (header cells whole instead of in two halves) the open reading
 * of a rendered page gave 264.87 as 204.87 at 0.82, which only the digits-only re-readings put
 * right (rendered pages 8 and 13 of the Shanghai report: 164/170 exact without, 168/170 with; the
 * rest come back at 0.45 for the identities to judge). It costs about a quarter of the page time.
 */
export const DEFAULT_OCR_PAGE_OPTIONS: OcrPageOptions = { numericPass: true, retryBelow: 0.75 };

const NUMERIC_WHITELIST = '0123456789.,-';
/** Cell text that looks like money or a count (after removing spaces). */
const NUMBERISH = /^-?[\d,.，．]+$/;

/** A recognized word or cell text in page pixels. */
type Piece = Omit<OcrWord, 'line'>;

/** A cell's reading: its whole text (for choosing between readings) and its text lines. */
type CellRead = Piece & { lines: Piece[] };

function cellPiece(words: OcrWord[]): CellRead | undefined {
  if (words.length === 0) return undefined;
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const lines = [...byLine.keys()].sort((a, b) => a - b).map((k) => joinWords(byLine.get(k)!));
  return { ...joinWords(words), lines };
}

export async function ocrGrayPage(
  pool: OcrPool,
  gray: GrayPage,
  options: OcrPageOptions = DEFAULT_OCR_PAGE_OPTIONS,
): Promise<PageIR> {
  const dpi = gray.scale * 72;
  // Straighten first: scans are turned by a fraction of a degree, and rules must be pixel rows.
  const { image: straight } = deskew(gray);
  const rules = detectRules(straight, gridOptionsFor(dpi, ruleThreshold(straight)));
  const erased = eraseRules(straight, rules);
  const rulings = rules.map((r) => toRuling(r, gray.scale));
  const lattices = findLattices(rulings);

  const toPt = (v: number) => v / gray.scale;
  const run = (p: Piece): Run => ({
    text: p.text,
    x0: toPt(p.x0),
    x1: toPt(p.x1),
    y0: toPt(p.y0),
    y1: toPt(p.y1),
    conf: p.conf,
    origin: 'ocr',
  });
  const textRegions = readRegions(pool, erased, freeRegions(erased, lattices, gray.scale), Math.round(dpi * 0.03));
  const cellTexts = await readCells(pool, erased, lattices, rules, gray.scale, options);
  const regions = await textRegions;

  const lines: Omit<Line, 'index'>[] = [];
  for (const lattice of lattices) {
    const textOf = (c: LatticeCell): CellText => (cellTexts.get(c) ?? []).map((piece) => [run(piece)]);
    lines.push(...latticeLines(lattice, textOf, gray.page));
  }
  for (const region of regions) {
    for (const pieces of region) {
      const runs = pieces.map(run);
      lines.push({
        page: gray.page,
        y: lineY(runs),
        runs,
        separation: 'geometry',
        text: runs.map((r) => r.text).join(' '),
      });
    }
  }
  lines.sort((a, b) => a.y - b.y || (a.runs[0]?.x0 ?? 0) - (b.runs[0]?.x0 ?? 0));
  return {
    page: gray.page,
    width: gray.widthPt,
    height: gray.heightPt,
    lines: lines.map((l, index) => ({ ...l, index })),
    rulings,
  };
}

function lineY(runs: Run[]): number {
  return runs.reduce((s, r) => s + (r.y0 + r.y1) / 2, 0) / runs.length;
}

function toRuling(r: PixelRule, scale: number): Ruling {
  return { axis: r.axis, pos: r.pos / scale, start: r.start / scale, end: (r.end + 1) / scale };
}

/**
 * The cells of every lattice, recognized on stacked sheets (ocr-stack.ts), each as its text lines
 * top to bottom. Doubtful cells of money columns are read twice more, digits-only and binarized
 * near the paper, as they are and at twice the size; chooseReading merges the readings. Empty
 * cells are skipped.
 */
async function readCells(
  pool: OcrPool,
  img: Gray,
  lattices: Lattice[],
  rules: PixelRule[],
  scale: number,
  options: OcrPageOptions,
): Promise<Map<LatticeCell, Piece[]>> {
  const dpi = scale * 72;
  const minGlyph = Math.round(dpi * 0.03);
  const edge = ruleEdges(rules, scale);
  const jobs: { cell: LatticeCell; inner: Box; box: Box }[] = [];
  for (const cell of lattices.flatMap((l) => l.cells)) {
    // Stay inside the erased rules (a pixel beyond their last row): their fringe is not text.
    const inner = {
      x0: edge('v', cell.x0, 'after') + 2,
      y0: edge('h', cell.y0, 'after') + 2,
      x1: edge('v', cell.x1, 'before') - 1,
      y1: edge('h', cell.y1, 'before') - 1,
    };
    if (inner.x1 - inner.x0 < minGlyph || inner.y1 - inner.y0 < minGlyph) continue;
    const ink = inkBox(img, inner.x0, inner.y0, inner.x1, inner.y1);
    // Scan noise leaves specks in empty cells; the smallest glyph worth reading (a 1, a -) is
    // long in one direction at least.
    if (!ink || Math.max(ink.x1 - ink.x0, ink.y1 - ink.y0) < minGlyph) continue;
    // A little paper around the ink: blurred strokes fade out beyond the tight box.
    const box = {
      x0: Math.max(inner.x0, ink.x0 - FRINGE),
      y0: Math.max(inner.y0, ink.y0 - FRINGE),
      x1: Math.min(inner.x1, ink.x1 + FRINGE),
      y1: Math.min(inner.y1, ink.y1 + FRINGE),
    };
    jobs.push({ cell, inner, box });
  }
  // Reading order: by the band the ink sits in, then left to right (a header cell spanning two
  // bands reads with the band its text is centred in). tesseract's reading of a crop depends a
  // little on its sheet-mates, so the order is fixed by the page alone.
  const bandOf = (j: (typeof jobs)[number]) => {
    const ys = lattices.find((l) => l.cells.includes(j.cell))!.ys;
    const y = (j.box.y0 + j.box.y1) / 2 / scale;
    return ys.findIndex((v, i) => i + 1 < ys.length && y >= v && y < ys[i + 1]!);
  };
  const order = new Map(jobs.map((j) => [j, [lattices.findIndex((l) => l.cells.includes(j.cell)), bandOf(j)]]));
  jobs.sort(
    (a, b) => order.get(a)![0]! - order.get(b)![0]! || order.get(a)![1]! - order.get(b)![1]! || a.box.x0 - b.box.x0,
  );
  const reads = (
    await recognizeStacked(
      pool,
      img,
      jobs.map((j) => j.box),
    )
  ).map(cellPiece);

  const moneyColumn = moneyColumns(jobs.map((j, i) => ({ cell: j.inner, text: reads[i]?.text })));
  const again = jobs.flatMap((j, i) => {
    const r = reads[i];
    const numeric = r !== undefined && isNumeric(r.text);
    // A header cell (several CJK glyphs, read surely) is no number; a lone sure glyph (了 for 7) is.
    const words = r !== undefined && !numeric && r.conf >= options.retryBelow && /^[\u4e00-\u9fff]{2,}$/.test(r.text);
    const doubtful = r === undefined || (!numeric && !words) || r.conf < options.retryBelow;
    return (options.numericPass && numeric) || (moneyColumn(j.inner) && doubtful) ? [i] : [];
  });
  const boxes = again.map((i) => jobs[i]!.box);
  const [flat, enlarged] = await Promise.all([
    recognizeStacked(pool, img, boxes, { prepare: binarizeNearPaper, whitelist: NUMERIC_WHITELIST }),
    recognizeStacked(pool, img, boxes, {
      prepare: (crop) => binarizeNearPaper(enlarge2(crop)),
      scale: 2,
      whitelist: NUMERIC_WHITELIST,
    }),
  ]);
  again.forEach((i, k) => {
    reads[i] = chooseReading(reads[i], [cellPiece(flat[k]!), cellPiece(enlarged[k]!)]);
  });

  const out = new Map<LatticeCell, Piece[]>();
  jobs.forEach((j, i) => {
    const read = tidyNumber(reads[i]);
    if (read) out.set(j.cell, read.lines);
  });
  return out;
}

/**
 * The pixel rows/columns a grid line's rule covers: given a grid line in points, the last pixel of
 * its rule ('after': where the cell below or right of it starts) or the first ('before').
 */
function ruleEdges(rules: PixelRule[], scale: number) {
  return (axis: 'h' | 'v', pt: number, side: 'after' | 'before'): number => {
    const px = pt * scale;
    const near = rules.filter((r) => r.axis === axis && Math.abs(r.pos - px) <= 2 * scale);
    if (near.length === 0) return side === 'after' ? Math.ceil(px) : Math.floor(px);
    return side === 'after' ? Math.max(...near.map((r) => r.hi)) : Math.min(...near.map((r) => r.lo));
  };
}

/** Pixels of paper kept around a cell's ink. */
const FRINGE = 2;

const isNumeric = (text: string) => NUMBERISH.test(text.replace(/\s/g, ''));

/**
 * A money column is one where most read cells are numbers; there, a cell that read as something
 * else is a number misread, not a label. Cells share a column when their grid extents overlap by
 * most of their width (edges found on a scan wander by a few pixels from row to row).
 */
function moneyColumns(cells: { cell: Box; text: string | undefined }[]): (c: Box) => boolean {
  const overlap = (a: Box, b: Box) =>
    Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)) / Math.max(a.x1 - a.x0, b.x1 - b.x0);
  return (cell) => {
    // Cells read as nothing (specks, faint glyphs) are no evidence either way.
    const column = cells.filter((c) => c.text !== undefined && overlap(c.cell, cell) >= 0.8);
    const numeric = column.filter((c) => isNumeric(c.text!)).length;
    return numeric >= 2 && numeric * 2 >= column.length;
  };
}

/**
 * Merge the open reading of a cell with its digits-only re-readings (binarized as it is, and
 * binarized at twice the size; each of the two put right misreads the other made on the samples).
 * Numbers read alike by two readings stand, at the better confidence. Otherwise the surest number
 * is kept but with at most the confidence of the doubt between them, so the identities decide
 * whether it stands. Non-numeric re-readings say nothing.
 */
function chooseReading(open: CellRead | undefined, again: (CellRead | undefined)[]): CellRead | undefined {
  const numbers = [open, ...again].filter((p): p is CellRead => p !== undefined && isNumeric(p.text));
  if (numbers.length === 0) return open;
  const text = (p: Piece) => p.text.replace(/\s/g, '');
  for (const p of numbers) {
    const alike = numbers.filter((q) => text(q) === text(p));
    if (alike.length >= 2) return asNumber(p, Math.max(...alike.map((q) => q.conf)));
  }
  const surest = numbers.reduce((a, b) => (b.conf > a.conf ? b : a));
  return numbers.length === 1 && surest === open ? open : asNumber(surest, Math.min(surest.conf, DISAGREEMENT_CONF));
}

/**
 * A number read with misplaced separators (ocr-number.ts) is put right, and kept below the
 * confidence of a sure reading for the identities to judge.
 */
function tidyNumber(read: CellRead | undefined): CellRead | undefined {
  if (!read) return read;
  const text = read.text.replace(/\s/g, '');
  const tidy = isNumeric(text) ? mendSeparators(text) : undefined;
  if (tidy === undefined) return read;
  return asNumber({ ...read, text: tidy }, Math.min(read.conf, DISAGREEMENT_CONF));
}

/** A number is one line: the cell's reading is the chosen number, at the chosen confidence. */
function asNumber(p: CellRead, conf: number): CellRead {
  const { lines: _lines, ...piece } = p;
  return { ...piece, conf, lines: [{ ...piece, conf }] };
}

/** Two readings of one cell that disagree: below the 0.5 that marks a confident OCR number. */
const DISAGREEMENT_CONF = 0.45;

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Words of one cell or one line into one piece. Tesseract separates CJK glyphs by spaces; they
 * are joined without one, and so are the parts of a number; other words keep one space.
 */
export function joinWords(words: OcrWord[]): Piece {
  // A cell of two lines reads line by line, as printed.
  const sorted = [...words].sort((a, b) => a.line - b.line || a.x0 - b.x0);
  let text = '';
  let prev: OcrWord | null = null;
  for (const w of sorted) {
    if (prev) {
      const a = prev.text[prev.text.length - 1] ?? '';
      const b = w.text[0] ?? '';
      const tight = CJK.test(a) || CJK.test(b) || (/[\d.,-]/.test(a) && /[\d.,-]/.test(b));
      if (!tight) text += ' ';
    }
    text += w.text;
    prev = w;
  }
  return {
    text: foldOcrPunctuation(text),
    x0: Math.min(...sorted.map((w) => w.x0)),
    y0: Math.min(...sorted.map((w) => w.y0)),
    x1: Math.max(...sorted.map((w) => w.x1)),
    y1: Math.max(...sorted.map((w) => w.y1)),
    // The weakest word bounds the cell: one misread glyph makes the whole value wrong.
    conf: Math.min(...sorted.map((w) => w.conf)),
  };
}

interface Region {
  y0: number;
  y1: number;
}

/** Vertical stretches of the page outside every ruled table that hold ink. */
function freeRegions(img: Gray, lattices: Lattice[], scale: number): Region[] {
  const covered = lattices
    .map((l) => ({ y0: Math.round(l.ys[0]! * scale) - 4, y1: Math.round(l.ys[l.ys.length - 1]! * scale) + 4 }))
    .sort((a, b) => a.y0 - b.y0);
  const out: Region[] = [];
  let y = 0;
  const push = (y0: number, y1: number) => {
    if (y1 - y0 < 8) return;
    const box = inkBox(img, 0, y0, img.width, y1);
    if (box) out.push({ y0, y1 });
  };
  for (const c of covered) {
    if (c.y0 > y) push(y, c.y0);
    y = Math.max(y, c.y1);
  }
  push(y, img.height);
  return out;
}

/**
 * The text lines of a region, each a strip of rows holding ink between blank rows: a title, a
 * 公开NN表 label and a 部门 line read as one block lost the title (tesseract's line finding over
 * lines of different sizes and places), so each line is cropped and read on a stacked sheet like
 * the cells.
 */
function lineStrips(img: Gray, region: Region, minHeight: number): Box[] {
  const strips: Box[] = [];
  let start = -1;
  const rowHasInk = (y: number) => {
    let n = 0;
    for (let x = 0, i = y * img.width; x < img.width; x++, i++) if (img.data[i]! < 160 && ++n >= 2) return true;
    return false;
  };
  for (let y = Math.max(0, region.y0); y <= Math.min(img.height, region.y1); y++) {
    const ink = y < Math.min(img.height, region.y1) && rowHasInk(y);
    if (ink && start < 0) start = y;
    if (!ink && start >= 0) {
      if (y - start >= minHeight) {
        const box = inkBox(img, 0, start, img.width, y);
        if (box)
          strips.push({
            x0: Math.max(0, box.x0 - FRINGE),
            y0: Math.max(0, box.y0 - FRINGE),
            x1: Math.min(img.width, box.x1 + FRINGE),
            y1: Math.min(img.height, box.y1 + FRINGE),
          });
      }
      start = -1;
    }
  }
  return strips;
}

/** The lines of the text regions, each as runs split where a gap is wider than two glyphs. */
async function readRegions(pool: OcrPool, img: Gray, regions: Region[], minHeight: number): Promise<Piece[][][]> {
  const strips = regions.flatMap((r) => lineStrips(img, r, minHeight));
  const words = await recognizeStacked(pool, img, strips);
  const out: Piece[][] = [];
  for (const ws of words) {
    const byLine = new Map<number, OcrWord[]>();
    for (const w of ws) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
    for (const line of byLine.values()) {
      line.sort((a, b) => a.x0 - b.x0);
      const height = Math.max(...line.map((w) => w.y1 - w.y0));
      // A gap wider than two glyphs separates cells of a borderless table or columns of text.
      const groups: OcrWord[][] = [];
      for (const w of line) {
        const g = groups[groups.length - 1];
        const last = g?.[g.length - 1];
        if (g && last && w.x0 - last.x1 <= 2 * height) g.push(w);
        else groups.push([w]);
      }
      out.push(groups.map(joinWords));
    }
  }
  return [out];
}
