import { Decimal } from '../decimal.js';
import type { Table, TableId } from '../schema/record.js';
import { CellStore } from '../cells/cell-store.js';

/**
 * A CellStore filled from emitted tables (a record on disk, a golden file), the way extractTables
 * fills it from read rows: one entry per row key, every printed value by its column number, the
 * table's unit. Lets the identities be re-run on a record without the source document.
 */
export interface TableCells {
  id: string;
  unit?: string;
  rows: Pick<Table['rows'][number], 'key' | 'values'>[];
}

export function storeFromTables(tables: TableCells[]): CellStore {
  const store = new CellStore();
  for (const t of tables) {
    const id = t.id as TableId;
    store.addTable(
      id,
      t.rows.map((r) => r.key),
    );
    if (t.unit) store.setUnit(id, t.unit);
    for (const r of t.rows) {
      store.set(id, r.key, new Map(Object.entries(r.values).map(([c, v]) => [Number(c), new Decimal(v)] as const)));
    }
  }
  return store;
}
