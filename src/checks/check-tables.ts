/**
 * The check stage over the extracted tables: OCR'd numbers repaired where exactly one reading
 * explains the identities and every remaining doubt flagged (before the identity checks, so their
 * findings describe the repaired cells), every identity evaluated, negative amounts found, and each
 * cell's confidence adjusted by the identities it takes part in.
 */
import type { Finding } from '../schema/finding.js';
import type { Table } from '../schema/record.js';
import type { ExtractedTables } from '../tables/extract-tables.js';
import { confidenceFromIdentities } from '../identity-confidence.js';
import { flagOcrDoubts } from './ocr-flags.js';
import { repairOcrCells } from './repair.js';
import { negativeAmounts, runIdentityChecks } from './run-checks.js';

export function checkTables(extracted: ExtractedTables): { tables: Table[]; findings: Finding[] } {
  const findings: Finding[] = [...extracted.findings];
  findings.push(...repairOcrCells(extracted));
  findings.push(...flagOcrDoubts(extracted));
  findings.push(...runIdentityChecks(extracted.store, extracted.identities));
  findings.push(...negativeAmounts(extracted.tables));
  // Evidence from the identities adjusts each cell's confidence (README "Confidence").
  const adjusted = confidenceFromIdentities({ ...extracted, findings });
  return { tables: adjusted.tables, findings: [...findings, ...adjusted.findings] };
}
