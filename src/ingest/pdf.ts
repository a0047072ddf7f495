/**
 * PDF ingest: bytes → DocumentIR with positioned lines, cell runs and rulings per page, plus the
 * ingest findings (pdfjs warnings, pages without a text layer). Errors are ExtractionErrors with a
 * kind from the closed taxonomy; pdfjs exceptions are mapped by name, never by message text.
 */
import { ExtractionError } from '../errors.js';
import type { DocumentIR, PageIR } from '../ir/types.js';
import type { Finding } from '../schema/finding.js';
import { buildLines } from './lines.js';
import { withPdf, type PdfWarning } from './pdfjs.js';
import { buildRulings } from './rulings.js';
import { hasUsableText } from './text-layer.js';

export interface IngestPdfResult {
  doc: DocumentIR;
  findings: Finding[];
  /** 1-based pages whose text layer is empty or garbage: the OCR stage's work list. */
  pagesWithoutText: number[];
}

export async function ingestPdf(bytes: Uint8Array, opts: { signal?: AbortSignal } = {}): Promise<IngestPdfResult> {
  if (bytes.length === 0) throw new ExtractionError('InputUnreadable', 'empty file (0 bytes)');
  if (!looksLikePdf(bytes)) throw new ExtractionError('InputUnreadable', 'not a PDF (no %PDF- header)');
  checkAborted(opts.signal);

  let outcome: { result: { pages: PageIR[]; pagesWithoutText: number[] }; warnings: PdfWarning[] };
  try {
    outcome = await withPdf(bytes, async (pdf) => {
      const pages: PageIR[] = [];
      const pagesWithoutText: number[] = [];
      let index = 0;
      for (let n = 1; n <= pdf.numPages; n++) {
        checkAborted(opts.signal);
        const content = await pdf.readPage(n);
        const rulings = buildRulings(content.segments, content.filledRects);
        const lines = buildLines(content.items, rulings, n);
        for (const line of lines) line.index = index++;
        if (!hasUsableText(content.items.map((i) => i.str).join(''))) pagesWithoutText.push(n);
        pages.push({ page: n, width: round(content.width), height: round(content.height), lines, rulings });
      }
      return { pages, pagesWithoutText };
    });
  } catch (err) {
    throw mapPdfjsError(err);
  }

  const { pages, pagesWithoutText } = outcome.result;
  const findings: Finding[] = outcome.warnings.map(warningFinding);
  if (pagesWithoutText.length > 0) {
    findings.push({
      level: 'warn',
      stage: 'ingest',
      check: 'ingest.no-text-layer',
      ...(pagesWithoutText.length === 1 ? { page: pagesWithoutText[0] } : {}),
      message: `no text layer on pages ${pagesWithoutText.join(', ')}, OCR needed`,
    });
  }
  const textPages = pages.length - pagesWithoutText.length;
  const doc: DocumentIR = {
    format: 'pdf',
    pageCount: pages.length,
    // 'mixed' for a partly scanned file until OCR fills the gaps; the OCR stage rewrites this.
    textLayer: pagesWithoutText.length === 0 ? 'native' : textPages === 0 ? 'none' : 'mixed',
    pages,
  };
  return { doc, findings, pagesWithoutText };
}

/** A PDF header may follow some junk bytes (readers accept up to 1024); we look that far. */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

function checkAborted(signal: AbortSignal | undefined): void {
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

function warningFinding(w: PdfWarning): Finding {
  return {
    level: 'warn',
    stage: 'ingest',
    check: 'ingest.pdfjs-warning',
    ...(w.page !== null ? { page: w.page } : {}),
    message: w.count > 1 ? `pdfjs: ${w.message} (×${w.count})` : `pdfjs: ${w.message}`,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
