/**
 * The corpus: which seed goes through which producer with which layout options. Native producers
 * draw the model; rewriters (Ghostscript, cairo, MuPDF) take another fixture's PDF and write it
 * anew, so the same content reaches the reader through a second program's idea of fonts, text runs
 * and rules. Every layout feature appears in at least two producers (see the README's table).
 */
import type { LayoutOptions } from './model.js';
import type { PdfFacts } from './inspect.js';

export type Native = 'lo-writer' | 'lo-calc' | 'chromium' | 'wkhtmltopdf' | 'reportlab' | 'pdfkit';
export type Rewriter = 'gs' | 'cairo' | 'mutool';

export interface NativeFixture {
  seed: string;
  producer: Native;
  variant: string;
  options: Partial<LayoutOptions>;
}
export interface RewriteFixture {
  seed: string;
  producer: Rewriter;
  /** `<producer>-<variant>` of the native fixture of the same seed it rewrites; also its variant name. */
  from: string;
}
export type Fixture = NativeFixture | RewriteFixture;

export const SEEDS: Record<string, string> = {
  '000': '000_d920656d4c30e573',
  '001': '001_601db7814e7d3dfd',
  '003': '003_a3f56a15a6024790',
  '004': '004_bcb08b1b25316800',
};

const NOTO_SERIF = 'Noto Serif CJK SC';
const NOTO_SANS = 'Noto Sans CJK SC';
const WQY = 'WenQuanYi Zen Hei';
const UMING = 'AR PL UMing CN';
const UKAI = 'AR PL UKai CN';

export const FIXTURES: Fixture[] = [
  // LibreOffice Writer (.fodt): Word-like report tables, stroked rules merged into long lines.
  {
    seed: '000',
    producer: 'lo-writer',
    variant: 'report',
    options: { font: NOTO_SERIF, narrative: true, footer: true },
  },
  {
    seed: '001',
    producer: 'lo-writer',
    variant: 'split3',
    options: { font: WQY, codes: 'split-every', wrap: true, thousands: true },
  },
  {
    seed: '003',
    producer: 'lo-writer',
    variant: 'wrapped',
    options: { font: NOTO_SANS, codes: 'split-change', wrap: true, valign: 'top', grouped: true },
  },
  {
    seed: '004',
    producer: 'lo-writer',
    variant: 'noborder',
    options: { font: UMING, borders: 'none', preamble: 'one-line' },
  },
  {
    seed: '000',
    producer: 'lo-writer',
    variant: 'kangxi',
    options: { font: NOTO_SERIF, kangxi: true, codes: 'split-every' },
  },
  // LibreOffice Calc (.fods): one sheet per table, numbers as numbers, rows to repeat.
  { seed: '000', producer: 'lo-calc', variant: 'split3', options: { font: NOTO_SANS, codes: 'split-every' } },
  {
    seed: '001',
    producer: 'lo-calc',
    variant: 'plain',
    options: { font: WQY, borders: 'none', codes: 'in-name', thousands: true },
  },
  {
    seed: '003',
    producer: 'lo-calc',
    variant: 'wrapped',
    options: { font: NOTO_SERIF, codes: 'split-change', wrap: true, grouped: true, footer: true },
  },
  {
    seed: '004',
    producer: 'lo-calc',
    variant: 'wrapped',
    options: { font: UKAI, codes: 'split-every', wrap: true, valign: 'top' },
  },
  // Chromium print to PDF: CSS borders become thin filled rectangles; text is written glyph by glyph.
  {
    seed: '000',
    producer: 'chromium',
    variant: 'wrapped',
    options: { font: WQY, codes: 'split-change', wrap: true, valign: 'top', footer: true },
  },
  {
    seed: '001',
    producer: 'chromium',
    variant: 'type3',
    options: { font: NOTO_SERIF, thousands: true, grouped: true },
  },
  { seed: '003', producer: 'chromium', variant: 'noborder', options: { font: WQY, borders: 'none', codes: 'in-name' } },
  {
    seed: '004',
    producer: 'chromium',
    variant: 'kangxi',
    options: { font: WQY, kangxi: true, codes: 'split-every', wrap: true },
  },
  {
    seed: '001',
    producer: 'chromium',
    variant: 'split',
    options: { font: WQY, fontSize: 12, codes: 'split-every', thousands: true },
  },
  // wkhtmltopdf (Qt WebKit, Qt's own PDF writer) prints the same HTML: whole CID TrueType fonts, and
  // a bold face the font lacks (WenQuanYi) faked by showing every heading glyph twice, 0.3 pt apart.
  {
    seed: '003',
    producer: 'wkhtmltopdf',
    variant: 'fakebold',
    options: { font: WQY, grouped: true, thousands: true },
  },
  {
    seed: '001',
    producer: 'wkhtmltopdf',
    variant: 'wrapped',
    options: { font: NOTO_SANS, codes: 'split-change', wrap: true },
  },
  // ReportLab: STSong-Light is referenced, not embedded; wqy/ukai are embedded subsets. GRID rules are stroked.
  { seed: '000', producer: 'reportlab', variant: 'stsong', options: { font: 'STSong-Light', footer: true } },
  {
    seed: '001',
    producer: 'reportlab',
    variant: 'stsong-split3',
    options: { font: 'STSong-Light', codes: 'split-every', wrap: true, valign: 'top', thousands: true },
  },
  {
    seed: '003',
    producer: 'reportlab',
    variant: 'noborder',
    options: { font: 'wqy', borders: 'none', codes: 'split-change' },
  },
  {
    seed: '004',
    producer: 'reportlab',
    variant: 'wrapped',
    options: { font: 'ukai', wrap: true, grouped: true, codes: 'in-name' },
  },
  // pdfkit laid out by this corpus: every rule as a filled rectangle, or stroked, or none.
  {
    seed: '001',
    producer: 'pdfkit',
    variant: 'rects',
    options: {
      borders: 'rect',
      codes: 'split-change',
      wrap: true,
      valign: 'top',
      thousands: true,
      grouped: true,
      footer: true,
    },
  },
  {
    seed: '003',
    producer: 'pdfkit',
    variant: 'rects-split',
    options: { borders: 'rect', codes: 'split-every', fontSize: 11.5, digitsFont: 'Helvetica' },
  },
  {
    seed: '000',
    producer: 'pdfkit',
    variant: 'glyphs-noborder',
    options: { borders: 'none', wrap: true, valign: 'top', preamble: 'one-line', glyphwise: true },
  },
  {
    seed: '004',
    producer: 'pdfkit',
    variant: 'glyphs',
    options: { codes: 'split-change', glyphwise: true, footer: true },
  },
  // Rewrites of the fixtures above. Only rewrites whose text layer stays true are kept: Ghostscript
  // garbles pdfkit's CID fonts and the substitute it embeds for non-embedded STSong-Light, and
  // mutool convert (1.21) loses the ToUnicode of subset TrueType/Type 1 fonts (LibreOffice, pdfkit)
  // and the glyph widths of non-embedded STSong-Light (every glyph 1 em: values overrun their cells),
  // so it only rewrites Chromium's CID TrueType output here.
  { seed: '000', producer: 'gs', from: 'chromium-wrapped' },
  { seed: '001', producer: 'gs', from: 'lo-calc-plain' },
  { seed: '003', producer: 'gs', from: 'lo-writer-wrapped' },
  { seed: '004', producer: 'gs', from: 'reportlab-wrapped' },
  { seed: '000', producer: 'cairo', from: 'lo-writer-kangxi' },
  { seed: '001', producer: 'cairo', from: 'pdfkit-rects' },
  { seed: '003', producer: 'cairo', from: 'lo-calc-wrapped' },
  { seed: '004', producer: 'cairo', from: 'chromium-kangxi' },
  { seed: '001', producer: 'mutool', from: 'chromium-split' },
  { seed: '003', producer: 'mutool', from: 'chromium-noborder' },
  { seed: '004', producer: 'mutool', from: 'chromium-kangxi' },
];

export function fixtureName(f: Fixture): string {
  const tag = 'from' in f ? `${f.producer}-${f.from}` : `${f.producer}-${f.variant}`;
  return `${SEEDS[f.seed]}.${tag}`;
}

/** One fixture as corpus.json records it: how it was made and what its PDF holds. */
export interface CorpusEntry {
  file: string;
  seed: string;
  producer: string;
  variant: string;
  from: string | null;
  options: LayoutOptions;
  facts: PdfFacts;
}
