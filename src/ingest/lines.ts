/**
 * Positioned text items → visual lines of cell runs. pdfjs returns one item per glyph run (often
 * one per CJK glyph) plus blank gap items; a table reader wants one run per cell. Everything here
 * is in top-left page coordinates (PDF points) and thresholds are fractions of the font size, so
 * the same rules hold for 9pt tables and 16pt titles.
 */
import type { Line, Ruling, Run } from '../ir/types.js';
import type { PdfTextItem } from './pdfjs.js';

/** The positioned text item the pdfjs adapter hands over (top-left coordinates). */
export type TextItem = PdfTextItem;

/** Items whose baselines differ by at most this × font size sit on one line (subscripts aside). */
export const BASELINE_TOLERANCE = 0.4;
/** A gap at least this × font size inside a run is a word space (pdfjs itself uses ~0.1–0.6). */
export const SPACE_GAP = 0.3;
/** A gap wider than this × font size starts a new run (cell): no cell has a word gap of a full em. */
export const CELL_GAP = 1.0;
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

/** Merge one line's items (sorted by x) into runs; `vertical` are the page's vertical rulings. */
export function itemsToRuns(items: TextItem[], vertical: Ruling[]): Run[] {
  const runs: Run[] = [];
  let cur: { text: string; x0: number; x1: number; y0: number; y1: number; size: number; last: TextItem } | null = null;
  const close = () => {
    if (!cur) return;
    const text = cur.text.trim();
    if (text) {
      runs.push({
        text,
        x0: r2(cur.x0),
        x1: r2(cur.x1),
        y0: r2(cur.y0),
        y1: r2(cur.y1),
        conf: 1,
        origin: 'native',
        fontSize: r2(cur.size),
      });
    }
    cur = null;
  };
  for (const it of items) {
    const str = squeezeCjkSpaces(it.str);
    if (cur) {
      const gap = it.x0 - cur.x1;
      const size = Math.max(cur.size, it.fontSize);
      const prevChar = cur.text.trimEnd().slice(-1);
      const nextChar = str.trimStart().charAt(0);
      const twoNumbers = NUMBER_END.test(cur.text.trimEnd()) && NUMBER_START.test(str.trimStart());
      const newCell =
        gap > CELL_GAP * size ||
        separatedByRuling(cur.last, it, vertical) ||
        // Two numbers never share a cell: right-aligned amounts in narrow columns can sit closer
        // than an em, but a visible gap between them is a column boundary.
        (twoNumbers && gap >= SPACE_GAP * size);
      if (newCell) {
        close();
      } else {
        const bothCjk = isCjk(prevChar) && isCjk(nextChar);
        const hasSpace = /\s$/.test(cur.text) || /^\s/.test(str);
        if (gap >= SPACE_GAP * size && !bothCjk && !hasSpace) cur.text += ' ';
        else if (bothCjk) cur.text = cur.text.trimEnd();
        cur.text += bothCjk ? str.trimStart() : str;
        cur.x1 = Math.max(cur.x1, it.x1);
        cur.y0 = Math.min(cur.y0, it.top);
        cur.y1 = Math.max(cur.y1, it.bottom);
        cur.size = size;
        cur.last = it;
        continue;
      }
    }
    cur = { text: str, x0: it.x0, x1: it.x1, y0: it.top, y1: it.bottom, size: it.fontSize, last: it };
  }
  close();
  return runs;
}

/**
 * A page's items → lines (index left 0: the caller numbers lines through the document).
 * `Line.y` is the centre of the line's box (top of the highest run to bottom of the lowest), the
 * same convention OCR lines use, so a table reader can compare both.
 */
export function buildLines(items: TextItem[], rulings: Ruling[], page: number): Line[] {
  const vertical = rulings.filter((r) => r.axis === 'v');
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

function r2(v: number): number {
  return Math.round(v * 100) / 100;
}
