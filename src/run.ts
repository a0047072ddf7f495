import { createHash } from 'node:crypto';
import type { DocumentInput, DocumentResult, ExtractOptions } from './pipeline.js';
import type { DocumentIR } from './ir/types.js';
import type { DocumentRecord } from './schema/record.js';
import type { Finding } from './schema/finding.js';
import { ExtractionError } from './errors.js';
import { decodeText, textToIR } from './ingest/text.js';
import { normalizeIR } from './normalize/normalize-ir.js';
import { dropFurniture } from './segment/furniture.js';
import { findParts } from './segment/parts.js';
import { readMeta } from './segment/meta.js';
import { findTableRegions } from './segment/tables.js';
import { extractTables } from './tables/extract-tables.js';
import { runIdentityChecks, negativeAmounts } from './checks/run-checks.js';
import { summarizeConfidence } from './confidence.js';
import { TABLE_IDS } from './schema/record.js';

/**
 * ingest → normalize → segment → tables → checks → record. Each stage is a function of the previous
 * stage's value; findings accumulate alongside.
 */
export async function runPipeline(input: DocumentInput, opts: ExtractOptions): Promise<DocumentResult> {
  const findings: Finding[] = [];
  const { ir, format } = await ingest(input, opts, findings);
  const normalized = normalizeIR(ir, { foldGlyphs: opts.foldGlyphs });
  findings.push(...normalized.findings);
  const lines = normalized.doc.pages.flatMap((p) => dropFurniture(p));

  const { parts, findings: partFindings } = findParts(lines);
  findings.push(...partFindings);
  const meta = readMeta(lines, parts);
  const part2 = parts.find((p) => p.part === 2);
  // Tables live in 第二部分; when its heading is missing, look after the 目录 (before 第三部分).
  const part3 = parts.find((p) => p.part === 3);
  const tableLines = part2 ? lines.slice(part2.from, part2.to) : lines.slice(0, part3?.from ?? lines.length);
  const regions = findTableRegions(tableLines);
  const extracted = extractTables(regions, meta.unit);
  findings.push(...extracted.findings);
  findings.push(...runIdentityChecks(extracted.store, extracted.identities));
  findings.push(...negativeAmounts(extracted.tables));
  const present = new Set(extracted.tables.map((t) => t.id));
  const missing = TABLE_IDS.filter((id) => !present.has(id));
  if (missing.length) {
    findings.push({
      level: present.size === 0 ? 'error' : 'warn', stage: 'segment', check: 'segment.table-missing',
      message: present.size === 0
        ? `no 公开表 found: ${part2 ? '第二部分 has no table text (tables may be images; OCR needed)' : 'no 第二部分 in the body and no table titles'}`
        : `公开${missing.join('/')}表 not found in the report`,
    });
  }
  if (parts.length === 0 && present.size === 0) {
    throw new ExtractionError('LayoutUnknown', 'not a 部门决算 report: no 第一…第五部分 headings and no 公开表 titles');
  }
  const record: DocumentRecord = {
    schemaVersion: 1,
    source: {
      path: input.path,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      format,
      pages: ir.pageCount,
      textLayer: ir.textLayer,
    },
    document: { department: meta.department, year: meta.year, unit: meta.unit },
    parts: parts.map(({ part, title, pageStart, pageEnd, text }) => ({ part, title, pageStart, pageEnd, text })),
    confidence: { document: 1, tables: {} },
    facts: [],
    tables: extracted.tables,
  };
  record.confidence = summarizeConfidence(record, findings);
  const partial = missing.length > 0 || findings.some((f) => f.level === 'error' && f.stage !== 'check') ||
    !meta.department || meta.year === null;
  const reason = present.size === 0 ? 'no tables extracted' : missing.length ? `公开${missing.join('/')}表 missing`
    : !meta.department ? 'department not found' : meta.year === null ? 'fiscal year not found'
    : partial ? 'extraction errors (see log)' : undefined;
  return {
    status: partial ? 'partial' : 'ok', ...(reason && partial ? { reason } : {}), record, findings, pages: ir.pageCount,
  };
}

async function ingest(input: DocumentInput, _opts: ExtractOptions, findings: Finding[]): Promise<{ ir: DocumentIR; format: 'pdf' | 'text' }> {
  const head = new TextDecoder('latin1').decode(input.bytes.subarray(0, 1024));
  if (head.includes('%PDF-') || /\.pdf$/i.test(input.path)) {
    throw new ExtractionError('InputUnreadable', 'PDF input is not supported yet');
  }
  void findings;
  return { ir: textToIR(decodeText(input.bytes)), format: 'text' };
}
