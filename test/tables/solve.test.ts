/**
 * Arithmetic column placement on hand-built regions: rows read from space-separated text whose
 * empty cells vanished, placed by the identities of the table (row sums, parent = Σ children).
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { CellGrid } from '../../src/cells/cell-grid.js';
import type { CellRef, Identity } from '../../src/identities/identity.js';
import { readCodeTable } from '../../src/tables/read-code.js';
import { solvePlacements, type SolvedRow } from '../../src/tables/solve.js';
import type { TableId } from '../../src/schema/record.js';
import { region, spaceLine } from '../helpers/region.js';

/**
 * Reads a code table from space-separated lines, stores the rows the reader placed and returns
 * the identities below with the rows left to the solver, as extraction does.
 */
function setUp(table: TableId, lines: string[], identities: (cols: number[]) => Identity[]) {
  const { rows } = readCodeTable(region(table, lines.map(spaceLine)));
  const store = new CellGrid();
  store.addTable({
    id: table,
    title: table,
    unit: '万元',
    pages: [],
    columns: [],
    rows: rows.map((r) => ({ key: r.key, label: r.label, cells: new Map() })),
  });
  for (const r of rows) {
    if (!r.placed) continue;
    store.setRow(table, r.key, new Map(r.cells.map((c, i) => [r.placed![i]!, new Decimal(c.value!)])));
  }
  const pending = rows.filter((r) => !r.placed).map((row) => ({ table, row }));
  return { rows, store, pending, ids: identities(rows[0]!.columns) };
}

const refIn =
  (table: TableId) =>
  (row: string, col: number): CellRef => ({ table, row, col });

/** 栏1 = Σ the other columns, on each row. */
function rowSums(table: TableId, rows: string[], cols: number[]): Identity[] {
  const r = refIn(table);
  return rows.map((row) => ({
    rule: 'row-sum',
    ref: 'test',
    kind: 'eq',
    left: [r(row, cols[0]!)],
    right: cols.slice(1).map((c) => r(row, c)),
    text: `${row}: 栏1 = Σ`,
    at: r(row, cols[0]!),
  }));
}

/** Parent = Σ children, in each column. */
function columnSums(table: TableId, parent: string, children: string[], cols: number[]): Identity[] {
  const r = refIn(table);
  return cols.map((col) => ({
    rule: 'parent-sum',
    ref: 'test',
    kind: 'eq',
    left: [r(parent, col)],
    right: children.map((ch) => r(ch, col)),
    text: `${parent} = Σ children, 栏${col}`,
    at: r(parent, col),
  }));
}

const solvedBy = (solved: SolvedRow[]) => new Map(solved.map((s) => [s.row.key, s]));
const sorted = (alts: number[][]) => alts.map((a) => [...a].sort((x, y) => x - y));

describe('solvePlacements', () => {
  it('places a row whose empty cells were dropped in the only columns the identities admit', () => {
    const { rows, store, pending, ids } = setUp(
      '05',
      [
        '项目 本年支出合计 基本支出 项目支出',
        '栏次 1 2 3',
        '合计 300.00 200.00 100.00',
        '201 一般公共服务支出 300.00 200.00 100.00',
        '20103 政府办公厅（室）及相关机构事务 300.00 200.00 100.00',
        '2010301 行政运行 200.00 200.00',
        '2010399 其他政府办公厅（室）及相关机构事务支出 100.00 100.00',
      ],
      (cols) => [
        ...rowSums('05', ['total', 'code:201', 'code:20103', 'code:2010301', 'code:2010399'], cols),
        ...columnSums('05', 'code:20103', ['code:2010301', 'code:2010399'], cols),
      ],
    );
    // The reader placed the rows that print every column and left the two short ones.
    expect(rows.filter((r) => r.placed).map((r) => r.key)).toEqual(['total', 'code:201', 'code:20103']);
    expect(pending.map((p) => p.row.key)).toEqual(['code:2010301', 'code:2010399']);

    const solved = solvedBy(solvePlacements(pending, store, ids));
    // 行政运行 is all 基本支出; the other row's 100.00 can only be 项目支出, or 20103's 基本支出
    // (200.00) would not be the sum of its children's.
    expect(solved.get('code:2010301')!.columns).toEqual([1, 2]);
    expect(solved.get('code:2010399')!.columns).toEqual([1, 3]);
    for (const s of solved.values()) {
      expect(s.exhaustive).toBe(true);
      expect(s.componentCost).toBe(0);
      expect(s.alternatives.every((a) => a.length === 1)).toBe(true);
    }
    // The store holds the chosen placement, for the checks that run next.
    expect(store.get('05', 'code:2010399', 3)?.toString()).toBe('100');
    expect(store.get('05', 'code:2010399', 2)).toBeUndefined();
  });

  it('reports a zero the identities cannot place with every column they admit', () => {
    // 03 has six columns; the parent prints all of them, its children only what they have.
    const { store, pending, ids } = setUp(
      '03',
      [
        '项目 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出',
        '栏次 1 2 3 4 5 6',
        '20103 政府办公厅（室）及相关机构事务 150.00 100.00 50.00 0.00 0.00 0.00',
        '2010301 行政运行 100.00 100.00 0.00',
        '2010399 其他政府办公厅（室）及相关机构事务支出 50.00 50.00',
      ],
      (cols) => [
        ...rowSums('03', ['code:20103', 'code:2010301', 'code:2010399'], cols),
        ...columnSums('03', 'code:20103', ['code:2010301', 'code:2010399'], cols),
      ],
    );
    const solved = solvedBy(solvePlacements(pending, store, ids));
    const admin = solved.get('code:2010301')!;
    expect(admin.exhaustive).toBe(true);
    expect(admin.componentCost).toBe(0);
    // 100.00 and 100.00 are 栏1 and 栏2; the 0.00 adds nothing anywhere after them.
    expect(sorted(admin.alternatives)).toEqual([[1], [2], [3, 4, 5, 6]]);
    // Ties are broken by packing left.
    expect(admin.columns).toEqual([1, 2, 3]);
    // Its sibling is determined: 50.00 fits no 基本支出 left over by 行政运行.
    expect(sorted(solved.get('code:2010399')!.alternatives)).toEqual([[1], [3]]);
  });

  it('reports both columns for two rows that can trade them', () => {
    // Either child may be the 基本支出 one: only their sum is known.
    const { store, pending, ids } = setUp(
      '05',
      [
        '栏次 1 2 3',
        '20103 政府办公厅（室）及相关机构事务 24.42 12.21 12.21',
        '2010301 行政运行 12.21 12.21',
        '2010302 一般行政管理事务 12.21 12.21',
      ],
      (cols) => [
        ...rowSums('05', ['code:2010301', 'code:2010302'], cols),
        ...columnSums('05', 'code:20103', ['code:2010301', 'code:2010302'], cols),
      ],
    );
    const solved = solvedBy(solvePlacements(pending, store, ids));
    // The chosen placement closes every sum: one child each side.
    expect(new Set([...solved.values()].map((s) => s.columns[1]))).toEqual(new Set([2, 3]));
    for (const key of ['code:2010301', 'code:2010302']) {
      expect(solved.get(key)!.componentCost).toBe(0);
      expect(sorted(solved.get(key)!.alternatives)).toEqual([[1], [2, 3]]);
    }
  });

  it('keeps the alternatives complete when more placements tie than the solver collects', () => {
    // Zeros in three rows: 4 × 6 × 15 equally good placements, more than the 48 kept.
    const { store, pending, ids } = setUp(
      '03',
      [
        '栏次 1 2 3 4 5 6',
        '20103 政府办公厅（室）及相关机构事务 150.00 100.00 50.00 0.00 0.00 0.00',
        '2010301 行政运行 100.00 100.00 0.00',
        '2010302 一般行政管理事务 0.00',
        '2010350 事业运行 0.00 0.00',
        '2010399 其他政府办公厅（室）及相关机构事务支出 50.00 50.00',
      ],
      (cols) => {
        const children = ['code:2010301', 'code:2010302', 'code:2010350', 'code:2010399'];
        return [...rowSums('03', children, cols), ...columnSums('03', 'code:20103', children, cols)];
      },
    );
    const solved = solvedBy(solvePlacements(pending, store, ids));
    expect(sorted(solved.get('code:2010301')!.alternatives)).toEqual([[1], [2], [3, 4, 5, 6]]);
    expect(sorted(solved.get('code:2010302')!.alternatives)).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(sorted(solved.get('code:2010399')!.alternatives)).toEqual([[1], [3]]);
  });
});
