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
import { repairOcrCells } from './checks/repair.js';
import { flagOcrDoubts } from './checks/ocr-flags.js';
import { summarizeConfidence } from './confidence.js';
import { confidenceFromIdentities } from './identity-confidence.js';
import { TABLE_IDS, type Fact } from './schema/record.js';
import type { Line } from './ir/types.js';
import type { PartSpan } from './segment/parts.js';
import { extractFacts } from './narrative/facts.js';
import { extractStaffFacts } from './narrative/staff.js';
import { runNarrativeRules } from './checks/narrative.js';
import { makeContext } from './checks/rule.js';

export const UNKNOWN_DEPARTMENT = '（未识别）';

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
  // Tables live in 第二部分; when its heading is missing (Shanghai's body has none), look between the
  // first body heading and 第三部分, so the 目录's list of table titles is never taken for tables.
  const part3 = parts.find((p) => p.part === 3);
  const bodyStart = parts[0]?.from ?? 0;
  const tableLines = part2 ? lines.slice(part2.from, part2.to) : lines.slice(bodyStart, part3?.from ?? lines.length);
  const regions = findTableRegions(tableLines);
  const rulings = new Map(normalized.doc.pages.map((p) => [p.page, p.rulings] as const));
  const extracted = extractTables(regions, meta.unit, (page) => rulings.get(page) ?? []);
  findings.push(...extracted.findings);
  // OCR'd numbers: repair what exactly one reading explains, then flag every remaining doubt —
  // before the checks, so their findings describe the repaired cells.
  findings.push(...repairOcrCells(extracted));
  findings.push(...flagOcrDoubts(extracted));
  findings.push(...runIdentityChecks(extracted.store, extracted.identities));
  findings.push(...negativeAmounts(extracted.tables));
  // Evidence from the identities adjusts each cell's confidence (README "Confidence").
  const adjusted = confidenceFromIdentities({ ...extracted, findings });
  findings.push(...adjusted.findings);
  const present = new Set(extracted.tables.map((t) => t.id));
  const missing = TABLE_IDS.filter((id) => !present.has(id));
  if (missing.length) {
    findings.push({
      level: present.size === 0 ? 'error' : 'warn',
      stage: 'segment',
      check: 'segment.table-missing',
      message:
        present.size === 0
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
    // The contract needs a department name: an unreadable one is marked as such, logged, and makes
    // the document partial, rather than being guessed from the file name.
    document: { department: meta.department || UNKNOWN_DEPARTMENT, year: meta.year, unit: meta.unit },
    parts: parts.map(({ part, title, pageStart, pageEnd, text }) => ({ part, title, pageStart, pageEnd, text })),
    confidence: { document: 1, tables: {} },
    facts: [],
    tables: adjusted.tables,
  };
  record.facts = narrativeFacts(parts, lines, meta.unit);
  findings.push(...runNarrativeRules(makeContext(record)));
  record.confidence = summarizeConfidence(record, findings);
  if (!meta.department) {
    findings.push({
      level: 'warn',
      stage: 'segment',
      check: 'segment.department-missing',
      message: `department name not found (no 部门：line, cover line or 第一部分 title); recorded as ${UNKNOWN_DEPARTMENT}`,
    });
  }
  const partial =
    missing.length > 0 ||
    findings.some((f) => f.level === 'error' && f.stage !== 'check') ||
    !meta.department ||
    meta.year === null;
  const reason =
    present.size === 0
      ? 'no tables extracted'
      : missing.length
        ? `公开${missing.join('/')}表 missing`
        : !meta.department
          ? 'department not found'
          : meta.year === null
            ? 'fiscal year not found'
            : partial
              ? 'extraction errors (see log)'
              : undefined;
  return {
    status: partial ? 'partial' : 'ok',
    ...(reason && partial ? { reason } : {}),
    record,
    findings,
    pages: ir.pageCount,
  };
}

/** Facts stated in 第一部分 (staff) and 第三部分 (figures), each with the page it was read on. */
function narrativeFacts(parts: PartSpan[], lines: Line[], unit: string): Fact[] {
  const pageOf = (part: PartSpan) => {
    const starts: { at: number; page: number | null }[] = [];
    let at = 0;
    for (const l of lines.slice(part.from, part.to)) {
      starts.push({ at, page: l.page });
      at += l.text.length + 1;
    }
    return (offset: number): number | null => {
      let page: number | null = null;
      for (const s of starts) {
        if (s.at > offset) break;
        page = s.page;
      }
      return page;
    };
  };
  const p1 = parts.find((p) => p.part === 1);
  const p3 = parts.find((p) => p.part === 3);
  return [
    ...(p1 ? extractStaffFacts(p1.text, { pageOf: pageOf(p1) }) : []),
    ...(p3 ? extractFacts(p3.text, { unit, pageOf: pageOf(p3) }) : []),
  ];
}

async function ingest(
  input: DocumentInput,
  opts: ExtractOptions,
  findings: Finding[],
): Promise<{ ir: DocumentIR; format: 'pdf' | 'text' }> {
  const head = new TextDecoder('latin1').decode(input.bytes.subarray(0, 1024));
  if (!head.includes('%PDF-') && !/\.pdf$/i.test(input.path))
    return { ir: textToIR(decodeText(input.bytes)), format: 'text' };
  const { ingestPdf } = await import('./ingest/pdf.js');
  const pdf = await ingestPdf(input.bytes, opts.signal ? { signal: opts.signal } : {});
  findings.push(...pdf.findings);
  const all = pdf.doc.pages.map((p) => p.page!);
  const toOcr = opts.ocr === 'always' ? all : opts.ocr === 'auto' ? pdf.pagesWithoutText : [];
  if (toOcr.length === 0) {
    if (pdf.pagesWithoutText.length === all.length) {
      throw new ExtractionError(
        'NoTextLayer',
        `no text layer on any of the ${all.length} pages and OCR is off (--ocr never)`,
      );
    }
    return { ir: pdf.doc, format: 'pdf' };
  }
  const { ocrPages } = await import('./ingest/ocr-pdf.js');
  const { getOcrPool } = await import('./ingest/ocr-service.js');
  const ocred = await ocrPages(input.bytes, toOcr, await getOcrPool(), opts.signal ? { signal: opts.signal } : {});
  // No timing here: the record and its log must be the same on every run (timings go to the bench).
  findings.push({ level: 'info', stage: 'ocr', check: 'ocr.pages', message: `OCR'd pages ${toOcr.join(', ')}` });
  const byPage = new Map(ocred.map((p, i) => [toOcr[i]!, p] as const));
  const pages = pdf.doc.pages.map((p) => byPage.get(p.page!) ?? p);
  let index = 0;
  const renumbered = pages.map((p) => ({ ...p, lines: p.lines.map((l) => ({ ...l, index: index++ })) }));
  const textLayer = toOcr.length === all.length ? 'ocr' : 'mixed';
  return { ir: { ...pdf.doc, pages: renumbered, textLayer }, format: 'pdf' };
}
