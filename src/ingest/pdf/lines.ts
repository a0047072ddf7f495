/**
 * Positioned glyphs → visual lines of cell runs. Inside a ruled table every glyph goes to the drawn
 * cell that holds its centre (grid/); the rest of the page is read by baselines, a run ending at a
 * wide gap or a vertical ruling. Everything here is in top-left page coordinates (PDF points) and
 * thresholds are fractions of the font size, so the same rules hold for 9pt tables and 16pt titles.
 */
import type { Line, Ruling, Run } from '../../ir/types.js';
import type { PdfGlyph } from './operators.js';
import { findLattices } from '../../grid/lattice.js';
import { inCell, latticeLines, type CellText } from '../../grid/grid-lines.js';
import { dropOverprints } from './overprint.js';

/** A positioned piece of text: a glyph from the pdfjs adapter, or a hand-built item in tests (no operation). */
export type TextItem = Omit<PdfGlyph, 'op'> & { op?: number };

/** Items whose baselines differ by at most this × font size sit on one line (subscripts aside). */
export const BASELINE_TOLERANCE = 0.4;
/**
 * A gap at least this × font size between two glyphs is a word space (pdfjs inserts one from about
 * 0.1 em; pdfkit, for one, writes a space as a 0.29 em move without a space glyph).
 */
export const SPACE_GAP = 0.15;
/** Two numbers at least this × font size apart are two cells, even closer than an em. */
export const NUMBER_GAP = 0.3;
/** A gap wider than this × font size starts a new run (cell): no cell has a word gap of a full em. */
export const CELL_GAP = 1.0;
/**
 * Han glyphs written by one operation stay one run across gaps up to this × font size: headers and
 * totals are spread over their cell by character spacing ("合    计").
 */
export const SPREAD_GAP = 4.0;
/** A vertical ruling counts as separating two items if it lies within this many points of the gap. */
const RULING_SLACK = 0.5;

/** Han ideographs (incl. Kangxi radicals and the radical supplement), CJK punctuation, fullwidth forms. */
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;
const NUMBER_END = /[0-9]$/;
const NUMBER_START = /^[-−]?[0-9]/;

export function isCjk(ch: string): boolean {
  return CJK.test(ch);
}

/** Spaces pdfjs put between two CJK glyphs are layout (justification), not text: drop them. */
function squeezeCjkSpaces(s: string): string {
  return s.replace(
    /(?<=[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef])[ \u00a0\u3000]+(?=[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef])/gu,
    '',
  );
}

/** Group items into lines by baseline; lines come out top to bottom, items left to right. */
export function clusterByBaseline(items: TextItem[]): TextItem[][] {
  const sorted = items.filter((i) => i.str.trim() !== '').sort((a, b) => a.baseline - b.baseline || a.x0 - b.x0);
  const lines: { baseline: number; size: number; items: TextItem[] }[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    const tol = BASELINE_TOLERANCE * Math.min(it.fontSize, last?.size ?? it.fontSize);
    if (last && Math.abs(it.baseline - last.baseline) <= tol) {
      last.items.push(it);
    } else {
      lines.push({ baseline: it.baseline, size: it.fontSize, items: [it] });
    }
  }
  return lines.map((l) => l.items.sort((a, b) => a.x0 - b.x0));
}

function separatedByRuling(a: TextItem, b: TextItem, vertical: Ruling[]): boolean {
  const mid = (Math.min(a.top, b.top) + Math.max(a.bottom, b.bottom)) / 2;
  return vertical.some(
    (r) => r.pos >= a.x1 - RULING_SLACK && r.pos <= b.x0 + RULING_SLACK && r.start <= mid && r.end >= mid,
  );
}

interface Piece {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function toRun(p: Piece, size: number): Run {
  return {
    text: p.text.trim(),
    x0: r2(p.x0),
    x1: r2(p.x1),
    y0: r2(p.y0),
    y1: r2(p.y1),
    conf: 1,
    origin: 'native',
    fontSize: r2(size),
  };
}

/**
 * Merge one line's items (sorted by x) into runs; `vertical` are the page's vertical rulings. A run
 * also keeps its pieces where an amount and a name meet without a space glyph between them: some
 * producers (Ghostscript rewrites) write a whole table row as one string, "849.17" 0.3 em from
 * "一、一般公共服务支出"; table readers take the pieces, text keeps the run.
 */
export function itemsToRuns(items: TextItem[], vertical: Ruling[]): Run[] {
  const runs: Run[] = [];
  let cur: {
    pieces: Piece[];
    size: number;
    last: TextItem;
    /** Glyphs merged so far and the last gap between two of them (spread text is evenly spaced). */
    count: number;
    gap: number;
  } | null = null;
  const close = () => {
    if (!cur) return;
    const pieces = cur.pieces.filter((p) => p.text.trim() !== '');
    const text = joinPieces(pieces);
    if (text) {
      const run = toRun(
        {
          text,
          x0: Math.min(...pieces.map((p) => p.x0)),
          x1: Math.max(...pieces.map((p) => p.x1)),
          y0: Math.min(...pieces.map((p) => p.y0)),
          y1: Math.max(...pieces.map((p) => p.y1)),
        },
        cur.size,
      );
      if (pieces.length > 1) run.pieces = pieces.map((p) => toRun(p, cur!.size));
      runs.push(run);
    }
    cur = null;
  };
  for (const it of items) {
    const str = squeezeCjkSpaces(it.str);
    if (cur) {
      const piece = cur.pieces[cur.pieces.length - 1]!;
      const gap = it.x0 - piece.x1;
      const size = Math.max(cur.size, it.fontSize);
      const prevChar = piece.text.trimEnd().slice(-1);
      const nextChar = str.trimStart().charAt(0);
      const twoNumbers = NUMBER_END.test(piece.text.trimEnd()) && NUMBER_START.test(str.trimStart());
      const bothCjk = isCjk(prevChar) && isCjk(nextChar);
      const evenlySpread = cur.count === 1 || Math.abs(gap - cur.gap) <= 0.25 * size;
      const spread = cur.last.op !== undefined && cur.last.op === it.op && bothCjk && evenlySpread;
      const hasSpace = /\s$/.test(piece.text) || /^\s/.test(str);
      // An amount and a name written by two operations are two cells, even a word gap apart
      // (ReportLab prints "2693.88" and "一、一般公共服务支出" 0.5 em apart in a borderless table).
      const otherOp = cur.last.op !== undefined && it.op !== undefined && cur.last.op !== it.op;
      const numberMeetsHan =
        (NUMBER_END.test(piece.text.trimEnd()) && isCjk(nextChar)) ||
        (isCjk(prevChar) && NUMBER_START.test(str.trimStart()));
      const newCell =
        gap > (spread ? SPREAD_GAP : CELL_GAP) * size ||
        separatedByRuling(cur.last, it, vertical) ||
        // Two numbers never share a cell: right-aligned amounts in narrow columns can sit closer
        // than an em, but a visible gap between them is a column boundary.
        (twoNumbers && gap >= NUMBER_GAP * size) ||
        (otherOp && numberMeetsHan && gap >= NUMBER_GAP * size);
      if (newCell) {
        close();
      } else {
        if (numberMeetsHan && !hasSpace && gap >= SPACE_GAP * size) {
          cur.pieces.push({ text: str.trimStart(), x0: it.x0, x1: it.x1, y0: it.top, y1: it.bottom });
        } else {
          if (gap >= SPACE_GAP * size && !bothCjk && !hasSpace) piece.text += ' ';
          else if (bothCjk) piece.text = piece.text.trimEnd();
          piece.text += bothCjk ? str.trimStart() : str;
          piece.x1 = Math.max(piece.x1, it.x1);
          piece.y0 = Math.min(piece.y0, it.top);
          piece.y1 = Math.max(piece.y1, it.bottom);
        }
        cur.size = size;
        cur.gap = gap;
        cur.count++;
        cur.last = it;
        continue;
      }
    }
    cur = {
      pieces: [{ text: str, x0: it.x0, x1: it.x1, y0: it.top, y1: it.bottom }],
      size: it.fontSize,
      last: it,
      count: 1,
      gap: 0,
    };
  }
  close();
  return runs;
}

/** The run's text from its pieces: the space the reader would print between them. */
function joinPieces(pieces: Piece[]): string {
  let text = '';
  for (const p of pieces) {
    const t = p.text.trim();
    if (!text) text = t;
    else text += ` ${t}`;
  }
  return text;
}

/**
 * Space glyphs carry no ink but do separate words: fold each into the next glyph of the same
 * operation as a leading space, so "1. 副部" keeps its space whatever the space glyph's width.
 */
export function foldSpaces(glyphs: TextItem[]): TextItem[] {
  const out: TextItem[] = [];
  let pending: TextItem | undefined;
  for (const g of glyphs) {
    if (g.str.trim() === '') {
      pending = g;
      continue;
    }
    const spaced = pending && pending.op === g.op && Math.abs(pending.baseline - g.baseline) < 0.4 * g.fontSize;
    out.push(spaced ? { ...g, str: ` ${g.str}` } : g);
    pending = undefined;
  }
  return out;
}

/** Lines of free text (outside every ruled table) by baseline; index left 0 (numbered later). */
function baselineLines(items: TextItem[], vertical: Ruling[], page: number): Line[] {
  const lines: Line[] = [];
  for (const group of clusterByBaseline(items)) {
    const runs = itemsToRuns(group, vertical);
    if (runs.length === 0) continue;
    const top = Math.min(...runs.map((r) => r.y0));
    const bottom = Math.max(...runs.map((r) => r.y1));
    lines.push({
      page,
      index: 0,
      y: r2((top + bottom) / 2),
      runs,
      separation: 'geometry',
      text: runs.map((r) => r.text).join('\t'),
    });
  }
  return lines;
}

/** The text of one drawn cell: its glyphs by baseline, each line's runs left to right. */
function cellText(items: TextItem[]): CellText {
  return clusterByBaseline(items).map((group) => itemsToRuns(group, []));
}

/**
 * A page's glyphs → lines (index left 0: the caller numbers lines through the document). Ruled
 * tables are read cell by cell; `Line.y` is the centre of the line's box (for a table band, the
 * band's centre), the same convention OCR lines use, so a table reader can compare both.
 */
export function buildLines(glyphs: TextItem[], rulings: Ruling[], page: number): Line[] {
  const items = foldSpaces(dropOverprints(glyphs));
  const vertical = rulings.filter((r) => r.axis === 'v');
  const lines: Line[] = [];
  const taken = new Set<TextItem>();
  for (const lattice of findLattices(rulings)) {
    const byCell = new Map(lattice.cells.map((c) => [c, [] as TextItem[]]));
    for (const it of items) {
      const x = (it.x0 + it.x1) / 2;
      const y = (it.top + it.bottom) / 2;
      const cell = lattice.cells.find((c) => inCell(c, x, y));
      if (!cell) continue;
      byCell.get(cell)!.push(it);
      taken.add(it);
    }
    lines.push(...latticeLines(lattice, (c) => cellText(byCell.get(c) ?? []), page));
  }
  lines.push(
    ...baselineLines(
      items.filter((it) => !taken.has(it)),
      vertical,
      page,
    ),
  );
  return lines.sort((a, b) => a.y - b.y || (a.runs[0]?.x0 ?? 0) - (b.runs[0]?.x0 ?? 0));
}

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}
