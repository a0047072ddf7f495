/**
 * Native PDF pages: each page's glyphs and drawn rulings → positioned lines (PageIR), plus whether
 * the page has a usable text layer (the OCR decision's input). Errors are ExtractionErrors with a
 * kind from the closed taxonomy; pdfjs exceptions are mapped by name, never by message text.
 */
import { ExtractionError } from '../../errors.js';
import type { DocumentIR, PageIR } from '../../ir/types.js';
import type { Finding } from '../../schema/finding.js';
import type { PageImages } from '../image.js';
import { isUsableText, planOcr, type OcrMode } from '../ocr-plan.js';
import { buildLines } from './lines.js';
import { withPdf, type PdfFile, type PdfWarning } from './pdfjs.js';
import { buildRulings } from './rulings.js';
import { finding } from '../../findings/catalogue.js';
import { imageLimitFinding } from './render-cap.js';

export interface IngestPdfOptions {
  signal?: AbortSignal;
  /** Images above this many pixels are not decoded (limits.ts); a finding names the page. */
  maxImagePixels?: number;
  /** Which pages to OCR, and the reader that OCRs them from the open PDF; absent = text layer only. */
  ocr?: { mode: OcrMode; read(pdf: PageImages, pages: number[]): Promise<PageIR[]> };
}

export interface IngestPdfResult {
  doc: DocumentIR;
  findings: Finding[];
  /** 1-based pages whose text layer is empty or garbage. */
  pagesWithoutText: number[];
  /** 1-based pages whose text came from OCR. */
  ocrPages: number[];
}

/**
 * A PDF → DocumentIR, opened once: every page's text layer and rulings are read, the one OCR
 * decision is taken (ocr-plan.ts), and the pages it picks are OCR'd from the same open document
 * and take the place of their native reading.
 */
export async function ingestPdf(bytes: Uint8Array, opts: IngestPdfOptions = {}): Promise<IngestPdfResult> {
  if (bytes.length === 0) throw new ExtractionError('InputUnreadable', 'empty file (0 bytes)');
  if (!looksLikePdf(bytes)) throw new ExtractionError('InputUnreadable', 'not a PDF (no %PDF- header)');
  checkAborted(opts.signal);
  let outcome: { result: { native: NativePages; ocrPages: number[]; ocred: PageIR[] }; warnings: PdfWarning[] };
  try {
    outcome = await withPdf(
      bytes,
      async (pdf) => {
        const native = await readNativePages(pdf, opts.signal);
        const ocrPages = opts.ocr ? planOcr(opts.ocr.mode, native.usable).ocrPages : [];
        const ocred = ocrPages.length ? await opts.ocr!.read(pdf, ocrPages) : [];
        return { native, ocrPages, ocred };
      },
      opts.maxImagePixels ? { maxImagePixels: opts.maxImagePixels } : {},
    );
  } catch (err) {
    throw mapPdfjsError(err);
  }
  const { native, ocrPages, ocred } = outcome.result;
  const pagesWithoutText = native.usable.flatMap((u, i) => (u ? [] : [i + 1]));
  const findings: Finding[] = outcome.warnings.map(
    (w) => imageLimitFinding(w, opts.maxImagePixels) ?? warningFinding(w),
  );
  if (pagesWithoutText.length > 0) {
    findings.push(
      finding(
        'ingest.no-text-layer',
        { pages: pagesWithoutText },
        pagesWithoutText.length === 1 ? { page: pagesWithoutText[0]! } : {},
      ),
    );
  }
  const byPage = new Map(ocred.map((p, i) => [ocrPages[i]!, p] as const));
  let index = 0;
  const pages = native.pages.map((p) => {
    const page = byPage.get(p.page!) ?? p;
    return { ...page, lines: page.lines.map((l) => ({ ...l, index: index++ })) };
  });
  const textPages = pages.length - pagesWithoutText.length;
  const textLayer = ocrPages.length
    ? ocrPages.length === pages.length
      ? 'ocr'
      : 'mixed'
    : // 'mixed' for a partly scanned file read without OCR
      pagesWithoutText.length === 0
      ? 'native'
      : textPages === 0
        ? 'none'
        : 'mixed';
  return { doc: { format: 'pdf', pageCount: pages.length, textLayer, pages }, findings, pagesWithoutText, ocrPages };
}

export interface NativePages {
  pages: PageIR[];
  /** Per page (index 0 = page 1): does it carry a usable text layer? */
  usable: boolean[];
}

export async function readNativePages(pdf: PdfFile, signal?: AbortSignal): Promise<NativePages> {
  const pages: PageIR[] = [];
  const usable: boolean[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    checkAborted(signal);
    const content = await pdf.readPage(n);
    const rulings = buildRulings(content.segments, content.filledRects);
    const lines = buildLines(content.glyphs, rulings, n);
    usable.push(isUsableText(content.glyphs.map((g) => g.str)));
    pages.push({ page: n, width: round(content.width), height: round(content.height), lines, rulings });
  }
  return { pages, usable };
}

/** A PDF header may follow some junk bytes (readers accept up to 1024); we look that far. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  if (signal.reason instanceof ExtractionError) throw signal.reason;
  throw new ExtractionError('Timeout', `aborted: ${describe(signal.reason)}`, { cause: signal.reason });
}

function describe(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason ?? 'signal aborted');
}

/** pdfjs exceptions by name (they cross pdfjs' worker boundary as named errors, see wrapReason). */
export function mapPdfjsError(err: unknown): ExtractionError {
  if (err instanceof ExtractionError) return err;
  const name = err && typeof err === 'object' && 'name' in err ? String((err as { name: unknown }).name) : '';
  const message = err instanceof Error ? err.message : String(err);
  switch (name) {
    case 'PasswordException':
      return new ExtractionError('Encrypted', `password-protected PDF: ${message}`, { cause: err });
    case 'InvalidPDFException':
    case 'MissingPDFException':
    case 'FormatError':
      return new ExtractionError('InputUnreadable', `unreadable PDF: ${message}`, { cause: err });
    case 'AbortException':
      return new ExtractionError('Timeout', `aborted: ${message}`, { cause: err });
    case 'UnknownErrorException':
    case 'ResponseException':
      // pdfjs' worker wraps parser failures on broken structure (bad xref, streams) this way.
      return new ExtractionError('InputUnreadable', `unreadable PDF: ${message}`, { cause: err });
    default:
      // Anything else (TypeError, …) is our bug, not the file's fault.
      return new ExtractionError('Internal', message, { cause: err });
  }
}

export function warningFinding(w: PdfWarning): Finding {
  return finding(
    'ingest.pdfjs-warning',
    { message: w.message, count: w.count },
    w.page !== null ? { page: w.page } : {},
  );
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
