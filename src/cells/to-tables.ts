/**
 * The record's tables from the cell grid: values as printed, each row's confidence (its lowest
 * cell, and every cell listed when they differ), and where each label and cell was printed.
 */
import type { Box, Row, Table } from '../schema/record.js';
import type { CellBox, CellGrid, GridTable } from './cell-grid.js';

export function toTables(grid: CellGrid): Table[] {
  return [...grid.tables.values()].map(toTable);
}

function toTable(t: GridTable): Table {
  // 行次 tables list income rows, then expenditure rows, each by 行次; code tables as printed.
  const ordered = t.rows.some((r) => r.line !== undefined)
    ? [...t.rows].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    : t.rows;
  const rows = ordered.map((r) => {
    const values: Record<string, string> = {};
    const confs: Record<string, number> = {};
    const boxes: Record<string, Box> = {};
    for (const [col, cell] of [...r.cells].sort((a, b) => a[0] - b[0])) {
      values[String(col)] = cell.text;
      confs[String(col)] = cell.conf;
      if (cell.box) boxes[String(col)] = box(cell.box);
    }
    const row: Row = { key: r.key, label: r.label, values };
    if (r.code) row.code = r.code;
    if (r.level) row.level = r.level;
    if (r.line !== undefined) row.line = r.line;
    if (r.side) row.side = r.side;
    setRowConfidence(row, confs);
    if (r.labelBox) boxes.label = box(r.labelBox);
    if (Object.keys(boxes).length) row.boxes = boxes;
    return row;
  });
  const table: Table = { id: t.id, title: t.title, unit: t.unit, pages: t.pages, columns: t.columns, rows };
  if (t.placement) table.placement = t.placement;
  return table;
}

/** The contract's box: `[page, x0, y0, x1, y1]` in PDF points (two decimals), or `[line, startColumn, line, endColumn]`. */
function box(b: CellBox): Box {
  if ('line' in b) return [b.line, b.start, b.line, b.end];
  const r = (v: number) => Math.round(v * 100) / 100;
  return [b.page ?? 0, r(b.x0), r(b.y0), r(b.x1), r(b.y1)];
}

/**
 * Contract: a row's `confidence` is its lowest cell; `cellConfidence` lists the cells below the row's
 * best. When a row's cells differ, every cell is listed, so a reader never has to guess what an
 * unlisted cell holds (the best, or the row's lowest).
 */
export function setRowConfidence(row: Row, confs: Record<string, number>): void {
  delete row.confidence;
  delete row.cellConfidence;
  const cs = Object.values(confs);
  if (!cs.length) return;
  row.confidence = Math.min(...cs);
  if (Math.max(...cs) > row.confidence) row.cellConfidence = { ...confs };
}
