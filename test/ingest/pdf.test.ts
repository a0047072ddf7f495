import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from '../../src/decimal.js';
import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../src/errors.js';
import { allLines, type DocumentIR } from '../../src/ir/types.js';
import { ingestPdf } from '../../src/ingest/pdf/pdf.js';
import { withPdf } from '../../src/ingest/pdf/pdfjs.js';
import { AMOUNT, withThousands } from '../../scripts/pdfgen/seed.js';
import { seedBlocks } from '../../scripts/pdfgen/segment.js';
import type { Golden } from '../../scripts/pdfgen/golden.js';
import { KANGXI } from '../../scripts/pdfgen/render.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string) => readFileSync(path.join(ROOT, 'test/fixtures/pdf', name));
const sample = (name: string) => readFileSync(path.join(ROOT, 'samples', name));

async function kindOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    expect(e).toBeInstanceOf(ExtractionError);
    return (e as ExtractionError).kind;
  }
}

const runTexts = (doc: DocumentIR) => allLines(doc).flatMap((l) => l.runs.map((r) => r.text));

describe('ingestPdf on the grid fixture (geometry set in scripts/make-fixture-pdfs.ts)', () => {
  it('rebuilds cell runs left to right, numbers whole, no spaces between Han glyphs', async () => {
    const { doc, findings, pagesWithoutText } = await ingestPdf(fixture('grid.pdf'));
    expect(doc).toMatchObject({ format: 'pdf', pageCount: 1, textLayer: 'native' });
    expect(findings).toEqual([]);
    expect(pagesWithoutText).toEqual([]);
    const page = doc.pages[0]!;
    expect([page.width, page.height]).toEqual([400, 300]);
    expect(page.lines.map((l) => l.runs.map((r) => r.text))).toEqual([
      ['项目', '行次', '金额'],
      ['一般公共服务支出', '1', '2,693.88'],
      ['Total 合计', '2', '12,345.60'],
      ['Line item', '99.50'],
    ]);
    // Cells start 5pt right of their left border; amounts end 5pt left of the right border (x=340).
    expect(page.lines[1]!.runs.map((r) => r.x0)).toEqual([45, 165, expect.any(Number)]);
    expect(page.lines[1]!.runs[2]!.x1).toBeCloseTo(335, 1);
    for (const l of page.lines) {
      expect(l.separation).toBe('geometry');
      expect(l.text).toBe(l.runs.map((r) => r.text).join('\t'));
      expect(l.runs.every((r) => r.origin === 'native' && r.conf === 1 && r.x0 < r.x1 && r.y0 < r.y1)).toBe(true);
    }
    // Top-left origin: rows drawn at y 50, 80, 110 (pdfkit text top) come out in that order, 30pt apart.
    const ys = page.lines.map((l) => l.y);
    expect(ys[1]! - ys[0]!).toBeCloseTo(30, 1);
    expect(ys[0]!).toBeGreaterThan(40);
    expect(ys[0]!).toBeLessThan(70);
    expect(page.lines.map((l) => l.index)).toEqual([0, 1, 2, 3]);
  });

  it('reads stroked lines, thin filled rectangles and transformed paths as rulings', async () => {
    const { doc } = await ingestPdf(fixture('grid.pdf'));
    expect(doc.pages[0]!.rulings).toEqual([
      { axis: 'h', pos: 40, start: 40, end: 340 },
      { axis: 'h', pos: 70, start: 40, end: 340 },
      { axis: 'h', pos: 100, start: 40, end: 340 },
      { axis: 'h', pos: 130, start: 40, end: 340 },
      // (40,200)→(340,202.6): 0.5° off, snapped at the mean y
      { axis: 'h', pos: 201.3, start: 40, end: 340 },
      { axis: 'v', pos: 40, start: 40, end: 130 },
      { axis: 'v', pos: 160, start: 40, end: 130 },
      // drawn as x=40, y 80..260 under translate(200,0) scale(0.5)
      { axis: 'v', pos: 220, start: 40, end: 130 },
      { axis: 'v', pos: 340, start: 40, end: 130 },
    ]);
  });
});

describe('glyphs', () => {
  it('keeps Kangxi and radical-supplement code points as printed (folding is a later stage)', async () => {
    const { doc } = await ingestPdf(fixture('kangxi.pdf'));
    const texts = runTexts(doc);
    expect(texts).toEqual(['\u2f00般公共服务\u2f40出', '部\u2ed4']);
  });
});

describe('bad input', () => {
  it('maps each broken file to its error kind', async () => {
    expect(await kindOf(ingestPdf(fixture('zero-bytes.pdf')))).toBe('InputUnreadable');
    expect(await kindOf(ingestPdf(fixture('not-a-pdf.pdf')))).toBe('InputUnreadable');
    expect(await kindOf(ingestPdf(fixture('truncated.pdf')))).toBe('InputUnreadable');
    expect(await kindOf(ingestPdf(fixture('encrypted-user-password.pdf')))).toBe('Encrypted');
  });

  it('opens a PDF encrypted with an empty user password', async () => {
    const { doc } = await ingestPdf(fixture('encrypted-empty-user-password.pdf'));
    expect(runTexts(doc)).toEqual(['加密文档 encrypted']);
  });

  it('opens a PDF that is not a 决算 report (recognising layouts is the segmenter’s job)', async () => {
    const { doc } = await ingestPdf(fixture('not-a-report.pdf'));
    expect(doc.textLayer).toBe('native');
    expect(runTexts(doc)[0]).toBe('Meeting notes 会议纪要');
  });

  it('lists image-only pages and says OCR is needed', async () => {
    const { doc, findings, pagesWithoutText } = await ingestPdf(fixture('image-only.pdf'));
    expect(pagesWithoutText).toEqual([2, 3]);
    expect(doc.textLayer).toBe('mixed');
    expect(findings).toEqual([
      expect.objectContaining({
        level: 'warn',
        stage: 'ingest',
        check: 'ingest.no-text-layer',
        message: '第 2、3 页没有可用的文本层，需要 OCR',
      }),
    ]);
  });

  it('leaves the caller’s buffer intact (pdfjs detaches what it is given)', async () => {
    const bytes = new Uint8Array(fixture('grid.pdf'));
    await ingestPdf(bytes);
    expect(bytes.byteLength).toBeGreaterThan(0);
  });

  it('stops at an aborted signal with a Timeout', async () => {
    const ac = new AbortController();
    ac.abort(new Error('time limit'));
    expect(await kindOf(ingestPdf(fixture('grid.pdf'), { signal: ac.signal }))).toBe('Timeout');
  });
});

describe('pdfjs warnings', () => {
  it('routes console warnings raised while a document is read to that document only', async () => {
    const { warnings } = await withPdf(fixture('grid.pdf'), async (pdf) => {
      await pdf.readPage(1);
      console.warn('Warning: TT: undefined function: 32');
      console.warn('Warning: TT: undefined function: 32');
    });
    expect(warnings).toEqual([{ message: 'TT: undefined function: 32', page: 1, count: 2 }]);
    const other = await withPdf(fixture('grid.pdf'), async () => undefined);
    expect(other.warnings).toEqual([]);
  });
});

describe('generated samples (scripts/make-sample-pdfs.ts)', () => {
  const seedText = readFileSync(path.join(ROOT, 'samples/000_d920656d4c30e573.txt'), 'utf8');
  const golden = JSON.parse(readFileSync(path.join(ROOT, 'test/golden/000_d920656d4c30e573.json'), 'utf8')) as Golden;

  it('prints every amount of seed 000 as one whole run, with thousands separators', async () => {
    const { doc } = await ingestPdf(sample('pdf/000-clean.pdf'));
    const runs = runTexts(doc);
    const count = new Map<string, number>();
    for (const r of runs) count.set(r, (count.get(r) ?? 0) + 1);
    const amounts = seedBlocks(seedText, golden)
      .flatMap((b) => (b.kind === 'table' ? [...b.header, ...b.body].flat().map((c) => c.text) : []))
      .filter((c) => AMOUNT.test(c) && c.includes('.'))
      .map(withThousands);
    expect(amounts.length).toBeGreaterThan(100);
    // Amounts may repeat in repeated header-free rows; every printed one must be found whole.
    for (const a of new Set(amounts))
      expect(count.get(a) ?? 0, a).toBeGreaterThanOrEqual(amounts.filter((x) => x === a).length);
  });

  it('gives the same runs for clean and kangxi (after mapping the radicals back), and the same amounts without rulings', async () => {
    const unKangxi = Object.fromEntries(Object.entries(KANGXI).map(([k, v]) => [v, k]));
    const [clean, noruling, kangxi] = await Promise.all(
      ['clean', 'noruling', 'kangxi'].map(async (v) => (await ingestPdf(sample(`pdf/000-${v}.pdf`))).doc),
    );
    const cleanRuns = runTexts(clean!);
    // A ruled cell is one run with its wrapped lines joined; without rulings a wrapped name is one
    // run per printed line (joined later, by position). Every amount is a run of its own either way.
    const amounts = (runs: string[]) => runs.filter((t) => AMOUNT.test(t));
    expect(amounts(runTexts(noruling!))).toEqual(amounts(cleanRuns));
    expect(runTexts(noruling!).join('').replace(/\s/g, '').length).toBe(cleanRuns.join('').replace(/\s/g, '').length);
    const k = runTexts(kangxi!);
    expect(k.some((t) => t.includes('\u2f40'))).toBe(true); // ⽀ really is in the text layer
    expect(k.map((t) => [...t].map((c) => unKangxi[c] ?? c).join(''))).toEqual(cleanRuns);
    expect(clean!.pages.some((p) => p.rulings.length > 0)).toBe(true);
    expect(noruling!.pages.every((p) => p.rulings.length === 0)).toBe(true);
    expect(clean!.pages.filter((p) => p.width > p.height).length).toBeGreaterThan(0);
  });

  it('split variant: `— N —` footers on every page and header rows repeated', async () => {
    const { doc } = await ingestPdf(sample('pdf/000-split.pdf'));
    for (const p of doc.pages) expect(p.lines.at(-1)!.text).toBe(`— ${p.page} —`);
    const clean = (await ingestPdf(sample('pdf/000-clean.pdf'))).doc;
    const headerCount = (d: DocumentIR) => runTexts(d).filter((t) => t === '栏次' || t === '类').length;
    expect(headerCount(doc)).toBeGreaterThan(headerCount(clean));
  });
});

describe('the Shanghai report (samples/realworld/putuo-social-2024.pdf)', () => {
  it('reads 24 native pages and the 收入决算表 cells as runs', async () => {
    const { doc, pagesWithoutText } = await ingestPdf(sample('realworld/putuo-social-2024.pdf'));
    expect(doc.pageCount).toBe(24);
    expect(doc.textLayer).toBe('native');
    expect(pagesWithoutText).toEqual([]);
    // Page 6, read off the rendered page: 合计 307.82 307.82; 2013999 其他社会工作事务支出 202.24 202.24.
    const p6 = doc.pages[5]!;
    expect(p6.width).toBeGreaterThan(p6.height); // landscape
    const rows = p6.lines.map((l) => l.runs.map((r) => r.text));
    expect(rows).toContainEqual(['合计', '307.82', '307.82']);
    expect(rows).toContainEqual(['2013999', '其他社会工作事务支出', '202.24', '202.24']);
    expect(rows).toContainEqual(['21011', '行政事业单位医疗', '2.71', '2.71']);
    expect(p6.rulings.filter((r) => r.axis === 'v').length).toBeGreaterThanOrEqual(10);
    // Page 5 (收入支出决算总表, two-sided): cells read off the rendered page; the four expenditure
    // amounts add up to the printed 总计 (264.87 + 10.82 + 2.71 + 29.42 = 307.82).
    const p5 = doc.pages[4]!.lines.map((l) => l.runs.map((r) => r.text));
    expect(p5).toContainEqual(['一、一般公共预算财政拨款收入', '307.82', '一、一般公共服务支出', '264.87']);
    expect(p5).toContainEqual(['十九、住房保障支出', '29.42']);
    expect(p5).toContainEqual(['总计', '307.82', '总计', '307.82']);
    const spent = ['一、一般公共服务支出', '八、社会保障和就业支出', '九、卫生健康支出', '十九、住房保障支出'].map(
      (label) => p5.find((r) => r.includes(label))!.at(-1)!,
    );
    expect(spent.reduce((a, v) => a.plus(v), new Decimal(0)).toFixed(2)).toBe('307.82');
    // The header cell "功能分类 / 科目编码" is printed on two lines inside one drawn cell: one run.
    const header = p6.lines.find((l) => l.runs[0]?.text === '功能分类科目编码')!;
    const xs = header.runs.map((r) => r.x0);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});
