import type { Table, TableId, Row } from '../schema/record.js';
import type { Finding } from '../schema/finding.js';
import type { TableRegion } from '../segment/tables.js';
import type { RawRow } from './raw.js';
import { Decimal } from '../decimal.js';
import { CellStore } from '../cells/cell-store.js';
import { instantiate } from '../identities/catalog.js';
import type { Identity } from '../identities/identity.js';
import { readCodeTable, type ReadResult } from './read-code.js';
import { readLineTable } from './read-lines.js';
import { readEconomicTable } from './read-economic.js';
import { solvePlacements } from './solve.js';
import { codeLevel } from './tokens.js';
import { tableUnit } from './unit.js';

/**
 * Regions → typed tables. Rows are read by the spec's layout; cells whose columns the separators or
 * geometry fixed are stored at once, the rest are placed by the arithmetic solver against the
 * identities of every table read, so cross-table totals anchor the placement too.
 */
export interface CellEvidence {
  conf: number;
  placement: 'explicit' | 'geometry' | 'arithmetic';
  origin: 'text' | 'native' | 'ocr';
  /** False when the identities admit another column for an arithmetic-placed cell (confirming sums then say nothing about its column). */
  columnDetermined?: boolean;
}

export interface ExtractedTables {
  tables: Table[];
  store: CellStore;
  identities: Identity[];
  findings: Finding[];
  /** `table|row|col` → evidence, for confidence and the checks. */
  evidence: Map<string, CellEvidence>;
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

export function extractTables(regions: TableRegion[], reportUnit: string): ExtractedTables {
  const findings: Finding[] = [];
  const merged = mergeContinued(regions, findings);
  const read = merged.map((region) => ({ region, ...readRegion(region) }));
  const store = new CellStore();
  // Units first: identities across tables printed in different units convert (issue 5 item 4).
  const units = new Map(
    merged.map((region) => [region.spec.id, region.spec.unit ?? tableUnit(region, reportUnit, findings)] as const),
  );
  for (const { region, rows, findings: f } of read) {
    findings.push(...f);
    store.addTable(
      region.spec.id,
      rows.map((r) => r.key),
    );
    store.setUnit(region.spec.id, units.get(region.spec.id)!);
    for (const r of rows) if (r.placed) store.set(region.spec.id, r.key, valuesOf(r, r.placed));
  }
  const identities = instantiate(store);
  const pending = read.flatMap(({ region, rows }) =>
    rows.filter((r) => !r.placed && r.cells.length > 0).map((row) => ({ table: region.spec.id, row })),
  );
  const evidence = new Map<string, CellEvidence>();
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
  for (const s of solvePlacements(pending, store, identities, parentOf)) {
    s.row.placed = s.columns;
    s.row.placement = 'arithmetic';
    s.row.cells.forEach((c, i) => {
      if (c.kind === 'dash') return; // dashes are not emitted; their column only constrains the others
      const col = s.columns[i]!;
      const alts = s.alternatives[i] ?? [col];
      const determined = alts.length === 1 && s.exhaustive;
      // Columns the sums cannot tell apart only for zero cells, chosen by the parent's printed
      // pattern, are likely right but unconfirmed.
      const zeroOnly = !determined && c.value !== undefined && new Decimal(c.value).isZero() && s.patternHolds;
      const conf = determined ? (s.componentCost === 0 ? 0.9 : 0.75) : zeroOnly ? 0.6 : 0.4;
      evidence.set(`${s.table}|${s.row.key}|${col}`, {
        conf: Math.min(conf, c.run.conf),
        placement: 'arithmetic',
        origin: c.run.origin,
        columnDetermined: determined,
      });
      findings.push({
        level: determined || zeroOnly ? 'info' : 'warn',
        stage: 'table',
        check: 'table.column-inferred',
        table: s.table,
        row: s.row.key,
        column: String(col),
        message: determined
          ? `公开${s.table}表 ${s.row.key}: "${c.text}" placed in 栏${col} by arithmetic (${s.row.placementNote ?? 'empty cells not printed'}); the identities admit no other column`
          : zeroOnly
            ? `公开${s.table}表 ${s.row.key}: zero "${c.text}" placed in 栏${col} where the parent row prints a cell; the sums also admit 栏${alts.filter((a) => a !== col).join('/')}`
            : `公开${s.table}表 ${s.row.key}: "${c.text}" placed in 栏${col}, but the identities also admit 栏${alts.filter((a) => a !== col).join('/')}; column uncertain`,
        actual: c.value ?? c.text,
        confidence: conf,
        ...(c.page !== null ? { page: c.page } : {}),
      });
    });
  }
  const tables = read.map(({ region, rows }) => toTable(region, rows, units.get(region.spec.id)!, evidence));
  return { tables, store, identities, findings, evidence };
}

function valuesOf(row: RawRow, cols: number[]): Map<number, Decimal> {
  const m = new Map<number, Decimal>();
  row.cells.forEach((c, i) => {
    if (c.value !== undefined && cols[i] !== undefined) m.set(cols[i]!, new Decimal(c.value));
  });
  return m;
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
    findings.push({
      level: 'warn',
      stage: 'segment',
      check: 'segment.table-repeated',
      table: r.spec.id,
      message: `公开${r.spec.id}表 (${r.spec.title}) is printed twice; the copy with more lines is kept`,
    });
  }
  return out;
}

function toTable(region: TableRegion, rows: RawRow[], unit: string, evidence: Map<string, CellEvidence>): Table {
  const { spec } = region;
  const id: TableId = spec.id;
  const ordered =
    spec.layout === 'lines' || spec.layout === 'two-sided'
      ? [...rows].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
      : rows;
  const out: Row[] = ordered.map((r) => {
    const values: Record<string, string> = {};
    const confs: Record<string, number> = {};
    r.cells.forEach((c, i) => {
      const col = r.placed?.[i];
      if (col === undefined || col < 0 || c.value === undefined) return;
      values[String(col)] = c.value;
      const key = `${id}|${r.key}|${col}`;
      const ev = evidence.get(key) ?? { conf: c.run.conf, placement: r.placement ?? 'explicit', origin: c.run.origin };
      evidence.set(key, ev);
      confs[String(col)] = ev.conf;
    });
    const row: Row = { key: r.key, label: r.label, values };
    if (r.code) {
      row.code = r.code;
      const level =
        spec.layout === 'economic'
          ? r.code.length === 3
            ? '类'
            : r.code.length === 5
              ? '款'
              : undefined
          : codeLevel(r.code);
      if (level) row.level = level;
    }
    if (r.line !== undefined) row.line = r.line;
    if (r.side) row.side = r.side;
    setRowConfidence(row, confs);
    return row;
  });
  const placements = new Set(rows.filter((r) => r.cells.length).map((r) => r.placement ?? 'explicit'));
  const table: Table = {
    id,
    title: spec.title,
    unit,
    pages: region.pages,
    columns: spec.columns.map((c) => ({ ...c })),
    rows: out,
  };
  if (placements.size) table.placement = placements.size > 1 ? 'mixed' : [...placements][0]!;
  return table;
}

/**
 * Contract: a row's `confidence` is its lowest cell; `cellConfidence` lists the cells below the row's
 * best. When a row's cells differ, every cell is listed, so a reader never has to guess what an
 * unlisted cell holds (the best, or the row's lowest). Shared by extraction and the identity-evidence
 * adjustment so both write rows the same way.
 */
export function setRowConfidence(row: Row, confs: Record<string, number>): void {
  delete row.confidence;
  delete row.cellConfidence;
  const cs = Object.values(confs);
  if (!cs.length) return;
  row.confidence = Math.min(...cs);
  if (Math.max(...cs) > row.confidence) row.cellConfidence = { ...confs };
}
