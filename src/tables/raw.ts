import type { Finding } from '../schema/finding.js';
import type { Line, Run } from '../ir/types.js';
import type { CellBox } from '../cells/cell-grid.js';
import { compactCjk } from '../text/compact.js';
import type { TokenKind } from './tokens.js';
import { finding } from '../findings/catalogue.js';

/** A value cell as printed: its text, its decimal value (money/int), or a dash. */
export interface RawCell {
  text: string;
  kind: TokenKind;
  /** Decimal string with thousands separators removed; undefined for dashes. */
  value?: string;
  run: Run;
  page: number | null;
}

/** How a row's cells got their columns. */
export type Placement = 'explicit' | 'geometry' | 'arithmetic';

/**
 * A table row before its cells are committed to columns. `columns` lists the value columns the row
 * may use; `placed[i]` is the column of `cells[i]` when separators or geometry decided it, and the
 * arithmetic solver fills in rows whose `placed` is undefined.
 */
export interface RawRow {
  key: string;
  label: string;
  code?: string;
  line?: number;
  side?: 'income' | 'expenditure';
  page: number | null;
  /** The printed line's y (points on positioned input), to attach wrapped label fragments. */
  y?: number;
  /** Right edge of the row's code cell (06's side-by-side groups), to attach fragments to a group. */
  x?: number;
  cells: RawCell[];
  columns: number[];
  placed?: number[];
  placement?: Placement;
  /** Why a placement needs confirming (e.g. "label sits in a value column"). */
  placementNote?: string;
  /** Column preferred for each cell by the printed positions, used as the solver's tie-breaker. */
  hint?: number[][];
  labelNote?: string;
  /** Where the row's label was printed (provenance). */
  labelBox?: CellBox;
  /** Columns where the template prints dashes on this row (identities.md A19). */
  dashColumns?: number[];
}

/** Keep the first row of each key; a key printed twice is logged (a repeated page, a misprint). */
export function dedupeRows(rows: RawRow[], table: string, findings: Finding[]): RawRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    if (seen.has(r.key)) {
      findings.push(finding('table.duplicate-key', { table, row: r.key }, { table, row: r.key }));
      return false;
    }
    seen.add(r.key);
    return true;
  });
}

/**
 * Positioned input: a label wrapped inside its cell leaves text-only pieces above and below its
 * row's line. Each piece joins, among the rows `candidates` allows for it (same page, same column
 * group), the one nearest by y; the label is then rebuilt top to bottom.
 */
export function attachWrappedPieces(
  rows: RawRow[],
  fragments: Line[],
  candidates: (piece: Run, rows: RawRow[]) => RawRow[],
): void {
  const pieces = new Map<RawRow, { y: number; text: string }[]>();
  for (const f of fragments) {
    const onPage = rows.filter((x) => x.page === f.page && x.y !== undefined);
    // A piece lies within its row's cell: closer than ~0.6 row pitch (header lines lie further).
    const ys = [...new Set(onPage.map((r) => r.y!))].sort((a, b) => a - b);
    const gaps = ys
      .slice(1)
      .map((y, i) => y - ys[i]!)
      .sort((a, b) => a - b);
    const reach = 0.6 * (gaps[Math.floor(gaps.length / 2)] ?? 25);
    for (const run of f.runs.filter((r) => r.text.trim() !== '')) {
      let best: RawRow | undefined;
      for (const r of candidates(run, onPage)) {
        if (Math.abs(r.y! - f.y) > reach) continue;
        if (!best || Math.abs(r.y! - f.y) < Math.abs(best.y! - f.y)) best = r;
      }
      if (best) pieces.set(best, [...(pieces.get(best) ?? []), { y: f.y, text: run.text.trim() }]);
    }
  }
  for (const [row, ps] of pieces) {
    row.label = compactCjk(
      [...ps, { y: row.y!, text: row.label }]
        .sort((a, b) => a.y - b.y)
        .map((p) => p.text)
        .join(''),
    );
  }
}
