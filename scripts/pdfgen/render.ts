/**
 * Draw seed blocks into a PDF with pdfkit: narrative pages (portrait A4), one page per table
 * (landscape for the wide ones), bordered grids with right-aligned amounts. All coordinates are
 * pdfkit's, which are already top-left points, the same system as the ingest IR.
 */
import PDFDocument from 'pdfkit';
import type { Block, Cell } from './seed.js';

export type Variant = 'clean' | 'kangxi' | 'split' | 'noruling';

export interface RenderOptions {
  variant: Variant;
  fontPath: string;
}

const MARGIN = 50;
const BODY_SIZE = 10.5;
const TABLE_SIZE = 9;
/** Cell padding as a fraction of the font size: 2 × 0.6 em keeps a gap over one em between cells. */
const PAD = 0.6;
/** Tables printed landscape in the published reports (wide column sets). */
const LANDSCAPE_TABLES = new Set(['02', '03', '04', '06']);
/** In the split variant a table with more data rows than this is cut in two pages. */
const SPLIT_MIN_ROWS = 8;

/**
 * Kangxi radicals / CJK radical supplement look-alikes, as some WPS exports put in the text layer.
 * Every target code point was checked to have a glyph in Noto Sans SC (fontkit hasGlyphForCodePoint).
 */
export const KANGXI: Record<string, string> = {
  一: '\u2f00', // ⼀
  人: '\u2f08', // ⼈
  入: '\u2f0a', // ⼊
  力: '\u2f12', // ⼒
  大: '\u2f24', // ⼤
  小: '\u2f29', // ⼩
  工: '\u2f2f', // ⼯
  支: '\u2f40', // ⽀
  生: '\u2f63', // ⽣
  用: '\u2f64', // ⽤
  金: '\u2fa6', // ⾦
  民: '\u2ea0', // ⺠
  见: '\u2ec5', // ⻅
  车: '\u2ecb', // ⻋
  门: '\u2ed4', // ⻔
  食: '\u2edd', // ⻝
};

export function toKangxi(s: string): string {
  return [...s].map((c) => KANGXI[c] ?? c).join('');
}

export async function renderSeed(blocks: Block[], opts: RenderOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: 'sample', Producer: 'juesuan make-sample-pdfs', CreationDate: new Date(0) },
  });
  doc.font(opts.fontPath);
  const t = (s: string) => (opts.variant === 'kangxi' ? toKangxi(s) : s);
  let fresh = true; // nothing drawn on the current page yet
  // The first mention of a part is the table of contents; the second is the part itself and
  // starts a new page.
  const seenParts = new Set<string>();

  for (const b of blocks) {
    if (b.kind === 'heading') {
      const part = b.text.slice(0, 4);
      const real = seenParts.has(part);
      seenParts.add(part);
      if (!real) {
        doc.fontSize(BODY_SIZE).text(t(b.text), { lineGap: 3 }).moveDown(0.4);
        fresh = false;
        continue;
      }
      if (!fresh) doc.addPage({ size: 'A4', margin: MARGIN });
      doc.fontSize(15).text(t(b.text), { align: 'center' }).moveDown(0.8);
      fresh = false;
    } else if (b.kind === 'para') {
      doc
        .fontSize(BODY_SIZE)
        .text(t(b.text), { indent: 2 * BODY_SIZE, lineGap: 3, align: 'justify' })
        .moveDown(0.4);
      fresh = false;
    } else {
      drawTable(doc, b, opts.variant, t);
      fresh = false;
    }
  }
  if (opts.variant === 'split') drawFooters(doc, t);
  doc.end();
  const chunks: Buffer[] = [];
  for await (const c of doc as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

function drawFooters(doc: PDFKit.PDFDocument, t: (s: string) => string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the margin must not open a new page
    doc
      .fontSize(10)
      .text(t(`— ${i + 1} —`), 0, doc.page.height - 32, { width: doc.page.width, align: 'center', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

interface Layout {
  widths: number[];
  size: number;
}

function spanOf(cell: Cell): number {
  return cell.span ?? 1;
}

/** Column widths from the unmerged cells' natural widths, capped so the table fits the page. */
function layoutColumns(doc: PDFKit.PDFDocument, rows: Cell[][], available: number): Layout {
  const size = TABLE_SIZE;
  doc.fontSize(size);
  const n = Math.max(...rows.map((r) => r.reduce((a, cell) => a + spanOf(cell), 0)));
  const natural = Array.from({ length: n }, () => 3 * size);
  for (const r of rows) {
    let col = 0;
    for (const cell of r) {
      if (spanOf(cell) === 1) natural[col] = Math.max(natural[col]!, doc.widthOfString(cell.text) + 2 * PAD * size);
      col += spanOf(cell);
    }
  }
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= available) return { widths: natural.map((w) => (w * available) / total), size };
  // Too wide: cap the widest columns (their text wraps) so the sum fits the page.
  let lo = 0;
  let hi = Math.max(...natural);
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    const sum = natural.reduce((a, w) => a + Math.min(w, mid), 0);
    if (sum > available) hi = mid;
    else lo = mid;
  }
  return { widths: natural.map((w) => Math.min(w, lo)), size };
}

/** Break a cell into lines that fit its column (by character: CJK has no word spaces). */
export function wrap(doc: PDFKit.PDFDocument, text: string, width: number): string[] {
  if (doc.widthOfString(text) <= width) return [text];
  const out: string[] = [];
  let cur = '';
  for (const ch of text) {
    if (cur && doc.widthOfString(cur + ch) > width) {
      out.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Continuation pages keep the first page's column geometry (same x, same widths), as a real report
 * does. The split variant repeats the header rows on each page and forces breaks inside long tables;
 * the others continue without the header, so the reader must carry the columns over (by the rulings,
 * or, in noruling, by the unchanged x positions).
 */
function repeatsHeader(variant: Variant): boolean {
  return variant === 'split';
}

function drawTable(
  doc: PDFKit.PDFDocument,
  b: Extract<Block, { kind: 'table' }>,
  variant: Variant,
  t: (s: string) => string,
): void {
  const all = [...b.header, ...b.body];
  const nCols = Math.max(...all.map((r) => r.reduce((a, cell) => a + spanOf(cell), 0)));
  const landscape = (b.id !== null && LANDSCAPE_TABLES.has(b.id)) || nCols >= 8;
  const newPage = () => doc.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: MARGIN });
  newPage();
  const [title, ...rest] = b.preamble;
  if (title) doc.fontSize(15).text(t(title), MARGIN, MARGIN, { align: 'center' }).moveDown(0.5);
  doc.fontSize(TABLE_SIZE);
  for (const p of rest) doc.text(t(p), { align: /单位/.test(p) && !/部[门⻔]/.test(p) ? 'right' : 'left' });
  doc.moveDown(0.5);

  const available = doc.page.width - 2 * MARGIN;
  const { widths, size } = layoutColumns(doc, all, available);
  const lineH = size * 1.35;
  const pad = PAD * size;
  const data = b.body;
  const splitAt = variant === 'split' && data.length > SPLIT_MIN_ROWS ? Math.ceil(data.length / 2) : -1;

  let y = doc.y;
  const drawRow = (row: Cell[]) => {
    // Cell extents: start column and width of each (merged) cell.
    let col = 0;
    const boxes = row.map((cell) => {
      const x = MARGIN + widths.slice(0, col).reduce((a, w) => a + w, 0);
      const w = widths.slice(col, col + spanOf(cell)).reduce((a, v) => a + v, 0);
      col += spanOf(cell);
      return { x, w };
    });
    const cells = row.map((cell, i) => wrap(doc, t(cell.text), boxes[i]!.w - 2 * pad));
    const h = Math.max(1, ...cells.map((l) => l.length)) * lineH + 2 * pad;
    row.forEach((cell, i) => {
      const { x, w } = boxes[i]!;
      const lines = cells[i]!;
      let ty = y + (h - lines.length * lineH) / 2 + (lineH - size) / 2;
      for (const line of lines) {
        if (line === '') continue;
        const lw = doc.widthOfString(line);
        const tx = cell.align === 'right' ? x + w - pad - lw : cell.align === 'center' ? x + (w - lw) / 2 : x + pad;
        doc.text(line, tx, ty, { lineBreak: false });
        ty += lineH;
      }
    });
    if (variant !== 'noruling') drawGrid(doc, boxes, y, h);
    y += h;
  };

  b.header.forEach((r) => drawRow(r));
  data.forEach((r, k) => {
    const needH = 2 * lineH + 2 * pad;
    if (k === splitAt || y + needH > doc.page.height - MARGIN) {
      newPage();
      y = MARGIN;
      if (repeatsHeader(variant)) b.header.forEach((hr) => drawRow(hr));
    }
    drawRow(r);
  });
  doc.x = MARGIN;
  doc.y = y + 6;
}

/**
 * Cell borders of one row: inner lines are stroked paths, the outer left/right sides are thin
 * filled rectangles, as WPS and Word exports mix both. The ingest path reader must see both kinds.
 */
function drawGrid(doc: PDFKit.PDFDocument, boxes: { x: number; w: number }[], y: number, h: number): void {
  const x0 = boxes[0]!.x;
  const last = boxes[boxes.length - 1]!;
  const x1 = last.x + last.w;
  doc.save().lineWidth(0.5).strokeColor('#000');
  doc.moveTo(x0, y).lineTo(x1, y).stroke();
  doc
    .moveTo(x0, y + h)
    .lineTo(x1, y + h)
    .stroke();
  for (const bx of boxes.slice(1))
    doc
      .moveTo(bx.x, y)
      .lineTo(bx.x, y + h)
      .stroke();
  doc.rect(x0 - 0.4, y, 0.8, h).fill('#000');
  doc.rect(x1 - 0.4, y, 0.8, h).fill('#000');
  doc.restore();
}
