/**
 * Scoring OCR against a page's native text layer: every numeric run of the PDF's text layer is a cell
 * whose true value we know; the OCR run covering the same place must read the same digits.
 * Used by the OCR tests and the bench script (never by the pipeline).
 */
import type { PageIR, Run } from '../../src/ir/types.js';
import type { PdfFile } from '../../src/ingest/pdf/pdfjs.js';
import { buildLines } from '../../src/ingest/pdf/lines.js';
import { buildRulings } from '../../src/ingest/pdf/rulings.js';

export interface NativeCell {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const NUMERIC = /^-?[\d,]*\d(\.\d+)?$/;

/** Numeric cells of a page's text layer (as the native ingest reads them), boxes in PDF points, top-left origin. */
export async function nativeNumericCells(doc: PdfFile, pageNumber: number): Promise<NativeCell[]> {
  const content = await doc.readPage(pageNumber);
  const lines = buildLines(content.glyphs, buildRulings(content.segments, content.filledRects), pageNumber);
  return lines
    .flatMap((l) => l.runs)
    .filter((r) => NUMERIC.test(r.text.trim()))
    .map((r) => ({ text: r.text.trim(), x0: r.x0, x1: r.x1, y0: r.y0, y1: r.y1 }));
}

export interface CellScore {
  total: number;
  exact: number;
  missing: NativeCell[];
  wrong: { want: string; got: string; conf: number }[];
}

const norm = (s: string) => s.replace(/[,，\s]/g, '');

/** A run matches a native cell when its centre lies in the cell's box widened by `slack` points. */
export function scoreCells(natives: NativeCell[], page: PageIR, slack = 3): CellScore {
  const runs: Run[] = page.lines.flatMap((l) => l.runs);
  const score: CellScore = { total: natives.length, exact: 0, missing: [], wrong: [] };
  for (const n of natives) {
    const hit = runs.find((r) => {
      const cx = (r.x0 + r.x1) / 2;
      const cy = (r.y0 + r.y1) / 2;
      return cx >= n.x0 - slack && cx <= n.x1 + slack && cy >= n.y0 - slack && cy <= n.y1 + slack;
    });
    if (!hit) score.missing.push(n);
    else if (norm(hit.text) === norm(n.text)) score.exact++;
    else score.wrong.push({ want: n.text, got: hit.text, conf: hit.conf });
  }
  return score;
}
