import type { DocumentRecord } from '../../src/schema/record.js';
import type { Finding } from '../../src/schema/finding.js';

/**
 * Cell-by-cell comparison of an OCR'd record with the record of the same pages read from the native
 * text layer (the ground truth). A cell is `table|row|col`; it is exact when both records hold the
 * same decimal text there. A cell present on one side only is inexact (unread, or invented). A
 * flagged cell has a warn/error finding naming its table, row and column. Labels are not compared:
 * OCR misreads them and nothing downstream keys on them.
 */
export interface CellScore {
  total: number;
  exact: number;
  inexact: { cell: string; native?: string; ocr?: string; flagged: boolean }[];
}

export function scoreAgainstNative(native: DocumentRecord, ocr: DocumentRecord, findings: Finding[]): CellScore {
  const cells = (r: DocumentRecord) => {
    const m = new Map<string, string>();
    for (const t of r.tables)
      for (const row of t.rows) for (const [c, v] of Object.entries(row.values)) m.set(`${t.id}|${row.key}|${c}`, v);
    return m;
  };
  const truth = cells(native);
  const read = cells(ocr);
  const named = new Set(
    findings
      .filter((f) => (f.level === 'warn' || f.level === 'error') && f.table && f.row && f.column)
      .map((f) => `${f.table}|${f.row}|${f.column}`),
  );
  const score: CellScore = { total: 0, exact: 0, inexact: [] };
  for (const cell of new Set([...truth.keys(), ...read.keys()])) {
    score.total++;
    const n = truth.get(cell);
    const o = read.get(cell);
    if (n === o) {
      score.exact++;
      continue;
    }
    score.inexact.push({
      cell,
      ...(n !== undefined ? { native: n } : {}),
      ...(o !== undefined ? { ocr: o } : {}),
      flagged: named.has(cell),
    });
  }
  return score;
}
