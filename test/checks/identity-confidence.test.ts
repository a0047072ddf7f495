import { describe, it, expect } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { CellGrid } from '../../src/cells/cell-grid.js';
import { toTables } from '../../src/cells/to-tables.js';
import type { Identity } from '../../src/identities/identity.js';
import type { Finding } from '../../src/schema/finding.js';
import { adjustCell, cellVerdicts, confidenceFromIdentities } from '../../src/checks/identity-confidence.js';

/** A 02-like table: total = a + b (per column), and a row sum total 栏1 = 栏2. */
function fixture(total: string, a: string, b: string) {
  const grid = new CellGrid();
  // Each row's two cells share the row's confidence: 合计 1, a 0.9, b 0.6.
  const row = (key: string, v: string, conf: number) => ({
    key,
    label: key,
    cells: new Map(
      [1, 2].map((c) => [
        c,
        { value: new Decimal(v), text: v, conf, origin: 'text' as const, placement: 'explicit' as const },
      ]),
    ),
  });
  grid.addTable({
    id: '02',
    title: 't',
    unit: '万元',
    pages: [],
    columns: [],
    rows: [row('total', total, 1), row('code:201', a, 0.9), row('code:202', b, 0.6)],
  });
  const ref = (row: string, col: number) => ({ table: '02' as const, row, col });
  const eq = (rule: string, left: ReturnType<typeof ref>[], right: ReturnType<typeof ref>[]): Identity => ({
    rule,
    ref: 'A',
    kind: 'eq',
    left,
    right,
    text: rule,
    at: left[0]!,
  });
  const identities: Identity[] = [1, 2].flatMap((c) => [
    eq(`h${c}`, [ref('total', c)], [ref('code:201', c), ref('code:202', c)]),
  ]);
  for (const row of ['total', 'code:201', 'code:202']) identities.push(eq(`r:${row}`, [ref(row, 1)], [ref(row, 2)]));
  return { store: grid, identities };
}

/** The pipeline's use: the adjustment as edits, applied to a copy; the input grid stays as it was. */
function adjust(store: CellGrid, identities: Identity[], findings: Finding[]) {
  const out = confidenceFromIdentities(store, identities, findings);
  const copy = store.clone();
  copy.apply(out.edits);
  return { tables: toTables(copy), findings: out.findings };
}

describe('confidence from identities', () => {
  it('counts holding equalities and failing rules per cell', () => {
    const { store, identities } = fixture('3.00', '1.00', '2.00');
    // total|1 is in h1 and r:total: both hold.
    expect(cellVerdicts(store, identities).get('02|total|1')).toEqual({ confirmed: 2, failed: [] });
  });

  it('raises a cell confirmed by two holding identities halfway to 1; zeros and undetermined columns stay', () => {
    expect(adjustCell(0.9, { confirmed: 2, failed: [] }, { text: '12.50' })).toBe(0.95);
    expect(adjustCell(0.9, { confirmed: 1, failed: [] }, { text: '12.50' })).toBe(0.9);
    expect(adjustCell(0.9, { confirmed: 3, failed: [] }, { text: '0.00' })).toBe(0.9);
    expect(adjustCell(0.4, { confirmed: 3, failed: [] }, { text: '5.00', columnDetermined: false })).toBe(0.4);
    expect(adjustCell(0.9, { confirmed: 3, failed: ['x'] }, { text: '5.00' })).toBe(0.63);
  });

  it('lowers every cell of a failing identity ×0.7 and adds a warn for cells falling below 0.5', () => {
    // total 4.00 ≠ 1.00 + 2.00 in both columns; the row sums still hold.
    const { store, identities } = fixture('4.00', '1.00', '2.00');
    const out = adjust(store, identities, []);
    const rows = new Map(out.tables[0]!.rows.map((r) => [r.key, r]));
    expect(rows.get('total')!.confidence).toBe(0.7); // 1 × 0.7
    expect(rows.get('code:201')!.confidence).toBe(0.63); // 0.9 × 0.7
    // code:202 cell 1: 0.6 × 0.7 = 0.42 < 0.5 → warn; cell 2 had the row's 0.6 too (row confidence is the minimum).
    expect(rows.get('code:202')!.confidence).toBe(0.42);
    expect(out.findings.map((f) => [f.level, f.check, f.row, f.column])).toEqual([
      ['warn', 'confidence.low', 'code:202', '1'],
      ['warn', 'confidence.low', 'code:202', '2'],
    ]);
    expect(store.cell('02', 'code:202', 1)!.conf).toBe(0.6); // input untouched
  });

  it('keeps findings single: a cell already flagged warn is not flagged again', () => {
    const { store, identities } = fixture('4.00', '1.00', '2.00');
    const prior: Finding[] = [
      {
        level: 'warn' as const,
        stage: 'table' as const,
        check: 'table.column-inferred',
        table: '02',
        row: 'code:202',
        column: '1',
        message: 'm',
      },
    ];
    const out = adjust(store, identities, prior);
    expect(out.findings.map((f) => f.column)).toEqual(['2']);
  });
});
