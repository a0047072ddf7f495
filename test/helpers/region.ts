/**
 * Hand-built page regions for stage tests of the table readers, in the spirit of tabula-java's
 * tests: a few lines laid out by hand stand for a page, so a test reads like the table it is about.
 *
 *   gridLine(xs, ['201', '一般公共服务支出', '300.00'], { y: 140 })   one band of a ruled table
 *   streamLine(140, [[40, '201'], [80, '一般公共服务支出'], [334, '300.00']])   positioned glyphs, no rules
 *   tabLine(['201', '一般公共服务支出', '300.00'])   a tab-separated text line
 *   spaceLine('201 一般公共服务支出 300.00')   a space-separated text line
 *   region('05', [...lines])   the region a table reader takes
 *
 * The builders make the lines the ingest makes (test/tables/region-helpers.test.ts holds them to
 * plain-text ingest and to the grid builder), with positions in PDF points at a 10-pt font.
 */
import type { Line, Ruling, Run } from '../../src/ir/types.js';
import type { TableId } from '../../src/schema/record.js';
import type { TableRegion } from '../../src/segment/tables.js';
import { specOf } from '../../parsers/tables.js';

/** Glyph height and advance at a 10-pt font: Han glyphs are square, digits and Latin half as wide. */
const FONT = 10;
const HAN = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]/u;

/** Width of a text printed at 10 pt. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += HAN.test(ch) ? FONT : FONT * 0.55;
  return Math.round(w * 100) / 100;
}

export interface RunOptions {
  /** Recognizer score (OCR); 1 by default. */
  conf?: number;
  origin?: Run['origin'];
}

/** A run of positioned text: its left edge at x0, its box centred on y, 10 pt high. */
export function run(text: string, x0: number, y: number, opts: RunOptions = {}): Run {
  return {
    text,
    x0,
    x1: Math.round((x0 + textWidth(text)) * 100) / 100,
    y0: y - FONT / 2,
    y1: y + FONT / 2,
    conf: opts.conf ?? 1,
    origin: opts.origin ?? 'native',
  };
}

export interface LineOptions extends RunOptions {
  /** 1-based page; 1 by default. */
  page?: number;
}

/** An item of a stream line: the run's left edge, its text, and optionally its own conf/origin. */
export type StreamItem = [x0: number, text: string] | [x0: number, text: string, opts: RunOptions];

/** A line of positioned glyphs read by baseline (no drawn grid): runs at the given left edges. */
export function streamLine(y: number, items: StreamItem[], opts: LineOptions = {}): Line {
  const runs = items.map(([x0, text, own]) => run(text, x0, y, { ...opts, ...own }));
  return {
    page: opts.page ?? 1,
    index: 0,
    y,
    runs,
    separation: 'geometry',
    text: runs.map((r) => r.text).join('\t'),
  };
}

/** A drawn cell of a grid line: its text ('' for an empty cell), optionally spanning columns. */
export type GridCell = string | ({ text: string; span?: number } & RunOptions);

export interface GridLineOptions extends LineOptions {
  /** Centre of the band. */
  y: number;
  /** Height of the band (its rules are y ± h/2); 20 by default. */
  h?: number;
}

const isAmount = (t: string) => /^[-\d,.]+$/.test(t.trim());

/**
 * One band of a ruled table, as the grid builder reads it: `xs` are the table's vertical rules,
 * each cell spans one column (or `span`), its text is one run whose `cell` is the drawn box.
 * Amounts sit right-aligned in their cell, text left-aligned; empty cells give no run.
 */
export function gridLine(xs: number[], cells: GridCell[], opts: GridLineOptions): Line {
  const h = opts.h ?? 20;
  const top = opts.y - h / 2;
  const bottom = opts.y + h / 2;
  const runs: Run[] = [];
  let col = 0;
  for (const c of cells) {
    const { text, span = 1, ...own } = typeof c === 'string' ? { text: c } : c;
    if (col + span >= xs.length) throw new Error(`gridLine: cells span more than the ${xs.length - 1} columns`);
    const box = { x0: xs[col]!, y0: top, x1: xs[col + span]!, y1: bottom };
    col += span;
    if (text.trim() === '') continue;
    const x0 = isAmount(text) ? box.x1 - 3 - textWidth(text) : box.x0 + 3;
    runs.push({ ...run(text, Math.round(x0 * 100) / 100, opts.y, { ...opts, ...own }), cell: box });
  }
  if (col !== xs.length - 1) throw new Error(`gridLine: cells span ${col} of the ${xs.length - 1} columns`);
  return {
    page: opts.page ?? 1,
    index: 0,
    y: opts.y,
    runs,
    separation: 'geometry',
    text: runs.map((r) => r.text).join('\t'),
    grid: { xs },
  };
}

/** A run of plain text: x is the cell index (tab) or the character offset (space), y the line. */
function textRun(text: string, x0: number, x1: number): Run {
  return { text, x0, x1, y0: 0, y1: 1, conf: 1, origin: 'text' };
}

/** A tab-separated text line: one run per cell, empty cells kept (their index is their column). */
export function tabLine(cells: string[]): Line {
  const runs = cells.map((c, i) => textRun(c.trim(), i, i + 1));
  return { page: null, index: 0, y: 0, runs, separation: 'tab', text: cells.join('\t') };
}

/** A space-separated text line: one run per token, x its character offset. */
export function spaceLine(text: string): Line {
  const runs = [...text.matchAll(/\S+/g)].map((m) => textRun(m[0], m.index, m.index + m[0].length));
  return { page: null, index: 0, y: 0, runs, separation: 'space', text: text.trim() };
}

/**
 * The region of table `id` holding `lines` (the lines after its title). Lines are numbered in
 * order; plain-text lines (page null) take their position as y, as plain-text ingest gives them.
 */
export function region(id: TableId, lines: Line[]): TableRegion {
  const spec = specOf(id);
  const numbered = lines.map((l, index) =>
    l.page === null
      ? { ...l, index, y: index, runs: l.runs.map((r) => ({ ...r, y0: index, y1: index + 1 })) }
      : { ...l, index },
  );
  const pages = [...new Set(numbered.map((l) => l.page).filter((p): p is number => p !== null))];
  return { spec, title: spec.title, printedNo: Number(id), lines: numbered, pages };
}

/** The rulings of a plain grid: horizontal rules at ys across xs, vertical rules at xs down ys. */
export function gridRulings(xs: number[], ys: number[]): Ruling[] {
  const [left, right] = [xs[0]!, xs[xs.length - 1]!];
  const [top, bottom] = [ys[0]!, ys[ys.length - 1]!];
  return [
    ...ys.map((pos): Ruling => ({ axis: 'h', pos, start: left, end: right })),
    ...xs.map((pos): Ruling => ({ axis: 'v', pos, start: top, end: bottom })),
  ];
}
