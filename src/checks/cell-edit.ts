import type { Table, TableId } from '../schema/record.js';

/**
 * Rewrite one cell of an already built table (value and confidence), keeping the row's summary
 * confidence fields as toTable computes them: `confidence` = the lowest cell, `cellConfidence` =
 * the cells below the highest. Used by the OCR repairs, which run after the tables are built.
 */
export function editCell(
  tables: Table[],
  table: TableId,
  rowKey: string,
  col: number,
  value: string | undefined,
  confOf: (key: string) => number | undefined,
): void {
  const row = tables.find((t) => t.id === table)?.rows.find((r) => r.key === rowKey);
  if (!row) return;
  if (value === undefined) delete row.values[String(col)];
  else row.values[String(col)] = value;
  const cs = Object.keys(row.values).map((c) => [c, confOf(`${table}|${rowKey}|${c}`) ?? 1] as const);
  delete row.confidence;
  delete row.cellConfidence;
  if (!cs.length) return;
  row.confidence = Math.min(...cs.map(([, v]) => v));
  const top = Math.max(...cs.map(([, v]) => v));
  const low = Object.fromEntries(cs.filter(([, v]) => v < top));
  if (Object.keys(low).length) row.cellConfidence = low;
}
