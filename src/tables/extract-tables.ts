import type { TableId } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import type { TableRegion } from '../segment/tables.js';
import type { Layout } from '../../parsers/spec.js';
import type { RawCell, RawRow } from './raw.js';
import { Decimal } from '../decimal.js';
import { CellGrid, type Cell, type CellBox, type GridRow } from '../cells/cell-grid.js';
import type { Identity } from '../identities/identity.js';
import { readCodeTable, type ReadResult } from './read-code.js';
import { readLineTable } from './read-lines.js';
import { readEconomicTable } from './read-economic.js';
import { solvePlacements } from './solve.js';
import { codeLevel } from './tokens.js';
import { tableUnit } from './unit.js';
import { finding } from '../findings/catalogue.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import { instantiate, type Template } from '../../parsers/template.js';

/**
 * Regions → the document's cell grid. Rows are read by the spec's layout; cells whose columns the
 * separators or geometry fixed are committed at once, the rest are placed by the arithmetic solver
 * against the identities of every table read, so cross-table totals anchor the placement too.
 */
export interface ExtractedTables {
  template: Template;
  grid: CellGrid;
  identities: Identity[];
  findings: Finding[];
}

export function readRegion(region: TableRegion): ReadResult {
  switch (region.spec.layout) {
    case 'code':
      return readCodeTable(region);
    case 'economic':
      return readEconomicTable(region);
    default:
      return readLineTable(region);
  }
}

export function extractTables(
  regions: TableRegion[],
  reportUnit: string,
  template: Template = JIANGXI_10,
): ExtractedTables {
  const findings: Finding[] = [];
  const merged = mergeContinued(regions, findings);
  const read = merged.map((region) => ({ region, ...readRegion(region) }));
  const grid = new CellGrid();
  // Units first: identities across tables printed in different units convert (issue 5 item 4).
  const units = new Map(
    merged.map((region) => [region.spec.id, region.spec.unit ?? tableUnit(region, reportUnit, findings)] as const),
  );
  for (const { region, rows, findings: f } of read) {
    findings.push(...f);
    const { spec } = region;
    grid.addTable({
      id: spec.id,
      title: spec.title,
      unit: units.get(spec.id)!,
      pages: region.pages,
      columns: spec.columns.map((c) => ({ ...c })),
      rows: rows.map((r) => gridRow(r, spec.layout)),
    });
    for (const r of rows) if (r.placed) commitCells(grid, spec.id, r, () => ({ placement: r.placement ?? 'explicit' }));
  }
  const identities = instantiate(template, grid);
  const pending = read.flatMap(({ region, rows }) =>
    rows.filter((r) => !r.placed && r.cells.length > 0).map((row) => ({ table: region.spec.id, row })),
  );
  const byTable = new Map(
    read.map(({ region, rows }) => [region.spec.id, new Map(rows.map((r) => [r.key, r]))] as const),
  );
  const parentOf = (table: TableId, row: RawRow): RawRow | undefined => {
    const code = row.code;
    if (!code) return undefined;
    const parent =
      code.length === 7 ? `code:${code.slice(0, 5)}` : code.length === 5 ? `code:${code.slice(0, 3)}` : 'total';
    return byTable.get(table)?.get(parent);
  };
  for (const s of solvePlacements(pending, grid, identities, parentOf)) {
    s.row.placed = s.columns;
    s.row.placement = 'arithmetic';
    const evidence = new Map<number, { conf: number; determined: boolean }>();
    s.row.cells.forEach((c, i) => {
      if (c.kind === 'dash') return; // dashes are not emitted; their column only constrains the others
      const col = s.columns[i]!;
      const alts = s.alternatives[i] ?? [col];
      const determined = alts.length === 1 && s.exhaustive;
      // Columns the sums cannot tell apart only for zero cells, chosen by the parent's printed
      // pattern, are likely right but unconfirmed.
      const zeroOnly = !determined && c.value !== undefined && new Decimal(c.value).isZero() && s.patternHolds;
      const conf = determined ? (s.componentCost === 0 ? 0.9 : 0.75) : zeroOnly ? 0.6 : 0.4;
      evidence.set(i, { conf, determined });
      const place = { table: s.table, row: s.row.key, col };
      findings.push(
        finding(
          'table.column-inferred',
          {
            ...place,
            text: c.text,
            how: determined ? 'determined' : zeroOnly ? 'zero' : 'uncertain',
            why: s.row.placementNote ?? '空白单元格未印',
            others: alts.filter((a) => a !== col),
          },
          {
            ...(determined || zeroOnly ? {} : { level: 'warn' }),
            table: s.table,
            row: s.row.key,
            column: String(col),
            actual: c.value ?? c.text,
            confidence: conf,
            ...(c.page !== null ? { page: c.page } : {}),
          },
        ),
      );
    });
    commitCells(grid, s.table, s.row, (i, c) => {
      const ev = evidence.get(i)!;
      return { placement: 'arithmetic', conf: Math.min(ev.conf, c.run.conf), columnDetermined: ev.determined };
    });
  }
  for (const { region, rows } of read) {
    const placements = new Set(rows.filter((r) => r.cells.length).map((r) => r.placement ?? 'explicit'));
    if (placements.size)
      grid.tables.get(region.spec.id)!.placement = placements.size > 1 ? 'mixed' : [...placements][0]!;
  }
  return { template, grid, identities, findings };
}

/** The grid row of a read row (its cells are committed once their columns are known). */
function gridRow(r: RawRow, layout: Layout): GridRow {
  const row: GridRow = { key: r.key, label: r.label, cells: new Map() };
  if (r.code) {
    row.code = r.code;
    const level =
      layout === 'economic' ? (r.code.length === 3 ? '类' : r.code.length === 5 ? '款' : undefined) : codeLevel(r.code);
    if (level) row.level = level;
  }
  if (r.line !== undefined) row.line = r.line;
  if (r.side) row.side = r.side;
  if (r.labelBox) row.labelBox = r.labelBox;
  return row;
}

/** A read row's value cells into the grid, in the columns it was placed in. */
function commitCells(
  grid: CellGrid,
  table: TableId,
  r: RawRow,
  how: (i: number, c: RawCell) => Pick<Cell, 'placement'> & Partial<Pick<Cell, 'conf' | 'columnDetermined'>>,
): void {
  const row = grid.row(table, r.key);
  if (!row) return;
  row.cells = new Map();
  r.cells.forEach((c, i) => {
    const col = r.placed?.[i];
    if (col === undefined || col < 0 || c.value === undefined) return;
    const evidence = how(i, c);
    row.cells.set(col, {
      value: new Decimal(c.value),
      text: c.value,
      conf: evidence.conf ?? c.run.conf,
      origin: c.run.origin,
      placement: evidence.placement,
      ...(evidence.columnDetermined !== undefined ? { columnDetermined: evidence.columnDetermined } : {}),
      box: boxOf(c),
    });
  });
}

/** Where a cell was printed: its drawn cell when it came from a ruled grid, else its glyphs' box. */
function boxOf(c: RawCell): CellBox {
  if (c.run.at) return c.run.at;
  const b = c.run.cell ?? c.run;
  return { page: c.page, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 };
}

/**
 * A table whose title is printed again right after its own region (continued on the next page) is
 * one table. A title printed again elsewhere keeps the copy with more lines (a list of titles has
 * none), and the other is logged.
 */
function mergeContinued(regions: TableRegion[], findings: Finding[]): TableRegion[] {
  const out: TableRegion[] = [];
  for (const r of regions) {
    const last = out[out.length - 1];
    if (last && last.spec.id === r.spec.id) {
      last.lines.push(...r.lines);
      last.pages = [...new Set([...last.pages, ...r.pages])];
      continue;
    }
    const prev = out.findIndex((x) => x.spec.id === r.spec.id);
    if (prev < 0) {
      out.push({ ...r, lines: [...r.lines] });
      continue;
    }
    const keepNew = r.lines.length > out[prev]!.lines.length;
    if (keepNew) out[prev] = { ...r, lines: [...r.lines] };
    findings.push(finding('segment.table-repeated', { table: r.spec.id, title: r.spec.title }, { table: r.spec.id }));
  }
  return out;
}
