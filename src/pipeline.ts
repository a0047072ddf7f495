import type { DocumentRecord } from './schema/record.js';
import type { Finding } from './schema/finding.js';
import { toExtractionError, type ExtractionError, type ErrorKind } from './errors.js';

/**
 * The one-document pipeline: input bytes → ingest → normalize → segment → tables → checks →
 * record + findings. Batch work (CLI, concurrency, manifest) wraps `extractDocument` and never
 * reaches inside it.
 */
export interface ExtractOptions {
  /** When to OCR a page: only pages without a usable text layer (auto), every page, or never. */
  ocr: 'auto' | 'always' | 'never';
  /** Fold Kangxi radicals and CJK radical-supplement glyphs (on by default). */
  foldGlyphs: boolean;
  signal?: AbortSignal;
}

export const DEFAULT_OPTIONS: ExtractOptions = { ocr: 'auto', foldGlyphs: true };

export type DocumentStatus = 'ok' | 'partial' | 'failed';

export interface DocumentResult {
  status: DocumentStatus;
  /** One line saying why, when status is not ok. */
  reason?: string;
  errorKind?: ErrorKind;
  /** null when the document failed before any record could be built. */
  record: DocumentRecord | null;
  findings: Finding[];
  /** Pages processed (null for text input), for throughput figures. */
  pages: number | null;
}

export interface DocumentInput {
  /** As given on the command line; copied into `source.path`. */
  path: string;
  bytes: Uint8Array;
}

export async function extractDocument(
  input: DocumentInput,
  options: Partial<ExtractOptions> = {},
): Promise<DocumentResult> {
  const opts = { ...DEFAULT_OPTIONS, ...options };
  try {
    const { runPipeline } = await import('./run.js');
    return await runPipeline(input, opts);
  } catch (err) {
    const e = toExtractionError(err);
    return failed(e);
  }
}

export function failed(e: ExtractionError): DocumentResult {
  return {
    status: 'failed',
    reason: `${e.kind}: ${e.message}`,
    errorKind: e.kind,
    record: null,
    findings: [{ level: 'error', stage: 'ingest', check: `input.${e.kind}`, message: e.message }],
    pages: null,
  };
}
