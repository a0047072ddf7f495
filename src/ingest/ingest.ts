/**
 * The ingest stage: input bytes → DocumentIR. Plain text and PDFs take their own paths (text/,
 * pdf/); a PDF's pages without a usable text layer (or all of them, `--ocr always`) are read by OCR
 * (ocr/) from the same open document. The OCR pool is made once per thread, of the size the
 * caller asks for.
 */
import { ExtractionError } from '../errors.js';
import type { DocumentIR } from '../ir/types.js';
import type { Finding } from '../schema/finding.js';
import type { OcrMode } from './ocr-plan.js';
import { ingestPdf } from './pdf/pdf.js';
import { decodeText, textToIR } from './text/text.js';
import { finding } from '../findings/catalogue.js';
import { inputFormat, sizeRefusal, withDefaults, type IngestLimits } from './limits.js';

export interface IngestOptions {
  ocr: OcrMode;
  /** Size limits (limits.ts); defaults for those not given. */
  limits?: Partial<IngestLimits>;
  /** Tesseract workers for this thread's OCR pool (made on first need, kept for later documents). */
  ocrWorkers?: number;
  signal?: AbortSignal;
}

export interface Ingested {
  ir: DocumentIR;
  format: 'pdf' | 'text';
  findings: Finding[];
}

export async function ingest(input: { path: string; bytes: Uint8Array }, opts: IngestOptions): Promise<Ingested> {
  const limits = withDefaults(opts.limits);
  const format = inputFormat(input.path, input.bytes);
  const refused = sizeRefusal(format, input.bytes.length, limits);
  if (refused) throw refused;
  if (format === 'text') {
    return { ir: textToIR(decodeText(input.bytes)), format: 'text', findings: [] };
  }
  const signal = opts.signal ? { signal: opts.signal } : {};
  const capped: Finding[] = [];
  const pdf = await ingestPdf(input.bytes, {
    ...signal,
    maxImagePixels: limits.maxImagePixels,
    ocr: {
      mode: opts.ocr,
      read: async (doc, pages) => {
        const { ocrPages } = await import('./ocr/ocr-pdf.js');
        const { getOcrPool } = await import('./ocr/ocr-service.js');
        const onFinding = (f: Finding) => capped.push(f);
        return ocrPages(doc, pages, await getOcrPool(opts.ocrWorkers), {
          ...signal,
          maxPageArea: limits.maxPageArea,
          onFinding,
        });
      },
    },
  });
  const findings = [...pdf.findings, ...capped];
  const cut = limitedAway(pdf.doc, findings);
  if (cut) throw cut;
  if (pdf.ocrPages.length) {
    // No timing here: the record and its log must be the same on every run (timings go to the bench).
    findings.push(finding('ocr.pages', { pages: pdf.ocrPages }));
  } else if (pdf.pagesWithoutText.length === pdf.doc.pages.length) {
    const n = pdf.doc.pages.length;
    throw new ExtractionError('NoTextLayer', `no text layer on any of the ${n} pages and OCR is off (--ocr never)`);
  }
  return { ir: pdf.doc, format: 'pdf', findings };
}

/** Findings of content left out by a size limit (render-cap.ts). */
const LIMIT_CHECKS = new Set(['ocr.page-skipped', 'ingest.image-skipped']);

/**
 * A document of which nothing was read, when a size limit left content out (a page too large to
 * render, an image too large to decode), failed the limit rather than the layout: `TooLarge`.
 */
function limitedAway(doc: DocumentIR, findings: readonly Finding[]): ExtractionError | undefined {
  const limited = findings.filter((f) => LIMIT_CHECKS.has(f.check));
  if (limited.length === 0 || doc.pages.some((p) => p.lines.length > 0)) return undefined;
  const more = limited.length > 1 ? ` (and ${limited.length - 1} more)` : '';
  return new ExtractionError('TooLarge', `nothing readable within the limits: ${limited[0]!.message}${more}`);
}
