/**
 * Scoring OCR against a page's native text layer: every numeric text item of the PDF is a cell
 * whose true value we know; the OCR run covering the same place must read the same digits.
 * Used by the OCR tests and the bench script (never by the pipeline).
 */
import type { PageIR, Run } from '../../src/ir/types.js';
import type { PDFDocumentProxy } from '../../src/ingest/pdfjs-load.js';

export interface NativeCell {
  text: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

const NUMERIC = /^-?[\d,]*\d(\.\d+)?$/;

/** Numeric text items of a page, boxes in PDF points, top-left origin. */
export async function nativeNumericCells(doc: PDFDocumentProxy, pageNumber: number): Promise<NativeCell[]> {
  const page = await doc.getPage(pageNumber);
  const view = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const out: NativeCell[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const text = item.str.trim();
    if (!NUMERIC.test(text)) continue;
    // transform maps text space to the unrotated page; the viewport flips y to top-left.
    const [x, y] = view.convertToViewportPoint(item.transform[4], item.transform[5]) as [number, number];
    const h = item.height || Math.abs(item.transform[3]);
    out.push({ text, x0: x, x1: x + item.width, y0: y - h, y1: y });
  }
  return out;
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
