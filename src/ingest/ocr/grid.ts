/**
 * Table grids from pixels. Tesseract reads almost nothing on a page whose ruling lines are kept
 * (they join the glyphs into one connected blob per row), so the rules are found, reported as
 * Rulings, and erased before recognition.
 *
 * Method: run-length. A rule is a long horizontal (or vertical) run of dark pixels, much longer
 * than any glyph stroke; adjacent rows holding overlapping runs are one rule of some thickness.
 * Everything here works in pixels; ocr.ts converts to PDF points.
 */

import type { Gray } from '../image.js';
export type { Gray };

/** A detected rule in pixel coordinates: `pos` is the centre line, `thickness` in pixels. */
export interface PixelRule {
  axis: 'h' | 'v';
  pos: number;
  start: number;
  end: number;
  /** First and last pixel row (h) or column (v) the rule covers, for erasing. */
  lo: number;
  hi: number;
}

export interface GridOptions {
  /** Pixels darker than this are ink. */
  threshold: number;
  /** Shortest run that counts as a rule, in pixels. */
  minLength: number;
  /** Thickest run stack that is still a rule, in pixels (thicker is a filled block). */
  maxThickness: number;
  /** Gaps up to this many pixels inside a run are bridged (JPEG speckle, broken scans). */
  maxGap: number;
}

/**
 * The grey level below which a pixel is ink of a rule: 50 below the paper (the commonest light
 * level), between 160 and 210. A thin rule scanned at 150 dpi, blurred and JPEG'd, is a trace of
 * greys around 180 that a fixed 160 broke into pieces too short to be rules (no grid was found and
 * the page fell apart); paper noise stays far above paper − 50, and a greyish paper keeps 160.
 */
export function ruleThreshold(img: Gray): number {
  const hist = new Uint32Array(256);
  for (const v of img.data) hist[v]!++;
  let paper = 255;
  for (let v = 128; v < 256; v++) if (hist[v]! > hist[paper]!) paper = v;
  return Math.min(210, Math.max(160, paper - 50));
}

/**
 * Defaults for a page rendered at `dpi`. A CJK glyph at 10.5–12pt is 45–50px at 300 dpi and its
 * longest stroke (一) is shorter than that; 0.3 inch is about twice a glyph, and shorter than the
 * narrowest table cell seen in the seeds.
 */
export function gridOptionsFor(dpi: number, threshold = 160): GridOptions {
  return {
    threshold,
    minLength: Math.round(dpi * 0.3),
    maxThickness: Math.max(3, Math.round(dpi / 25)),
    maxGap: Math.max(1, Math.round(dpi / 150)),
  };
}

interface Segment {
  start: number;
  end: number;
}

/** Runs of ink along one scan line, gaps up to maxGap bridged, kept when at least minLength. */
function longRuns(get: (i: number) => number, n: number, opts: GridOptions): Segment[] {
  const out: Segment[] = [];
  let start = -1;
  let lastInk = -1;
  for (let i = 0; i < n; i++) {
    if (get(i) < opts.threshold) {
      if (start < 0) start = i;
      else if (i - lastInk - 1 > opts.maxGap) {
        if (lastInk - start + 1 >= opts.minLength) out.push({ start, end: lastInk });
        start = i;
      }
      lastInk = i;
    }
  }
  if (start >= 0 && lastInk - start + 1 >= opts.minLength) out.push({ start, end: lastInk });
  return out;
}

interface Open {
  lo: number;
  hi: number;
  start: number;
  end: number;
}

/**
 * Stack runs of consecutive scan lines into rules: a run joins an open rule from the previous
 * scan line when their extents overlap by half the shorter one.
 */
function stack(perLine: Segment[][], axis: 'h' | 'v', opts: GridOptions): PixelRule[] {
  const done: PixelRule[] = [];
  let open: Open[] = [];
  const close = (o: Open) => {
    if (o.hi - o.lo + 1 <= opts.maxThickness) {
      done.push({ axis, pos: (o.lo + o.hi) / 2, start: o.start, end: o.end, lo: o.lo, hi: o.hi });
    }
  };
  for (let line = 0; line <= perLine.length; line++) {
    const runs = perLine[line] ?? [];
    const next: Open[] = [];
    const used = new Set<Open>();
    for (const r of runs) {
      const match = open.find((o) => {
        if (used.has(o)) return false;
        const overlap = Math.min(o.end, r.end) - Math.max(o.start, r.start);
        return overlap >= 0.5 * Math.min(o.end - o.start, r.end - r.start);
      });
      if (match) {
        used.add(match);
        next.push({
          lo: match.lo,
          hi: line,
          start: Math.min(match.start, r.start),
          end: Math.max(match.end, r.end),
        });
      } else {
        next.push({ lo: line, hi: line, start: r.start, end: r.end });
      }
    }
    for (const o of open) if (!used.has(o)) close(o);
    open = next;
  }
  return done;
}

export function detectRules(img: Gray, opts: GridOptions): PixelRule[] {
  const { data, width, height } = img;
  const rows: Segment[][] = [];
  for (let y = 0; y < height; y++) {
    const base = y * width;
    rows.push(longRuns((x) => data[base + x]!, width, opts));
  }
  const cols: Segment[][] = [];
  for (let x = 0; x < width; x++) {
    cols.push(longRuns((y) => data[y * width + x]!, height, opts));
  }
  return [...stack(rows, 'h', opts), ...stack(cols, 'v', opts)];
}

/**
 * Paint rules white, one pixel wider on each side: anti-aliased edges left behind read as
 * underscores and pipes. Returns a new image; the input is kept for evidence.
 */
export function eraseRules(img: Gray, rules: PixelRule[], pad = 1): Gray {
  const out = new Uint8Array(img.data);
  const { width, height } = img;
  for (const r of rules) {
    const lo = Math.max(0, r.lo - pad);
    const hi = Math.min((r.axis === 'h' ? height : width) - 1, r.hi + pad);
    const s = Math.max(0, r.start - pad);
    const e = Math.min((r.axis === 'h' ? width : height) - 1, r.end + pad);
    for (let a = lo; a <= hi; a++) {
      for (let b = s; b <= e; b++) {
        if (r.axis === 'h') out[a * width + b] = 255;
        else out[b * width + a] = 255;
      }
    }
  }
  return { data: out, width, height };
}

/** Count of ink pixels inside a rectangle: empty cells are skipped instead of recognized. */
export function inkCount(img: Gray, x0: number, y0: number, x1: number, y1: number, threshold = 160): number {
  let n = 0;
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(img.width, Math.ceil(x1));
  const ya = Math.max(0, Math.floor(y0));
  const yb = Math.min(img.height, Math.ceil(y1));
  for (let y = ya; y < yb; y++) {
    const base = y * img.width;
    for (let x = xa; x < xb; x++) if (img.data[base + x]! < threshold) n++;
  }
  return n;
}

/** Tight box around the ink inside a rectangle, or null when there is none. */
export function inkBox(
  img: Gray,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  threshold = 160,
): { x0: number; y0: number; x1: number; y1: number } | null {
  const xa = Math.max(0, Math.floor(x0));
  const xb = Math.min(img.width, Math.ceil(x1));
  const ya = Math.max(0, Math.floor(y0));
  const yb = Math.min(img.height, Math.ceil(y1));
  let bx0 = Infinity;
  let by0 = Infinity;
  let bx1 = -1;
  let by1 = -1;
  for (let y = ya; y < yb; y++) {
    const base = y * img.width;
    for (let x = xa; x < xb; x++) {
      if (img.data[base + x]! < threshold) {
        if (x < bx0) bx0 = x;
        if (x > bx1) bx1 = x;
        if (y < by0) by0 = y;
        if (y > by1) by1 = y;
      }
    }
  }
  return bx1 < 0 ? null : { x0: bx0, y0: by0, x1: bx1 + 1, y1: by1 + 1 };
}
