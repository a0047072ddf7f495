/**
 * The intermediate representation where the three ingest paths (plain text, PDF text layer, OCR)
 * meet. Coordinates are normalized once, at ingest: origin top-left, y grows downward, units are
 * PDF points for PDF/OCR and "cell index / line index" for plain text. No third-party type appears
 * here, so table readers never know which library produced a page.
 */

/** A run of text with its box. For plain text a run is one tab-separated cell or one token. */
export interface Run {
  text: string;
  x0: number;
  x1: number;
  /** Top and bottom of the run's box. */
  y0: number;
  y1: number;
  /** 0..1: 1 for a native text layer or plain text; the recognizer's score for OCR. */
  conf: number;
  /** Where the run came from, kept as evidence for confidence and findings. */
  origin: 'text' | 'native' | 'ocr';
  fontSize?: number;
  /** The drawn cell the run fills, when it was read from a ruled grid (its provenance box). */
  cell?: Box;
  /** Plain-text input: the 1-based line and first and last column the run was read from. */
  at?: { line: number; start: number; end: number };
  /**
   * Where a run of positioned text holds what may be two cells (an amount and a name met without a
   * space glyph), its pieces; table readers take these, text takes the run.
   */
  pieces?: Run[];
}

/** An axis-aligned box in page coordinates (top-left origin). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A drawn ruling line (table border), orientation-free like tabula's Ruling. */
export interface Ruling {
  axis: 'h' | 'v';
  /** y for horizontal rulings, x for vertical ones. */
  pos: number;
  start: number;
  end: number;
}

/** How the cells of a line are separated: this decides which column strategy applies. */
export type CellSeparation = 'tab' | 'space' | 'geometry';

/** One visual line of a page: its runs in reading order. */
export interface Line {
  page: number | null;
  /** Index of the line within the document, for stable ordering and messages. */
  index: number;
  y: number;
  runs: Run[];
  separation: CellSeparation;
  /** The line's text with cells joined by the separator that best preserves them (tab/space). */
  text: string;
  /**
   * One band of a ruled table: each run is the whole text of one drawn cell (a wrapped name and its
   * vertically centred values are one line), so there are no label pieces to attach by position.
   * `xs` are the table's vertical grid lines, empty columns included.
   */
  grid?: { xs: number[] };
}

export interface PageIR {
  /** 1-based page number; null for plain-text input (it has no pages). */
  page: number | null;
  width: number;
  height: number;
  lines: Line[];
  rulings: Ruling[];
}

export interface DocumentIR {
  format: 'pdf' | 'text';
  pageCount: number | null;
  textLayer: 'native' | 'ocr' | 'mixed' | 'none';
  pages: PageIR[];
}

/** Every line of the document in order, across pages. */
export function allLines(doc: DocumentIR): Line[] {
  return doc.pages.flatMap((p) => p.lines);
}
