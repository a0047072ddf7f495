/**
 * The OCR path at document level: OCR the pages the ingest stage chose, rendered from the PDF it
 * already holds open. The caller owns the pool, so one pool serves a whole batch; rendering the
 * next page overlaps recognition of the current one, since rendering runs on this thread and
 * tesseract on the pool's threads.
 */
import type { PageIR } from '../../ir/types.js';
import { ExtractionError } from '../../errors.js';
import type { OcrPool } from './ocr.js';
import { DEFAULT_OCR_PAGE_OPTIONS, ocrGrayPage, type OcrPageOptions } from './ocr-page.js';
import { DEFAULT_DPI, type PageImages } from '../image.js';

export interface OcrPagesOptions {
  dpi?: number;
  page?: Partial<OcrPageOptions>;
  signal?: AbortSignal;
}

/** OCR the given pages (1-based) of a PDF into PageIRs, in the order given. */
export async function ocrPages(
  doc: PageImages,
  pageNumbers: readonly number[],
  pool: OcrPool,
  options: OcrPagesOptions = {},
): Promise<PageIR[]> {
  const dpi = options.dpi ?? DEFAULT_DPI;
  const pageOptions = { ...DEFAULT_OCR_PAGE_OPTIONS, ...options.page };
  for (const p of pageNumbers) {
    if (!Number.isInteger(p) || p < 1 || p > doc.numPages) {
      throw new ExtractionError('Internal', `page ${p} is outside 1..${doc.numPages}`);
    }
  }
  const out: PageIR[] = [];
  let next = pageNumbers.length > 0 ? doc.renderGray(pageNumbers[0]!, dpi) : null;
  for (let i = 0; i < pageNumbers.length; i++) {
    options.signal?.throwIfAborted();
    const gray = await next!;
    next = i + 1 < pageNumbers.length ? doc.renderGray(pageNumbers[i + 1]!, dpi) : null;
    out.push(await ocrGrayPage(pool, gray, pageOptions));
  }
  return out;
}
