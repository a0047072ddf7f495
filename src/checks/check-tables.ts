/**
 * The check stage over the extracted tables: OCR'd numbers repaired where exactly one reading
 * explains the identities and every remaining doubt flagged (before the identity checks, so their
 * findings describe the repaired cells), every identity evaluated, negative amounts found, cells
 * empty against their column's pattern and every row of a failing identity named (nothing wrong or
 * missing stays silent), and each cell's confidence adjusted by the identities it takes part in.
 */
import type { Finding } from '../schema/finding.js';
import type { Table } from '../schema/record.js';
import type { ExtractedTables } from '../tables/extract-tables.js';
import { confidenceFromIdentities } from '../identity-confidence.js';
import { flagOcrDoubts } from './ocr-flags.js';
import { repairOcrCells } from './repair.js';
import { negativeAmounts, runIdentityChecks } from './run-checks.js';
import { missingPrintedCells } from './printed-pattern.js';
import { flagSuspectRows } from './suspect-rows.js';

export function checkTables(extracted: ExtractedTables): { tables: Table[]; findings: Finding[] } {
  const findings: Finding[] = [...extracted.findings];
  findings.push(...repairOcrCells(extracted));
  findings.push(...flagOcrDoubts(extracted));
  findings.push(...runIdentityChecks(extracted.store, extracted.identities));
  findings.push(...negativeAmounts(extracted.tables));
  const ocrTables = new Set(
    [...extracted.evidence].filter(([, e]) => e.origin === 'ocr').map(([k]) => k.split('|')[0]!),
  );
  findings.push(...missingPrintedCells(extracted.tables, ocrTables));
  findings.push(...flagSuspectRows(extracted.store, extracted.identities, findings));
  // Evidence from the identities adjusts each cell's confidence (README "Confidence").
  const adjusted = confidenceFromIdentities({ ...extracted, findings });
  return { tables: adjusted.tables, findings: [...findings, ...adjusted.findings] };
}
