import type { DocumentRecord } from './schema/record.js';
import type { Finding } from './schema/finding.js';

/**
 * Summaries of cell confidence. A table's confidence is the mean of its cells' confidence times the
 * share of its checks that hold; the document's is the cell-weighted mean over tables (1 when the
 * document has no cells, as nothing doubtful was emitted). See README "Confidence".
 */
export function summarizeConfidence(record: DocumentRecord, findings: Finding[]): DocumentRecord['confidence'] {
  const tables: Record<string, number> = {};
  let sum = 0;
  let n = 0;
  for (const t of record.tables) {
    const confs = t.rows.flatMap((r) => Object.keys(r.values).map((c) => r.cellConfidence?.[c] ?? r.confidence ?? 1));
    const failed = findings.filter(
      (f) =>
        f.stage === 'check' &&
        f.check !== 'confidence.low' &&
        f.table === t.id &&
        (f.level === 'warn' || f.level === 'error'),
    ).length;
    const mean = confs.length ? confs.reduce((a, b) => a + b, 0) / confs.length : 1;
    const penalty = Math.max(0.5, 1 - 0.05 * failed);
    tables[t.id] = round(mean * penalty);
    sum += tables[t.id]! * Math.max(1, confs.length);
    n += Math.max(1, confs.length);
  }
  return { document: n ? round(sum / n) : 1, tables };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
