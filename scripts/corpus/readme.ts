/**
 * test/fixtures/producers/README.md from corpus.json: a fixed introduction, then one table row per
 * fixture with what its producer actually wrote (inspect.ts) and the layout features it was asked for.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CorpusEntry } from './fixtures.js';
import type { LayoutOptions } from './model.js';

export function features(o: LayoutOptions): string[] {
  const f: string[] = [];
  f.push(o.narrative ? 'whole report (第一…第五部分)' : 'table pages');
  f.push(
    {
      one: '科目编码 one cell',
      'split-every': '类|款|项 on every row',
      'split-change': '类|款|项 only where they change',
      'in-name': 'code inside the name cell',
    }[o.codes],
  );
  if (o.wrap) f.push(`names wrapped 2–3 lines, values ${o.valign === 'top' ? 'top-aligned' : 'centred'}`);
  if (o.grouped) f.push('本年收入/本年支出 header bands');
  if (o.thousands) f.push('thousands separators');
  if (o.kangxi) f.push('Kangxi text layer');
  if (o.footer) f.push('page footers — N —');
  if (o.fontSize > 10) f.push(`${o.fontSize} pt: tables continue on next page`);
  if (o.glyphwise) f.push('text written glyph by glyph');
  if (o.digitsFont) f.push(`digits in non-embedded ${o.digitsFont}`);
  if (o.preamble === 'one-line') f.push('部门/年度/公开表/单位 on one line');
  return f;
}

function rules(e: CorpusEntry): string {
  const { strokes, rectFills, pathFills } = e.facts;
  const kinds: [number, string][] = [
    [strokes, 'stroked'],
    [rectFills, 'filled rects'],
    [pathFills, 'filled paths'],
  ];
  const total = strokes + rectFills + pathFills;
  if (total < 5) return 'none';
  return kinds
    .filter(([n]) => n > total / 10)
    .map(([n, k]) => `${k} (${n})`)
    .join(' + ');
}

function text(e: CorpusEntry): string {
  const { textOps, textBytes } = e.facts;
  if (textOps === 0) return '—';
  const per = textBytes / textOps;
  const cid = e.facts.fonts.some((f) => f.type.startsWith('CID'));
  return `${per.toFixed(1)} B/op${per <= (cid ? 2.6 : 1.3) ? ' (glyph by glyph)' : ''}`;
}

function fonts(e: CorpusEntry): string {
  const kinds = new Map<string, number>();
  for (const f of e.facts.fonts) {
    const k = `${f.type}${f.embedded ? '' : ' **not embedded**'}`;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  return [...kinds].map(([k, n]) => (n > 1 ? `${n}× ${k}` : k)).join(', ');
}

const INTRO = `# Producer corpus

The seed reports 000, 001, 003 and 004 rendered by different PDF producers and layouts, to test the
table reader against what real departments publish. Every cell value and label comes from the truth
(\`/work/shared/truth/<stem>.json\`), never from the pipeline, so a fixture named
\`<stem>.<producer>-<variant>.pdf\` is scored against \`<stem>.json\` by \`score.mjs\` / \`silent.mjs\`
(prefix match). \`corpus.json\` lists each file's producer, options and inspected structure; the table
below is generated from it by \`scripts/corpus/build.ts\` (do not edit it by hand).

- **Rebuild** (generation only; installs the Debian producers with apt when missing):
  \`bash scripts/corpus/build-corpus.sh\` (or \`npx tsx scripts/corpus/build.ts --only 003_\` for a part,
  then \`npx tsx scripts/corpus/verify.ts\`: every truth amount and code must be in poppler's text of
  each file). Dates, IDs and checksums are pinned, so a rebuild changes a file only when its content
  changed (with the same Debian package versions: LibreOffice 7.4, Chromium 156, Ghostscript 10.0,
  poppler 22.12 / cairo 1.16, MuPDF 1.21, ReportLab 3.6).
- **Score** the current pipeline: \`npm run build && node scripts/corpus/score-corpus.mjs\`
  (\`--scans\` adds OCR of scanned twins of \`SCAN_FIXTURES\`, made at run time into the output folder
  by \`dist/scripts/corpus/scan-fixtures.js\`; nothing scanned is committed; \`--shared DIR\` for the
  truth and tools, default \`$JUESUAN_SHARED\` or \`/work/shared\`). \`baseline.txt\` holds its output
  for the pipeline before the table-reader rewrite. OCR of one scanned twin (16–17 table pages) takes
  about 30 s alone on 2 cores, about 60–70 s when two run side by side.
- Code: \`scripts/corpus/\` — \`doc.ts\`/\`grids.ts\` build one producer-neutral model per seed and
  layout (\`model.ts\`), \`emit-fodt.ts\` (Writer), \`emit-fods.ts\` (Calc), \`emit-html.ts\` (Chromium),
  \`reportlab_render.py\`, \`emit-pdfkit.ts\` draw it, \`producers.ts\` runs the programs,
  \`fixtures.ts\` is the list below.

## What the producers write

- **LibreOffice 7.4 Writer / Calc**: rules are stroked paths, collinear cell borders merged into long
  lines (about 30–40 \`S\` per page). OpenType/CFF fonts (Noto CJK) become *Type 1* subsets with a
  built-in encoding, split into several 256-glyph fonts (named after the JP face of the .ttc, e.g.
  \`NotoSerifCJKjp-Regular-VKana\`); TrueType fonts become simple TrueType subsets. Text in runs per
  cell. Calc numbers pages per sheet.
- **Chromium 156 (Skia/PDF)**: every CSS border is a thin *filled rectangle* (\`re f\`, ~4000 per file),
  no strokes at all (drawn in a ×0.24 page scale). Noto CJK (OpenType/CFF) and AR PL UKai/UMing
  become *Type 3* fonts (137 of them in \`chromium-type3\`),
  every glyph shown by its own \`Tj\` after a \`Td\`: glyph by glyph. TrueType (WenQuanYi) becomes CID
  TrueType with runs. It writes a tagged PDF (structure tree ×4 the size) unless \`--disable-pdf-tagging\`.
- **ReportLab 3.6**: \`STSong-Light\` is a CID font referenced by name only (UniGB-UCS2-H, *not
  embedded*, no ToUnicode: text comes from the CMap), and Helvetica, its default font, is referenced
  without embedding too; TTF fonts are embedded as simple TrueType subsets of 256 glyphs each. GRID rules
  are stroked, one segment per cell edge.
- **pdfkit** (\`emit-pdfkit.ts\`): CID TrueType (Noto Sans SC from npm); rules as filled rectangles,
  strokes or none as asked; \`glyphs\` variants write one text object per glyph; \`rects-split\` prints
  amounts, codes and 行次 in the standard font Helvetica, referenced and not embedded (its baseline
  sits about 2 pt off the CJK text's, as in mixed-font Word exports).
- **Ghostscript 10.0 pdfwrite**: merges text into longer runs (9–21 bytes per operator) and re-subsets
  fonts; keeps how rules were drawn. Rewriting ReportLab's TrueType it drops the ToUnicode and the
  encoding (\`gs-reportlab-wrapped\`: poppler still reads the text through the font's own cmap, pdf.js
  reads Latin-1 garbage). Not kept: its rewrite of pdfkit's CID fonts and of non-embedded STSong-Light
  (garbled ToUnicode), and of Chromium's Type 3 fonts (text partly Kangxi, partly garbage).
- **cairo 1.16 (pdftocairo)**: re-subsets Type 1 into more, smaller fonts; keeps rules as drawn.
- **MuPDF 1.21 \`mutool convert\`**: writes no info dictionary (producer "(none)"); filled rectangles
  become filled 4-point paths (\`m l l l h f\`). Only rewrites of
  Chromium's CID TrueType are kept: it loses the ToUnicode of simple TrueType / Type 1 subsets
  (LibreOffice, ReportLab, pdfkit input) and the widths of non-embedded STSong-Light (every glyph 1 em,
  values overrun their cells).

Columns: **rules** = how cell borders are drawn (stroked path operators \`S\`, filled \`re … f\`
rectangles, or filled straight-line paths \`m l l l h f\`, counted in the page content); **text** = bytes of string per text-showing operator
(1 byte for single-byte fonts, 2 for CID fonts = one glyph per operator: glyph by glyph);
**fonts** = pdffonts types.

| file | seed | producer (Producer / Creator) | pages | KiB | fonts | rules | text | layout |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
`;

export function writeReadme(dir: string, entries: CorpusEntry[]): void {
  const rows = entries.map((e) => {
    const prod = [e.facts.producer, e.facts.creator].filter(Boolean).join(' / ').replace(/\s+/g, ' ').slice(0, 60);
    // A | inside a cell would split the markdown table.
    const layout = (
      e.from ? `rewrite of \`${e.from.replace(/^[^.]+\./, '')}\`` : features(e.options).join('; ')
    ).replace(/\|/g, '\\|');
    return `| \`${e.file.replace(/^([0-9]{3})_[0-9a-f]+/, '$1_…')}\` | ${e.seed.slice(0, 3)} | ${prod} | ${e.facts.pages} | ${(e.facts.bytes / 1024).toFixed(0)} | ${fonts(e)} | ${rules(e)} | ${text(e)} | ${layout} |`;
  });
  const total = entries.reduce((a, e) => a + e.facts.bytes, 0);
  writeFileSync(
    path.join(dir, 'README.md'),
    `${INTRO}${rows.join('\n')}\n\n${entries.length} fixtures, ${(total / 1024 / 1024).toFixed(2)} MiB.\n`,
  );
}
