/**
 * The check stage over the cell grid: OCR'd numbers repaired where exactly one reading explains the
 * identities and every remaining doubt flagged (before the identity checks, so their findings
 * describe the repaired cells), every identity evaluated, negative amounts found, cells empty
 * against their column's pattern, rows the table lost and every row of a failing identity named
 * (nothing wrong or missing stays silent), and each cell's confidence adjusted by the identities it
 * takes part in.
 * Each step returns edits to the grid and findings; the grid is changed here only.
 */
import type { Finding } from '../schema/finding.js';
import type { Table } from '../schema/record.js';
import type { ExtractedTables } from '../tables/extract-tables.js';
import { toTables } from '../cells/to-tables.js';
import { confidenceFromIdentities } from './identity-confidence.js';
import { flagOcrDoubts } from './ocr-flags.js';
import { repairOcrCells } from './repair.js';
import { negativeAmounts, runIdentityChecks } from './run-checks.js';
import { missingPrintedCells } from './printed-pattern.js';
import { absentTemplateRows } from './absent-rows.js';
import { flagSuspectRows } from './suspect-rows.js';

export function checkTables({ template, grid, identities, findings: read }: ExtractedTables): {
  tables: Table[];
  findings: Finding[];
} {
  const findings: Finding[] = [...read];
  for (const step of [repairOcrCells, flagOcrDoubts]) {
    const { edits, findings: f } = step(grid, identities);
    grid.apply(edits);
    findings.push(...f);
  }
  findings.push(...runIdentityChecks(grid, identities, template));
  const tables = toTables(grid);
  findings.push(...negativeAmounts(tables));
  const ocrTables = new Set([...grid.entries()].filter((e) => e.cell.origin === 'ocr').map((e) => e.table));
  findings.push(...missingPrintedCells(tables, ocrTables), ...absentTemplateRows(tables, template));
  findings.push(...flagSuspectRows(grid, identities, findings));
  // Evidence from the identities adjusts each cell's confidence (README "Confidence").
  const adjusted = confidenceFromIdentities(grid, identities, findings);
  grid.apply(adjusted.edits);
  return { tables: toTables(grid), findings: [...findings, ...adjusted.findings] };
}
