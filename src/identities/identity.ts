import type { TableId } from '../schema/record.js';
import { Decimal } from '../decimal.js';
import type { CellValues } from '../cells/cell-grid.js';
import { ZERO } from '../cells/cell-grid.js';
import { sumEnvelope } from './tolerance.js';
import { MONEY_UNITS, isMoneyUnit } from './units.js';

/** A reference to one cell: table, row key, value column. */
export interface CellRef {
  table: TableId;
  row: string;
  col: number;
  /** +1 unless the cell is subtracted (07: 年初 + 收入 − 支出 = 年末). */
  sign?: 1 | -1;
  /** A count (团组数, 人次, 车辆数), not money: never converted between money units. */
  count?: true;
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
  /** The rounding envelope the diff was judged against, in the evaluation's unit. */
  envelope: Decimal;
  /** Set when the cells' tables print different money units and the sides were converted to this one. */
  convertedTo?: string;
  /** Envelope factor from table units to the evaluation unit (1 when nothing was converted). */
  scale: Decimal;
}

/**
 * The money unit each referenced cell is in, when the identity mixes units; undefined when all agree
 * (the common case: values compared as printed, no conversion at all).
 */
function mixedUnits(store: CellValues, id: Identity): { base: string; coarse: string } | undefined {
  const units = new Set<string>();
  for (const r of [...id.left, ...id.right]) {
    if (r.count) continue;
    const u = store.unitOf(r.table);
    if (isMoneyUnit(u)) units.add(u);
  }
  if (units.size < 2) return undefined;
  const sorted = [...units].sort((a, b) => MONEY_UNITS[a]!.cmp(MONEY_UNITS[b]!));
  return { base: sorted[0]!, coarse: sorted[sorted.length - 1]! };
}

function total(store: CellValues, refs: CellRef[], base: string | undefined, dp: { max: number }): Decimal {
  let s = ZERO;
  for (const r of refs) {
    let v = store.get(r.table, r.row, r.col);
    if (!v) continue;
    dp.max = Math.max(dp.max, v.decimalPlaces());
    if (base !== undefined && !r.count) {
      const u = store.unitOf(r.table);
      if (isMoneyUnit(u)) v = v.mul(MONEY_UNITS[u]!).div(MONEY_UNITS[base]!);
    }
    s = r.sign === -1 ? s.minus(v) : s.plus(v);
  }
  return s;
}

export function evaluate(store: CellValues, id: Identity): Evaluation {
  const mixed = mixedUnits(store, id);
  const dp = { max: 0 };
  const left = total(store, id.left, mixed?.base, dp);
  const right = total(store, id.right, mixed?.base, dp);
  const diff = left.minus(right);
  const scale = mixed ? MONEY_UNITS[mixed.coarse]!.div(MONEY_UNITS[mixed.base]!) : new Decimal(1);
  const env = sumEnvelope(Math.max(id.left.length, id.right.length)).mul(scale);
  let verdict: Evaluation['verdict'];
  if (id.kind === 'le') verdict = diff.lte(0) ? 'exact' : diff.lte(env) ? 'rounding' : 'mismatch';
  else verdict = diff.isZero() ? 'exact' : diff.abs().lte(env) ? 'rounding' : 'mismatch';
  return {
    dp: dp.max,
    left,
    right,
    diff,
    verdict,
    envelope: env,
    scale,
    ...(mixed ? { convertedTo: mixed.base } : {}),
  };
}

export function refsOf(id: Identity): CellRef[] {
  return [...id.left, ...id.right];
}

/** A cell's key `table|row|col`, the same for every reference to it whatever its sign. */
export const cellKey = (r: CellRef): string => `${r.table}|${r.row}|${r.col}`;

/**
 * Each cell's net coefficient in `Σ left − Σ right` (by `cellKey`): a cell on both sides with the
 * same sign nets to 0 and takes no part in the identity.
 */
export function netCoefficients(id: Identity): Map<string, number> {
  const coef = new Map<string, number>();
  for (const [refs, side] of [
    [id.left, 1],
    [id.right, -1],
  ] as const) {
    for (const r of refs) coef.set(cellKey(r), (coef.get(cellKey(r)) ?? 0) + side * (r.sign ?? 1));
  }
  return coef;
}

export { Decimal };
