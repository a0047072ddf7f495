/**
 * The arithmetic repair of OCR cells on small hand-made tables: each expected value below is the
 * arithmetic of the identity written next to it, not program output.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { CellGrid } from '../../src/cells/cell-grid.js';
import { toTables } from '../../src/cells/to-tables.js';
import { instantiate } from '../../parsers/template.js';
import { JIANGXI_10 } from '../../parsers/jiangxi-10.js';
import type { Identity } from '../../src/identities/identity.js';
import { repairOcrCells } from '../../src/checks/repair.js';
import { flagOcrDoubts } from '../../src/checks/ocr-flags.js';
import { candidateReadings } from '../../src/checks/ocr-candidates.js';

/** 公开05表 rows (栏1 = 栏2 + 栏3, 合计 = Σ 类), every cell OCR'd at confidence 0.9. */
function table05(rows: Record<string, Record<number, string>>) {
  const grid = new CellGrid();
  grid.addTable({
    id: '05',
    title: 't',
    unit: '万元',
    pages: [1],
    columns: [
      { no: 1, name: '合计' },
      { no: 2, name: '基本' },
      { no: 3, name: '项目' },
    ],
    rows: Object.entries(rows).map(([key, values]) => ({
      key,
      label: key,
      cells: new Map(
        Object.entries(values).map(([c, v]) => [
          Number(c),
          { value: new Decimal(v), text: v, conf: 0.9, origin: 'ocr' as const, placement: 'geometry' as const },
        ]),
      ),
    })),
  });
  return { grid, identities: instantiate(JIANGXI_10, grid) };
}
type Tables05 = ReturnType<typeof table05>;
/** Run a stage that returns edits, apply them as the pipeline does, and give its findings. */
const run = (
  x: Tables05,
  stage: (g: CellGrid, ids: Identity[]) => { edits: Parameters<CellGrid['apply']>[0]; findings: unknown[] },
) => {
  const { edits, findings } = stage(x.grid, x.identities);
  x.grid.apply(edits);
  return findings as {
    check: string;
    row?: string;
    column?: string;
    actual?: string;
    expected?: string;
    level: string;
  }[];
};
const repair = (x: Tables05) => run(x, repairOcrCells);
const flag = (x: Tables05) => run(x, flagOcrDoubts);
const rowOf = (x: Tables05, row: string) => toTables(x.grid)[0]!.rows.find((r) => r.key === row)!;
const value = (x: Tables05, row: string, col: number) => rowOf(x, row).values[String(col)];

describe('candidate readings of an OCR number', () => {
  it('include the lost decimal point, a dropped stray digit and one misread digit', () => {
    const c = candidateReadings('1221');
    expect(c).toEqual(expect.arrayContaining(['12.21', '122.1', '121', '1271', '7221']));
    expect(c).not.toContain('1221');
    expect(candidateReadings('5.36')).toEqual(expect.arrayContaining(['6.36', '5.38', '536', '53.6']));
  });
});

describe('OCR repairs', () => {
  it('restores a lost decimal point when it is the only reading that closes both sums', () => {
    // 合计 24.42 = 12.21 + 12.21; code:201 row 12.21 = 12.21 + 0 read with 栏1 "1221".
    const x = table05({
      total: { 1: '24.42', 2: '24.42' },
      'code:201': { 1: '1221', 2: '12.21' },
      'code:208': { 1: '12.21', 2: '12.21' },
    });
    const f = repair(x);
    expect(
      f.filter((y) => y.check === 'ocr.repair').map((y) => [y.row, y.column, y.actual, y.expected, y.level]),
    ).toEqual([['code:201', '1', '1221', '12.21', 'warn']]);
    expect(value(x, 'code:201', 1)).toBe('12.21');
    expect(x.grid.get('05', 'code:201', 1)!.toFixed(2)).toBe('12.21');
    expect(x.grid.cell('05', 'code:201', 1)!.conf).toBeLessThan(0.9);
  });

  it('takes the value a sum implies for its only doubtful cell, even two misreads away', () => {
    // 栏1 read "5532" for 51.32: 51.32 = 51.32 (row) and 62.63 = 51.32 + 11.31 (合计).
    const x = table05({
      total: { 1: '62.63', 2: '62.63' },
      'code:201': { 1: '5532', 2: '51.32' },
      'code:208': { 1: '11.31', 2: '11.31' },
    });
    repair(x);
    expect(value(x, 'code:201', 1)).toBe('51.32');
  });

  it('moves a number read into the wrong column when only that column closes the sums', () => {
    // 202.24 is 项目 (栏3): 合计 栏3 202.24 = 202.24, 合计 栏2 10.00 = 10.00 + 0.
    const x = table05({
      total: { 1: '212.24', 2: '10.00', 3: '202.24' },
      'code:201': { 1: '202.24', 2: '202.24' },
      'code:208': { 1: '10.00', 2: '10.00' },
    });
    repair(x);
    expect(rowOf(x, 'code:201').values).toEqual({ 1: '202.24', 3: '202.24' });
  });

  it('leaves a sum alone when two cells could each close it, and flags them all below 0.5', () => {
    // 合计 栏2 30.00 ≠ 9.00 + 11.00: either child could be the misread one; each row has only 栏2.
    const x = table05({ total: { 2: '30.00' }, 'code:201': { 2: '9.00' }, 'code:208': { 2: '11.00' } });
    expect(repair(x).filter((y) => y.check === 'ocr.repair')).toEqual([]);
    expect(value(x, 'code:201', 2)).toBe('9.00');
    const flags = flag(x);
    const unconfirmed = flags
      .filter((y) => y.check === 'ocr.unconfirmed')
      .map((y) => `${y.row}|${y.column}`)
      .sort();
    expect(unconfirmed).toEqual(['code:201|2', 'code:208|2', 'total|2']);
    expect(rowOf(x, 'code:201').confidence).toBeLessThan(0.5);
  });

  it('names the empty cells on the short side of a failing sum as possibly unread', () => {
    // 合计 栏1 20.00 = 栏2 20.00 + 栏3 (empty); code rows hold. 合计 栏2 20.00 ≠ Σ 类 栏2 = 10.00:
    // code:208 栏2 is empty while its 栏1 says 10.00.
    const x = table05({
      total: { 1: '20.00', 2: '20.00' },
      'code:201': { 1: '10.00', 2: '10.00' },
      'code:208': { 1: '10.00' },
    });
    repair(x);
    const unread = flag(x)
      .filter((y) => y.check === 'ocr.cell-unread')
      .map((y) => `${y.row}|${y.column}`);
    expect(unread).toContain('code:208|2');
    expect(value(x, 'code:208', 2)).toBeUndefined(); // never invented
  });

  it('does nothing to cells read from a native text layer', () => {
    const x = table05({
      total: { 1: '24.42', 2: '24.42' },
      'code:201': { 1: '1221', 2: '12.21' },
      'code:208': { 1: '12.21', 2: '12.21' },
    });
    for (const e of x.grid.entries()) e.row.cells.set(e.col, { ...e.cell, origin: 'native' });
    expect(repair(x)).toEqual([]);
    expect(flag(x)).toEqual([]);
    expect(value(x, 'code:201', 1)).toBe('1221');
  });
});
