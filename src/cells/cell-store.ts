import { Decimal } from '../decimal.js';
import type { TableId } from '../schema/record.js';

/**
 * The cells the identities read: `table|rowKey` → column → value. The arithmetic placement solver
 * rewrites the entries of rows it is placing; checks read the final store.
 */
export class CellStore {
  private readonly rows = new Map<string, Map<number, Decimal>>();
  private readonly tables = new Set<TableId>();
  private readonly keys = new Map<TableId, string[]>();
  private readonly units = new Map<TableId, string>();

  addTable(id: TableId, rowKeys: string[]): void {
    this.tables.add(id);
    this.keys.set(id, rowKeys);
  }
  /** The money unit the table's values are printed in (its header's 金额单位, else the report's). */
  setUnit(id: TableId, unit: string): void {
    this.units.set(id, unit);
  }
  unitOf(id: TableId): string | undefined {
    return this.units.get(id);
  }
  hasTable(id: TableId): boolean {
    return this.tables.has(id);
  }
  rowKeys(id: TableId): string[] {
    return this.keys.get(id) ?? [];
  }
  hasRow(id: TableId, row: string): boolean {
    return this.rowKeys(id).includes(row);
  }
  set(id: TableId, row: string, values: Map<number, Decimal>): void {
    this.rows.set(`${id}|${row}`, values);
  }
  /** Set or clear one cell (OCR repairs rewrite single cells). */
  setCell(id: TableId, row: string, col: number, value: Decimal | undefined): void {
    const key = `${id}|${row}`;
    const m = this.rows.get(key) ?? new Map<number, Decimal>();
    if (value === undefined) m.delete(col);
    else m.set(col, value);
    this.rows.set(key, m);
  }
  get(id: TableId, row: string, col: number): Decimal | undefined {
    return this.rows.get(`${id}|${row}`)?.get(col);
  }
}

export const ZERO = new Decimal(0);
