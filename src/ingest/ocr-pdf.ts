/**
 * The OCR path at document level: which pages to OCR, and OCR them. The caller (the pipeline)
 * owns the pool, so one pool serves a whole batch; rendering the next page overlaps recognition
 * of the current one, since rendering runs on this thread and tesseract on the pool's threads.
 */
import type { PageIR } from '../ir/types.js';
import { ExtractionError } from '../errors.js';
import type { OcrPool } from './ocr.js';
import { DEFAULT_OCR_PAGE_OPTIONS, ocrGrayPage, type OcrPageOptions } from './ocr-page.js';
import { openPdf, type PDFDocumentProxy } from './pdfjs-load.js';
import { DEFAULT_DPI, renderPageGray } from './render.js';
import {
  documentTextLayer,
  hasUsableTextLayer,
  pageTextLayer,
  shouldOcr,
  type DocumentTextLayer,
  type OcrMode,
  type PageTextLayer,
} from './text-layer.js';

export interface OcrPlan {
  /** 1-based page numbers to OCR, ascending. */
  ocrPages: number[];
  /** Per page, index 0 = page 1. */
  pageLayers: PageTextLayer[];
  textLayer: DocumentTextLayer;
}

/** Decide per page, from its text layer and the mode, whether it is OCR'd. */
export async function planOcr(doc: PDFDocumentProxy, mode: OcrMode): Promise<OcrPlan> {
  const pageLayers: PageTextLayer[] = [];
  const pages: number[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    // 'always' need not read the text layer at all.
    const usable = mode === 'always' ? false : await hasUsableTextLayer(doc, p);
    pageLayers.push(pageTextLayer(mode, usable));
    if (shouldOcr(mode, usable)) pages.push(p);
  }
  return { ocrPages: pages, pageLayers, textLayer: documentTextLayer(pageLayers) };
}

export interface OcrPagesOptions {
  dpi?: number;
  page?: Partial<OcrPageOptions>;
  signal?: AbortSignal;
}

/** OCR the given pages (1-based) of a PDF into PageIRs, in the order given. */
export async function ocrPages(
  pdf: Uint8Array | PDFDocumentProxy,
  pageNumbers: readonly number[],
  pool: OcrPool,
  options: OcrPagesOptions = {},
): Promise<PageIR[]> {
  const doc = pdf instanceof Uint8Array ? await openPdf(pdf) : pdf;
  const dpi = options.dpi ?? DEFAULT_DPI;
  const pageOptions = { ...DEFAULT_OCR_PAGE_OPTIONS, ...options.page };
  try {
    for (const p of pageNumbers) {
      if (!Number.isInteger(p) || p < 1 || p > doc.numPages) {
        throw new ExtractionError('Internal', `page ${p} is outside 1..${doc.numPages}`);
      }
    }
    const out: PageIR[] = [];
    let next = pageNumbers.length > 0 ? renderPageGray(doc, pageNumbers[0]!, dpi) : null;
    for (let i = 0; i < pageNumbers.length; i++) {
      options.signal?.throwIfAborted();
      const gray = await next!;
      next = i + 1 < pageNumbers.length ? renderPageGray(doc, pageNumbers[i + 1]!, dpi) : null;
      out.push(await ocrGrayPage(pool, gray, pageOptions));
    }
    // Line indexes run across the pages returned, as the IR asks.
    let index = 0;
    return out.map((page) => ({ ...page, lines: page.lines.map((l) => ({ ...l, index: index++ })) }));
  } finally {
    if (pdf instanceof Uint8Array) await doc.destroy();
  }
}
