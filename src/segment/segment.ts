/**
 * The segment stage: page furniture dropped, 第一…第五部分 found in the body (not the 目录), the
 * department, year and unit read from the report, and the region of each 公开表 cut out.
 */
import type { DocumentIR, Line } from '../ir/types.js';
import type { Finding } from '../schema/finding.js';
import { dropFurniture } from './furniture.js';
import { readMeta, type DocumentMeta } from './meta.js';
import { findParts, type PartSpan } from './parts.js';
import { findTableRegions, type TableRegion } from './tables.js';
import { detectTemplate } from './template.js';
import type { Template } from '../../parsers/template.js';
import { finding } from '../findings/catalogue.js';

export interface Segmented {
  /** Every line of the document in order, furniture dropped; parts index into it. */
  lines: Line[];
  parts: PartSpan[];
  meta: DocumentMeta;
  regions: TableRegion[];
  /** Whether the body has a 第二部分 heading (its absence explains a report without tables). */
  hasTablePart: boolean;
  /** The template the report follows (which tables it prints, how its rows are keyed). */
  template: Template;
  findings: Finding[];
}

export function segmentDocument(doc: DocumentIR): Segmented {
  const lines = doc.pages.flatMap((p) => dropFurniture(p));
  const { parts, findings } = findParts(lines);
  const meta = readMeta(lines, parts);
  const part2 = parts.find((p) => p.part === 2);
  // Tables live in 第二部分; when its heading is missing (Shanghai's body has none), look between the
  // first body heading and 第三部分, so the 目录's list of table titles is never taken for tables.
  const part3 = parts.find((p) => p.part === 3);
  const bodyStart = parts[0]?.from ?? 0;
  const tableLines = part2 ? lines.slice(part2.from, part2.to) : lines.slice(bodyStart, part3?.from ?? lines.length);
  const regions = findTableRegions(tableLines);
  for (const r of regions.filter((x) => x.byLabel)) {
    findings.push(
      finding(
        'segment.title-unread',
        { table: r.spec.id, label: r.title, title: r.spec.title },
        { table: r.spec.id, ...(r.pages[0] !== undefined ? { page: r.pages[0] } : {}) },
      ),
    );
  }
  const template = detectTemplate(regions);
  return { lines, parts, meta, regions, hasTablePart: part2 !== undefined, template, findings };
}
