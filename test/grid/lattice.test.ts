/**
 * The grid builder on hand-made rulings: rulings → cells with spans (findLattices), and cells with
 * text → the lines the table readers take (latticeLines).
 */
import { describe, expect, it } from 'vitest';
import type { Ruling, Run } from '../../src/ir/types.js';
import { findLattices, type LatticeCell } from '../../src/grid/lattice.js';
import { latticeLines, type CellText } from '../../src/grid/grid-lines.js';
import { gridRulings, run } from '../helpers/region.js';

const h = (pos: number, start: number, end: number): Ruling => ({ axis: 'h', pos, start, end });
const v = (pos: number, start: number, end: number): Ruling => ({ axis: 'v', pos, start, end });
/** Cells as [row, col, rowSpan, colSpan]. */
const spans = (cells: LatticeCell[]) => cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);

describe('findLattices', () => {
  it('reads a plain grid as rows × columns of single cells', () => {
    const [table, ...others] = findLattices(gridRulings([50, 150, 250, 350], [100, 120, 140]));
    expect(others).toEqual([]);
    expect(table!.xs).toEqual([50, 150, 250, 350]);
    expect(table!.ys).toEqual([100, 120, 140]);
    expect(spans(table!.cells)).toEqual([
      [0, 0, 1, 1],
      [0, 1, 1, 1],
      [0, 2, 1, 1],
      [1, 0, 1, 1],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
    ]);
    expect(table!.cells[4]).toMatchObject({ x0: 150, y0: 120, x1: 250, y1: 140 });
  });

  it('joins rulings drawn cell by cell, a little apart or short, into grid lines', () => {
    // The middle rule drawn in two pieces 1.3 pt apart; the vertical rules stop 1.5 pt short.
    const rulings = [
      h(100, 50, 250),
      h(119.5, 50, 150),
      h(120.8, 150, 250),
      h(140, 50, 250),
      ...[50, 150, 250].map((x) => v(x, 101.5, 138.5)),
    ];
    const [table, ...others] = findLattices(rulings);
    expect(others).toEqual([]);
    expect(table!.ys).toEqual([100, 120.15, 140]);
    expect(spans(table!.cells)).toEqual([
      [0, 0, 1, 1],
      [0, 1, 1, 1],
      [1, 0, 1, 1],
      [1, 1, 1, 1],
    ]);
  });

  it('reads a header cell spanning two columns where the rule between them is not drawn', () => {
    // The rule at x = 150 starts under the header band; the rule under the header is drawn cell
    // by cell, in pieces that meet under the merged cell.
    const rulings = [
      h(100, 50, 350),
      ...[50, 150, 250].map((x) => h(120, x, x + 100)),
      h(140, 50, 350),
      v(50, 100, 140),
      v(150, 120, 140),
      v(250, 100, 140),
      v(350, 100, 140),
    ];
    const [table] = findLattices(rulings);
    expect(table!.xs).toEqual([50, 150, 250, 350]);
    expect(spans(table!.cells)).toEqual([
      [0, 0, 1, 2],
      [0, 2, 1, 1],
      [1, 0, 1, 1],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
    ]);
    expect(table!.cells[0]).toMatchObject({ x0: 50, x1: 250 });
  });

  it('reads a cell spanning two rows where the rule between them is not drawn', () => {
    // 项目 spans both header bands: the rule at y = 120 starts right of it.
    const rulings = [
      h(100, 50, 350),
      h(120, 150, 350),
      h(140, 50, 350),
      ...[50, 150, 250, 350].map((x) => v(x, 100, 140)),
    ];
    const [table] = findLattices(rulings);
    expect(spans(table!.cells)).toEqual([
      [0, 0, 2, 1],
      [0, 1, 1, 1],
      [0, 2, 1, 1],
      [1, 1, 1, 1],
      [1, 2, 1, 1],
    ]);
    expect(table!.cells[0]).toMatchObject({ y0: 100, y1: 140 });
  });

  it('reads two tables on a page as two lattices, each with its own grid lines', () => {
    const rulings = [
      ...gridRulings([50, 150, 250, 350], [100, 120, 140]),
      ...gridRulings([50, 200, 350], [300, 320, 340, 360]),
    ];
    const tables = findLattices(rulings);
    expect(tables.map((t) => [t.xs, t.ys])).toEqual([
      [
        [50, 150, 250, 350],
        [100, 120, 140],
      ],
      [
        [50, 200, 350],
        [300, 320, 340, 360],
      ],
    ]);
    expect(tables.map((t) => t.cells.length)).toEqual([6, 6]);
  });

  it('does not take a lone framed box for a table', () => {
    const frame = gridRulings([50, 350], [40, 70]);
    expect(findLattices(frame)).toEqual([]);
    // A framed title above a table leaves the table alone.
    const [table, ...others] = findLattices([...frame, ...gridRulings([50, 150, 250], [100, 120, 140])]);
    expect(others).toEqual([]);
    expect(table!.ys).toEqual([100, 120, 140]);
  });
});

describe('latticeLines', () => {
  // 科目名称 | 本年支出合计 | 基本支出, a header band and a body band 30 pt high.
  const xs = [40, 200, 280, 360];
  const [lattice] = findLattices(gridRulings(xs, [100, 120, 150]));
  const at = (x: number, y: number) => lattice!.cells.find((c) => c.x0 === x && c.y0 === y)!;

  /** Each cell's text lines, as the glyphs in it give them. */
  const texts = (byCell: Map<LatticeCell, CellText>) => (c: LatticeCell) => byCell.get(c) ?? [];

  it('joins the lines of a wrapped cell into one run, its box and cell the whole text’s', () => {
    const name = [[run('政府办公厅（室）及相关', 43, 130)], [run('机构事务', 43, 142, { conf: 0.8 })]];
    const lines = latticeLines(
      lattice!,
      texts(
        new Map([
          [at(40, 100), [[run('科目名称', 43, 110)]]],
          [at(40, 120), name],
          [at(200, 120), [[run('300.00', 244, 136)]]],
          [at(280, 120), [[run('200.00', 324, 136)]]],
        ]),
      ),
      4,
    );
    expect(lines.map((l) => [l.y, l.text])).toEqual([
      [110, '科目名称'],
      [135, '政府办公厅（室）及相关机构事务\t300.00\t200.00'],
    ]);
    const [nameRun, total] = lines[1]!.runs as [Run, Run];
    expect(nameRun).toMatchObject({
      text: '政府办公厅（室）及相关机构事务',
      x0: 43,
      y0: 125,
      y1: 147,
      conf: 0.8,
      cell: { x0: 40, y0: 120, x1: 200, y1: 150 },
    });
    expect(total.cell).toEqual({ x0: 200, y0: 120, x1: 280, y1: 150 });
    expect(lines[1]!.grid).toEqual({ xs });
    expect(lines.every((l) => l.page === 4 && l.separation === 'geometry')).toBe(true);
  });

  it('reads a band holding two body rows (no rule between them) by baselines', () => {
    const lines = latticeLines(
      lattice!,
      texts(
        new Map([
          [at(40, 120), [[run('行政运行', 43, 128)], [run('一般行政管理事务', 43, 142)]]],
          [at(200, 120), [[run('200.00', 244, 128)], [run('100.00', 244, 142)]]],
          [at(280, 120), [[run('200.00', 324, 128)]]],
        ]),
      ),
      4,
    );
    expect(lines.map((l) => [l.y, l.text])).toEqual([
      [128, '行政运行\t200.00\t200.00'],
      [142, '一般行政管理事务\t100.00'],
    ]);
    // Runs keep their drawn column, cut to their own line's height.
    expect(lines[1]!.runs.map((r) => r.cell)).toEqual([
      { x0: 40, y0: 137, x1: 200, y1: 147 },
      { x0: 200, y0: 137, x1: 280, y1: 147 },
    ]);
    // Not one drawn band: a wrapped name in such a band is attached by position, as off a grid.
    expect(lines.map((l) => l.grid)).toEqual([undefined, undefined]);
  });

  it('keeps two amounts apart where a missing rule put them in one cell', () => {
    const lines = latticeLines(
      lattice!,
      texts(new Map([[at(200, 120), [[run('300.00', 205, 135), run('200.00', 244, 135)]]]])),
      4,
    );
    expect(lines[0]!.runs.map((r) => [r.text, r.cell!.x0, r.cell!.x1])).toEqual([
      ['300.00', 200, 280],
      ['200.00', 200, 280],
    ]);
  });
});
