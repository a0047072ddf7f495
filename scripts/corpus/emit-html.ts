/**
 * Model → one HTML file for a browser's print to PDF (Chromium headless). Each 公开表 is a section
 * on its own page; wide tables use a CSS named page in A4 landscape. Header rows sit in <thead>, so
 * the browser repeats them on every page a long table continues on. Column widths are fixed
 * (table-layout: fixed) so the wrap variant's narrow name columns really wrap.
 */
import { columnWidths, MARGIN_MM } from './layout.js';
import type { LayoutOptions, MCell, MDoc, MTable } from './model.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function css(o: LayoutOptions): string {
  const border = o.borders === 'none' ? 'none' : '0.5pt solid #000';
  // Page numbers through CSS page-margin boxes (Chromium ≥ 131), printed as the reports do: — N —.
  const foot = o.footer
    ? ` @bottom-center { content: "— " counter(page) " —"; font-size: 9pt; font-family: "${o.font}", serif; }`
    : '';
  return `
@page { size: A4 portrait; margin: ${MARGIN_MM}mm;${foot} }
@page wide { size: A4 landscape; margin: ${MARGIN_MM}mm;${foot} }
body { font-family: "${o.font}", serif; font-size: 10.5pt; margin: 0; }
.cover { page-break-after: always; text-align: center; padding-top: 80mm; font-size: 24pt; font-weight: bold; }
h2 { font-size: 15pt; text-align: center; margin: 0 0 6mm 0; }
h2.newpage { page-break-before: always; }
p { text-indent: 2em; margin: 0 0 2mm 0; line-height: 1.5; }
section.t { page-break-before: always; }
section.wide { page: wide; }
.title { font-size: 15pt; font-weight: bold; text-align: center; margin-bottom: 2mm; }
.meta { font-size: ${o.fontSize}pt; display: flex; justify-content: space-between; margin-bottom: 1mm; }
.meta.right { justify-content: flex-end; }
table.g { border-collapse: collapse; table-layout: fixed; font-size: ${o.fontSize}pt; }
table.g td { border: ${border}; padding: 1.5pt 3pt; vertical-align: ${o.valign}; overflow-wrap: anywhere; line-height: 1.3; }
table.g thead td { vertical-align: middle; }
td.l { text-align: left; } td.c { text-align: center; } td.r { text-align: right; white-space: nowrap; }
.note { font-size: ${o.fontSize}pt; text-indent: 0; margin: 1mm 0 0 0; line-height: 1.4; }
`;
}

function cell(c: MCell): string {
  const span = `${c.cs > 1 ? ` colspan="${c.cs}"` : ''}${c.rs > 1 ? ` rowspan="${c.rs}"` : ''}`;
  return `<td class="${c.align}"${span}>${esc(c.text)}</td>`;
}

function table(t: MTable, o: LayoutOptions): string {
  const widths = columnWidths(t, o);
  const total = widths.reduce((a, b) => a + b, 0);
  const out: string[] = [];
  // Narrative tables (id null) flow with the text; each 公开表 starts a page.
  out.push(t.id === null ? '<section>' : `<section class="t${t.landscape ? ' wide' : ''}">`);
  if (t.id !== null) {
    out.push(`<div class="title">${esc(t.title)}</div>`);
    if (o.preamble === 'stacked') {
      out.push(`<div class="meta right"><span>${esc(t.tag)}</span></div>`);
      out.push(
        `<div class="meta"><span>${esc(t.dept)}</span><span>${esc(t.yearText)}</span><span>${esc(t.unitText)}</span></div>`,
      );
    } else {
      out.push(
        `<div class="meta"><span>${esc(t.dept)}</span><span>${esc(t.yearText)}</span><span>${esc(t.tag)}</span><span>${esc(t.unitText)}</span></div>`,
      );
    }
  } else if (t.title) out.push(`<p class="note">${esc(t.title)}</p>`);
  out.push(`<table class="g" style="width:${total.toFixed(1)}pt">`);
  out.push(`<colgroup>${widths.map((w) => `<col style="width:${w.toFixed(1)}pt">`).join('')}</colgroup>`);
  out.push(`<thead>${t.header.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}</thead>`);
  out.push(`<tbody>${t.body.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('\n')}</tbody>`);
  out.push('</table>');
  for (const n of t.notes) out.push(`<p class="note">${esc(n)}</p>`);
  out.push('</section>');
  return out.join('\n');
}

export function toHtml(doc: MDoc): string {
  const o = doc.options;
  const body: string[] = [];
  for (const b of doc.blocks) {
    if (b.kind === 'cover') body.push(`<div class="cover">${esc(b.text)}</div>`);
    else if (b.kind === 'heading') body.push(`<h2${b.newPage ? ' class="newpage"' : ''}>${esc(b.text)}</h2>`);
    else if (b.kind === 'para') body.push(`<p>${esc(b.text)}</p>`);
    else body.push(table(b.table, o));
  }
  return `<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${css(o)}</style></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
}
