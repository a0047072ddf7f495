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

export interface IngestOptions {
  ocr: OcrMode;
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
  const head = new TextDecoder('latin1').decode(input.bytes.subarray(0, 1024));
  if (!head.includes('%PDF-') && !/\.pdf$/i.test(input.path)) {
    return { ir: textToIR(decodeText(input.bytes)), format: 'text', findings: [] };
  }
  const signal = opts.signal ? { signal: opts.signal } : {};
  const pdf = await ingestPdf(input.bytes, {
    ...signal,
    ocr: {
      mode: opts.ocr,
      read: async (doc, pages) => {
        const { ocrPages } = await import('./ocr/ocr-pdf.js');
        const { getOcrPool } = await import('./ocr/ocr-service.js');
        return ocrPages(doc, pages, await getOcrPool(opts.ocrWorkers), signal);
      },
    },
  });
  const findings = [...pdf.findings];
  if (pdf.ocrPages.length) {
    // No timing here: the record and its log must be the same on every run (timings go to the bench).
    findings.push(finding('ocr.pages', { pages: pdf.ocrPages }));
  } else if (pdf.pagesWithoutText.length === pdf.doc.pages.length) {
    const n = pdf.doc.pages.length;
    throw new ExtractionError('NoTextLayer', `no text layer on any of the ${n} pages and OCR is off (--ocr never)`);
  }
  return { ir: pdf.doc, format: 'pdf', findings };
}
