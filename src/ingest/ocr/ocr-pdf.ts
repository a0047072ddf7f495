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
import type { Finding } from '../../schema/finding.js';
import { DEFAULT_LIMITS } from '../limits.js';
import { renderCapped } from '../pdf/render-cap.js';

export interface OcrPagesOptions {
  dpi?: number;
  page?: Partial<OcrPageOptions>;
  signal?: AbortSignal;
  /** Largest page area (m²) rendered at `dpi`; larger pages are scaled down or skipped (render-cap.ts). */
  maxPageArea?: number;
  /** Told of every page scaled down or skipped. */
  onFinding?: (f: Finding) => void;
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
  const maxArea = options.maxPageArea ?? DEFAULT_LIMITS.maxPageArea;
  const render = (n: number) => {
    const p = renderCapped(doc, n, dpi, maxArea);
    p.catch(() => {}); // a prefetch abandoned by an error above must not become an unhandled rejection
    return p;
  };
  const out: PageIR[] = [];
  let next = pageNumbers.length > 0 ? render(pageNumbers[0]!) : null;
  for (let i = 0; i < pageNumbers.length; i++) {
    options.signal?.throwIfAborted();
    const { gray, widthPt, heightPt, finding } = await next!;
    next = i + 1 < pageNumbers.length ? render(pageNumbers[i + 1]!) : null;
    if (finding) options.onFinding?.(finding);
    out.push(
      gray
        ? await ocrGrayPage(pool, gray, pageOptions)
        : { page: pageNumbers[i]!, width: widthPt, height: heightPt, lines: [], rulings: [] },
    );
  }
  return out;
}
