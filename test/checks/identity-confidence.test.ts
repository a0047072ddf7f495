import { describe, it, expect } from 'vitest';
import { Decimal } from '../../src/decimal.js';
import { CellStore } from '../../src/cells/cell-store.js';
import type { Identity } from '../../src/identities/identity.js';
import { adjustCell, cellVerdicts, confidenceFromIdentities } from '../../src/identity-confidence.js';
import type { Table } from '../../src/schema/record.js';

/** A 02-like table: total = a + b (per column), and a row sum total 栏1 = 栏2. */
function fixture(total: string, a: string, b: string) {
  const store = new CellStore();
  store.addTable('02', ['total', 'code:201', 'code:202']);
  const put = (row: string, v: string) =>
    store.set(
      '02',
      row,
      new Map([
        [1, new Decimal(v)],
        [2, new Decimal(v)],
      ]),
    );
  put('total', total);
  put('code:201', a);
  put('code:202', b);
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
  const table: Table = {
    id: '02',
    title: 't',
    unit: '万元',
    pages: [],
    columns: [],
    rows: [
      { key: 'total', label: '合计', values: { 1: total, 2: total }, confidence: 1 },
      { key: 'code:201', label: 'a', values: { 1: a, 2: a }, confidence: 0.9 },
      { key: 'code:202', label: 'b', values: { 1: b, 2: b }, confidence: 0.6, cellConfidence: { 1: 0.6 } },
    ],
  };
  return { store, identities, table };
}

describe('confidence from identities', () => {
  it('counts holding equalities and failing rules per cell', () => {
    const { store, identities } = fixture('3.00', '1.00', '2.00');
    // total|1 is in h1 and r:total: both hold.
    expect(cellVerdicts(store, identities).get('02|total|1')).toEqual({ confirmed: 2, failed: [] });
  });

  it('raises a cell confirmed by two holding identities halfway to 1; zeros and undetermined columns stay', () => {
    expect(adjustCell(0.9, { confirmed: 2, failed: [] }, '12.50', undefined)).toBe(0.95);
    expect(adjustCell(0.9, { confirmed: 1, failed: [] }, '12.50', undefined)).toBe(0.9);
    expect(adjustCell(0.9, { confirmed: 3, failed: [] }, '0.00', undefined)).toBe(0.9);
    expect(
      adjustCell(0.4, { confirmed: 3, failed: [] }, '5.00', {
        conf: 0.4,
        placement: 'arithmetic',
        origin: 'text',
        columnDetermined: false,
      }),
    ).toBe(0.4);
    expect(adjustCell(0.9, { confirmed: 3, failed: ['x'] }, '5.00', undefined)).toBe(0.63);
  });

  it('lowers every cell of a failing identity ×0.7 and adds a warn for cells falling below 0.5', () => {
    // total 4.00 ≠ 1.00 + 2.00 in both columns; the row sums still hold.
    const { store, identities, table } = fixture('4.00', '1.00', '2.00');
    const out = confidenceFromIdentities({ tables: [table], store, identities, evidence: new Map(), findings: [] });
    const rows = new Map(out.tables[0]!.rows.map((r) => [r.key, r]));
    expect(rows.get('total')!.confidence).toBe(0.7); // 1 × 0.7
    expect(rows.get('code:201')!.confidence).toBe(0.63); // 0.9 × 0.7
    // code:202 cell 1: 0.6 × 0.7 = 0.42 < 0.5 → warn; cell 2 had the row's 0.6 too (row confidence is the minimum).
    expect(rows.get('code:202')!.confidence).toBe(0.42);
    expect(out.findings.map((f) => [f.level, f.check, f.row, f.column])).toEqual([
      ['warn', 'confidence.low', 'code:202', '1'],
      ['warn', 'confidence.low', 'code:202', '2'],
    ]);
    expect(table.rows[2]!.confidence).toBe(0.6); // input untouched
  });

  it('keeps findings single: a cell already flagged warn is not flagged again', () => {
    const { store, identities, table } = fixture('4.00', '1.00', '2.00');
    const prior = [
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
    const out = confidenceFromIdentities({ tables: [table], store, identities, evidence: new Map(), findings: prior });
    expect(out.findings.map((f) => f.column)).toEqual(['2']);
  });
});
