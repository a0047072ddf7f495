/**
 * OCR accuracy after the arithmetic repairs, with the report's own text layer as the truth
 * (issue 4, "Done when"). The scanned samples are pages of samples/realworld/putuo-social-2024.pdf
 * rasterized by scripts/make-scans.ts; the same pages cut from the native PDF (pdf-lib, in memory)
 * go through the same pipeline, and every table cell is compared by key. Runs offline.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';
import { closeOcrPool } from '../../src/ingest/ocr/ocr-service.js';
import type { DocumentResult } from '../../src/pipeline.js';
import { scoreAgainstNative, type CellScore } from '../helpers/cell-truth.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NATIVE = path.join(ROOT, 'samples/realworld/putuo-social-2024.pdf');
/** Source pages of each scanned sample (samples/scan/putuo-social-2024.json). */
const SAMPLES = [
  { file: 'samples/scan/putuo-social-2024-scan.pdf', pages: [5, 8, 13] },
  { file: 'samples/scan/putuo-social-2024-mixed.pdf', pages: [4, 5, 8, 13, 17] },
];

async function nativePages(pages: number[]): Promise<Uint8Array> {
  const src = await PDFDocument.load(readFileSync(NATIVE));
  const out = await PDFDocument.create();
  for (const p of await out.copyPages(
    src,
    pages.map((n) => n - 1),
  ))
    out.addPage(p);
  return out.save();
}

describe('OCR accuracy against the native text layer', () => {
  const scores = new Map<string, { score: CellScore; ocr: DocumentResult }>();
  beforeAll(async () => {
    for (const s of SAMPLES) {
      const truth = await extractDocument(
        { path: `native-${s.pages.join('-')}.pdf`, bytes: await nativePages(s.pages) },
        { ocr: 'never' },
      );
      const ocr = await extractDocument({ path: s.file, bytes: readFileSync(path.join(ROOT, s.file)) });
      expect(truth.record?.source.textLayer).toBe('native');
      expect(ocr.record?.source.textLayer).toBe(s.file.includes('mixed') ? 'mixed' : 'ocr');
      const score = scoreAgainstNative(truth.record!, ocr.record!, ocr.findings);
      scores.set(s.file, { score, ocr });
      console.log(
        `${path.basename(s.file)}: ${score.exact}/${score.total} cells exact (${((100 * score.exact) / score.total).toFixed(1)}%), ` +
          `${score.inexact.filter((c) => c.flagged).length}/${score.inexact.length} inexact cells flagged` +
          score.inexact
            .map(
              (c) =>
                `\n  ${c.cell}: native ${c.native ?? '(empty)'}, OCR ${c.ocr ?? '(empty)'}${c.flagged ? '' : '  ← NOT FLAGGED'}`,
            )
            .join(''),
      );
    }
  }, 150_000);
  afterAll(async () => {
    await closeOcrPool();
  });

  for (const s of SAMPLES) {
    it(`${path.basename(s.file)}: every inexact cell carries a warn/error finding naming its table/row/column`, () => {
      const { score } = scores.get(s.file)!;
      expect(score.total).toBeGreaterThan(90);
      expect(score.inexact.filter((c) => !c.flagged)).toEqual([]);
    });

    it(`${path.basename(s.file)}: 公开03表 cells are right, and every repair is logged with both readings`, () => {
      const { ocr } = scores.get(s.file)!;
      const t03 = ocr.record!.tables.find((t) => t.id === '03')!;
      const row = (k: string) => t03.rows.find((r) => r.key === k)!.values;
      // Printed: 行政运行 51.32 | 51.32; 其他社会工作事务支出 202.24 | — | 202.24 (项目支出).
      expect(row('code:2013901')).toEqual({ 1: '51.32', 2: '51.32' });
      expect(row('code:2013999')).toEqual({ 1: '202.24', 3: '202.24' });
      const repairs = ocr.findings.filter((f) => f.check === 'ocr.repair');
      expect(repairs.every((f) => f.level === 'warn' && f.actual && f.expected)).toBe(true);
    });

    it(`${path.basename(s.file)}: every cell the pipeline doubts (confidence < 0.5) has a warn/error finding naming it`, () => {
      const { ocr } = scores.get(s.file)!;
      const named = new Set(
        ocr.findings
          .filter((f) => f.level === 'warn' || f.level === 'error')
          .map((f) => `${f.table}|${f.row}|${f.column}`),
      );
      const doubted = ocr.record!.tables.flatMap((t) =>
        t.rows.flatMap((r) =>
          Object.keys(r.values)
            .filter((c) => (r.cellConfidence?.[c] ?? r.confidence ?? 1) < 0.5)
            .map((c) => `${t.id}|${r.key}|${c}`),
        ),
      );
      expect(doubted.filter((k) => !named.has(k))).toEqual([]);
    });

    it(`${path.basename(s.file)}: ≥ 99.5% of cells exact after repairs (issue 4's target)`, () => {
      const { score } = scores.get(s.file)!;
      expect(score.exact / score.total).toBeGreaterThanOrEqual(0.995);
    });
  }
});
