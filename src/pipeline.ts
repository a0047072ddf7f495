/**
 * The one-document pipeline, one way: input bytes → ingest → normalize → segment → tables → checks
 * → record + findings. Each stage is a function of the previous stage's value; findings accumulate
 * alongside. Batch work (CLI, concurrency, manifest) wraps `extractDocument` and never reaches
 * inside it.
 */
import { createHash } from 'node:crypto';
import type { DocumentRecord } from './schema/record.js';
import type { Finding } from './schema/finding.js';
import { ExtractionError, toExtractionError, type ErrorKind } from './errors.js';
import { ingest, type Ingested } from './ingest/ingest.js';
import { normalizeIR } from './normalize/normalize-ir.js';
import { segmentDocument } from './segment/segment.js';
import { extractTables } from './tables/extract-tables.js';
import { checkTables } from './checks/check-tables.js';
import { narrativeFacts } from './narrative/page-facts.js';
import { runNarrativeRules } from './checks/narrative.js';
import { runAuditRules } from './checks/audit.js';
import { docViewFromSegment } from './checks/doc-view.js';
import { makeContext } from './checks/rule.js';
import { summarizeConfidence } from './confidence.js';
import { documentStatus, missingTablesFindings, UNKNOWN_DEPARTMENT } from './record/status.js';
import { finding } from './findings/catalogue.js';
import { attachBoxes } from './findings/boxes.js';
import type { IngestLimits } from './ingest/limits.js';

export interface ExtractOptions {
  /** When to OCR a page: only pages without a usable text layer (auto), every page, or never. */
  ocr: 'auto' | 'always' | 'never';
  /** Fold Kangxi radicals and CJK radical-supplement glyphs (on by default). */
  foldGlyphs: boolean;
  /** Tesseract workers of this thread's OCR pool (default: every core in a lone process, 1 in a worker). */
  ocrWorkers?: number;
  /** Size limits of one input (src/ingest/limits.ts); defaults for those not given. */
  limits?: Partial<IngestLimits>;
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

export { UNKNOWN_DEPARTMENT };

export async function extractDocument(
  input: DocumentInput,
  options: Partial<ExtractOptions> = {},
): Promise<DocumentResult> {
  try {
    return await run(input, { ...DEFAULT_OPTIONS, ...options });
  } catch (err) {
    return failed(toExtractionError(err));
  }
}

async function run(input: DocumentInput, opts: ExtractOptions): Promise<DocumentResult> {
  const ingested = await ingest(input, {
    ocr: opts.ocr,
    ...(opts.ocrWorkers !== undefined ? { ocrWorkers: opts.ocrWorkers } : {}),
    ...(opts.limits ? { limits: opts.limits } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return fromIngested(input, ingested, opts);
}

/**
 * Everything after ingest, on an ingested document (the tests plant problems in a real PDF's lines
 * here, without re-typesetting it).
 */
export function fromIngested(
  input: DocumentInput,
  ingested: Ingested,
  opts: Pick<ExtractOptions, 'foldGlyphs'> = DEFAULT_OPTIONS,
): DocumentResult {
  const findings: Finding[] = [];
  findings.push(...ingested.findings);
  const normalized = normalizeIR(ingested.ir, { foldGlyphs: opts.foldGlyphs });
  findings.push(...normalized.findings);
  const seg = segmentDocument(normalized.doc);
  findings.push(...seg.findings);
  const checked = checkTables(extractTables(seg.regions, seg.meta.unit, seg.template));
  findings.push(...checked.findings);
  const present = new Set(checked.tables.map((t) => t.id));
  findings.push(...missingTablesFindings(seg.template, present, seg.hasTablePart));
  if (seg.parts.length === 0 && present.size === 0) {
    // The ingest findings (pages scaled down or skipped, pdfjs warnings) stay in the log: they may say why.
    const e = new ExtractionError(
      'LayoutUnknown',
      'not a 部门决算 report: no 第一…第五部分 headings and no 公开表 titles',
    );
    return failed(e, ingested.findings);
  }
  const { ir } = ingested;
  const { meta } = seg;
  const record: DocumentRecord = {
    schemaVersion: 1,
    source: {
      path: input.path,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      format: ingested.format,
      pages: ir.pageCount,
      textLayer: ir.textLayer,
    },
    // The contract needs a department name: an unreadable one is marked as such, logged, and makes
    // the document partial, rather than being guessed from the file name.
    document: { department: meta.department || UNKNOWN_DEPARTMENT, year: meta.year, unit: meta.unit },
    template: seg.template.name,
    parts: seg.parts.map(({ part, title, pageStart, pageEnd, text }) => ({ part, title, pageStart, pageEnd, text })),
    confidence: { document: 1, tables: {} },
    facts: narrativeFacts(seg.parts, seg.lines, meta.unit),
    tables: checked.tables,
  };
  const ctx = makeContext(record, docViewFromSegment(seg));
  findings.push(...runNarrativeRules(ctx), ...runAuditRules(ctx));
  record.confidence = summarizeConfidence(record, findings);
  if (!meta.department) {
    findings.push(finding('segment.department-missing', { recorded: UNKNOWN_DEPARTMENT }));
  }
  const status = documentStatus({
    template: seg.template,
    present,
    findings,
    department: meta.department,
    year: meta.year,
  });
  // Findings about a cell carry its box (output contract, "Provenance").
  return { ...status, record, findings: attachBoxes(record.tables, findings), pages: ir.pageCount };
}

/** A failed result; `earlier` findings (those gathered before the failure) come first in its log. */
export function failed(e: ExtractionError, earlier: readonly Finding[] = []): DocumentResult {
  return {
    status: 'failed',
    reason: `${e.kind}: ${e.message}`,
    errorKind: e.kind,
    record: null,
    findings: [...earlier, { level: 'error', stage: 'ingest', check: `input.${e.kind}`, message: e.message }],
    pages: null,
  };
}
