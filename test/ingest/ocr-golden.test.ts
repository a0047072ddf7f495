/**
 * A jdz report whose table pages were pasted in as scans (samples/scan/jdz-000-mixed.pdf: seed 000
 * rendered by scripts/make-sample-pdfs.ts, pages 4, 5, 8, 13, 14, 17, 18 rasterized, turned up to
 * 1°, blurred, noised, JPEG 75 by scripts/make-scans.ts). Its tables must be the seed's golden,
 * cell for cell; labels may differ only in bracket width (a scan does not show whether （ or ( was
 * set) or where the log names the row's label as not matching.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type DocumentResult } from '../../src/pipeline.js';
import { closeOcrPool } from '../../src/ingest/ocr/ocr-service.js';
import { compareTables, loadGolden } from '../helpers/golden.js';

const FILE = path.resolve(import.meta.dirname, '../../samples/scan/jdz-000-mixed.pdf');
const width = (s: string) => s.replace(/（/g, '(').replace(/）/g, ')').replace(/：/g, ':').replace(/\s/g, '');

describe('scanned table pages of a jdz report (seed 000)', () => {
  let r: DocumentResult;
  beforeAll(async () => {
    r = await extractDocument({ path: FILE, bytes: readFileSync(FILE) });
  }, 120_000);
  afterAll(async () => {
    await closeOcrPool();
  });

  it('reads as a mixed document with the cover page native', () => {
    expect(r.record?.source.textLayer).toBe('mixed');
    const golden = loadGolden('000');
    expect(r.record!.document).toEqual({ department: golden.department, year: golden.year, unit: golden.unit });
  });

  it('gives every cell of the golden, and every row that prints more than its 行次', () => {
    const golden = loadGolden('000');
    const { problems, cells } = compareTables(r.record!, golden, { labels: false });
    expect(cells).toBe(388);
    // A row printing only its 行次 (01 line 11: no label, no value) holds no data; its lone "11"
    // is the glyph OCR reads worst, so such a row may be missing. Any other problem counts.
    const blank = new Set(
      golden.tables.flatMap((t) =>
        t.rows.filter((x) => !x.label && !Object.keys(x.values).length).map((x) => `${t.id} ${x.key}: row missing`),
      ),
    );
    expect(problems.filter((p) => !blank.has(p))).toEqual([]);
  });

  it('gives the labels, up to bracket width, or logs the row whose label does not match', () => {
    const flagged = new Set(
      r.findings.filter((f) => f.check === 'table.label-mismatch').map((f) => `${f.table}|${f.row}`),
    );
    const golden = loadGolden('000');
    const wrong: string[] = [];
    for (const gt of golden.tables) {
      const t = r.record!.tables.find((x) => x.id === gt.id)!;
      for (const gr of gt.rows) {
        const row = t.rows.find((x) => x.key === gr.key);
        if (!row) continue; // a missing row is the test above's business
        if (width(row.label) !== width(gr.label) && !flagged.has(`${gt.id}|${gr.key}`))
          wrong.push(`${gt.id} ${gr.key}: "${row.label}" ≠ "${gr.label}"`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
