/**
 * One rendered page → PageIR through OCR. Rules are detected and erased first (see grid.ts); each
 * table cell holding ink is recognized alone as one text line, so a cell's words never leak into
 * its neighbour and the cell's column is known from the grid, not guessed from gaps. Text outside
 * the tables is recognized per region as a block. Pixel boxes are mapped back to PDF points with
 * the render scale, top-left origin, as the native text layer gives them.
 */
import type { Line, PageIR, Ruling, Run } from '../ir/types.js';
import { deskew } from './deskew.js';
import { bandsFromRules, cellOptionsFor, type Band, type CellBox } from './cells.js';
import { detectRules, eraseRules, gridOptionsFor, inkBox, type Gray, type PixelRule } from './grid.js';
import type { OcrPool, OcrWord } from './ocr.js';
import { cropGray, type GrayPage } from './render.js';

export interface OcrPageOptions {
  /** Digits-only second pass on every numeric cell (not only doubtful ones of money columns). */
  numericPass: boolean;
  /** In a money column, cells read below this confidence get the digits-only second look. */
  retryBelow: number;
}

/**
 * The digits-only pass on every numeric cell is off: measured on clean renders at 200 and 300 dpi
 * it changed no cell to the right value and doubled the recognition time of numeric cells. The
 * targeted retry (retryMoneyCells) stays on.
 */
export const DEFAULT_OCR_PAGE_OPTIONS: OcrPageOptions = { numericPass: false, retryBelow: 0.6 };

const NUMERIC_WHITELIST = '0123456789.,-';
/** Cell text that looks like money or a count (after removing spaces). */
const NUMBERISH = /^-?[\d,.，．]+$/;

/** White margin around a crop: tesseract misreads glyphs that touch the image edge. */
const PAD = 12;

/** A recognized word or cell text in page pixels. */
type Piece = Omit<OcrWord, 'line'>;

export async function ocrGrayPage(
  pool: OcrPool,
  gray: GrayPage,
  options: OcrPageOptions = DEFAULT_OCR_PAGE_OPTIONS,
): Promise<PageIR> {
  const dpi = gray.scale * 72;
  // Straighten first: scans are turned by a fraction of a degree, and rules must be pixel rows.
  const { image: straight } = deskew(gray);
  const rules = detectRules(straight, gridOptionsFor(dpi));
  const erased = eraseRules(straight, rules);
  const bands = bandsFromRules(rules, cellOptionsFor(dpi));

  const tableRows = bands.map((band) => readBand(pool, erased, band));
  const textRegions = freeRegions(erased, bands).map((r) => readRegion(pool, erased, r));
  const cellReads = await Promise.all(tableRows);
  await retryMoneyCells(pool, erased, cellReads, options);
  const rows = cellReads.map((cells) => cells.map((c) => c.piece));
  const regions = await Promise.all(textRegions);

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
  const lines: Omit<Line, 'index'>[] = [];
  for (const pieces of rows) {
    if (pieces.length === 0) continue;
    const runs = pieces.map(run);
    lines.push({ page: gray.page, y: lineY(runs), runs, separation: 'geometry', text: runs.map((r) => r.text).join('\t') });
  }
  for (const region of regions) {
    for (const pieces of region) {
      const runs = pieces.map(run);
      lines.push({ page: gray.page, y: lineY(runs), runs, separation: 'geometry', text: runs.map((r) => r.text).join(' ') });
    }
  }
  lines.sort((a, b) => a.y - b.y || (a.runs[0]?.x0 ?? 0) - (b.runs[0]?.x0 ?? 0));
  return {
    page: gray.page,
    width: gray.widthPt,
    height: gray.heightPt,
    lines: lines.map((l, index) => ({ ...l, index })),
    rulings: rules.map((r) => toRuling(r, gray.scale)),
  };
}

function lineY(runs: Run[]): number {
  return runs.reduce((s, r) => s + (r.y0 + r.y1) / 2, 0) / runs.length;
}

function toRuling(r: PixelRule, scale: number): Ruling {
  return { axis: r.axis, pos: r.pos / scale, start: r.start / scale, end: (r.end + 1) / scale };
}

interface CellRead {
  piece: Piece;
  box: { x0: number; y0: number; x1: number; y1: number };
  /** The grid cell's horizontal extent, which identifies its column. */
  cell: CellBox;
}

/** The cells of one band, recognized one by one; empty cells are skipped. */
async function readBand(pool: OcrPool, img: Gray, band: Band): Promise<CellRead[]> {
  const reads = band.cells.map(async (cell): Promise<CellRead | null> => {
    // Stay a pixel inside the erased rules: their anti-aliased fringe is not text.
    const box = inkBox(img, cell.x0 + 1, band.y0 + 1, cell.x1 - 1, band.y1 - 1);
    if (!box || (box.x1 - box.x0) * (box.y1 - box.y0) < 16) return null;
    const words = await recognizeCrop(pool, img, box, 7);
    if (words.length === 0) return null;
    return { piece: joinWords(words), box, cell };
  });
  return (await Promise.all(reads)).filter((p): p is CellRead => p !== null);
}

const isNumeric = (text: string) => NUMBERISH.test(text.replace(/\s/g, ''));

/**
 * Second look at doubtful cells of money columns. A column (cells sharing their grid edges) is a
 * money column when most of its read cells are numbers; there, a cell that read as something else
 * or with low confidence is read again with a digits-only alphabet. Measured on scans of a real
 * report: the open reading turns a blurred `2.71` into CJK glyphs at confidence 0, the restricted one
 * recovers it; on clean renders no cell qualifies, so it costs nothing there.
 */
async function retryMoneyCells(pool: OcrPool, img: Gray, rows: CellRead[][], options: OcrPageOptions): Promise<void> {
  const key = (c: CellBox) => `${Math.round(c.x0 / 8)}:${Math.round(c.x1 / 8)}`;
  const columns = new Map<string, { numeric: number; total: number }>();
  for (const r of rows.flat()) {
    const k = key(r.cell);
    const c = columns.get(k) ?? { numeric: 0, total: 0 };
    c.total++;
    if (isNumeric(r.piece.text)) c.numeric++;
    columns.set(k, c);
  }
  const retries: Promise<void>[] = [];
  for (const r of rows.flat()) {
    const col = columns.get(key(r.cell))!;
    const moneyColumn = col.numeric >= 2 && col.numeric * 2 >= col.total;
    const doubtful = !isNumeric(r.piece.text) || r.piece.conf < options.retryBelow;
    if (!(options.numericPass || (moneyColumn && doubtful))) continue;
    if (!moneyColumn && !isNumeric(r.piece.text)) continue;
    retries.push(
      recognizeCrop(pool, img, r.box, 7, NUMERIC_WHITELIST).then((words) => {
        if (words.length === 0) return;
        const d = joinWords(words);
        // Keep the digits reading when it is a clean number and the open reading was not, or
        // when it is at least as sure.
        if (isNumeric(d.text) && (!isNumeric(r.piece.text) || d.conf >= r.piece.conf)) r.piece = d;
      }),
    );
  }
  await Promise.all(retries);
}

async function recognizeCrop(
  pool: OcrPool,
  img: Gray,
  box: { x0: number; y0: number; x1: number; y1: number },
  psm: 6 | 7,
  whitelist?: string,
): Promise<OcrWord[]> {
  const crop = padded(cropGray(img, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0), PAD);
  const words = await pool.recognize(crop, whitelist === undefined ? { psm } : { psm, whitelist });
  return words.map((w) => ({
    ...w,
    x0: w.x0 - PAD + box.x0,
    x1: w.x1 - PAD + box.x0,
    y0: w.y0 - PAD + box.y0,
    y1: w.y1 - PAD + box.y0,
  }));
}

function padded(img: Gray, pad: number): Gray {
  const width = img.width + 2 * pad;
  const height = img.height + 2 * pad;
  const data = new Uint8Array(width * height).fill(255);
  for (let r = 0; r < img.height; r++) {
    data.set(img.data.subarray(r * img.width, (r + 1) * img.width), (r + pad) * width + pad);
  }
  return { data, width, height };
}

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/**
 * Words of one cell or one line into one piece. Tesseract separates CJK glyphs by spaces; they
 * are joined without one, and so are the parts of a number; other words keep one space.
 */
export function joinWords(words: OcrWord[]): Piece {
  const sorted = [...words].sort((a, b) => a.x0 - b.x0);
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
    text,
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

/** Vertical stretches of the page outside every table band that hold ink. */
function freeRegions(img: Gray, bands: Band[]): Region[] {
  const covered = bands.map((b) => ({ y0: b.y0 - 4, y1: b.y1 + 4 })).sort((a, b) => a.y0 - b.y0);
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

/** A text region as one block (psm 6): one line per tesseract line, words grouped by gaps. */
async function readRegion(pool: OcrPool, img: Gray, region: Region): Promise<Piece[][]> {
  const box = inkBox(img, 0, region.y0, img.width, region.y1);
  if (!box) return [];
  const words = await recognizeCrop(pool, img, box, 6);
  const byLine = new Map<number, OcrWord[]>();
  for (const w of words) byLine.set(w.line, [...(byLine.get(w.line) ?? []), w]);
  const out: Piece[][] = [];
  for (const ws of byLine.values()) {
    ws.sort((a, b) => a.x0 - b.x0);
    const height = Math.max(...ws.map((w) => w.y1 - w.y0));
    // A gap wider than two glyphs separates cells of a borderless table or columns of text.
    const groups: OcrWord[][] = [];
    for (const w of ws) {
      const g = groups[groups.length - 1];
      const last = g?.[g.length - 1];
      if (g && last && w.x0 - last.x1 <= 2 * height) g.push(w);
      else groups.push([w]);
    }
    out.push(groups.map(joinWords));
  }
  return out;
}
