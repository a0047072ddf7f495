/**
 * The multi-producer corpus (test/fixtures/producers, built by scripts/corpus/build-corpus.sh):
 * the seed reports rendered by LibreOffice Writer and Calc, Chromium, ReportLab and pdfkit, and
 * rewritten by Ghostscript, cairo and MuPDF, with ruled / thin-rectangle / borderless tables, codes
 * over 类|款|项 cells, wrapped names, two-level headers, split tables, Kangxi text layers and
 * non-embedded fonts. Every native fixture must give every truth cell exactly, and nothing wrong
 * or missing may go without a flag.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument } from '../../src/pipeline.js';
import { closeOcrPool } from '../../src/ingest/ocr/ocr-service.js';
import { loadGolden } from '../helpers/golden.js';
import { scoreAgainstTruth } from '../helpers/truth-score.js';

const DIR = path.resolve(import.meta.dirname, '../fixtures/producers');
const FIXTURES = readdirSync(DIR).filter((f) => f.endsWith('.pdf'));

/**
 * Segment warnings a fixture really earns: Ghostscript's rewrite of Chromium's wrapped 000 garbles the
 * glyph map of its heading font, so the department line and one title do not read (the labels are
 * flagged as table.label-mismatch too). Every other fixture must find 第二部分, the ten titles and the
 * department — overprinted (fake bold) headings included.
 */
const SEGMENT_WARNS: Record<string, string[]> = {
  '000_d920656d4c30e573.gs-chromium-wrapped.pdf': ['segment.department-missing', 'segment.title-unread'],
};

afterAll(async () => {
  await closeOcrPool();
});

describe('PDFs from many producers', () => {
  it('covers at least five producers and all four seeds with tables', () => {
    const producers = new Set(FIXTURES.map((f) => f.split('.')[1]!.split('-')[0]));
    expect(producers.size).toBeGreaterThanOrEqual(5);
    expect(new Set(FIXTURES.map((f) => f.slice(0, 3)))).toEqual(new Set(['000', '001', '003', '004']));
  });

  it.each(FIXTURES)(
    '%s: every cell exact, nothing silent',
    async (file) => {
      const r = await extractDocument({ path: file, bytes: new Uint8Array(readFileSync(path.join(DIR, file))) });
      const s = scoreAgainstTruth(r.record, r.findings, loadGolden(file.slice(0, 3)));
      expect({ wrong: s.wrong, missing: s.missing, silent: s.silent }).toEqual({ wrong: [], missing: [], silent: [] });
      expect(s.exact).toBe(s.cells);
      const segmentWarns = r.findings.filter((f) => f.check.startsWith('segment.') && f.level !== 'info');
      expect(segmentWarns.map((f) => f.check).sort()).toEqual(SEGMENT_WARNS[file] ?? []);
    },
    120_000,
  );
});
