import type { Run } from '../ir/types.js';
import type { TokenKind } from './tokens.js';

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
  cells: RawCell[];
  columns: number[];
  placed?: number[];
  placement?: Placement;
  /** Why a placement needs confirming (e.g. "label sits in a value column"). */
  placementNote?: string;
  /** Column preferred for each cell by the printed positions, used as the solver's tie-breaker. */
  hint?: number[][];
  labelNote?: string;
  /** Columns where the template prints dashes on this row (identities.md A19). */
  dashColumns?: number[];
}
