/**
 * Model → flat ODF spreadsheet (.fods) for LibreOffice Calc, the way departments keep these tables:
 * one sheet per 公开表, the title and 部门/年度/单位 lines as merged rows above the grid, amounts as
 * real numbers with a 0.00 (or #,##0.00) format, names and codes as text. Page setup per sheet: A4,
 * landscape for the wide tables, no page header/footer, the header rows repeated on every printed
 * page (table:table-header-rows = Calc's "rows to repeat").
 */
import { emWidth } from './grids.js';
import { columnWidths, MARGIN_MM } from './layout.js';
import { occupancy, type LayoutOptions, type MCell, type MDoc, type MTable } from './model.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:loext="urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0"',
].join(' ');

const AMOUNT = /^-?[\d,]+\.\d+$/;
const INTEGER = /^-?\d+$/;

function styles(o: LayoutOptions): string {
  const fs = o.fontSize;
  const text = (size: number, bold = false) =>
    `<style:text-properties style:font-name="F1" style:font-name-asian="F1" fo:font-size="${size}pt" style:font-size-asian="${size}pt"${bold ? ' fo:font-weight="bold" style:font-weight-asian="bold"' : ''}/>`;
  const border = o.borders === 'none' ? 'fo:border="none"' : 'fo:border="0.5pt solid #000000"';
  const cell = (
    name: string,
    align: string,
    valign: string,
    wrap: boolean,
    extra = '',
    bordered = true,
    size = fs,
    bold = false,
  ) =>
    `<style:style style:name="${name}" style:family="table-cell"${extra}><style:table-cell-properties ${bordered ? border : 'fo:border="none"'} style:vertical-align="${valign}" fo:wrap-option="${wrap ? 'wrap' : 'no-wrap'}" fo:padding="0.05cm"/><style:paragraph-properties fo:text-align="${align}"/>${text(size, bold)}</style:style>`;
  const page = (name: string, w: number, h: number, orient: string) =>
    `<style:page-layout style:name="${name}"><style:page-layout-properties fo:page-width="${w}mm" fo:page-height="${h}mm" style:print-orientation="${orient}" fo:margin-top="${MARGIN_MM}mm" fo:margin-bottom="${MARGIN_MM}mm" fo:margin-left="${MARGIN_MM}mm" fo:margin-right="${MARGIN_MM}mm" style:table-centering="horizontal" style:scale-to-X="1" style:scale-to-Y="0"/><style:header-style/><style:footer-style>${o.footer ? '<style:header-footer-properties fo:min-height="6mm" fo:margin-top="2mm"/>' : ''}</style:footer-style></style:page-layout>`;
  return [
    `<number:number-style style:name="N2"><number:number number:decimal-places="2" number:min-decimal-places="2" number:min-integer-digits="1"${o.thousands ? ' number:grouping="true"' : ''}/></number:number-style>`,
    '<number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1"/></number:number-style>',
    page('plP', 210, 297, 'portrait'),
    page('plL', 297, 210, 'landscape'),
    '<style:style style:name="taP" style:family="table" style:master-page-name="PageP"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>',
    '<style:style style:name="taL" style:family="table" style:master-page-name="PageL"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>',
    '<style:style style:name="ro" style:family="table-row"><style:table-row-properties style:use-optimal-row-height="true" fo:break-before="auto"/></style:style>',
    cell('cTitle', 'center', 'middle', false, '', false, 15, true),
    cell('cMetaL', 'start', 'middle', false, '', false),
    cell('cMetaC', 'center', 'middle', false, '', false),
    cell('cMetaR', 'end', 'middle', false, '', false),
    cell('cNote', 'start', 'top', true, '', false),
    cell('cHead', 'center', 'middle', true),
    cell('cL', 'start', o.valign, o.wrap),
    cell('cC', 'center', o.valign, false),
    cell('cR', 'end', o.valign, false),
    cell('cNum', 'end', o.valign, false, ' style:data-style-name="N2"'),
    cell('cInt', 'end', o.valign, false, ' style:data-style-name="N0"'),
    cell('cLine', 'center', o.valign, false, ' style:data-style-name="N0"'),
    cell('cCover', 'center', 'middle', false, '', false, 20, true),
    cell('cPart', 'center', 'middle', false, '', false, 15, true),
  ].join('\n');
}

/** One spreadsheet cell: numbers stay numbers (as a department's sheet holds them). */
function cellXml(c: MCell, header: boolean, tableId: string | null): string {
  const span = `${c.cs > 1 ? ` table:number-columns-spanned="${c.cs}"` : ''}${c.rs > 1 ? ` table:number-rows-spanned="${c.rs}"` : ''}`;
  const plain = c.text.replace(/,/g, '');
  if (!header && c.text !== '') {
    if (c.role === 'num' && AMOUNT.test(c.text))
      return `<table:table-cell table:style-name="cNum"${span} office:value-type="float" office:value="${plain}"/>`;
    if (c.role === 'num' && INTEGER.test(c.text) && tableId === '10')
      return `<table:table-cell table:style-name="cInt"${span} office:value-type="float" office:value="${plain}"/>`;
    if (c.role === 'line' && INTEGER.test(c.text))
      return `<table:table-cell table:style-name="cLine"${span} office:value-type="float" office:value="${plain}"/>`;
  }
  const style = header ? 'cHead' : c.align === 'r' ? 'cR' : c.align === 'c' ? 'cC' : 'cL';
  const p = c.text === '' ? '' : `<text:p>${esc(c.text)}</text:p>`;
  return `<table:table-cell table:style-name="${style}"${span}${c.text === '' ? '' : ' office:value-type="string"'}>${p}</table:table-cell>`;
}

function gridRows(rows: MCell[][], ncols: number, header: boolean, tableId: string | null): string[] {
  const grid = occupancy(rows, ncols);
  return rows.map((row, r) => {
    const starts = new Map(row.map((c) => [c.col, c]));
    const parts: string[] = [];
    for (let col = 0; col < ncols; col++) {
      const origin = starts.get(col);
      if (origin) parts.push(cellXml(origin, header, tableId));
      else if (grid[r]![col]) parts.push('<table:covered-table-cell/>');
      else parts.push(`<table:table-cell table:style-name="${header ? 'cHead' : 'cL'}"/>`);
    }
    return `<table:table-row table:style-name="ro">${parts.join('')}</table:table-row>`;
  });
}

/** A row of one merged text cell over the whole width (titles, notes). */
function wideRow(text: string, style: string, ncols: number): string {
  const covered = '<table:covered-table-cell/>'.repeat(ncols - 1);
  return `<table:table-row table:style-name="ro"><table:table-cell table:style-name="${style}" table:number-columns-spanned="${ncols}" office:value-type="string"><text:p>${esc(text)}</text:p></table:table-cell>${covered}</table:table-row>`;
}

/**
 * 部门 left, 年度 centre, 单位 right: 部门 and 单位 each over as few edge columns as hold their text
 * (a spreadsheet clips text at the next filled cell), 年度 over what is left between them.
 */
function metaRow(t: MTable, widths: number[], fontSize: number): string {
  const n = t.ncols;
  const need = (s: string) => emWidth(s) * fontSize + 8;
  let a = 1;
  while (a < n && widths.slice(0, a).reduce((x, y) => x + y, 0) < need(t.dept)) a++;
  let c = 1;
  while (c < n && widths.slice(n - c).reduce((x, y) => x + y, 0) < need(t.unitText)) c++;
  const b = n - a - c;
  const cellOf = (text: string, style: string, span: number) =>
    `<table:table-cell table:style-name="${style}"${span > 1 ? ` table:number-columns-spanned="${span}"` : ''} office:value-type="string"><text:p>${esc(text)}</text:p></table:table-cell>${'<table:covered-table-cell/>'.repeat(span - 1)}`;
  if (b <= 0) return wideRow(`${t.dept}    ${t.yearText}    ${t.unitText}`, 'cMetaL', n);
  return `<table:table-row table:style-name="ro">${cellOf(t.dept, 'cMetaL', a)}${cellOf(t.yearText, 'cMetaC', b)}${cellOf(t.unitText, 'cMetaR', c)}</table:table-row>`;
}

function sheet(t: MTable, name: string, o: LayoutOptions, auto: string[]): string {
  const widths = columnWidths(t, o);
  widths.forEach((w, i) =>
    auto.push(
      `<style:style style:name="${name}.co${i}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(2)}pt"/></style:style>`,
    ),
  );
  const out: string[] = [`<table:table table:name="${esc(name)}" table:style-name="${t.landscape ? 'taL' : 'taP'}">`];
  widths.forEach((_, i) =>
    out.push(`<table:table-column table:style-name="${name}.co${i}" table:default-cell-style-name="cMetaL"/>`),
  );
  out.push(wideRow(t.title, 'cTitle', t.ncols));
  if (o.preamble === 'stacked') {
    out.push(
      `<table:table-row table:style-name="ro">${'<table:table-cell table:style-name="cMetaL"/>'.repeat(t.ncols - 1)}<table:table-cell table:style-name="cMetaR" office:value-type="string"><text:p>${esc(t.tag)}</text:p></table:table-cell></table:table-row>`,
    );
    out.push(metaRow(t, widths, o.fontSize));
  } else {
    out.push(metaRow({ ...t, unitText: `${t.tag}  ${t.unitText}` }, widths, o.fontSize));
  }
  out.push('<table:table-header-rows>', ...gridRows(t.header, t.ncols, true, t.id), '</table:table-header-rows>');
  out.push(...gridRows(t.body, t.ncols, false, t.id));
  for (const n of t.notes) out.push(wideRow(n, 'cNote', t.ncols));
  out.push('</table:table>');
  return out.join('\n');
}

/** The cover and the 第二部分 heading on a first sheet, as some departments print a front sheet. */
function frontSheet(lines: { text: string; style: string }[]): { colStyle: string; table: string } {
  const col =
    '<style:style style:name="front.co0" style:family="table-column"><style:table-column-properties style:column-width="180mm"/></style:style>';
  const rows = lines.map(
    (l) =>
      `<table:table-row table:style-name="ro"><table:table-cell table:style-name="${l.style}" office:value-type="string"><text:p>${esc(l.text)}</text:p></table:table-cell></table:table-row>`,
  );
  return {
    colStyle: col,
    table: `<table:table table:name="封面" table:style-name="taP"><table:table-column table:style-name="front.co0"/>${rows.join('')}</table:table>`,
  };
}

/** Calc prints "Page N" by default; a fixture shows either nothing or the reports' — N —. */
function footer(o: LayoutOptions): string {
  return o.footer
    ? '<style:footer><text:p>— <text:page-number>1</text:page-number> —</text:p></style:footer>'
    : '<style:footer style:display="false"/>';
}

export function toFods(doc: MDoc): string {
  const o = doc.options;
  const auto: string[] = [];
  const sheets: string[] = [];
  const front: { text: string; style: string }[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'cover') front.push({ text: b.text, style: 'cCover' }, { text: '', style: 'cMetaL' });
    else if (b.kind === 'heading' && /^第二部分/.test(b.text)) front.push({ text: b.text, style: 'cPart' });
    else if (b.kind === 'table' && b.table.id !== null) sheets.push(sheet(b.table, b.table.tag, o, auto));
    // Narrative text has no place in a workbook: Calc renders are table pages only.
  }
  const { colStyle, table: frontTable } = frontSheet(front);
  auto.push(colStyle);
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:meta><dc:title>${esc(doc.title)}</dc:title><meta:creation-date>2025-01-01T00:00:00</meta:creation-date></office:meta>
<office:font-face-decls><style:font-face style:name="F1" svg:font-family="'${esc(o.font)}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="table-cell"><style:text-properties style:font-name="F1" style:font-name-asian="F1" fo:font-size="${o.fontSize}pt" style:font-size-asian="${o.fontSize}pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/></style:default-style>
</office:styles>
<office:automatic-styles>
${styles(o)}
${auto.join('\n')}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="PageP" style:page-layout-name="plP"><style:header style:display="false"/>${footer(o)}</style:master-page>
<style:master-page style:name="PageL" style:page-layout-name="plL"><style:header style:display="false"/>${footer(o)}</style:master-page>
</office:master-styles>
<office:body><office:spreadsheet>
${frontTable}
${sheets.join('\n')}
</office:spreadsheet></office:body>
</office:document>
`;
}
