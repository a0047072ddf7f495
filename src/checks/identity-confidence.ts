import type { TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import type { Cell, CellEdit, CellGrid, CellValues } from '../cells/cell-grid.js';
import { evaluate, netCoefficients, type Identity } from '../identities/identity.js';
import { finding } from '../findings/catalogue.js';

/**
 * Confidence from the identities (issue 5 item 3; README "Confidence"). After the checks, each
 * emitted cell's confidence — so far only how it was read and placed — is adjusted by what the
 * arithmetic says about it:
 *
 * - in at least one failing identity (a mismatch beyond the rounding envelope): × 0.7, since the
 *   cell is one of the suspects; one that drops below 0.5 gets a `warn` naming its cell unless one
 *   already does (the contract: a doubted cell always has a warn/error finding);
 * - otherwise, confirmed by ≥ 2 independent equalities that hold (exact or within rounding): raised
 *   halfway to 1 (arithmetic-placed 0.9 → 0.95, an OCR read of 0.8 → 0.9). Two distinct equations
 *   through the same value agreeing is strong evidence that value and column are right. Not for
 *   zeros (moving a 0.00 between columns changes no sum) nor for cells whose column the solver
 *   could not fix (the sums held in the other column too);
 * - otherwise unchanged (a single identity can be satisfied by a compensating error elsewhere).
 *
 * `≤` identities that hold confirm nothing (slack hides errors) but one that fails counts as failing.
 * Pure: returns the confidence edits and the new findings; the grid is not modified.
 */
export const FAIL_FACTOR = 0.7;
export const DOUBT = 0.5;

export interface CellVerdicts {
  confirmed: number;
  failed: string[];
}

/** Per cell `table|row|col`: how many distinct holding equalities and which failing rules go through it. */
export function cellVerdicts(store: CellValues, identities: Identity[]): Map<string, CellVerdicts> {
  const out = new Map<string, CellVerdicts>();
  const seen = new Set<string>();
  for (const id of identities) {
    const coef = netCoefficients(id);
    const cells = [...coef].filter(([k, c]) => c !== 0 && valueAt(store, k) !== undefined).map(([k]) => k);
    if (!cells.length) continue;
    // The same equation instantiated twice (two rules over the same cells) is not independent evidence.
    const signature = `${id.kind}:${[...coef]
      .filter(([, c]) => c !== 0)
      .map(([k, c]) => `${k}*${c}`)
      .sort()
      .join(',')}`;
    const ev = evaluate(store, id);
    const repeat = seen.has(signature);
    seen.add(signature);
    for (const k of cells) {
      const v = out.get(k) ?? { confirmed: 0, failed: [] };
      if (ev.verdict === 'mismatch') v.failed.push(id.rule);
      else if (id.kind === 'eq' && !repeat) v.confirmed++;
      out.set(k, v);
    }
  }
  return out;
}

function valueAt(store: CellValues, key: string) {
  const [table, row, col] = key.split('|') as [TableId, string, string];
  return store.get(table, row, Number(col));
}

export function adjustCell(
  conf: number,
  v: CellVerdicts | undefined,
  cell: Pick<Cell, 'text' | 'columnDetermined'>,
): number {
  if (!v) return conf;
  if (v.failed.length) return round(conf * FAIL_FACTOR);
  const zero = /^-?0*(\.0*)?$/.test(cell.text);
  if (v.confirmed >= 2 && !zero && cell.columnDetermined !== false && conf < 1) return round(conf + (1 - conf) / 2);
  return conf;
}

export function confidenceFromIdentities(
  grid: CellGrid,
  identities: Identity[],
  findings: Finding[],
): { edits: CellEdit[]; findings: Finding[] } {
  const verdicts = cellVerdicts(grid, identities);
  const flagged = new Set(
    findings
      .filter((f) => (f.level === 'warn' || f.level === 'error') && f.table && f.row && f.column)
      .map((f) => `${f.table}|${f.row}|${f.column}`),
  );
  const out: Finding[] = [];
  const edits: CellEdit[] = [];
  for (const { table, row, col, cell } of grid.entries()) {
    const key = `${table}|${row.key}|${col}`;
    const v = verdicts.get(key);
    const after = adjustCell(cell.conf, v, cell);
    if (after !== cell.conf) edits.push({ kind: 'confidence', table, row: row.key, col, conf: after });
    if (after < DOUBT && !flagged.has(key)) {
      flagged.add(key);
      out.push(
        finding(
          'confidence.low',
          {
            table,
            row: row.key,
            col,
            value: cell.text,
            before: cell.conf,
            after,
            failing: [...new Set(v?.failed ?? [])],
          },
          { table, row: row.key, column: String(col), actual: cell.text, confidence: after },
        ),
      );
    }
  }
  return { edits, findings: out };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
