/**
 * A cell grid filled from emitted tables (a record on disk, a golden file), the way the table stage
 * fills it from read rows: every row, every printed value by its column number, the table's unit.
 * Lets the identities be re-run on a record without the source document.
 */
import { Decimal } from '../decimal.js';
import type { Table, TableId } from '../schema/record.js';
import { CellGrid } from './cell-grid.js';

export interface TableCells {
  id: string;
  unit?: string;
  rows: Pick<Table['rows'][number], 'key' | 'values'>[];
}

export function gridFromTables(tables: TableCells[]): CellGrid {
  const grid = new CellGrid();
  for (const t of tables) {
    grid.addTable({
      id: t.id as TableId,
      title: '',
      unit: t.unit ?? '',
      pages: [],
      columns: [],
      rows: t.rows.map((r) => ({
        key: r.key,
        label: '',
        cells: new Map(
          Object.entries(r.values).map(
            ([c, v]) =>
              [Number(c), { value: new Decimal(v), text: v, conf: 1, origin: 'text', placement: 'explicit' }] as const,
          ),
        ),
      })),
    });
  }
  return grid;
}
