/**
 * Scanned twins of four producers' fixtures (LibreOffice Writer with split codes, Chromium and Calc
 * with wrapped names — Chromium's as a 150 dpi desk scan turned 1.5–2° — wkhtmltopdf with thousands
 * separators), made at test time the way scripts/make-scans.ts does (200 dpi, turned ≤ 1°,
 * blurred, noised, JPEG 75; nothing large committed): OCR must read ≥ 99.5 % of the truth cells
 * exactly and leave no wrong or missing cell without a flag.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';
import { closeOcrPool } from '../../src/ingest/ocr/ocr-service.js';
import { SCAN_FIXTURES, scanFixtures } from '../../scripts/corpus/scan-fixtures.js';
import { loadGolden } from '../helpers/golden.js';
import { scoreAgainstTruth } from '../helpers/truth-score.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/producers');
let out: string;
let scans: string[];

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'juesuan-scans-'));
  scans = await scanFixtures(
    SCAN_FIXTURES.map((f) => ({ path: path.join(DIR, f.file), recipe: f.recipe })),
    out,
  );
}, 240_000);
afterAll(async () => {
  await closeOcrPool();
  rmSync(out, { recursive: true, force: true });
});

describe('scanned fixtures of four producers', () => {
  it.each(SCAN_FIXTURES.map((f, i) => [f.file, i] as const))(
    '%s scanned: at least 99.5 percent exact, nothing silent',
    async (file, i) => {
      const scan = scans[i]!;
      const r = await extractDocument({ path: path.basename(scan), bytes: new Uint8Array(readFileSync(scan)) });
      expect(r.record?.source.textLayer).toBe('ocr');
      const s = scoreAgainstTruth(r.record, r.findings, loadGolden(file.slice(0, 3)));
      expect(s.wrong).toEqual([]);
      expect(s.silent).toEqual([]);
      expect(s.exact / s.cells).toBeGreaterThanOrEqual(0.995);
    },
    240_000,
  );
});
