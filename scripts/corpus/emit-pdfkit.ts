/**
 * Model → PDF with pdfkit (the project's own generator library), laid out here rather than by an
 * office suite: every cell edge is drawn by this code, so the `rect` border variant can draw all
 * rules as thin filled rectangles (as Word/WPS exports do), `stroke` as stroked paths, `none` not at
 * all. Long tables continue on the next page with the header rows repeated. Font: Noto Sans SC from
 * the npm devDependency, subset-embedded by pdfkit.
 */
import PDFDocument from 'pdfkit';
import { FONT_PATH } from '../make-sample-pdfs-font.js';
import { wrap } from '../pdfgen/render.js';
import { columnWidths, MARGIN_MM, MM } from './layout.js';
import type { LayoutOptions, MCell, MDoc, MTable } from './model.js';

const MARGIN = MARGIN_MM * MM;
const RULE = 0.6; // rule thickness in pt
const PAD_X = 3;
const PAD_Y = 2.5;

type Doc = PDFKit.PDFDocument;

function hRule(doc: Doc, o: LayoutOptions, x0: number, x1: number, y: number): void {
  if (o.borders === 'none') return;
  if (o.borders === 'rect') doc.rect(x0 - RULE / 2, y - RULE / 2, x1 - x0 + RULE, RULE).fill('#000');
  else doc.moveTo(x0, y).lineTo(x1, y).lineWidth(RULE).stroke('#000');
}

function vRule(doc: Doc, o: LayoutOptions, x: number, y0: number, y1: number): void {
  if (o.borders === 'none') return;
  if (o.borders === 'rect') doc.rect(x - RULE / 2, y0 - RULE / 2, RULE, y1 - y0 + RULE).fill('#000');
  else doc.moveTo(x, y0).lineTo(x, y1).lineWidth(RULE).stroke('#000');
}

interface Placed {
  cell: MCell;
  lines: string[];
}

class TableDrawer {
  private readonly xs: number[];
  private readonly lineH: number;

  constructor(
    private readonly doc: Doc,
    private readonly t: MTable,
    private readonly o: LayoutOptions,
    private readonly newPage: () => void,
  ) {
    const widths = columnWidths(t, o);
    const total = widths.reduce((a, b) => a + b, 0);
    const left = (doc.page.width - total) / 2;
    this.xs = [left];
    for (const w of widths) this.xs.push(this.xs[this.xs.length - 1]! + w);
    this.lineH = o.fontSize * 1.3;
  }

  /** The CJK font, or the digits font for ASCII-only text when the fixture asks for one. */
  private fontFor(text: string): void {
    this.doc.font(this.o.digitsFont && /^[\x20-\x7e]*$/.test(text) ? this.o.digitsFont : FONT_PATH);
  }

  private placed(row: MCell[]): Placed[] {
    this.doc.fontSize(this.o.fontSize);
    return row.map((cell) => {
      this.fontFor(cell.text);
      return { cell, lines: wrap(this.doc, cell.text, this.xs[cell.col + cell.cs]! - this.xs[cell.col]! - 2 * PAD_X) };
    });
  }

  /** Heights of a block of rows; a rowspan cell's extra height goes to the last row it covers. */
  private heights(rows: Placed[][]): number[] {
    const h = rows.map(
      (r) =>
        Math.max(this.lineH, ...r.filter((p) => p.cell.rs === 1).map((p) => p.lines.length * this.lineH)) + 2 * PAD_Y,
    );
    rows.forEach((r, i) =>
      r
        .filter((p) => p.cell.rs > 1)
        .forEach((p) => {
          const need = p.lines.length * this.lineH + 2 * PAD_Y;
          const have = h.slice(i, i + p.cell.rs).reduce((a, b) => a + b, 0);
          if (need > have) h[i + p.cell.rs - 1]! += need - have;
        }),
    );
    return h;
  }

  /** Draw rows from y; returns the y below them. Each cell draws its top and left rule, the row's end its right rule. */
  private drawRows(rows: Placed[][], hs: number[], y0: number, header: boolean): number {
    const doc = this.doc;
    let y = y0;
    rows.forEach((r, i) => {
      for (const { cell, lines } of r) {
        const x0 = this.xs[cell.col]!;
        const x1 = this.xs[cell.col + cell.cs]!;
        const h = hs.slice(i, i + cell.rs).reduce((a, b) => a + b, 0);
        const textH = lines.length * this.lineH;
        const valign = header ? 'middle' : this.o.valign;
        let ty = valign === 'top' ? y + PAD_Y : y + (h - textH) / 2;
        doc.fontSize(this.o.fontSize).fillColor('#000');
        this.fontFor(cell.text);
        for (const line of lines) {
          if (line !== '') {
            const lw = doc.widthOfString(line);
            const tx = cell.align === 'r' ? x1 - PAD_X - lw : cell.align === 'c' ? (x0 + x1 - lw) / 2 : x0 + PAD_X;
            const baseY = ty + (this.lineH - this.o.fontSize) / 2;
            if (this.o.glyphwise) {
              // One text object per glyph, each placed by its own advance (no run for the reader to keep).
              let gx = tx;
              for (const ch of line) {
                doc.text(ch, gx, baseY, { lineBreak: false });
                gx += doc.widthOfString(ch);
              }
            } else doc.text(line, tx, baseY, { lineBreak: false });
          }
          ty += this.lineH;
        }
        hRule(doc, this.o, x0, x1, y);
        vRule(doc, this.o, x0, y, y + h);
        if (cell.col + cell.cs === this.t.ncols) vRule(doc, this.o, x1, y, y + h);
      }
      y += hs[i]!;
    });
    return y;
  }

  draw(y0: number): number {
    const header = this.t.header.map((r) => this.placed(r));
    const hh = this.heights(header);
    const bottom = this.doc.page.height - MARGIN;
    let y = this.drawRows(header, hh, y0, true);
    for (const row of this.t.body) {
      const p = [this.placed(row)];
      const [h] = this.heights(p);
      if (y + h! > bottom) {
        hRule(this.doc, this.o, this.xs[0]!, this.xs[this.xs.length - 1]!, y);
        this.newPage();
        y = this.drawRows(header, hh, MARGIN, true);
      }
      y = this.drawRows(p, [h!], y, false);
    }
    hRule(this.doc, this.o, this.xs[0]!, this.xs[this.xs.length - 1]!, y);
    this.doc.font(FONT_PATH);
    return y;
  }
}

export async function renderPdfkit(model: MDoc): Promise<Buffer> {
  const o = model.options;
  const date = new Date(Date.UTC(2025, 0, 1));
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    info: {
      Title: model.title,
      Producer: 'PDFKit',
      Creator: 'juesuan corpus (pdfkit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  doc.font(FONT_PATH);
  const page = (landscape: boolean) =>
    doc.addPage({ size: 'A4', layout: landscape ? 'landscape' : 'portrait', margin: MARGIN });
  const width = () => doc.page.width - 2 * MARGIN;
  page(false);
  let fresh = true;
  for (const b of model.blocks) {
    if (b.kind === 'cover') {
      doc.fontSize(22).text(b.text, MARGIN, 250, { width: width(), align: 'center' });
      fresh = false;
    } else if (b.kind === 'heading') {
      if (b.newPage && !fresh) page(false);
      doc.fontSize(15).text(b.text, MARGIN, doc.page.margins.top, { width: width(), align: 'center' }).moveDown(0.8);
      fresh = false;
    } else if (b.kind === 'para') {
      doc
        .fontSize(10.5)
        .text(b.text, MARGIN, doc.y, { width: width(), indent: 21, lineGap: 3, align: 'justify' })
        .moveDown(0.3);
    } else {
      const t = b.table;
      if (t.id !== null) {
        page(t.landscape);
        doc.fontSize(15).text(t.title, MARGIN, MARGIN, { width: width(), align: 'center' }).moveDown(0.3);
        doc.fontSize(o.fontSize);
        if (o.preamble === 'stacked') doc.text(t.tag, MARGIN, doc.y, { width: width(), align: 'right' });
        const y = doc.y;
        doc.text(t.dept, MARGIN, y, { lineBreak: false });
        doc.text(t.yearText, MARGIN, y, { width: width(), align: 'center', lineBreak: false });
        doc.text(o.preamble === 'stacked' ? t.unitText : `${t.tag}  ${t.unitText}`, MARGIN, y, {
          width: width(),
          align: 'right',
          lineBreak: false,
        });
        doc.y = y + o.fontSize * 1.6;
      } else if (t.title) doc.fontSize(10.5).text(t.title, MARGIN, doc.y, { width: width() });
      const drawer = new TableDrawer(doc, t, o, () => page(t.landscape));
      const end = drawer.draw(doc.y + 2);
      doc.fontSize(o.fontSize).text('', MARGIN, end + 4);
      for (const n of t.notes) doc.text(n, MARGIN, doc.y, { width: width() });
      fresh = false;
    }
  }
  if (o.footer) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0; // writing below the margin must not open a new page
      doc
        .fontSize(9)
        .text(`— ${i + 1} —`, 0, doc.page.height - 28, { width: doc.page.width, align: 'center', lineBreak: false });
    }
  }
  doc.end();
  const chunks: Buffer[] = [];
  for await (const c of doc as unknown as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}
