/**
 * Where a set of failing identities points. Identities that fail and share a row form a group; if
 * two or more of them run through one row and no other row is common to them all, that row is the
 * one to doubt (a changed amount fails its row sum and its parent's sum, and nothing else is in
 * both) and the group's findings are reported there. When several rows are common to the group,
 * the row holding the one cell whose move to another of the group's columns makes every identity
 * of the group hold is the one (a value printed one column over fails two column sums of its
 * parent, which its siblings are in too). Otherwise every row of the group is a suspect.
 */
import type { Decimal } from '../decimal.js';
import { ZERO, type CellValues } from '../cells/cell-grid.js';
import type { CellRef, Identity } from '../identities/identity.js';
import { cellKey, evaluate, netCoefficients, refsOf } from '../identities/identity.js';

export interface Localization {
  /** Where each failing identity of a localized group is reported (instead of its own `at`). */
  at: Map<Identity, CellRef>;
  /** `table|row` of every row to name as a suspect. */
  suspects: Set<string>;
}

const rowKey = (r: CellRef) => `${r.table}|${r.row}`;

export function localize(store: CellValues, failing: Identity[]): Localization {
  const parent = failing.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  // Identities failing through one row belong together (a shifted value fails two column sums
  // that share no cell, only rows).
  const byRow = new Map<string, number>();
  failing.forEach((id, i) => {
    for (const r of refsOf(id)) {
      const j = byRow.get(rowKey(r));
      if (j === undefined) byRow.set(rowKey(r), i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Identity[]>();
  failing.forEach((id, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), id]));

  const out: Localization = { at: new Map(), suspects: new Set() };
  for (const group of groups.values()) {
    const rowSets = group.map((id) => new Set(refsOf(id).map(rowKey)));
    const common = [...rowSets[0]!].filter((row) => rowSets.every((s) => s.has(row)));
    const explained = group.length >= 2 ? explainingRows(store, group, common) : [];
    if (explained.length === 1) {
      const row = explained[0]!;
      out.suspects.add(row);
      // The row's cell that most of the group's identities run through.
      const count = new Map<string, number>();
      for (const id of group)
        for (const r of refsOf(id)) if (rowKey(r) === row) count.set(cellKey(r), (count.get(cellKey(r)) ?? 0) + 1);
      for (const id of group) {
        const cells = refsOf(id).filter((r) => rowKey(r) === row);
        const best = cells.sort((a, b) => count.get(cellKey(b))! - count.get(cellKey(a))!)[0]!;
        out.at.set(id, { table: best.table, row: best.row, col: best.col });
      }
    } else {
      for (const set of rowSets) for (const row of set) out.suspects.add(row);
    }
  }
  return out;
}

/** Does setting the cells to these values (undefined: empty) make every identity of the group hold? */
function holdsWith(store: CellValues, group: Identity[], edits: [CellRef, Decimal | undefined][]): boolean {
  const before = edits.map(([r]) => store.get(r.table, r.row, r.col));
  for (const [r, v] of edits) store.setCell(r.table, r.row, r.col, v);
  const holds = group.every((id) => evaluate(store, id).verdict !== 'mismatch');
  edits.forEach(([r], i) => store.setCell(r.table, r.row, r.col, before[i]));
  return holds;
}

/**
 * Rows (of the group's common rows) holding one cell that explains every failing identity of the
 * group: a cell in all of them whose one other value makes them all hold (a changed or unread
 * amount), or a cell whose move to another of the group's columns does (a value printed one column
 * over).
 */
function explainingRows(store: CellValues, group: Identity[], candidates: string[]): string[] {
  const out = new Set<string>();
  const cellSets = group.map((id) => new Set(refsOf(id).map(cellKey)));
  const sharedCells = refsOf(group[0]!).filter((r) => cellSets.every((s) => s.has(cellKey(r))));
  for (const ref of sharedCells) {
    const eq = group.find((id) => id.kind === 'eq');
    if (!eq) continue;
    // The value this identity wants for the cell: its coefficient is +1 on the left, −1 on the right.
    const ev = evaluate(store, eq);
    const coef = netCoefficients(eq).get(cellKey(ref)) ?? 0;
    if (coef === 0) continue;
    const now = store.get(ref.table, ref.row, ref.col) ?? ZERO;
    const wanted = now.minus(ev.diff.div(coef));
    if (holdsWith(store, group, [[ref, wanted]])) out.add(rowKey(ref));
  }
  if (out.size) return [...out];
  const cols = [...new Set(group.flatMap((id) => refsOf(id).map((r) => r.col)))];
  for (const ref of group.flatMap(refsOf)) {
    const row = rowKey(ref);
    const value = store.get(ref.table, ref.row, ref.col);
    if (!candidates.includes(row) || out.has(row) || !value || value.isZero()) continue;
    for (const to of cols) {
      if (to === ref.col || store.get(ref.table, ref.row, to) !== undefined) continue;
      const moved = { ...ref, col: to };
      if (
        holdsWith(store, group, [
          [ref, undefined],
          [moved, value],
        ])
      )
        out.add(row);
    }
  }
  return [...out];
}
