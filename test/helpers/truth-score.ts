/**
 * A record scored against a seed's cell truth (the goldens in test/golden, which equal the shared
 * cell truth cell for cell), the way ../shared/tools/score.mjs and silent.mjs count: a truth cell is
 * exact, wrong (another value) or missing; a wrong or missing cell is flagged when a warn/error
 * finding names its table and row (any column, or no row for a missing one), or its row or cell
 * confidence is below 0.5.
 */
import { Decimal } from '../../src/decimal.js';
import type { DocumentRecord } from '../../src/schema/record.js';
import type { Finding } from '../../src/schema/finding.js';
import type { Golden } from './golden.js';

export interface TruthScore {
  cells: number;
  exact: number;
  wrong: string[];
  missing: string[];
  /** Wrong or missing cells without a flag: the defect that matters most. */
  silent: string[];
}

export function scoreAgainstTruth(record: DocumentRecord | null, findings: Finding[], truth: Golden): TruthScore {
  const score: TruthScore = { cells: 0, exact: 0, wrong: [], missing: [], silent: [] };
  const rows = new Map<string, (typeof record & object)['tables'][number]['rows'][number]>(
    (record?.tables ?? []).flatMap((t) => t.rows.map((r) => [`${t.id}|${r.key}`, r] as const)),
  );
  const loud = findings.filter((f) => f.level === 'warn' || f.level === 'error');
  for (const t of truth.tables) {
    for (const want of t.rows) {
      for (const [col, value] of Object.entries(want.values)) {
        score.cells++;
        const cell = `${t.id}|${want.key}|${col}`;
        const row = rows.get(`${t.id}|${want.key}`);
        const got = row?.values[col];
        if (got !== undefined && new Decimal(got).eq(value)) {
          score.exact++;
          continue;
        }
        const doubted = row !== undefined && ((row.confidence ?? 1) < 0.5 || (row.cellConfidence?.[col] ?? 1) < 0.5);
        const named = loud.some(
          (f) => f.table === t.id && (f.row === want.key || (got === undefined && f.row === undefined)),
        );
        (got === undefined ? score.missing : score.wrong).push(cell);
        if (!doubted && !named) score.silent.push(cell);
      }
    }
  }
  return score;
}
