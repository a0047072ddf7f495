/**
 * The producer-neutral document model of the corpus: one seed report as a list of blocks (headings,
 * paragraphs, tables as cell grids with spans). Every emitter (Writer .fodt, Calc .fods, HTML for
 * Chromium, ReportLab, pdfkit) draws the same model, so a difference between two renders of a seed is
 * the producer's or the layout option's, never the content's. The model is plain JSON so the Python
 * emitter (ReportLab) reads the same file.
 */

/** How a cell's text sits in it; `role` tells an emitter what kind of content it is (width, format). */
export type Align = 'l' | 'c' | 'r';
export type Role = 'head' | 'name' | 'code' | 'num' | 'line' | 'text';

export interface MCell {
  text: string;
  /** First grid column (0-based) and spans: emitters need absolute positions for covered cells. */
  col: number;
  cs: number;
  rs: number;
  align: Align;
  role: Role;
}

export interface MTable {
  /** "01"…"10", or null for a narrative table (performance tables of 第三/第五部分). */
  id: string | null;
  /** Lines printed above the grid: title (centred, large), then the 公开NN表 / 部门 / 年度 / 单位 lines. */
  title: string;
  tag: string;
  dept: string;
  yearText: string;
  unitText: string;
  landscape: boolean;
  ncols: number;
  /** Column widths in em of the table font; emitters scale them to the page. */
  colEm: number[];
  /** Column roles (what most body cells of the column hold): Calc uses them for number formats. */
  colRoles: Role[];
  header: MCell[][];
  body: MCell[][];
  notes: string[];
}

export type MBlock =
  | { kind: 'cover'; text: string }
  | { kind: 'heading'; text: string; newPage: boolean }
  | { kind: 'para'; text: string }
  | { kind: 'table'; table: MTable };

/** Layout features a fixture varies. Each emitter honours what its producer can express. */
export interface LayoutOptions {
  /**
   * 科目编码 of the functional tables: `one` one cell; `split-every` 类|款|项 cells with 类/款 on every
   * row; `split-change` 类/款 printed only where they change; `in-name` inside the name cell
   * (`201 一般公共服务支出`, as seed 001's 02 prints it).
   */
  codes: 'one' | 'split-every' | 'split-change' | 'in-name';
  /** Narrow name columns, so long names wrap over 2–3 lines. */
  wrap: boolean;
  /** Vertical position of text in a taller (wrapped) row. */
  valign: 'middle' | 'top';
  /** `stroke` ruled lines, `rect` thin filled rectangles (where the emitter draws them), `none` whitespace table. */
  borders: 'stroke' | 'rect' | 'none';
  /** A second header level: 本年收入/本年支出 bands over the value columns of 02/03/05/08. */
  grouped: boolean;
  /** Thousands separators on amounts ≥ 1000 (seed 001 prints them). */
  thousands: boolean;
  /** Text layer with Kangxi radicals (⼀ ⽀ ⻔ …) instead of the unified ideographs. */
  kangxi: boolean;
  /** Whole report (第一部分…第五部分 and the narrative tables) instead of the table pages only. */
  narrative: boolean;
  /** Table font size in pt; larger sizes make long tables continue on a second page. */
  fontSize: number;
  /** Font family the emitter asks the producer for (fontconfig name, or a ReportLab font id). */
  font: string;
  /** `stacked` 公开NN表 / 部门 / 年度 / 单位 on separate lines; `one-line` 部门 … 年度 … 单位 on one line. */
  preamble: 'stacked' | 'one-line';
  /** Page numbers printed as `— N —` at the foot of every page (the pipeline must drop them). */
  footer: boolean;
  /** Every glyph its own positioned text object, as some WPS/PDF-printer exports write (pdfkit only). */
  glyphwise: boolean;
  /**
   * Font for table cells holding only ASCII (amounts, codes, 行次), as Word exports often print digits
   * in Arial/Times: a standard-14 name (`Helvetica`) is referenced, not embedded (pdfkit only).
   */
  digitsFont: string | null;
}

export const DEFAULT_OPTIONS: LayoutOptions = {
  codes: 'one',
  wrap: false,
  valign: 'middle',
  borders: 'stroke',
  grouped: false,
  thousands: false,
  kangxi: false,
  narrative: false,
  fontSize: 9,
  font: 'Noto Serif CJK SC',
  preamble: 'stacked',
  footer: false,
  glyphwise: false,
  digitsFont: null,
};

export interface MDoc {
  stem: string;
  /** Document title for the PDF's info dictionary and the cover, e.g. 景德镇市…2024年度部门决算. */
  title: string;
  options: LayoutOptions;
  blocks: MBlock[];
}

/** Expand a row list into an occupancy grid: grid[r][c] is the cell covering it (origin or covered). */
export function occupancy(rows: MCell[][], ncols: number): (MCell | null)[][] {
  const grid: (MCell | null)[][] = rows.map(() => Array<MCell | null>(ncols).fill(null));
  rows.forEach((row, r) => {
    for (const cell of row) {
      for (let dr = 0; dr < cell.rs; dr++) {
        for (let dc = 0; dc < cell.cs; dc++) {
          const line = grid[r + dr];
          if (line) line[cell.col + dc] = cell;
        }
      }
    }
  });
  return grid;
}
