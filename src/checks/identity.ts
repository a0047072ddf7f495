import type { TableId } from '../schema/record.js';
import { Decimal } from '../decimal.js';
import type { CellStore } from './cells.js';
import { ZERO } from './cells.js';
import { sumEnvelope } from './tolerance.js';

/** A reference to one cell: table, row key, value column. */
export interface CellRef {
  table: TableId;
  row: string;
  col: number;
  /** +1 unless the cell is subtracted (07: 年初 + 收入 − 支出 = 年末). */
  sign?: 1 | -1;
}

/**
 * One arithmetic identity of identities.md, instantiated on a document's rows:
 * `Σ left = Σ right` (eq) or `Σ left ≤ Σ right` (le). The same objects drive the checks and the
 * arithmetic column placement, so a rule is written once.
 */
export interface Identity {
  rule: string;
  ref: string;
  kind: 'eq' | 'le';
  left: CellRef[];
  right: CellRef[];
  /** Human-readable sides for messages, Chinese terms kept. */
  text: string;
  /** Where a finding about this identity is reported. */
  at: CellRef;
}

export interface Evaluation {
  /** Decimal places of the printed terms, so both sides print like the report ("1.10", not "1.1"). */
  dp: number;
  left: Decimal;
  right: Decimal;
  diff: Decimal;
  verdict: 'exact' | 'rounding' | 'mismatch';
}

function total(store: CellStore, refs: CellRef[], dp: { max: number }): Decimal {
  let s = ZERO;
  for (const r of refs) {
    const v = store.get(r.table, r.row, r.col);
    if (!v) continue;
    dp.max = Math.max(dp.max, v.decimalPlaces());
    s = r.sign === -1 ? s.minus(v) : s.plus(v);
  }
  return s;
}

export function evaluate(store: CellStore, id: Identity): Evaluation {
  const dp = { max: 0 };
  const left = total(store, id.left, dp);
  const right = total(store, id.right, dp);
  const diff = left.minus(right);
  const env = sumEnvelope(Math.max(id.left.length, id.right.length));
  let verdict: Evaluation['verdict'];
  if (id.kind === 'le') verdict = diff.lte(0) ? 'exact' : diff.lte(env) ? 'rounding' : 'mismatch';
  else verdict = diff.isZero() ? 'exact' : diff.abs().lte(env) ? 'rounding' : 'mismatch';
  return { dp: dp.max, left, right, diff, verdict };
}

export function refsOf(id: Identity): CellRef[] {
  return [...id.left, ...id.right];
}

export { Decimal };
