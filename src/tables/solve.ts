import type { TableId } from '../schema/record.js';
import { Decimal } from '../decimal.js';
import type { CellGrid } from '../cells/cell-grid.js';
import { evaluate, type Identity } from '../identities/identity.js';
import { sumEnvelope } from '../identities/tolerance.js';
import type { RawRow } from './raw.js';

/**
 * Arithmetic column placement. When empty cells vanish from a printed line (seed 003), a row's k
 * numbers could sit in any k of its n columns, in order. Every order-preserving placement is a
 * candidate; the identities (row sums, parent = Σ children per column, cross-table totals) pick the
 * placements that hold. Branch and bound over the rows of each connected component minimizes the
 * number of failed identities; ties are broken by the printed-position hints and, last, by packing
 * left. A cell is determined when every optimal solution puts it in the same column and the search ran to the end.
 */
export interface SolvedRow {
  table: TableId;
  row: RawRow;
  columns: number[];
  /** The search finished within its node budget, so the alternatives are complete. */
  exhaustive: boolean;
  /** Failed identities in the row's component under the chosen placement. */
  componentCost: number;
  /** Per cell: the columns it takes across the optimal solutions (one column = determined). */
  alternatives: number[][];
  /** Every cell sits in a column the parent row prints (the printing-pattern preference held). */
  patternHolds: boolean;
}

interface Var {
  table: TableId;
  row: RawRow;
  candidates: number[][];
  identities: number[];
}

const NODE_BUDGET = 250_000;
const MAX_SOLUTIONS = 48;

/** The row a code row rolls up into (its 款/类 or the 合计 row), for the printed-pattern preference. */
export type ParentLookup = (table: TableId, row: RawRow) => RawRow | undefined;

export function solvePlacements(
  rows: { table: TableId; row: RawRow }[],
  store: CellGrid,
  identities: Identity[],
  parentOf: ParentLookup = () => undefined,
): SolvedRow[] {
  const vars: Var[] = rows
    .map(({ table, row }) => ({ table, row, candidates: candidatesOf(row), identities: [] }))
    .filter((v) => v.candidates.length > 0);
  const varOf = new Map<string, number>();
  vars.forEach((v, i) => varOf.set(`${v.table}|${v.row.key}`, i));
  const idVars: number[][] = identities.map((id, k) => {
    const set = new Set<number>();
    for (const r of [...id.left, ...id.right]) {
      const v = varOf.get(`${r.table}|${r.row}`);
      if (v !== undefined) set.add(v);
    }
    for (const v of set) vars[v]!.identities.push(k);
    return [...set];
  });
  const out: SolvedRow[] = [];
  for (const comp of components(vars, idVars))
    out.push(...solveComponent(comp, vars, identities, idVars, store, parentOf));
  return out;
}

function candidatesOf(row: RawRow): number[][] {
  const k = row.cells.length;
  const cols = row.columns;
  const out: number[][] = [];
  // A printed dash can only stand where the template prints dashes (09's budget columns).
  const fits = (cell: number, col: number): boolean =>
    row.cells[cell]!.kind !== 'dash' || !row.dashColumns || row.dashColumns.includes(col);
  const pick = (start: number, acc: number[]): void => {
    if (acc.length === k) {
      out.push([...acc]);
      return;
    }
    for (let i = start; i <= cols.length - (k - acc.length); i++) {
      if (!fits(acc.length, cols[i]!)) continue;
      acc.push(cols[i]!);
      pick(i + 1, acc);
      acc.pop();
    }
  };
  pick(0, []);
  if (out.length === 0 && row.dashColumns) return candidatesOf({ ...row, dashColumns: undefined });
  const prior = (cand: number[]): number => {
    let s = 0;
    cand.forEach((c, i) => {
      if (row.hint?.[i]?.includes(c)) s += 2;
      s -= cols.indexOf(c) * 0.01; // weakly prefer packing left
    });
    return s;
  };
  return out.sort((a, b) => prior(b) - prior(a));
}

function components(vars: Var[], idVars: number[][]): number[][] {
  const parent = vars.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (const vs of idVars) for (let i = 1; i < vs.length; i++) parent[find(vs[i]!)] = find(vs[0]!);
  const groups = new Map<number, number[]>();
  vars.forEach((_, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), i]));
  return [...groups.values()];
}

/** Totals before their parts, so that sums close (and prune) as early as possible. */
function order(v: Var): [number, number, string] {
  const key = v.row.key;
  const t = Number(v.table);
  if (key === 'total') return [t, 0, ''];
  if (key.startsWith('code:')) return [t, key.length, key];
  const line = v.row.line ?? 0;
  return [t, 1, String(1000 - line).padStart(4, '0')];
}

function solveComponent(
  comp: number[],
  vars: Var[],
  identities: Identity[],
  idVars: number[][],
  store: CellGrid,
  parentOf: ParentLookup,
): SolvedRow[] {
  const seq = [...comp].sort((a, b) => {
    const [ta, la, ka] = order(vars[a]!);
    const [tb, lb, kb] = order(vars[b]!);
    return ta - tb || la - lb || ka.localeCompare(kb);
  });
  const depth = new Map(seq.map((v, d) => [v, d] as const));
  const varIndex = new Map(seq.map((v) => [`${vars[v]!.table}|${vars[v]!.row.key}`, v] as const));
  // Identities close at the depth of their last variable; an identity with no variable here is fixed.
  const closesAt: number[][] = seq.map(() => []);
  const touches: number[][] = seq.map(() => []);
  const relevant = new Set<number>();
  for (const v of seq) for (const k of vars[v]!.identities) relevant.add(k);
  for (const k of relevant) {
    const ds = idVars[k]!.map((v) => depth.get(v)!);
    closesAt[Math.max(...ds)]!.push(k);
    for (const d of ds) touches[d]!.push(k);
  }
  const positive = (k: number): boolean =>
    [...identities[k]!.left, ...identities[k]!.right].every((r) => r.sign !== -1);
  const choice = new Array<number>(seq.length).fill(-1);
  let best = Infinity;
  let solutions: number[][] = [];
  let nodes = 0;

  const assign = (d: number, c: number | -1): void => {
    const v = vars[seq[d]!]!;
    const values = new Map<number, Decimal>();
    if (c >= 0)
      v.candidates[c]!.forEach((col, i) => {
        const val = v.row.cells[i]!.value;
        if (val !== undefined) values.set(col, new Decimal(val));
      });
    store.setRow(v.table, v.row.key, values);
  };

  /** An open identity already lost: its complete left side is exceeded by its assigned right side. */
  const doomed = (k: number, d: number): boolean => {
    const id = identities[k]!;
    if (id.kind !== 'eq' || !positive(k)) return false;
    const assigned = (refRow: string, table: TableId): boolean => {
      const v = varIndex.get(`${table}|${refRow}`);
      if (v === undefined) return true;
      const dd = depth.get(v);
      return dd === undefined || dd <= d;
    };
    if (!id.left.every((r) => assigned(r.row, r.table))) return false;
    const ev = evaluate(store, { ...id, right: id.right.filter((r) => assigned(r.row, r.table)) });
    return ev.right.minus(ev.left).gt(sumEnvelope(id.right.length).mul(ev.scale));
  };

  // Printing-pattern preference: a report prints a cell (even 0.00) in a row where its parent row
  // prints one, so among equally good placements try first those whose columns the parent prints.
  const parentCols = (d: number): Set<number> | undefined => {
    const v = vars[seq[d]!]!;
    const p = parentOf(v.table, v.row);
    if (!p) return undefined;
    const pv = varIndex.get(`${v.table}|${p.key}`);
    const pd = pv === undefined ? undefined : depth.get(pv);
    if (pd !== undefined && pd < d)
      return new Set(vars[pv!]!.candidates[choice[pd]!]!.filter((_, i) => vars[pv!]!.row.cells[i]!.kind !== 'dash'));
    return p.placed ? new Set(p.placed.filter((_, i) => p.cells[i]?.kind !== 'dash')) : undefined;
  };
  const orderAt = (d: number): number[] => {
    const v = vars[seq[d]!]!;
    const idx = v.candidates.map((_, c) => c);
    const cols = parentCols(d);
    if (!cols) return idx;
    const score = (c: number): number => v.candidates[c]!.filter((col) => cols.has(col)).length;
    return idx.sort((a, b) => score(b) - score(a) || a - b);
  };

  const dfs = (d: number, cost: number, doomedOpen: Set<number>): void => {
    if (++nodes > NODE_BUDGET) return;
    if (d === seq.length) {
      if (cost < best) {
        best = cost;
        solutions = [];
      }
      if (cost === best && solutions.length < MAX_SOLUTIONS) solutions.push([...choice]);
      return;
    }
    for (const c of orderAt(d)) {
      choice[d] = c;
      assign(d, c);
      let next = cost;
      const open = new Set(doomedOpen);
      for (const k of closesAt[d]!) {
        if (open.delete(k)) {
          next++;
          continue;
        }
        if (evaluate(store, identities[k]!).verdict === 'mismatch') next++;
      }
      for (const k of touches[d]!) {
        if (!closesAt[d]!.includes(k) && !open.has(k) && doomed(k, d)) open.add(k);
      }
      if (next + open.size <= best && (next + open.size < best || solutions.length < MAX_SOLUTIONS))
        dfs(d + 1, next, open);
      if (nodes > NODE_BUDGET) break;
    }
    assign(d, -1);
    choice[d] = -1;
  };
  dfs(0, 0, new Set());

  if (solutions.length === 0) solutions = [seq.map(() => 0)]; // budget ran out before any leaf
  const chosen = solutions[0]!;
  seq.forEach((v, d) => {
    choice[d] = chosen[d]!;
    assign(d, chosen[d]!);
  });
  // Alternatives: what the collected optimal solutions disagree on, plus every single-row change
  // that keeps the row's identities as good (the solution cap can hide those).
  const mismatches = (d: number): number =>
    touches[d]!.filter((k) => evaluate(store, identities[k]!).verdict === 'mismatch').length;
  const localAlts = seq.map((_, d) => {
    const base = mismatches(d);
    const ok = [chosen[d]!];
    vars[seq[d]!]!.candidates.forEach((_, c) => {
      if (c === chosen[d]) return;
      assign(d, c);
      if (mismatches(d) <= base) ok.push(c);
    });
    assign(d, chosen[d]!);
    return ok;
  });
  return seq.map((vi, d) => {
    const v = vars[vi]!;
    const picks = new Set([...solutions.map((s) => s[d]!), ...localAlts[d]!]);
    const sets = [...picks].map((c) => v.candidates[c]!);
    const pc = parentCols(d);
    const patternHolds =
      pc !== undefined && v.candidates[chosen[d]!]!.every((col, i) => v.row.cells[i]!.kind === 'dash' || pc.has(col));
    const perCell = v.row.cells.map((_, i) => [...new Set(sets.map((cand) => cand[i]!))]);
    return {
      table: v.table,
      row: v.row,
      columns: v.candidates[chosen[d]!]!,
      exhaustive: nodes <= NODE_BUDGET,
      componentCost: best === Infinity ? -1 : best,
      alternatives: perCell,
      patternHolds,
    };
  });
}
