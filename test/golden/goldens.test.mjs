// The goldens are only worth something if they are consistent with the seed text and with the
// arithmetic of the report; these tests pin that, and show that the checks do catch a misplaced
// column or a retyped number (so a broken golden cannot pass silently).
import { describe, expect, it } from 'vitest';
import { compareWithKnown, isDifference, loadGoldens, loadKnown, verifyGolden } from './verify-goldens.mjs';

const goldens = loadGoldens([]);
const clone = (g) => JSON.parse(JSON.stringify(g));
const bySeed = (prefix) => clone(goldens.find((g) => g.seed.startsWith(prefix)));
const rowOf = (g, id, key) => g.tables.find((t) => t.id === id).rows.find((r) => r.key === key);

describe('golden tables', () => {
  it('cover the five seeds, with 002 printing no tables', () => {
    expect(goldens.map((g) => g.seed.slice(0, 3))).toEqual(['000', '001', '002', '003', '004']);
    expect(bySeed('002')).toMatchObject({ tables: [], parts: [1, 3, 4, 5] });
    for (const g of goldens.filter((g) => g.tables.length)) {
      expect(g.tables.map((t) => t.id)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10']);
    }
  });

  for (const g of goldens) {
    it(`${g.seed}: structure and transcription hold`, () => {
      const bad = verifyGolden(g).filter((r) => r.status === 'ERROR');
      expect(bad).toEqual([]);
    });
  }

  it('show exactly the reviewed differences of known-differences.json', () => {
    const results = goldens.flatMap(verifyGolden);
    expect(compareWithKnown(results, loadKnown())).toEqual({ unexpected: [], missing: [] });
  });

  it('flag an amount moved to the wrong column (003 公开03表 2010302: 项目支出 → 基本支出)', () => {
    const g = bySeed('003');
    const r = rowOf(g, '03', 'code:2010302');
    r.values = { 1: r.values['1'], 2: r.values['3'] };
    const beyond = verifyGolden(g)
      .filter((x) => x.status === 'BEYOND')
      .map((x) => x.where);
    expect(beyond).toContain('03 code:20103 c2 = Σ 2010301+2010302+2010399');
    expect(beyond).toContain('03 code:20103 c3 = Σ 2010301+2010302+2010399');
  });

  it('flag a retyped amount (000 公开02表 201 本年收入合计)', () => {
    const g = bySeed('000');
    rowOf(g, '02', 'code:201').values['1'] = '239.28';
    const results = verifyGolden(g);
    expect(results.some((x) => x.check === 'T' && x.status === 'ERROR')).toBe(true);
    expect(results.filter(isDifference).some((x) => x.check === 'A6' && x.status === 'BEYOND')).toBe(true);
  });

  it('flag a dash cell read as a value (09 L7 年初预算数)', () => {
    const g = bySeed('000');
    rowOf(g, '09', 'line:7').values['1'] = '0.00';
    expect(verifyGolden(g).some((x) => x.check === 'A19' && x.status === 'ERROR')).toBe(true);
  });
});
