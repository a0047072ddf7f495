/**
 * The document's tables as one typed grid of cells: what the readers fill, what the identities
 * read, what the repairs and flags return edits to, and what the record stage turns into `Table`
 * rows. One cell lives in one place with all that is known of it (value, how it was read and
 * placed, confidence, where it was printed), so no stage keeps a copy in step by hand.
 */
import { Decimal } from '../decimal.js';
import type { Column, TableId } from '../schema/record.js';

/** Where a row label or a cell was read: page and box in PDF points, or a text file's line and columns. */
export type CellBox =
  | { page: number | null; x0: number; y0: number; x1: number; y1: number }
  | { line: number; start: number; end: number };

export type Origin = 'text' | 'native' | 'ocr';
export type Placement = 'explicit' | 'geometry' | 'arithmetic';

export interface Cell {
  value: Decimal;
  /** The decimal string as printed, thousands separators removed (the record's value). */
  text: string;
  conf: number;
  origin: Origin;
  placement: Placement;
  /** False when the identities admit another column for an arithmetic-placed cell. */
  columnDetermined?: boolean;
  box?: CellBox;
}

export interface GridRow {
  key: string;
  label: string;
  code?: string;
  level?: '类' | '款' | '项';
  line?: number;
  side?: 'income' | 'expenditure';
  labelBox?: CellBox;
  cells: Map<number, Cell>;
}

export interface GridTable {
  id: TableId;
  title: string;
  unit: string;
  pages: number[];
  columns: Column[];
  rows: GridRow[];
  /** How the table's value cells were placed in columns (the record's `placement`). */
  placement?: Placement | 'mixed';
}

/** The values the identities read (a grid, or any other holder of a document's cells). */
export interface CellValues {
  hasTable(id: TableId): boolean;
  hasRow(id: TableId, row: string): boolean;
  rowKeys(id: TableId): string[];
  get(id: TableId, row: string, col: number): Decimal | undefined;
  /** The money unit the table's values are printed in (its header's 金额单位, else the report's). */
  unitOf(id: TableId): string | undefined;
  /** Set or clear one value: trial changes (placement search, repair proposals) and their undo. */
  setCell(id: TableId, row: string, col: number, value: Decimal | undefined): void;
}

/** What a later stage changes about a cell; the grid applies it. */
export type CellEdit =
  | { kind: 'value'; table: TableId; row: string; col: number; value: Decimal; text: string; conf: number }
  | { kind: 'move'; table: TableId; row: string; col: number; to: number; conf: number }
  | { kind: 'confidence'; table: TableId; row: string; col: number; conf: number };

export class CellGrid implements CellValues {
  readonly tables = new Map<TableId, GridTable>();

  addTable(table: GridTable): void {
    this.tables.set(table.id, table);
  }
  hasTable(id: TableId): boolean {
    return this.tables.has(id);
  }
  rowKeys(id: TableId): string[] {
    return this.tables.get(id)?.rows.map((r) => r.key) ?? [];
  }
  hasRow(id: TableId, row: string): boolean {
    return this.row(id, row) !== undefined;
  }
  unitOf(id: TableId): string | undefined {
    return this.tables.get(id)?.unit;
  }
  row(id: TableId, row: string): GridRow | undefined {
    return this.tables.get(id)?.rows.find((r) => r.key === row);
  }
  cell(id: TableId, row: string, col: number): Cell | undefined {
    return this.row(id, row)?.cells.get(col);
  }
  get(id: TableId, row: string, col: number): Decimal | undefined {
    return this.cell(id, row, col)?.value;
  }

  /** A trial value keeps the cell's evidence; a value where there was none is a bare arithmetic cell. */
  setCell(id: TableId, row: string, col: number, value: Decimal | undefined): void {
    const r = this.row(id, row);
    if (!r) return;
    if (value === undefined) {
      r.cells.delete(col);
      return;
    }
    const old = r.cells.get(col);
    r.cells.set(col, old ? { ...old, value } : bareCell(value));
  }

  /** Replace a row's values (the placement search trying a placement). */
  setRow(id: TableId, row: string, values: Map<number, Decimal>): void {
    const r = this.row(id, row);
    if (!r) return;
    r.cells = new Map([...values].map(([c, v]) => [c, { ...(r.cells.get(c) ?? bareCell(v)), value: v }] as const));
  }

  /** Every cell with its place. */
  *entries(): Generator<{ table: TableId; row: GridRow; col: number; cell: Cell }> {
    for (const t of this.tables.values())
      for (const row of t.rows) for (const [col, cell] of row.cells) yield { table: t.id, row, col, cell };
  }

  /** A copy whose rows and cells can be changed without touching this grid (trial work). */
  clone(): CellGrid {
    const copy = new CellGrid();
    for (const t of this.tables.values())
      copy.addTable({ ...t, rows: t.rows.map((r) => ({ ...r, cells: new Map(r.cells) })) });
    return copy;
  }

  apply(edits: Iterable<CellEdit>): void {
    for (const e of edits) {
      const r = this.row(e.table, e.row);
      const cell = r?.cells.get(e.col);
      if (!r || !cell) continue;
      if (e.kind === 'confidence') r.cells.set(e.col, { ...cell, conf: e.conf });
      else if (e.kind === 'value') r.cells.set(e.col, { ...cell, value: e.value, text: e.text, conf: e.conf });
      else {
        r.cells.delete(e.col);
        r.cells.set(e.to, { ...cell, conf: e.conf });
      }
    }
  }
}

function bareCell(value: Decimal): Cell {
  return { value, text: value.toFixed(), conf: 1, origin: 'text', placement: 'arithmetic' };
}

export const ZERO = new Decimal(0);
