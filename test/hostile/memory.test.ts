/**
 * The hostile inputs of issue 12 through the real pipeline and CLI, generated on the fly (nothing
 * large is committed: every PDF here is under 1 MB), each asserting its outcome, its message, and
 * a generous ceiling on the peak RSS of the whole process tree (worker threads and tesseract
 * included), sampled from /proc. The figures themselves belong to `npm run bench`.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { BIN, ensureBuilt, tempDir } from '../helpers/build.js';
import { measuredSpawn } from '../../scripts/lib/measured-spawn.js';
import { blankPagesPdf, hugeImagePdf } from '../../scripts/lib/hostile-pdfs.js';

const MiB = 1024 * 1024;
const onLinux = process.platform === 'linux'; // the tree's RSS is read from /proc

interface Entry {
  output: string;
  status: string;
  errorKind?: string;
  reason?: string;
}

async function extract(inputs: string[], out: string, extra: string[] = []) {
  const r = await measuredSpawn(
    process.execPath,
    [BIN, 'extract', ...inputs, '--out', out, '--log-level', 'warn', ...extra],
    {
      ...process.env,
      JUESUAN_PIPELINE: '',
    },
  );
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { documents: Entry[] };
  const byOutput = new Map(m.documents.map((e) => [e.output, e]));
  const log = (name: string) =>
    readFileSync(join(out, `${name}.log.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { check: string; message: string; page?: number });
  return { ...r, byOutput, log };
}

describe('hostile inputs: bounded memory, clear outcomes (issue 12, cases 2–5)', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('60 blank scanned pages are OCR’d page by page in bounded memory (was 15.5 MB per page)', async () => {
    const dir = tempDir('blank');
    writeFileSync(join(dir, 'blank60.pdf'), await blankPagesPdf(60));
    const r = await extract([join(dir, 'blank60.pdf')], join(dir, 'out'), ['--concurrency', '1']);
    expect(r.code).toBe(1);
    const e = r.byOutput.get('blank60')!;
    expect([e.status, e.errorKind]).toEqual(['failed', 'LayoutUnknown']);
    expect(r.log('blank60').find((f) => f.check === 'ocr.pages')?.message).toMatch(/OCR 识别了第 1、2、.*、60 页$/);
    // Measured ~330 MiB; 60 pages of the old leak alone were 930 MB.
    if (onLinux) expect(r.peakMb).toBeLessThan(768);
  }, 60_000);

  it('huge pages, an image bomb, a page to scale down and a 200 MB text, two at a time: TooLarge or a finding, in bounded memory', async () => {
    const dir = tempDir('huge');
    writeFileSync(join(dir, 'p5800.pdf'), await blankPagesPdf(4, 5800, 5800)); // 3.5 GB per page before
    writeFileSync(join(dir, 'p20000.pdf'), await blankPagesPdf(1, 20000, 20000)); // skia failed before
    writeFileSync(join(dir, 'bomb.pdf'), hugeImagePdf(30000)); // 900 Mpx in 875 KB: 5.5 GB before
    const mixed = await PDFDocument.create();
    mixed.addPage([595, 842]);
    mixed.addPage([2000, 2800]); // 0.70 m²: rendered at 120 dpi instead of 200
    writeFileSync(join(dir, 'scaled.pdf'), await mixed.save());
    writeFileSync(join(dir, 'big.txt'), 'DEPT x\n');
    truncateSync(join(dir, 'big.txt'), 200 * MiB);
    const files = ['p5800.pdf', 'p20000.pdf', 'bomb.pdf', 'scaled.pdf', 'big.txt'].map((f) => join(dir, f));
    const r = await extract(files, join(dir, 'out'), ['--concurrency', '2']);
    expect(r.code).toBe(1);

    const kinds = Object.fromEntries([...r.byOutput].map(([k, e]) => [k, e.errorKind]));
    expect(kinds).toEqual({
      p5800: 'TooLarge',
      p20000: 'TooLarge',
      bomb: 'TooLarge',
      scaled: 'LayoutUnknown',
      big: 'TooLarge',
    });
    expect(r.byOutput.get('p5800')!.reason).toMatch(
      /^TooLarge: nothing readable within the limits: 第 1 页未做 OCR：5800×5800 pt \(4\.19 m²\) 按 200 dpi 超过渲染上限 15\.5 Mpx（--max-page-area 0\.25 m²）.* \(and 3 more\)$/,
    );
    expect(r.byOutput.get('p20000')!.reason).toMatch(/第 1 页未做 OCR：20000×20000 pt \(50 m²\)/);
    expect(r.byOutput.get('bomb')!.reason).toMatch(/图像（首见于第 1 页）未解码：超过图像上限 100\.0 Mpx/);
    expect(r.byOutput.get('big')!.reason).toMatch(
      /text file of 200 MB is above the text limit of 8\.0 MB \(--max-text-mb\)/,
    );
    // The page scaled down is logged even though the document then fails for its layout.
    const scaled = r.log('scaled').find((f) => f.check === 'ocr.page-scaled');
    expect(scaled?.page).toBe(2);
    expect(scaled?.message).toMatch(/^第 2 页按 120 dpi 而非 200 dpi 做 OCR：2000×2800 pt \(0\.70 m²\) 超过渲染上限/);
    // Measured ~600 MiB for the two workers; before, one 5800 pt page alone took 3.5 GB.
    if (onLinux) expect(r.peakMb).toBeLessThan(1536);
  }, 60_000);
});
