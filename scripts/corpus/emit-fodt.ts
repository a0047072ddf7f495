/**
 * Model → flat ODF text document (.fodt) for LibreOffice Writer, as a department would type its
 * report in a word processor: one table per 公开表 on a page of its own (A4 landscape for the wide
 * ones, switched by page style), header rows marked as repeating (table:table-header-rows), merged
 * header cells as real spans, cell borders from a cell style (or none for a whitespace table).
 */
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
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
].join(' ');

function textProps(o: LayoutOptions, size: number, bold = false): string {
  const b = bold ? ' fo:font-weight="bold" style:font-weight-asian="bold"' : '';
  return `<style:text-properties style:font-name="F1" style:font-name-asian="F1" fo:font-size="${size}pt" style:font-size-asian="${size}pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"${b}/>`;
}

function styles(o: LayoutOptions): string {
  const fs = o.fontSize;
  const para = (name: string, props: string, text: string, extra = '') =>
    `<style:style style:name="${name}" style:family="paragraph"${extra}><style:paragraph-properties ${props}/>${text}</style:style>`;
  const border = o.borders === 'none' ? 'fo:border="none"' : 'fo:border="0.5pt solid #000000"';
  const pad = 'fo:padding-top="0.04cm" fo:padding-bottom="0.04cm" fo:padding-left="0.1cm" fo:padding-right="0.1cm"';
  const cell = (name: string, valign: string) =>
    `<style:style style:name="${name}" style:family="table-cell"><style:table-cell-properties ${border} ${pad} style:vertical-align="${valign}"/></style:style>`;
  const page = (name: string, w: number, h: number, orient: string) =>
    `<style:page-layout style:name="${name}"><style:page-layout-properties fo:page-width="${w}mm" fo:page-height="${h}mm" style:print-orientation="${orient}" fo:margin-top="${MARGIN_MM}mm" fo:margin-bottom="${o.footer ? 8 : MARGIN_MM}mm" fo:margin-left="${MARGIN_MM}mm" fo:margin-right="${MARGIN_MM}mm"/>${o.footer ? '<style:footer-style><style:header-footer-properties fo:min-height="7mm" fo:margin-top="2mm"/></style:footer-style>' : ''}</style:page-layout>`;
  return [
    page('pmP', 210, 297, 'portrait'),
    page('pmL', 297, 210, 'landscape'),
    // Paragraphs that open a page carry the page style (a "break with page style").
    para(
      'PCover',
      'fo:text-align="center" fo:margin-top="80mm"',
      textProps(o, 24, true),
      ' style:master-page-name="Portrait"',
    ),
    para(
      'PPartNew',
      'fo:text-align="center" fo:margin-bottom="5mm"',
      textProps(o, 15, true),
      ' style:master-page-name="Portrait"',
    ),
    para('PPart', 'fo:text-align="center" fo:margin-bottom="5mm"', textProps(o, 15, true)),
    para(
      'PTitleP',
      'fo:text-align="center" fo:margin-bottom="2mm"',
      textProps(o, 15, true),
      ' style:master-page-name="Portrait"',
    ),
    para(
      'PTitleL',
      'fo:text-align="center" fo:margin-bottom="2mm"',
      textProps(o, 15, true),
      ' style:master-page-name="Landscape"',
    ),
    para('PRight', 'fo:text-align="end"', textProps(o, fs)),
    para('PMeta', 'fo:text-align="start"', textProps(o, fs)),
    para('PNote', 'fo:text-align="start" fo:margin-top="1mm"', textProps(o, fs)),
    para('PBody', 'fo:text-align="justify" fo:text-indent="2em" fo:line-height="150%"', textProps(o, 10.5)),
    para('PFoot', 'fo:text-align="center"', textProps(o, 9)),
    para('PCellL', 'fo:text-align="start"', textProps(o, fs)),
    para('PCellC', 'fo:text-align="center"', textProps(o, fs)),
    para('PCellR', 'fo:text-align="end"', textProps(o, fs)),
    cell('CH', 'middle'),
    cell('CB', o.valign),
  ].join('\n');
}

function cellXml(c: MCell, header: boolean): string {
  const span = `${c.cs > 1 ? ` table:number-columns-spanned="${c.cs}"` : ''}${c.rs > 1 ? ` table:number-rows-spanned="${c.rs}"` : ''}`;
  const p = c.align === 'r' ? 'PCellR' : c.align === 'c' ? 'PCellC' : 'PCellL';
  return `<table:table-cell table:style-name="${header ? 'CH' : 'CB'}"${span} office:value-type="string"><text:p text:style-name="${p}">${esc(c.text)}</text:p></table:table-cell>`;
}

/** Rows with covered cells where a span above or to the left holds the grid position. */
function rowsXml(rows: MCell[][], ncols: number, header: boolean): string[] {
  const grid = occupancy(rows, ncols);
  return rows.map((row, r) => {
    const starts = new Map(row.map((c) => [c.col, c]));
    const parts: string[] = [];
    for (let col = 0; col < ncols; col++) {
      const origin = starts.get(col);
      if (origin) parts.push(cellXml(origin, header));
      else if (grid[r]![col]) parts.push('<table:covered-table-cell/>');
      else parts.push(cellXml({ text: '', col, cs: 1, rs: 1, align: 'l', role: 'text' }, header));
    }
    return `<table:table-row>${parts.join('')}</table:table-row>`;
  });
}

function tableXml(t: MTable, n: number, o: LayoutOptions, auto: string[]): string {
  const widths = columnWidths(t, o);
  const name = `T${n}`;
  auto.push(
    `<style:style style:name="${name}" style:family="table"><style:table-properties style:width="${widths.reduce((a, b) => a + b, 0).toFixed(2)}pt" table:align="center"/></style:style>`,
  );
  widths.forEach((w, i) =>
    auto.push(
      `<style:style style:name="${name}.C${i}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(2)}pt"/></style:style>`,
    ),
  );
  const out: string[] = [];
  if (t.id !== null) {
    out.push(`<text:p text:style-name="${t.landscape ? 'PTitleL' : 'PTitleP'}">${esc(t.title)}</text:p>`);
    if (o.preamble === 'stacked') {
      out.push(`<text:p text:style-name="PRight">${esc(t.tag)}</text:p>`);
      out.push(
        `<text:p text:style-name="PMeta">${esc(t.dept)}<text:s text:c="8"/>${esc(t.yearText)}<text:s text:c="8"/>${esc(t.unitText)}</text:p>`,
      );
    } else {
      out.push(
        `<text:p text:style-name="PMeta">${esc(t.dept)}<text:s text:c="6"/>${esc(t.yearText)}<text:s text:c="6"/>${esc(t.tag)}<text:s text:c="6"/>${esc(t.unitText)}</text:p>`,
      );
    }
  } else if (t.title) out.push(`<text:p text:style-name="PBody">${esc(t.title)}</text:p>`);
  out.push(`<table:table table:name="${name}" table:style-name="${name}">`);
  widths.forEach((_, i) => out.push(`<table:table-column table:style-name="${name}.C${i}"/>`));
  out.push('<table:table-header-rows>', ...rowsXml(t.header, t.ncols, true), '</table:table-header-rows>');
  out.push(...rowsXml(t.body, t.ncols, false));
  out.push('</table:table>');
  for (const note of t.notes) out.push(`<text:p text:style-name="PNote">${esc(note)}</text:p>`);
  return out.join('\n');
}

/** The page-number footer (— N —) of the master pages, when the fixture prints one. */
function footer(o: LayoutOptions): string {
  return o.footer
    ? '<style:footer><text:p text:style-name="PFoot">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>'
    : '';
}

export function toFodt(doc: MDoc): string {
  const o = doc.options;
  const auto: string[] = [];
  const body: string[] = [];
  let n = 0;
  for (const b of doc.blocks) {
    if (b.kind === 'cover') body.push(`<text:p text:style-name="PCover">${esc(b.text)}</text:p>`);
    else if (b.kind === 'heading')
      body.push(`<text:p text:style-name="${b.newPage ? 'PPartNew' : 'PPart'}">${esc(b.text)}</text:p>`);
    else if (b.kind === 'para') body.push(`<text:p text:style-name="PBody">${esc(b.text)}</text:p>`);
    else body.push(tableXml(b.table, ++n, o, auto));
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document ${NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(doc.title)}</dc:title><meta:creation-date>2025-01-01T00:00:00</meta:creation-date></office:meta>
<office:font-face-decls><style:font-face style:name="F1" svg:font-family="'${esc(o.font)}'"/></office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph">${textProps(o, 10.5)}</style:default-style>
</office:styles>
<office:automatic-styles>
${styles(o)}
${auto.join('\n')}
</office:automatic-styles>
<office:master-styles>
<style:master-page style:name="Portrait" style:page-layout-name="pmP">${footer(o)}</style:master-page>
<style:master-page style:name="Landscape" style:page-layout-name="pmL">${footer(o)}</style:master-page>
</office:master-styles>
<office:body><office:text>
${body.join('\n')}
</office:text></office:body>
</office:document>
`;
}
